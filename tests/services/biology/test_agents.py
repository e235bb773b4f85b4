"""BioAgentsService: agents picked from the built-in list or typed in, the list's edits kept
apart from the shipped list, rooms with containment and notification (group 2-4 notified at
least 30 days before first use, flagged otherwise), biosafety cabinets due and overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.db import audit
from vernetool.domain.biology import catalogue
from vernetool.domain.biology.agents import (
    AgentNote,
    AgentType,
    CertificationState,
    NotificationState,
    RiskGroup,
)
from vernetool.domain.biology.model import (
    AgentInput,
    AgentUseInput,
    CabinetInput,
    CertificationInput,
)
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError

from .conftest import Labs

D = dt.date
LISTERIA = AgentInput("Listeria monocytogenes", AgentType.BACTERIUM, RiskGroup.TWO)


def test_agent_round_trip_filter_and_topic(services: Services, changes: list[Change]) -> None:
    svc = services.bio_agents
    agent = svc.save(AgentInput("Mycobacterium tuberculosis", AgentType.BACTERIUM,
                                RiskGroup.THREE, frozenset({AgentNote.VACCINE})))
    assert agent.long_retention            # the list's word: a latent/persistent infection
    assert svc.agent(agent.id) == agent == svc.find("MYCOBACTERIUM  tuberculosis")
    assert Change(Topic.AGENTS) in changes
    svc.save(LISTERIA)
    assert [a.name for a in svc.agents(risk_groups=[3])] == [agent.name]
    assert [a.name for a in svc.agents("listeria")] == [LISTERIA.name]
    changed = svc.save(AgentInput(agent.name, agent.agent_type, RiskGroup.THREE,
                                  frozenset({AgentNote.VACCINE}), False), agent.id)
    assert not changed.long_retention
    assert [h.long_retention for h in svc.history(agent.id)] == [True]
    with pytest.raises(ValidationError) as caught:
        svc.save(AgentInput("listeria MONOCYTOGENES", AgentType.BACTERIUM, RiskGroup.TWO))
    assert caught.value.code == "agent.duplicate"


def test_catalogue_pick_and_edit_never_change_the_shipped_list(services: Services) -> None:
    svc = services.bio_agents
    assert len(svc.catalogue()) == len(catalogue.AGENTS)
    assert svc.catalogue("HBV")[0].name == "Hepatitis B virus"
    agent = svc.add_from_catalogue("hbv")
    assert (agent.name, agent.risk_group, agent.notes_text, agent.long_retention,
            agent.catalogue_name) == ("Hepatitis B virus", RiskGroup.THREE, "D, V", True,
                                      "Hepatitis B virus")
    assert svc.add_from_catalogue("Hepatitis B virus").id == agent.id   # not twice
    shipped = catalogue.lookup("Staphylococcus aureus")
    assert shipped is not None
    entry = svc.catalogue_entry("S. aureus")
    assert entry is not None and not entry.edited
    edited = svc.edit_catalogue_entry(type(entry)(
        "staphylococcus aureus", entry.agent_type, RiskGroup.TWO,
        frozenset({AgentNote.TOXIN}), False, remarks="T per 2019/1833"))
    assert (edited.name, edited.notes_text, edited.edited, edited.builtin) == (
        "Staphylococcus aureus", "T", True, True)
    assert svc.catalogue_entry("MRSA") == edited                 # aliases still find it
    assert catalogue.lookup("Staphylococcus aureus") == shipped  # the shipped list as shipped
    picked = svc.add_from_catalogue("S. aureus")
    assert picked.notes == frozenset({AgentNote.TOXIN})          # the edit is what is picked
    assert svc.reset_catalogue_entry("Staphylococcus aureus")
    reset = svc.catalogue_entry("Staphylococcus aureus")
    assert reset is not None and not reset.edited and reset.notes == shipped.notes
    assert svc.agent(picked.id).notes == frozenset({AgentNote.TOXIN})  # the register kept it
    own = svc.edit_catalogue_entry(type(entry)("HEK293", AgentType.CELL_LINE, RiskGroup.ONE,
                                               frozenset(), False))
    assert not own.builtin and svc.catalogue("hek")[0].name == "HEK293"
    with pytest.raises(ValidationError) as caught:
        svc.add_from_catalogue("Unobtainium virus")
    assert caught.value.code == "catalogue.no_such_entry"


def test_notification_less_than_30_days_before_first_use_is_flagged(
        services: Services, labs: Labs) -> None:
    svc = services.bio_agents
    listeria = svc.save(LISTERIA)
    ecoli = svc.add_from_catalogue("E. coli K-12")
    tb = svc.add_from_catalogue("Mycobacterium tuberculosis")
    late = svc.save_use(AgentUseInput(listeria.id, labs.cell, 2, D(2025, 2, 20),
                                      D(2025, 3, 1)))
    in_time = svc.save_use(AgentUseInput(tb.id, labs.bsl3, 3, D(2025, 1, 30), D(2025, 3, 1)))
    missing = svc.save_use(AgentUseInput(tb.id, labs.cell, 2, None, D(2025, 3, 1)))
    group1 = svc.save_use(AgentUseInput(ecoli.id, labs.cell, 1, None, D(2025, 3, 1)))
    assert late.notification.state is NotificationState.LATE
    assert late.notification.shortfall_days == 21
    assert in_time.notification.state is NotificationState.OK       # exactly 30 days
    assert group1.notification.state is NotificationState.NOT_REQUIRED
    assert {u.id for u in svc.notification_problems()} == {late.id, missing.id}
    assert [u.id for u in svc.containment_problems()] == [missing.id]   # level 2 < group 3
    # correcting the notification date clears the flag; history keeps the old one
    fixed = svc.save_use(AgentUseInput(listeria.id, labs.cell, 2, D(2025, 1, 20),
                                       D(2025, 3, 1)))
    assert fixed.id == late.id and fixed.notification.state is NotificationState.OK
    assert [h.notified_at for h in svc.use_history(late.id)] == [D(2025, 2, 20)]
    assert [u.agent_name for u in svc.room_agents(labs.cell)] == [
        "Escherichia coli K-12", "Listeria monocytogenes", "Mycobacterium tuberculosis"]
    svc.end_use(group1.id, D(2026, 1, 1))
    assert len(svc.room_agents(labs.cell)) == 2
    assert len(svc.room_agents(labs.cell, include_ended=True)) == 3


def test_cabinet_certification_due_and_overdue(services: Services, labs: Labs) -> None:
    svc = services.bio_agents
    old = svc.save_cabinet(CabinetInput(labs.cell, "Labogene", "Scanlaf Mars", "A-1"))
    fresh = svc.save_cabinet(CabinetInput(labs.bsl3, "Thermo", "Herasafe 2030i", "B-2"))
    never = svc.save_cabinet(CabinetInput(labs.bsl3, "Thermo", "Herasafe 2030i", "B-3"))
    svc.certify(old.id, CertificationInput(D(2024, 3, 1), "Bioteknikk AS"))
    fresh = svc.certify(fresh.id, CertificationInput(D(2025, 5, 1), "Bioteknikk AS",
                                                     D(2026, 4, 30)))
    old = svc.certify(old.id, CertificationInput(D(2025, 2, 1), "Labservice"))
    assert (old.last_certified, old.certifier, old.next_due) == (
        D(2025, 2, 1), "Labservice", D(2026, 2, 1))
    assert [c.certified_on for c in svc.certifications(old.id)] == [D(2024, 3, 1),
                                                                     D(2025, 2, 1)]
    on = D(2026, 4, 15)
    due = svc.cabinets_due(on)
    assert [(c.id, s.state) for c, s in due] == [
        (never.id, CertificationState.NEVER), (old.id, CertificationState.OVERDUE),
        (fresh.id, CertificationState.DUE_SOON)]
    assert due[1][1].days_overdue == 73
    assert [c.id for c in svc.overdue_cabinets(on)] == [never.id, old.id]
    assert svc.overdue_cabinets(D(2026, 2, 1)) == [never]            # due day: not yet over
    svc.remove_cabinet(never.id, D(2026, 1, 1))
    assert [c.id for c in svc.overdue_cabinets(on)] == [old.id]


def test_every_change_is_audited(services: Services, labs: Labs) -> None:
    svc = services.bio_agents
    agent = svc.save(LISTERIA)
    use = svc.save_use(AgentUseInput(agent.id, labs.cell, 2))
    svc.end_use(use.id, D(2026, 1, 1))
    with services.store.read() as conn:
        assert [e.action for e in audit.history(conn, "bio_agent", agent.id)] == ["create"]
        assert [e.action for e in audit.history(conn, "bio_agent_use", use.id)] == [
            "create", "update"]
    with pytest.raises(ValidationError) as caught:
        svc.delete(agent.id)
    assert caught.value.code == "agent.in_use"
    other = svc.save(AgentInput("Giardia lamblia", AgentType.PARASITE, RiskGroup.TWO))
    svc.delete(other.id)
    assert svc.find("Giardia lamblia") is None
