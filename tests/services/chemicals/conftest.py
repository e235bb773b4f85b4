"""Chemicals services over a migrated database in tmp_path: two labs, a few products."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import Component, ProductInput, SignalWord
from vernetool.domain.organisation import Room, RoomType
from vernetool.services import Change, Services

PASSPHRASE = "correct horse battery"


@pytest.fixture
def services(ctx: AppContext) -> Services:
    return ctx.services


@pytest.fixture
def changes(services: Services) -> Iterator[list[Change]]:
    seen: list[Change] = []
    unsubscribe = services.subscribe(seen.append)
    yield seen
    unsubscribe()


@dataclass(frozen=True)
class Labs:
    synthesis: int     # REALF:D2-108
    analysis: int      # KJEMI:B3-201


@pytest.fixture
def labs(services: Services) -> Labs:
    return Labs(services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab")),
                services.rooms.save(Room("KJEMI", "B3-201", RoomType.LAB, "Analyselab")))


METHANOL = ProductInput("Methanol", "Sigma-Aldrich", (Component("67-56-1"),),
                        ("H225, H301 + H311 + H331 og H370", "P210 P280"), SignalWord.DANGER)
ACETONE = ProductInput("Aceton", "VWR", (Component("67-64-1"),), ("H225", "H319", "H336"))
BENZENE = ProductInput("Benzen", "Merck", (Component("71-43-2"),),
                       ("H225 H304 H315 H319 H340 H350 H372",))
TOLUENE = ProductInput("Toluen", "Merck", (Component("108-88-3"),),
                       ("H225 H304 H315 H336 H361d H373",))
