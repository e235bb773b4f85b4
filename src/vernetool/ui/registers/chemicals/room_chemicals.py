"""The room detail's chemicals (Rooms area): what is kept in the room, compactly, and the
litres of flammable liquids (categories 1 and 2) against the room card's limits.

Imported when a room is first shown, never at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from vernetool.domain.chemicals.model import Holding
from vernetool.i18n import tr, trn
from vernetool.ui.common.labels import format_decimal, format_number, ghs_pictogram_label
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.registers.chemicals.holdings_table_model import quantity_text
from vernetool.ui.shell import theme

if TYPE_CHECKING:
    from vernetool.domain.chemicals.segregation import ConflictGroup

_LONG_WORD = re.compile(r"[^\s\u200b]{17,}")
SHOWN = 12  # holdings listed in the panel; the register shows them all
ICON = 16
MAX_ICONS = 5  # the pictograms a holding shows here (the register shows them all)


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and (widget := item.widget()) is not None:
            widget.deleteLater()


def holding_line(holding: Holding, with_supplier: bool = False) -> str:
    """ "Acetone · Solvent cabinet · 2,5 L" ("Acetone (VWR) · …" when the room holds the
    same name from several suppliers)."""
    name = holding.product_name
    if with_supplier and holding.supplier:
        name = f"{name} ({holding.supplier})"
    return " · ".join(p for p in (name, holding.place,
                                  quantity_text(holding.quantity, holding.unit)) if p)


def breakable(text: str) -> str:
    """Let a long chemical name wrap after its commas, dashes and brackets
    ("N,N,N',N'-Tetramethylethylenediamine") instead of running out of a narrow panel."""
    text = re.sub(r"([,\-/)])(?=\S)", "\\1\u200b", text)
    # a word still longer than a narrow panel gets soft hyphens ("Tetramethyl-ethylene…")
    return _LONG_WORD.sub(lambda m: "\u00ad".join(
        m.group(0)[i:i + 10] for i in range(0, len(m.group(0)), 10)), text)


def _row(holding: Holding, with_supplier: bool, icons: int, ratio: float) -> QWidget:
    """Pictograms in a column ``icons`` wide, so the texts line up, then the text."""
    from vernetool.ui.common.pictograms import scaled_pictogram

    row = QWidget()
    row.setObjectName("roomChemical")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    strip = QWidget()
    strip.setFixedWidth(icons * (ICON + 2) + 4)
    strip_layout = QHBoxLayout(strip)
    strip_layout.setContentsMargins(0, 0, 0, 0)
    strip_layout.setSpacing(2)
    for code in holding.pictograms[:icons]:
        icon = QLabel()
        icon.setPixmap(scaled_pictogram(code, ICON, ratio))
        icon.setToolTip(f"{code}: {ghs_pictogram_label(code)}")
        strip_layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    strip_layout.addStretch(1)
    layout.addWidget(strip, 0, Qt.AlignmentFlag.AlignTop)
    text = QLabel(breakable(holding_line(holding, with_supplier)))
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setWordWrap(True)
    # the panel's width is the splitter's to give: a long name wraps, it never widens it
    text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    text.setMinimumWidth(40)
    layout.addWidget(text, 1)
    return row


def litres_text(litres: float, limit: float | None) -> str:
    shown = tr("{n} L").format(n=format_decimal(litres, 2))
    if limit is not None:
        shown = tr("{n} of max {max} L").format(n=format_decimal(litres, 2),
                                                max=format_number(limit))
    return shown


def problems_text(problems: Mapping[str, Sequence[ConflictGroup]]) -> tuple[str, str]:
    """(the line, its tooltip) for the room's storage problems by place: "2 storage
    problems: Brannskap 1 (oxidiser beside flammable); …", the tooltip naming the
    products."""
    from vernetool.i18n.labels import segregation_line, segregation_pair_label

    parts: list[str] = []
    details: list[str] = []
    for place, groups in problems.items():
        where = place or tr("no storage place given")
        for group in groups:
            pair = segregation_pair_label(group.first, group.second)
            parts.append(f"{where} ({pair[:1].lower()}{pair[1:]})")
            details.append(f"{where} — " + segregation_line(
                group.first, group.second, group.first_products, group.second_products))
    n = len(parts)
    line = trn("{n} storage problem: {where}", "{n} storage problems: {where}", n).format(
        n=n, where="; ".join(parts))
    return line, "\n".join(details)


def fill(box: QVBoxLayout, holdings: Sequence[Holding], cat1: float, cat2: float,
         unconverted: int, *, cat1_max: float | None = None, cat2_max: float | None = None,
         ratio: float = 1.0,
         problems: Mapping[str, Sequence[ConflictGroup]] | None = None) -> list[QWidget]:
    """Fill ``box`` with the room's storage problems (``problems``: by place, as
    ``segregation.conflicts_by_place`` gives them), its holdings and its flammable litres;
    returns the holdings' rows."""
    _clear(box)
    if problems:
        line, tooltip = problems_text(problems)
        warning = QLabel(breakable(line))
        warning.setObjectName("storageProblems")
        warning.setTextFormat(Qt.TextFormat.PlainText)
        warning.setWordWrap(True)
        warning.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        warning.setMinimumWidth(40)
        warning.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")
        warning.setToolTip(tooltip)
        box.addWidget(warning)
    if not holdings:
        none = QLabel(tr("No chemicals are registered in this room."))
        none.setWordWrap(True)
        none.setStyleSheet(MUTED)
        box.addWidget(none)
        return []
    shown = holdings[:SHOWN]
    names: dict[str, set[str]] = {}
    for h in holdings:
        names.setdefault(h.product_name.casefold(), set()).add(h.supplier)
    icons = min(MAX_ICONS, max((len(h.pictograms) for h in shown), default=0))
    rows = [_row(h, len(names[h.product_name.casefold()]) > 1, icons, ratio) for h in shown]
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
            text += " " + tr("({n} not given in litres, not counted)").format(n=unconverted)
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
