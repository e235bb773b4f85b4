"""Importing 50,000 chemical holdings from the central register's XLSX extract vs the floor.

The file: the central register's extract as a faculty gets it (Norwegian headers, a location
path per row ``Campus > Building (CODE) > ROOM > Place``, H codes as people write them —
``H225, H319 og H336``, decimal commas, ``liter``, ``Revisjon: 05.11.2021``, ``Norsk``,
``I bruk``/``Avhendet``) with the demo's catalogue of 462 real products spread over 1,500
lab rooms: 50,000 rows, each a holding (product + room + place).

Ours: ``ExchangeService.import_file("chemicals", ...)`` — what ``vernetool import chemicals``
runs — into a copy of a database that holds the rooms (made before the clock starts): the
workbook checks, python-calamine, every row parsed and checked (location path to a room,
CAS check digits, statements, signal word, units, dates), then one write of products
(components, statements), sheets and holdings, audited.

The floor, in the same run on the same file: python-calamine reading the sheet into Python
lists, plus a raw ``executemany`` of the same rows into the same schema (products with their
components and statements, then the holdings, the room found by a dict lookup of the path)
in one transaction on a connection like the app's — no checks, no parsing beyond splitting.

Target (DESIGN.md): import ≤ 1.5 × the floor. Also shown: re-importing the same file.

Usage: python benchmarks/bench_chemicals_import.py [--holdings 50000] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

HEADERS = ["Lokasjon", "Produktnavn", "Leverandør", "CAS-nr", "Faresetninger", "Signalord",
           "Mengde", "Enhet", "Antall beholdere", "Sikkerhetsdatablad", "SDB revisjonsdato",
           "SDB språk", "Status", "Avhendet dato"]
CAMPUSES = ["Gløshaugen", "Dragvoll", "Øya", "Kalvskinnet", "Gjøvik", "Ålesund"]
BUILDINGS = 60
ROOMS_PER_BUILDING = 25
_SIGNAL = {"danger": "Fare", "warning": "Advarsel", "": ""}
_UNIT_WORDS = {"mL": "ml", "L": "liter", "g": "g", "kg": "kg", "mg": "mg", "pcs": "stk"}


class Clock:
    """Wall and CPU time of a stretch (CPU time is the steadier figure on a shared machine)."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def _rooms() -> list[tuple[str, str, str, str]]:
    """(campus, building code, building name, room number) of the lab rooms."""
    return [(CAMPUSES[b % len(CAMPUSES)], f"K{b + 100}", f"Laboratoriebygg {b + 100}",
             f"{r // 10 + 1}{r % 10 + 10:02d}")
            for b in range(BUILDINGS) for r in range(ROOMS_PER_BUILDING)]


