"""The Statistics area's unit filter, and charts that never lie on top of each other or the
tables, not even between their arrival and the next layout pass (issue 8, point 10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from vernetool.context import AppContext
from vernetool.db.organisation.units import upsert_unit
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationType,
    Injury,
    TriState,
)
from vernetool.domain.organisation import Unit
from vernetool.i18n import language
from vernetool.ui.statistics.view import StatisticsView

AS_OF = dt.date(2025, 1, 15)


def _data(ctx: AppContext) -> None:
    ikj = upsert_unit(ctx.conn, Unit("IKJ", "Chemistry"))
    ibi = upsert_unit(ctx.conn, Unit("IBI", "Biology"))
    for n, unit_id in enumerate((ikj, ikj, ibi), start=1):
        ctx.services.deviations.record(Deviation(
            DeviationType.HAZARD, f"Hazard {n}", dt.date(2024, n, 3), unit_id=unit_id,
            potential_consequence=2, probability=2))
    ctx.services.deviation_settings.set_hours_worked(2024, 1_000_000.0)


def _injuries(ctx: AppContext) -> None:
    """Injuries whose treatment is unknown: H2 gets its long reason, the H box grows."""
    for n in range(1, 4):
        ctx.services.deviations.record(Deviation(
            DeviationType.ACCIDENT, f"Cut {n}", dt.date(2024, n + 3, 3), potential_consequence=2,
            probability=2, injury=Injury(False, Absence.NONE, TriState.UNKNOWN, TriState.NO)))


def _view(qtbot: Any, ctx: AppContext) -> StatisticsView:
    view = StatisticsView(ctx, today=dt.date(2025, 1, 20), auto_compute=False)
    qtbot.addWidget(view)
    return view


def test_the_unit_filter_shows_one_units_numbers(qtbot: Any, ctx: AppContext) -> None:
    _data(ctx)
    view = _view(qtbot, ctx)
    assert view.unit.itemData(0) == "" and view.unit.findData("IKJ") > 0
    view.stats = None
    view.unit.setCurrentIndex(view.unit.findData("IKJ"))  # recomputes
    qtbot.waitUntil(lambda: view.stats is not None, timeout=20000)
    assert view.stats is not None and view.stats["unit"] == "IKJ"
    assert view.table1.item(0, 1).text() == "2"
    assert not view.hours.isEnabled()   # the recorded hours are not the unit's
    assert "whole organisation" in view.h1_detail.text()
    assert "whole organisation" in view.report_button.toolTip()
    view.stats = None
    view.unit.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.stats is not None, timeout=20000)
    assert view.stats is not None and "unit" not in view.stats
    assert view.table1.item(0, 1).text() == "3" and view.hours.isEnabled()


def _rect(view: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def test_charts_are_laid_out_before_they_are_painted(qtbot: Any, ctx: AppContext) -> None:
    """The canvases used to be shown by the layout's queued call and placed by posted layout
    requests: until then all four lay on top of each other, over the tables."""
    _data(ctx)
    _injuries(ctx)
    view = _view(qtbot, ctx)
    view.resize(1100, 700)  # narrow: the charts go below the tables
    view.show()
    qtbot.waitExposed(view)
    result = ctx.services.statistics.compute(2024, as_of=AS_OF, lang=language())
    view.show_result(result)  # no event processed after this: what the first paint sees
    tables = view.tables
    h_box = tables.h2_reason.parentWidget()
    assert tables.h2_reason.isVisible()
    shown = [tables.table1, tables.table1_caption, tables.table2, h_box,
             *view.canvases.values()]
    assert all(widget.isVisible() for widget in shown)
    rects = [_rect(view, widget) for widget in shown]
    overlapping = [(shown[i].objectName() or type(shown[i]).__name__,
                    shown[j].objectName() or type(shown[j]).__name__)
                   for i in range(len(rects)) for j in range(i + 1, len(rects))
                   if rects[i].intersects(rects[j])]
    assert overlapping == []
    for canvas in view.canvases.values():
        assert canvas.height() >= canvas.minimumHeight()
    # the tables column got the height its 480 pixels need, so the H box is not squeezed
    assert tables.height() >= tables.heightForWidth(tables.width())
    assert h_box.height() >= h_box.heightForWidth(h_box.width())
