"""The room screen's card tab: the stored room card beside the card the registers propose,
field by field, with "Accept" per field and "Accept all", why a field is stale, and the
buttons to edit the card and to print the door sign.

The comparison is ``services.room_cards.comparison`` (``CardComparison``: one entry per card
field the registers speak about, each with ``field``, ``stored``, ``proposed``, ``agrees``
and ``reason``); this tab only turns its values into words and pictograms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import render, tr, trn
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import format_number, ghs_pictogram_label
from vernetool.ui.common.list_detail import muted_label, section_title
from vernetool.ui.shell import theme

SIGN_ORDER = ("radiation", "laser", "biohazard")


def field_label(field: str) -> str:
    labels = {
        "pictograms": tr("Hazard pictograms"),
        "warning_signs": tr("Warning signs"),
        "flammable_cat1_max_litres": tr("Flammable liquids, category 1"),
        "flammable_cat2_max_litres": tr("Flammable liquids, category 2"),
        "gas_max_cylinders": tr("Gas cylinders"),
        "gas_max_litres": tr("Pressurised gas"),
        "special_hazards": tr("Special hazards"),
        "activity_type": tr("Activity"),
        "toxic_liquids": tr("Toxic liquids"),
    }
    return labels.get(field, field.replace("_", " "))


def sign_label(sign: str) -> str:
    from vernetool.i18n.labels import warning_sign_label

    return warning_sign_label(sign)


def hazard_label(key: str) -> str:
    """A proposed hazard in the words of the card's comparison (``room_card.hazard.*``)."""
    from vernetool.i18n import language, translator

    code = f"room_card.hazard.{key}"
    if translator(language()).has_message(code):
        return render(code)
    return key.replace("_", " ")


def value_text(field: str, value: Any, *, stored: bool) -> str:
    """A card value in words ("—" for none); pictograms are drawn, not written."""
    if value is None or value == "" or (isinstance(value, Sequence | set | frozenset)
                                        and not isinstance(value, str) and not value):
        return "—" if stored else tr("nothing")
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if field == "pictograms" and not isinstance(value, str):
        return ", ".join(f"{c} {ghs_pictogram_label(str(c))}" for c in value)
    if field == "warning_signs" and not isinstance(value, str):
        return ", ".join(sign_label(str(s)) for s in value)
    if field == "special_hazards" and not isinstance(value, str):
        return ", ".join(hazard_label(str(h)) for h in value)
    if field.startswith("flammable_") and isinstance(value, int | float):
        if stored:
            return tr("max {n} l").format(n=format_number(value))
        if not value:
            return tr("none in use")
        return tr("{n} l in use").format(n=format_number(round(float(value), 2)))
    if field == "gas_max_cylinders" and isinstance(value, int | float):
        if not value and not stored:
            return tr("none registered")
        text = trn("{n} cylinder", "{n} cylinders", int(value)).format(n=format_number(value))
        return tr("max {text}").format(text=text) if stored else text
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(str(v) for v in value)
    return str(value)


def comparison_entries(comparison: Any) -> list[Any]:
    """The per-field entries of a ``CardComparison`` (``fields``; ``entries`` as the brief
    named them), none for None."""
    if comparison is None:
        return []
    return list(getattr(comparison, "fields", None) or getattr(comparison, "entries", None)
                or ())


def reason_text(reason: Any) -> str:
    """The comparison's stale reason in words: a message code (with ``params``), an object
    with ``code`` and ``params``, or words already."""
    if reason is None or reason == "":
        return ""
    from vernetool.i18n import language, translator

    code = getattr(reason, "code", None) or getattr(reason, "message_code", None)
    params: Mapping[str, Any] = getattr(reason, "params", None) or {}
    if isinstance(reason, tuple) and len(reason) == 2 and isinstance(reason[1], Mapping):
        code, params = reason
    if code is None and isinstance(reason, str):
        code = reason
    if isinstance(code, str) and translator(language()).has_message(code):
        text = render(code, **dict(params))
    else:
        text = str(reason)
    return text[:1].upper() + text[1:]


def _pictogram_row(codes: Sequence[str], ratio: float) -> QWidget:
    from vernetool.ui.common.pictograms import scaled_pictogram

    box = QWidget()
    row = FlowLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for code in codes:
        icon = QLabel()
        icon.setPixmap(scaled_pictogram(str(code), 34, ratio))
        icon.setToolTip(f"{code}: {ghs_pictogram_label(str(code))}")
        icon.setAccessibleName(ghs_pictogram_label(str(code)))
        row.addWidget(icon)
    return box


