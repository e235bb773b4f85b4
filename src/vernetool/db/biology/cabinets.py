"""Biosafety cabinets and their yearly certifications (every certification kept).

Natural key make + model + serial number. A cabinet taken out of use keeps its row with
``removed_on``; its last certification, certifier and next due date are the newest
certification's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from vernetool.db import audit
from vernetool.db.biology.agents import Outcome
from vernetool.db.biology.common import CABINET, CERTIFICATION, room_label_sql
from vernetool.db.chemicals.common import NOW_SQL, iso, to_date
from vernetool.db.connection import atomic
from vernetool.domain.biology.agents import check_certifier, next_certification
from vernetool.domain.biology.model import (
    Cabinet,
    CabinetInput,
    Certification,
    CertificationInput,
)
from vernetool.domain.errors import ValidationError

_LATEST = ("(SELECT {column} FROM bio_cabinet_certification x WHERE x.cabinet_id = c.id "
           "ORDER BY x.certified_on DESC, x.id DESC LIMIT 1)")
_SELECT = (
    f"SELECT c.*, {room_label_sql('c.room_id')} AS room_label, "
    f"{_LATEST.format(column='certified_on')} AS last_certified, "
    f"{_LATEST.format(column='certifier')} AS certifier, "
    f"{_LATEST.format(column='next_due')} AS next_due "
    "FROM bio_cabinet c ")
_COLUMNS = ("room_id", "make", "model", "serial_number", "remarks", "removed_on")


def _cabinet(row: sqlite3.Row) -> Cabinet:
    last = to_date(row["last_certified"])
    due = to_date(row["next_due"])
    if due is None and last is not None:
        due = next_certification(last)
    return Cabinet(id=row["id"], room_id=row["room_id"], room_label=row["room_label"] or "",
                   make=row["make"], model=row["model"], serial_number=row["serial_number"],
                   remarks=row["remarks"], removed_on=to_date(row["removed_on"]),
                   last_certified=last, certifier=row["certifier"] or "", next_due=due,
                   updated_at=row["updated_at"])


def get_cabinet(conn: sqlite3.Connection, cabinet_id: int) -> Cabinet | None:
    row = conn.execute(f"{_SELECT} WHERE c.id = ?", (cabinet_id,)).fetchone()
    return _cabinet(row) if row else None


def require_cabinet(conn: sqlite3.Connection, cabinet_id: int) -> Cabinet:
    found = get_cabinet(conn, cabinet_id)
    if found is None:
        raise ValidationError("cabinet.no_such_id", "cabinet", cabinet_id=cabinet_id)
    return found


def find_cabinet(conn: sqlite3.Connection, make: str, model: str, serial_number: str
                 ) -> Cabinet | None:
    row = conn.execute(f"{_SELECT} WHERE c.make = ? AND c.model = ? AND c.serial_number = ?",
                       (make.strip(), model.strip(), serial_number.strip())).fetchone()
    return _cabinet(row) if row else None


def list_cabinets(conn: sqlite3.Connection, room_id: int | None = None, *,
                  include_removed: bool = False) -> list[Cabinet]:
    clauses: list[str] = []
    params: list[object] = []
    if room_id is not None:
        clauses.append("c.room_id = ?")
        params.append(room_id)
    if not include_removed:
        clauses.append("c.removed_on IS NULL")
    where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
    rows = conn.execute(f"{_SELECT}{where}ORDER BY room_label, c.make, c.model, "
                        "c.serial_number, c.id", params).fetchall()
    return [_cabinet(r) for r in rows]


def certifications(conn: sqlite3.Connection, cabinet_id: int) -> list[Certification]:
    """The cabinet's certifications, oldest first."""
    rows = conn.execute("SELECT * FROM bio_cabinet_certification WHERE cabinet_id = ? "
                        "ORDER BY certified_on, id", (cabinet_id,)).fetchall()
    found: list[Certification] = []
    for r in rows:
        certified = to_date(r["certified_on"])
        assert certified is not None
        found.append(Certification(r["id"], r["cabinet_id"], certified, r["certifier"],
                                   to_date(r["next_due"]) or next_certification(certified),
                                   r["remarks"], r["recorded_at"]))
    return found


def _checked(conn: sqlite3.Connection, inp: CabinetInput) -> CabinetInput:
    make, model, serial = (" ".join(v.split()) for v in (inp.make, inp.model,
                                                          inp.serial_number))
    if not (make or model or serial):
        raise ValidationError("cabinet.identity_missing", "make")
    if conn.execute("SELECT 1 FROM room WHERE id = ?", (inp.room_id,)).fetchone() is None:
        raise ValidationError("room.no_such_id", "room", room_id=inp.room_id)
    return CabinetInput(inp.room_id, make, model, serial, inp.remarks.strip(), inp.removed_on)


