"""The registers at university scale, for make_big_db.py: radiation sources, biological
agents in rooms, both workers registers, room cards, HSE rounds and deviations, through the
product's own db functions inside the caller's transaction.

The rows copy the demo's (demo/radiation_data.py, demo/biology.py, demo/room_cards.py,
demo/rounds.py, demo/deviations.py) into the added labs, with the mistakes a real register
has in proportion: a few notifiable sources without a DSA id, agents used without the
notification, room cards that miss a pictogram or a sign, findings and measures past their
deadline, units without this year's round.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
from collections import defaultdict

from vernetool.db.biology.uses import insert_use
from vernetool.db.biology.workers import WorkerRow as BioWorkerRow
from vernetool.db.biology.workers import add_vaccination_offer
from vernetool.db.biology.workers import insert_worker as insert_bio_worker
from vernetool.db.chemicals.exposure import SealedIdentity
from vernetool.db.deviations import records as deviation_records
from vernetool.db.organisation.room_cards import card_holdings, save_card
from vernetool.db.radiation.sources import add_leak_test, insert_source, prepare_source
from vernetool.db.radiation.workers import WorkerRow, insert_worker
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.db.rounds.checklists import TemplateCache, checklist_for_room
from vernetool.db.templates import unit_template
from vernetool.demo import deviations as demo_deviations
from vernetool.demo import rounds as demo_rounds
from vernetool.demo.chemicals import synthetic_identity_number
from vernetool.demo.radiation import _source_input
from vernetool.demo.radiation_data import SOURCES
from vernetool.demo.room_cards import PROFILES
from vernetool.demo.vault import demo_vault
from vernetool.domain.biology.model import AgentUseInput, VaccinationOfferInput, VaccineAnswer
from vernetool.domain.biology.workers import retain_until
from vernetool.domain.deviations.rules import Deviation, DeviationStatus, DeviationType
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.radiation.model import LeakTestInput
from vernetool.domain.room_card_proposal import (
    CardField,
    ProposalSource,
    accept_field,
    needs_card,
    propose_card,
)
from vernetool.domain.rounds import (
    Finding,
    Participant,
    ParticipantRole,
    RoundPlan,
    RoundStatus,
    Severity,
    VisitStatus,
)

ACTOR = "bench"
SOURCES_WANTED = 1_500
AGENT_USES_WANTED = 1_500
ROUNDS_WANTED = 300
DEVIATIONS_PER_YEAR = 1_100
YEARS = 10


def add_registers(conn: sqlite3.Connection, rng: random.Random, today: dt.date,
                  labs: list[tuple[int, int | None, str]]) -> dict[str, int]:
    """``labs``: the added lab rooms (room id, responsible person id, unit code)."""
    vault = demo_vault(conn)
    counts: dict[str, int] = {}
    counts.update(_sources(conn, rng, today, labs))
    counts.update(_radiation_workers(conn, rng, vault, labs))
    counts.update(_agents(conn, rng, today, labs, vault))
    counts.update(_room_cards(conn, rng, today))
    counts.update(_rounds(conn, rng, today))
    counts.update(_deviations(conn, rng, today))
    return counts


def _sealed(vault: object, rng: random.Random) -> SealedIdentity:
    sealed = vault.seal(synthetic_identity_number(  # type: ignore[attr-defined]
        rng, d_number=rng.random() < 0.2))
    return SealedIdentity(sealed.cipher, sealed.masked, sealed.index)


# -- radiation -----------------------------------------------------------------------------

def _sources(conn: sqlite3.Connection, rng: random.Random, today: dt.date,
             labs: list[tuple[int, int | None, str]]) -> dict[str, int]:
    """The demo's sources (not the disposed ones) copied into labs until ~1,500 in all:
    sealed and open sources, X-ray equipment and lasers in the demo's proportions; 2 % of
    the notifiable ones without their DSA id."""
    have = int(conn.execute("SELECT count(*) FROM radiation_source").fetchone()[0])
    kinds = [item for item in SOURCES if item.disposed is None]
    rooms = rng.sample(labs, min(len(labs), SOURCES_WANTED - have))
    tests = 0
    for n, (room_id, responsible, _unit) in enumerate(rooms):
        item = kinds[n % len(kinds)]
        copy = dataclasses.replace(
            item, serial=f"{item.serial}-{n:04d}" if item.serial else "",
            dsa_id=f"{item.dsa_id}-{n:04d}" if item.dsa_id and rng.random() > 0.02 else None,
            history=item.history[:1])
        room = Room("", "", RoomType.LAB, "", id=room_id)
        source_id = insert_source(conn, prepare_source(
            _source_input(copy, room, responsible, today)), actor=ACTOR, today=today)
        if item.leak_tests and rng.random() < 0.9:
            when = today - dt.timedelta(days=rng.randint(30, 500))
            add_leak_test(conn, LeakTestInput(source_id, when, passed=True,
                                              tested_by="Strålevernkoordinator",
                                              result="Ikke påvist over bakgrunn"),
                          actor=ACTOR)
            tests += 1
    return {"radiation sources": have + len(rooms), "leak tests (added)": tests}


def _radiation_workers(conn: sqlite3.Connection, rng: random.Random, vault: object,
                       labs: list[tuple[int, int | None, str]]) -> dict[str, int]:
    """A workers register entry for one person in every fifth lab with a source."""
    rows = conn.execute(
        "SELECT s.room_id, s.make || ' ' || s.model, p.id, p.name FROM radiation_source s "
        "JOIN room_responsibility r ON r.room_id = s.room_id AND r.kind = 'responsible' "
        "JOIN person p ON p.id = r.person_id WHERE s.disposed_on IS NULL "
        "GROUP BY s.room_id ORDER BY s.room_id").fetchall()
    added = 0
    for n, (_room_id, source, person_id, name) in enumerate(rows):
        if n % 5:
            continue
        insert_worker(conn, WorkerRow(
            person=name, work="Arbeid med strålekilder i laboratoriet", sources=source,
            employed_from=dt.date(2015 + n % 10, 8, 1), person_id=person_id),
            _sealed(vault, rng), actor=ACTOR)
        added += 1
    return {"radiation workers (added)": added}


# -- biology -------------------------------------------------------------------------------

def _agents(conn: sqlite3.Connection, rng: random.Random, today: dt.date,
            labs: list[tuple[int, int | None, str]], vault: object) -> dict[str, int]:
    """~1,500 agent uses: group 1 in most labs, group 2 in a third, group 3 rarely; 3 % of
    the notifiable uses without the notification. Workers register rows for the group 2
    and 3 uses (one or two persons each), with the vaccination offers of the agents that
    have a vaccine."""
    agents = conn.execute("SELECT id, risk_group, notes FROM bio_agent ORDER BY id").fetchall()
    by_group: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for agent_id, group, notes in agents:
        by_group[int(group)].append((int(agent_id), str(notes or "")))
    have = int(conn.execute("SELECT count(*) FROM bio_agent_use").fetchone()[0])
    rooms = rng.sample(labs, min(len(labs), AGENT_USES_WANTED - have))
    persons = [int(r[0]) for r in conn.execute(
        "SELECT id FROM person WHERE active = 1 ORDER BY id")]
    names = dict(conn.execute("SELECT id, name FROM person"))
    uses = workers = offers = 0
    for room_id, responsible, _unit in rooms:
        roll = rng.random()
        group = 1 if roll < 0.62 else 2 if roll < 0.985 else 3
        agent_id, notes = rng.choice(by_group[group])
        first_use = today - dt.timedelta(days=rng.randint(40, 3000))
        notified = None if group == 1 or rng.random() < 0.03 else \
            first_use - dt.timedelta(days=rng.randint(31, 90))
        insert_use(conn, AgentUseInput(agent_id, room_id, containment_level=group,
                                       notified_at=notified, first_use=first_use),
                   actor=ACTOR)
        uses += 1
        if group < 2:
            continue
        people = [responsible] if responsible else []
        people += rng.sample(persons, rng.randint(0, 1))
        for person_id in people:
            long = "V" in notes and group == 3
            worker_id = insert_bio_worker(conn, BioWorkerRow(
                person=names[person_id], work="Laboratoriearbeid med smittestoffer",
                agent_id=agent_id, agent_text="", employed_from=first_use,
                last_exposure=None, long_term=long, retain_until=retain_until(None, long),
                person_id=person_id), _sealed(vault, rng), actor=ACTOR)
            workers += 1
            if "V" in notes and rng.random() < 0.95:
                add_vaccination_offer(conn, worker_id, VaccinationOfferInput(
                    first_use, "Hepatitt B-vaksine" if "D" in notes else "BCG",
                    VaccineAnswer.ACCEPTED, first_use + dt.timedelta(days=7)), actor=ACTOR)
                offers += 1
    return {"agent uses": have + uses, "biological workers (added)": workers,
            "vaccination offers (added)": offers}


# -- room cards ----------------------------------------------------------------------------

_WORDS = {"cmr": "CMR-stoffer (kreftfremkallende, arvestoffskadelige, reproduksjonstoksiske)"}


def _room_cards(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                ) -> dict[str, int]:
    """A card for ~75 % of the rooms whose registers call for one (``needs_card``) and
    that have none: a demo profile's activity and alert texts, every field the registers
    speak about accepted from the registers' proposal (``accept_field``, as the room screen
    does), and for one in six of them a pictogram or a sign taken off again, as if the card
    had been made before the last change in the registers (``roomcard_stale``)."""
    holdings = card_holdings(conn)
    sources: dict[int, list[ProposalSource]] = defaultdict(list)
    for room_id, kind, laser in conn.execute(
            "SELECT room_id, kind, laser_class FROM radiation_source "
            "WHERE disposed_on IS NULL AND room_id IS NOT NULL"):
        sources[int(room_id)].append(ProposalSource(str(kind), str(laser or "") or None))
    groups: dict[int, list[int]] = defaultdict(list)
    for room_id, group in conn.execute(
            "SELECT u.room_id, a.risk_group FROM bio_agent_use u "
            "JOIN bio_agent a ON a.id = u.agent_id WHERE u.ended_on IS NULL"):
        groups[int(room_id)].append(int(group))
    carded = {int(r[0]) for r in conn.execute("SELECT room_id FROM room_card")}
    profiles = list(PROFILES.values())
    made = stale = 0
    for room_id in sorted((set(holdings) | set(sources) | set(groups)) - carded):
        proposal = propose_card(holdings.get(room_id, ()), sources.get(room_id, ()),
                                groups.get(room_id, ()))
        if not needs_card(proposal) or rng.random() >= 0.75:
            continue
        base = rng.choice(profiles)
        card = dataclasses.replace(base, pictograms=(), warning_signs=(),
                                   special_hazards="", flammable_cat1_max_litres=None,
                                   flammable_cat2_max_litres=None, gas_max_cylinders=None)
        for field_key in CardField:
            card = accept_field(card, proposal, field_key, _WORDS)
        if rng.random() < 1 / 6 and (card.pictograms or card.warning_signs):
            if card.pictograms and (not card.warning_signs or rng.random() < 0.7):
                left = list(card.pictograms)
                left.pop(rng.randrange(len(left)))
                card = dataclasses.replace(card, pictograms=tuple(left))
            else:
                left = list(card.warning_signs)
                left.pop(rng.randrange(len(left)))
                card = dataclasses.replace(card, warning_signs=tuple(left))
            stale += 1
        save_card(conn, room_id, card, ACTOR)
        made += 1
    return {"room cards (added)": made, "of them stale": stale}


# -- HSE rounds ----------------------------------------------------------------------------

def _rounds(conn: sqlite3.Connection, rng: random.Random, today: dt.date) -> dict[str, int]:
    """~300 rounds over ten years (the latest 300 of: a yearly round per unit, the ten
    largest units twice a year), eight rooms each, every item answered in the completed ones, a
    finding on ~2 % of the items (most closed since, some open past their deadline); this
    year's rounds in progress or planned, and a few units without one."""
    templates = demo_rounds._templates(conn)
    unit_checklist = unit_template(conn)
    unit_id = unit_checklist.id if unit_checklist is not None else None
    rooms_by_unit: dict[str, list[int]] = defaultdict(list)
    for room_id, unit in conn.execute(
            "SELECT r.id, u.code FROM room r JOIN unit u ON u.id = r.unit_id "
            "WHERE r.type IN ('lab', 'office', 'storage', 'workshop') ORDER BY r.id"):
        rooms_by_unit[str(unit)].append(int(room_id))
    units = sorted(rooms_by_unit, key=lambda u: -len(rooms_by_unit[u]))
    have = int(conn.execute("SELECT count(*) FROM hse_round").fetchone()[0])
    plan: list[tuple[dt.date, str]] = []
    for back in range(YEARS - 1, -1, -1):
        year = today.year - back
        for n, unit in enumerate(units):
            if back == 0 and n % 4 == 3:
                continue  # no round this year yet: round_missing
            plan.append((dt.date(year, 3 + n % 8, 1 + n % 27), unit))
            if n < 10:  # the largest units: spring and autumn
                plan.append((dt.date(year, 10, 1 + n), unit))
    plan = [(day, unit) for day, unit in plan if day <= today][-(ROUNDS_WANTED - have):]
    cache = TemplateCache(conn)
    answers = found = 0
    participants = [Participant("Verneombud", ParticipantRole.SAFETY_REP),
                    Participant("Leder", ParticipantRole.LINE_MANAGER)]
    for day, unit in plan:
        rooms = rng.sample(rooms_by_unit[unit], min(8, len(rooms_by_unit[unit])))
        round_id = rounds_db.create_round(conn, RoundPlan(
            f"HMS-runde {day.year} – {unit}", day, unit, None, participants, rooms,
            unit_template=unit_id), ACTOR, templates)
        this_year = day.year == today.year
        if this_year and rng.random() < 0.4:
            continue  # planned
        rounds_db.set_status(conn, round_id, RoundStatus.IN_PROGRESS, ACTOR)
        for index, entry in enumerate(rounds_db.round_rooms(conn, round_id)):
            if this_year and index > 4:
                break
            for _, section in checklist_for_room(conn, entry.id, cache):
                for item in section:
                    bad = rng.random() < 0.02
                    rounds_db.save_answer(conn, entry.id, item.id or 0, ACTOR,
                                          answer="improve" if bad else "ok")
                    answers += 1
                    if bad:
                        finding_id = findings_db.save_finding(conn, Finding(
                            f"Avvik: {item.text_nb[:80]}", rng.choice(list(Severity)),
                            "Utbedre og melde tilbake til verneombudet.", "Romansvarlig",
                            deadline=day + dt.timedelta(days=30), round_room_id=entry.id,
                            item_id=item.id), ACTOR)
                        found += 1
                        if day.year < today.year - 1 or rng.random() < 0.5:
                            findings_db.close_finding(conn, finding_id, ACTOR, "Utført.")
            rounds_db.set_visit_status(conn, entry.id, VisitStatus.DONE)
        if not this_year:
            rounds_db.set_status(conn, round_id, RoundStatus.COMPLETED, ACTOR)
    return {"HSE rounds": have + len(plan), "round answers (added)": answers,
            "round findings (added)": found}


