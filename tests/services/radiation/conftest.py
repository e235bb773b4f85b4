"""Radiation services over a migrated database in tmp_path: an isotope lab and an X-ray lab."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from vernetool.context import AppContext
from vernetool.domain.identity import control_digit
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
    isotopes: int      # REALF:D2-108
    xray: int          # KJEMI:B3-201


@pytest.fixture
def labs(services: Services) -> Labs:
    return Labs(services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Isotoplab")),
                services.rooms.save(Room("KJEMI", "B3-201", RoomType.LAB, "Røntgenlab")))


def numbers(count: int, birth: str = "150765") -> list[str]:
    """Valid fødselsnumre (both check digits) born on ``birth``."""
    found: list[str] = []
    individual = 433
    while len(found) < count:
        nine = f"{birth}{individual:03d}"
        k1 = control_digit(nine, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        k2 = None if k1 is None else control_digit(nine + str(k1),
                                                     (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if k2 is not None:
            found.append(f"{nine}{k1}{k2}")
        individual += 7
    return found
