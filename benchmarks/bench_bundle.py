"""A deviations bundle of 10,000 deviations: how long queuing it takes and how big the zip is.

The database: 10,000 deviations over 10 years in 300 rooms (title, a 300-character
description, cause and immediate action, category, consequence and probability; one in five
an accident with its injury record), each with a measure (named responsible — left out of
the bundle) and three status changes, written with ``executemany`` before the clock starts
(the change log's triggers log them as any writer would).

Ours: ``DeliveryService.queue_due`` for a folder target sending ``deviations`` — in one
write transaction: the change log read, the records read in bulk (deviations, measures,
history), laid out under the mapping as deviations.csv, measures.csv, history.csv and the
nested deviations.json with every text neutralised, the manifest with a sha256 per file, the
zip deflated and stored in the outbox.

The floor, in the same run on the same database: a raw SELECT of the same deviation columns,
measures and history, ``csv.writer`` into memory (no neutralising, no mapping) and a
deflated zip of those three files — what any exporter must at least do.

Usage: python benchmarks/bench_bundle.py [--deviations 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

WORDS = ("glass", "avtrekk", "gulv", "søl", "kjemikalie", "stige", "kabel", "dør", "alarm",
         "hanske", "vernebriller", "trapp", "lys", "ventilasjon", "støy", "skap", "flaske")
TYPES = ("improvement", "hazard", "near_miss", "accident")


def _text(rng: random.Random, length: int) -> str:
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < length:
        out.append(rng.choice(WORDS))
    return " ".join(out).capitalize() + "."


def make_db(path: Path, count: int) -> None:
    from vernetool.db.connection import atomic
    from vernetool.db.migrations import open_store
    from vernetool.db.organisation.rooms import save_room
    from vernetool.domain.organisation import Room, RoomType

    rng = random.Random(12)
    conn = open_store(path)
    try:
        with atomic(conn):
            rooms = [save_room(conn, Room(f"B{b}", f"{100 + r}", RoomType.LAB, "Lab", "1",
                                          20.0, "IKJ"))[0] for b in range(10) for r in range(30)]
            unit = conn.execute("SELECT id FROM unit WHERE code = 'IKJ'").fetchone()[0]
            devs, injuries, actions, history = [], [], [], []
            start = dt.date(2016, 1, 1)
            for i in range(1, count + 1):
                day = start + dt.timedelta(days=i * 3650 // count)
                kind = TYPES[i % 4]
                devs.append((i, kind, _text(rng, 40), _text(rng, 300), day.isoformat(),
                             rng.choice(rooms), unit, f"Ola Nordmann {i}",
                             "Bygning og materiell", "Elektro", rng.randint(1, 5),
                             rng.randint(1, 5), _text(rng, 80), _text(rng, 80)))
                if kind == "accident":
                    injuries.append((i, rng.randint(0, 1), rng.choice(("none", "le3", "gt3"))))
                actions.append((i, _text(rng, 60), f"Kari Ansvarlig {i}",
                                (day + dt.timedelta(days=30)).isoformat()))
                history += [(i, None, "registered", "Saksbehandler"),
                            (i, "registered", "accepted", "Saksbehandler"),
                            (i, "accepted", "in_progress", "Saksbehandler")]
            conn.executemany(
                "INSERT INTO deviation (id, type, title, description, reported_at, room_id, "
                "unit_id, reporter, category, subcategory, potential_consequence, "
                "probability, cause, immediate_action, status, closing_deadline) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?)",
                [(*d, d[4]) for d in devs])
            conn.executemany("INSERT INTO deviation_injury (deviation_id, nav_reported, absence)"
                             " VALUES (?, ?, ?)", injuries)
            conn.executemany("INSERT INTO deviation_action (deviation_id, description, "
                             "responsible_name, deadline) VALUES (?, ?, ?, ?)", actions)
            conn.executemany("INSERT INTO deviation_status_history (deviation_id, "
                             "from_status, to_status, actor) VALUES (?, ?, ?, ?)", history)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def ours(path: Path, out: Path) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, zip bytes and rows of queuing the deviations bundle."""
    from vernetool.db.migrations import open_store
    from vernetool.services import Services, Store

    conn = open_store(path)
    try:
        services = Services(Store(conn, path, lambda: "bench"))
        services.delivery.targets.add("eqs", kind="folder", path=str(out), sends="deviations")
        began, cpu = time.perf_counter(), time.process_time()
        [bundle] = services.delivery.queue_due("eqs")
        return (time.perf_counter() - began, time.process_time() - cpu, bundle.size_bytes,
                bundle.rows)
    finally:
        conn.close()


