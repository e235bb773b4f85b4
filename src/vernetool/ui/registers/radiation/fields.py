"""Small form pieces the radiation dialogs share: a date field that Tab leaves, an optional
date ("none"), and QDate conversions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from vernetool.ui.common.date_field import TypedDateEdit
from vernetool.ui.common.labels import date_display_format

NO_DATE = QDate(1900, 1, 1)   # an optional date field's "none"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateField(TypedDateEdit):
    """A date field that Tab leaves and that takes a typed date (``ui.common.date_field``),
    with an optional "none"."""

    def date_or_none(self) -> dt.date | None:
        return None if self.date() == NO_DATE else pydate(self.date())

    def set_date_or_none(self, day: dt.date | None) -> None:
        self.setDate(qdate(day) if day is not None else NO_DATE)


def date_field(name: str, *, optional_text: str | None = None) -> DateField:
    """A date field; with ``optional_text`` its lowest value reads as that text (no date)."""
    edit = DateField()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    edit.setMinimumWidth(130)
    if optional_text is not None:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(optional_text)
    return edit
