"""Small form pieces the radiation dialogs share: a date field that Tab leaves, an optional
date ("none"), and QDate conversions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from vernetool.ui.common.labels import date_display_format

NO_DATE = QDate(1900, 1, 1)   # an optional date field's "none"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateField(QDateEdit):
    """A date field that Tab leaves (QDateEdit's Tab walks its day, month and year first).

    Only the Tab key is taken over: QDateEdit also calls ``focusNextPrevChild`` to move to
    the next section as a typed section fills, and that must stay inside the field."""

    def event(self, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() \
                & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, forward)
            return True
        return super().event(event)

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
