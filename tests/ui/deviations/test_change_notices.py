"""The deviations and statistics areas follow the services' change notices: what another
area (or a dialog) records shows up without a manual refresh, and the selection is kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.ui.deviations.view import DeviationsView
from vernetool.ui.statistics.view import StatisticsView

TODAY = dt.date(2025, 6, 16)


@pytest.fixture(autouse=True)
def english() -> Any:
    before = QLocale()
    i18n.set_language("en")
    yield
    QLocale.setDefault(before)


def record(ctx: AppContext, title: str, day: dt.date = dt.date(2025, 5, 2)) -> int:
    return ctx.services.deviations.record(Deviation(DeviationType.HAZARD, title, day))


def test_the_list_follows_what_the_services_record(qtbot: Any, ctx: AppContext) -> None:
    first = record(ctx, "Blocked exit")
    view = DeviationsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    assert view.select_deviation(first)
    record(ctx, "Wet floor")
    assert view.model.total() == 2 and view.count_label.text() == "2 deviations"
    assert view.chip_buttons["registered"].text() == "Registered 2"
    shown = view.shown_deviation()
    assert shown is not None and shown.id == first          # the selection is kept
    ctx.services.deviation_workflow.reject(first, "Duplicate", today=TODAY)
    shown = view.shown_deviation()
    assert shown is not None and shown.status.value == "rejected"


def test_a_new_category_appears_in_the_filter(qtbot: Any, ctx: AppContext) -> None:
    view = DeviationsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    ctx.services.deviation_settings.add_category("Laboratorieutstyr")
    assert view.category_combo.findData("Laboratorieutstyr") >= 0


def test_statistics_recompute_when_shown_after_a_change(qtbot: Any, ctx: AppContext) -> None:
    view = StatisticsView(ctx, today=dt.date(2025, 6, 16), auto_compute=False)
    qtbot.addWidget(view)
    record(ctx, "Blocked exit", dt.date(2025, 3, 1))
    assert view.stats is None                   # hidden: nothing computed yet
    view.show()
    qtbot.waitUntil(lambda: view.stats is not None, timeout=20000)
    assert view.stats is not None
    assert view.stats["reports"]["deviations"]["registered"] == 1
    view.stats = None
    record(ctx, "Wet floor", dt.date(2025, 4, 1))  # shown: computed again at once
    qtbot.waitUntil(lambda: view.stats is not None, timeout=20000)
    assert view.stats is not None
    assert view.stats["reports"]["deviations"]["registered"] == 2


def test_a_finding_button_follows_a_deviation_made_elsewhere(qtbot: Any,
                                                             ctx: AppContext) -> None:
    from PySide6.QtWidgets import QWidget

    from tests.ui.round_helpers import make_round
    from vernetool.db.rounds import findings
    from vernetool.db.rounds import rounds as round_store
    from vernetool.domain.rounds import Finding
    from vernetool.ui.deviations.finding_link import FindingDeviationLink

    setup = make_round(ctx.conn)
    round_room = round_store.round_rooms(ctx.conn, setup.round_id)[0]
    finding_id = findings.save_finding(ctx.conn, Finding("Loose cable",
                                                         round_room_id=round_room.id), "test")
    owner = QWidget()
    qtbot.addWidget(owner)
    link = FindingDeviationLink(ctx, findings.get_finding(ctx.conn, finding_id, "en"), owner)
    assert link.text() == "Make &deviation…"
    deviation_id = ctx.services.deviations.record(Deviation(
        DeviationType.HAZARD, "Loose cable", TODAY, source_finding_id=finding_id))
    assert link.text() == f"Deviation {deviation_id} …"
