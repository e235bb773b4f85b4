"""Create a university-scale database for the benchmarks: the demo plus bulk data.

30,000 rooms in 180 buildings, 5,000 persons and 50,000 chemical holdings (DESIGN.md's
scale), with a room responsible for every lab-like room, written through the product's own
db functions in one transaction. The holdings are the demo's (~4,900) plus holdings of the
demo's catalogue products in the added labs and stores, each in the storage place its class
belongs in. The other registers at the same scale: ~1,500 radiation sources (the demo's
kinds: sealed and open sources, X-ray equipment, lasers), ~1,500 biological agents in rooms,
workers registers for both (identity numbers sealed by the demo vault), room cards for most
hazardous rooms (some stale), 300 HSE rounds over ten years and 10 years × 1,100
deviations. Usage:
python benchmarks/make_big_db.py OUT.sqlite [--rooms N] [--persons N] [--holdings N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bulk_registers beside this file

from bulk_registers import add_registers

from vernetool.db.chemicals.holdings import upsert_holdings
from vernetool.db.connection import atomic
from vernetool.db.migrations import open_store
from vernetool.db.organisation.persons import save_person
from vernetool.db.organisation.responsibilities import assign
from vernetool.db.organisation.rooms import save_room
from vernetool.demo import organisation, people
from vernetool.demo.builder import build_demo
from vernetool.demo.chemical_catalogue import products
from vernetool.demo.chemicals import PLACES, _storage
from vernetool.demo.vault import forget_demo_vaults
from vernetool.domain.chemicals.model import HoldingInput
from vernetool.domain.organisation import Person, ResponsibilityKind, Role, Room, RoomType

CAMPUSES = ["Gløshaugen", "Dragvoll", "Kalvskinnet", "Øya", "Gjøvik", "Ålesund", "Tyholt",
            "Moholt"]
BUILDINGS = 165  # + the 15 demo buildings = 180, as in the seed report
TYPE_WEIGHTS = {RoomType.OFFICE: 50, RoomType.LAB: 12, RoomType.WORKSHOP: 3,
                RoomType.STORAGE: 10, RoomType.EXAM_TREATMENT: 2, RoomType.ANIMAL_ROOM: 1,
                RoomType.GREENHOUSE: 1, RoomType.COMMON_AREA: 15, RoomType.OTHER: 6}
SPECIAL = {RoomType.LAB, RoomType.WORKSHOP, RoomType.STORAGE, RoomType.ANIMAL_ROOM,
           RoomType.GREENHOUSE, RoomType.EXAM_TREATMENT}


def make(path: Path, rooms: int = 30_000, persons: int = 5_000, holdings: int = 50_000,
         seed: int = 1, registers: bool = True) -> dict[str, int]:
    today = dt.date.today()
    summary = build_demo(path, seed=2024, today=today)
    rng = random.Random(seed)
    conn = open_store(path)
    units = [code for code, _, parent in organisation.UNITS if parent]
    names = {
        RoomType.OFFICE: organisation.OFFICES,
        RoomType.LAB: [n for labs in organisation.LABS.values() for n, _ in labs],
        RoomType.WORKSHOP: [n for n, _ in organisation.WORKSHOPS],
        RoomType.STORAGE: [n for n, _ in organisation.STORES],
        RoomType.EXAM_TREATMENT: organisation.EXAMS,
        RoomType.ANIMAL_ROOM: organisation.ANIMALS,
        RoomType.GREENHOUSE: organisation.GREENHOUSES,
        RoomType.COMMON_AREA: organisation.COMMON,
        RoomType.OTHER: organisation.OTHER,
    }
    types = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    try:
        with atomic(conn):
            person_ids: list[int] = []
            taken: set[str] = set()
            for n in range(persons - summary["persons"]):
                name = (f"{rng.choice(people.FIRST_NAMES)} {rng.choice(people.LAST_NAMES)}"
                        f" {rng.choice(people.LAST_NAMES)}")
                roles = {Role.EMPLOYEE} if n % 10 else {Role.STUDENT}
                if n % 7 == 0:
                    roles.add(Role.ROOM_RESPONSIBLE)
                pid, _ = save_person(conn, Person(name, people.email_for(name, taken),
                                                  f"+47 73 59 {n % 90 + 10} {n % 89 + 10}",
                                                  rng.choice(units), frozenset(roles)))
                person_ids.append(pid)
            per_building = -(-(rooms - summary["rooms"]) // BUILDINGS)
            added = 0
            chemical_rooms: list[int] = []
            labs: list[tuple[int, int | None, str]] = []  # (room, responsible, unit)
            for b in range(BUILDINGS):
                code, campus = f"B{b + 100:03d}", CAMPUSES[b % len(CAMPUSES)]
                for i in range(per_building):
                    if added >= rooms - summary["rooms"]:
                        break
                    room_type = rng.choices(types, weights)[0]
                    floor = str(i // 40 + 1)
                    room = Room(code, f"{floor}{i % 40 + 1:02d}-{i // 400}", room_type,
                                rng.choice(names[room_type]), floor=floor,
                                area_m2=round(rng.uniform(8, 120), 1),
                                unit_code=rng.choice(units), building_name=f"Bygg {b + 100}",
                                campus=campus)
                    room_id, _ = save_room(conn, room)
                    if room_type in (RoomType.LAB, RoomType.STORAGE):
                        chemical_rooms.append(room_id)
                    if room_type in SPECIAL:
                        responsible = rng.choice(person_ids)
                        assign(conn, room_id, responsible,
                               ResponsibilityKind.RESPONSIBLE,
                               today - dt.timedelta(days=rng.randint(1, 2000)), "bench")
                        if room_type is RoomType.LAB:
                            labs.append((room_id, responsible, room.unit_code or ""))
                    added += 1
            more = _holdings(conn, rng, chemical_rooms,
                             holdings - summary.get("chemical holdings", 0))
            upsert_holdings(conn, more, actor="bench")
            extra = add_registers(conn, random.Random(seed + 1), today, labs) \
                if registers else {}
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no ANALYZE: users' files have none
    finally:
        forget_demo_vaults()
        conn.close()
    return {"rooms": summary["rooms"] + added, "persons": persons,
            "holdings": summary.get("chemical holdings", 0) + len(more), **extra}


def _holdings(conn: sqlite3.Connection, rng: random.Random, room_ids: list[int], count: int
              ) -> list[HoldingInput]:
    """``count`` holdings of the demo's products spread over ``room_ids``, each product at
    most once per room, in the place its class belongs in."""
    if count <= 0 or not room_ids:
        return []
    ids = {(name, supplier): int(pid) for pid, name, supplier in conn.execute(
        "SELECT id, name, supplier FROM chemical_product")}
    catalogue = [(ids[p.name, p.supplier], p) for p in products()]
    per_room = -(-count // len(room_ids))
    units = {"liq": "L", "sliq": "mL", "sol": "g", "ssol": "g", "metal": "g", "gas": "pcs",
             "cryo": "L"}
    result: list[HoldingInput] = []
    for room_id in room_ids:
        for pid, item in rng.sample(catalogue, min(per_room, len(catalogue))):
            if len(result) == count:
                return result
            containers = rng.choice([1, 1, 1, 2, 3])
            size = 1.0 if item.form == "gas" else rng.choice([0.5, 1.0, 2.5, 25.0, 100.0])
            result.append(HoldingInput(pid, room_id, PLACES[_storage(item)],
                                       size * containers, units[item.form], containers))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rooms", type=int, default=30_000)
    parser.add_argument("--persons", type=int, default=5_000)
    parser.add_argument("--holdings", type=int, default=50_000)
    parser.add_argument("--no-registers", action="store_true",
                        help="rooms, persons and holdings only (the database before issue 11)")
    args = parser.parse_args()
    if args.out.exists():
        print(f"{args.out} exists; remove it first", file=sys.stderr)
        return 1
    start = time.perf_counter()
    counts = make(args.out, args.rooms, args.persons, args.holdings,
                  registers=not args.no_registers)
    print(f"{args.out}: " + ", ".join(f"{n:,} {what}" for what, n in counts.items())
          + f" in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
