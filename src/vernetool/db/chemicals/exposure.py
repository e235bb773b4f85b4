"""Exposure register rows (§31-1). The identity number arrives here already encrypted: the
row holds only ``identity_cipher``, ``identity_masked`` and the keyed ``identity_index``
(see ``vernetool.security.identity_vault``); audit details never carry any of them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from vernetool.db import audit
from vernetool.db.chemicals.common import EXPOSURE, NOW_SQL, iso, to_date
from vernetool.db.connection import atomic
from vernetool.domain.chemicals.model import ExposureEntry, ExposureRoute
from vernetool.domain.errors import ValidationError


@dataclass(frozen=True)
class SealedIdentity:
    """An identity number as the store keeps it: encrypted, masked, and its keyed hash."""

    cipher: bytes
    masked: str
    index: str


@dataclass(frozen=True)
class ExposureRow:
    product_id: int
    person: str
    position: str
    workplace: str
    route: ExposureRoute
    concentration: str
    exposure_start: dt.date
    exposure_end: dt.date | None
    duration: str
    retain_until: dt.date | None
    room_id: int | None = None
    person_id: int | None = None

    def values(self) -> tuple[object, ...]:
        return (self.product_id, self.person, self.person_id, self.position, self.workplace,
                self.room_id, self.route.value, self.concentration,
                self.exposure_start.isoformat(), iso(self.exposure_end), self.duration,
                iso(self.retain_until))

    def details(self) -> dict[str, object]:
        """What the audit trail keeps of a change: never the identity number."""
        return {"product_id": self.product_id, "person": self.person,
                "position": self.position, "workplace": self.workplace,
                "route": self.route.value, "concentration": self.concentration,
                "exposure_start": self.exposure_start.isoformat(),
                "exposure_end": iso(self.exposure_end), "duration": self.duration,
                "retain_until": iso(self.retain_until), "room_id": self.room_id}


_SELECT = (
    "SELECT e.*, p.name AS product_name, "
    "CASE WHEN e.room_id IS NULL THEN '' ELSE (SELECT b.code || ':' || r.number FROM room r "
    " JOIN building b ON b.id = r.building_id WHERE r.id = e.room_id) END AS room_label "
    "FROM exposure_entry e JOIN chemical_product p ON p.id = e.product_id "
)
_COLUMNS = ("product_id, person, person_id, position, workplace, room_id, route, "
            "concentration, exposure_start, exposure_end, duration, retain_until")


def _entry(row: sqlite3.Row) -> ExposureEntry:
    start = to_date(row["exposure_start"])
    assert start is not None
    return ExposureEntry(
        id=row["id"], product_id=row["product_id"], product_name=row["product_name"],
        person=row["person"], identity_masked=row["identity_masked"],
        position=row["position"], workplace=row["workplace"],
        route=ExposureRoute(row["route"]), concentration=row["concentration"],
        exposure_start=start, exposure_end=to_date(row["exposure_end"]),
        duration=row["duration"], retain_until=to_date(row["retain_until"]),
        room_id=row["room_id"], room_label=row["room_label"] or "",
        person_id=row["person_id"], created_at=row["created_at"],
        updated_at=row["updated_at"])


def get_exposure(conn: sqlite3.Connection, entry_id: int) -> ExposureEntry | None:
    row = conn.execute(f"{_SELECT} WHERE e.id = ?", (entry_id,)).fetchone()
    return _entry(row) if row else None


def require_exposure(conn: sqlite3.Connection, entry_id: int) -> ExposureEntry:
    found = get_exposure(conn, entry_id)
    if found is None:
        raise ValidationError("exposure.no_such_id", "entry", entry_id=entry_id)
    return found


def list_exposure(conn: sqlite3.Connection, product_id: int | None = None) -> list[ExposureEntry]:
    where = "" if product_id is None else " WHERE e.product_id = ?"
    params = () if product_id is None else (product_id,)
    rows = conn.execute(f"{_SELECT}{where} ORDER BY p.name, e.exposure_start, e.person, e.id",
                        params).fetchall()
    return [_entry(r) for r in rows]


def exposed_product_ids(conn: sqlite3.Connection) -> set[int]:
    """Products with at least one exposure entry (``exposure_missing`` checks)."""
    return {int(r[0]) for r in conn.execute("SELECT DISTINCT product_id FROM exposure_entry")}


def identity_cipher(conn: sqlite3.Connection, entry_id: int) -> bytes | None:
    row = conn.execute("SELECT identity_cipher FROM exposure_entry WHERE id = ?",
                       (entry_id,)).fetchone()
    if row is None:
        raise ValidationError("exposure.no_such_id", "entry", entry_id=entry_id)
    return None if row[0] is None else bytes(row[0])


def find_exposure(conn: sqlite3.Connection, product_id: int, identity_index: str | None,
                  person: str, exposure_start: dt.date) -> int | None:
    """The entry an import row names again: same product, person (by the identity's keyed
    hash when there is one, else by name) and start."""
    if identity_index is not None:
        row = conn.execute("SELECT id FROM exposure_entry WHERE identity_index = ? AND "
                           "product_id = ? AND exposure_start = ? ORDER BY id LIMIT 1",
                           (identity_index, product_id, exposure_start.isoformat())).fetchone()
    else:
        row = conn.execute("SELECT id FROM exposure_entry WHERE identity_index IS NULL AND "
                           "product_id = ? AND person = ? AND exposure_start = ? "
                           "ORDER BY id LIMIT 1",
                           (product_id, person.strip(), exposure_start.isoformat())).fetchone()
    return None if row is None else int(row[0])


def insert_exposure(conn: sqlite3.Connection, row: ExposureRow, identity: SealedIdentity | None,
                    *, actor: str) -> int:
    with atomic(conn):
        cur = conn.execute(
            f"INSERT INTO exposure_entry ({_COLUMNS}, identity_cipher, identity_masked, "
            "identity_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*row.values(), identity.cipher if identity else None,
             identity.masked if identity else "", identity.index if identity else None))
        entry_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, EXPOSURE, entry_id, "create",
                     {**row.details(), "identity": bool(identity)})
    return entry_id


def update_exposure(conn: sqlite3.Connection, entry_id: int, row: ExposureRow,
                    identity: SealedIdentity | None, *, actor: str) -> bool:
    """Change an entry; ``identity`` None keeps the number it has. False: nothing changed."""
    names = [c.strip() for c in _COLUMNS.split(",")]
    sets = ", ".join(f"{c} = ?" for c in names)
    differs = " OR ".join(f"{c} IS NOT ?{i + 1}" for i, c in enumerate(names))
    params: list[object] = list(row.values())
    identity_sql = ""
    if identity is not None:
        identity_sql = ", identity_cipher = ?, identity_masked = ?, identity_index = ?"
        params += [identity.cipher, identity.masked, identity.index]
        differs += f" OR identity_index IS NOT ?{len(params)}"
    with atomic(conn):
        require_exposure(conn, entry_id)
        cur = conn.execute(
            f"UPDATE exposure_entry SET {sets}{identity_sql}, updated_at = {NOW_SQL} "
            f"WHERE id = ?{len(params) + 1} AND ({differs})", [*params, entry_id])
        if cur.rowcount:
            audit.record(conn, actor, EXPOSURE, entry_id, "update",
                         {**row.details(), "identity_changed": identity is not None})
    return bool(cur.rowcount)


def delete_exposure(conn: sqlite3.Connection, entry_id: int, *, actor: str) -> None:
    """Remove an entry (the service has checked its retention), with an audit entry."""
    with atomic(conn):
        entry = require_exposure(conn, entry_id)
        conn.execute("DELETE FROM exposure_entry WHERE id = ?", (entry_id,))
        audit.record(conn, actor, EXPOSURE, entry_id, "delete",
                     {"product_id": entry.product_id, "person": entry.person,
                      "exposure_start": entry.exposure_start.isoformat(),
                      "exposure_end": iso(entry.exposure_end),
                      "retain_until": iso(entry.retain_until)})


def record_reveal(conn: sqlite3.Connection, entry_id: int, *, actor: str, purpose: str = ""
                  ) -> None:
    """The audit entry of a reveal: who saw which entry's number (never the number)."""
    audit.record(conn, actor, EXPOSURE, entry_id, "reveal_identity",
                 {"purpose": purpose} if purpose else {})


def extend_retention(conn: sqlite3.Connection, product_id: int, codes: tuple[str, ...], *,
                     actor: str) -> int:
    """After the product's codes changed: each entry keeps at least the retention its new
    codes call for (never less than it had); returns how many were extended, each audited."""
    from vernetool.domain.chemicals.exposure import retain_until

    extended = 0
    rows = conn.execute("SELECT id, exposure_end, retain_until FROM exposure_entry "
                        "WHERE product_id = ? AND exposure_end IS NOT NULL",
                        (product_id,)).fetchall()
    for r in rows:
        end = to_date(r["exposure_end"])
        new = retain_until(codes, end)
        old = to_date(r["retain_until"])
        if new is not None and (old is None or new > old):
            conn.execute(f"UPDATE exposure_entry SET retain_until = ?, updated_at = {NOW_SQL} "
                         "WHERE id = ?", (new.isoformat(), r["id"]))
            audit.record(conn, actor, EXPOSURE, int(r["id"]), "extend_retention",
                         {"retain_until": new.isoformat(), "was": iso(old)})
            extended += 1
    return extended
