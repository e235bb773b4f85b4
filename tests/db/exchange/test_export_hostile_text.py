"""Every CSV and XLSX export is safe for any text: control characters put before a formula
(``"\\x01=cmd|' /C calc'!A0"``) are stripped *before* the formula guard, so no cell becomes a
formula or text starting with ``= + - @`` — rooms, persons, deviations, the action plan, and
the action plan of a round that arrived through a merged bundle (property tests)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.db.round_fixtures import make_rooms, make_round, make_template, round_room_ids
from vernetool.db.deviations import records as deviations_db
from vernetool.db.migrations import open_store
from vernetool.db.organisation.persons import save_person
from vernetool.db.organisation.rooms import save_room
from vernetool.db.rounds import findings as findings_db
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.domain.organisation import Person, Room, RoomType
from vernetool.domain.rounds import Finding, Severity
from vernetool.exchange.action_plan_io import export_action_plan
from vernetool.exchange.deviations_io import export_deviations
from vernetool.exchange.persons_io import export_persons
from vernetool.exchange.rooms_io import export_rooms
from vernetool.exchange.round_bundle import export_bundle, merge_bundle

FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r")
NEGATIVE_NUMBER = re.compile(r"^-[0-9]+([.,][0-9]+)?$")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
PAYLOADS = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","klikk")', "+1+1",
            "-2+3", "@SUM(A1)", "=1", "\t=1", "\r=1", " =1", "\uff1d1")
CONTROLS = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1f,
                                          blacklist_characters="\n"), max_size=3)
# a run of control characters (and maybe white space) before a formula, or any text at all
HOSTILE = st.one_of(
    st.builds(lambda c, w, p, t: c + w + p + t, CONTROLS, st.sampled_from(["", " ", "\n"]),
              st.sampled_from(PAYLOADS), st.text(max_size=10)),
    st.builds(lambda c, t: c + t, CONTROLS,
              st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)))
PROPERTY = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def assert_safe_text(value: str, where: str) -> None:
    assert not CONTROL.search(value), (where, value)
    if NEGATIVE_NUMBER.match(value):
        return  # a plain negative number (a floor "-1") is no formula
    assert not value.startswith(FORMULA), (where, value)


def assert_safe_xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name), name
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert_safe_text(cell.value, f"{path.name}!{cell.coordinate}")


def assert_safe_csv(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    for line_no, row in enumerate(csv.reader(text.splitlines(keepends=True), delimiter=";")):
        for value in row:
            assert_safe_text(value, f"{path.name} row {line_no}")


def assert_exports_safe(tmp_path: Path, export: Callable[[Path, str], object]) -> None:
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"export.{fmt}"
        export(out, fmt)
        (assert_safe_csv if fmt == "csv" else assert_safe_xlsx)(out)


@pytest.mark.parametrize("text", ["\x01=cmd|' /C calc'!A0", "\x1f+1+1", "\x08@SUM(A1)",
                                  "\x00\x01\x02-2+3", "\x0b=1"])
def test_known_probe_inputs_never_become_formulas(conn: sqlite3.Connection, tmp_path: Path,
                                                   text: str) -> None:
    save_room(conn, Room("B9", "1", RoomType.OTHER, name=text, floor=text, unit_code="U"))
    export_rooms(conn, tmp_path / "rooms.xlsx", "xlsx")
    from openpyxl import load_workbook

    values = [c.value for c in load_workbook(tmp_path / "rooms.xlsx").active[2]]
    cleaned = CONTROL.sub("", text)
    assert "'" + cleaned in values  # written as text, the guard in front
    assert_safe_xlsx(tmp_path / "rooms.xlsx")


@given(text=HOSTILE)
@PROPERTY
def test_rooms_export_is_safe_for_any_text(conn: sqlite3.Connection, tmp_path: Path,
                                           text: str) -> None:
    number = str(conn.execute("SELECT count(*) FROM room").fetchone()[0] + 1)
    save_room(conn, Room("B1", number, RoomType.OFFICE, name=text, floor=text[:10],
                         unit_code="IKJ"))
    assert_exports_safe(tmp_path, lambda out, fmt: export_rooms(conn, out, fmt))


@given(text=HOSTILE)
@PROPERTY
def test_persons_export_is_safe_for_any_text(conn: sqlite3.Connection, tmp_path: Path,
                                             text: str) -> None:
    n = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    # SQLite ends text at NUL for its CHECK (a name must not be blank)
    save_person(conn, Person(text.replace("\x00", "") + f"x{n}", f"p{n}@example.org",
                             phone=text[:20], unit_code="@unit"))
    assert_exports_safe(tmp_path, lambda out, fmt: export_persons(
        conn, out, fmt, include_personal_data=True))


@given(text=HOSTILE)
@PROPERTY
def test_deviations_export_is_safe_for_any_text(conn: sqlite3.Connection, tmp_path: Path,
                                                text: str) -> None:
    deviations_db.create_deviation(conn, Deviation(
        DeviationType.HAZARD, text.replace("\x00", "") + "x", dt.date(2026, 3, 1),
        description=text,
        room_text=text, category=text, immediate_action=text, reporter=text), actor="t")
    assert_exports_safe(tmp_path, lambda out, fmt: export_deviations(
        conn, out, fmt, include_personal_data=True))


def finding(text: str, round_room_id: int) -> Finding:
    # SQLite ends text at NUL for its CHECK (a description must not be blank)
    return Finding(text.replace("\x00", "") + "x", Severity.HIGH, text, text,
                   deadline=dt.date(2026, 1, 10), round_room_id=round_room_id)


@pytest.fixture
def round_room(conn: sqlite3.Connection) -> tuple[int, int]:
    rid = make_round(conn, make_rooms(conn, 1), make_template(conn))
    return rid, round_room_ids(conn, rid)[0]


@given(text=HOSTILE)
@PROPERTY
def test_action_plan_export_is_safe_for_any_text(conn: sqlite3.Connection, tmp_path: Path,
                                                 round_room: tuple[int, int], text: str) -> None:
    rid, rr = round_room
    findings_db.save_finding(conn, finding(text, rr), "t")
    for lang in ("nb", "en"):
        assert_exports_safe(tmp_path, lambda out, fmt, lang=lang: export_action_plan(
            conn, rid, out, fmt, lang, today=dt.date(2026, 6, 1)))


@pytest.fixture
def two_laptops(tmp_path: Path) -> Iterator[tuple[sqlite3.Connection, sqlite3.Connection]]:
    a = open_store(tmp_path / "a" / "vernetool.sqlite")
    b = open_store(tmp_path / "b" / "vernetool.sqlite")
    make_round(a, make_rooms(a, 1), make_template(a), uid="11111111-2222-3333-4444-55555555")
    make_rooms(b, 1)
    yield a, b
    a.close()
    b.close()


@given(text=HOSTILE)
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_action_plan_of_a_merged_bundle_is_safe(
        two_laptops: tuple[sqlite3.Connection, sqlite3.Connection], tmp_path: Path,
        text: str) -> None:
    a, b = two_laptops
    rid = a.execute("SELECT id FROM hse_round").fetchone()[0]
    rr = round_room_ids(a, rid)[0]
    findings_db.save_finding(a, finding(text, rr), "t")
    bundle = export_bundle(a, rid, tmp_path / "bundle.zip", tmp_path / "a")
    merge_bundle(b, bundle, tmp_path / "b", "b")
    merged = b.execute("SELECT id FROM hse_round").fetchone()[0]
    assert_exports_safe(tmp_path, lambda out, fmt: export_action_plan(
        b, merged, out, fmt, "nb", today=dt.date(2026, 6, 1)))
