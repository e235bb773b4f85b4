"""Date fields the biological register's dialogs share: Tab leaves them (QDateEdit's Tab
walks day, month and year first), and an optional date shows a word ("not notified") for
its empty value."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QListWidget, QWidget

from vernetool.ui.common.date_field import TypedDateEdit
from vernetool.ui.common.labels import date_display_format

NONE = QDate(1900, 1, 1)   # an optional date's "not given"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(TypedDateEdit):
    """A date; ``empty_text`` makes it optional (its lowest value is "not given")."""

    def __init__(self, empty_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_display_format())
        self.setMinimumWidth(130)
        self.optional = empty_text is not None
        if empty_text is not None:
            self.setMinimumDate(NONE)
            self.setSpecialValueText(empty_text)
            self.setDate(NONE)

    def value(self) -> dt.date | None:
        chosen = self.date()
        if self.optional and chosen == NONE:
            return None
        return dt.date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, day: dt.date | None) -> None:
        self.setDate(qdate(day) if day is not None else NONE)


def fit_list(widget: QListWidget, rows: int, most: int = 4, lines: int = 2) -> None:
    """A detail panel's short list as tall as its items (up to ``most``), each given
    ``lines`` lines, since a narrow panel wraps them."""
    rows = max(1, min(rows, most))
    line = widget.fontMetrics().lineSpacing()
    widget.setFixedHeight(rows * (lines * line + 6) + 2 * widget.frameWidth() + 2)