# -- deviations ----------------------------------------------------------------------------

def _deviations(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                ) -> dict[str, int]:
    """1,100 a year for ten years in all (the demo's three years topped up), from the
    demo's kinds, each taken as far through the workflow as its age makes plausible."""
    rooms = [Room("", str(r[1]), RoomType(str(r[2])), "", id=int(r[0]),
                  unit_code=str(r[3] or "")) for r in conn.execute(
        "SELECT r.id, b.code || ':' || r.number, r.type, u.code FROM room r "
        "JOIN building b ON b.id = r.building_id LEFT JOIN unit u ON u.id = r.unit_id")]
    labs = [r for r in rooms if r.type in (RoomType.LAB, RoomType.WORKSHOP, RoomType.STORAGE)]
    units = {str(code): int(uid) for uid, code in conn.execute("SELECT id, code FROM unit")}
    persons = [p for p in demo_deviations.list_persons(
        conn, demo_deviations.PersonFilter(active_only=True)) if p.id][:400]
    templates = demo_deviations.TEMPLATES
    weights = [t.weight for t in templates]
    per_year = dict(conn.execute(
        "SELECT CAST(substr(reported_at, 1, 4) AS INTEGER), count(*) FROM deviation "
        "GROUP BY 1").fetchall())
    added = 0
    for year in range(today.year - YEARS + 1, today.year + 1):
        start = dt.date(year, 1, 1)
        span = (min(dt.date(year, 12, 31), today) - start).days + 1
        wanted = round(DEVIATIONS_PER_YEAR * span / 365) - int(per_year.get(year, 0))
        days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(wanted))
        for n, day in enumerate(days):
            template = rng.choices(templates, weights)[0]
            room = rng.choice(labs if template.lab else rooms)
            accident = template.type is DeviationType.ACCIDENT
            dev = Deviation(
                type=template.type, title=template.title, reported_at=day,
                description=template.description.format(room=room.number),
                occurred_at=dt.datetime.combine(day, dt.time(rng.randrange(7, 20)))
                if template.type is not DeviationType.IMPROVEMENT else None,
                room_id=room.id, unit_id=units.get(room.unit_code or ""),
                reporter=rng.choice(persons).name if rng.random() < 0.8 else None,
                category=template.category, subcategory=template.subcategory,
                cause=template.cause, immediate_action=template.immediate,
                potential_consequence=rng.choice(template.potential),
                actual_consequence=rng.choice((1, 2, 2, 3)) if accident else 1,
                probability=rng.choice((1, 2, 2, 3, 3, 4)),
                injury=demo_deviations._injury(rng, complete=year < today.year)
                if accident else None,
                external_id=f"BENCH-{year}-{n + 1:04d}")
            if year >= today.year - 1:  # through the workflow, as the demo's
                dev_id = deviation_records.create_deviation(conn, dev, actor=ACTOR)
                demo_deviations._follow_up(conn, rng, dev_id, template, day, today, persons)
            else:  # long settled: as an import of the old system's records brings them
                roll = rng.random()
                decided = day + dt.timedelta(days=rng.randrange(1, 6))
                if roll < 0.04:
                    dev.status, dev.rejected_reason = (
                        DeviationStatus.REJECTED, rng.choice(demo_deviations.REJECT_REASONS))
                elif roll < 0.08:
                    dev.status, dev.transferred_to = (
                        DeviationStatus.TRANSFERRED, rng.choice(demo_deviations.TRANSFER_TO))
                else:
                    dev.status = DeviationStatus.CLOSED
                    dev.closing_deadline = decided + dt.timedelta(days=30)
                    dev.closed_at = decided + dt.timedelta(days=rng.randrange(3, 80))
                deviation_records.create_deviation(conn, dev, actor=ACTOR, source="import")
            added += 1
    total = int(conn.execute("SELECT count(*) FROM deviation").fetchone()[0])
    return {"deviations": total, "deviations (added)": added}
