"""Persons from and to files: the canonical persons file of DESIGN.md.

Columns: ``name`` (required), ``email``, ``phone``, ``unit`` (code; unknown units are
created), ``roles`` (comma-separated: safety_rep, room_responsible, line_manager, employee,
student — Norwegian words such as ``verneombud``, ``romansvarlig``, ``linjeleder``,
``ansatt`` are accepted) and ``active`` (yes/no; ``sluttet`` = left). Norwegian headers
(``Navn``, ``E-post``, ``Telefon``/``Mobil``, ``Enhet``, ``Roller``) are accepted.

Matching: on the e-mail (the natural key). A row with an e-mail nobody has yet may also
match the one person of that name in that unit who has no e-mail (who then gets it). A row
without e-mail matches the one person with the same name (case-insensitive) in the same unit
(any unit when the file has no unit column); when several do, the row is an error asking
for the e-mail. An empty e-mail cell never clears a stored e-mail. Two rows of one file that
match the same person are an error on the later row. So re-importing a file — also one
exported without contact details — never duplicates anyone. As for rooms, a column the file
lacks keeps the stored value and an empty cell clears it.

Personal data: by default the export leaves out the contact details (``email`` and
``phone`` columns); ``include_personal_data=True`` (``--include-personal-data``) writes
them, which the full round trip to another vernetool or HR system needs. Names stay in
both: a person list without names identifies nobody and could not be imported back.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from vernetool.db.organisation.persons import list_persons, save_person
from vernetool.domain.errors import Phrase, ValidationError
from vernetool.domain.organisation import Person, Role, normalise_email
from vernetool.exchange.importing import Cancel, Checker, Progress, checked_texts, import_file
from vernetool.exchange.result import ImportResult
from vernetool.exchange.tabular import (
    UNIT_HEADERS,
    Schema,
    TableRow,
    alias_table,
    nocase,
    parse_choice,
)
from vernetool.exchange.writers import write_records

COLUMNS = ("name", "email", "phone", "unit", "roles", "active")
PERSONAL_COLUMNS = ("email", "phone")  # left out unless include_personal_data

SCHEMA = Schema({
    "name": ("Navn", "Fullt navn", "Full name", "Person"),
    "email": ("E-post", "Epost", "E-mail", "Mail", "E-postadresse", "Email address"),
    "phone": ("Telefon", "Mobil", "Tlf", "Telefonnummer", "Mobilnummer", "Mobile",
              "Phone number", "Telephone"),
    "unit": UNIT_HEADERS,
    "roles": ("Roller", "Rolle", "Role"),
    "active": ("Aktiv", "Active", "Status"),
}, required=("name",))

ROLES: dict[str, Role] = alias_table({
    **{r.value: r for r in Role},
    "verneombud": Role.SAFETY_REP, "verneombod": Role.SAFETY_REP, "vo": Role.SAFETY_REP,
    "hovedverneombud": Role.SAFETY_REP, "hvo": Role.SAFETY_REP,
    "vara verneombud": Role.SAFETY_REP, "varaverneombud": Role.SAFETY_REP,
    "safety rep": Role.SAFETY_REP, "safety representative": Role.SAFETY_REP,
    "romansvarlig": Role.ROOM_RESPONSIBLE, "rom ansvarlig": Role.ROOM_RESPONSIBLE,
    "romansvar": Role.ROOM_RESPONSIBLE, "labansvarlig": Role.ROOM_RESPONSIBLE,
    "room responsible": Role.ROOM_RESPONSIBLE, "lab responsible": Role.ROOM_RESPONSIBLE,
    "leder": Role.LINE_MANAGER, "linjeleder": Role.LINE_MANAGER,
    "nærmeste leder": Role.LINE_MANAGER, "instituttleder": Role.LINE_MANAGER,
    "seksjonsleder": Role.LINE_MANAGER, "avdelingsleder": Role.LINE_MANAGER,
    "enhetsleder": Role.LINE_MANAGER, "line manager": Role.LINE_MANAGER,
    "manager": Role.LINE_MANAGER, "head of department": Role.LINE_MANAGER,
    "ansatt": Role.EMPLOYEE, "tilsatt": Role.EMPLOYEE, "medarbeider": Role.EMPLOYEE,
    "arbeidstaker": Role.EMPLOYEE, "staff": Role.EMPLOYEE,
    "studenter": Role.STUDENT, "masterstudent": Role.STUDENT,
})
_ALLOWED_ROLES = Phrase("value.choices.roles")  # the words people write, in their language
_ROLE_SPLIT = re.compile(r"\s*(?:[,;/|+\n]|\bog\b|\band\b)\s*", re.IGNORECASE)

_ACTIVE = alias_table({
    "yes": True, "y": True, "ja": True, "j": True, "true": True, "1": True, "x": True,
    "aktiv": True, "active": True,
    "no": False, "n": False, "nei": False, "false": False, "0": False, "sluttet": False,
    "left": False, "inaktiv": False, "inactive": False, "avsluttet": False,
})

_LIMITS = {"name": 200, "email": 254, "phone": 40, "unit": 40}


def parse_roles(text: str) -> frozenset[Role]:
    """``"Verneombud, romansvarlig"`` → {safety_rep, room_responsible}; unknown → error."""
    roles = set()
    for part in _ROLE_SPLIT.split(text):
        if part.strip():
            roles.add(parse_choice(part, "roles", ROLES, _ALLOWED_ROLES))
    return frozenset(roles)


def _key(email: str, name: str, unit: str) -> tuple[str, ...]:
    """The natural key: the e-mail, else the name within the unit."""
    return ("email", email) if email else ("name", name.casefold(), nocase(unit))


class _PersonRows:
    def __init__(self, conn: sqlite3.Connection, table_has: Callable[[str], bool]) -> None:
        self.conn = conn
        self.has = table_has
        self.by_email: dict[str, Person] = {}
        self.by_name: dict[str, list[Person]] = {}  # casefolded name → persons
        for person in list_persons(conn):
            self._remember(person)
        self.seen: dict[tuple[str, ...], int] = {}
        self.claimed: dict[int, int] = {}  # person id → the row of this file that matched it

    def _remember(self, person: Person, old: Person | None = None) -> None:
        if old is not None:
            same = self.by_name.get(old.name.casefold(), [])
            same[:] = [p for p in same if p.id != old.id]
        if person.email:
            self.by_email[person.email.lower()] = person
        same = self.by_name.setdefault(person.name.casefold(), [])
        same[:] = [p for p in same if p.id != person.id] + [person]

    def _match(self, email: str, name: str, unit: str) -> Person | None:
        if email and email in self.by_email:
            return self.by_email[email]
        candidates = self.by_name.get(name.casefold(), [])
        if email:  # a person known without e-mail gets it now
            candidates = [p for p in candidates if not p.email]
        where = ""  # the code's suffix: the unit is a column of the file
        if self.has("unit"):
            candidates = [p for p in candidates if nocase(p.unit_code) == nocase(unit)]
            where = "_in_unit" if unit else "_no_unit"
        if len(candidates) > 1 and email:
            raise ValidationError(f"person.ambiguous_email{where}", "email", n=len(candidates),
                                  name=name, unit=unit, email=email)
        if len(candidates) > 1:
            raise ValidationError(f"person.ambiguous_name{where}", "email", n=len(candidates),
                                  name=name, unit=unit)
        return candidates[0] if candidates else None

    def prepare(self, row: TableRow) -> Callable[[], bool] | None:
        check = Checker()
        text = checked_texts(check, row, _LIMITS)
        if not row.get("name"):
            check.add("name", "person.name_missing")
        email = check.run(lambda: normalise_email(text["email"]), "") if text["email"] else ""
        roles: frozenset[Role] = check.run(lambda: parse_roles(row.get("roles")), frozenset())
        active: bool | None = None
        if row.get("active"):
            active = check.run(lambda: parse_choice(row.get("active"), "active", _ACTIVE,
                                                    ["yes", "no"]), None)
        key = _key(email, text["name"], text["unit"])
        field = "email" if email else "name"
        if text["name"] and key in self.seen:
            if email:
                check.add(field, "person.twice", label=email, row=self.seen[key])
            elif text["unit"]:
                check.add(field, "person.twice", label=f"{text['name']} ({text['unit']})",
                          row=self.seen[key])
            else:
                check.add(field, "person.twice_no_unit", name=text["name"], row=self.seen[key])
        check.raise_if_any()
        self.seen[key] = row.number
        stored = self._match(email, text["name"], text["unit"])
        if stored is not None and stored.id is not None:
            if stored.id in self.claimed:
                raise ValidationError("person.same_as_row", field, row=self.claimed[stored.id],
                                      name=stored.name)
            self.claimed[stored.id] = row.number

        def keep(column: str, value: Any, old: Any) -> Any:
            return old if stored is not None and not self.has(column) else value

        person = Person(
            name=text["name"],
            email=email or (stored.email if stored is not None else None),  # never cleared
            phone=keep("phone", text["phone"], stored and stored.phone),
            unit_code=keep("unit", text["unit"] or None, stored and stored.unit_code),
            roles=keep("roles", roles, stored and stored.roles),
            active=(active if active is not None
                    else (stored.active if stored is not None else True)),
            id=stored.id if stored is not None else None)
        if stored is not None and _same(stored, person):
            return None
        # What this row will have done, for the rows after it (all are prepared before any
        # is written): a new person gets a provisional id (minus the row number).
        known = replace(person, id=person.id if person.id is not None else -row.number)
        assert known.id is not None
        self.claimed[known.id] = row.number
        self._remember(known, stored)

        def write() -> bool:
            return save_person(self.conn, person)[1]

        return write


def _same(a: Person, b: Person) -> bool:
    return (a.name, (a.email or "").lower(), a.phone, nocase(a.unit_code), a.roles,
            a.active) == (b.name, (b.email or "").lower(), b.phone, nocase(b.unit_code),
                          b.roles, b.active)


def import_persons(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                   actor: str, progress: Progress | None = None,
                   cancel: Cancel | None = None) -> ImportResult:
    """Import a persons CSV/XLSX file (see the module docstring); raises ``ImportFileError``
    when the file as a whole is unusable and ``ImportCancelled`` when ``cancel()`` said so."""
    return import_file(conn, path, SCHEMA, lambda has: _PersonRows(conn, has),
                       entity="person", strict=strict, actor=actor, progress=progress,
                       cancel=cancel)


def person_records(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every person as a dict with the canonical field names, by name."""
    order = {r: i for i, r in enumerate(Role)}
    return [{"name": p.name, "email": p.email, "phone": p.phone, "unit": p.unit_code,
             "roles": [r.value for r in sorted(p.roles, key=order.__getitem__)],
             "active": p.active}
            for p in list_persons(conn)]


def export_persons(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                   include_personal_data: bool = False) -> int:
    """Write every person to ``out`` as csv, xlsx or json; returns the number of persons.

    Without ``include_personal_data`` the ``email`` and ``phone`` columns are left out.
    """
    columns = COLUMNS if include_personal_data else tuple(
        c for c in COLUMNS if c not in PERSONAL_COLUMNS)
    return write_records(out, fmt, columns, person_records(conn), sheet_title="Persons")

