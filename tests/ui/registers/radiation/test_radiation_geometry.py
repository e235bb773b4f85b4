"""The radiation tabs fit a 1366×768 laptop and a 1024×600 netbook, in Bokmål and English,
with a source and a worker selected (their detail panes, the dose entry line)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.ui.shell.test_geometry import (
    TODAY,
    _radiation_source,
    _radiation_worker,
    demo_ctx,  # noqa: F401 - the fixtures
    demo_db,  # noqa: F401
    open_main_window,
    problems,
    screen,
)
from vernetool.context import AppContext
from vernetool.i18n import language, set_language


@pytest.fixture(params=["nb", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    before = language()
    set_language(request.param)
    yield request.param
    set_language(before)


@pytest.mark.parametrize("where", ["laptop", "small"])
def test_the_radiation_tabs_fit(qtbot: Any, demo_ctx: AppContext,  # noqa: F811
                                where: str, lang: str) -> None:
    source = _radiation_source(demo_ctx)
    worker = _radiation_worker(demo_ctx)
    window = open_main_window(qtbot, demo_ctx, screen(where))
    page: Any = window.show_area("registers")
    found = []
    sources: Any = page.show_tab("sources")
    sources.today = TODAY
    sources.refresh()
    found += [f"sources on {where} ({lang}): {p}" for p in problems(window)]
    sources.table.selectRow(sources.model.row_of(source.id))
    found += [f"a source on {where} ({lang}): {p}" for p in problems(window)]
    workers: Any = page.show_tab("radiation_workers")
    workers.today = TODAY
    workers.refresh()
    workers.table.selectRow(workers.model.row_of(worker.id))
    found += [f"a worker on {where} ({lang}): {p}" for p in problems(window)]
    assert not found, "\n".join(found)
