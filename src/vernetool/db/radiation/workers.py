"""The workers register for ionising radiation (§31-4) and the doses measured.

The identity number arrives here already sealed by the identity vault: the row holds only
``identity_cipher``, ``identity_masked`` and the keyed ``identity_index``; audit details never
carry any of them. ``retain_until`` is kept on the row (the last exposure + 60 years, from
``domain.radiation.workers``) and recomputed whenever the work's end or the doses change.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from vernetool.db import audit
from vernetool.db.chemicals.exposure import SealedIdentity
from vernetool.db.connection import atomic
from vernetool.db.radiation.common import DOSE, NOW_SQL, WORKER, iso, like_clauses, to_date
from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.doses import DoseEntry, DosimeterPosition, dose_entry
from vernetool.domain.radiation.model import Dose, DoseInput, RadiationWorker

__all__ = ["SealedIdentity", "WorkerRow"]


@dataclass(frozen=True)
class WorkerRow:
    """A worker checked, as the table stores it (without the identity number)."""

    person: str
    address: str = ""
    work: str = ""
    employed_from: dt.date | None = None
    sources: str = ""
    exposure_end: dt.date | None = None
    apprentice: bool = False
    person_id: int | None = None
    notes: str = ""

    def values(self) -> tuple[object, ...]:
        return (self.person, self.person_id, self.address, self.work, self.sources,
                iso(self.employed_from), iso(self.exposure_end), int(self.apprentice),
                self.notes)

    def details(self) -> dict[str, object]:
        """What the audit trail keeps of a change: never the identity number, nor the
        address (personal data the register itself holds)."""
        return {"person": self.person, "work": self.work, "sources": self.sources,
                "employed_from": iso(self.employed_from),
                "exposure_end": iso(self.exposure_end), "apprentice": self.apprentice}


_COLUMNS = ("person, person_id, address, work, sources, employed_from, exposure_end, "
            "apprentice, notes")
_NAMES = tuple(c.strip() for c in _COLUMNS.split(","))
_SELECT = ("SELECT w.*, (SELECT max(d.dose_date) FROM radiation_dose d "
           "WHERE d.worker_id = w.id) AS last_dose FROM radiation_worker w ")


def _worker(row: sqlite3.Row) -> RadiationWorker:
    return RadiationWorker(
        id=row["id"], person=row["person"], identity_masked=row["identity_masked"],
        address=row["address"], work=row["work"], employed_from=to_date(row["employed_from"]),
        sources=row["sources"], exposure_end=to_date(row["exposure_end"]),
        retain_until=to_date(row["retain_until"]), apprentice=bool(row["apprentice"]),
        person_id=row["person_id"], notes=row["notes"], last_dose=to_date(row["last_dose"]),
        created_at=row["created_at"], updated_at=row["updated_at"])


def get_worker(conn: sqlite3.Connection, worker_id: int) -> RadiationWorker | None:
    row = conn.execute(f"{_SELECT} WHERE w.id = ?", (worker_id,)).fetchone()
    return _worker(row) if row else None


def require_worker(conn: sqlite3.Connection, worker_id: int) -> RadiationWorker:
    found = get_worker(conn, worker_id)
    if found is None:
        raise ValidationError("radiation_worker.no_such_id", "worker", worker_id=worker_id)
    return found


def list_workers(conn: sqlite3.Connection, text: str = "") -> list[RadiationWorker]:
    """The register by name; ``text``: words found in the name, work or sources."""
    clauses, params = like_clauses(
        "lower(w.person || ' ' || w.work || ' ' || w.sources || ' ' || w.identity_masked)",
        text)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(f"{_SELECT}{where} ORDER BY w.person, w.id", params).fetchall()
    return [_worker(r) for r in rows]


def identity_cipher(conn: sqlite3.Connection, worker_id: int) -> bytes | None:
    row = conn.execute("SELECT identity_cipher FROM radiation_worker WHERE id = ?",
                       (worker_id,)).fetchone()
    if row is None:
        raise ValidationError("radiation_worker.no_such_id", "worker", worker_id=worker_id)
    return None if row[0] is None else bytes(row[0])


def find_worker(conn: sqlite3.Connection, identity_index: str | None, person: str
                ) -> int | None:
    """The entry an import row names again: by the identity's keyed hash when there is one,
    else by name among the entries without a number."""
    if identity_index is not None:
        row = conn.execute("SELECT id FROM radiation_worker WHERE identity_index = ? "
                           "ORDER BY id LIMIT 1", (identity_index,)).fetchone()
    else:
        row = conn.execute("SELECT id FROM radiation_worker WHERE identity_index IS NULL "
                           "AND person = ? ORDER BY id LIMIT 1",
                           (" ".join(person.split()),)).fetchone()
    return None if row is None else int(row[0])


def last_exposure(conn: sqlite3.Connection, worker_id: int) -> dt.date | None:
    """The end of the exposure the retention counts from: the work's end, or a later dose;
    None while the work goes on (no end recorded)."""
    row = conn.execute("SELECT w.exposure_end, (SELECT max(dose_date) FROM radiation_dose d "
                       "WHERE d.worker_id = w.id) FROM radiation_worker w WHERE w.id = ?",
                       (worker_id,)).fetchone()
    if row is None or row[0] is None:
        return None
    ended = dt.date.fromisoformat(row[0])
    last_dose = to_date(row[1])
    return max(ended, last_dose) if last_dose is not None else ended


def refresh_retention(conn: sqlite3.Connection, worker_id: int) -> dt.date | None:
    """Recompute the row's ``retain_until`` (never shortened below what it was)."""
    from vernetool.domain.radiation.workers import retain_until

    new = retain_until(last_exposure(conn, worker_id))
    old = to_date(conn.execute("SELECT retain_until FROM radiation_worker WHERE id = ?",
                               (worker_id,)).fetchone()[0])
    if new is not None and old is not None and new < old:
        new = old
    conn.execute("UPDATE radiation_worker SET retain_until = ? WHERE id = ? "
                 "AND retain_until IS NOT ?", (iso(new), worker_id, iso(new)))
    return new


