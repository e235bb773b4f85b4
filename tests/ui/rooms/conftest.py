"""A lab with everything: a stored card, chemicals (flammable, CMR, a gas), a Cs-137 source,
a class 4 laser, a group 2 agent, an open deviation; and an empty office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.domain.biology.agents import AgentType, RiskGroup
from vernetool.domain.biology.model import AgentInput, AgentUseInput
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.domain.organisation import Person, ResponsibilityKind, Room, RoomCard, RoomType
from vernetool.domain.radiation.model import SourceInput
from vernetool.domain.radiation.sources import LaserClass, SourceKind
from vernetool.settings import Settings
from vernetool.ui.common.labels import locale_for


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def lab_ctx(tmp_path: Path) -> Iterator[AppContext]:
    ctx = AppContext.open(tmp_path / "lab.sqlite", Settings(tmp_path / "settings.json"))
    yield ctx
    ctx.close()


@pytest.fixture
def lab(lab_ctx: AppContext) -> dict[str, Any]:
    s = lab_ctx.services
    lab = s.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
    office = s.rooms.save(Room("REALF", "D2-109", RoomType.OFFICE, "Kontor"))
    kari = s.persons.save(Person("Kari Nordmann", "kari@uni.example.no", "+47 900 00 001"))
    ola = s.persons.save(Person("Ola Nordmann", "ola@uni.example.no"))
    s.responsibilities.assign(lab, kari, ResponsibilityKind.RESPONSIBLE, dt.date(2025, 1, 1))
    s.responsibilities.assign(lab, ola, ResponsibilityKind.DEPUTY, dt.date(2025, 1, 1))
    s.room_cards.save(lab, RoomCard(activity_type="Syntese", pictograms=("GHS02",),
                                    flammable_cat2_max_litres=10.0))
    c = s.chemicals
    ether = c.save_product(ProductInput.with_cas("Dietyleter", ["60-29-7"],
                                                 statements=("H224 H302 H336",)))
    benzene = c.save_product(ProductInput.with_cas(
        "Benzen", ["71-43-2"], statements=("H225 H304 H315 H319 H340 H350 H372",)))
    argon = c.save_product(ProductInput.with_cas("Argon", ["7440-37-1"],
                                                 statements=("H280",)))
    holdings = [c.add_holding(HoldingInput(ether.id, lab, "Syreskap", 500, "mL", 1)),
                c.add_holding(HoldingInput(benzene.id, lab, "Avtrekk", 250, "mL", 1)),
                c.add_holding(HoldingInput(argon.id, lab, "Gassflaskeskap", 50, "L", 2))]
    cs137 = s.radiation_sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, "Cs-137", "370", "kBq", dt.date(2016, 1, 1), room_id=lab))
    laser = s.radiation_sources.save(SourceInput(SourceKind.LASER, laser_class=LaserClass.C4,
                                                 room_id=lab))
    agent = s.bio_agents.save(AgentInput("Escherichia coli", AgentType.BACTERIUM,
                                         RiskGroup.TWO))
    s.bio_agents.save_use(AgentUseInput(agent.id, lab, 2, dt.date(2025, 1, 1),
                                        dt.date(2025, 3, 1)))
    deviation = s.deviations.record(Deviation(DeviationType.HAZARD, "Lekkasje i avtrekk",
                                              dt.date(2026, 3, 1), room_id=lab))
    return {"lab": lab, "office": office, "holdings": [h.id for h in holdings],
            "cs137": cs137.id, "laser": laser.id, "agent": agent.id,
            "deviation": getattr(deviation, "id", deviation), "benzene": benzene.id}