def make_rooms_db(path: Path) -> Path:
    """A database holding the rooms the extract names (and nothing else)."""
    from vernetool.db.connection import atomic
    from vernetool.db.migrations import open_store
    from vernetool.db.organisation.buildings import ensure_building
    from vernetool.db.organisation.rooms import save_room
    from vernetool.domain.organisation import Room, RoomType

    conn = open_store(path)
    try:
        with atomic(conn):
            for campus, code, name, number in _rooms():
                ensure_building(conn, code, name, campus)
                save_room(conn, Room(code, number, RoomType.LAB, "Laboratorium",
                                     building_name=name, campus=campus))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def make_workbook(path: Path, holdings: int, seed: int = 9) -> Path:
    from openpyxl import Workbook

    from vernetool.demo.chemical_catalogue import products
    from vernetool.demo.chemicals import PLACES, _storage

    rng = random.Random(seed)
    catalogue = products()
    rooms = _rooms()
    today = dt.date(2026, 12, 1)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Stoffkartotek")
    sheet.append(HEADERS)
    per_room = -(-holdings // len(rooms))
    sheets = {}  # one sheet per product, as the central register has it
    for item in catalogue:
        revised = today - dt.timedelta(days=rng.randint(30, 2000))
        sheets[item.name, item.supplier] = (
            f"Revisjon: {revised:%d.%m.%Y}" if rng.random() < 0.2 else revised.isoformat(),
            rng.choice(["Norsk", "Norsk", "Engelsk", "nb", "en"]))
    written = 0
    for campus, code, name, number in rooms:
        for item in rng.sample(catalogue, min(per_room, len(catalogue))):
            if written == holdings:
                break
            place = PLACES[_storage(item)]
            codes = list(item.hazards + item.precautions)
            if len(codes) > 2 and rng.random() < 0.3:
                statements = ", ".join(codes[:-1]) + " og " + codes[-1]
            else:
                statements = ", ".join(codes)
            size = rng.choice([0.1, 0.25, 0.5, 1, 2.5, 5, 25, 100, 500])
            unit = ("stk" if item.form == "gas" else
                    rng.choice(["liter", "ml"]) if item.form in ("liq", "sliq", "cryo") else
                    rng.choice(["g", "kg"]))
            quantity = f"{size:g}".replace(".", ",")
            revision, language = sheets[item.name, item.supplier]
            disposed = rng.random() < 0.05
            sheet.append([
                f"{campus} > {name} ({code}) > {number} > {place}", item.name, item.supplier,
                "; ".join(item.cas), statements, _SIGNAL[item.signal_word], quantity, unit,
                rng.choice([1, 1, 1, 2, 3]),
                f"https://sds.example.no/{item.cas[0] if item.cas else 'x'}",
                revision, language,
                "Avhendet" if disposed else "I bruk",
                (today - dt.timedelta(days=rng.randint(1, 700))).isoformat() if disposed else ""])
            written += 1
    book.save(path)
    return path


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
        _raw_write(conn, rows[1:])
    conn.close()
    return read, write, len(rows) - 1


def _raw_write(conn: Any, rows: list[list[Any]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    rooms = {f"{b} > {r}": int(i) for i, b, r in conn.execute(
        "SELECT r.id, b.name || ' (' || b.code || ')', r.number FROM room r "
        "JOIN building b ON b.id = r.building_id")}
    products: dict[tuple[str, str], int] = {}
    product_rows, components, statements = [], [], []
    for row in rows:
        key = (row[1], row[2])
        if key not in products:
            products[key] = len(products) + 1
            product_rows.append((products[key], row[1], row[2], row[1]))
            components += [(products[key], n, cas) for n, cas in enumerate(row[3].split("; "))
                           if cas]
            statements += [(products[key], n, code.strip()[:1], code.strip())
                           for n, code in enumerate(row[4].replace(" og ", ", ").split(","))
                           if code.strip()]
    conn.executemany("INSERT INTO chemical_product (id, name, supplier, search_text) "
                     "VALUES (?, ?, ?, ?)", product_rows)
    conn.executemany("INSERT INTO chemical_component (product_id, position, cas) "
                     "VALUES (?, ?, ?)", components)
    conn.executemany("INSERT OR IGNORE INTO chemical_statement (product_id, position, kind, "
                     "code) VALUES (?, ?, ?, ?)", statements)
    holdings = []
    for row in rows:
        where, place = row[0].rsplit(" > ", 1)
        room = rooms[where.split(" > ", 1)[1]]
        holdings.append((products[(row[1], row[2])], room, place,
                         float(str(row[6]).replace(",", ".")), row[7], int(row[8]),
                         "disposed" if row[13] else "in_use", row[13] or None, row[1]))
    conn.executemany(
        "INSERT INTO chemical_holding (product_id, room_id, place, quantity, unit, containers, "
        "status, disposed_on, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", holdings)
    conn.execute("COMMIT")


def vernetool_import(source: Path, db: Path) -> tuple[Clock, Clock, Any]:
    """(first import, re-import of the same file, result) through the service."""
    from vernetool.db.migrations import open_store
    from vernetool.services import Services, Store

    conn = open_store(db)
    services = Services(Store(conn, db, lambda: "bench"))
    with Clock() as first:
        result = services.exchange.import_file("chemicals", source)
    with Clock() as second:
        again = services.exchange.import_file("chemicals", source)
    assert not again.errors, again.errors[:3]
    conn.close()
    return first, second, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdings", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the workbook and databases here")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-chemicals-import-"))
    work.mkdir(parents=True, exist_ok=True)
    source = make_workbook(work / "stoffkartotek.xlsx", args.holdings)
    rooms_db = make_rooms_db(work / "rooms.sqlite")
    print(f"{args.holdings} holdings, {source.stat().st_size / 1e6:.1f} MB XLSX, "
          f"{BUILDINGS * ROOMS_PER_BUILDING} rooms")
    runs: list[tuple[Clock, Clock, Clock, Clock]] = []
    for run in range(args.runs):
        floor_db, ours_db = work / f"floor-{run}.sqlite", work / f"import-{run}.sqlite"
        shutil.copy(rooms_db, floor_db)  # the schema and the rooms, before the clock starts
        shutil.copy(rooms_db, ours_db)
        read, write, count = floor(source, floor_db)
        first, again, result = vernetool_import(source, ours_db)
        assert result.imported == count == args.holdings and not result.errors, \
            (result.imported, count, result.errors[:3])
        runs.append((read, write, first, again))
        for kind in ("wall", "cpu"):
            r, w, f, a = (getattr(c, kind) for c in runs[-1])
            print(f"run {run + 1} {kind:4s}: floor {r:.2f} s read + {w:.2f} s executemany = "
                  f"{r + w:.2f} s; import {f:.2f} s ({f / (r + w):.2f} x); re-import {a:.2f} s")
    for kind in ("wall", "cpu"):
        r, w, f, a = (statistics.median(getattr(c[i], kind) for c in runs) for i in range(4))
        print(f"median {kind}: floor {r:.2f} + {w:.2f} = {r + w:.2f} s; import {f:.2f} s; "
              f"re-import {a:.2f} s; ratio import / floor {f / (r + w):.2f} x (target <= 1.5 x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
