"""Demo steps: ~100 persons with roles, and room responsibilities with history."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections import defaultdict

from vernetool.db.organisation.persons import PersonFilter, list_persons, save_person
from vernetool.db.organisation.responsibilities import assign
from vernetool.db.organisation.rooms import list_rooms
from vernetool.domain.organisation import Person, ResponsibilityKind, Role, RoomType

DOMAIN = "uni.example.no"
ACTOR = "demo"

FIRST_NAMES = [
    "Åse", "Øystein", "Bjørn", "Kjærsti", "Sølvi", "Ørjan", "Åsmund", "Ragnhild", "Tor",
    "Ingrid", "Sigrid", "Håkon", "Kåre", "Mari", "Kari", "Jørgen", "Marte", "Siri", "Eirik",
    "Torbjørn", "Gøril", "Øyvind", "Trond", "Hege", "Linn", "Randi", "Sindre", "Magnhild",
    "Astrid", "Jon", "Knut", "Pål", "Ståle", "Børge", "Tone", "Solveig", "Ane", "Nora",
    "Jonas", "Henrik", "Lars", "Ola", "Kristin", "Tiril", "Frøydis", "Bård", "Gudrun",
    "Åshild", "Vegard", "Synnøve", "Mathias", "Ida", "Erlend", "Birgitte", "Stian", "Guro",
]
LAST_NAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Dahl", "Jørgensen", "Halvorsen", "Lund",
    "Sørensen", "Strand", "Solberg", "Bakken", "Lie", "Moen", "Ødegård", "Sæther", "Bjørnstad",
    "Løvås", "Østby", "Åsheim", "Næss", "Grønli", "Brækken", "Hølaas", "Tøndel", "Skår",
    "Fjærli", "Aune", "Vold", "Rønning", "Krogstad", "Bråten", "Kvålseth", "Ståhl", "Mæhlum",
]
# About a quarter of the staff is international, as at the university in the seed report.
INTERNATIONAL = [
    "Wei Zhang", "Priya Natarajan", "Giulia Rossi", "Ahmed Hassan", "Lukas Schneider",
    "María José Fernández", "Yuki Tanaka", "Olena Kovalenko", "Jean-Pierre Dubois",
    "Agnieszka Nowak", "Rahul Mehta", "Fatemeh Karimi", "Tomás Novák", "Chiara Bianchi",
    "Mohammed Al-Sayed", "Anna Lindqvist", "Kwame Mensah", "Sofia Papadopoulou",
    "Li Na Chen", "Diego Alvarez", "Hannah Müller", "Elif Yılmaz", "Carlos Souza",
    "Nguyen Thi Lan", "Sara Björklund",
]
SAFETY_REP_UNITS = ["IKJ", "IBT", "IFY", "IMA", "IES", "IDI", "MTP", "IKOM", "INB", "IPS",
                    "IAK", "IIK", "IIR", "EA"]
SPECIAL_ROOMS = {RoomType.LAB, RoomType.WORKSHOP, RoomType.STORAGE, RoomType.ANIMAL_ROOM,
                 RoomType.GREENHOUSE, RoomType.EXAM_TREATMENT}

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u",
                        "é": "e", "á": "a", "í": "i", "ı": "i", "ł": "l", " ": "."})


def email_for(name: str, taken: set[str]) -> str:
    """``firstname.lastname@uni.example.no`` the way university addresses are made."""
    local = name.casefold().translate(_ASCII).replace("..", ".")
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch in ".-"))
    candidate, n = local, 1
    while candidate in taken:
        n += 1
        candidate = f"{local}{n}"
    taken.add(candidate)
    return f"{candidate}@{DOMAIN}"


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"+47 73 59 {rng.randint(10, 99)} {rng.randint(10, 99)}"
    mobile = f"{rng.choice('49')}{rng.randint(10, 99)}"
    return f"+47 {mobile} {rng.randint(10, 99)} {rng.randint(100, 999)}"


def _plan(conn: sqlite3.Connection) -> list[tuple[str, frozenset[Role], bool]]:
    """(unit, roles, active) for every demo person, sized by the rooms each unit has."""
    special: dict[str, int] = defaultdict(int)
    for room in list_rooms(conn):
        if room.type in SPECIAL_ROOMS and room.unit_code:
            special[room.unit_code] += 1
    departments = sorted({room.unit_code for room in list_rooms(conn) if room.unit_code})
    plan: list[tuple[str, frozenset[Role], bool]] = []
    for unit in departments:
        plan.append((unit, frozenset({Role.LINE_MANAGER, Role.EMPLOYEE}), True))
        for _ in range(-(-special[unit] // 4)):  # one room responsible per ~4 special rooms
            plan.append((unit, frozenset({Role.ROOM_RESPONSIBLE, Role.EMPLOYEE}), True))
        if special[unit]:
            plan.append((unit, frozenset({Role.EMPLOYEE}), True))
    for unit in SAFETY_REP_UNITS:
        plan.append((unit, frozenset({Role.SAFETY_REP, Role.EMPLOYEE}), True))
    for unit in ("IKJ", "IBT", "IFY", "IES", "IKOM", "IMA", "IDI", "IPS"):
        plan.append((unit, frozenset({Role.STUDENT}), True))
    for unit in ("IKJ", "IBI", "IKOM", "IES", "MTP", "IMA"):  # earlier room responsibles
        plan.append((unit, frozenset({Role.ROOM_RESPONSIBLE, Role.EMPLOYEE}), False))
    return plan


def add_persons(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                ) -> dict[str, int]:
    plan = _plan(conn)
    names: list[str] = []
    seen: set[str] = set()
    international = rng.sample(INTERNATIONAL, len(INTERNATIONAL))
    while len(names) < len(plan):
        if international and rng.random() < 0.25:
            name = international.pop()
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    taken: set[str] = set()
    for name, (unit, roles, active) in zip(names, plan, strict=True):
        person = Person(name, email_for(name, taken), _phone(rng), unit, roles)
        person_id, _ = save_person(conn, person)
        if not active:  # has left: kept for the history of the rooms they were responsible for
            person.id, person.active = person_id, False
            save_person(conn, person)
    return {"persons": len(plan)}


def add_responsibilities(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                         ) -> dict[str, int]:
    """A responsible (and mostly a deputy) for every special room; some rooms have history."""
    persons = list_persons(conn)
    responsibles: dict[str, list[int]] = defaultdict(list)
    deputies: dict[str, list[int]] = defaultdict(list)
    former: dict[str, list[int]] = defaultdict(list)
    for p in persons:
        assert p.id is not None and p.unit_code is not None
        if Role.ROOM_RESPONSIBLE in p.roles:
            (responsibles if p.active else former)[p.unit_code].append(p.id)
        if p.active and Role.EMPLOYEE in p.roles and Role.LINE_MANAGER not in p.roles:
            deputies[p.unit_code].append(p.id)
    everyone_former = [pid for ids in former.values() for pid in ids]
    count = 0
    ids_in_order = [p.id for p in list_persons(conn, PersonFilter(active_only=True))]
    for room in list_rooms(conn):
        if room.type not in SPECIAL_ROOMS or room.unit_code is None or room.id is None:
            continue
        unit = room.unit_code
        pool = responsibles.get(unit) or [pid for pid in ids_in_order if pid is not None]
        current = rng.choice(pool)
        since = today - dt.timedelta(days=rng.randint(20, 1400))
        if rng.random() < 0.35:  # someone else had the room before
            if rng.random() < 0.5:  # often someone who has since left the university
                earlier = rng.choice(former.get(unit) or everyone_former)
            else:
                earlier = rng.choice(pool)
            if earlier != current:
                start = since - dt.timedelta(days=rng.randint(400, 2500))
                assign(conn, room.id, earlier, ResponsibilityKind.RESPONSIBLE, start, ACTOR)
                count += 1
        assign(conn, room.id, current, ResponsibilityKind.RESPONSIBLE, since, ACTOR)
        count += 1
        candidates = [pid for pid in deputies.get(unit, []) if pid != current]
        if candidates and rng.random() < 0.85:
            deputy_since = since + dt.timedelta(days=rng.randint(0, 90))
            if deputy_since <= today:
                assign(conn, room.id, rng.choice(candidates), ResponsibilityKind.DEPUTY,
                       deputy_since, ACTOR)
                count += 1
    return {"responsibilities": count}