def insert_worker(conn: sqlite3.Connection, row: WorkerRow, identity: SealedIdentity | None,
                  *, actor: str) -> int:
    with atomic(conn):
        _check_person(conn, row.person_id)
        cur = conn.execute(
            f"INSERT INTO radiation_worker ({_COLUMNS}, identity_cipher, identity_masked, "
            f"identity_index) VALUES ({', '.join('?' * (len(_NAMES) + 3))})",
            (*row.values(), identity.cipher if identity else None,
             identity.masked if identity else "", identity.index if identity else None))
        worker_id = int(cur.lastrowid or 0)
        refresh_retention(conn, worker_id)
        audit.record(conn, actor, WORKER, worker_id, "create",
                     {**row.details(), "identity": bool(identity)})
    return worker_id


def update_worker(conn: sqlite3.Connection, worker_id: int, row: WorkerRow,
                  identity: SealedIdentity | None, *, actor: str) -> bool:
    """Change an entry; ``identity`` None keeps the number it has. False: nothing changed."""
    sets = ", ".join(f"{c} = ?{i + 1}" for i, c in enumerate(_NAMES))
    differs = " OR ".join(f"{c} IS NOT ?{i + 1}" for i, c in enumerate(_NAMES))
    params: list[object] = list(row.values())
    identity_sql = ""
    if identity is not None:
        n = len(params)
        identity_sql = (f", identity_cipher = ?{n + 1}, identity_masked = ?{n + 2}, "
                        f"identity_index = ?{n + 3}")
        params += [identity.cipher, identity.masked, identity.index]
        differs += f" OR identity_index IS NOT ?{n + 3}"
    with atomic(conn):
        require_worker(conn, worker_id)
        _check_person(conn, row.person_id)
        cur = conn.execute(
            f"UPDATE radiation_worker SET {sets}{identity_sql}, updated_at = {NOW_SQL} "
            f"WHERE id = ?{len(params) + 1} AND ({differs})", [*params, worker_id])
        refresh_retention(conn, worker_id)
        if cur.rowcount:
            audit.record(conn, actor, WORKER, worker_id, "update",
                         {**row.details(), "identity_changed": identity is not None})
    return bool(cur.rowcount)


def upsert_worker(conn: sqlite3.Connection, row: WorkerRow, identity: SealedIdentity | None,
                  *, actor: str) -> tuple[int, bool]:
    """An import row: the entry with the same identity number (by its keyed hash; by name
    when there is no number) updated, else a new one. (id, whether anything changed)."""
    found = find_worker(conn, identity.index if identity else None, row.person)
    if found is None:
        return insert_worker(conn, row, identity, actor=actor), True
    return found, update_worker(conn, found, row, None, actor=actor)


def _check_person(conn: sqlite3.Connection, person_id: int | None) -> None:
    if person_id is not None and conn.execute("SELECT 1 FROM person WHERE id = ?",
                                              (person_id,)).fetchone() is None:
        raise ValidationError("person.no_such_id", "person", person_id=person_id)


def delete_worker(conn: sqlite3.Connection, worker_id: int, *, actor: str) -> None:
    """Remove an entry and its doses (the service has checked the retention), audited."""
    with atomic(conn):
        worker = require_worker(conn, worker_id)
        doses = conn.execute("SELECT count(*) FROM radiation_dose WHERE worker_id = ?",
                             (worker_id,)).fetchone()[0]
        conn.execute("DELETE FROM radiation_worker WHERE id = ?", (worker_id,))
        audit.record(conn, actor, WORKER, worker_id, "delete",
                     {"person": worker.person, "exposure_end": iso(worker.exposure_end),
                      "retain_until": iso(worker.retain_until), "doses": int(doses)})


def record_reveal(conn: sqlite3.Connection, worker_id: int, *, actor: str,
                  purpose: str = "") -> None:
    """The audit entry of a reveal: who saw which entry's number (never the number)."""
    audit.record(conn, actor, WORKER, worker_id, "reveal_identity",
                 {"purpose": purpose} if purpose else {})


