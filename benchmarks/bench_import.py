"""Importing 30,000 rooms from an XLSX file: vernetool's import vs the floor.

The import is the real one (``ExchangeService.import_file("rooms", ...)``: read with
python-calamine after the workbook checks, every row parsed and checked outside the write
transaction, then one write: buildings, units and one prepared ``executemany`` of the rooms,
the audit entry, commit), into a new database each run.

The floor, measured in the same run on the same file: python-calamine reading the sheet into
Python lists (nothing else), plus a raw ``executemany`` of the rows as read into the same
schema (buildings, then rooms, in one transaction on a connection like the app's: WAL,
synchronous FULL), no checks, no header matching, no parsing.

Target (issue 8): import ≤ 2 × the floor (DESIGN.md says ≤ 1.5 × for chemicals later).
Also shown: re-importing the same file (nothing changes, nothing is written but the audit).

Usage: python benchmarks/bench_import.py [--rooms 30000] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

HEADERS = ["Bygg", "Byggnavn", "Kampus", "Romnr", "Romnavn", "Romtype", "Etasje", "Areal (m²)",
           "Enhet"]
TYPES = ["Kontor", "Laboratorium", "Lager", "Verksted", "Fellesareal", "office", "lab"]


def make_workbook(path: Path, rooms: int) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Rom")
    sheet.append(HEADERS)
    for n in range(rooms):
        building = n // 250
        sheet.append([f"B{building:03d}", f"Bygning {building}", f"Kampus {building % 4}",
                      f"{(n % 250) // 50 + 1}{n % 50:03d}", f"Rom {n}", TYPES[n % len(TYPES)],
                      str((n % 250) // 50 + 1), round(8 + (n * 7) % 120 + 0.5, 1),
                      f"IE{n % 25:02d}"])
    book.save(path)
    return path


class Clock:
    """Wall and CPU time of a stretch (the machine may be shared: CPU time is the steadier
    figure; wall time includes waiting for the disk's fsync and for a CPU)."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def floor(source: Path, db: Path) -> tuple[Clock, Clock, int]:
    """(calamine read, raw executemany, rows): the least any XLSX import must do."""
    from python_calamine import CalamineWorkbook

    from vernetool.db.connection import connect

    with Clock() as read:
        book = CalamineWorkbook.from_path(str(source))
        rows = list(book.get_sheet_by_index(0).iter_rows())
        book.close()

    conn = connect(db)
    with Clock() as write:
        _raw_write(conn, rows)
    conn.close()
    return read, write, len(rows) - 1


def _raw_write(conn: Any, rows: list[list[Any]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    buildings = {code: i for i, code in enumerate(sorted({r[0] for r in rows[1:]}), start=1)}
    conn.executemany("INSERT INTO building (id, code, name) VALUES (?, ?, '')",
                     [(i, code) for code, i in buildings.items()])
    conn.executemany(
        "INSERT INTO room (building_id, number, name, type, floor, area_m2, search_text) "
        "VALUES (?, ?, ?, 'other', ?, ?, ?)",
        [(buildings[r[0]], r[3], r[4], r[6], r[7], r[4]) for r in rows[1:]])
    conn.execute("COMMIT")


def vernetool_import(source: Path, db: Path) -> tuple[Clock, Clock, int]:
    """(first import, re-import of the same file, rooms imported) through the service."""
    from vernetool.db.migrations import open_store
    from vernetool.services import Services, Store

    conn = open_store(db)
    services = Services(Store(conn, db, lambda: "bench"))
    with Clock() as first:
        result = services.exchange.import_file("rooms", source)
    assert not result.errors, result.errors[:3]
    with Clock() as second:
        again = services.exchange.import_file("rooms", source)
    assert again.imported == 0, again.imported
    conn.close()
    return first, second, result.imported


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the workbook and databases here")
    args = parser.parse_args()
    from vernetool.db.migrations import open_store

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    source = make_workbook(work / "rooms.xlsx", args.rooms)
    print(f"{args.rooms} rooms, {source.stat().st_size / 1e6:.1f} MB XLSX")
    runs: list[tuple[Clock, Clock, Clock, Clock]] = []
    for run in range(args.runs):
        floor_db = work / f"floor-{run}.sqlite"
        open_store(floor_db).close()  # the schema, made before the clock starts
        read, write, count = floor(source, floor_db)
        first, again, imported = vernetool_import(source, work / f"import-{run}.sqlite")
        assert imported == count == args.rooms, (imported, count)
        runs.append((read, write, first, again))
        for kind in ("wall", "cpu"):
            r, w, f, a = (getattr(c, kind) for c in runs[-1])
            print(f"run {run + 1} {kind:4s}: floor {r:.2f} s read + {w:.2f} s executemany = "
                  f"{r + w:.2f} s; import {f:.2f} s ({f / (r + w):.2f} x); re-import {a:.2f} s")
    for kind in ("wall", "cpu"):
        r, w, f, a = (statistics.median(getattr(c[i], kind) for c in runs) for i in range(4))
        print(f"median {kind}: floor {r:.2f} + {w:.2f} = {r + w:.2f} s; import {f:.2f} s; "
              f"re-import {a:.2f} s; ratio import / floor {f / (r + w):.2f} x (target <= 2 x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
