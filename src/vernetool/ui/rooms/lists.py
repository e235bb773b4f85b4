"""The room screen's lists: chemicals, radiation sources, biological agents, open deviations and
open round findings, each a read-only table over the rows of the room's JSON overview.

A list is one ``ListSpec``: its columns (title, the text of a row, a width) and what opening
a row does (the window passes it in). Enter or a double-click opens the selected row; the
button under the table does the same, or opens the register on the room when none is
selected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.ui.common.labels import (
    action_status_label,
    deviation_status_label,
    deviation_type_label,
    format_date,
    severity_label,
)
from vernetool.ui.common.list_detail import add_edit_shortcuts, muted_label, setup_list_table
from vernetool.ui.shell import theme

Row = Mapping[str, Any]
Index = QModelIndex | QPersistentModelIndex
PICTOGRAMS = "pictograms"  # the column key painted as pictograms


@dataclass(frozen=True)
class Column:
    key: str
    title: Callable[[], str]
    text: Callable[[Row], str]
    width: int = 100                       # the most it takes (the stretching one: the least)
    stretch: bool = False
    warn: Callable[[Row], bool] | None = None  # shown in the warning colour


@dataclass(frozen=True)
class ListSpec:
    key: str
    title: Callable[[], str]
    columns: tuple[Column, ...]
    empty: Callable[[], str]
    open_label: Callable[[], str]          # the button under the table
    open_tip: Callable[[], str]


def _day(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return format_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []
        self.today = dt.date.today()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].title()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if column.key == PICTOGRAMS:
            from vernetool.ui.registers.chemicals.holdings_table_model import PICTOGRAM_ROLE

            if role == PICTOGRAM_ROLE:
                return tuple(row.get("pictograms") or ())
            if role == Qt.ItemDataRole.ToolTipRole:
                from vernetool.ui.common.labels import ghs_pictogram_label

                return ", ".join(ghs_pictogram_label(c) for c in row.get("pictograms") or ())
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.warn is not None \
                and column.warn(row):
            return QColor(theme.OVERDUE_RED)
        return None


class RoomList(QWidget):
    """One list of the room: a table, a line saying it is empty, and the open button."""

    opened = Signal(object)       # the row (a mapping), or None: the register on the room

    def __init__(self, spec: ListSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.model = RowsModel(spec.columns, self)
        self.table = QTableView()
        self.table.setObjectName(f"room_{spec.key}")
        self.table.setAccessibleName(spec.title())
        self.table.setModel(self.model)
        header = setup_list_table(self.table)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        for number, column in enumerate(spec.columns):
            if column.key == PICTOGRAMS:
                from vernetool.ui.registers.chemicals.holdings_table_model import (
                    PictogramDelegate,
                )

                self.table.setItemDelegateForColumn(number, PictogramDelegate(self.table))
            if column.stretch:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        self.empty = muted_label(spec.empty())
        self.empty.setObjectName(f"room_{spec.key}_empty")
        self.open_button = QPushButton(spec.open_label())
        self.open_button.setToolTip(spec.open_tip())
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.doubleClicked.connect(self._open_current)
        add_edit_shortcuts(self.table, self._open_current)
        self.open_button.clicked.connect(self._open_current)

    def set_rows(self, rows: Sequence[Row]) -> None:
        kept = self.table.currentIndex().row()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self._fit_columns()
        if rows and kept >= 0:
            self.table.selectRow(min(kept, len(rows) - 1))

    def _fit_columns(self) -> None:
        """Each column as wide as its widest text (header included), at most its width; the
        stretching one takes the rest."""
        metrics = self.table.fontMetrics()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        for number, column in enumerate(self.spec.columns):
            if column.stretch:
                continue
            title = header_metrics.horizontalAdvance(column.title()) + 26
            if column.key == PICTOGRAMS:
                widest = max((len(r.get("pictograms") or ()) for r in self.model.rows),
                             default=0) * 20 + 8
            else:
                widest = max((metrics.horizontalAdvance(column.text(r))
                              for r in self.model.rows[:400]), default=0) + 16
            self.table.setColumnWidth(number, max(title, min(widest, column.width)))

    def selected_row(self) -> Row | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _open_current(self) -> None:
        self.opened.emit(self.selected_row())

    def count(self) -> int:
        return self.model.rowCount()


# -- the five lists ------------------------------------------------------------------------------
def _quantity(row: Row) -> str:
    from vernetool.ui.registers.chemicals.holdings_table_model import quantity_text

    text = quantity_text(row.get("quantity"), str(row.get("unit") or ""))
    containers = row.get("containers")
    if containers and containers > 1:
        text = tr("{quantity} × {n}").format(quantity=text or "?", n=containers)
    return text or "—"


def _exposure(row: Row) -> str:
    return tr("Yes (§ 31-1)") if row.get("exposure_register") else ""


def chemicals_spec() -> ListSpec:
    return ListSpec(
        "chemicals", lambda: tr("Chemicals"),
        (Column("product", lambda: tr("Product"), lambda r: str(r.get("product") or ""),
                180, stretch=True),
         Column("supplier", lambda: tr("Supplier"), lambda r: str(r.get("supplier") or ""),
                140),
         Column("place", lambda: tr("Place"), lambda r: str(r.get("place") or ""), 170),
         Column("quantity", lambda: tr("Quantity"), _quantity, 110),
         Column(PICTOGRAMS, lambda: tr("Pictograms"), lambda r: "", 120),
         Column("exposure", lambda: tr("Exposure register"), _exposure, 130)),
        lambda: tr("No chemicals are registered in this room."),
        lambda: tr("Open in the chemical re&gister"),
        lambda: tr("The selected holding (or the room's) in the Registers area (Enter)"))


def _source_kind(row: Row) -> str:
    from vernetool.ui.registers.radiation.words import kind_label

    return kind_label(str(row.get("kind") or ""))


def _activity_now(row: Row) -> str:
    from vernetool.ui.registers.radiation.words import activity_text

    return activity_text(row.get("activity_now_bq")) or "—"


def _dsa(row: Row) -> str:
    from vernetool.ui.registers.radiation.words import status_label

    dsa_id = row.get("dsa_id") or ""
    if not dsa_id and not row.get("dsa_status"):
        return tr("not notified") if row.get("notifiable") else "—"
    return " · ".join(p for p in (dsa_id, status_label(row.get("dsa_status"))) if p)


def _source_name(row: Row) -> str:
    return " ".join(p for p in (row.get("make"), row.get("model"), row.get("serial_number"))
                    if p) or "—"


def sources_spec() -> ListSpec:
    return ListSpec(
        "sources", lambda: tr("Radiation sources"),
        (Column("kind", lambda: tr("Kind"), _source_kind, 150),
         Column("nuclide", lambda: tr("Nuclide"), lambda r: str(r.get("nuclide") or "—"), 90),
         Column("activity", lambda: tr("Activity now"), _activity_now, 110),
         Column("laser", lambda: tr("Laser class"), lambda r: str(r.get("laser_class") or "—"),
                90),
         Column("equipment", lambda: tr("Make, model, serial no."), _source_name, 200,
                stretch=True),
         Column("dsa", lambda: tr("DSA id and status"), _dsa, 200,
                warn=lambda r: bool(r.get("notifiable")) and not r.get("dsa_id"))),
        lambda: tr("No radiation sources are registered in this room."),
        lambda: tr("Open in the &source register"),
        lambda: tr("The selected source in the Registers area (Enter)"))


def _group(row: Row) -> str:
    from vernetool.ui.registers.biology.words import group_label

    return group_label(int(row.get("risk_group") or 1))


def _notes(row: Row) -> str:
    from vernetool.domain.biology.agents import AgentNote
    from vernetool.ui.registers.biology.words import notes_text

    return notes_text(AgentNote(n) for n in row.get("notes") or ())


def _containment(row: Row) -> str:
    from vernetool.ui.registers.biology.words import containment_label

    return containment_label(row.get("containment_level"))


def _too_low(row: Row) -> bool:
    level = row.get("containment_level")
    return level is not None and int(level) < int(row.get("risk_group") or 1)


def agents_spec() -> ListSpec:
    return ListSpec(
        "agents", lambda: tr("Biological agents"),
        (Column("name", lambda: tr("Agent"), lambda r: str(r.get("name") or ""), 220,
                stretch=True),
         Column("group", lambda: tr("Risk group"), _group, 100),
         Column("notes", lambda: tr("Notes"), _notes, 80),
         Column("containment", lambda: tr("Containment"), _containment, 110, warn=_too_low),
         Column("first_use", lambda: tr("First use"), lambda r: _day(r.get("first_use")), 100)),
        lambda: tr("No biological agents are registered in this room."),
        lambda: tr("Open in the &agent register"),
        lambda: tr("The selected agent in the Registers area (Enter)"))


def _overdue(row: Row) -> bool:
    deadline = row.get("closing_deadline") or row.get("deadline")
    return bool(deadline) and str(deadline)[:10] < dt.date.today().isoformat()


def deviations_spec() -> ListSpec:
    return ListSpec(
        "deviations", lambda: tr("Open deviations"),
        (Column("id", lambda: tr("No."), lambda r: str(r.get("id")), 60),
         Column("title", lambda: tr("Title"), lambda r: str(r.get("title") or ""), 220,
                stretch=True),
         Column("type", lambda: tr("Type"), lambda r: deviation_type_label(str(r.get("type"))),
                170),
         Column("status", lambda: tr("Status"),
                lambda r: deviation_status_label(str(r.get("status"))), 160),
         Column("reported", lambda: tr("Reported"), lambda r: _day(r.get("reported_on")), 100),
         Column("deadline", lambda: tr("Deadline"),
                lambda r: _day(r.get("closing_deadline")), 100, warn=_overdue)),
        lambda: tr("No open deviations in this room."),
        lambda: tr("Open in &Deviations"),
        lambda: tr("The selected deviation in the Deviations area (Enter)"))


def findings_spec() -> ListSpec:
    return ListSpec(
        "findings", lambda: tr("Open round findings"),
        (Column("description", lambda: tr("Finding"),
                lambda r: str(r.get("description") or ""), 220, stretch=True),
         Column("severity", lambda: tr("Severity"),
                lambda r: severity_label(str(r.get("severity") or "")), 80),
         Column("action", lambda: tr("Action"), lambda r: str(r.get("action") or "—"), 200),
         Column("responsible", lambda: tr("Responsible"),
                lambda r: str(r.get("responsible") or "—"), 150),
         Column("deadline", lambda: tr("Deadline"), lambda r: _day(r.get("deadline")), 100,
                warn=_overdue),
         Column("status", lambda: tr("Action status"),
                lambda r: action_status_label(str(r.get("action_status") or "")), 110),
         Column("round", lambda: tr("Round"), lambda r: str(r.get("round_title") or ""), 160)),
        lambda: tr("No open round findings in this room."),
        lambda: tr("Open the round's action &plan"),
        lambda: tr("The selected finding's round in the HSE rounds area (Enter)"))


def status_line(text: str) -> QLabel:
    label = muted_label(text)
    label.setWordWrap(True)
    return label
