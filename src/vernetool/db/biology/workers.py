"""The workers register for biological agents (§31-3), incidents and vaccination offers.

The identity number arrives here already sealed (``SealedIdentity``: cipher, mask, keyed
hash; see ``vernetool.security.identity_vault``); audit details never carry any of them.
A worker is deleted only by the service, after it has checked the retention end.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from vernetool.db import audit
from vernetool.db.biology.common import INCIDENT, VACCINATION, WORKER
from vernetool.db.chemicals.common import NOW_SQL, iso, to_date
from vernetool.db.chemicals.exposure import SealedIdentity
from vernetool.db.connection import atomic
from vernetool.domain.biology.model import (
    BioWorker,
    Incident,
    IncidentInput,
    VaccinationOffer,
    VaccinationOfferInput,
)
from vernetool.domain.biology.workers import VaccineAnswer, retention_years, vaccine_offer
from vernetool.domain.errors import ValidationError

__all__ = ["SealedIdentity", "WorkerRow"]


@dataclass(frozen=True)
class WorkerRow:
    """A worker checked and ready to store (retention decided by the service)."""

    person: str
    work: str
    agent_id: int | None
    agent_text: str
    employed_from: dt.date | None
    last_exposure: dt.date | None
    long_term: bool
    retain_until: dt.date | None
    person_id: int | None = None

    def values(self) -> tuple[object, ...]:
        return (self.person, self.person_id, self.work, iso(self.employed_from),
                self.agent_id, self.agent_text, int(self.long_term),
                iso(self.last_exposure), iso(self.retain_until))

    def details(self) -> dict[str, object]:
        """What the audit trail keeps of a change: never the identity number."""
        return {"person": self.person, "work": self.work, "agent_id": self.agent_id,
                "agent_text": self.agent_text, "employed_from": iso(self.employed_from),
                "long_term": self.long_term, "last_exposure": iso(self.last_exposure),
                "retain_until": iso(self.retain_until)}


_COLUMNS = ("person", "person_id", "work", "employed_from", "agent_id", "agent_text",
            "long_term", "last_exposure", "retain_until")
_SELECT = (
    "SELECT w.id, w.person, w.person_id, w.identity_masked, w.work, w.employed_from, "
    "w.agent_id, w.agent_text, w.long_term, w.last_exposure, w.retain_until, w.created_at, "
    "w.updated_at, a.name AS agent_name, "
    "(SELECT count(*) FROM bio_incident i WHERE i.worker_id = w.id) AS incidents, "
    "(SELECT count(*) FROM bio_vaccination_offer v WHERE v.worker_id = w.id) AS offers "
    "FROM bio_worker w LEFT JOIN bio_agent a ON a.id = w.agent_id ")


def _worker(row: sqlite3.Row) -> BioWorker:
    long_term = bool(row["long_term"])
    return BioWorker(
        id=row["id"], person=row["person"], identity_masked=row["identity_masked"],
        work=row["work"], agent_id=row["agent_id"],
        agent_name=row["agent_name"] or row["agent_text"], long_term=long_term,
        retention_years=retention_years(long_term), employed_from=to_date(row["employed_from"]),
        last_exposure=to_date(row["last_exposure"]), retain_until=to_date(row["retain_until"]),
        agent_text=row["agent_text"], person_id=row["person_id"], incidents=row["incidents"],
        vaccination_offers=row["offers"], created_at=row["created_at"],
        updated_at=row["updated_at"])


def get_worker(conn: sqlite3.Connection, worker_id: int) -> BioWorker | None:
    row = conn.execute(f"{_SELECT} WHERE w.id = ?", (worker_id,)).fetchone()
    return _worker(row) if row else None


def require_worker(conn: sqlite3.Connection, worker_id: int) -> BioWorker:
    found = get_worker(conn, worker_id)
    if found is None:
        raise ValidationError("bio_worker.no_such_id", "worker", worker_id=worker_id)
    return found


def list_workers(conn: sqlite3.Connection, agent_id: int | None = None, text: str = ""
                 ) -> list[BioWorker]:
    """The register by person and agent (masked numbers): all, or one agent's, or those
    whose name, work or agent contains every word of ``text``."""
    clauses: list[str] = []
    params: list[object] = []
    if agent_id is not None:
        clauses.append("w.agent_id = ?")
        params.append(agent_id)
    for word in text.casefold().split():
        clauses.append("instr(lower(w.person || ' ' || w.work || ' ' || "
                       "coalesce(a.name, w.agent_text)), ?) > 0")
        params.append(word)
    where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
    rows = conn.execute(f"{_SELECT}{where}ORDER BY w.person, agent_name, w.id",
                        params).fetchall()
    return [_worker(r) for r in rows]


def identity_cipher(conn: sqlite3.Connection, worker_id: int) -> bytes | None:
    row = conn.execute("SELECT identity_cipher FROM bio_worker WHERE id = ?",
                       (worker_id,)).fetchone()
    if row is None:
        raise ValidationError("bio_worker.no_such_id", "worker", worker_id=worker_id)
    return None if row[0] is None else bytes(row[0])


def find_worker(conn: sqlite3.Connection, identity_index: str | None, person: str,
                agent_id: int | None, agent_text: str = "") -> int | None:
    """The row an import names again: the same person (by the identity's keyed hash when
    there is one, else by name) for the same agent."""
    agent_sql = "agent_id IS ?" if agent_id is not None else "agent_id IS NULL AND agent_text = ?"
    agent_value: object = agent_id if agent_id is not None else agent_text.strip()
    if identity_index is not None:
        row = conn.execute(f"SELECT id FROM bio_worker WHERE identity_index = ? AND {agent_sql} "
                           "ORDER BY id LIMIT 1", (identity_index, agent_value)).fetchone()
    else:
        row = conn.execute("SELECT id FROM bio_worker WHERE identity_index IS NULL AND "
                           f"person = ? AND {agent_sql} ORDER BY id LIMIT 1",
                           (" ".join(person.split()), agent_value)).fetchone()
    return None if row is None else int(row[0])


def insert_worker(conn: sqlite3.Connection, row: WorkerRow, identity: SealedIdentity | None,
                  *, actor: str) -> int:
    with atomic(conn):
        cur = conn.execute(
            f"INSERT INTO bio_worker ({', '.join(_COLUMNS)}, identity_cipher, "
            f"identity_masked, identity_index) VALUES ({', '.join('?' * (len(_COLUMNS) + 3))})",
            (*row.values(), identity.cipher if identity else None,
             identity.masked if identity else "", identity.index if identity else None))
        worker_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, WORKER, worker_id, "create",
                     {**row.details(), "identity": bool(identity)})
    return worker_id


def update_worker(conn: sqlite3.Connection, worker_id: int, row: WorkerRow,
                  identity: SealedIdentity | None, *, actor: str) -> bool:
    """Change a row; ``identity`` None keeps the number it has. False: nothing changed."""
    sets = ", ".join(f"{c} = ?" for c in _COLUMNS)
    differs = " OR ".join(f"{c} IS NOT ?{i + 1}" for i, c in enumerate(_COLUMNS))
    params: list[object] = list(row.values())
    identity_sql = ""
    if identity is not None:
        identity_sql = ", identity_cipher = ?, identity_masked = ?, identity_index = ?"
        params += [identity.cipher, identity.masked, identity.index]
        differs += f" OR identity_index IS NOT ?{len(params)}"
    with atomic(conn):
        require_worker(conn, worker_id)
        cur = conn.execute(
            f"UPDATE bio_worker SET {sets}{identity_sql}, updated_at = {NOW_SQL} "
            f"WHERE id = ?{len(params) + 1} AND ({differs})", [*params, worker_id])
        if cur.rowcount:
            audit.record(conn, actor, WORKER, worker_id, "update",
                         {**row.details(), "identity_changed": identity is not None})
    return bool(cur.rowcount)


def delete_worker(conn: sqlite3.Connection, worker_id: int, *, actor: str) -> None:
    """Remove a row with its incidents and offers (the service has checked the retention)."""
    with atomic(conn):
        worker = require_worker(conn, worker_id)
        conn.execute("DELETE FROM bio_worker WHERE id = ?", (worker_id,))
        audit.record(conn, actor, WORKER, worker_id, "delete",
                     {"person": worker.person, "agent_id": worker.agent_id,
                      "last_exposure": iso(worker.last_exposure),
                      "retain_until": iso(worker.retain_until),
                      "incidents": worker.incidents,
                      "vaccination_offers": worker.vaccination_offers})


def record_reveal(conn: sqlite3.Connection, worker_id: int, *, actor: str, purpose: str = ""
                  ) -> None:
    """The audit entry of a reveal: who saw which row's number (never the number)."""
    audit.record(conn, actor, WORKER, worker_id, "reveal_identity",
                 {"purpose": purpose} if purpose else {})


