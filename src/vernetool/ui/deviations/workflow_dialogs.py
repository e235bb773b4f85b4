"""Small dialogs of the deviation workflow: a status change with what it needs (deadline,
reason, to whom, note), a new measure (tiltak) and a progress note on a measure.

What a step needs is the domain's rule: the dialogs ask for it and show the error the
service gives (naming the field, with the cursor put there), they do not check it again."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import (
    Action,
    Deviation,
    DeviationStatus,
    StatusChange,
    note_required,
)
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.date_field import TypedDateEdit
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import date_display_format
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.deviations.form_widgets import error_text
from vernetool.ui.shell.theme import HINT_AMBER, MUTED

log = logging.getLogger(__name__)

DEFAULT_DEADLINE_DAYS = 30


def transition_text(current: DeviationStatus, target: DeviationStatus) -> str:
    """The button text for moving from ``current`` to ``target``."""
    if target is DeviationStatus.ACCEPTED:
        return tr("&Accept…")
    if target is DeviationStatus.REJECTED:
        return tr("Re&ject…")
    if target is DeviationStatus.TRANSFERRED:
        return tr("&Transfer…")
    if target is DeviationStatus.CLOSED:
        return tr("C&lose…")
    if target is DeviationStatus.IN_PROGRESS and current is DeviationStatus.ACCEPTED:
        return tr("&Start measures")
    return tr("Re&open…")


def needs_dialog(current: DeviationStatus, target: DeviationStatus) -> bool:
    return not (current is DeviationStatus.ACCEPTED and target is DeviationStatus.IN_PROGRESS)


def _date_edit(day: dt.date) -> QDateEdit:
    edit = TypedDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def _to_date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class _FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setStyleSheet(f"color: {MUTED};")
        self.form = QFormLayout()
        self.error = FormError()
        self.buttons = save_cancel_buttons(self, ok=True)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.show_error(message, widget)

    def field_widgets(self) -> dict[str, QWidget | None]:
        """The widget of each field a ``ValidationError`` may name."""
        return {}

    def show_validation_error(self, exc: ValidationError) -> None:
        self.show_error(error_text(exc), self.field_widgets().get(exc.field))


class StatusChangeDialog(_FormDialog):
    """Asks what the target status needs and applies it with ``change_status``.

    ``result_deviation`` holds the updated deviation after ``accept``.
    """

    def __init__(self, ctx: AppContext, dev: Deviation, target: DeviationStatus,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        titles = {DeviationStatus.ACCEPTED: tr("Accept deviation"),
                  DeviationStatus.REJECTED: tr("Reject deviation"),
                  DeviationStatus.TRANSFERRED: tr("Transfer deviation"),
                  DeviationStatus.CLOSED: tr("Close deviation")}
        super().__init__(titles.get(target, tr("Reopen deviation")), parent)
        self.ctx = ctx
        self.dev = dev
        self.target = target
        self.today = today or dt.date.today()
        self.result_deviation: Deviation | None = None
        self.deadline: QDateEdit | None = None
        self.reason: QPlainTextEdit | None = None
        self.to_whom: QLineEdit | None = None
        self.closed_on: QDateEdit | None = None
        self.note = _text_edit(3)
        assert dev.id is not None
        workflow = ctx.services.deviation_workflow
        self.open_actions = workflow.open_measures(dev.id) \
            if target is DeviationStatus.CLOSED else 0
        self.intro.setText(f"{dev.id}: {dev.title}")
        self.note_required = note_required(dev.status, target, open_actions=self.open_actions)
        if target is DeviationStatus.ACCEPTED:
            default = dev.closing_deadline or self.today + dt.timedelta(days=DEFAULT_DEADLINE_DAYS)
            self.deadline = _date_edit(default)
            self.form.addRow(tr("Closing &deadline:"), self.deadline)
        elif target is DeviationStatus.REJECTED:
            self.reason = _text_edit(3)
            self.reason.setPlaceholderText(tr("Why is the deviation rejected?"))
            self.form.addRow(tr("&Reason:"), self.reason)
        elif target is DeviationStatus.TRANSFERRED:
            self.to_whom = QLineEdit()
            self.to_whom.setPlaceholderText(tr("Unit, person or system, e.g. Eiendom"))
            self.form.addRow(tr("Transfer &to:"), self.to_whom)
        elif target is DeviationStatus.CLOSED:
            self.closed_on = _date_edit(self.today)
            self.form.addRow(tr("Closed &on:"), self.closed_on)
            if self.open_actions:
                warn = QLabel(tr("{n} measure(s) are not done. Say why the deviation is "
                                 "closed anyway.").format(n=self.open_actions))
                warn.setWordWrap(True)
                warn.setStyleSheet(f"color: {HINT_AMBER};")
                self.form.addRow(warn)
        self.note.setPlaceholderText(tr("Required") if self.note_required else tr("Optional"))
        self.form.addRow(tr("&Note:"), self.note)
        ok_texts = {DeviationStatus.ACCEPTED: tr("Accept"), DeviationStatus.REJECTED: tr("Reject"),
                    DeviationStatus.TRANSFERRED: tr("Transfer"),
                    DeviationStatus.CLOSED: tr("Close deviation")}
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            ok_texts.get(target, tr("Reopen deviation")))
        first = self.deadline or self.reason or self.to_whom or self.closed_on or self.note
        first.setFocus()

    def field_widgets(self) -> dict[str, QWidget | None]:
        return {"closing_deadline": self.deadline, "reason": self.reason,
                "transferred_to": self.to_whom, "closed_at": self.closed_on,
                "note": self.note}

    def accept(self) -> None:
        change = StatusChange(
            self.target, note=self.note.toPlainText().strip(),
            closing_deadline=_to_date(self.deadline) if self.deadline else None,
            reason=self.reason.toPlainText().strip() if self.reason else "",
            transferred_to=self.to_whom.text().strip() if self.to_whom else "",
            on=_to_date(self.closed_on) if self.closed_on else None)
        assert self.dev.id is not None
        with reported(self) as outcome:
            try:
                self.result_deviation = self.ctx.services.deviation_workflow.change_status(
                    self.dev.id, change, today=self.today)
            except ValidationError as exc:
                self.show_validation_error(exc)
                return
        if outcome:
            super().accept()


class ActionDialog(_FormDialog):
    """A new measure with a named responsible and a deadline (``add_action``)."""

    def __init__(self, ctx: AppContext, dev: Deviation, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(tr("New measure"), parent)
        self.ctx = ctx
        self.dev = dev
        self.today = today or dt.date.today()
        self.action_id: int | None = None
        self.intro.setText(f"{dev.id}: {dev.title}")
        self.description = _text_edit(3)
        self.description.setPlaceholderText(tr("What will be done?"))
        self.responsible = PersonPicker(ctx)
        default = dev.closing_deadline or self.today + dt.timedelta(days=DEFAULT_DEADLINE_DAYS)
        self.deadline = _date_edit(max(default, self.today))
        self.form.addRow(tr("&Measure:"), self.description)
        self.form.addRow(tr("&Responsible:"), self.responsible)
        self.form.addRow(tr("&Deadline:"), self.deadline)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add measure"))
        self.description.setFocus()

    def field_widgets(self) -> dict[str, QWidget | None]:
        return {"description": self.description, "responsible": self.responsible,
                "deadline": self.deadline}

    def accept(self) -> None:
        action = Action(self.description.toPlainText().strip(), self.responsible.name(),
                        self.responsible.person_id(), _to_date(self.deadline))
        assert self.dev.id is not None
        with reported(self) as outcome:
            try:
                self.action_id = self.ctx.services.deviation_measures.add(
                    self.dev.id, action, today=self.today)
            except ValidationError as exc:
                self.show_validation_error(exc)
                return
        if outcome:
            super().accept()


class ActionNoteDialog(_FormDialog):
    """A progress note on a measure (``add_action_note``)."""

    def __init__(self, ctx: AppContext, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(tr("Note on measure"), parent)
        self.ctx = ctx
        self.action = action
        self.intro.setText(action.description)
        self.note = _text_edit(4)
        self.note.setPlaceholderText(tr("What has been done, what is missing?"))
        self.form.addRow(tr("&Note:"), self.note)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add note"))
        self.note.setFocus()

    def field_widgets(self) -> dict[str, QWidget | None]:
        return {"note": self.note}

    def accept(self) -> None:
        assert self.action.id is not None
        with reported(self) as outcome:
            try:
                self.ctx.services.deviation_measures.add_note(
                    self.action.id, self.note.toPlainText().strip())
            except ValidationError as exc:
                self.show_validation_error(exc)
                return
        if outcome:
            super().accept()
