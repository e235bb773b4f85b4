"""The workers registers from and to files: ionising radiation (§31-4) and biological agents
(§31-3) in one file (DESIGN.md "Workers registers"), one row per dose, incident or
vaccination offer (or per worker, with none of them).

Columns: ``register`` (radiation | biological; ``Stråling``, ``Ioniserende stråling``,
``Biologisk``, ``Biologiske faktorer`` accepted), ``person``, ``identity_number``,
``address`` (radiation), ``work``, ``employed_from``, ``exposure_end`` (the last exposure:
the retention is counted from it; empty while it goes on), ``agent`` (biological: a name in
the agents register, else kept as text) or ``source`` (radiation: the sources worked with, as
text), ``dose_date``, ``hp10_msv``, ``hp007_msv`` (radiation; decimal comma accepted; the
dosimeter ``position`` body | extremity | eye, default body), ``incident_date`` +
``incident`` (biological), ``vaccine_offered_at`` (biological; with ``vaccine`` and
``vaccine_answer``: accepted, declined, already_immune, no_answer; ``Takket ja``, ``Takket
nei``, ``Immun`` … accepted). Required: ``register`` and ``person``.

The worker of a row is found by the identity number's keyed hash and the register (and, in
the biological register, the agent: that register keeps one entry per person and agent);
without a number, by the person's name. Identity numbers are checked (both mod-11 digits;
ten digits are a number a spreadsheet stored without its leading zero) and go into the store
only encrypted, through the database's identity vault; no error message, audit entry or log
line carries one. The vault must be open (OS keyring, or ``VERNETOOL_PASSPHRASE`` in
scripts): a locked vault is a file-level error and nothing is imported. A worker cell a row
leaves empty (or a column the file lacks) keeps what the register has. The first row of a
worker gives the worker's fields; a later row that says something else there is an error
naming the first. A dose matches on worker + date + position, an incident on worker + date
+ text, an offer on worker + date + vaccine: re-importing a file changes nothing.

Export: the same columns with ``identity_masked`` (``010190*****``) instead of the number,
plus ``retain_until`` and the yearly sums (``year_hp10_msv``); the number in clear only with
``include_identity``, each decrypted, the export recorded once in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.domain.errors import Phrase, ValidationError
from vernetool.exchange.chemicals_io import parse_date
from vernetool.exchange.exposure_io import open_vault
from vernetool.exchange.importing import (
    Cancel,
    Checker,
    Progress,
    RowProblems,
    checked_texts,
    import_file,
)
from vernetool.exchange.result import ImportResult
from vernetool.exchange.tabular import Schema, TableRow, alias_table, nocase, parse_choice
from vernetool.exchange.writers import write_records

if TYPE_CHECKING:
    from vernetool.security.identity_vault import IdentityVault, Sealed


class Register(StrEnum):
    RADIATION = "radiation"
    BIOLOGICAL = "biological"


FIELDS = ("register", "person", "identity_number", "address", "work", "employed_from",
          "exposure_end", "agent", "source", "dose_date", "position", "hp10_msv",
          "hp007_msv", "incident_date", "incident", "vaccine_offered_at", "vaccine",
          "vaccine_answer")
COLUMNS = ("register", "person", "identity_masked", *FIELDS[3:], "retain_until")
COLUMNS_WITH_IDENTITY = ("register", "person", "identity_number", *COLUMNS[3:])

SCHEMA = Schema({
    "register": ("Register", "Arbeidstakerregister", "Registertype"),
    "person": ("Navn", "Ansatt", "Arbeidstaker", "Person", "Name", "Employee", "Worker"),
    "identity_number": ("Fødselsnummer", "Fødselsnr", "Personnummer", "Fnr", "D-nummer",
                        "Identitetsnummer", "Identity number", "National identity number"),
    "address": ("Adresse", "Bostedsadresse", "Address"),
    "work": ("Arbeid", "Arbeidsoppgaver", "Type arbeid", "Nåværende arbeid", "Stilling",
             "Work", "Type of work"),
    "employed_from": ("Ansatt fra", "Ansettelsesdato", "Tilsatt", "Employed from",
                      "Date of employment"),
    "exposure_end": ("Siste eksponering", "Eksponering slutt", "Eksponering til",
                     "Last exposure", "Exposure end"),
    "agent": ("Agens", "Organisme", "Smittestoff", "Biologisk faktor", "Agent"),
    "source": ("Kilde", "Strålekilde", "Kilder", "Source", "Sources"),
    "dose_date": ("Dosedato", "Avlest", "Måleperiode slutt", "Dose date", "Date"),
    "position": ("Dosimeter", "Dosimeterplassering", "Dosimeter position", "Position"),
    "hp10_msv": ("Hp(10)", "Hp10", "Hp(10) mSv", "Dose Hp(10)", "Hp(10) (mSv)"),
    "hp007_msv": ("Hp(0,07)", "Hp(0.07)", "Hp007", "Hp(0,07) mSv", "Dose Hp(0,07)",
                  "Hp(0,07) (mSv)"),
    "incident_date": ("Hendelsesdato", "Uhellsdato", "Dato hendelse", "Incident date"),
    "incident": ("Hendelse", "Uhell", "Uhell/hendelse", "Incident"),
    "vaccine_offered_at": ("Vaksine tilbudt", "Vaksinetilbud", "Tilbudt vaksine dato",
                           "Vaccine offered", "Vaccine offered at"),
    "vaccine": ("Vaksine", "Vaccine"),
    "vaccine_answer": ("Svar", "Svar på vaksinetilbud", "Vaksinesvar", "Answer",
                       "Vaccine answer"),
}, required=("register", "person"))

REGISTERS: dict[str, Register] = alias_table({
    "radiation": Register.RADIATION, "ionising radiation": Register.RADIATION,
    "ionizing radiation": Register.RADIATION, "stråling": Register.RADIATION,
    "ioniserende stråling": Register.RADIATION, "stråle": Register.RADIATION,
    "31-4": Register.RADIATION, "§31-4": Register.RADIATION,
    "biological": Register.BIOLOGICAL, "biological agents": Register.BIOLOGICAL,
    "biologisk": Register.BIOLOGICAL, "biologiske faktorer": Register.BIOLOGICAL,
    "biologiske": Register.BIOLOGICAL, "bio": Register.BIOLOGICAL,
    "31-3": Register.BIOLOGICAL, "§31-3": Register.BIOLOGICAL,
})
_REGISTER_WORDS = Phrase("value.choices.workers_registers")
_LIMITS = {"person": 200, "address": 500, "work": 300, "agent": 200, "source": 300,
           "incident": 2000, "vaccine": 200, "identity_number": 40}


def _answers() -> dict[str, Any]:
    from vernetool.domain.biology.workers import VaccineAnswer as A

    return alias_table({
        **{a.value: a for a in A},
        "accepted": A.ACCEPTED, "ja": A.ACCEPTED, "yes": A.ACCEPTED, "takket ja": A.ACCEPTED,
        "akseptert": A.ACCEPTED, "vaksinert": A.ACCEPTED, "tatt imot": A.ACCEPTED,
        "declined": A.DECLINED, "nei": A.DECLINED, "no": A.DECLINED, "takket nei": A.DECLINED,
        "avslått": A.DECLINED, "reservert": A.DECLINED,
        "already immune": A.ALREADY_IMMUNE, "immun": A.ALREADY_IMMUNE,
        "allerede immun": A.ALREADY_IMMUNE, "allerede vaksinert": A.ALREADY_IMMUNE,
        "no answer": A.NO_ANSWER, "ikke svart": A.NO_ANSWER, "ubesvart": A.NO_ANSWER,
        "": A.NO_ANSWER,
    })


def _positions() -> dict[str, Any]:
    from vernetool.domain.radiation.doses import DosimeterPosition as P

    return alias_table({
        **{p.value: p for p in P},
        "kropp": P.BODY, "brystdosimeter": P.BODY, "helkropp": P.BODY, "whole body": P.BODY,
        "ekstremitet": P.EXTREMITY, "finger": P.EXTREMITY, "fingerdosimeter": P.EXTREMITY,
        "ring": P.EXTREMITY, "håndledd": P.EXTREMITY, "wrist": P.EXTREMITY,
        "øye": P.EYE, "øyne": P.EYE, "øyelinse": P.EYE, "eye lens": P.EYE,
    })


# -- what a row says ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Worker:
    """The worker fields of a row (what the first row of a worker fixes)."""

    person: str
    address: str
    work: str
    employed_from: dt.date | None
    exposure_end: dt.date | None
    source: str
    agent_id: int | None
    agent_text: str


@dataclass
class _WorkerPlan:
    row: int
    register: Register
    worker: _Worker
    sealed: Sealed | None
    id: int | None
    changed: bool
    stored: _StoredWorker | None = None
    written: bool = False
    #: the latest incident on record or in the file (biological: moves the retention on)
    last_incident: dt.date | None = None


@dataclass
class _StoredWorker:
    id: int
    index: str | None
    values: tuple[object, ...]
    #: what the file does not say and an update keeps: radiation (person id, apprentice,
    #: notes); biological (person id, long term, retain until)
    kept: tuple[Any, ...] = ()


@dataclass
class _Stored:
    rad_by_index: dict[str, _StoredWorker] = field(default_factory=dict)
    rad_by_name: dict[str, _StoredWorker] = field(default_factory=dict)
    bio_by_index: dict[tuple[str, object], _StoredWorker] = field(default_factory=dict)
    bio_by_name: dict[tuple[str, object], _StoredWorker] = field(default_factory=dict)
    doses: dict[tuple[int, str, str], tuple[object, ...]] = field(default_factory=dict)
    incidents: set[tuple[int, str, str]] = field(default_factory=set)
    last_incident: dict[int, dt.date] = field(default_factory=dict)
    offers: dict[tuple[int, str, str], tuple[object, ...]] = field(default_factory=dict)
    agents: dict[str, tuple[int, bool]] = field(default_factory=dict)   # id, long retention


def _name_key(person: str) -> str:
    return nocase(" ".join(person.split()))


def _to_date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _load(conn: sqlite3.Connection) -> _Stored:
    stored = _Stored()
    for r in conn.execute("SELECT id, identity_index, person, address, work, employed_from, "
                          "exposure_end, sources, person_id, apprentice, notes "
                          "FROM radiation_worker ORDER BY id"):
        worker = _StoredWorker(r[0], r[1], (r[2], r[3], r[4], r[5], r[6], r[7]),
                               (r[8], bool(r[9]), r[10]))
        if r[1]:
            stored.rad_by_index.setdefault(r[1], worker)
        stored.rad_by_name.setdefault(_name_key(r[2]), worker)
    for r in conn.execute("SELECT id, identity_index, person, work, employed_from, "
                          "last_exposure, agent_id, agent_text, person_id, long_term, "
                          "retain_until FROM bio_worker ORDER BY id"):
        agent: object = r[6] if r[6] is not None else nocase(r[7])
        worker = _StoredWorker(r[0], r[1], (r[2], r[3], r[4], r[5], r[6], r[7]),
                               (r[8], bool(r[9]), r[10]))
        if r[1]:
            stored.bio_by_index.setdefault((r[1], agent), worker)
        stored.bio_by_name.setdefault((_name_key(r[2]), agent), worker)
    for r in conn.execute("SELECT worker_id, dose_date, position, hp10_msv, hp007_msv "
                          "FROM radiation_dose"):
        stored.doses[(r[0], r[1], r[2])] = (r[3], r[4])
    for r in conn.execute("SELECT worker_id, occurred_on, description FROM bio_incident"):
        stored.incidents.add((r[0], r[1], " ".join(r[2].split())))
        day = dt.date.fromisoformat(r[1])
        if r[0] not in stored.last_incident or day > stored.last_incident[r[0]]:
            stored.last_incident[r[0]] = day
    for r in conn.execute("SELECT worker_id, offered_at, vaccine, answer FROM "
                          "bio_vaccination_offer"):
        stored.offers[(r[0], r[1], nocase(r[2]))] = (r[3],)
    for r in conn.execute("SELECT id, name, long_retention FROM bio_agent"):
        stored.agents[nocase(r[1])] = (r[0], bool(r[2]))
    return stored


class _WorkerRows:
    def __init__(self, conn: sqlite3.Connection, vault: IdentityVault, actor: str) -> None:
        self.conn = conn
        self.vault = vault
        self.actor = actor
        self.stored = _load(conn)
        self.plans: dict[tuple[object, ...], _WorkerPlan] = {}
        self.seen: dict[tuple[object, ...], int] = {}
        self.answers = _answers()
        from vernetool.exchange.agents_io import catalogue_of

        self.catalogue = catalogue_of(conn)
        self.positions = _positions()

    # -- parsing ------------------------------------------------------------------------------
    def _identity(self, check: Checker, values: dict[str, str]) -> Sealed | None:
        number = values.get("identity_number", "")
        if len(number) == 10 and number.isdigit():
            number = "0" + number  # a spreadsheet keeps a number: 010190… lost its zero
        if not number:
            return None
        sealed: Sealed | None = check.run(lambda: self.vault.seal(number), None)
        return sealed

    def prepare(self, row: TableRow) -> Callable[[], bool] | None:
        check = Checker()
        values = row.values
        text = checked_texts(check, row, _LIMITS)
        register = check.run(lambda: parse_choice(values.get("register", ""), "register",
                                                  REGISTERS, _REGISTER_WORDS), None)
        if not values.get("register"):
            check.add("register", "worker.register_missing")
        person = " ".join(text["person"].split())
        if not values.get("person"):
            check.add("person", "worker.person_missing")
        dates: dict[str, dt.date | None] = {}
        for name in ("employed_from", "exposure_end", "dose_date", "incident_date",
                     "vaccine_offered_at"):
            cell = values.get(name, "")
            dates[name] = check.run(lambda: parse_date(cell, name), None)  # noqa: B023
        sealed = self._identity(check, values)
        if register is Register.RADIATION:
            for name in ("agent", "incident", "incident_date", "vaccine_offered_at"):
                if values.get(name):
                    check.add(name, "worker.not_in_radiation")
        elif register is Register.BIOLOGICAL:
            for name in ("address", "dose_date", "hp10_msv", "hp007_msv"):
                if values.get(name):
                    check.add(name, "worker.not_in_biological")
        dose = self._dose(check, values, dates["dose_date"]) if \
            register is Register.RADIATION else None
        incident = None
        if values.get("incident") or values.get("incident_date"):
            if dates["incident_date"] is None and not values.get("incident_date"):
                check.add("incident_date", "worker.incident_date_missing")
            if not text["incident"] and not values.get("incident"):
                check.add("incident", "worker.incident_missing")
            incident = (dates["incident_date"], " ".join(text["incident"].split()))
        offer = None
        if values.get("vaccine_offered_at") or values.get("vaccine") or values.get(
                "vaccine_answer"):
            answer = None
            if values.get("vaccine_answer"):
                answer = check.run(lambda: parse_choice(
                    values["vaccine_answer"], "vaccine_answer", self.answers,
                    Phrase("value.choices.vaccine_answers")), None)
            if dates["vaccine_offered_at"] is None and not values.get("vaccine_offered_at"):
                check.add("vaccine_offered_at", "vaccine.offer_date_missing")
            offer = (dates["vaccine_offered_at"], " ".join(text["vaccine"].split()), answer)
        check.raise_if_any()
        assert register is not None
        agent_id, agent_text = None, ""
        if register is Register.BIOLOGICAL and text["agent"]:
            found = self.stored.agents.get(nocase(" ".join(text["agent"].split())))
            if found is not None:
                agent_id = found[0]
            else:
                agent_text = " ".join(text["agent"].split())
        worker = _Worker(person, text["address"], text["work"], dates["employed_from"],
                         dates["exposure_end"], " ".join(text["source"].split()), agent_id,
                         agent_text)
        plan = self._plan(row, register, worker, sealed)
        writes: list[Callable[[], None]] = []
        if plan.changed and not plan.written:
            plan.written = True
            writes.append(self._worker_write(plan))
        if dose is not None:
            write = self._dose_write(row, plan, dose)
            if write is not None:
                writes.append(write)
        if incident is not None:
            write = self._incident_write(row, plan, incident)
            if write is not None:
                writes.append(write)
        if offer is not None:
            write = self._offer_write(row, plan, offer)
            if write is not None:
                writes.append(write)
        if not writes:
            return None

        def run() -> bool:
            for write in writes:
                write()
            return True

        return run

    def _dose(self, check: Checker, values: dict[str, str],
              date: dt.date | None) -> Any:
        from vernetool.domain.radiation.doses import DosimeterPosition, dose_entry

        if not (values.get("hp10_msv") or values.get("hp007_msv") or values.get("dose_date")):
            return None
        if date is None:
            if not values.get("dose_date"):
                check.add("dose_date", "worker.dose_date_missing")
            return None
        position = DosimeterPosition.BODY
        if values.get("position"):
            position = check.run(lambda: parse_choice(values["position"], "position",
                                                      self.positions,
                                                      Phrase("value.choices.dosimeter")),
                                 DosimeterPosition.BODY)
        return check.run(lambda: dose_entry(date, values.get("hp10_msv") or None,
                                            values.get("hp007_msv") or None, position), None)

    # -- matching -----------------------------------------------------------------------------
    def _plan(self, row: TableRow, register: Register, worker: _Worker,
              sealed: Sealed | None) -> _WorkerPlan:
        agent: object = worker.agent_id if worker.agent_id is not None else nocase(
            worker.agent_text)
        who = sealed.index if sealed is not None else _name_key(worker.person)
        key: tuple[object, ...] = (register, who, agent if register is Register.BIOLOGICAL
                                   else None)
        plan = self.plans.get(key)
        if plan is not None:
            if plan.worker != worker and self._says_something_else(row, plan.worker, worker):
                raise RowProblems([("person", "worker.row_differs", {"row": plan.row})])
            return plan
        stored = self._stored(register, worker, sealed, agent)
        if stored is not None:
            worker = self._keep(register, worker, stored)
        values = self._values(register, worker)
        same_identity = sealed is None or (stored is not None and stored.index == sealed.index)
        changed = stored is None or stored.values != values or not same_identity
        plan = _WorkerPlan(row.number, register, worker, sealed,
                           stored.id if stored else None, changed, stored)
        if stored is not None:
            plan.last_incident = self.stored.last_incident.get(stored.id)
        self.plans[key] = plan
        return plan

    @staticmethod
    def _says_something_else(row: TableRow, first: _Worker, this: _Worker) -> bool:
        """A later row of a worker that leaves a worker cell empty says nothing else."""
        for name in ("address", "work", "employed_from", "exposure_end", "source"):
            if row.values.get(name) and getattr(first, name) != getattr(this, name):
                return True
        return False

    def _stored(self, register: Register, worker: _Worker, sealed: Sealed | None,
                agent: object) -> _StoredWorker | None:
        name = _name_key(worker.person)
        s = self.stored
        if register is Register.RADIATION:
            found = s.rad_by_index.get(sealed.index) if sealed else s.rad_by_name.get(name)
            if found is None and sealed is not None:  # stored without a number, now with one
                candidate = s.rad_by_name.get(name)
                if candidate is not None and candidate.index is None:
                    found = candidate
            return found
        found = (s.bio_by_index.get((sealed.index, agent)) if sealed
                 else s.bio_by_name.get((name, agent)))
        if found is None and sealed is not None:
            candidate = s.bio_by_name.get((name, agent))
            if candidate is not None and candidate.index is None:
                found = candidate
        return found

    @staticmethod
    def _keep(register: Register, worker: _Worker, stored: _StoredWorker) -> _Worker:
        """A worker cell the row leaves empty keeps what the register has (a dosimetry
        report lists doses, not addresses)."""
        if register is Register.RADIATION:
            _, address, work, employed, ended, source = stored.values
            return replace(worker, address=worker.address or str(address),
                           work=worker.work or str(work),
                           employed_from=worker.employed_from or _to_date(employed),
                           exposure_end=worker.exposure_end or _to_date(ended),
                           source=worker.source or str(source))
        _, work, employed, ended, _, _ = stored.values
        return replace(worker, work=worker.work or str(work),
                       employed_from=worker.employed_from or _to_date(employed),
                       exposure_end=worker.exposure_end or _to_date(ended))

    @staticmethod
    def _values(register: Register, worker: _Worker) -> tuple[object, ...]:
        if register is Register.RADIATION:
            return (worker.person, worker.address, worker.work, _iso(worker.employed_from),
                    _iso(worker.exposure_end), worker.source)
        return (worker.person, worker.work, _iso(worker.employed_from),
                _iso(worker.exposure_end), worker.agent_id, worker.agent_text)

    # -- writing ------------------------------------------------------------------------------
    def _worker_write(self, plan: _WorkerPlan) -> Callable[[], None]:
        from vernetool.db.chemicals.exposure import SealedIdentity

        sealed = plan.sealed
        identity = SealedIdentity(sealed.cipher, sealed.masked, sealed.index) if sealed \
            else None
        if identity is not None and plan.stored is not None and \
                plan.stored.index == identity.index:
            identity = None  # the number it has: kept
        if plan.register is Register.RADIATION:
            return self._radiation_write(plan, identity)
        return self._bio_write(plan, identity)

    def _radiation_write(self, plan: _WorkerPlan, identity: Any) -> Callable[[], None]:
        from vernetool.db.radiation.workers import WorkerRow, insert_worker, update_worker

        w = plan.worker
        person_id, apprentice, notes = plan.stored.kept if plan.stored else (None, False, "")
        row = WorkerRow(w.person, w.address, w.work, w.employed_from, w.source,
                        w.exposure_end, apprentice, person_id, notes)

        def write() -> None:
            if plan.id is None:
                plan.id = insert_worker(self.conn, row, identity, actor=self.actor)
            else:
                update_worker(self.conn, plan.id, row, identity, actor=self.actor)

        return write

    def _bio_row(self, plan: _WorkerPlan) -> Any:
        """The biological register's row as it is to be stored: the 10/40 years from the
        agent (or the built-in list for an agent known only by name), counted from the last
        known exposure (a later incident moves it on), never shortened by an import."""
        from vernetool.db.biology.workers import WorkerRow
        from vernetool.domain.biology.workers import retain_until

        w = plan.worker
        if plan.stored is not None:
            person_id, long_term, kept_until = plan.stored.kept
        else:
            known = [long for i, long in self.stored.agents.values() if i == w.agent_id]
            entry = self.catalogue(w.agent_text) if w.agent_text else None
            long_term = bool(known[0]) if known else bool(
                getattr(entry, "long_retention", False))
            person_id, kept_until = None, None
        last = w.exposure_end
        if last is not None and plan.last_incident is not None:
            last = max(last, plan.last_incident)
        until = retain_until(last, long_term)
        if kept_until and (until is None or until.isoformat() < kept_until):
            until = dt.date.fromisoformat(kept_until)
        return WorkerRow(w.person, w.work, w.agent_id, w.agent_text, w.employed_from,
                         w.exposure_end, long_term, until, person_id)

    def _bio_write(self, plan: _WorkerPlan, identity: Any) -> Callable[[], None]:
        from vernetool.db.biology.workers import insert_worker, update_worker

        def write() -> None:
            row = self._bio_row(plan)  # at write time: the file's later incidents counted
            if plan.id is None:
                plan.id = insert_worker(self.conn, row, identity, actor=self.actor)
            else:
                update_worker(self.conn, plan.id, row, identity, actor=self.actor)

        return write

    def _dose_write(self, row: TableRow, plan: _WorkerPlan,
                    dose: Any) -> Callable[[], None] | None:
        key = (id(plan), "dose", dose.date, dose.position)
        self._once(row, key, "dose_date")
        if plan.id is not None:
            stored = self.stored.doses.get((plan.id, dose.date.isoformat(),
                                            dose.position.value))
            if stored == (dose.hp10_msv, dose.hp007_msv):
                return None

        def write() -> None:
            from vernetool.db.radiation.workers import upsert_doses

            assert plan.id is not None
            upsert_doses(self.conn, [(plan.id, dose)], actor=self.actor)

        return write

    def _incident_write(self, row: TableRow, plan: _WorkerPlan,
                        incident: tuple[dt.date | None, str]) -> Callable[[], None] | None:
        date, description = incident
        assert date is not None
        self._once(row, (id(plan), "incident", date, nocase(description)), "incident")
        if plan.id is not None and (plan.id, date.isoformat(), description) in \
                self.stored.incidents:
            return None

        if plan.last_incident is None or date > plan.last_incident:
            plan.last_incident = date

        def write() -> None:
            from vernetool.db.biology.workers import add_incident, update_worker
            from vernetool.domain.biology.model import IncidentInput

            assert plan.id is not None
            add_incident(self.conn, plan.id, IncidentInput(date, description),
                         actor=self.actor)
            # a later incident moves the retention end on (never back)
            update_worker(self.conn, plan.id, self._bio_row(plan), None, actor=self.actor)

        return write

    def _offer_write(self, row: TableRow, plan: _WorkerPlan,
                     offer: tuple[dt.date | None, str, Any]) -> Callable[[], None] | None:
        date, vaccine, answer = offer
        assert date is not None
        from vernetool.domain.biology.workers import VaccineAnswer

        self._once(row, (id(plan), "offer", date, nocase(vaccine)), "vaccine_offered_at")
        stored = self.stored.offers.get((plan.id, date.isoformat(), nocase(vaccine))) \
            if plan.id is not None else None
        if stored is not None and (answer is None or stored == (answer.value,)):
            return None  # as stored (an empty answer keeps the one recorded)
        answer = answer or VaccineAnswer.NO_ANSWER

        def write() -> None:
            from vernetool.db.biology.workers import add_vaccination_offer
            from vernetool.domain.biology.model import VaccinationOfferInput

            assert plan.id is not None
            add_vaccination_offer(self.conn, plan.id,
                                  VaccinationOfferInput(date, vaccine, answer),
                                  actor=self.actor)

        return write

    def _once(self, row: TableRow, key: tuple[object, ...], name: str) -> None:
        if key in self.seen:
            raise ValidationError("worker.entry_twice", name, row=self.seen[key])
        self.seen[key] = row.number


def import_workers(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                   actor: str, progress: Progress | None = None,
                   cancel: Cancel | None = None, vault: IdentityVault | None = None,
                   **_: Any) -> ImportResult:
    """Import a workers registers file (see the module docstring). Raises
    ``ImportFileError`` for an unusable file or a vault that cannot be opened."""
    if vault is None:
        from vernetool.security.identity_vault import IdentityVault

        vault = IdentityVault()
    open_vault(conn, vault)
    opened = vault
    return import_file(conn, path, SCHEMA,
                       lambda has: _WorkerRows(conn, opened, actor or "import"),
                       entity=WORKERS, strict=strict, actor=actor, progress=progress,
                       cancel=cancel)


WORKERS = "workers_register"


# -- export ------------------------------------------------------------------------------------

def worker_records(conn: sqlite3.Connection, *, vault: IdentityVault | None = None
                   ) -> list[dict[str, Any]]:
    """One record per dose, incident and offer (and per worker with none of them), with the
    masked number; with an open ``vault`` the number in clear too (the caller audits)."""
    records: list[dict[str, Any]] = []

    def base(register: str, r: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
        record = dict.fromkeys(COLUMNS_WITH_IDENTITY, "")
        record.update({"register": register, "person": r[1], "identity_masked": r[2]})
        if vault is not None:
            record["identity_number"] = vault.open(bytes(r[3])) if r[3] is not None else ""
        return record

    doses: dict[int, list[tuple[Any, ...]]] = {}
    for d in conn.execute("SELECT worker_id, dose_date, position, hp10_msv, hp007_msv "
                          "FROM radiation_dose ORDER BY worker_id, dose_date, position"):
        doses.setdefault(d[0], []).append(tuple(d))
    for r in conn.execute("SELECT id, person, identity_masked, identity_cipher, address, "
                          "work, employed_from, exposure_end, sources, retain_until "
                          "FROM radiation_worker ORDER BY person, id"):
        record = base(Register.RADIATION.value, r)
        record.update({"address": r[4], "work": r[5], "employed_from": r[6] or "",
                       "exposure_end": r[7] or "", "source": r[8],
                       "retain_until": r[9] or ""})
        for d in doses.get(r[0], []) or [None]:  # type: ignore[list-item]
            entry = dict(record)
            if d is not None:
                entry.update({"dose_date": d[1], "position": d[2], "hp10_msv": d[3],
                              "hp007_msv": d[4]})
            records.append(entry)
    events: dict[int, list[dict[str, Any]]] = {}
    for i in conn.execute("SELECT worker_id, occurred_on, description FROM bio_incident "
                          "ORDER BY worker_id, occurred_on, id"):
        events.setdefault(i[0], []).append({"incident_date": i[1], "incident": i[2]})
    for o in conn.execute("SELECT worker_id, offered_at, vaccine, answer FROM "
                          "bio_vaccination_offer ORDER BY worker_id, offered_at, id"):
        events.setdefault(o[0], []).append({"vaccine_offered_at": o[1], "vaccine": o[2],
                                            "vaccine_answer": o[3]})
    for r in conn.execute("SELECT w.id, w.person, w.identity_masked, w.identity_cipher, "
                          "w.work, w.employed_from, w.last_exposure, "
                          "coalesce(a.name, w.agent_text), w.retain_until "
                          "FROM bio_worker w LEFT JOIN bio_agent a ON a.id = w.agent_id "
                          "ORDER BY w.person, w.id"):
        record = base(Register.BIOLOGICAL.value, r)
        record.update({"work": r[4], "employed_from": r[5] or "", "exposure_end": r[6] or "",
                       "agent": r[7] or "", "retain_until": r[8] or ""})
        for event in events.get(r[0], []) or [{}]:
            records.append({**record, **event})
    return records


def export_workers(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                   include_personal_data: bool = False, include_identity: bool = False,
                   vault: IdentityVault | None = None, actor: str = "", **_: Any) -> int:
    """Write both workers registers to ``out``; identity numbers in clear only with
    ``include_identity`` (the vault opened first, the export audited once), addresses only
    with ``include_personal_data`` (as the people export leaves contact details out; an
    empty address cell imports back without wiping the register's)."""
    if not include_identity:
        return write_records(out, fmt, COLUMNS,
                             _without_addresses(worker_records(conn), include_personal_data),
                             sheet_title="Workers")
    if vault is None:
        from vernetool.security.identity_vault import IdentityVault

        vault = IdentityVault()
    open_vault(conn, vault)
    records = _without_addresses(worker_records(conn, vault=vault), include_personal_data)
    count = write_records(out, fmt, COLUMNS_WITH_IDENTITY, records, sheet_title="Workers")
    with atomic(conn):
        audit.record(conn, actor or "export", WORKERS, None, "export_identity",
                     {"file": Path(out).name, "format": fmt,
                      "numbers": len({r["identity_number"] for r in records
                                      if r["identity_number"]})})
    return count


def _without_addresses(records: list[dict[str, Any]], keep: bool) -> list[dict[str, Any]]:
    if not keep:
        for record in records:
            record["address"] = ""
    return records