# -- doses ----------------------------------------------------------------------------------

def checked_dose(inp: DoseInput) -> DoseEntry:
    """The domain's checked entry (numbers or text with a decimal comma; one value given)."""
    return dose_entry(inp.dose_date, inp.hp10_msv, inp.hp007_msv,
                      DosimeterPosition(inp.position), inp.hp3_msv)


def _dose(row: sqlite3.Row) -> Dose:
    return Dose(row["id"], row["worker_id"], dt.date.fromisoformat(row["dose_date"]),
                row["hp10_msv"], row["hp007_msv"], DosimeterPosition(row["position"]),
                row["hp3_msv"], row["note"], row["created_at"])


def doses(conn: sqlite3.Connection, worker_id: int | None = None) -> list[Dose]:
    """A worker's doses (or everyone's), by worker and date."""
    where = "" if worker_id is None else " WHERE worker_id = ?"
    params = () if worker_id is None else (worker_id,)
    rows = conn.execute(f"SELECT * FROM radiation_dose{where} "
                        "ORDER BY worker_id, dose_date, position, id", params).fetchall()
    return [_dose(r) for r in rows]


def add_dose(conn: sqlite3.Connection, worker_id: int, entry: DoseEntry, note: str = "", *,
             actor: str) -> int:
    """One reading; another for the same worker, date and dosimeter is refused."""
    with atomic(conn):
        require_worker(conn, worker_id)
        clash = conn.execute("SELECT id FROM radiation_dose WHERE worker_id = ? AND "
                             "dose_date = ? AND position = ?",
                             (worker_id, entry.date.isoformat(), entry.position.value)
                             ).fetchone()
        if clash is not None:
            raise ValidationError("radiation_dose.exists", "dose_date",
                                  date=entry.date.isoformat(), dose_id=int(clash[0]))
        cur = conn.execute(
            "INSERT INTO radiation_dose (worker_id, dose_date, position, hp10_msv, hp007_msv, "
            "hp3_msv, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (worker_id, entry.date.isoformat(), entry.position.value, entry.hp10_msv,
             entry.hp007_msv, entry.hp3_msv, note.strip()))
        dose_id = int(cur.lastrowid or 0)
        refresh_retention(conn, worker_id)
        audit.record(conn, actor, DOSE, dose_id, "create", _dose_details(worker_id, entry))
    return dose_id


def _dose_details(worker_id: int, entry: DoseEntry) -> dict[str, object]:
    return {"worker_id": worker_id, "date": entry.date.isoformat(),
            "position": entry.position.value, "hp10_msv": entry.hp10_msv,
            "hp007_msv": entry.hp007_msv, "hp3_msv": entry.hp3_msv}


def upsert_doses(conn: sqlite3.Connection, items: Sequence[tuple[int, DoseEntry]], *,
                 actor: str) -> int:
    """Insert or update many readings on (worker, date, dosimeter) — an import; how many
    changed. The same values again change nothing; one audit entry for the batch."""
    if not items:
        return 0
    changed = 0
    with atomic(conn):
        workers = {worker_id for worker_id, _ in items}
        for worker_id in workers:
            require_worker(conn, worker_id)
        for worker_id, entry in items:
            cur = conn.execute(
                "INSERT INTO radiation_dose (worker_id, dose_date, position, hp10_msv, "
                "hp007_msv, hp3_msv) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                "ON CONFLICT (worker_id, dose_date, position) DO UPDATE SET "
                "hp10_msv = ?4, hp007_msv = ?5, hp3_msv = ?6 WHERE hp10_msv IS NOT ?4 "
                "OR hp007_msv IS NOT ?5 OR hp3_msv IS NOT ?6",
                (worker_id, entry.date.isoformat(), entry.position.value, entry.hp10_msv,
                 entry.hp007_msv, entry.hp3_msv))
            changed += max(cur.rowcount, 0)
        for worker_id in workers:
            refresh_retention(conn, worker_id)
        if changed:
            audit.record(conn, actor, DOSE, None, "import",
                         {"doses": len(items), "changed": changed})
    return changed


def delete_dose(conn: sqlite3.Connection, dose_id: int, *, actor: str) -> int:
    """Remove a reading entered by mistake (audited with its values); the worker's id."""
    with atomic(conn):
        row = conn.execute("SELECT * FROM radiation_dose WHERE id = ?", (dose_id,)).fetchone()
        if row is None:
            raise ValidationError("radiation_dose.no_such_id", "dose", dose_id=dose_id)
        dose = _dose(row)
        conn.execute("DELETE FROM radiation_dose WHERE id = ?", (dose_id,))
        audit.record(conn, actor, DOSE, dose_id, "delete",
                     {"worker_id": dose.worker_id, "date": dose.dose_date.isoformat(),
                      "position": dose.position.value, "hp10_msv": dose.hp10_msv,
                      "hp007_msv": dose.hp007_msv, "hp3_msv": dose.hp3_msv})
    return dose.worker_id
