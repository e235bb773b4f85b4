"""A small university for the walk's register tests: a synthesis lab with flammables, a CMR
product and argon cylinders (card: 5 L / 20 L, 6 cylinders), a measuring lab with nothing
registered, and an isotope lab with a Cs-137 source, a class 4 laser and E. coli K-12."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.domain.biology.agents import AgentType, RiskGroup
from vernetool.domain.biology.model import AgentInput, AgentUseInput
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.organisation import Room, RoomCard, RoomType
from vernetool.domain.radiation.model import SourceInput
from vernetool.domain.radiation.sources import LaserClass, SourceKind
from vernetool.domain.rounds import RoundPlan
from vernetool.settings import Settings

TODAY = dt.date(2026, 3, 2)


@dataclass
class Lab:
    ctx: AppContext
    path: Path
    chem: int        # room ids
    plain: int
    rad: int
    argon_holding: int
    benzene_holding: int
    source: int
    agent_use: int

    def round(self, *rooms: int) -> int:
        laboratory = next(t.id for t in self.ctx.services.checklists.latest()
                          if t.key == "laboratory")
        return self.ctx.services.rounds.create(RoundPlan(
            "HMS-runde 2026", dt.date(2026, 3, 1), room_ids=list(rooms),
            templates={"lab": laboratory}))

    def entry(self, round_id: int, room_id: int) -> int:
        return next(r.id for r in self.ctx.services.rounds.round_rooms(round_id)
                    if r.room_id == room_id)

    def codes(self, round_id: int, room_id: int) -> set[str]:
        content = self.ctx.services.walk.room_content(self.entry(round_id, room_id), "en",
                                                      TODAY)
        return {i.code for _s, items in content.sections for i in items}


def make_lab(tmp_path: Path) -> Iterator[Lab]:
    path = tmp_path / "lab.sqlite"
    ctx = AppContext.open(path, Settings(tmp_path / "settings.json"))
    s = ctx.services
    chem = s.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
    plain = s.rooms.save(Room("REALF", "D2-110", RoomType.LAB, "Målelab"))
    rad = s.rooms.save(Room("REALF", "D2-112", RoomType.LAB, "Isotoplab"))
    s.room_cards.save(chem, RoomCard(activity_type="Syntese", flammable_cat1_max_litres=5.0,
                                     flammable_cat2_max_litres=20.0, gas_max_cylinders=6))
    c = s.chemicals
    ether = c.save_product(ProductInput.with_cas("Dietyleter", ["60-29-7"],
                                                 statements=("H224 H302 H336",)))
    methanol = c.save_product(ProductInput.with_cas(
        "Metanol", ["67-56-1"], statements=("H225 H301+H311+H331 H370",)))
    benzene = c.save_product(ProductInput.with_cas(
        "Benzen", ["71-43-2"], statements=("H225 H304 H315 H319 H340 H350 H372",)))
    argon = c.save_product(ProductInput.with_cas("Argon", ["7440-37-1"], statements=("H280",)))
    c.add_holding(HoldingInput(ether.id, chem, "Syreskap", 500, "mL", 1))
    c.add_holding(HoldingInput(methanol.id, chem, "Syreskap", 12, "L", 4))
    benzene_holding = c.add_holding(HoldingInput(benzene.id, chem, "Avtrekk", 250, "mL", 1))
    argon_holding = c.add_holding(HoldingInput(argon.id, chem, "Gassflaskeskap", 50, "L", 2))
    source = s.radiation_sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, "Cs-137", "370", "kBq", dt.date(2016, 1, 1), room_id=rad,
        serial_number="SN-1234"))
    s.radiation_sources.save(SourceInput(SourceKind.LASER, laser_class=LaserClass.C4,
                                         room_id=rad, name="Verdi V10"))
    agent = s.bio_agents.save(AgentInput("Escherichia coli K-12", AgentType.BACTERIUM,
                                         RiskGroup.ONE))
    use = s.bio_agents.save_use(AgentUseInput(agent.id, rad, 1, None, dt.date(2025, 3, 1)))
    before = i18n.language()
    i18n.set_language("en")
    try:
        yield Lab(ctx, path, chem, plain, rad, argon_holding.id, benzene_holding.id,
                  source.id, use.id)
    finally:
        i18n.set_language(before)
        ctx.close()
