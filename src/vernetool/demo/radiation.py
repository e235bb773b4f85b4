"""Demo step: the radiation register and the workers register for ionising radiation.

The sources of ``radiation_data`` are saved in the demo's labs with the room's current
responsible, their DSA status history, leak tests (sealed sources), the waste pick-up (open
sources) and disposal records; the workers register gets a handful of workers (synthetic
identity numbers sealed by the vault, as demo.chemicals makes them) with their dosimeter
readings over a few years. Everything goes through the db functions, inside the builder's
transaction; the random generator only varies the dose readings.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import sqlite3
from collections import defaultdict

from vernetool.db.chemicals.exposure import SealedIdentity
from vernetool.db.organisation.persons import list_persons
from vernetool.db.organisation.responsibilities import current
from vernetool.db.organisation.rooms import list_rooms
from vernetool.db.radiation.sources import (
    add_leak_test,
    dispose_source,
    insert_source,
    prepare_source,
    record_status,
)
from vernetool.db.radiation.workers import WorkerRow, insert_worker, upsert_doses
from vernetool.demo.chemicals import synthetic_identity_number
from vernetool.demo.radiation_data import SOURCES, WORKERS, DemoSource, DemoWorker
from vernetool.demo.vault import demo_vault
from vernetool.domain.organisation import Person, ResponsibilityKind, Room
from vernetool.domain.radiation.doses import DoseEntry, DosimeterPosition, dose_entry
from vernetool.domain.radiation.model import (
    LeakTestInput,
    SourceDisposal,
    SourceInput,
)
from vernetool.domain.radiation.sources import (
    LaserClass,
    parse_dsa_status,
    parse_source_kind,
)

ACTOR = "demo"
LEAK_TESTER = "Strålevernkoordinator (avtørkingsprøve)"


class RoomFinder:
    """The demo's rooms by building code and name: the building's first room of that name,
    else the first of that name elsewhere (a seed may leave a lab out of a building)."""

    def __init__(self, rooms: list[Room]) -> None:
        self.by_key: dict[tuple[str, str], list[Room]] = defaultdict(list)
        self.by_name: dict[str, list[Room]] = defaultdict(list)
        for room in sorted(rooms, key=lambda r: (r.building_code, r.number)):
            self.by_key[(room.building_code, room.name)].append(room)
            self.by_name[room.name].append(room)

    def __call__(self, building: str, name: str) -> Room:
        found = self.by_key.get((building, name)) or self.by_name.get(name)
        if not found:
            raise LookupError(f"the demo has no room named {name!r}")
        return found[0]


def day(today: dt.date, when: dt.date | int) -> dt.date:
    """A table's date: as given, or so many days before today."""
    return when if isinstance(when, dt.date) else today - dt.timedelta(days=when)


def add_radiation(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                  ) -> dict[str, int]:
    find = RoomFinder(list_rooms(conn))
    counts = _add_sources(conn, find, today)
    workers, doses = _add_workers(conn, rng, find, today)
    return {**counts, "radiation workers": workers, "dose readings": doses}


def _responsible(conn: sqlite3.Connection, room: Room, today: dt.date) -> int | None:
    assert room.id is not None
    now = current(conn, room.id, today)
    held = now.get(ResponsibilityKind.RESPONSIBLE)
    return None if held is None else held.person_id


def _source_input(item: DemoSource, room: Room, responsible: int | None, today: dt.date
                  ) -> SourceInput:
    """The source as first registered: with the first status of its history (or its
    current status, dated when it came), the leak-test interval, the notes."""
    kind = parse_source_kind(item.kind)
    first = item.history[0] if item.history else None
    word = first[1] if first is not None else item.dsa_status
    reference = day(today, item.reference) if item.reference is not None else None
    notes = item.notes
    if item.expires_days is not None and reference is not None:
        expiry = reference + dt.timedelta(days=item.expires_days)
        state = "gått ut på dato" if expiry < today else "ikke gått ut"
        notes = f"Holdbar til {expiry:%d.%m.%Y} ({state}). {notes}".strip()
    pickup = None
    if item.waste_pickup is not None:
        when, what = item.waste_pickup
        pickup = day(today, when)
        notes = f"{notes} Avfall til henting: {what}.".strip()
    return SourceInput(
        kind=kind, nuclide=item.nuclide or "", activity=item.activity,
        activity_unit=item.activity_unit or "", reference_date=reference, make=item.make,
        model=item.model, serial_number=item.serial,
        technical_specification=item.description, year=item.year, dealer=item.dealer or "",
        use=item.use or "",
        laser_class=LaserClass(item.laser_class) if item.laser_class else None,
        room_id=room.id, responsible_id=responsible, dsa_id=item.dsa_id or "",
        dsa_status=parse_dsa_status(word) if word else None, notifiable=item.notifiable,
        leak_test_interval_months=item.leak_interval_months,
        waste_pickup_on=pickup, notes=notes,
        status_changed_on=(day(today, first[0]) if first is not None
                           else day(today, item.status_since) if item.status_since is not None
                           else _acquired(item, reference)))