def _values(inp: CabinetInput) -> tuple[object, ...]:
    return (inp.room_id, inp.make, inp.model, inp.serial_number, inp.remarks,
            iso(inp.removed_on))


def _details(inp: CabinetInput) -> dict[str, object]:
    return dict(zip(_COLUMNS, _values(inp), strict=True))


def _clash(conn: sqlite3.Connection, inp: CabinetInput, cabinet_id: int | None) -> None:
    found = find_cabinet(conn, inp.make, inp.model, inp.serial_number)
    if found is not None and found.id != cabinet_id:
        raise ValidationError("cabinet.duplicate", "serial_number",
                              serial_number=inp.serial_number)


def insert_cabinet(conn: sqlite3.Connection, inp: CabinetInput, *, actor: str) -> int:
    with atomic(conn):
        inp = _checked(conn, inp)
        _clash(conn, inp, None)
        cur = conn.execute(f"INSERT INTO bio_cabinet ({', '.join(_COLUMNS)}) "
                           "VALUES (?, ?, ?, ?, ?, ?)", _values(inp))
        cabinet_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, CABINET, cabinet_id, "create", _details(inp))
    return cabinet_id


def update_cabinet(conn: sqlite3.Connection, cabinet_id: int, inp: CabinetInput, *,
                   actor: str) -> bool:
    sets = ", ".join(f"{c} = ?{i + 1}" for i, c in enumerate(_COLUMNS))
    differs = " OR ".join(f"{c} IS NOT ?{i + 1}" for i, c in enumerate(_COLUMNS))
    with atomic(conn):
        require_cabinet(conn, cabinet_id)
        inp = _checked(conn, inp)
        _clash(conn, inp, cabinet_id)
        cur = conn.execute(f"UPDATE bio_cabinet SET {sets}, updated_at = {NOW_SQL} "
                           f"WHERE id = ?{len(_COLUMNS) + 1} AND ({differs})",
                           (*_values(inp), cabinet_id))
        if cur.rowcount:
            audit.record(conn, actor, CABINET, cabinet_id, "update", _details(inp))
    return bool(cur.rowcount)


def upsert_cabinets(conn: sqlite3.Connection, items: Sequence[CabinetInput], *, actor: str
                    ) -> list[tuple[int, Outcome]]:
    """Insert or update cabinets on make + model + serial number, in one transaction."""
    found: list[tuple[int, Outcome]] = []
    with atomic(conn):
        for inp in items:
            clean = _checked(conn, inp)
            current = find_cabinet(conn, clean.make, clean.model, clean.serial_number)
            if current is None:
                found.append((insert_cabinet(conn, clean, actor=actor), "created"))
            else:
                changed = update_cabinet(conn, current.id, clean, actor=actor)
                found.append((current.id, "updated" if changed else "unchanged"))
    return found


def add_certification(conn: sqlite3.Connection, cabinet_id: int, inp: CertificationInput, *,
                      actor: str) -> int:
    """Record a certification (the certifier is required; a next due date, when written,
    comes after the certification). The same cabinet and date again: ``certification.twice``.
    """
    certifier = check_certifier(inp.certifier)
    if inp.next_due is not None and inp.next_due <= inp.certified_on:
        raise ValidationError("certification.due_before_certified", "next_due")
    with atomic(conn):
        require_cabinet(conn, cabinet_id)
        if conn.execute("SELECT 1 FROM bio_cabinet_certification WHERE cabinet_id = ? AND "
                        "certified_on = ?", (cabinet_id, inp.certified_on.isoformat())
                        ).fetchone() is not None:
            raise ValidationError("certification.twice", "certified_on",
                                  date=inp.certified_on.isoformat())
        cur = conn.execute("INSERT INTO bio_cabinet_certification (cabinet_id, certified_on, "
                           "certifier, next_due, remarks) VALUES (?, ?, ?, ?, ?)",
                           (cabinet_id, inp.certified_on.isoformat(), certifier,
                            iso(inp.next_due), inp.remarks.strip()))
        cert_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, CERTIFICATION, cert_id, "create",
                     {"cabinet_id": cabinet_id, "certified_on": inp.certified_on.isoformat(),
                      "certifier": certifier, "next_due": iso(inp.next_due)})
    return cert_id
