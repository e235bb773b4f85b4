"""The Statistics area: the year's deviation figures as the HSE section publishes them —
table 1 (registered/closed per type as of a date), table 2 (personal injuries), H1/H2 with
the hours worked, and the charts per month, category, severity and injuries.

The numbers and the matplotlib figures are computed off the GUI thread by
``services.statistics`` on their own read-only connection; the tables are filled by
``statistics.tables`` and the canvases made by ``statistics.charts``, which imports
matplotlib's Qt canvas inside a function, so this area costs nothing until opened. When
deviations or their settings change, the figures are computed again (at once when the area
is shown, else when it is next shown).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.i18n import language, tr
from vernetool.services import Change, Topic
from vernetool.services.statistics.year import YearStatistics
from vernetool.ui.common.buttons import translate_buttons
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.flow_layout import flowing
from vernetool.ui.common.labels import date_display_format, format_decimal
from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner
from vernetool.ui.shell.theme import ERROR, HINT_AMBER, SUCCESS
from vernetool.ui.statistics.charts import ChartsPanel
from vernetool.ui.statistics.tables import StatisticsTables, format_hours, h2_reason_text

log = logging.getLogger(__name__)

STACK_BELOW = 1150  # narrower than this, the charts go below the tables


def parse_hours(text: str) -> float | None:
    """"12 760 814,98", "12,760,814.98" or "12760814.98" → 12760814.98; empty → None."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        # the last separator is the decimal one
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    value = float(cleaned)
    if value <= 0:
        raise ValueError("not positive")
    return value


class StatisticsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None, auto_compute: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.today = today or dt.date.today()
        self.runner: TaskRunner | None = None
        self.report_runner: TaskRunner | None = None
        self._stale = False
        self.stats: dict[str, Any] | None = None
        self.figures: dict[str, Any] = {}
        self.last_report: Path | None = None
        self.message_box: QMessageBox | None = None

        default_year = self.today.year - 1 if self.today.month == 1 else self.today.year
        self.year = QSpinBox()
        self.year.setObjectName("yearSpin")
        self.filter_edit = self.year  # where the main window puts the focus (Ctrl+5 …)
        self.year.setRange(2000, 2100)
        self.year.setValue(default_year)
        self.as_of = QDateEdit()
        self.as_of.setObjectName("asOfDate")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat(date_display_format())
        self.as_of.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.as_of.setToolTip(tr("Reports closed on or before this date count as closed"))
        self.unit = QComboBox()
        self.unit.setObjectName("unitFilter")
        self.unit.setToolTip(tr("Only the reports of this unit and the units below it"))
        self.unit.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(14)
        self.unit.addItem(tr("All units"), "")
        for unit in self.services.units.units():
            self.unit.addItem(f"{unit.code} — {unit.name}" if unit.name else unit.code,
                              unit.code)
        self.hours = QLineEdit()
        self.hours.setObjectName("hoursWorked")
        self.hours.setPlaceholderText(tr("e.g. {n}").format(n=format_decimal(12_760_814.98)))
        self.hours.setToolTip(tr("Hours worked in the year: the denominator of H1 and H2. "
                                 "Saved when you leave the field or press Enter."))
        self.hours.setMinimumWidth(150)
        self.hours_status = QLabel()
        self.hours_status.setObjectName("hoursStatus")
        self.update_button = QPushButton(tr("&Update"))
        self.report_button = QPushButton(tr("Yearly report &PDF…"))
        self.report_button.setObjectName("reportButton")

        bar = QHBoxLayout()
        fields: tuple[tuple[str, QWidget], ...] = (
            (tr("&Year:"), self.year), (tr("Status &as of:"), self.as_of),
            (tr("U&nit:"), self.unit), (tr("&Hours worked:"), self.hours))
        for number, (caption, field) in enumerate(fields):
            if number:
                bar.addSpacing(12)
            label = QLabel(caption)
            label.setBuddy(field)
            bar.addWidget(label)
            bar.addWidget(field)
        bar.addWidget(self.hours_status)
        bar.addStretch(1)
        bar.addWidget(self.update_button)
        bar.addWidget(self.report_button)

        # -- tables and H values ---------------------------------------------------------------
        tables = StatisticsTables()
        self.tables = tables
        self.table1, self.table1_caption = tables.table1, tables.table1_caption
        self.table2 = tables.table2
        self.h1_value, self.h1_detail = tables.h1_value, tables.h1_detail
        self.h2_value, self.h2_reason = tables.h2_value, tables.h2_reason

        self.charts = ChartsPanel()
        self.charts_layout = self.charts.charts_layout
        self.charts_placeholder = self.charts.placeholder

        body = QWidget()
        # tables beside the charts on a wide screen, above them on a small laptop
        body_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(16)
        # The tables column has a fixed width, and a vertical box layout asks a widget with
        # wrapping labels its height for the layout's whole width: stacked below each other,
        # the column got the height of a wider one and the H values lay over table 2. In a
        # row of its own the column is asked for the width it really has.
        tables_row = QWidget()
        row_layout = QHBoxLayout(tables_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(tables, 0, Qt.AlignmentFlag.AlignTop)
        row_layout.addStretch(1)
        body_layout.addWidget(tables_row, 0,
                              Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body_layout.addWidget(self.charts, 1)
        self.body_layout = body_layout
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(flowing(bar))  # wraps on a 1024-pixel screen
        layout.addSpacing(6)
        layout.addWidget(scroll, 1)

        self.year.valueChanged.connect(self._year_changed)
        self.as_of.dateChanged.connect(lambda _d: self.recompute())
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.hours.editingFinished.connect(self.save_hours)
        self.update_button.clicked.connect(self.recompute)
        self.report_button.clicked.connect(self.choose_report)
        self.relay = ChangeRelay(self.services, self)
        self.relay.on((Topic.DEVIATIONS, Topic.DEVIATION_SETTINGS), self._changed)
        self._load_hours()
        if auto_compute:
            self.recompute()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= STACK_BELOW
        direction = (QBoxLayout.Direction.LeftToRight if wide
                     else QBoxLayout.Direction.TopToBottom)
        if self.body_layout.direction() != direction:
            self.body_layout.setDirection(direction)

    # -- inputs ------------------------------------------------------------------------------
    def selected_year(self) -> int:
        return int(self.year.value())

    def selected_as_of(self) -> dt.date:
        d = self.as_of.date()
        return dt.date(d.year(), d.month(), d.day())

    def selected_unit(self) -> str | None:
        return str(self.unit.currentData() or "") or None

    def _unit_changed(self) -> None:
        # the hours recorded are the whole organisation's: not a unit's denominator
        self.hours.setEnabled(self.selected_unit() is None)
        self.report_button.setToolTip(
            "" if self.selected_unit() is None
            else tr("The yearly report covers the whole organisation, not one unit."))
        self.recompute()

    def _year_changed(self) -> None:
        self._load_hours()
        self.recompute()

    def _load_hours(self) -> None:
        hours = self.services.deviation_settings.hours_worked(self.selected_year())
        self.hours.blockSignals(True)
        self.hours.setText(format_hours(hours))
        self.hours.blockSignals(False)
        self._saved_hours = hours
        self.hours_status.setText("" if hours else tr("not recorded"))
        self.hours_status.setStyleSheet(f"color: {HINT_AMBER};")

    def save_hours(self) -> bool:
        """Store the typed hours for the year (committed at once), then recompute."""
        try:
            hours = parse_hours(self.hours.text())
        except ValueError:
            self.hours_status.setText(tr("Hours worked: write a number above 0."))
            self.hours_status.setStyleSheet(f"color: {ERROR};")
            return False
        if hours == self._saved_hours:
            return True
        with reported(self) as outcome:
            try:
                self.services.deviation_settings.set_hours_worked(self.selected_year(), hours)
            except ValidationError as exc:
                self.hours_status.setText(str(exc))
                self.hours_status.setStyleSheet(f"color: {ERROR};")
                return False
        if not outcome:
            self.hours_status.setText(tr("not saved"))
            self.hours_status.setStyleSheet(f"color: {ERROR};")
            return False
        self._saved_hours = hours
        self.hours.setText(format_hours(hours))
        self.hours_status.setText(tr("saved") if hours else tr("not recorded"))
        self.hours_status.setStyleSheet(f"color: {SUCCESS if hours else HINT_AMBER};")
        self.recompute()
        return True

    # -- computing ---------------------------------------------------------------------------
    def recompute(self) -> TaskRunner | None:
        """Compute the figures off the GUI thread; the tables and charts follow by signal."""
        if self.runner is not None and self.runner.running:
            self.runner.cancel()
        self._stale = False
        statistics = self.services.statistics
        year, as_of, lang = self.selected_year(), self.selected_as_of(), language()
        unit = self.selected_unit()

        def job(progress: ProgressFn, cancelled: CancelledFn) -> YearStatistics:
            return statistics.compute(year, as_of=as_of, lang=lang, unit=unit)

        runner = TaskRunner(self, tr("Statistics"), tr("Computing the statistics…"), job,
                            show_dialog=False)
        runner.succeeded.connect(lambda result, r=runner: self._computed(r, result))
        runner.failed.connect(lambda exc: self._failed(exc))
        self.runner = runner
        self.charts.show_computing()
        runner.start()
        return runner

    def _computed(self, runner: TaskRunner, result: YearStatistics) -> None:
        if runner is not self.runner:
            return  # a newer computation replaced this one
        self.show_result(result)

    def show_result(self, result: YearStatistics) -> None:
        """Fill the tables and put the charts in, laid out before anything is painted.

        Each new canvas and table text asks for a new layout by a posted event, one level
        up at a time (panel → body → scroll area); until those arrive, the canvases sit on
        top of each other and over the tables, and a canvas's first paint (matplotlib
        drawing) is slow enough for that to be seen. So the layout requests are sent now.
        """
        self.show_stats(result.stats, result.h2_unknown)
        self.show_figures(result.figures)
        for _level in range(4):  # charts panel, body, scroll area's widget, the area
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _failed(self, exc: object) -> None:
        self.charts.show_failed(exc)

    def show_stats(self, stats: dict[str, Any], h2_unknown: int = 0) -> None:
        self.stats = stats
        self.tables.show_stats(stats, h2_unknown)

    h2_reason_text = staticmethod(h2_reason_text)

    @property
    def canvases(self) -> dict[str, QWidget]:
        """The chart canvases shown, by chart key."""
        return self.charts.canvases

    def show_figures(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        self.charts.show_figures(figures)

    # -- the yearly report ---------------------------------------------------------------------
    def choose_report(self) -> None:
        year = self.selected_year()
        default = Path.home() / (tr("deviations-{year}.pdf").format(year=year))
        path, _ = QFileDialog.getSaveFileName(self, tr("Yearly deviation report"),
                                              str(default), tr("PDF files (*.pdf)"))
        if path:
            out = Path(path)
            if out.suffix.lower() != ".pdf":
                out = out.with_name(out.name + ".pdf")
            self.write_report(out)

    def write_report(self, out: Path, *, show_dialog: bool = True) -> TaskRunner:
        """Write the yearly PDF off the GUI thread, then offer to open it."""
        statistics = self.services.statistics
        year, as_of, lang = self.selected_year(), self.selected_as_of(), language()

        def job(progress: ProgressFn, cancelled: CancelledFn) -> Path:
            return statistics.write_report(year, out, lang, as_of=as_of)

        runner = TaskRunner(self, tr("Yearly deviation report"),
                            tr("Writing {name}…").format(name=out.name), job,
                            show_dialog=show_dialog)
        runner.succeeded.connect(self._report_done)
        runner.failed.connect(lambda exc: self._report_failed(out, exc))
        self.report_runner = runner
        runner.start()
        return runner

    def _report_done(self, path: Path) -> None:
        self.last_report = path
        box = QMessageBox(QMessageBox.Icon.Information, tr("Yearly deviation report"),
                          tr("The report was written to {path}.\n\nOpen it now?")
                          .format(path=path),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        translate_buttons(box)
        box.finished.connect(lambda _result: self._maybe_open(box, path))
        self.message_box = box
        box.open()

    def _maybe_open(self, box: QMessageBox, path: Path) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _report_failed(self, out: Path, exc: object) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Yearly deviation report"),
                          tr("{name} could not be written:\n\n{error}").format(
                              name=out.name, error=exc), QMessageBox.StandardButton.Ok, self)
        translate_buttons(box)
        self.message_box = box
        box.open()

    def refresh(self) -> None:
        """Re-read hours and numbers (deviations may have been recorded or imported)."""
        self._load_hours()
        self.recompute()

    # -- keeping current -------------------------------------------------------------------
    def _changed(self, _change: Change) -> None:
        """Deviations or their settings changed: compute again, once for a burst of notices
        (a slot that already recomputed, e.g. saving the hours, leaves nothing stale)."""
        self._stale = True
        QTimer.singleShot(0, self, self._refresh_if_stale)  # not after the view is gone

    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
