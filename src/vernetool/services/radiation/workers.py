"""The workers register for ionising radiation (forskrift om utførelse av arbeid §31-4):
name, address, identity number, current work, date of employment and the individually
measured doses, with the yearly sums per person against the dose limits.

Identity numbers go through the exposure register's identity vault (the same per-database
vault: unlocked on one screen, unlocked for both registers); reveals are audited; nothing here
puts an identity number into the audit trail, a log line or an error. Entries are kept at
least 60 years after the last exposure: deletion before that is refused.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vernetool.db.meta import get_meta, set_meta
from vernetool.db.radiation import workers as worker_rows
from vernetool.db.radiation.workers import SealedIdentity, WorkerRow
from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.doses import (
    APPRENTICE_LIMITS,
    WORKER_LIMITS,
    DoseEntry,
    DoseLimit,
    DoseLimits,
    yearly_doses,
)
from vernetool.domain.radiation.model import (
    Dose,
    DoseInput,
    RadiationWorker,
    RadiationWorkerInput,
    WorkerYear,
)
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

if TYPE_CHECKING:
    from vernetool.security.identity_vault import IdentityVault
    from vernetool.services.chemicals.exposure import ExposureService

__all__ = ["RadiationWorkersService", "limits_for"]


class _Meta:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        return get_meta(self.conn, key)

    def set(self, key: str, value: str) -> None:
        set_meta(self.conn, key, value)


def limits_for(worker: RadiationWorker) -> DoseLimits:
    """The yearly limits that apply: an apprentice's (16-18 years) or a worker's."""
    return APPRENTICE_LIMITS if worker.apprentice else WORKER_LIMITS


def _entry(dose: Dose) -> DoseEntry:
    return DoseEntry(dose.dose_date, dose.hp10_msv, dose.hp007_msv, dose.position,
                     dose.hp3_msv)


class RadiationWorkersService:
    def __init__(self, store: Store, exposure: ExposureService | None = None) -> None:
        self.store = store
        if exposure is None:
            from vernetool.services.chemicals.exposure import ExposureService

            exposure = ExposureService(store)
        self.exposure = exposure

    @property
    def vault(self) -> IdentityVault:
        """The identity vault this register shares with the exposure register."""
        return self.exposure.vault

    # -- preparing ------------------------------------------------------------------------
    def prepare_row(self, inp: RadiationWorkerInput) -> WorkerRow:
        """The row to store, checked (the importer's path too)."""
        person = " ".join(inp.person.split())
        if not person:
            raise ValidationError("radiation_worker.person_required", "person")
        if (inp.exposure_end is not None and inp.employed_from is not None
                and inp.exposure_end < inp.employed_from):
            raise ValidationError("radiation_worker.end_before_employment", "exposure_end")
        return WorkerRow(person, inp.address.strip(), " ".join(inp.work.split()),
                         inp.employed_from, inp.sources.strip(), inp.exposure_end,
                         inp.apprentice, inp.person_id, inp.notes.strip())

    def seal_identity(self, conn: sqlite3.Connection, number: str) -> SealedIdentity:
        """Check and encrypt a number inside a caller's transaction (the importer's path)."""
        return self.exposure.seal_identity(conn, number)

    # -- entries --------------------------------------------------------------------------
    def register(self, inp: RadiationWorkerInput) -> RadiationWorker:
        """A new entry; the identity number is checked, then only stored encrypted."""
        row = self.prepare_row(inp)
        with self.store.write(Topic.RADIATION_WORKERS) as conn:
            sealed = (self.seal_identity(conn, inp.identity_number)
                      if inp.identity_number.strip() else None)
            worker_id = worker_rows.insert_worker(conn, row, sealed, actor=self.store.actor)
            return worker_rows.require_worker(conn, worker_id)

    def update(self, worker_id: int, inp: RadiationWorkerInput) -> RadiationWorker:
        """Change an entry; an identity number left empty (or as the mask shows it) keeps
        the one the entry has."""
        row = self.prepare_row(inp)
        with self.store.write(Change(Topic.RADIATION_WORKERS, (worker_id,))) as conn:
            current = worker_rows.require_worker(conn, worker_id)
            number = inp.identity_number.strip()
            sealed = None
            if number and number != current.identity_masked:
                sealed = self.seal_identity(conn, number)
            worker_rows.update_worker(conn, worker_id, row, sealed, actor=self.store.actor)
            return worker_rows.require_worker(conn, worker_id)

    def upsert(self, inp: RadiationWorkerInput) -> tuple[int, bool]:
        """An import row: the entry with the same identity number (by name when there is
        none) updated, else a new one. (id, whether anything changed)."""
        row = self.prepare_row(inp)
        with self.store.write(Topic.RADIATION_WORKERS) as conn:
            sealed = (self.seal_identity(conn, inp.identity_number)
                      if inp.identity_number.strip() else None)
            return worker_rows.upsert_worker(conn, row, sealed, actor=self.store.actor)

    def worker(self, worker_id: int) -> RadiationWorker:
        with self.store.read() as conn:
            return worker_rows.require_worker(conn, worker_id)

    def workers(self, text: str = "") -> list[RadiationWorker]:
        """The register by name, identity numbers masked; ``text`` filters."""
        with self.store.read() as conn:
            return worker_rows.list_workers(conn, text)

    def reveal_identity(self, worker_id: int, purpose: str = "") -> str:
        """The entry's identity number in clear, on an explicit request: the audit trail
        records who asked for which entry (never the number). "" when none is recorded."""
        with self.store.write() as conn:
            cipher = worker_rows.identity_cipher(conn, worker_id)
            if cipher is None:
                return ""
            vault = self.exposure.vault
            vault.ensure_open(_Meta(conn))
            number = vault.open(cipher)
            worker_rows.record_reveal(conn, worker_id, actor=self.store.actor,
                                      purpose=purpose)
        return number

    def reveal_for_export(self, worker_ids: Sequence[int], purpose: str = "export"
                          ) -> dict[int, str]:
        """The identity numbers of these entries in clear, for an export that explicitly asks
        for them (``--include-identity``): one audit entry per entry revealed."""
        found: dict[int, str] = {}
        with self.store.write() as conn:
            vault = self.exposure.vault
            vault.ensure_open(_Meta(conn))
            for worker_id in worker_ids:
                cipher = worker_rows.identity_cipher(conn, worker_id)
                if cipher is None:
                    continue
                found[worker_id] = vault.open(cipher)
                worker_rows.record_reveal(conn, worker_id, actor=self.store.actor,
                                          purpose=purpose)
        return found

    def delete(self, worker_id: int, today: dt.date | None = None) -> None:
        """Delete an entry and its doses once 60 years have passed since the last exposure
        (the work's end or a later dose); refused before (``retention.not_expired``) and
        while the work goes on (``retention.exposure_open``). Audited."""
        from vernetool.domain.radiation.workers import RETENTION_YEARS, check_deletion

        day = today or dt.date.today()
        with self.store.write(Change(Topic.RADIATION_WORKERS, (worker_id,))) as conn:
            worker = worker_rows.require_worker(conn, worker_id)
            check_deletion(worker_rows.last_exposure(conn, worker_id), day)
            if worker.retain_until is not None and day <= worker.retain_until:
                raise ValidationError("retention.not_expired", "last_exposure",
                                      years=RETENTION_YEARS,
                                      until=worker.retain_until.isoformat())
            worker_rows.delete_worker(conn, worker_id, actor=self.store.actor)

    # -- doses ----------------------------------------------------------------------------
    def add_dose(self, inp: DoseInput) -> Dose:
        """One dosimeter reading (mSv); another for the same date and dosimeter is refused."""
        entry = worker_rows.checked_dose(inp)
        with self.store.write(Change(Topic.RADIATION_WORKERS, (inp.worker_id,))) as conn:
            dose_id = worker_rows.add_dose(conn, inp.worker_id, entry, inp.note,
                                           actor=self.store.actor)
            return next(d for d in worker_rows.doses(conn, inp.worker_id) if d.id == dose_id)

    def upsert_doses(self, items: Sequence[DoseInput]) -> int:
        """Many readings on (worker, date, dosimeter), an import: how many changed."""
        checked = [(inp.worker_id, worker_rows.checked_dose(inp)) for inp in items]
        with self.store.write(Topic.RADIATION_WORKERS) as conn:
            return worker_rows.upsert_doses(conn, checked, actor=self.store.actor)

    def delete_dose(self, dose_id: int) -> None:
        """Remove a reading entered by mistake (the audit trail keeps its values)."""
        with self.store.write(Topic.RADIATION_WORKERS) as conn:
            worker_rows.delete_dose(conn, dose_id, actor=self.store.actor)

    def doses(self, worker_id: int) -> list[Dose]:
        with self.store.read() as conn:
            worker_rows.require_worker(conn, worker_id)
            return worker_rows.doses(conn, worker_id)

    def yearly(self, worker_id: int | None = None, year: int | None = None
               ) -> list[WorkerYear]:
        """Yearly dose sums per person (one worker, or everyone), with the limits that apply
        and the ones exceeded (domain.radiation.doses), by name and year."""
        with self.store.read() as conn:
            workers = ([worker_rows.require_worker(conn, worker_id)] if worker_id is not None
                       else worker_rows.list_workers(conn))
            readings = worker_rows.doses(conn, worker_id)
        by_worker: dict[int, list[DoseEntry]] = {}
        for dose in readings:
            by_worker.setdefault(dose.worker_id, []).append(_entry(dose))
        result: list[WorkerYear] = []
        for worker in workers:
            limits = limits_for(worker)
            for sums in yearly_doses(by_worker.get(worker.id, ())):
                if year is not None and sums.year != year:
                    continue
                result.append(WorkerYear(
                    worker.id, worker.person, sums.year, sums.effective, sums.skin,
                    sums.eye_lens, sums.extremities, sums.entries,
                    {limit.value: limits.of(limit) for limit in DoseLimit},
                    tuple(limit.value for limit in sums.over(limits))))
        return result

    def over_limit(self, year: int) -> list[WorkerYear]:
        """The people whose doses in ``year`` exceed a limit."""
        return [y for y in self.yearly(year=year) if y.over]
