"""Make a person responsible (or deputy) for a room, or end a responsibility; history is kept."""

from __future__ import annotations

import datetime as dt
import html
import logging

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.services.organisation import (
    PersonFilter,
    Responsibility,
    ResponsibilityKind,
    Room,
)
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import date_display_format, format_date, responsibility_kind_label

log = logging.getLogger(__name__)

MAX_MATCHES = 100


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    return edit


def _to_date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class ResponsibilityDialog(QDialog):
    """Pick a person by typing part of the name, e-mail or unit (5,000 persons: SQL filter)."""

    def __init__(self, ctx: AppContext, room: Room,
                 kind: ResponsibilityKind = ResponsibilityKind.RESPONSIBLE,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        assert room.id is not None
        self.ctx = ctx
        self.room = room
        self.responsibility_id: int | None = None
        self.setWindowTitle(tr("Assign responsibility for {room}").format(room=room.label))
        self.setMinimumSize(520, 480)
        day = today or dt.date.today()

        heading = QLabel(f"<b>{html.escape(room.label)}</b>"
                         + (f" — {html.escape(room.name)}" if room.name else ""))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Type part of a name, e-mail or unit…"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.matches = QListWidget()
        self.matches.setAlternatingRowColors(True)
        self.matches.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        # a long e-mail ends in "…" (the whole line in the tooltip) rather than scroll sideways
        self.matches.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.matches.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.matches.itemDoubleClicked.connect(lambda _item: self.accept())
        self.more = QLabel()
        self.more.setStyleSheet("color: palette(placeholder-text);")
        self.kind = QComboBox()
        for k in ResponsibilityKind:
            self.kind.addItem(responsibility_kind_label(k), k.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.valid_from = _date_edit(day)
        self.has_end = QCheckBox(tr("&Until"))
        self.valid_to = _date_edit(day + dt.timedelta(days=365))
        self.valid_to.setEnabled(False)
        self.has_end.toggled.connect(self.valid_to.setEnabled)
        to_row = QHBoxLayout()
        to_row.addWidget(self.has_end)
        to_row.addWidget(self.valid_to, 1)

        form = QFormLayout()
        form.addRow(tr("&Person:"), self.search)
        form.addRow("", self.matches)
        form.addRow("", self.more)
        form.addRow(tr("&Role:"), self.kind)
        form.addRow(tr("Valid &from:"), self.valid_from)
        form.addRow(tr("Valid to:"), to_row)
        note = QLabel(tr("The person who has this role today keeps it until the day before; "
                         "the history is kept."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.error = FormError()
        buttons = save_cancel_buttons(self, tr("Assign"), ok=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form, 1)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.update_matches)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.update_matches()
        self.search.setFocus()  # else the dialog gives it to the Assign button

    def update_matches(self) -> None:
        flt = PersonFilter(text=self.search.text(), active_only=True)
        people = self.ctx.services.persons.search(flt, limit=MAX_MATCHES)
        self.matches.clear()
        for person in people:
            details = " · ".join(p for p in (person.unit_code or "", person.email or "") if p)
            item = QListWidgetItem(f"{person.name}   {details}" if details else person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setToolTip(item.text())
            self.matches.addItem(item)
        if people:
            self.matches.setCurrentRow(0)
        persons = self.ctx.services.persons
        total = persons.count(flt) if len(people) == MAX_MATCHES else len(people)
        if not people:
            self.more.setText(tr("No person matches. Add people in the People area."))
        elif total > len(people):
            self.more.setText(tr("Showing {shown} of {total}; type more to narrow it down.")
                              .format(shown=len(people), total=total))
        else:
            self.more.setText("")
        self.more.setVisible(bool(self.more.text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the search field move through the matches, so the mouse is optional."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = min(max(self.matches.currentRow() + step, 0), self.matches.count() - 1)
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def selected_person_id(self) -> int | None:
        item = self.matches.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_person(self, person_id: int) -> None:
        for row in range(self.matches.count()):
            if self.matches.item(row).data(Qt.ItemDataRole.UserRole) == person_id:
                self.matches.setCurrentRow(row)
                return

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.show_error(message, widget)

    def accept(self) -> None:
        if self._timer.isActive():  # typed and pressed Enter at once: match first
            self._timer.stop()
            self.update_matches()
        person_id = self.selected_person_id()
        if person_id is None:
            self.show_error(tr("Person: choose a person from the list."), self.search)
            return
        start = _to_date(self.valid_from)
        until = _to_date(self.valid_to) if self.has_end.isChecked() else None
        if until is not None and until < start:
            self.show_error(tr("Valid to: the date is before “valid from”."), self.valid_to)
            return
        with reported(self) as outcome:
            try:
                self.responsibility_id = self.ctx.services.responsibilities.assign(
                    self.room.id or 0, person_id, ResponsibilityKind(self.kind.currentData()),
                    start, until)
            except ValidationError as exc:
                self.show_error(exc.message)
                return
        if outcome:
            super().accept()


class EndResponsibilityDialog(QDialog):
    """End one of the room's current responsibilities on a chosen last day."""

    def __init__(self, ctx: AppContext, room: Room, current: list[Responsibility],
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("End responsibility for {room}").format(room=room.label))
        self.setMinimumWidth(440)
        self.which = QComboBox()
        for r in current:
            self.which.addItem(tr("{role}: {name} (from {date})").format(
                role=responsibility_kind_label(r.kind), name=r.person_name,
                date=format_date(r.valid_from)), r)
        self.last_day = _date_edit(today or dt.date.today())
        self.which.currentIndexChanged.connect(self._limit)
        form = QFormLayout()
        form.addRow(tr("&Responsibility:"), self.which)
        form.addRow(tr("&Last day:"), self.last_day)
        self.error = FormError()
        buttons = save_cancel_buttons(self, tr("End"), ok=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._limit()

    def _limit(self) -> None:
        r = self.which.currentData()
        if isinstance(r, Responsibility):
            start = r.valid_from
            self.last_day.setMinimumDate(QDate(start.year, start.month, start.day))

    def accept(self) -> None:
        r = self.which.currentData()
        if not isinstance(r, Responsibility) or r.id is None:
            self.error.show_error(tr("Responsibility: there is nothing to end."))
            return
        with reported(self) as outcome:
            try:
                self.ctx.services.responsibilities.end(r.id, _to_date(self.last_day))
            except ValidationError:
                self.error.show_error(
                    tr("Last day: the date is before the responsibility began."))
                return
            except LookupError as exc:  # ended or removed meanwhile (another window)
                log.warning("ending responsibility failed: %s", exc)
                self.error.show_error(tr("The responsibility could not be saved: {error}")
                                      .format(error=exc))
                return
        if outcome:
            super().accept()

