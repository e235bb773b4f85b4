"""The Statistics area shows what ``stats.deviation_stats`` computes: table 1, table 2,
H1/H2 (with the reason when H2 is missing), hours worked saved at once, and the charts as
matplotlib canvases whose figures hold the expected bars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db.deviations import records as store
from vernetool.db.deviations import settings as dev_settings
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    StatusChange,
    TriState,
)
from vernetool.stats.deviation_stats import deviation_stats
from vernetool.ui.common.labels import locale_for
from vernetool.ui.statistics.view import StatisticsView, parse_hours

TODAY = dt.date(2025, 1, 20)
AS_OF = dt.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def english() -> Any:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))  # as the app does
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


def add(ctx: AppContext, kind: DeviationType, day: dt.date, *, severity: int | None = None,
        injury: Injury | None = None, closed_on: dt.date | None = None,
        category: str = "") -> int:
    dev_id = store.create_deviation(ctx.conn, Deviation(
        kind, f"{kind.value} {day}", day, potential_consequence=severity, probability=2
        if severity else None, injury=injury, category=category), actor="test")
    if closed_on is not None:
        store.change_status(ctx.conn, dev_id, StatusChange(
            DeviationStatus.ACCEPTED, closing_deadline=closed_on), actor="test", today=day)
        store.change_status(ctx.conn, dev_id, StatusChange(DeviationStatus.CLOSED,
                                                           on=closed_on), actor="test")
    return dev_id


@pytest.fixture
def fixture_data(ctx: AppContext) -> None:
    cat = "Brann, utslipp og evakuering"
    add(ctx, DeviationType.HAZARD, dt.date(2024, 3, 4), severity=2, category=cat,
        closed_on=dt.date(2024, 4, 1))
    add(ctx, DeviationType.HAZARD, dt.date(2024, 3, 20), severity=4, category=cat,
        closed_on=dt.date(2025, 1, 18))                       # closed after the as-of date
    add(ctx, DeviationType.NEAR_MISS, dt.date(2024, 7, 1), severity=5)
    add(ctx, DeviationType.IMPROVEMENT, dt.date(2024, 9, 9), closed_on=dt.date(2024, 10, 1))
    add(ctx, DeviationType.ACCIDENT, dt.date(2024, 11, 2), severity=3,
        injury=Injury(True, Absence.GT3, TriState.YES, TriState.NO))
    add(ctx, DeviationType.ACCIDENT, dt.date(2024, 12, 30), severity=2,
        injury=Injury(False, Absence.NONE, TriState.NO, TriState.NO))
    add(ctx, DeviationType.HAZARD, dt.date(2023, 12, 31), severity=1)   # other year
    dev_settings.set_hours_worked(ctx.conn, 2024, 1_000_000.0, actor="test")


def make_view(qtbot: Any, ctx: AppContext) -> StatisticsView:
    view = StatisticsView(ctx, today=TODAY, auto_compute=False)
    qtbot.addWidget(view)
    view.as_of.blockSignals(True)
    view.as_of.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
    view.as_of.blockSignals(False)
    return view


def compute(qtbot: Any, view: StatisticsView) -> dict[str, Any]:
    view.stats = None
    view.recompute()
    qtbot.waitUntil(lambda: view.stats is not None and bool(view.canvases), timeout=20000)
    assert view.stats is not None
    return view.stats


def cells(table: Any) -> list[list[str]]:
    return [[table.item(r, c).text().strip() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_the_view_shows_the_computed_numbers(qtbot: Any, ctx: AppContext,
                                             fixture_data: None) -> None:
    view = make_view(qtbot, ctx)
    assert view.selected_year() == 2024  # in January the default is last year
    shown = compute(qtbot, view)
    expected = deviation_stats(ctx.conn, 2024, as_of=AS_OF)
    assert shown == expected
    assert cells(view.table1) == [["Undesired events and deviations", "5", "1"],
                                  ["Improvement suggestions", "1", "1"],
                                  ["Total", "6", "2"]]
    table2 = dict((row[0], row[1]) for row in cells(view.table2))
    assert table2["Minor injuries – not reported to NAV"] == "1"
    assert table2["Injury with absence > 3 days"] == "1"
    assert table2["Injury with absence ≤ 3 days"] == "0"
    assert table2["Total"] == "2"
    assert "(1)" in cells(view.table2)[1][0]   # reported to NAV (1)
    # H1 = 1 injury with absence × 1e6 / 1e6 hours; H2 adds none (treatment known: no)
    assert view.h1_value.text() == "1" and view.h2_value.text() == "1"
    assert not view.h2_reason.isVisibleTo(view)
    assert parse_hours(view.hours.text()) == 1_000_000.0


def test_h2_reason_shown_when_h2_is_null(qtbot: Any, ctx: AppContext,
                                         fixture_data: None) -> None:
    add(ctx, DeviationType.ACCIDENT, dt.date(2024, 12, 1),
        injury=Injury(False, Absence.NONE, TriState.UNKNOWN, TriState.NO))
    view = make_view(qtbot, ctx)
    stats = compute(qtbot, view)
    assert stats["h2"] is None and stats["h2_missing_reason"]
    assert view.h2_value.text() == "cannot be computed"
    assert view.h2_reason.isVisibleTo(view)
    assert "for 1 injury without absence it is not known whether it needed" in \
        view.h2_reason.text()


def test_h_values_need_hours_and_hours_are_saved_at_once(qtbot: Any, ctx: AppContext,
                                                         fixture_data: None) -> None:
    dev_settings.set_hours_worked(ctx.conn, 2024, None, actor="test")
    view = make_view(qtbot, ctx)
    view._load_hours()
    stats = compute(qtbot, view)
    assert stats["h1"] is None and view.h1_value.text() == "—"
    assert "hours worked for 2024 are not recorded" in view.h2_reason.text()
    view.hours.setText("2 000 000,5")
    assert view.save_hours()
    assert dev_settings.get_hours_worked(ctx.conn, 2024) == 2_000_000.5
    qtbot.waitUntil(lambda: view.stats is not None and view.stats["hours_worked"] == 2_000_000.5,
                    timeout=20000)
    view.hours.setText("minus ten")
    assert not view.save_hours()
    assert view.hours_status.text().startswith("Hours worked:")
    assert dev_settings.get_hours_worked(ctx.conn, 2024) == 2_000_000.5


def test_charts_are_canvases_with_the_expected_bars(qtbot: Any, ctx: AppContext,
                                                    fixture_data: None) -> None:
    view = make_view(qtbot, ctx)
    stats = compute(qtbot, view)
    assert set(view.canvases) == {"month", "category", "severity", "injuries"}
    canvas = view.canvases["severity"]
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    assert isinstance(canvas, FigureCanvasQTAgg)
    bars = canvas.figure.axes[0].patches
    heights = [int(b.get_height()) for b in bars]
    keys = ["1", "2", "3", "4", "5", "unknown"]
    assert heights == [stats["by_severity"][k] for k in keys] == [0, 2, 1, 1, 1, 0]
    month = view.canvases["month"].figure.axes[0]
    totals = [0] * 12
    for bar in month.patches:
        totals[round(bar.get_x() + bar.get_width() / 2)] += int(bar.get_height())
    assert totals[2] == 2 and totals[10] == 1 and totals[11] == 1 and sum(totals) == 6


def test_year_change_recomputes(qtbot: Any, ctx: AppContext, fixture_data: None) -> None:
    view = make_view(qtbot, ctx)
    compute(qtbot, view)
    view.stats = None
    view.year.setValue(2023)
    qtbot.waitUntil(lambda: view.stats is not None, timeout=20000)
    assert view.stats is not None and view.stats["year"] == 2023
    assert cells(view.table1)[0][1] == "1"


def test_yearly_report_pdf_is_written_off_thread(qtbot: Any, ctx: AppContext,
                                                 fixture_data: None, tmp_path: Path) -> None:
    view = make_view(qtbot, ctx)
    out = tmp_path / "avvik-2024.pdf"
    runner = view.write_report(out, show_dialog=False)
    with qtbot.waitSignal(runner.finished, timeout=60000):
        pass
    assert view.last_report == out and out.stat().st_size > 1000
    assert out.read_bytes().startswith(b"%PDF")
    assert view.message_box is not None
    view.message_box.close()


@pytest.mark.parametrize(("text", "value"), [("12 760 814,98", 12760814.98),
                                             ("12,760,814.98", 12760814.98),
                                             ("12760814.98", 12760814.98),
                                             ("1\u00a0500", 1500.0), ("", None)])
def test_parse_hours(text: str, value: float | None) -> None:
    assert parse_hours(text) == value


def test_on_a_small_laptop_the_h_box_stays_below_table_2(qtbot: Any, ctx: AppContext,
                                                          fixture_data: None) -> None:
    """Trial (issue 7): at 1024×600 the tables stand above the charts, and the layout asked
    their height at the charts' width — the wrapped H2 reason then squeezed the H box over
    the last rows of table 2."""
    from PySide6.QtWidgets import QFrame

    add(ctx, DeviationType.ACCIDENT, dt.date(2024, 12, 1),   # H2 unknown: a long reason
        injury=Injury(False, Absence.NONE, TriState.UNKNOWN, TriState.NO))
    view = make_view(qtbot, ctx)
    view.resize(850, 520)   # the area's size in a 1024×600 window
    view.show()
    qtbot.waitExposed(view)
    compute(qtbot, view)
    qtbot.wait(50)
    tables = view.tables
    h_box = tables.findChild(QFrame, "detailPanel")
    assert view.body_layout.direction().name == "TopToBottom"
    assert view.table2.geometry().bottom() < h_box.geometry().top()
    assert h_box.geometry().bottom() <= tables.height()
    assert view.charts.geometry().top() >= tables.geometry().bottom()


def test_h2_reason_counts_one_injury_in_the_singular() -> None:
    """Trial (issue 7): "for 1 injuries" / "for 1 skader" — now a plural form per count."""
    from vernetool.ui.statistics.tables import h2_reason_text

    stats = {"hours_worked": 1.0, "year": 2024}
    assert h2_reason_text(stats, 1).startswith(
        "Why: for 1 injury without absence it is not known whether it needed")
    assert h2_reason_text(stats, 3).startswith("Why: for 3 injuries without absence")
    i18n.set_language("nb")
    assert h2_reason_text(stats, 1).startswith(
        "Årsak: for 1 skade uten fravær er det ukjent om den førte til")
    assert h2_reason_text(stats, 1).endswith("registreringen av skaden for å beregne H2.")
    assert h2_reason_text(stats, 9).startswith("Årsak: for 9 skader uten fravær")
