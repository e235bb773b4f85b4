"""``vernetool room``: everything about one room as JSON with DESIGN.md's keys, on a small
database built for it and on the demo; a room that does not exist is one line and exit 1."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vernetool.context import AppContext
from vernetool.domain.biology.agents import AgentType, RiskGroup
from vernetool.domain.biology.model import AgentInput, AgentUseInput
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.deviations.rules import Deviation, DeviationStatus, DeviationType
from vernetool.domain.organisation import (
    Person,
    ResponsibilityKind,
    Room,
    RoomCard,
    RoomType,
)
from vernetool.domain.radiation.model import SourceInput
from vernetool.domain.radiation.sources import LaserClass, SourceKind
from vernetool.settings import Settings

KEYS = ["room", "responsible", "card", "proposed_card", "chemicals", "sources", "agents",
        "open_deviations", "open_findings", "problems"]
PROPOSAL_KEYS = {"pictograms", "radiation", "laser", "biohazard", "flammable_cat1_litres",
                 "flammable_cat2_litres", "gas_cylinders", "hazards"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "vernetool", *args], capture_output=True,
                          text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


def room_json(db: Path, room: str, *more: str) -> dict[str, Any]:
    result = run_cli("room", "--db", str(db), "--room", room, *more)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert list(data) == KEYS
    assert set(data["proposed_card"]) == PROPOSAL_KEYS | {"unconverted_holdings"}
    return data


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lab.sqlite"
    ctx = AppContext.open(path, Settings(tmp_path / "settings.json"))
    try:
        s = ctx.services
        lab = s.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
        s.rooms.save(Room("REALF", "D2-109", RoomType.OFFICE, "Kontor"))
        kari = s.persons.save(Person("Kari Nordmann", "kari@uni.example.no", "+47 900 00 001"))
        ola = s.persons.save(Person("Ola Nordmann", "ola@uni.example.no"))
        s.responsibilities.assign(lab, kari, ResponsibilityKind.RESPONSIBLE, dt.date(2025, 1, 1))
        s.responsibilities.assign(lab, ola, ResponsibilityKind.DEPUTY, dt.date(2025, 1, 1))
        s.room_cards.save(lab, RoomCard(activity_type="Syntese", pictograms=("GHS02",),
                                        flammable_cat2_max_litres=10.0))
        c = s.chemicals
        ether = c.save_product(ProductInput.with_cas("Dietyleter", ["60-29-7"],
                                                     statements=("H224 H302 H336",)))
        methanol = c.save_product(ProductInput.with_cas(
            "Metanol", ["67-56-1"], statements=("H225 H301+H311+H331 H370",)))
        benzene = c.save_product(ProductInput.with_cas(
            "Benzen", ["71-43-2"], statements=("H225 H304 H315 H319 H340 H350 H372",)))
        argon = c.save_product(ProductInput.with_cas("Argon", ["7440-37-1"],
                                                     statements=("H280",)))
        c.add_holding(HoldingInput(ether.id, lab, "Syreskap", 500, "mL", 1))
        c.add_holding(HoldingInput(methanol.id, lab, "Syreskap", 2.5, "L", 1))
        c.add_holding(HoldingInput(benzene.id, lab, "Avtrekk", 250, "mL", 1))
        c.add_holding(HoldingInput(methanol.id, lab, "Lager", 3, "kg", 1))
        c.add_holding(HoldingInput(argon.id, lab, "Gassflaskeskap", 50, "L", 2))
        gone = c.add_holding(HoldingInput(methanol.id, lab, "Kjeller", 9, "L", 1))
        c.dispose_holding(gone.id, dt.date(2026, 2, 1))
        s.radiation_sources.save(SourceInput(
            SourceKind.SEALED_SOURCE, "Cs-137", "370", "kBq", dt.date(2016, 1, 1), room_id=lab))
        s.radiation_sources.save(SourceInput(SourceKind.LASER, laser_class=LaserClass.C4,
                                             room_id=lab))
        agent = s.bio_agents.save(AgentInput("Escherichia coli", AgentType.BACTERIUM,
                                             RiskGroup.TWO))
        s.bio_agents.save_use(AgentUseInput(agent.id, lab, 2, dt.date(2025, 1, 1),
                                            dt.date(2025, 3, 1)))
        s.deviations.record(Deviation(DeviationType.HAZARD, "Lekkasje i avtrekk",
                                      dt.date(2026, 3, 1), room_id=lab))
        s.deviations.record(Deviation(DeviationType.HAZARD, "Gammelt avvik", dt.date(2025, 3, 1),
                                      room_id=lab, status=DeviationStatus.CLOSED,
                                      closed_at=dt.date(2025, 4, 1)))
    finally:
        ctx.close()
    return path


def test_the_small_room(db: Path) -> None:
    data = room_json(db, "REALF:D2-108", "--as-of", "2026-01-01")
    assert data["room"] == {"building": "REALF", "room": "D2-108", "name": "Synteselab",
                            "type": "lab", "unit": None}
    assert data["responsible"]["current"]["name"] == "Kari Nordmann"
    assert data["responsible"]["current"]["phone"] == "+47 900 00 001"
    assert data["responsible"]["deputy"]["name"] == "Ola Nordmann"
    assert data["card"]["pictograms"] == ["GHS02"]
    assert data["card"]["flammable_cat2_max_litres"] == 10.0
    proposed = data["proposed_card"]
    assert proposed["pictograms"] == ["GHS02", "GHS04", "GHS06", "GHS07", "GHS08"]
    assert (proposed["radiation"], proposed["laser"], proposed["biohazard"]) == (
        True, True, True)
    assert proposed["flammable_cat1_litres"] == pytest.approx(0.5)
    assert proposed["flammable_cat2_litres"] == pytest.approx(2.75)
    assert len(proposed["unconverted_holdings"]) == 1   # the 3 kg of methanol
    assert proposed["gas_cylinders"] == 2
    assert {"flammable", "cmr", "radiation", "laser", "biohazard"} <= set(proposed["hazards"])
    assert len(data["chemicals"]) == 5                  # in use only
    cs137 = next(s for s in data["sources"] if s["nuclide"] == "Cs-137")
    assert cs137["activity_bq"] == pytest.approx(370e3)
    # ten years of a 30.08-year half-life: about 79 % left
    assert cs137["activity_now_bq"] == pytest.approx(370e3 * 0.5 ** (10 / 30.08), rel=1e-3)
    assert [a["risk_group"] for a in data["agents"]] == [2]
    assert [d["title"] for d in data["open_deviations"]] == ["Lekkasje i avtrekk"]
    assert data["open_deviations"][0]["reported_on"] == "2026-03-01"
    assert data["open_findings"] == []
    # the room's checks (services.checks), as `vernetool check --room` prints them
    assert data["problems"]
    assert all(set(p) == {"code", "room", "subject", "message"} for p in data["problems"])
    assert {p["room"] for p in data["problems"]} == {"REALF:D2-108"}
    # the card shows GHS02 only: the registers propose more, so it is stale
    assert "roomcard_stale" in {p["code"] for p in data["problems"]}


def test_an_empty_room_has_no_card_and_proposes_nothing(db: Path) -> None:
    data = room_json(db, "realf:d2-109")
    assert data["card"] is None
    assert data["responsible"] == {"current": None, "deputy": None}
    assert data["proposed_card"]["pictograms"] == [] and data["chemicals"] == []
    assert data["problems"] == []


@pytest.mark.parametrize("room", ["REALF:X999", "NOPE:1"])
def test_an_unknown_room_is_one_line_and_exit_1(db: Path, room: str) -> None:
    result = run_cli("room", "--db", str(db), "--room", room)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and room in result.stderr


def test_a_room_not_written_as_building_colon_room(db: Path) -> None:
    result = run_cli("room", "--db", str(db), "--room", "D2-108")
    assert result.returncode == 1 and "BUILDING:ROOM" in result.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    result = run_cli("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_demo_chemistry_lab(demo: Path) -> None:
    data = room_json(demo, "KJ1:204")
    assert data["chemicals"] and data["card"] is not None
    assert data["responsible"]["current"] is not None
    proposed = data["proposed_card"]
    assert "GHS02" in proposed["pictograms"] and proposed["flammable_cat2_litres"] > 0
    assert data["open_findings"]


def test_demo_room_with_sources(demo: Path) -> None:
    data = room_json(demo, "REAL:D410")
    assert any(s["nuclide"] == "Cs-137" and s["activity_now_bq"] > 0 for s in data["sources"])
    assert data["proposed_card"]["radiation"] is True


def test_demo_group_three_agents(demo: Path) -> None:
    data = room_json(demo, "MTFS:103")
    assert any(a["risk_group"] == 3 for a in data["agents"])
    assert data["proposed_card"]["biohazard"] is True