def _text(text: str, *, bold: bool = False, colour: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    style = []
    if bold:
        style.append("font-weight: bold")
    if colour:
        style.append(f"color: {colour}")
    if style:
        label.setStyleSheet("; ".join(style) + ";")
    return label


class CardTab(QWidget):
    """Stored vs proposed, one row per field; emits what the person asked for."""

    accept_requested = Signal(object)     # a tuple of field names
    edit_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = muted_label(tr("What the registers say the door sign should show, beside "
                                    "what it shows now. Accept a proposal to write it on the "
                                    "stored card."))
        self.intro.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("cardState")
        self.state.setWordWrap(True)
        self.grid_box = QWidget()
        self.grid_box.setObjectName("cardComparison")
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 4, 0, 4)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidget(self.grid_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area = scroll

        self.accept_all_button = QPushButton(tr("Accept &all proposals"))
        self.accept_all_button.setObjectName("acceptAll")
        self.accept_all_button.setToolTip(tr("Write every proposal of the registers on the "
                                             "stored card"))
        self.edit_button = QPushButton(tr("&Edit card…"))
        self.edit_button.setToolTip(tr("Edit every field of the room card"))
        self.print_button = QPushButton(tr("&Print room card…"))
        self.print_button.setToolTip(tr("The A4 door sign as PDF, opened when written"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.intro)
        layout.addWidget(self.state)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.accept_buttons: dict[str, QPushButton] = {}
        self.entries: list[Any] = []
        self.accept_all_button.clicked.connect(self._accept_all)
        self.edit_button.clicked.connect(self.edit_requested)
        self.print_button.clicked.connect(self.print_requested)

    # -- showing ---------------------------------------------------------------------------
    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.accept_buttons = {}

    def show_comparison(self, comparison: Any, has_card: bool) -> None:
        """The comparison's entries, or a note when there is none to show."""
        self._clear()
        entries = comparison_entries(comparison)
        self.entries = entries
        stale = [e for e in entries if not e.agrees]
        if comparison is None:
            self.state.setText(tr("The comparison with the registers is not available."))
            self.state.setStyleSheet(f"color: {theme.MUTED};")
        elif not has_card and not stale:
            self.state.setText(tr("This room has no room card, and the registers propose "
                                  "nothing for it."))
            self.state.setStyleSheet(f"color: {theme.MUTED};")
        elif not stale:
            self.state.setText("✓ " + tr("The room card agrees with the registers."))
            self.state.setStyleSheet(f"color: {theme.SUCCESS}; font-weight: bold;")
        else:
            prefix = "" if has_card else tr("This room has no room card yet.") + " "
            self.state.setText(prefix + tr("{n} of {total} fields disagree with the "
                                           "registers.").format(n=len(stale),
                                                                total=len(entries)))
            self.state.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")
        self.accept_all_button.setEnabled(bool(stale))
        if not entries:
            self.grid_box.hide()
            return
        self.grid_box.show()
        for column, title in enumerate((tr("Field"), tr("On the card"),
                                        tr("The registers propose"), "")):
            if title:
                head = section_title(title)
                self.grid.addWidget(head, 0, column)
        bold = self.font()
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(field_label(str(e.field)))
                     for e in entries)
        self.grid.setColumnMinimumWidth(0, min(widest + 6, 260))  # field names on one line
        ratio = self.devicePixelRatioF()
        for number, entry in enumerate(entries, start=1):
            self._add_entry(number, entry, ratio)
        self.grid.setRowStretch(len(entries) + 1, 1)

    def _add_entry(self, row: int, entry: Any, ratio: float) -> None:
        field = str(entry.field)
        agrees = bool(entry.agrees)
        name = _text(field_label(field), bold=True)
        self.grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
        for column, value, stored in ((1, entry.stored, True), (2, entry.proposed, False)):
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            if field == "pictograms" and value and not isinstance(value, str):
                box.addWidget(_pictogram_row([str(c) for c in value], ratio))
            else:
                box.addWidget(_text(value_text(field, value, stored=stored)))
            if column == 2 and not agrees:
                reason = reason_text(getattr(entry, "reason", None))
                if reason:
                    box.addWidget(_text(reason, colour=theme.ERROR))
            self.grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
        if agrees:
            mark = _text("✓ " + tr("agrees"), colour=theme.SUCCESS)
            mark.setObjectName(f"agrees_{field}")
            self.grid.addWidget(mark, row, 3, Qt.AlignmentFlag.AlignTop)
        else:
            button = QPushButton(tr("Accept"))
            button.setObjectName(f"accept_{field}")
            button.setToolTip(tr("Write “{proposal}” on the card").format(
                proposal=value_text(field, entry.proposed, stored=False)))
            button.setAccessibleName(tr("Accept the proposal for {field}").format(
                field=field_label(field)))
            button.clicked.connect(lambda _=False, f=field: self.accept_requested.emit((f,)))
            self.grid.addWidget(button, row, 3, Qt.AlignmentFlag.AlignTop)
            self.accept_buttons[field] = button

    def _accept_all(self) -> None:
        fields = tuple(str(e.field) for e in self.entries if not e.agrees)
        if fields:
            self.accept_requested.emit(fields)

    def stale_reasons(self) -> list[str]:
        return [reason_text(getattr(e, "reason", None)) for e in self.entries if not e.agrees]

