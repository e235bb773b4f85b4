"""The workers register for biological agents (§31-3): who works with which agent (group 3
and 4 agents and those marked D), their incidents, and the written vaccination offers (agents
marked V). Identity numbers are sealed by the per-database identity vault — the same vault
object ``services.exposure`` unlocks, so one unlock serves both registers — shown masked,
revealed only on request with an audit entry. A row is kept 10 years after the last known
exposure, 40 for latent or persistent infections; deletion before that is refused.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.biology import agents as agent_rows
from vernetool.db.biology import uses as use_rows
from vernetool.db.biology import workers as worker_rows
from vernetool.db.biology.workers import SealedIdentity, WorkerRow
from vernetool.db.meta import get_meta, set_meta
from vernetool.domain import retention
from vernetool.domain.biology.model import (
    BioWorker,
    BioWorkerInput,
    Incident,
    IncidentInput,
    VaccinationOffer,
    VaccinationOfferInput,
    WorkerGap,
)
from vernetool.domain.biology.workers import retain_until, retention_years
from vernetool.domain.errors import ValidationError
from vernetool.security.identity_vault import IdentityVault, Keychain, VaultStatus
from vernetool.services.biology.agents import catalogue_lookup
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["BioWorkersService", "VaultStatus"]


class _Meta:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        return get_meta(self.conn, key)

    def set(self, key: str, value: str) -> None:
        set_meta(self.conn, key, value)


def _last_incident(conn: sqlite3.Connection, worker_id: int) -> dt.date | None:
    row = conn.execute("SELECT max(occurred_on) FROM bio_incident WHERE worker_id = ?",
                       (worker_id,)).fetchone()
    return dt.date.fromisoformat(row[0]) if row and row[0] else None


def _effective_last(last_exposure: dt.date | None, incident: dt.date | None) -> dt.date | None:
    """The last known exposure: the date given, or a later incident (None: ongoing)."""
    if last_exposure is None:
        return None
    return max(last_exposure, incident) if incident is not None else last_exposure


class BioWorkersService:
    def __init__(self, store: Store, keychain: Keychain | str | None = "system",
                 vault: IdentityVault | None = None) -> None:
        self.store = store
        self.vault = vault if vault is not None else IdentityVault(keychain)

    # -- the vault -------------------------------------------------------------------------
    def vault_status(self) -> VaultStatus:
        with self.store.read() as conn:
            return self.vault.status(_Meta(conn))

    def unlock(self, passphrase: str) -> None:
        with self.store.read() as conn:
            self.vault.unlock(_Meta(conn), passphrase)

    def set_up_vault(self, passphrase: str | None = None) -> None:
        """Protect this database's identity numbers (as ``services.exposure`` does)."""
        with self.store.write() as conn:
            self.vault.set_up(_Meta(conn), passphrase)
            from vernetool.db import audit

            audit.record(conn, self.store.actor, "identity_vault", None, "set_up",
                         {"protection": "keyring" if passphrase is None else "passphrase"})

    def lock(self) -> None:
        self.vault.lock()

    def seal_identity(self, conn: sqlite3.Connection, number: str) -> SealedIdentity:
        """Check and encrypt a number inside a caller's transaction (the importer's path)."""
        self.vault.ensure_open(_Meta(conn))
        sealed = self.vault.seal(number)
        return SealedIdentity(sealed.cipher, sealed.masked, sealed.index)

    def identity_index(self, conn: sqlite3.Connection, number: str) -> str:
        self.vault.ensure_open(_Meta(conn))
        return self.vault.index(number)

    # -- rows ------------------------------------------------------------------------------
    def prepare_row(self, conn: sqlite3.Connection, inp: BioWorkerInput,
                    worker_id: int | None = None) -> WorkerRow:
        """The row to store (checked; the 10/40-year retention from the agent or the list
        unless the input says; an importer's path too)."""
        person = " ".join(inp.person.split())
        if not person:
            raise ValidationError("bio_worker.person_required", "person")
        agent_text = " ".join(inp.agent_text.split())
        long_term = inp.long_term
        if inp.agent_id is not None:
            agent = agent_rows.require_agent(conn, inp.agent_id)
            agent_text = ""
            if long_term is None:
                long_term = agent.long_retention
        elif long_term is None and agent_text:
            entry = catalogue_lookup(conn, agent_text)
            long_term = entry.long_retention if entry is not None else None
        if inp.employed_from and inp.last_exposure and inp.last_exposure < inp.employed_from:
            raise ValidationError("exposure.end_before_start", "last_exposure")
        incident = None if worker_id is None else _last_incident(conn, worker_id)
        long = bool(long_term)
        return WorkerRow(person, inp.work.strip(), inp.agent_id, agent_text,
                         inp.employed_from, inp.last_exposure, long,
                         retain_until(_effective_last(inp.last_exposure, incident), long),
                         inp.person_id)

    def register(self, inp: BioWorkerInput) -> BioWorker:
        """A new row; the identity number is checked, then only stored encrypted."""
        with self.store.write(Topic.BIO_WORKERS) as conn:
            row = self.prepare_row(conn, inp)
            sealed = (self.seal_identity(conn, inp.identity_number)
                      if inp.identity_number.strip() else None)
            worker_id = worker_rows.insert_worker(conn, row, sealed, actor=self.store.actor)
            return worker_rows.require_worker(conn, worker_id)

    def update(self, worker_id: int, inp: BioWorkerInput) -> BioWorker:
        """Change a row; an identity number left empty (or as the mask shows it) keeps the
        one the row has. The retention end never moves earlier by an edit of the flag."""
        with self.store.write(Change(Topic.BIO_WORKERS, (worker_id,))) as conn:
            current = worker_rows.require_worker(conn, worker_id)
            row = self._kept_retention(self.prepare_row(conn, inp, worker_id), current)
            number = inp.identity_number.strip()
            sealed = None
            if number and number != current.identity_masked:
                sealed = self.seal_identity(conn, number)
            worker_rows.update_worker(conn, worker_id, row, sealed, actor=self.store.actor)
            return worker_rows.require_worker(conn, worker_id)

    @staticmethod
    def _kept_retention(row: WorkerRow, current: BioWorker) -> WorkerRow:
        if (row.last_exposure == current.last_exposure and row.retain_until is not None
                and current.retain_until is not None
                and row.retain_until < current.retain_until):
            from dataclasses import replace

            return replace(row, retain_until=current.retain_until)
        return row

    def worker(self, worker_id: int) -> BioWorker:
        with self.store.read() as conn:
            return worker_rows.require_worker(conn, worker_id)

    def workers(self, agent_id: int | None = None, text: str = "") -> list[BioWorker]:
        """The register (or one agent's part), identity numbers masked."""
        with self.store.read() as conn:
            return worker_rows.list_workers(conn, agent_id, text)

    def reveal_identity(self, worker_id: int, purpose: str = "") -> str:
        """The row's identity number in clear, on an explicit request: the audit trail
        records who asked for which row (never the number). "" when none is recorded."""
        with self.store.write() as conn:
            cipher = worker_rows.identity_cipher(conn, worker_id)
            if cipher is None:
                return ""
            self.vault.ensure_open(_Meta(conn))
            number = self.vault.open(cipher)
            worker_rows.record_reveal(conn, worker_id, actor=self.store.actor, purpose=purpose)
        return number

    def reveal_for_export(self, worker_ids: list[int], purpose: str = "export"
                          ) -> dict[int, str]:
        """The numbers of these rows in clear for an export that asks for them
        (``--include-identity``): one audit entry per row, one transaction."""
        found: dict[int, str] = {}
        with self.store.write() as conn:
            self.vault.ensure_open(_Meta(conn))
            for worker_id in worker_ids:
                cipher = worker_rows.identity_cipher(conn, worker_id)
                if cipher is None:
                    continue
                found[worker_id] = self.vault.open(cipher)
                worker_rows.record_reveal(conn, worker_id, actor=self.store.actor,
                                          purpose=purpose)
        return found

    def delete(self, worker_id: int, today: dt.date | None = None) -> None:
        """Delete a row after its retention (10 years after the last known exposure, 40 for
        latent/persistent infections): ``retention.exposure_open`` / ``retention.not_expired``
        before that."""
        day = today or dt.date.today()
        with self.store.write(Change(Topic.BIO_WORKERS, (worker_id,))) as conn:
            worker = worker_rows.require_worker(conn, worker_id)
            years = retention_years(worker.long_term)
            last = _effective_last(worker.last_exposure, _last_incident(conn, worker_id))
            retention.check_deletion(last, years, day)
            if worker.retain_until is not None and day <= worker.retain_until:
                raise ValidationError("retention.not_expired", "last_exposure", years=years,
                                      until=worker.retain_until.isoformat())
            worker_rows.delete_worker(conn, worker_id, actor=self.store.actor)

    # -- incidents -------------------------------------------------------------------------
    def add_incident(self, worker_id: int, inp: IncidentInput) -> Incident:
        """Record an accident or incident exposure; one after the last exposure on record
        moves the retention end on (never back)."""
        with self.store.write(Change(Topic.BIO_WORKERS, (worker_id,))) as conn:
            incident_id = worker_rows.add_incident(conn, worker_id, inp, actor=self.store.actor)
            current = worker_rows.require_worker(conn, worker_id)
            new_end = retain_until(
                _effective_last(current.last_exposure, _last_incident(conn, worker_id)),
                current.long_term)
            if (new_end is not None and current.retain_until is not None
                    and new_end > current.retain_until):
                conn.execute("UPDATE bio_worker SET retain_until = ? WHERE id = ?",
                             (new_end.isoformat(), worker_id))
                from vernetool.db import audit

                audit.record(conn, self.store.actor, "bio_worker", worker_id,
                             "extend_retention", {"retain_until": new_end.isoformat(),
                                                  "was": current.retain_until.isoformat()})
            return next(i for i in worker_rows.incidents(conn, worker_id)
                        if i.id == incident_id)

    def incidents(self, worker_id: int) -> list[Incident]:
        with self.store.read() as conn:
            worker_rows.require_worker(conn, worker_id)
            return worker_rows.incidents(conn, worker_id)

    # -- vaccination offers ----------------------------------------------------------------
    def offer_vaccination(self, worker_id: int, inp: VaccinationOfferInput
                          ) -> VaccinationOffer:
        """Record a written offer (the vaccine named, or the worker's agent when left
        empty) with the answer when known; the same date and vaccine again records the
        answer on that offer."""
        with self.store.write(Change(Topic.BIO_WORKERS, (worker_id,))) as conn:
            worker = worker_rows.require_worker(conn, worker_id)
            if not inp.vaccine.strip() and worker.agent_name:
                inp = VaccinationOfferInput(inp.offered_at, worker.agent_name, inp.answer,
                                            inp.answered_at)
            offer_id = worker_rows.add_vaccination_offer(conn, worker_id, inp,
                                                         actor=self.store.actor)
            return next(o for o in worker_rows.vaccination_offers(conn, worker_id)
                        if o.id == offer_id)

    def record_answer(self, offer_id: int, inp: VaccinationOfferInput) -> VaccinationOffer:
        """Change an offer, typically to record the worker's answer and its date."""
        with self.store.write(Topic.BIO_WORKERS) as conn:
            worker_rows.update_vaccination_offer(conn, offer_id, inp, actor=self.store.actor)
            row = conn.execute("SELECT worker_id FROM bio_vaccination_offer WHERE id = ?",
                               (offer_id,)).fetchone()
            return next(o for o in worker_rows.vaccination_offers(conn, int(row[0]))
                        if o.id == offer_id)

    def vaccination_offers(self, worker_id: int) -> list[VaccinationOffer]:
        with self.store.read() as conn:
            worker_rows.require_worker(conn, worker_id)
            return worker_rows.vaccination_offers(conn, worker_id)

    # -- what the rules call for and the register lacks ------------------------------------
    def lacking_vaccination_offer(self) -> list[BioWorker]:
        """Workers whose agent is marked V (a vaccine exists) without a written offer."""
        with self.store.read() as conn:
            return worker_rows.workers_without_offer(conn)

    def missing_registers(self) -> list[WorkerGap]:
        """Agents used in a room now that call for a workers register (group 3/4 or note
        D) and have nobody in it."""
        with self.store.read() as conn:
            gaps: list[WorkerGap] = []
            for agent in agent_rows.list_agents(conn, in_use=True, workers_register=True):
                if agent.workers == 0:
                    rooms = tuple(u.room_label for u in use_rows.list_uses(
                        conn, agent_id=agent.id))
                    gaps.append(WorkerGap(agent.id, agent.name, rooms=rooms))
            return gaps
