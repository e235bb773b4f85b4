"""Demo step: the biological register and the workers register for biological agents.

The agents of ``biology_data`` are taken from the built-in catalogue (domain.biology.catalogue)
into the register and put in the demo's biology and medicine labs with containment level,
first use and the notification to Arbeidstilsynet; the biosafety cabinets get their yearly
certifications; the workers register (§ 31-3) gets the BSL-3 lab's people, one row per
person and agent, with synthetic identity numbers sealed by the vault (as demo.chemicals
makes them), incidents and written vaccination offers. Everything goes through the db
functions, inside the builder's transaction.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from vernetool.db.biology.agents import agent_row, insert_agent
from vernetool.db.biology.cabinets import add_certification, insert_cabinet
from vernetool.db.biology.uses import insert_use
from vernetool.db.biology.workers import (
    WorkerRow,
    add_incident,
    add_vaccination_offer,
    insert_worker,
)
from vernetool.db.chemicals.exposure import SealedIdentity
from vernetool.db.organisation.persons import list_persons
from vernetool.db.organisation.rooms import list_rooms
from vernetool.demo.biology_data import AGENTS, BIO_WORKERS, CABINETS, DemoBioWorker
from vernetool.demo.chemicals import synthetic_identity_number
from vernetool.demo.radiation import RoomFinder, day
from vernetool.demo.vault import demo_vault
from vernetool.domain.biology.catalogue import lookup
from vernetool.domain.biology.model import (
    AgentInput,
    AgentUseInput,
    CabinetInput,
    CertificationInput,
    IncidentInput,
    VaccinationOfferInput,
    VaccineAnswer,
)
from vernetool.domain.biology.workers import retain_until
from vernetool.domain.organisation import Person

ACTOR = "demo"
BSL3 = ("MTFS", "Mikrobiologilab (BSL-3)")


def add_biology(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                ) -> dict[str, int]:
    find = RoomFinder(list_rooms(conn))
    agent_ids, uses = _add_agents(conn, find, today)
    cabinets, certifications = _add_cabinets(conn, find, today)
    rows, offers, incidents = _add_workers(conn, rng, find, agent_ids, today)
    return {"biological agents": len(agent_ids), "agent uses": uses,
            "biosafety cabinets": cabinets, "cabinet certifications": certifications,
            "biological workers": rows, "vaccination offers": offers,
            "bio incidents": incidents}


def _add_agents(conn: sqlite3.Connection, find: RoomFinder, today: dt.date
                ) -> tuple[dict[str, int], int]:
    ids: dict[str, int] = {}
    uses = 0
    for item in AGENTS:
        if item.name not in ids:
            entry = lookup(item.name)
            if entry is None:
                raise LookupError(f"not in the built-in list: {item.name}")
            inp = AgentInput(entry.name, entry.agent_type, entry.risk_group, entry.notes,
                             entry.long_retention, catalogue_name=entry.name,
                             remarks=item.use)
            ids[item.name] = insert_agent(conn, agent_row(inp), actor=ACTOR)
        room = find(item.building, item.room)
        assert room.id is not None
        insert_use(conn, AgentUseInput(
            ids[item.name], room.id, item.containment,
            notified_at=None if item.notified is None else day(today, item.notified),
            first_use=None if item.first_use is None else day(today, item.first_use)),
            actor=ACTOR)
        uses += 1
    return ids, uses


def _add_cabinets(conn: sqlite3.Connection, find: RoomFinder, today: dt.date
                  ) -> tuple[int, int]:
    certified = 0
    for item in CABINETS:
        room = find(item.building, item.room)
        assert room.id is not None
        cabinet_id = insert_cabinet(conn, CabinetInput(
            room.id, item.make, item.model, item.serial,
            remarks=f"Mikrobiologisk sikkerhetsbenk klasse II (EN 12469), installert "
                    f"{item.installed}"), actor=ACTOR)
        for when in item.certified:
            add_certification(conn, cabinet_id, CertificationInput(
                day(today, when), item.certifier,
                remarks="Lufthastighet innstrømning og nedstrømning, HEPA-filtertest "
                        "(DOP/PAO), røykvisualisering: godkjent"), actor=ACTOR)
            certified += 1
    return len(CABINETS), certified


def _add_workers(conn: sqlite3.Connection, rng: random.Random, find: RoomFinder,
                 agent_ids: dict[str, int], today: dt.date) -> tuple[int, int, int]:
    """One row per person and agent; the same (synthetic) number on a person's rows."""
    vault = demo_vault(conn)
    lab = find(*BSL3)
    pool = [p for p in list_persons(conn) if p.active and p.unit_code == lab.unit_code]
    rng.shuffle(pool)
    rows = offers = incidents = 0
    for worker in BIO_WORKERS:
        person: Person | None = pool.pop() if pool else None
        number = synthetic_identity_number(rng, d_number=rng.random() < 0.2)
        for agent in worker.agents:
            long = _long_term(agent)
            row = WorkerRow(
                person=person.name if person else worker.name, work=worker.work,
                agent_id=agent_ids[agent], agent_text="", employed_from=worker.employed_from,
                last_exposure=worker.ended, long_term=long,
                retain_until=retain_until(worker.ended, long),
                person_id=person.id if person else None)
            sealed = vault.seal(number)
            worker_id = insert_worker(conn, row, SealedIdentity(sealed.cipher, sealed.masked,
                                                                sealed.index), actor=ACTOR)
            rows += 1
            for vaccine, on, answer in _offers_for(worker, agent):
                reply = VaccineAnswer(answer)
                answered = None if reply is VaccineAnswer.NO_ANSWER else on + dt.timedelta(7)
                add_vaccination_offer(conn, worker_id, VaccinationOfferInput(
                    on, vaccine, reply, answered), actor=ACTOR)
                offers += 1
            if agent == worker.agents[0]:
                for when, what in worker.incidents:
                    add_incident(conn, worker_id, IncidentInput(day(today, when), what),
                                 actor=ACTOR)
                    incidents += 1
    return rows, offers, incidents


_VACCINES = {"BCG": "Mycobacterium tuberculosis", "Hepatitt B": "Hepatitis B virus"}


def _offers_for(worker: DemoBioWorker, agent: str) -> list[tuple[str, dt.date, str]]:
    """The worker's offers of the vaccine against ``agent``."""
    return [(vaccine, on, answer) for vaccine, on, answer in worker.offers
            if any(vaccine.startswith(prefix) and target == agent
                   for prefix, target in _VACCINES.items())]


def _long_term(name: str) -> bool:
    """The list's word: a latent or persistent infection (the register is kept 40 years)."""
    entry = lookup(name)
    return entry is not None and entry.long_retention
