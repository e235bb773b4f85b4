"""The Statistics area's tables: table 1 (registered/closed per type), table 2 (personal
injuries) and the H1/H2 box, filled from the stats dict of ``stats.deviation_stats``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr, trn
from vernetool.ui.common.labels import format_count, format_date, format_decimal, format_number
from vernetool.ui.shell.theme import ACCENT, HINT_AMBER, MUTED

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WIDTH = 480  # the column of tables and H values


def format_hours(value: float | None) -> str:
    if value is None:
        return ""
    return format_decimal(value, 2)


def _table(rows: int, headers: list[str]) -> QTableWidget:
    table = QTableWidget(rows, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.setFixedHeight(header.sizeHint().height() + rows * 26 + 4)
    return table


def _set_row(table: QTableWidget, row: int, cells: list[str], *, bold: bool = False,
             indent: bool = False) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(("    " if indent and column == 0 else "") + text)
        if column > 0:
            item.setTextAlignment(RIGHT)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        table.setItem(row, column, item)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED};")
    return label


def h2_reason_text(stats: dict[str, Any], h2_unknown: int) -> str:
    """Why H2 cannot be computed, in words the user can act on."""
    if stats["hours_worked"] is None and stats.get("unit"):
        return tr("Why: the hours worked are recorded for the whole organisation, not for "
                  "{unit}.").format(unit=stats["unit"])
    if stats["hours_worked"] is None:
        return tr("Why: the hours worked for {year} are not recorded.").format(
            year=stats["year"])
    if h2_unknown:
        return trn("Why: for {n} injury without absence it is not known whether it needed "
                   "medical treatment or reassignment/reduced capacity. Complete the injury "
                   "record to compute H2.",
                   "Why: for {n} injuries without absence it is not known whether they "
                   "needed medical treatment or reassignment/reduced capacity. Complete "
                   "the injury records to compute H2.", h2_unknown).format(n=h2_unknown)
    return tr("Why: {reason}").format(reason=stats.get("h2_missing_reason") or "")


class StatisticsTables(QWidget):
    """Tables 1 and 2 and the H values, one column ``WIDTH`` pixels wide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table1 = _table(3, [tr("Category"), tr("Registered reports"), tr("Closed")])
        self.table1.setObjectName("table1")
        self.table1_caption = caption("")
        self.table2 = _table(8, [tr("Personal injuries"), tr("Count")])
        self.table2.setObjectName("table2")
        self.table2.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table2.setColumnWidth(1, 90)
        self.h1_value = QLabel("—")
        self.h1_value.setObjectName("h1Value")
        self.h2_value = QLabel("—")
        self.h2_value.setObjectName("h2Value")
        for label in (self.h1_value, self.h2_value):
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            label.setFont(font)
            label.setStyleSheet(f"color: {ACCENT};")
        self.h1_detail = caption("")
        self.h1_detail.setObjectName("h1Detail")
        self.h2_reason = caption("")
        self.h2_reason.setObjectName("h2Reason")
        self.h2_reason.setStyleSheet(f"color: {HINT_AMBER};")
        h_box = QFrame()
        h_box.setObjectName("detailPanel")
        h_grid = QGridLayout(h_box)
        h_grid.setContentsMargins(14, 10, 14, 10)
        h_grid.addWidget(heading(tr("H1 and H2")), 0, 0, 1, 2)
        h_grid.addWidget(QLabel("H1"), 1, 0)
        h_grid.addWidget(self.h1_value, 1, 1)
        h_grid.addWidget(self.h1_detail, 2, 0, 1, 2)
        h_grid.addWidget(QLabel("H2"), 3, 0)
        h_grid.addWidget(self.h2_value, 3, 1)
        h_grid.addWidget(self.h2_reason, 4, 0, 1, 2)
        h_grid.addWidget(caption(tr("H1 = injuries with absence and fatalities per million "
                                    "hours worked. H2 also counts injuries without absence "
                                    "that needed medical treatment or reassignment/reduced "
                                    "capacity.")), 5, 0, 1, 2)
        h_grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("Table 1: Undesired events, deviations and "
                                    "improvement suggestions")))
        layout.addWidget(self.table1)
        layout.addWidget(self.table1_caption)
        layout.addSpacing(10)
        layout.addWidget(heading(tr("Table 2: Personal injuries")))
        layout.addWidget(self.table2)
        layout.addSpacing(10)
        layout.addWidget(h_box)
        layout.addStretch(1)
        self.setFixedWidth(WIDTH)
        self._fit_height()

    def _fit_height(self) -> None:
        """At least as tall as the wrapped texts need at the column's width. Stacked above
        the charts on a small laptop, the layout asks at the wider width of the charts and
        would squeeze the H box over table 2."""
        layout = self.layout()
        if layout is not None:
            self.setMinimumHeight(layout.totalHeightForWidth(WIDTH))

    def show_stats(self, stats: dict[str, Any], h2_unknown: int = 0) -> None:
        n = format_count
        reports = stats["reports"]
        rows = (("deviations", tr("Undesired events and deviations")),
                ("improvements", tr("Improvement suggestions")), ("total", tr("Total")))
        for row, (key, label) in enumerate(rows):
            _set_row(self.table1, row, [label, n(reports[key]["registered"]),
                                        n(reports[key]["closed"])], bold=key == "total")
        as_of = dt.date.fromisoformat(stats["as_of"])
        self.table1_caption.setText(tr("Reported in {year}; closed counted as of {date}.")
                                    .format(year=stats["year"], date=format_date(as_of)))
        inj = stats["injuries"]
        table2 = [
            (tr("Minor injuries – not reported to NAV"), inj["not_reported_to_nav"], False,
             False),
            (tr("Reported to NAV as occupational injury/illness ({n}):").format(
                n=n(inj["reported_to_nav"])), None, False, False),
            (tr("Injury with absence ≤ 3 days"), inj["absence_le3"], False, True),
            (tr("Injury with absence > 3 days"), inj["absence_gt3"], False, True),
            (tr("Injury with absence of unknown duration"), inj["absence_unknown"], False,
             True),
            (tr("Injury without absence"), inj["no_absence"], False, True),
            (tr("Fatalities"), inj["fatalities"], False, False),
            (tr("Total"), inj["total"], True, False),
        ]
        for row, (label, value, bold, indent) in enumerate(table2):
            _set_row(self.table2, row, [label, "" if value is None else n(value)], bold=bold,
                     indent=indent)
        hours = stats["hours_worked"]
        self.h1_value.setText(format_number(stats["h1"]) if stats["h1"] is not None else "—")
        if hours is None and stats.get("unit"):
            self.h1_detail.setText(tr("H1 and H2 are computed for the whole organisation "
                                      "only: choose all units."))
        elif hours is None:
            self.h1_detail.setText(tr("Record the hours worked for {year} to compute H1 "
                                      "and H2.").format(year=stats["year"]))
        else:
            self.h1_detail.setText(tr("{hours} hours worked").format(hours=format_hours(hours)))
        if stats["h2"] is not None:
            self.h2_value.setText(format_number(stats["h2"]))
            self.h2_value.setStyleSheet(f"color: {ACCENT};")
            self.h2_reason.setText("")
            self.h2_reason.hide()
        else:
            self.h2_value.setText(tr("cannot be computed"))
            self.h2_value.setStyleSheet(f"color: {HINT_AMBER}; font-size: 11pt;")
            self.h2_reason.setText(h2_reason_text(stats, h2_unknown))
            self.h2_reason.show()
        self._fit_height()