# -- incidents ---------------------------------------------------------------------------

def incidents(conn: sqlite3.Connection, worker_id: int) -> list[Incident]:
    rows = conn.execute("SELECT * FROM bio_incident WHERE worker_id = ? "
                        "ORDER BY occurred_on, id", (worker_id,)).fetchall()
    found: list[Incident] = []
    for r in rows:
        occurred = to_date(r["occurred_on"])
        assert occurred is not None
        found.append(Incident(r["id"], r["worker_id"], occurred, r["description"],
                              r["created_at"]))
    return found


def add_incident(conn: sqlite3.Connection, worker_id: int, inp: IncidentInput, *,
                 actor: str) -> int:
    description = inp.description.strip()
    if not description:
        raise ValidationError("incident.description_required", "description")
    with atomic(conn):
        require_worker(conn, worker_id)
        cur = conn.execute("INSERT INTO bio_incident (worker_id, occurred_on, description) "
                           "VALUES (?, ?, ?)",
                           (worker_id, inp.occurred_on.isoformat(), description))
        incident_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, INCIDENT, incident_id, "create",
                     {"worker_id": worker_id, "occurred_on": inp.occurred_on.isoformat(),
                      "description": description})
    return incident_id


# -- vaccination offers --------------------------------------------------------------------

def _offer(r: sqlite3.Row) -> VaccinationOffer:
    offered = to_date(r["offered_at"])
    assert offered is not None
    return VaccinationOffer(r["id"], r["worker_id"], offered, r["vaccine"],
                            VaccineAnswer(r["answer"]), to_date(r["answered_at"]),
                            r["created_at"])


