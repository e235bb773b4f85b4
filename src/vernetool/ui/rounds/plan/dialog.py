"""Planning an HSE round: who takes part, which rooms, which checklists, and the pre-meeting.

The line manager and the safety representative come first; rooms are picked by building,
floor, type, unit or from the rooms a person is responsible for. Each tab is a page of its own
(plan/participants, rooms, templates, premeeting); this dialog ties them together, loads a plan
for editing and saves it in one service call.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room
from vernetool.domain.rounds import ParticipantRole, RoundPlan
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.labels import room_type_label
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.common.screen_fit import fit_on_show, scroll_body
from vernetool.ui.rounds.plan.participants import RoundTab, date_value, qdate
from vernetool.ui.rounds.plan.premeeting import PreMeetingTab
from vernetool.ui.rounds.plan.rooms import RoomsTab
from vernetool.ui.rounds.plan.templates import ChecklistsTab

log = logging.getLogger(__name__)

TAB_ROUND, TAB_ROOMS, TAB_CHECKLISTS, TAB_PRE = range(4)


PREFERRED_SIZE = (860, 640)  # the dialog where the screen has room for it


class RoundPlanDialog(QDialog):
    """Plan a new round, or change the plan of one (``round_id``) that is not reported."""

    def __init__(self, ctx: AppContext, round_id: int | None = None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.today = today or dt.date.today()
        self.chosen: dict[int, Room] = {}   # the rooms in the round, shared by tabs 2 and 3
        self.existing_unit: int | None = None
        self.setWindowTitle(tr("Edit round plan") if round_id else tr("Plan a new HSE round"))
        fit_on_show(self)  # on a small screen the tabs scroll; the buttons stay in view
        with reported(self):
            ctx.services.rounds.ensure_templates()

        self.round_tab = RoundTab(ctx, self.today)
        self.rooms_tab = RoomsTab(ctx, self.today, self.chosen)
        self.checklists_tab = ChecklistsTab(ctx, self.chosen)
        self.pre_tab = PreMeetingTab(ctx, self.today)
        self.round_tab.unit_changed.connect(self._unit_changed)
        self.round_tab.start_changed.connect(self._refresh_pre)
        self.rooms_tab.chosen_changed.connect(self.checklists_tab.update_templates)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll_body(self.round_tab), tr("&1 Round and participants"))
        self.tabs.addTab(scroll_body(self.rooms_tab), tr("&2 Rooms"))
        self.tabs.addTab(scroll_body(self.checklists_tab), tr("&3 Checklists"))
        self.tabs.addTab(scroll_body(self.pre_tab), tr("&4 Pre-meeting"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.error = FormError()
        buttons = save_cancel_buttons(
            self, tr("Save plan") if round_id else tr("Create round"), ok=True)
        ok = accept_button(buttons)
        # four tabs of fields: Enter in one of them must not create the round half-planned;
        # Ctrl+Enter (as in the finding dialog) or the button does
        ok.setAutoDefault(False)
        ok.setToolTip(tr("Ctrl+Enter"))
        self.ok_button = ok
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(920, 660)  # fit_on_show makes it smaller on a smaller screen
        if round_id is not None:
            self._load(round_id)
        else:
            self.title.setText(tr("HSE round {year}").format(year=self.today.year))
        self.rooms_tab.update_rooms()
        self.rooms_tab.update_chosen()
        self.title.setFocus()

    def _fit_to_screen(self) -> None:
        """860×640 where there is room; on a small laptop (1024×600) no taller than the
        screen, so the Save button stays in reach (the tabs' lists get shorter)."""
        width, height = PREFERRED_SIZE
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 16)
            height = min(height, room.height() - 48)  # room for the title bar
        self.setMinimumSize(min(width, 640), min(height, 480))
        self.resize(width, height)

    # -- the tabs' fields, by the names the dialog always had --------------------------------
    @property
    def title(self) -> QLineEdit:
        return self.round_tab.title

    @property
    def unit(self) -> QComboBox:
        return self.round_tab.unit

    @property
    def manager(self) -> PersonPicker:
        return self.round_tab.manager

    @property
    def rep(self) -> PersonPicker:
        return self.round_tab.rep

    @property
    def other_person(self) -> PersonPicker:
        return self.round_tab.other_person

    @property
    def other_role(self) -> QComboBox:
        return self.round_tab.other_role

    def add_other(self, person_id: int | None = None, name: str | None = None,
                  role: ParticipantRole | None = None) -> None:
        self.round_tab.add_other(person_id, name, role)

    @property
    def building(self) -> QComboBox:
        return self.rooms_tab.building

    @property
    def floor(self) -> QComboBox:
        return self.rooms_tab.floor

    @property
    def room_unit(self) -> QComboBox:
        return self.rooms_tab.room_unit

    @property
    def room_search(self) -> QLineEdit:
        return self.rooms_tab.room_search

    @property
    def responsible_of(self) -> PersonPicker:
        return self.rooms_tab.responsible_of

    @property
    def available(self) -> QListWidget:
        return self.rooms_tab.available

    @property
    def chosen_list(self) -> QListWidget:
        return self.rooms_tab.chosen_list

    @property
    def chosen_count(self) -> QLabel:
        return self.rooms_tab.chosen_count

    @property
    def shown(self) -> list[Room]:
        return self.rooms_tab.shown

    def add_selected(self) -> None:
        self.rooms_tab.add_selected()

    def add_all_shown(self) -> None:
        self.rooms_tab.add_all_shown()

    def remove_selected(self) -> None:
        self.rooms_tab.remove_selected()

    def update_rooms(self, reset_floor: bool = False) -> None:
        self.rooms_tab.update_rooms(reset_floor)

    @property
    def include_unit(self) -> QCheckBox:
        return self.checklists_tab.include_unit

    def chosen_templates(self) -> dict[str, int]:
        return self.checklists_tab.chosen_templates()

    @property
    def pre_notes(self) -> QPlainTextEdit:
        return self.pre_tab.pre_notes

    @property
    def open_label(self) -> QLabel:
        return self.pre_tab.open_label

    @property
    def open_table(self) -> QTableWidget:
        return self.pre_tab.open_table

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ok_button.setDefault(False)  # the button box makes it the default when shown

    # -- between the tabs -------------------------------------------------------------------
    def _unit_changed(self) -> None:
        code = self.unit.currentData()
        if code and self.round_id is None:
            index = self.room_unit.findData(code)
            if index >= 0:
                self.room_unit.setCurrentIndex(index)
        self._refresh_pre()

    def _refresh_pre(self) -> None:
        self.pre_tab.show_open_findings(self.unit.currentData(), date_value(self.round_tab.start))

    def _tab_changed(self, index: int) -> None:
        if index == TAB_PRE:
            self._refresh_pre()
        # Alt+1 … Alt+4 go into the tab's first field, not just to its title
        first = {TAB_ROUND: self.title, TAB_ROOMS: self.room_search,
                 TAB_CHECKLISTS: self.include_unit, TAB_PRE: self.pre_notes}.get(index)
        if first is not None and self.isVisible():
            first.setFocus()

    # -- edit mode --------------------------------------------------------------------------
    def _load(self, round_id: int) -> None:
        planning = self.ctx.services.rounds
        r = planning.get_round(round_id)
        tab = self.round_tab
        tab.title.setText(r.title)
        index = tab.unit.findData(r.unit_code)
        tab.unit.setCurrentIndex(max(index, 0))
        tab.unit.setEnabled(False)
        tab.start.setDate(qdate(r.start_date))
        if r.end_date:
            tab.has_end.setChecked(True)
            tab.end.setDate(qdate(r.end_date))
        self.pre_notes.setPlainText(r.pre_meeting_notes)
        placed = {ParticipantRole.LINE_MANAGER: False, ParticipantRole.SAFETY_REP: False}
        for p in r.participants:
            if p.role in placed and not placed[p.role]:
                picker = tab.manager if p.role is ParticipantRole.LINE_MANAGER else tab.rep
                picker.set_person(p.person_id, p.name)
                placed[p.role] = True
            else:
                tab.add_other(p.person_id, p.name, p.role)
        self.existing_unit = planning.unit_entry_id(round_id)
        self.include_unit.setChecked(self.existing_unit is not None)
        self.chosen.update(planning.planned_rooms(round_id))
        self._refresh_pre()

    # -- saving -----------------------------------------------------------------------------
    def show_error(self, message: str, tab: int | None = None,
                   widget: QWidget | None = None) -> None:
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        self.error.show_error(message, widget)

    def plan(self) -> RoundPlan:
        tab, unit_template = self.round_tab, self.checklists_tab.unit_template
        return RoundPlan(
            title=tab.title.text().strip(), start_date=date_value(tab.start),
            unit_code=tab.unit.currentData(),
            end_date=date_value(tab.end) if tab.has_end.isChecked() else None,
            participants=tab.participants(),
            room_ids=sorted(self.chosen, key=lambda i: (self.chosen[i].building_code,
                                                        self.chosen[i].number)),
            pre_meeting_notes=self.pre_notes.toPlainText().strip(),
            templates=self.chosen_templates(),
            unit_template=unit_template.id if unit_template is not None
            and self.include_unit.isChecked() else None)

    def accept(self) -> None:
        plan = self.plan()
        field_tabs = {"title": (TAB_ROUND, self.title),
                      "end_date": (TAB_ROUND, self.round_tab.end),
                      "participants": (TAB_ROUND, self.rep),
                      "rooms": (TAB_ROOMS, self.available),
                      "templates": (TAB_CHECKLISTS, None),
                      "unit_checklist": (TAB_CHECKLISTS, self.include_unit)}
        missing = {r.type.value for r in self.chosen.values()} - set(plan.templates)
        planning = self.ctx.services.rounds
        try:
            if missing:
                raise ValidationError("round_form.choose_checklist", "templates", types=", ".join(
                    room_type_label(t) for t in sorted(missing)))
            with reported(self) as saved:
                if self.round_id is None:
                    self.round_id = planning.create(plan)
                else:
                    planning.update(self.round_id, plan)   # all of it, or nothing
        except ValidationError as exc:
            tab, widget = field_tabs.get(exc.field, (None, None))
            self.show_error(self._message(exc), tab, widget)
            return
        if saved:
            super().accept()

    @staticmethod
    def _message(exc: ValidationError) -> str:
        messages = {
            "title": tr("Title: the round needs a title."),
            "end_date": tr("Date: the end date is before the start date."),
            "rooms": tr("Rooms: choose at least one room for the round."),
        }
        if exc.code == "round.safety_rep_missing":
            return tr("Participants: the safety representative takes part in the whole round; "
                      "name one.")
        if exc.code == "round.unit_checklist_answered":
            return tr("Checklists: the psychosocial and organisational checklist has answers "
                      "already, so it stays in the round.")
        if exc.code == "round.room_has_answers":
            return tr("Rooms: a room that already has answers cannot be taken out of the "
                      "round.")
        return messages.get(exc.field, exc.message)
