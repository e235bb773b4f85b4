"""The plan dialog's first tab: title, unit, dates and who takes part in the round."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.rounds import Participant, ParticipantRole
from vernetool.i18n import tr
from vernetool.ui.common.labels import date_display_format, participant_role_label
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.shell.theme import MUTED

OTHER_ROLES = [r for r in ParticipantRole
               if r not in (ParticipantRole.LINE_MANAGER, ParticipantRole.SAFETY_REP)]


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_value(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    return edit


class RoundTab(QWidget):
    """Tab 1 of RoundPlanDialog: the round and its participants."""

    unit_changed = Signal()
    start_changed = Signal()

    def __init__(self, ctx: AppContext, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        page = self
        self.title = QLineEdit()
        self.unit = QComboBox()
        self.unit.addItem(tr("(no unit)"), None)
        for unit in self.ctx.services.units.units():
            self.unit.addItem(f"{unit.code} — {unit.name}" if unit.name else unit.code, unit.code)
        self.unit.currentIndexChanged.connect(lambda _i: self.unit_changed.emit())
        self.start = date_edit(today)
        self.has_end = QCheckBox(tr("Ends"))
        self.end = date_edit(today)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.start.dateChanged.connect(lambda _d: self.start_changed.emit())
        dates_box = QWidget()
        dates = QHBoxLayout(dates_box)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.start)
        dates.addSpacing(12)
        dates.addWidget(self.has_end)
        dates.addWidget(self.end)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("&Title:"), self.title)
        form.addRow(tr("&Unit:"), self.unit)
        form.addRow(tr("&Date:"), dates_box)
        date_label = form.labelForField(dates_box)
        if isinstance(date_label, QLabel):
            date_label.setBuddy(self.start)

        key = QGroupBox(tr("Who is responsible"))
        self.manager = PersonPicker(self.ctx)
        self.rep = PersonPicker(self.ctx)
        key_form = QFormLayout(key)
        key_form.addRow(tr("&Line manager:"), self.manager)
        key_form.addRow(tr("&Safety representative:"), self.rep)
        hint = QLabel(tr("The line manager is responsible for the round; the safety "
                         "representative takes part in the whole round."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")
        key_form.addRow(hint)

        others = QGroupBox(tr("Other participants"))
        self.other_person = PersonPicker(self.ctx)
        self.other_person.setPlaceholderText(tr("Name, or search for a person…"))
        self.other_role = QComboBox()
        for role in OTHER_ROLES:
            self.other_role.addItem(participant_role_label(role), role.value)
        add = QPushButton(tr("Add"))
        add.clicked.connect(lambda: self.add_other())
        self.other_person.returnPressed.connect(lambda: self.add_other())
        self.others = QListWidget()
        self.others.setMaximumHeight(130)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(lambda: self.others.takeItem(self.others.currentRow()))
        entry = QHBoxLayout()
        entry.addWidget(self.other_person, 1)
        entry.addWidget(self.other_role)
        entry.addWidget(add)
        other_layout = QVBoxLayout(others)
        other_layout.addLayout(entry)
        listing = QHBoxLayout()
        listing.addWidget(self.others, 1)
        listing.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        other_layout.addLayout(listing)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(key)
        layout.addWidget(others)
        layout.addStretch(1)

    def add_other(self, person_id: int | None = None, name: str | None = None,
                  role: ParticipantRole | None = None) -> None:
        if name is None:
            name = self.other_person.name()
            person_id = self.other_person.person_id()
        if not name.strip():
            return
        chosen = role or ParticipantRole(self.other_role.currentData())
        item = QListWidgetItem(f"{name} — {participant_role_label(chosen)}")
        item.setData(Qt.ItemDataRole.UserRole, Participant(name.strip(), chosen, person_id))
        self.others.addItem(item)
        self.other_person.set_person(None, "")
        self.other_person.clear()

    def participants(self) -> list[Participant]:
        result = []
        for picker, role in ((self.manager, ParticipantRole.LINE_MANAGER),
                             (self.rep, ParticipantRole.SAFETY_REP)):
            if picker.name():
                result.append(Participant(picker.name(), role, picker.person_id()))
        for row in range(self.others.count()):
            result.append(self.others.item(row).data(Qt.ItemDataRole.UserRole))
        return result