def _acquired(item: DemoSource, reference: dt.date | None) -> dt.date | None:
    """When a source without a status history got its status: on delivery (its reference
    date), else when it was installed (1 September of its year)."""
    if reference is not None:
        return reference
    return dt.date(item.year, 9, 1) if item.year else None


def _add_sources(conn: sqlite3.Connection, find: RoomFinder, today: dt.date
                 ) -> dict[str, int]:
    tests = disposed = 0
    for item in SOURCES:
        room = find(item.building, item.room)
        responsible = _responsible(conn, room, today)
        source_id = insert_source(
            conn, prepare_source(_source_input(item, room, responsible, today)), actor=ACTOR,
            today=today)
        for when, word in item.history[1:]:
            record_status(conn, source_id, parse_dsa_status(word), day(today, when),
                          actor=ACTOR)
        if item.history and item.dsa_status and item.disposed is None:
            since = item.status_since
            assert since is not None, item.key
            record_status(conn, source_id, parse_dsa_status(item.dsa_status),
                          day(today, since), actor=ACTOR)
        for when in item.leak_tests:
            tested = day(today, when)
            add_leak_test(conn, LeakTestInput(
                source_id, tested, passed=True, tested_by=LEAK_TESTER,
                result="Ikke påvist over bakgrunn (grense 185 Bq, ISO 9978)"), actor=ACTOR)
            tests += 1
        if item.disposed is not None:
            when, how = item.disposed
            dispose_source(conn, source_id, SourceDisposal(day(today, when), how),
                           parse_dsa_status(item.dsa_status) if item.dsa_status else None,
                           actor=ACTOR)
            disposed += 1
    return {"radiation sources": len(SOURCES), "leak tests": tests,
            "disposed sources": disposed}


# -- the workers register ----------------------------------------------------------------

def _add_workers(conn: sqlite3.Connection, rng: random.Random, find: RoomFinder,
                 today: dt.date) -> tuple[int, int]:
    vault = demo_vault(conn)
    people: dict[str | None, list[Person]] = defaultdict(list)
    for someone in list_persons(conn):
        if someone.active:
            people[someone.unit_code].append(someone)
    taken: set[int] = set()
    readings: list[tuple[int, DoseEntry]] = []
    for worker in WORKERS:
        room = find(worker.building, worker.room)
        pool = [p for p in people.get(room.unit_code, []) if p.id not in taken]
        person = rng.choice(pool) if pool else None
        if person is not None and person.id is not None:
            taken.add(person.id)
        row = WorkerRow(
            person=person.name if person else worker.name, address=worker.address,
            work=worker.work, employed_from=worker.employed_from,
            sources=worker.sources,
            exposure_end=worker.ended, person_id=person.id if person else None)
        sealed = vault.seal(synthetic_identity_number(rng, d_number=rng.random() < 0.2))
        worker_id = insert_worker(conn, row, SealedIdentity(sealed.cipher, sealed.masked,
                                                            sealed.index), actor=ACTOR)
        readings += [(worker_id, entry) for entry in _readings(rng, worker, today)]
    upsert_doses(conn, readings, actor=ACTOR)
    return len(WORKERS), len(readings)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _reported(value: float) -> float:
    """As the dosimetry service reports it: 0.01 mSv steps, below 0.1 mSv as 0."""
    return 0.0 if value < 0.1 else round(value, 2)


def _readings(rng: random.Random, worker: DemoWorker, today: dt.date) -> list[DoseEntry]:
    """Monthly readings (every third month for a body dosimeter alone), dated by the
    period's end, from ``since`` years back to the last whole period before today (or the
    end of the work)."""
    step = 1 if worker.ring is not None else 3
    start = max(worker.employed_from, dt.date(today.year - worker.since, 1, 1))
    end = min(worker.ended or today, today)
    entries: list[DoseEntry] = []
    rings: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    first = start.year * 12 + start.month - 1       # months counted from year 0
    for last in range(first + step - 1, end.year * 12 + end.month, step):
        period_end = _month_end(last // 12, last % 12 + 1)
        if period_end >= end:
            break
        if worker.body is not None:
            hp10, hp007 = (max(0.0, rng.gauss(mean * step, mean * step * 0.7))
                           for mean in worker.body)
            entries.append(dose_entry(period_end, _reported(hp10), _reported(hp007)))
        if worker.ring is not None:
            rings[period_end.year].append(
                (period_end, max(0.0, rng.gauss(worker.ring, worker.ring * 0.35))))
    for year, values in sorted(rings.items()):
        if worker.extremity_year_msv is not None and year == today.year - 1 and values:
            scale = worker.extremity_year_msv / sum(v for _, v in values)
            values = [(d, v * scale) for d, v in values]
        entries += [dose_entry(d, None, round(v, 1), DosimeterPosition.EXTREMITY)
                    for d, v in values]
    return entries