def floor(path: Path) -> tuple[float, float, int]:
    import sqlite3

    began, cpu = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(path)
    try:
        files = {}
        for name, sql in (
                ("deviations.csv", "SELECT d.id, d.external_id, d.type, d.title, "
                 "d.description, d.reported_at, d.occurred_at, b.code || ':' || r.number, "
                 "u.code, d.category, d.subcategory, d.actual_consequence, "
                 "d.potential_consequence, d.probability, d.immediate_action, d.cause, "
                 "d.status, d.closing_deadline, d.rejected_reason, d.closed_at, d.updated_at, "
                 "i.nav_reported, i.absence, i.medical_treatment, i.reassigned, i.fatality "
                 "FROM deviation d LEFT JOIN room r ON r.id = d.room_id "
                 "LEFT JOIN building b ON b.id = r.building_id "
                 "LEFT JOIN unit u ON u.id = d.unit_id "
                 "LEFT JOIN deviation_injury i ON i.deviation_id = d.id ORDER BY d.id"),
                ("measures.csv", "SELECT id, deviation_id, description, deadline, status, "
                 "done_at FROM deviation_action ORDER BY deviation_id, id"),
                ("history.csv", "SELECT deviation_id, at, from_status, to_status, "
                 "closing_deadline, reason, source FROM deviation_status_history "
                 "ORDER BY deviation_id, id")):
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter=";")
            cursor = conn.execute(sql)
            writer.writerow([c[0] for c in cursor.description])
            writer.writerows(cursor)
            files[name] = buffer.getvalue().encode("utf-8-sig")
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
    finally:
        conn.close()
    return time.perf_counter() - began, time.process_time() - cpu, len(zipped.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deviations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vernetool-bench-bundle-") as temp:
        base = Path(temp) / "base.sqlite"
        began = time.perf_counter()
        make_db(base, args.deviations)
        print(f"database: {args.deviations:,} deviations made in "
              f"{time.perf_counter() - began:.1f} s")
        times: list[tuple[float, float]] = []
        floors: list[tuple[float, float]] = []
        size = rows = floor_size = 0
        for run in range(args.runs):
            copy = Path(temp) / f"run{run}.sqlite"
            shutil.copyfile(base, copy)
            out = Path(temp) / f"out{run}"
            out.mkdir()
            wall, cpu, size, rows = ours(copy, out)
            times.append((wall, cpu))
            floor_wall, floor_cpu, floor_size = floor(base)
            floors.append((floor_wall, floor_cpu))
            print(f"run {run + 1}: ours {wall:.2f} s ({cpu:.2f} s CPU), "
                  f"floor {floor_wall:.2f} s ({floor_cpu:.2f} s CPU)")
        ours_wall = statistics.median(t[0] for t in times)
        ours_cpu = statistics.median(t[1] for t in times)
        floor_wall = statistics.median(t[0] for t in floors)
        floor_cpu = statistics.median(t[1] for t in floors)
        print(f"bundle: {rows:,} rows, zip {size / 1e6:.2f} MB (floor's zip "
              f"{floor_size / 1e6:.2f} MB, without deviations.json)")
        print(f"ours {ours_wall:.2f} s wall, {ours_cpu:.2f} s CPU · floor {floor_wall:.2f} s "
              f"wall, {floor_cpu:.2f} s CPU · ratio (CPU) {ours_cpu / floor_cpu:.1f}×")

if __name__ == "__main__":
    main()
