"""A long import does not block the user's edits, and two imports at once both succeed.

The import reads and checks its file without the write lock and holds it only for the final
write; an edit that meets that lock waits and succeeds. These run real threads on a real
SQLite file (WAL), like the GUI does (imports run off the GUI thread on their own connection).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.db.round_fixtures import item_ids, make_rooms, make_round, make_template
from vernetool.db.migrations import open_store
from vernetool.exchange.result import ImportResult
from vernetool.services import Services, Store

ROOMS = 30_000


@dataclass
class Walk:
    services: Services
    round_room_ids: list[int]
    item_ids: list[int]


@pytest.fixture
def walk(db_path: Path) -> Iterator[Walk]:
    conn = open_store(db_path)
    template_id = make_template(conn)
    round_id = make_round(conn, make_rooms(conn, 3), template_id)
    rr_ids = [r[0] for r in conn.execute(
        "SELECT id FROM round_room WHERE round_id = ? AND room_id IS NOT NULL", (round_id,))]
    services = Services(Store(conn, db_path, lambda: "tester"))
    yield Walk(services, rr_ids, item_ids(conn, template_id))
    conn.close()


def _rooms_csv(path: Path, count: int, building: str = "BIG") -> Path:
    lines = ["Bygg;Byggnavn;Romnr;Romnavn;Romtype;Etasje;Areal (m²);Enhet"]
    lines += [f"{building}{n // 500};Bygg {n // 500};{n % 500:04d};Rom {n};"
              f"{('Kontor', 'Laboratorium', 'Lager')[n % 3]};{n % 6};{10 + n % 80},5;U{n % 30}"
              for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Importer(threading.Thread):
    def __init__(self, services: Services, kind: str, source: Path) -> None:
        super().__init__(daemon=True)
        self.services, self.kind, self.source = services, kind, source
        self.result: ImportResult | None = None
        self.error: BaseException | None = None
        self.started_at = self.ended_at = 0.0

    def run(self) -> None:
        self.started_at = time.perf_counter()
        try:
            self.result = self.services.exchange.import_file(self.kind, self.source)
        except BaseException as exc:
            self.error = exc
        self.ended_at = time.perf_counter()


def test_answers_saved_during_a_long_import_all_succeed_and_are_stored(
        walk: Walk, tmp_path: Path) -> None:
    source = _rooms_csv(tmp_path / "rooms.csv", ROOMS)
    importer = _Importer(walk.services, "rooms", source)
    failures: list[BaseException] = []
    saved: dict[tuple[int, int], str] = {}
    done_at: list[float] = []
    waits: list[float] = []
    slots = itertools.cycle([(rr, item) for rr in walk.round_room_ids for item in walk.item_ids])
    answers = itertools.cycle(["ok", "improve", "not_relevant"])
    importer.start()
    while importer.is_alive() or len(done_at) < 5:
        (rr, item), answer = next(slots), next(answers)
        asked = time.perf_counter()
        try:
            walk.services.walk.answer(rr, item, answer)
        except Exception as exc:
            failures.append(exc)
        else:
            saved[(rr, item)] = answer
            done_at.append(time.perf_counter())
            waits.append(done_at[-1] - asked)
    importer.join()
    assert importer.error is None, importer.error
    assert importer.result is not None and importer.result.imported == ROOMS
    assert failures == []
    stored = {(r[0], r[1]): r[2] for r in walk.services.store.conn.execute(
        "SELECT round_room_id, item_id, answer FROM round_answer")}
    assert {k: stored.get(k) for k in saved} == saved
    # The write lock was held only for the final write, not through the import: no answer
    # waited for more than a part of it (before, one waited for nearly all of it).
    span = importer.ended_at - importer.started_at
    assert max(waits) < 0.6 * span, f"an answer waited {max(waits):.1f} s of {span:.1f} s"
    rooms = walk.services.store.conn.execute("SELECT count(*) FROM room").fetchone()[0]
    assert rooms == ROOMS + 3


def test_two_big_imports_at_once_both_succeed(walk: Walk, tmp_path: Path) -> None:
    first = _Importer(walk.services, "rooms", _rooms_csv(tmp_path / "a.csv", 12_000, "A"))
    second = _Importer(walk.services, "rooms", _rooms_csv(tmp_path / "b.csv", 12_000, "B"))
    first.start()
    second.start()
    first.join()
    second.join()
    assert first.error is None and second.error is None, (first.error, second.error)
    assert first.result is not None and second.result is not None
    assert (first.result.imported, second.result.imported) == (12_000, 12_000)
    rooms = walk.services.store.conn.execute("SELECT count(*) FROM room").fetchone()[0]
    assert rooms == 24_000 + 3


def test_the_same_people_imported_twice_at_once_are_not_duplicated(
        walk: Walk, tmp_path: Path) -> None:
    """The second import waits for the first and prepares again: it finds everyone."""
    source = tmp_path / "people.csv"
    source.write_text("Navn;E-post;Enhet;Roller\n" + "".join(
        f"Person {n};p{n}@example.org;U{n % 7};employee\n" for n in range(3000)),
        encoding="utf-8")
    imports = [_Importer(walk.services, "persons", source) for _ in range(2)]
    for thread in imports:
        thread.start()
    for thread in imports:
        thread.join()
    assert all(t.error is None for t in imports), [t.error for t in imports]
    results = sorted((t.result.imported, t.result.skipped) for t in imports if t.result)
    assert results == [(0, 3000), (3000, 0)]
    conn = walk.services.store.conn
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 3000


def test_an_import_that_finds_the_store_changed_prepares_again(tmp_path: Path) -> None:
    """Deterministic: while the first import is between preparing and writing, a second one
    imports the same people; the first then finds them all instead of adding them again."""
    from vernetool.db.connection import connect
    from vernetool.exchange.persons_io import import_persons

    db = tmp_path / "db.sqlite"
    open_store(db).close()
    source = tmp_path / "people.csv"
    source.write_text("Navn;E-post\n" + "".join(f"P {n};p{n}@example.org\n" for n in range(50)),
                      encoding="utf-8")
    first, other = connect(db), connect(db)
    meddled: list[ImportResult] = []

    def progress(done: int, total: int) -> None:
        if done == total and not meddled:  # every row prepared, the lock not yet taken
            meddled.append(import_persons(other, source, actor="other"))

    result = import_persons(first, source, actor="first", progress=progress)
    assert meddled[0].imported == 50
    assert (result.imported, result.skipped, result.errors) == (0, 50, [])
    assert first.execute("SELECT count(*) FROM person").fetchone()[0] == 50
    first.close()
    other.close()


def test_a_write_that_meets_the_lock_waits_for_it(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE is tried again after the busy timeout instead of failing at once."""
    from vernetool.db import connection
    from vernetool.db.connection import atomic, connect

    db = tmp_path / "db.sqlite"
    open_store(db).close()
    holder, waiter = connect(db), connect(db)
    waiter.execute("PRAGMA busy_timeout = 200")
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: holder.execute("ROLLBACK"))
    release.start()
    started = time.perf_counter()
    with atomic(waiter):
        waiter.execute("INSERT INTO unit (code) VALUES ('WAITED')")
    assert time.perf_counter() - started >= 0.2
    assert connection.BEGIN_TRIES * 200 > 300  # the tries outlast the holder
    release.join()
    assert waiter.execute("SELECT count(*) FROM unit WHERE code = 'WAITED'").fetchone()[0] == 1
    holder.close()
    waiter.close()
