"""BioWorkersService: the workers register (§31-3) for group 3/4 and note D agents, identity
numbers sealed (never in clear in the database file or the audit trail), reveals audited,
written vaccination offers for note V agents, deletion refused before 10/40 years."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from vernetool.db import audit
from vernetool.domain.biology.agents import AgentNote, AgentType, RiskGroup
from vernetool.domain.biology.model import (
    AgentInput,
    AgentUseInput,
    BioWorkerInput,
    IncidentInput,
    VaccinationOfferInput,
)
from vernetool.domain.biology.workers import VaccineAnswer
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError

from .conftest import Labs, numbers

D = dt.date


def test_register_masks_and_reveal_is_audited(unlocked: Services, changes: list[Change]
                                              ) -> None:
    svc = unlocked.bio_workers
    hbv = unlocked.bio_agents.add_from_catalogue("HBV")
    number = numbers(1)[0]
    worker = svc.register(BioWorkerInput("Kari Nordmann", number, "Blood samples", hbv.id,
                                         employed_from=D(2020, 8, 1)))
    assert Change(Topic.BIO_WORKERS) in changes
    assert (worker.identity_masked, worker.agent_name, worker.long_term,
            worker.retention_years, worker.retain_until) == (
        "150765*****", "Hepatitis B virus", True, 40, None)
    assert number not in repr(BioWorkerInput("Kari", number))
    assert svc.reveal_identity(worker.id, purpose="health check") == number
    with unlocked.store.read() as conn:
        entries = audit.history(conn, "bio_worker", worker.id)
    assert [e.action for e in entries] == ["create", "reveal_identity"]
    assert entries[1].details == {"purpose": "health check"}
    assert all(number not in str(e.details) for e in entries)
    # an update with the mask keeps the number; a new number is sealed again
    kept = svc.update(worker.id, BioWorkerInput("Kari Nordmann", "150765*****",
                                                "Blood samples, PCR", hbv.id))
    assert kept.work == "Blood samples, PCR" and svc.reveal_identity(kept.id) == number
    with pytest.raises(ValidationError) as caught:
        svc.register(BioWorkerInput("Ola", "15076543300", "x", hbv.id))
    assert caught.value.code in ("identity.check_digit", "identity.invalid")


def test_no_identity_number_in_clear_in_the_file(unlocked: Services, db_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    svc = unlocked.bio_workers
    tb = unlocked.bio_agents.add_from_catalogue("Mycobacterium tuberculosis")
    written = numbers(5)
    ids = [svc.register(BioWorkerInput(f"Person {i}", n, "Culture work", tb.id)).id
           for i, n in enumerate(written)]
    assert svc.reveal_for_export(ids) == dict(zip(ids, written, strict=True))
    unlocked.store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    blob = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    for number in written:
        assert number.encode() not in blob
        assert number[6:].encode() not in blob          # not even the personal part
        assert number not in caplog.text


def test_workers_register_required_for_group_3_4_and_note_d(services: Services,
                                                            labs: Labs) -> None:
    agents = services.bio_agents
    tb = agents.add_from_catalogue("Mycobacterium tuberculosis")               # group 3
    d_only = agents.save(AgentInput("Chlamydia abortus-like", AgentType.BACTERIUM,
                                    RiskGroup.TWO, frozenset({AgentNote.REGISTER_10_YEARS})))
    listeria = agents.save(AgentInput("Listeria monocytogenes", AgentType.BACTERIUM,
                                      RiskGroup.TWO))
    unused = agents.add_from_catalogue("Hepatitis C virus")                     # not in a room
    for agent in (tb, d_only, listeria):
        agents.save_use(AgentUseInput(agent.id, labs.bsl3, 3))
    gaps = services.bio_workers.missing_registers()
    assert [(g.agent_name, g.rooms) for g in gaps] == [
        ("Chlamydia abortus-like", ("MOLMED:L3-010",)),
        ("Mycobacterium tuberculosis", ("MOLMED:L3-010",))]
    assert unused.id not in {g.agent_id for g in gaps}
    services.bio_workers.register(BioWorkerInput("Kari Nordmann", work="Culture", agent_id=tb.id))
    assert [g.agent_name for g in services.bio_workers.missing_registers()] == [
        "Chlamydia abortus-like"]


def test_vaccination_offers_for_note_v(services: Services) -> None:
    svc = services.bio_workers
    hbv = services.bio_agents.add_from_catalogue("HBV")            # D, V
    hcv = services.bio_agents.add_from_catalogue("HCV")            # D, no vaccine
    kari = svc.register(BioWorkerInput("Kari Nordmann", work="Serology", agent_id=hbv.id))
    ola = svc.register(BioWorkerInput("Ola Nordmann", work="Serology", agent_id=hcv.id))
    assert [w.id for w in svc.lacking_vaccination_offer()] == [kari.id]
    offer = svc.offer_vaccination(kari.id, VaccinationOfferInput(D(2025, 9, 1)))
    assert (offer.vaccine, offer.answer) == ("Hepatitis B virus", VaccineAnswer.NO_ANSWER)
    assert svc.lacking_vaccination_offer() == []
    answered = svc.record_answer(offer.id, VaccinationOfferInput(
        D(2025, 9, 1), offer.vaccine, VaccineAnswer.DECLINED, D(2025, 9, 10)))
    assert (answered.id, answered.answer, answered.answered_at) == (
        offer.id, VaccineAnswer.DECLINED, D(2025, 9, 10))
    with pytest.raises(ValidationError) as caught:
        svc.offer_vaccination(ola.id, VaccinationOfferInput(
            D(2025, 9, 1), "x", VaccineAnswer.ACCEPTED, D(2025, 8, 1)))
    assert caught.value.code == "vaccine.answer_before_offer"
    assert svc.worker(kari.id).vaccination_offers == 1


def test_deletion_refused_before_retention(services: Services) -> None:
    svc = services.bio_workers
    hbv = services.bio_agents.add_from_catalogue("HBV")            # latent: 40 years
    listeria = services.bio_agents.save(AgentInput(
        "Listeria monocytogenes", AgentType.BACTERIUM, RiskGroup.TWO,
        frozenset({AgentNote.REGISTER_10_YEARS})))
    ongoing = svc.register(BioWorkerInput("Per", work="x", agent_id=listeria.id))
    short = svc.register(BioWorkerInput("Kari", work="x", agent_id=listeria.id,
                                        last_exposure=D(2015, 6, 1)))
    long = svc.register(BioWorkerInput("Ola", work="x", agent_id=hbv.id,
                                       last_exposure=D(2015, 6, 1)))
    assert (short.retain_until, long.retain_until) == (D(2025, 6, 1), D(2055, 6, 1))
    with pytest.raises(ValidationError) as caught:
        svc.delete(ongoing.id, D(2090, 1, 1))
    assert caught.value.code == "retention.exposure_open"
    with pytest.raises(ValidationError) as caught:
        svc.delete(short.id, D(2025, 6, 1))                        # the last day kept
    assert caught.value.code == "retention.not_expired"
    with pytest.raises(ValidationError) as caught:
        svc.delete(long.id, D(2030, 1, 1))
    assert (caught.value.code, caught.value.params["years"]) == ("retention.not_expired", 40)
    # an incident after the last exposure moves the end on
    svc.add_incident(short.id, IncidentInput(D(2016, 1, 10), "Spill on the bench"))
    assert svc.worker(short.id).retain_until == D(2026, 1, 10)
    with pytest.raises(ValidationError):
        svc.delete(short.id, D(2025, 12, 1))
    # an edit of the long-term flag never shortens what the law keeps
    edited = svc.update(long.id, BioWorkerInput("Ola", work="x", agent_id=hbv.id,
                                                last_exposure=D(2015, 6, 1), long_term=False))
    assert edited.retain_until == D(2055, 6, 1)
    svc.delete(short.id, D(2026, 1, 11))
    with pytest.raises(ValidationError) as caught:
        svc.worker(short.id)
    assert caught.value.code == "bio_worker.no_such_id"
    with services.store.read() as conn:
        assert audit.history(conn, "bio_worker", short.id)[-1].action == "delete"


def test_agent_not_in_the_register_takes_the_lists_retention(services: Services) -> None:
    svc = services.bio_workers
    hiv = svc.register(BioWorkerInput("Kari", work="Needle handling", agent_text="HIV-1",
                                      last_exposure=D(2020, 1, 1)))
    unknown = svc.register(BioWorkerInput("Ola", work="Sewage sampling",
                                          agent_text="unknown enteric agent",
                                          last_exposure=D(2020, 1, 1)))
    assert (hiv.agent_name, hiv.long_term, hiv.retain_until) == ("HIV-1", True,
                                                                 D(2060, 1, 1))
    assert (unknown.long_term, unknown.retain_until) == (False, D(2030, 1, 1))
    with pytest.raises(ValidationError) as caught:
        svc.register(BioWorkerInput("  ", agent_text="x"))
    assert caught.value.code == "bio_worker.person_required"
