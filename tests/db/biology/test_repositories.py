"""The biological register's repositories on a real database: round trips, natural keys,
history kept, audit entries, bulk upserts idempotent (the importer's path)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from vernetool.db import audit
from vernetool.db.biology import agents, cabinets, uses, workers
from vernetool.db.biology.common import AGENT, WORKER
from vernetool.db.organisation.rooms import save_room
from vernetool.domain.biology.agents import AgentNote, AgentType, RiskGroup
from vernetool.domain.biology.model import (
    AgentInput,
    AgentUseInput,
    CabinetInput,
    CertificationInput,
    IncidentInput,
    VaccinationOfferInput,
)
from vernetool.domain.biology.workers import VaccineAnswer
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room, RoomType

D = dt.date
HBV = AgentInput("Hepatitis B virus", AgentType.VIRUS, RiskGroup.THREE,
                 frozenset({AgentNote.REGISTER_10_YEARS, AgentNote.VACCINE}), True,
                 "Hepatitis B virus")
ECOLI = AgentInput("Escherichia coli K-12", AgentType.BACTERIUM, RiskGroup.ONE)


def _rooms(conn: sqlite3.Connection) -> tuple[int, int]:
    return (save_room(conn, Room("REALF", "D2-108", RoomType.LAB))[0],
            save_room(conn, Room("KJEMI", "B3-201", RoomType.LAB))[0])


def test_agent_round_trip_natural_key_and_history(conn: sqlite3.Connection) -> None:
    agent_id = agents.insert_agent(conn, agents.agent_row(HBV), actor="kari")
    agent = agents.require_agent(conn, agent_id)
    assert (agent.name, agent.agent_type, agent.risk_group, agent.notes_text,
            agent.long_retention, agent.catalogue_name) == (
        "Hepatitis B virus", AgentType.VIRUS, RiskGroup.THREE, "D, V", True,
        "Hepatitis B virus")
    assert agent.workers_register_required and agent.vaccine_offer_required
    assert agents.find_agent(conn, "hepatitis  B VIRUS") == agent
    with pytest.raises(ValidationError) as caught:
        agents.insert_agent(conn, agents.agent_row(
            AgentInput("HEPATITIS B VIRUS", AgentType.VIRUS, RiskGroup.TWO)), actor="kari")
    assert caught.value.code == "agent.duplicate"
    # an unchanged save is no change; a changed group leaves the old state behind
    assert not agents.update_agent(conn, agent_id, agents.agent_row(HBV), actor="kari")
    lowered = AgentInput(HBV.name, HBV.agent_type, RiskGroup.TWO, HBV.notes, True)
    assert agents.update_agent(conn, agent_id, agents.agent_row(lowered), actor="ola")
    history = agents.agent_history(conn, agent_id)
    assert [h.risk_group for h in history] == [RiskGroup.THREE]
    actions = [e.action for e in audit.history(conn, AGENT, agent_id)]
    assert actions == ["create", "update"]


def test_agent_filters(conn: sqlite3.Connection) -> None:
    room, _ = _rooms(conn)
    hbv = agents.insert_agent(conn, agents.agent_row(HBV), actor="k")
    agents.insert_agent(conn, agents.agent_row(ECOLI), actor="k")
    uses.insert_use(conn, AgentUseInput(hbv, room, 3), actor="k")
    assert [a.name for a in agents.list_agents(conn, "hepat")] == ["Hepatitis B virus"]
    assert [a.name for a in agents.list_agents(conn, risk_groups=[1])] == [ECOLI.name]
    assert [a.name for a in agents.list_agents(conn, in_use=True)] == [HBV.name]
    assert [a.name for a in agents.list_agents(conn, workers_register=False)] == [ECOLI.name]
    assert [a.name for a in agents.list_agents(conn, agent_type=AgentType.VIRUS)] == [HBV.name]


def test_bulk_upsert_is_idempotent(conn: sqlite3.Connection) -> None:
    rows = [agents.agent_row(HBV), agents.agent_row(ECOLI)]
    first = agents.upsert_agents(conn, rows, actor="import")
    assert [o for _, o in first] == ["created", "created"]
    again = agents.upsert_agents(conn, rows, actor="import")
    assert [o for _, o in again] == ["unchanged", "unchanged"]
    assert [i for i, _ in again] == [i for i, _ in first]
    room, other = _rooms(conn)
    items = [AgentUseInput(first[0][0], room, 3, D(2025, 1, 2), D(2025, 3, 1)),
             AgentUseInput(first[0][0], other, 2)]
    assert [o for _, o in uses.upsert_uses(conn, items, actor="import")] == ["created"] * 2
    assert [o for _, o in uses.upsert_uses(conn, items, actor="import")] == ["unchanged"] * 2
    changed = [AgentUseInput(first[0][0], other, 3)]
    assert [o for _, o in uses.upsert_uses(conn, changed, actor="import")] == ["updated"]


def test_use_history_end_and_room_listing(conn: sqlite3.Connection) -> None:
    room, other = _rooms(conn)
    hbv = agents.insert_agent(conn, agents.agent_row(HBV), actor="k")
    use_id = uses.insert_use(conn, AgentUseInput(hbv, room, 2, None, D(2025, 3, 1)), actor="k")
    with pytest.raises(ValidationError) as caught:
        uses.insert_use(conn, AgentUseInput(hbv, room), actor="k")
    assert caught.value.code == "agent_use.duplicate"
    uses.update_use(conn, use_id, AgentUseInput(hbv, room, 3, D(2025, 1, 15), D(2025, 3, 1)),
                    actor="k")
    uses.end_use(conn, use_id, D(2026, 6, 30), actor="k")
    assert [u.containment_level for u in uses.use_history(conn, use_id)] == [2, 3]
    assert uses.list_uses(conn, room_id=room) == []
    ended = uses.list_uses(conn, room_id=room, include_ended=True)
    assert [(u.agent_name, u.room_label, u.ended_on) for u in ended] == [
        ("Hepatitis B virus", "REALF:D2-108", D(2026, 6, 30))]
    with pytest.raises(ValidationError) as caught:
        agents.delete_agent(conn, hbv, actor="k")
    assert caught.value.code == "agent.in_use"
    with pytest.raises(ValidationError):
        uses.insert_use(conn, AgentUseInput(hbv, other, 5), actor="k")


def test_cabinet_certifications_kept(conn: sqlite3.Connection) -> None:
    room, other = _rooms(conn)
    cab = cabinets.insert_cabinet(conn, CabinetInput(room, "Labogene", "Scanlaf Mars",
                                                     "SN-1234"), actor="k")
    assert cabinets.require_cabinet(conn, cab).last_certified is None
    cabinets.add_certification(conn, cab, CertificationInput(D(2024, 5, 2), "Bioteknikk AS"),
                               actor="k")
    cabinets.add_certification(conn, cab, CertificationInput(D(2025, 5, 6), " Bioteknikk  AS",
                                                             D(2026, 5, 1)), actor="k")
    found = cabinets.require_cabinet(conn, cab)
    assert (found.last_certified, found.certifier, found.next_due, found.room_label) == (
        D(2025, 5, 6), "Bioteknikk AS", D(2026, 5, 1), "REALF:D2-108")
    assert [c.next_due for c in cabinets.certifications(conn, cab)] == [
        D(2025, 5, 2), D(2026, 5, 1)]
    with pytest.raises(ValidationError) as caught:
        cabinets.add_certification(conn, cab, CertificationInput(D(2025, 5, 6), "X"),
                                   actor="k")
    assert caught.value.code == "certification.twice"
    with pytest.raises(ValidationError) as caught:
        cabinets.add_certification(conn, cab, CertificationInput(D(2025, 6, 6), " "),
                                   actor="k")
    assert caught.value.code == "cabinet.certifier_missing"
    # natural key: make + model + serial number (case-insensitive); a move is an update
    same = CabinetInput(other, "LABOGENE", "Scanlaf Mars", "sn-1234")
    assert cabinets.upsert_cabinets(conn, [same], actor="import") == [(cab, "updated")]
    assert cabinets.upsert_cabinets(conn, [same], actor="import") == [(cab, "unchanged")]
    assert cabinets.list_cabinets(conn, room) == []
    assert [c.id for c in cabinets.list_cabinets(conn, other)] == [cab]


def _sealed(n: int) -> workers.SealedIdentity:
    return workers.SealedIdentity(b"\x01cipher" + bytes([n]), "150765*****", f"idx{n}")


def test_worker_round_trip_incidents_offers(conn: sqlite3.Connection) -> None:
    hbv = agents.insert_agent(conn, agents.agent_row(HBV), actor="k")
    row = workers.WorkerRow("Kari Nordmann", "Blood samples", hbv, "", D(2020, 1, 1), None,
                            True, None)
    worker_id = workers.insert_worker(conn, row, _sealed(1), actor="k")
    found = workers.require_worker(conn, worker_id)
    assert (found.person, found.agent_name, found.identity_masked, found.retention_years) == (
        "Kari Nordmann", "Hepatitis B virus", "150765*****", 40)
    assert workers.find_worker(conn, "idx1", "whoever", hbv) == worker_id
    assert workers.find_worker(conn, "idx2", "Kari Nordmann", hbv) is None
    assert workers.identity_cipher(conn, worker_id) == b"\x01cipher\x01"
    assert [w.id for w in workers.workers_without_offer(conn)] == [worker_id]
    workers.add_incident(conn, worker_id, IncidentInput(D(2024, 2, 3), "Needle stick"),
                         actor="k")
    offer = workers.add_vaccination_offer(
        conn, worker_id, VaccinationOfferInput(D(2020, 1, 5), "Engerix-B"), actor="k")
    again = workers.add_vaccination_offer(
        conn, worker_id, VaccinationOfferInput(D(2020, 1, 5), "Engerix-B",
                                               VaccineAnswer.ACCEPTED, D(2020, 1, 9)),
        actor="k")
    assert again == offer
    assert [(o.answer, o.answered_at) for o in workers.vaccination_offers(conn, worker_id)] == [
        (VaccineAnswer.ACCEPTED, D(2020, 1, 9))]
    with pytest.raises(ValidationError) as caught:
        workers.add_vaccination_offer(conn, worker_id, VaccinationOfferInput(
            D(2021, 1, 5), "x", VaccineAnswer.DECLINED, D(2021, 1, 1)), actor="k")
    assert caught.value.code == "vaccine.answer_before_offer"
    assert workers.workers_without_offer(conn) == []
    assert [i.description for i in workers.incidents(conn, worker_id)] == ["Needle stick"]
    found = workers.require_worker(conn, worker_id)
    assert (found.incidents, found.vaccination_offers) == (1, 1)
    workers.delete_worker(conn, worker_id, actor="k")
    assert workers.get_worker(conn, worker_id) is None
    assert conn.execute("SELECT count(*) FROM bio_incident").fetchone()[0] == 0
    details = [e.details for e in audit.history(conn, WORKER, worker_id)]
    assert all("cipher" not in str(d) and "idx1" not in str(d) for d in details)
