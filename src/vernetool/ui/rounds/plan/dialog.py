"""Planning an HSE round: who takes part, which rooms, which checklists, and the pre-meeting.

The line manager and the safety representative come first; rooms are picked by building,
floor, type, unit or from the rooms a person is responsible for. Each tab lives in its own
module (round_plan_participants, _rooms, _templates, _premeeting); this one ties them together,
loads a plan for editing and saves it.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3

from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from vernetool.context import AppContext
from vernetool.db import templates
from vernetool.db.rounds import rounds
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room
from vernetool.domain.rounds import ParticipantRole, RoundPlan
from vernetool.i18n import tr
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.labels import room_type_label
from vernetool.ui.rounds.plan.participants import PlanParticipantsTabMixin, date_value, qdate
from vernetool.ui.rounds.plan.premeeting import PlanPreMeetingTabMixin
from vernetool.ui.rounds.plan.rooms import PlanRoomsTabMixin
from vernetool.ui.rounds.plan.templates import PlanTemplatesTabMixin

log = logging.getLogger(__name__)

TAB_ROUND, TAB_ROOMS, TAB_CHECKLISTS, TAB_PRE = range(4)


class RoundPlanDialog(PlanParticipantsTabMixin, PlanRoomsTabMixin, PlanTemplatesTabMixin,
                      PlanPreMeetingTabMixin, QDialog):
    """Plan a new round, or change the plan of one (``round_id``) that is not reported."""

    def __init__(self, ctx: AppContext, round_id: int | None = None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.today = today or dt.date.today()
        self.chosen: dict[int, Room] = {}
        self.existing: dict[int, int] = {}   # room id → round room id (edit mode)
        self.shown: list[Room] = []
        self.setWindowTitle(tr("Edit round plan") if round_id else tr("Plan a new HSE round"))
        self.setMinimumSize(860, 640)
        if not templates.latest_templates(ctx.conn):
            templates.ensure_builtin(ctx.conn)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._round_tab(), tr("&1 Round and participants"))
        self.tabs.addTab(self._rooms_tab(), tr("&2 Rooms"))
        self.tabs.addTab(self._checklists_tab(), tr("&3 Checklists"))
        self.tabs.addTab(self._pre_tab(), tr("&4 Pre-meeting"))
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
        if round_id is not None:
            self._load(round_id)
        else:
            self.title.setText(tr("HSE round {year}").format(year=self.today.year))
        self.update_rooms()
        self._update_chosen()
        self.title.setFocus()

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
        conn = self.ctx.conn
        r = rounds.get_round(conn, round_id)
        self.title.setText(r.title)
        index = self.unit.findData(r.unit_code)
        self.unit.setCurrentIndex(max(index, 0))
        self.unit.setEnabled(False)
        self.start.setDate(qdate(r.start_date))
        if r.end_date:
            self.has_end.setChecked(True)
            self.end.setDate(qdate(r.end_date))
        self.pre_notes.setPlainText(r.pre_meeting_notes)
        placed = {ParticipantRole.LINE_MANAGER: False, ParticipantRole.SAFETY_REP: False}
        for p in r.participants:
            if p.role in placed and not placed[p.role]:
                picker = self.manager if p.role is ParticipantRole.LINE_MANAGER else self.rep
                picker.set_person(p.person_id, p.name)
                placed[p.role] = True
            else:
                self.add_other(p.person_id, p.name, p.role)
        from vernetool.db.organisation.rooms import get_room

        self.existing_unit = rounds.unit_entry_id(conn, round_id)
        self.include_unit.setChecked(self.existing_unit is not None)
        for rr in rounds.round_rooms(conn, round_id):
            if rr.room_id is None:
                continue
            room = get_room(conn, rr.room_id)
            if room is not None:
                self.chosen[rr.room_id] = room
                self.existing[rr.room_id] = rr.id
        self._refresh_pre()

    # -- saving -----------------------------------------------------------------------------
    def show_error(self, message: str, tab: int | None = None,
                   widget: QWidget | None = None) -> None:
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        self.error.show_error(message, widget)

    def plan(self) -> RoundPlan:
        return RoundPlan(
            title=self.title.text().strip(), start_date=date_value(self.start),
            unit_code=self.unit.currentData(),
            end_date=date_value(self.end) if self.has_end.isChecked() else None,
            participants=self.participants(),
            room_ids=sorted(self.chosen, key=lambda i: (self.chosen[i].building_code,
                                                        self.chosen[i].number)),
            pre_meeting_notes=self.pre_notes.toPlainText().strip(),
            templates=self.chosen_templates(),
            unit_template=self.unit_template.id if self.unit_template is not None
            and self.include_unit.isChecked() else None)

    def accept(self) -> None:
        plan = self.plan()
        field_tabs = {"title": (TAB_ROUND, self.title), "end_date": (TAB_ROUND, self.end),
                      "participants": (TAB_ROUND, self.rep),
                      "rooms": (TAB_ROOMS, self.available),
                      "templates": (TAB_CHECKLISTS, None),
                      "unit_checklist": (TAB_CHECKLISTS, self.include_unit)}
        missing = {r.type.value for r in self.chosen.values()} - set(plan.templates)
        try:
            if missing:
                raise ValidationError("round_form.choose_checklist", "templates", types=", ".join(
                    room_type_label(t) for t in sorted(missing)))
            if self.round_id is None:
                self.round_id = rounds.create_round(self.ctx.conn, plan, self.ctx.actor)
            else:
                self._save_changes(plan)
        except ValidationError as exc:
            tab, widget = field_tabs.get(exc.field, (None, None))
            self.show_error(self._message(exc), tab, widget)
            return
        except sqlite3.Error as exc:
            log.exception("saving the round plan failed")
            self.show_error(tr("The round could not be saved: {error}").format(error=exc))
            return
        super().accept()

    def _save_changes(self, plan: RoundPlan) -> None:
        from vernetool.domain.rounds import validate_plan

        assert self.round_id is not None
        validate_plan(plan)
        conn = self.ctx.conn
        if plan.unit_template is None and self.existing_unit is not None:
            try:
                rounds.remove_room(conn, self.existing_unit)
            except ValidationError:
                raise ValidationError("round.unit_checklist_answered", "unit_checklist") from None
            self.existing_unit = None
        elif plan.unit_template is not None and self.existing_unit is None:
            self.existing_unit = rounds.add_unit_entry(conn, self.round_id, plan.unit_template)
        removed = [rr for room_id, rr in self.existing.items() if room_id not in self.chosen]
        for rr_id in removed:
            rounds.remove_room(conn, rr_id)
        rounds.update_notes(conn, self.round_id, pre_meeting=plan.pre_meeting_notes,
                            title=plan.title)
        rounds.update_dates(conn, self.round_id, plan.start_date, plan.end_date)
        rounds.set_participants(conn, self.round_id, plan.participants)
        new = [i for i in plan.room_ids if i not in self.existing]
        if new:
            rounds.add_rooms(conn, self.round_id, new, plan.templates)

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
