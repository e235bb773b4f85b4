"""Organisation services over a migrated database in tmp_path, with the changes they publish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vernetool.context import AppContext
from vernetool.services import Change, Services


@pytest.fixture
def services(ctx: AppContext) -> Services:
    return ctx.services


@pytest.fixture
def changes(services: Services) -> Iterator[list[Change]]:
    """Every change the services publish during the test, in order."""
    seen: list[Change] = []
    unsubscribe = services.subscribe(seen.append)
    yield seen
    unsubscribe()
