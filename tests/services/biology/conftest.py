"""Biology services over a migrated database in tmp_path: two labs, an unlocked vault."""

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
    cell: int          # REALF:D2-108
    bsl3: int          # MOLMED:L3-010


@pytest.fixture
def labs(services: Services) -> Labs:
    return Labs(services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Cellelab")),
                services.rooms.save(Room("MOLMED", "L3-010", RoomType.LAB, "P3-lab")))


@pytest.fixture
def unlocked(services: Services) -> Services:
    services.bio_workers.set_up_vault(PASSPHRASE)
    return services


def numbers(count: int, birth: str = "150765") -> list[str]:
    """Valid fødselsnumre (both mod-11 check digits) for one birth date."""
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
