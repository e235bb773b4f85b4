"""The room card against the registers through the services, on a real SQLite file: the room of
the issue (CMR products, a Cs-137 source, a class 4 laser, a group 2 agent) proposes the GHS
pictograms and every warning sign with the litres of its holdings; a card lacking a proposed
pictogram is ``roomcard_stale`` until the proposal is accepted; accepting is one audited write
and creates a card where there was none."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.biology.agents import AgentType, RiskGroup
from vernetool.domain.biology.model import AgentInput, AgentUseInput
from vernetool.domain.checks import CheckCode
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.errors import NotFoundError, ValidationError
from vernetool.domain.organisation import Person, ResponsibilityKind, Room, RoomCard, RoomType
from vernetool.domain.radiation.model import SourceInput
from vernetool.domain.radiation.sources import LaserClass, SourceKind
from vernetool.domain.room_card_proposal import CardField
from vernetool.i18n import using_language
from vernetool.services import Change, Services
from vernetool.services.notifier import Topic

DAY = dt.date(2026, 6, 1)


@pytest.fixture
def lab(services: Services) -> int:
    s = services
    room = s.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
    kari = s.persons.save(Person("Kari Nordmann", "kari@uni.example.no", "+47 900 00 001"))
    s.responsibilities.assign(room, kari, ResponsibilityKind.RESPONSIBLE, dt.date(2025, 1, 1))
    c = s.chemicals
    ether = c.save_product(ProductInput.with_cas("Dietyleter", ["60-29-7"],
                                                 statements=("H224 H302 H336",)))
    benzene = c.save_product(ProductInput.with_cas(
        "Benzen", ["71-43-2"], statements=("H225 H304 H315 H319 H340 H350 H372",)))
    dmf = c.save_product(ProductInput.with_cas("N,N-dimetylformamid", ["68-12-2"],
                                               statements=("H226 H312+H332 H319 H360D",)))
    c.add_holding(HoldingInput(ether.id, room, "Syreskap", 500, "mL", 1))
    c.add_holding(HoldingInput(ether.id, room, "Kjøleskap", 1.25, "L", 1))
    c.add_holding(HoldingInput(benzene.id, room, "Avtrekk", 2500, "mL", 1))
    c.add_holding(HoldingInput(benzene.id, room, "Lager", 1, "kg", 1))   # never litres
    c.add_holding(HoldingInput(dmf.id, room, "Avtrekk", 1, "L", 1))
    gone = c.add_holding(HoldingInput(benzene.id, room, "Kjeller", 9, "L", 1))
    c.dispose_holding(gone.id, dt.date(2026, 2, 1))
    s.radiation_sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, "Cs-137", "370", "kBq", dt.date(2016, 1, 1), room_id=room))
    s.radiation_sources.save(SourceInput(SourceKind.LASER, laser_class=LaserClass.C4,
                                         room_id=room))
    agent = s.bio_agents.save(AgentInput("Escherichia coli", AgentType.BACTERIUM,
                                         RiskGroup.TWO))
    s.bio_agents.save_use(AgentUseInput(agent.id, room, 2, dt.date(2025, 1, 1),
                                        dt.date(2025, 3, 1)))
    return room


def _room_problems(services: Services, room: int) -> list[CheckCode]:
    return [p.code for p in services.checks.problems(room, DAY)
            if p.code in (CheckCode.ROOMCARD_MISSING, CheckCode.ROOMCARD_STALE)]


def test_the_room_of_the_issue_proposes_pictograms_signs_and_its_litres(
        services: Services, lab: int) -> None:
    proposal = services.room_cards.proposal(lab, DAY)
    assert proposal.pictograms == ("GHS02", "GHS07", "GHS08")
    assert (proposal.radiation, proposal.laser, proposal.biohazard) == (True, True, True)
    assert "cmr" in proposal.hazards
    assert proposal.flammable_cat1_litres == pytest.approx(1.75)   # ether 0.5 + 1.25 L
    assert proposal.flammable_cat2_litres == pytest.approx(2.5)    # benzene 2500 mL
    assert len(proposal.unconverted) == 1                          # the kilogram of benzene
    # the room JSON's proposal is the same rule over the same reads
    room = services.rooms.get(lab)
    assert room is not None
    data = services.room_overview.overview(room, DAY)
    assert data["proposed_card"]["pictograms"] == list(proposal.pictograms)
    assert data["proposed_card"]["flammable_cat1_litres"] == proposal.flammable_cat1_litres


def test_a_card_lacking_a_pictogram_is_stale_until_accepted(
        services: Services, ctx: AppContext, lab: int, changes: list[Change]) -> None:
    assert _room_problems(services, lab) == [CheckCode.ROOMCARD_MISSING]
    services.room_cards.save(lab, RoomCard(
        activity_type="Syntese", pictograms=("GHS02", "GHS07"),
        warning_signs=("radiation", "laser", "biohazard"),
        special_hazards="Kreftfremkallende stoffer", flammable_cat1_max_litres=2,
        flammable_cat2_max_litres=5))
    comparison = services.room_cards.comparison(lab, DAY)
    assert [f.field for f in comparison.disagreements] == [CardField.PICTOGRAMS]
    assert comparison[CardField.PICTOGRAMS].lacking == ("GHS08",)
    [stale] = [p for p in services.checks.problems(lab, DAY)
               if p.code is CheckCode.ROOMCARD_STALE]
    with using_language("nb"):
        assert str(stale.params["reasons"]) == (
            "kortet mangler piktogrammet GHS08 (alvorlig helsefare)")
    changes.clear()
    card = services.room_cards.accept(lab, ["pictograms"])
    assert card.pictograms == ("GHS02", "GHS07", "GHS08")
    assert card.activity_type == "Syntese" and card.flammable_cat2_max_litres == 5
    assert _room_problems(services, lab) == []
    assert services.room_cards.comparison(lab).agrees
    assert changes == [Change(Topic.ROOM_CARDS, (lab,))]
    room = services.rooms.get(lab)
    assert room is not None
    stored = services.room_overview.overview(room, DAY)["card"]
    assert stored["warning_signs"] == ["radiation", "laser", "biohazard"]
    assert stored["pictograms"] == ["GHS02", "GHS07", "GHS08"]
    entries = audit.history(ctx.conn, "room_card", lab)
    assert [e.action for e in entries] == ["update", "accept_proposal"]
    assert entries[-1].details["fields"] == ["pictograms"]
    assert entries[-1].details["pictograms"] == "GHS02,GHS07,GHS08"
    # accepting what already agrees writes nothing
    assert services.room_cards.accept(lab, ["pictograms", "gas_max_cylinders"]) == card
    assert len(audit.history(ctx.conn, "room_card", lab)) == 2


def test_accepting_every_field_creates_the_card_of_a_room_without_one(
        services: Services, ctx: AppContext, lab: int) -> None:
    with using_language("nb"):
        card = services.room_cards.accept(lab, list(CardField))
    assert card.pictograms == ("GHS02", "GHS07", "GHS08")
    assert card.warning_signs == ("radiation", "laser", "biohazard")
    assert card.flammable_cat1_max_litres == 2 and card.flammable_cat2_max_litres == 3
    assert card.gas_max_cylinders is None          # no gas registered: nothing to accept
    assert "CMR-stoffer" in card.special_hazards
    assert _room_problems(services, lab) == []
    [entry] = audit.history(ctx.conn, "room_card", lab)
    assert entry.details["fields"] == ["pictograms", "warning_signs", "special_hazards",
                                       "flammable_cat1_max_litres", "flammable_cat2_max_litres"]


def test_accept_refuses_an_unknown_field_or_room_and_writes_nothing(
        services: Services, ctx: AppContext, lab: int) -> None:
    with pytest.raises(ValidationError) as caught:
        services.room_cards.accept(lab, ["pictograms", "toxic_liquids"])
    assert caught.value.code == "room_card.unknown_field"
    assert caught.value.params["field"] == "toxic_liquids"
    with pytest.raises(NotFoundError):
        services.room_cards.accept(lab + 99, ["pictograms"])
    with pytest.raises(NotFoundError):
        services.room_cards.comparison(lab + 99)
    assert services.room_cards.get(lab) == RoomCard()
    assert audit.history(ctx.conn, "room_card", lab) == []
