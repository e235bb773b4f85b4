"""The deviations list: a paged model over the deviation query service (paged, filtered and
sorted in SQL) with overdue rows marked red ("Forfalt") and the potential consequence
coloured by the risk matrix."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from vernetool.domain.deviations.rules import RiskMatrix
from vernetool.i18n import tr
from vernetool.services.deviations.queries import (
    DeviationFilter,
    DeviationQueryService,
    DeviationRow,
    DeviationSort,
)
from vernetool.ui.common.labels import (
    consequence_label,
    deviation_status_label,
    deviation_type_label,
    format_date,
)
from vernetool.ui.common.paged_table_model import RIGHT, Column, PagedTableModel, Sort
from vernetool.ui.common.risk_matrix import risk_colour
from vernetool.ui.shell.theme import OVERDUE_RED

Index = QModelIndex | QPersistentModelIndex


def dot_icon(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(colour).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows user text as typed. Qt guesses whether a tooltip is rich text,
    so ``<b>Brann</b>`` would print bold: escape it and mark it as rich text explicitly."""
    if not text:
        return ""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def category_text(row: DeviationRow) -> str:
    return " › ".join(p for p in (row.category, row.subcategory) if p)


def deadline_text(row: DeviationRow, today: dt.date | None = None) -> str:
    """The closing deadline; "Overdue" before it when it has passed, or "measure overdue"
    after it when the deviation is overdue because one of its measures is late."""
    deadline = format_date(row.closing_deadline)
    if not row.overdue:
        return deadline
    day = today or dt.date.today()
    if row.closing_deadline is not None and row.closing_deadline < day:
        return f"{tr('Overdue')} {deadline}"
    return f"{deadline} · {tr('measure overdue')}".lstrip(" ·")


def severity_tooltip(row: DeviationRow) -> str:
    if not row.potential_consequence:
        return tr("Potential consequence: not assessed")
    return tr("Potential consequence: {n} – {label}").format(
        n=row.potential_consequence, label=consequence_label(row.potential_consequence))


def deviation_columns() -> list[Column[DeviationRow]]:
    return [
        Column(lambda: tr("No."), lambda r: r.id, RIGHT, sort_key=DeviationSort.ID),
        Column(lambda: tr("Reported"), lambda r: format_date(r.reported_at),
               sort_key=DeviationSort.REPORTED_AT),
        Column(lambda: tr("Title"), lambda r: r.title, sort_key=DeviationSort.TITLE,
               tooltip=lambda r: plain_tooltip(r.title)),
        Column(lambda: tr("Status"), lambda r: deviation_status_label(r.status),
               sort_key=DeviationSort.STATUS),
        Column(lambda: tr("Deadline"), deadline_text, sort_key=DeviationSort.CLOSING_DEADLINE),
        Column(lambda: tr("Severity"),
               lambda r: str(r.potential_consequence) if r.potential_consequence else "",
               sort_key=DeviationSort.SEVERITY, tooltip=severity_tooltip),
        Column(lambda: tr("Type"), lambda r: deviation_type_label(r.type),
               sort_key=DeviationSort.TYPE, tooltip=lambda r: deviation_type_label(r.type)),
        Column(lambda: tr("Category"), category_text, sort_key=DeviationSort.CATEGORY,
               tooltip=lambda r: plain_tooltip(category_text(r))),
        Column(lambda: tr("Room"), lambda r: r.room_label, sort_key=DeviationSort.ROOM),
        Column(lambda: tr("Unit"), lambda r: r.unit_code, sort_key=DeviationSort.UNIT),
    ]


STATUS_COLUMN = 3
DEADLINE_COLUMN = 4
SEVERITY_COLUMN = 5


class DeviationsTableModel(PagedTableModel[DeviationRow, DeviationFilter]):
    """Deviations matching a ``DeviationFilter``, newest first, 200 rows at a time."""

    def __init__(self, queries: DeviationQueryService, flt: DeviationFilter | None = None, *,
                 matrix: RiskMatrix | None = None, today: dt.date | None = None,
                 page_size: int = 200, parent: Any = None) -> None:
        self.today = today
        self.matrix = matrix or RiskMatrix()
        self._overdue_icon: QIcon | None = None
        self._risk_icons: dict[str, QIcon] = {}

        def fetch(f: DeviationFilter, offset: int, limit: int, sort: Sort | None
                  ) -> list[DeviationRow]:
            key = DeviationSort(sort.key) if sort else DeviationSort.REPORTED_AT
            descending = sort.descending if sort else True
            return queries.page(f, sort=key, descending=descending, offset=offset,
                                limit=limit, today=self.today)

        super().__init__(deviation_columns(),
                         lambda f: queries.count(f, today=self.today), fetch,
                         flt or DeviationFilter(), page_size=page_size, parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and column in (STATUS_COLUMN, DEADLINE_COLUMN):
                return QBrush(QColor(OVERDUE_RED))
            return None
        if role == Qt.ItemDataRole.FontRole:
            if row.overdue and column == DEADLINE_COLUMN:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if column == STATUS_COLUMN and row.overdue:
                if self._overdue_icon is None:
                    self._overdue_icon = dot_icon(OVERDUE_RED)
                return self._overdue_icon
            if column == SEVERITY_COLUMN and row.potential_consequence:
                level = self.matrix.level_or_none(row.potential_consequence, row.probability)
                key = level.value if level else "none"
                if key not in self._risk_icons:
                    self._risk_icons[key] = dot_icon(risk_colour(level))
                return self._risk_icons[key]
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS_COLUMN and row.overdue:
            return tr("Overdue: the closing deadline or a measure's deadline has passed")
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return super().data(index, role)

    def row_of_deviation(self, deviation_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.id == deviation_id:
                return row
        return -1
