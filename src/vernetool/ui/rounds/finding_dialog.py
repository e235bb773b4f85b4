"""A finding of an HSE round: what must improve, its action (tiltak), responsible and deadline."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import ActionStatus, Finding, Severity, default_deadline
from vernetool.i18n import tr
from vernetool.ui.common.date_field import TypedDateEdit
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import action_status_label, date_display_format, severity_label
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.shell.theme import ERROR, MID, MUTED, ROUND_HINT, ROUND_MEDIUM, SUCCESS

log = logging.getLogger(__name__)

SEVERITY_COLOURS = {"low": SUCCESS, "medium": ROUND_MEDIUM, "high": ERROR}


def _text_edit(text: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 16)
    return edit


class FindingDialog(QDialog):
    """Create or edit a finding; ``finding_id`` holds the saved finding after ``accept``.

    A new finding comes with the room's responsible person and the deadline its severity
    suggests (``domain.rounds.default_deadline``); changing the severity moves that proposal
    along until the user sets a date of their own. Its description (what was found) is the
    walker's to write: it is required and starts empty.
    """

    def __init__(self, ctx: AppContext, finding: Finding, parent: QWidget | None = None,
                 *, context: str = "", today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.finding = finding
        self.finding_id: int | None = finding.id
        new = finding.id is None
        self.setWindowTitle(tr("New finding") if new else tr("Edit finding"))
        self.setMinimumWidth(620)
        day = today or dt.date.today()

        self.heading = heading = QLabel(context)   # where: room, checkpoint, comment
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setStyleSheet(f"color: {MUTED};")
        heading.setVisible(bool(context))

        self.description = _text_edit(finding.description, 3)
        self.description.setPlaceholderText(
            tr("What was found, in your words (e.g. “The door to the stairs was locked”)"))
        self.severity_group = QButtonGroup(self)
        severity_row = QHBoxLayout()
        for index, severity in enumerate(Severity, start=1):
            button = QPushButton(f"{severity_label(severity)}")
            button.setCheckable(True)
            button.setToolTip(f"Alt+{index}")
            button.setShortcut(QKeySequence(f"Alt+{index}"))
            button.setMinimumHeight(30)
            button.setStyleSheet(
                f"QPushButton {{ border: 1px solid {MID}; border-radius: 4px; "
                "background: white; padding: 4px 18px; }"
                f"QPushButton:checked {{ background: {SEVERITY_COLOURS[severity.value]}; "
                f"color: white; border: 1px solid {ROUND_HINT}; border-radius: 4px; }}")
            button.setProperty("severity", severity.value)
            self.severity_group.addButton(button, index)
            severity_row.addWidget(button)
            if severity is finding.severity:
                button.setChecked(True)
        severity_row.addStretch(1)
        self.action = _text_edit(finding.action, 3)
        self.action.setPlaceholderText(tr("What will be done about it"))
        self.responsible = PersonPicker(ctx)
        if finding.responsible_id is not None or finding.responsible_name:
            self.responsible.set_person(finding.responsible_id, finding.responsible_name)
        self._today = day
        deadline = finding.deadline or (default_deadline(finding.severity, day)
                                        if new else None)
        # the date proposed for the severity; None once the user chose one themselves
        self._proposed: dt.date | None = deadline if new and not finding.deadline else None
        self.deadline = TypedDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat(date_display_format())
        self.deadline.setSpecialValueText(tr("No deadline"))
        self.deadline.setMinimumDate(QDate(2000, 1, 1))
        if deadline is None:
            self.deadline.setDate(self.deadline.minimumDate())
        else:
            self.deadline.setDate(QDate(deadline.year, deadline.month, deadline.day))
        self.deadline.dateChanged.connect(self._deadline_edited)
        self.severity_group.idToggled.connect(self._severity_toggled)
        self.action_status = QComboBox()
        for status in ActionStatus:
            self.action_status.addItem(action_status_label(status), status.value)
        self.action_status.setCurrentIndex(
            self.action_status.findData(finding.action_status.value))
        self.follow_up = _text_edit(finding.follow_up_notes, 2)
        self.concerns = self._register_picker(finding)

        form = QFormLayout()
        form.addRow(tr("&Description:"), self.description)
        form.addRow(tr("Severity:"), severity_row)
        form.addRow(tr("Proposed &action:"), self.action)
        form.addRow(tr("&Responsible:"), self.responsible)
        form.addRow(tr("D&eadline:"), self.deadline)
        if self.concerns.count() > 1:   # the room has register entries (or had the one)
            form.addRow(tr("&Concerns:"), self.concerns)
        if not new:
            form.addRow(tr("Action &status:"), self.action_status)
            form.addRow(tr("&Follow-up notes:"), self.follow_up)
        self.error = FormError()
        buttons = save_cancel_buttons(self, tr("Save finding"))
        if finding.id is not None:  # a saved finding can become a deviation, linked both ways
            from vernetool.ui.deviations.finding_link import FindingDeviationLink

            self.deviation_link = FindingDeviationLink(ctx, finding, self)
            buttons.addButton(self.deviation_link, QDialogButtonBox.ButtonRole.ActionRole)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.action.setFocus() if finding.description.strip() else self.description.setFocus()

    def _register_picker(self, finding: Finding) -> QComboBox:
        """The room's register entries the finding can concern: <none>, then holdings,
        sources and agents; an entry no longer in the room stays offered by its label."""
        picker = QComboBox()
        picker.setObjectName("findingConcerns")
        picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(24)
        picker.addItem(tr("(no register entry)"), None)
        try:
            entries = self.ctx.services.findings.register_entries(
                finding.round_room_id, finding.room_id, finding.item_id)
        except LookupError:
            entries = []
        last_kind = None
        for kind, entry_id, label in entries:   # the kinds the item asks about come first
            if last_kind is not None and kind != last_kind:
                picker.insertSeparator(picker.count())
            last_kind = kind
            picker.addItem(label, (kind, entry_id, label))
        if finding.register_kind is not None:
            key = (finding.register_kind, finding.register_id)
            index = next((i for i in range(1, picker.count())
                          if picker.itemData(i) is not None and picker.itemData(i)[:2] == key),
                         -1)
            if index < 0:
                picker.addItem(tr("{label} (no longer in the room's registers)").format(
                    label=finding.register_label or "?"),
                    (finding.register_kind, finding.register_id, finding.register_label))
                index = picker.count() - 1
            picker.setCurrentIndex(index)
        return picker

    def selected_register(self) -> tuple[str, int | None, str] | None:
        data = self.concerns.currentData()
        return None if data is None else (str(data[0]), data[1], str(data[2]))

    def selected_severity(self) -> Severity:
        button = self.severity_group.checkedButton()
        return Severity(button.property("severity")) if button else Severity.MEDIUM

    def set_severity(self, severity: Severity) -> None:
        self.severity_group.button(list(Severity).index(severity) + 1).setChecked(True)

    def _severity_toggled(self, _id: int, checked: bool) -> None:
        """A new severity moves a proposed deadline; a date the user set stays."""
        if checked and self._proposed is not None:
            self._proposed = default_deadline(self.selected_severity(), self._today)
            self.deadline.blockSignals(True)
            self.set_deadline(self._proposed)
            self.deadline.blockSignals(False)

    def _deadline_edited(self) -> None:
        if self._proposed is not None and self.selected_deadline() != self._proposed:
            self._proposed = None

    def selected_deadline(self) -> dt.date | None:
        if self.deadline.date() == self.deadline.minimumDate():
            return None
        d = self.deadline.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_deadline(self, day: dt.date | None) -> None:
        self.deadline.setDate(QDate(day.year, day.month, day.day) if day
                              else self.deadline.minimumDate())

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.show_error(message, widget)

    def accept(self) -> None:
        f = self.finding
        f.description = self.description.toPlainText().strip()
        if not f.description:
            self.show_error(tr("Description: describe what must improve."), self.description)
            return
        f.severity = self.selected_severity()
        f.action = self.action.toPlainText().strip()
        f.responsible_id = self.responsible.person_id()
        f.responsible_name = self.responsible.name()
        f.deadline = self.selected_deadline()
        concerns = self.selected_register()
        f.register_kind, f.register_id, f.register_label = (
            (None, None, "") if concerns is None else concerns)
        if f.id is not None:
            f.action_status = ActionStatus(self.action_status.currentData())
            f.follow_up_notes = self.follow_up.toPlainText().strip()
        try:
            with reported(self) as saved:
                self.finding_id = self.ctx.services.findings.save(f)
        except ValidationError as exc:
            self.show_error(exc.message)
            return
        if saved:
            super().accept()
