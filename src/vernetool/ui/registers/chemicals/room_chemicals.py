"""The room detail's chemicals (Rooms area): what is kept in the room, compactly, and the
litres of flammable liquids (categories 1 and 2) against the room card's limits.

Imported when a room is first shown, never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from vernetool.domain.chemicals.model import Holding
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_decimal, format_number, ghs_pictogram_label
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.registers.chemicals.holdings_table_model import quantity_text
from vernetool.ui.shell import theme

SHOWN = 12  # holdings listed in the panel; the register shows them all
ICON = 16


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and (widget := item.widget()) is not None:
            widget.deleteLater()


def holding_line(holding: Holding) -> str:
    """ "Acetone · Solvent cabinet · 2,5 L" """
    return " · ".join(p for p in (holding.product_name, holding.place,
                                  quantity_text(holding.quantity, holding.unit)) if p)


def _row(holding: Holding, ratio: float) -> QWidget:
    from vernetool.ui.common.pictograms import scaled_pictogram

    row = QWidget()
    row.setObjectName("roomChemical")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for code in holding.pictograms:
        icon = QLabel()
        icon.setPixmap(scaled_pictogram(code, ICON, ratio))
        icon.setToolTip(f"{code}: {ghs_pictogram_label(code)}")
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    text = QLabel(holding_line(holding))
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setWordWrap(True)
    layout.addSpacing(4)
    layout.addWidget(text, 1)
    return row


def litres_text(litres: float, limit: float | None) -> str:
    shown = tr("{n} L").format(n=format_decimal(litres, 2))
    if limit is not None:
        shown = tr("{n} of max {max} L").format(n=format_decimal(litres, 2),
                                                max=format_number(limit))
    return shown


def fill(box: QVBoxLayout, holdings: Sequence[Holding], cat1: float, cat2: float,
         unconverted: int, *, cat1_max: float | None = None, cat2_max: float | None = None,
         ratio: float = 1.0) -> list[QWidget]:
    """Fill ``box`` with the room's holdings and its flammable litres; returns the rows."""
    _clear(box)
    if not holdings:
        none = QLabel(tr("No chemicals are registered in this room."))
        none.setWordWrap(True)
        none.setStyleSheet(MUTED)
        box.addWidget(none)
        return []
    rows = [_row(h, ratio) for h in holdings[:SHOWN]]
    for row in rows:
        box.addWidget(row)
    if len(holdings) > SHOWN:
        more = QLabel(tr("… and {n} more").format(n=len(holdings) - SHOWN))
        more.setStyleSheet(MUTED)
        box.addWidget(more)
    if cat1 or cat2 or unconverted:
        parts = []
        over = False
        for label, litres, limit in ((tr("cat. 1"), cat1, cat1_max),
                                     (tr("cat. 2"), cat2, cat2_max)):
            if litres or limit is not None:
                parts.append(f"{label} {litres_text(litres, limit)}")
                over = over or (limit is not None and litres > limit)
        text = tr("Flammable liquids: {amounts}").format(amounts=", ".join(parts) or "—")
        if unconverted:
            text += " " + tr("({n} given by weight, not counted)").format(n=unconverted)
        litres_label = QLabel(text)
        litres_label.setObjectName("flammableLitres")
        litres_label.setWordWrap(True)
        if over:
            litres_label.setStyleSheet(f"color: {theme.ERROR};")
            litres_label.setToolTip(tr("More than the room card allows"))
        box.addWidget(litres_label)
    return rows


def unconverted_count(unconverted: object) -> int:
    """The holdings given by mass (never guessed into litres): a count or their list."""
    if isinstance(unconverted, int):
        return unconverted
    return len(unconverted) if isinstance(unconverted, Sequence | set | frozenset) else 0