def vaccination_offers(conn: sqlite3.Connection, worker_id: int) -> list[VaccinationOffer]:
    rows = conn.execute("SELECT * FROM bio_vaccination_offer WHERE worker_id = ? "
                        "ORDER BY offered_at, id", (worker_id,)).fetchall()
    return [_offer(r) for r in rows]


def _offer_details(worker_id: int, inp: VaccinationOfferInput) -> dict[str, object]:
    return {"worker_id": worker_id, "offered_at": inp.offered_at.isoformat(),
            "vaccine": inp.vaccine, "answer": VaccineAnswer(inp.answer).value,
            "answered_at": iso(inp.answered_at)}


def add_vaccination_offer(conn: sqlite3.Connection, worker_id: int,
                          inp: VaccinationOfferInput, *, actor: str) -> int:
    """Record a written offer (the domain checks the dates); the same date and vaccine
    again updates its answer instead of adding a second offer."""
    vaccine_offer(inp.offered_at, VaccineAnswer(inp.answer), inp.answered_at)
    vaccine = " ".join(inp.vaccine.split())
    inp = VaccinationOfferInput(inp.offered_at, vaccine, VaccineAnswer(inp.answer),
                                inp.answered_at)
    with atomic(conn):
        require_worker(conn, worker_id)
        row = conn.execute("SELECT id FROM bio_vaccination_offer WHERE worker_id = ? AND "
                           "offered_at = ? AND vaccine = ?",
                           (worker_id, inp.offered_at.isoformat(), vaccine)).fetchone()
        if row is not None:
            update_vaccination_offer(conn, int(row[0]), inp, actor=actor)
            return int(row[0])
        cur = conn.execute("INSERT INTO bio_vaccination_offer (worker_id, offered_at, vaccine, "
                           "answer, answered_at) VALUES (?, ?, ?, ?, ?)",
                           (worker_id, inp.offered_at.isoformat(), vaccine,
                            VaccineAnswer(inp.answer).value, iso(inp.answered_at)))
        offer_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, VACCINATION, offer_id, "create",
                     _offer_details(worker_id, inp))
    return offer_id


def update_vaccination_offer(conn: sqlite3.Connection, offer_id: int,
                             inp: VaccinationOfferInput, *, actor: str) -> bool:
    """Change an offer (typically: record the answer). False: nothing changed."""
    vaccine_offer(inp.offered_at, VaccineAnswer(inp.answer), inp.answered_at)
    with atomic(conn):
        row = conn.execute("SELECT worker_id FROM bio_vaccination_offer WHERE id = ?",
                           (offer_id,)).fetchone()
        if row is None:
            raise ValidationError("vaccination.no_such_id", "offer", offer_id=offer_id)
        values = (inp.offered_at.isoformat(), " ".join(inp.vaccine.split()),
                  VaccineAnswer(inp.answer).value, iso(inp.answered_at))
        cur = conn.execute(
            "UPDATE bio_vaccination_offer SET offered_at = ?1, vaccine = ?2, answer = ?3, "
            "answered_at = ?4 WHERE id = ?5 AND (offered_at IS NOT ?1 OR vaccine IS NOT ?2 "
            "OR answer IS NOT ?3 OR answered_at IS NOT ?4)", (*values, offer_id))
        if cur.rowcount:
            audit.record(conn, actor, VACCINATION, offer_id, "update",
                         _offer_details(int(row[0]), inp))
    return bool(cur.rowcount)


def workers_without_offer(conn: sqlite3.Connection) -> list[BioWorker]:
    """Workers whose agent is marked V and who have no written vaccination offer."""
    rows = conn.execute(
        f"{_SELECT} WHERE instr(a.notes, 'V') > 0 AND NOT EXISTS (SELECT 1 FROM "
        "bio_vaccination_offer v WHERE v.worker_id = w.id) ORDER BY w.person, a.name, w.id"
    ).fetchall()
    return [_worker(r) for r in rows]
