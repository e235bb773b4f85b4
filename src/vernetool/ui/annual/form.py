"""The unit's report: the line manager and the safety rep answer the year's questionnaire
together. Every answer is saved as it is given; pre-filled answers show where they came from
and wait to be confirmed; Submit queues the answers file for delivery."""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr, trn
from vernetool.ui.annual import data
from vernetool.ui.annual.question_row import QuestionRow
from vernetool.ui.annual.questions_pane import QuestionsPane
from vernetool.ui.annual.words import progress_text, sentence, status_text
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.list_detail import muted_label
from vernetool.ui.common.own_writes import OwnWrites
from vernetool.ui.common.task_runner import TaskRunner
from vernetool.ui.shell.theme import ERROR, HINT_AMBER, MUTED, SUCCESS

log = logging.getLogger(__name__)


_NORWEGIAN_LAST = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def _name_key(name: str) -> str:
    """Units by name as a Norwegian list has them (æ, ø, å after z)."""
    return name.casefold().translate(_NORWEGIAN_LAST)


class FormTab(QWidget):
    """The tab "Unit's report". ``go_to_sync`` asks the window for the Sync area."""

    go_to_sync = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self.own_writes = OwnWrites()
        self.questionnaire: Any = None
        self.views: list[data.QuestionView] = []
        self.current: data.FormView | None = None
        self.units: list[data.UnitRow] = []
        self._loading = False
        self.runner: TaskRunner | None = None
        self._listing_missing = False        # the message lists the unanswered questions
        self._read_on_show = False           # a read ended while the form was hidden

        # -- which report ------------------------------------------------------------------
        self.year = QComboBox()
        self.year.setObjectName("annualYear")
        self.year.setAccessibleName(tr("Year"))
        self.unit = QComboBox()
        self.unit.setObjectName("annualUnit")
        self.unit.setAccessibleName(tr("Unit"))
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(28)
        year_label = QLabel(tr("&Year"))
        year_label.setBuddy(self.year)
        unit_label = QLabel(tr("U&nit"))
        unit_label.setBuddy(self.unit)
        choose = QHBoxLayout()
        choose.addWidget(year_label)
        choose.addWidget(self.year)
        choose.addSpacing(12)
        choose.addWidget(unit_label)
        choose.addWidget(self.unit, 1)

        # -- who answers -------------------------------------------------------------------
        self.line_manager = QLineEdit()
        self.line_manager.setObjectName("lineManager")
        self.line_manager.setPlaceholderText(tr("Name of the line manager"))
        self.safety_rep = QLineEdit()
        self.safety_rep.setObjectName("safetyRep")
        self.safety_rep.setPlaceholderText(tr("Name of the safety rep"))
        manager_label = QLabel(tr("&Line manager"))
        manager_label.setBuddy(self.line_manager)
        rep_label = QLabel(tr("Safety &rep"))
        rep_label.setBuddy(self.safety_rep)
        names = QGridLayout()
        names.setHorizontalSpacing(8)
        together = QLabel(tr("Answered together by"))
        together.setStyleSheet(f"color: {MUTED};")
        names.addWidget(together, 0, 0)
        names.addWidget(manager_label, 0, 1)
        names.addWidget(self.line_manager, 0, 2)
        names.addWidget(rep_label, 0, 3)
        names.addWidget(self.safety_rep, 0, 4)
        names.setColumnStretch(2, 1)
        names.setColumnStretch(4, 1)

        self.based_on = muted_label("")
        self.based_on.setObjectName("basedOn")
        self.based_on.hide()

        # -- the questions -----------------------------------------------------------------
        self.questions = QuestionsPane()
        self.questions.answered.connect(self.answer)
        self.questions.confirm_requested.connect(lambda qid: self.confirm([qid]))
        self.empty = muted_label("")
        self.empty.setObjectName("annualEmpty")
        self.empty.hide()

        # -- what is left, and sending it ----------------------------------------------------
        self.message = QLabel()
        self.message.setObjectName("annualMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message.setOpenExternalLinks(False)
        self.message.linkActivated.connect(self._link)
        self.message.hide()
        self.progress = QLabel()
        self.progress.setObjectName("annualProgress")
        self.saved = QLabel()
        self.saved.setObjectName("savedLabel")
        self.saved.setStyleSheet(f"color: {MUTED};")
        self.confirm_all = QPushButton()
        self.confirm_all.setObjectName("confirmAll")
        self.confirm_all.setToolTip(tr("The two of you agree with every answer the data gave"))
        self.submit_button = QPushButton(tr("&Submit"))
        self.submit_button.setObjectName("submitAnnual")
        self.submit_button.setToolTip(tr("Send the answers to the HSE section (through the "
                                         "outbox of the Sync area)"))
        self.save_file_button = QPushButton(tr("Save ans&wers file…"))
        self.save_file_button.setObjectName("saveAnswersFile")
        self.save_file_button.setToolTip(tr("The answers file, to send some other way"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addSpacing(10)
        bottom.addWidget(self.saved)
        bottom.addStretch(1)
        bottom.addWidget(self.confirm_all)
        bottom.addWidget(self.save_file_button)
        bottom.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(choose)
        layout.addLayout(names)
        layout.addWidget(self.based_on)
        layout.addWidget(self.questions, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.year.currentIndexChanged.connect(self._year_chosen)
        self.unit.currentIndexChanged.connect(self._unit_chosen)
        self.line_manager.editingFinished.connect(self._names_edited)
        self.safety_rep.editingFinished.connect(self._names_edited)
        self.confirm_all.clicked.connect(self.confirm_all_prefilled)
        self.submit_button.clicked.connect(lambda: self.submit())
        self.save_file_button.clicked.connect(lambda: self.save_answers_file())
        self._fill_years()

    # -- choosing the report -----------------------------------------------------------------
    def _fill_years(self) -> None:
        with reported(self, tr("Annual reporting")) as outcome:
            known = data.questionnaire_years()
        if not outcome:
            known = []
        this_year = self.today.year
        # the report is written in the autumn for this year; early in the year, for last year
        default = this_year if self.today.month >= 9 else this_year - 1
        years = sorted({*known, this_year, this_year - 1, default}, reverse=True)
        years = [y for y in years if not known or y >= min(known)]
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(default)))
        self.year.blockSignals(False)
        self._year_chosen()

    def selected_year(self) -> int:
        value = self.year.currentData()
        return int(value) if value is not None else self.today.year

    def selected_unit(self) -> str | None:
        value = self.unit.currentData()
        return str(value) if value is not None else None

    def _year_chosen(self) -> None:
        year = self.selected_year()
        with reported(self, tr("Annual reporting")) as outcome:
            self.questionnaire = data.questionnaire(self.ctx, year)
            self.views = data.question_views(self.questionnaire)
        if not outcome:
            return
        based = data.based_on_year(self.questionnaire, year)
        self.based_on.setText(tr("There is no questionnaire for {year} yet: these are the "
                                 "questions of {based}.").format(year=year, based=based))
        self.based_on.setVisible(based != year)
        self._build_rows()
        self.fill_units()

    def fill_units(self) -> None:
        chosen = self.selected_unit()
        with reported(self, tr("Annual reporting")) as outcome:
            self.units = sorted(data.overview(self.ctx, self.selected_year()),
                                key=lambda u: _name_key(u.name))
        if not outcome:
            return
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in self.units:
            self.unit.addItem(f"{unit.name}  ·  {status_text(unit)}", unit.code)
            self.unit.setItemData(self.unit.count() - 1, f"{unit.code}: {unit.name}",
                                  Qt.ItemDataRole.ToolTipRole)
        index = self.unit.findData(chosen) if chosen else -1
        if index < 0 and self.units:
            remembered = str(self.ctx.settings.get("annual_unit") or "")
            started = [u.code for u in self.units if u.status in ("draft", "changed")]
            index = self.unit.findData(remembered) if remembered else -1
            if index < 0:     # a report under way is what the two sit down to finish
                index = max(0, self.unit.findData(started[0]) if started else 0)
        self.unit.setCurrentIndex(index)
        self.unit.blockSignals(False)
        self.empty.setText(tr("No units yet. Add the units in the Rooms area (or import "
                              "rooms), then answer for each of them here."))
        self.empty.setVisible(not self.units)
        self.questions.setVisible(bool(self.units))
        self._unit_chosen()

    def _update_unit_item(self) -> None:
        """The chooser's line of the shown unit after a change (its status, its count)."""
        form = self.current
        if form is None:
            return
        index = self.unit.findData(form.unit_code)
        if index < 0:
            return
        row = data.UnitRow(form.unit_code, form.unit_name or self.units[index].name,
                           form.status, form.answered, len(form.asked), form.submitted_at)
        self.units[index] = row
        self.unit.setItemText(index, f"{row.name}  ·  {status_text(row)}")

    def _unit_chosen(self) -> None:
        unit = self.selected_unit()
        self.message.hide()
        self.saved.clear()
        if unit is not None:
            self.ctx.settings.set("annual_unit", unit)
        self.reload()

    # -- the questions -----------------------------------------------------------------------
    def _build_rows(self) -> None:
        self.questions.build(self.views, self.safety_rep,
                             [self.confirm_all, self.save_file_button, self.submit_button])

    def reload(self) -> None:
        """Read the unit's form again and show it (answers, what is asked, the counts): at
        once when the data's proposals for the unit are kept; else they are read off the GUI
        thread first (a faculty's registers take a while), the form quiet meanwhile."""
        unit = self.selected_unit()
        enabled = unit is not None and self.questionnaire is not None
        self.runner = None                    # a read under way is for another choice now
        self._set_enabled(enabled)
        if not enabled or unit is None:
            self.current = None
            self.progress.clear()
            self.confirm_all.hide()
            return
        year = self.selected_year()
        with reported(self, tr("Annual reporting")) as outcome:
            form = data.cached_form(self.ctx, year, unit, self.views)
        if not outcome:
            return
        if form is None:
            self._read(year, unit, attempt=1)
        else:
            self.show_form(form)

    @property
    def reading(self) -> bool:
        """The registers are being read for the chosen unit."""
        return self.runner is not None

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.line_manager, self.safety_rep, self.submit_button,
                       self.save_file_button, self.confirm_all, self.questions.box):
            widget.setEnabled(enabled)

    def _read(self, year: int, unit: str, attempt: int) -> None:
        with reported(self, tr("Annual reporting")) as outcome:
            job = data.proposals_job(self.ctx, year, unit)
        if not outcome:
            return
        runner = TaskRunner(self, tr("Annual reporting"), tr("Reading the registers…"), job,
                            show_dialog=False)
        runner.succeeded.connect(
            lambda result, r=runner: self._read_done(r, year, unit, attempt, result))
        runner.failed.connect(lambda error, r=runner: self._read_failed(r, error))
        self.runner = runner
        self._set_enabled(False)
        if self.current is None or self.current.unit_code != unit:
            self.current = None               # no names or answers go to the wrong unit
            self.line_manager.clear()
            self.safety_rep.clear()
        self.progress.setText(tr("Reading the registers…"))
        self.progress.setStyleSheet(f"color: {MUTED};")
        self.confirm_all.hide()
        runner.start()

    def _read_done(self, runner: TaskRunner, year: int, unit: str, attempt: int,
                   result: object) -> None:
        if not self.isVisible():
            # nobody looks (the area hidden, its window closing, the database maybe closed
            # already): read again when the form is shown
            if runner is self.runner:
                self.runner, self._read_on_show = None, True
            return
        with reported(self, tr("Annual reporting")):
            data.keep_proposals(self.ctx, result)    # a stale one is good for later too
        if runner is not self.runner:
            return                                   # another unit or year was chosen
        if (year, unit) != (self.selected_year(), self.selected_unit()):
            return
        form: data.FormView | None = None
        with reported(self, tr("Annual reporting")) as outcome:
            form = data.cached_form(self.ctx, year, unit, self.views)
            if form is None and attempt >= 2:        # written to meanwhile, twice: read here
                form = data.form(self.ctx, year, unit, self.views)
        if not outcome:
            self.runner = None
            return
        if form is None:
            self._read(year, unit, attempt + 1)
            return
        self.runner = None
        self._set_enabled(True)
        self.show_form(form)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._read_on_show:
            self._read_on_show = False
            self.reload()

    def _read_failed(self, runner: TaskRunner, error: object) -> None:
        if runner is not self.runner:
            return
        if not self.isVisible():
            self.runner, self._read_on_show = None, True
            return
        self.runner = None
        self.progress.setStyleSheet(f"color: {ERROR};")
        self.progress.setText(tr("The registers could not be read: {error}").format(
            error=error))

    def show_form(self, form: data.FormView) -> None:
        self.current = form
        self.progress.setStyleSheet("")
        self.questions.show_form(form)
        if not self.line_manager.hasFocus():
            self.line_manager.setText(form.line_manager)
        if not self.safety_rep.hasFocus():
            self.safety_rep.setText(form.safety_rep)
        self.progress.setText(progress_text(form.answered, len(form.asked)))
        waiting = form.to_confirm()
        self.confirm_all.setText(trn("Confirm &all pre-filled ({n})",
                                     "Confirm &all pre-filled ({n})", len(waiting)).format(
            n=len(waiting)))
        self.confirm_all.setVisible(bool(waiting))
        self._update_unit_item()
        if self._listing_missing:
            self._list_missing()

    def row(self, qid: str) -> QuestionRow:
        return self.questions.rows[qid]

    # -- writing -----------------------------------------------------------------------------
    def _saved(self) -> None:
        self.saved.setText(tr("Saved {time}").format(
            time=QTime.currentTime().toString("HH:mm")))

    def answer(self, qid: str, code: str) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        value = code if code != "" else None
        with self.own_writes(), reported(self, tr("Could not save the answer")) as outcome:
            data.set_answer(self.ctx, self.selected_year(), unit, qid, value)
        if outcome:
            self._saved()
            if not self._listing_missing:
                self.message.hide()
        self.reload()          # the follow-ups it opens or closes, the counts

    def confirm(self, questions: list[str] | None) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        with self.own_writes(), reported(self, tr("Could not save the answer")) as outcome:
            data.confirm(self.ctx, self.selected_year(), unit, questions)
        if outcome:
            self._saved()
        self.reload()

    def confirm_all_prefilled(self) -> None:
        self.confirm(None)

    def _names_edited(self) -> None:
        form, unit = self.current, self.selected_unit()
        if form is None or unit is None:
            return
        manager, rep = self.line_manager.text().strip(), self.safety_rep.text().strip()
        if (manager, rep) == (form.line_manager, form.safety_rep):
            return
        with self.own_writes(), reported(self, tr("Could not save the names")) as outcome:
            data.set_names(self.ctx, self.selected_year(), unit, manager, rep)
        if outcome:
            form.line_manager, form.safety_rep = manager, rep
            self._saved()

    # -- submitting --------------------------------------------------------------------------
    def _show_message(self, text: str, colour: str | None) -> None:
        self._listing_missing = False
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.show()

    def _link(self, href: str) -> None:
        if href.startswith("q:"):
            self.go_to_question(href[2:])
        elif href == "allow":
            self.submit(allow_unanswered=True)
        elif href == "sync":
            self.go_to_sync.emit()

    def go_to_question(self, qid: str) -> None:
        self.questions.go_to(qid)

    def submit(self, allow_unanswered: bool = False) -> bool:
        """Both names, every question answered (or the person's "submit anyway"): the
        answers are submitted and queued for the HSE section."""
        unit = self.selected_unit()
        if unit is None or self.current is None:
            return False
        self._names_edited()
        with self.own_writes(), reported(self, tr("Could not submit")) as outcome:
            try:
                data.submit(self.ctx, self.selected_year(), unit, allow_unanswered)
            except ValidationError as error:
                self._refused(error)
                self.reload()
                return False
        self.reload()
        if not outcome:
            return False
        self._submitted()
        return True

    def _refused(self, error: ValidationError) -> None:
        if error.field in ("line_manager", "safety_rep", "names", "answered_by"):
            target = (self.line_manager if error.field != "safety_rep"
                      and not self.line_manager.text().strip() else self.safety_rep)
            self._show_message(html.escape(sentence(error.message)), ERROR)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self._list_missing():
            self._show_message(html.escape(sentence(error.message)), ERROR)
            return
        if self.current is not None:
            self.go_to_question(self._missing()[0])

    def _missing(self) -> list[str]:
        return [q for q in (self.current.unanswered if self.current else [])
                if q in self.questions.rows]

    def _list_missing(self) -> bool:
        """The questions not answered yet, each a link to it, and "Submit anyway"; kept up
        to date as they are answered (gone when none is left)."""
        missing = self._missing()
        if not missing:
            self.message.hide()
            self._listing_missing = False
            return False
        links = ", ".join(f"<a href='q:{html.escape(q)}'>{html.escape(q)}</a>" for q in missing)
        text = trn("{n} question is not answered yet: {questions}.",
                   "{n} questions are not answered yet: {questions}.",
                   len(missing)).format(n=len(missing), questions=links)
        self._show_message(f"{text} &nbsp;<a href='allow'>{html.escape(tr('Submit anyway'))}"
                           "</a>", ERROR)
        self._listing_missing = True
        return True

    def _submitted(self) -> None:
        with reported(self, tr("Annual reporting")) as outcome:
            targets = data.annual_targets(self.ctx)
        if not outcome:
            targets = []
        if targets:
            names = ", ".join(html.escape(name) for name, _kind, _where in targets)
            text = tr("Submitted. The answers wait in the outbox for {targets}; they are sent "
                      "at the next sync (<a href='sync'>Sync area, Ctrl+9</a>).").format(
                targets=names)
            self._show_message(text, SUCCESS)
        else:
            text = tr("Submitted, but no delivery target receives annual reporting answers: "
                      "add one in the <a href='sync'>Sync area (Ctrl+9)</a>, or save the "
                      "answers file and send it another way.")
            self._show_message(text, HINT_AMBER)   # submitted all the same: not an error

    # -- the file ----------------------------------------------------------------------------
    def save_answers_file(self, path: Path | None = None) -> Path | None:
        unit = self.selected_unit()
        if unit is None:
            return None
        if path is None:
            suggested = Path.home() / f"hms-arsrapportering-{self.selected_year()}-{unit}.json"
            chosen, _ = QFileDialog.getSaveFileName(
                self, tr("Save answers file"), str(suggested), tr("Answers file (*.json)"))
            if not chosen:
                return None
            path = Path(chosen)
        self._names_edited()
        with reported(self, tr("Save answers file")) as outcome:
            try:
                data.save_answers_file(self.ctx, self.selected_year(), unit, path)
            except OSError as error:
                self._show_message(html.escape(tr("Could not write {path}: {reason}").format(
                    path=path, reason=error.strerror or error)), ERROR)
                return None
        if not outcome:
            return None
        self._show_message(html.escape(tr("Saved the answers file {path}.").format(path=path)),
                           SUCCESS)
        return path
