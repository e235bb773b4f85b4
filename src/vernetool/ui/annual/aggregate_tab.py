"""The HSE section's aggregate: the units' answers files (a folder — the inbox of the delivery
target that receives them — and/or single files) counted per question and answer, with the
previous year beside; any problem in a file is shown and nothing is counted then. Export as
PDF or XLSX, in the background."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import language, tr, trn
from vernetool.ui.annual import data
from vernetool.ui.annual.aggregate_tables import ProblemsTable, ResultsTable
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.list_detail import muted_label
from vernetool.ui.common.task_runner import TaskRunner
from vernetool.ui.shell.theme import ERROR, HINT_AMBER, MUTED, SUCCESS

log = logging.getLogger(__name__)


def _unit_name(unit: object) -> str:
    """A unit that has not answered: "IKJ Institutt for kjemi" (a pair or an object)."""
    if isinstance(unit, tuple | list) and len(unit) == 2:
        return f"{unit[1]} ({unit[0]})" if unit[1] else str(unit[0])
    code, name = getattr(unit, "code", None), getattr(unit, "name", None)
    if code is not None:
        return f"{name} ({code})" if name else str(code)
    return str(unit)


class AggregateTab(QWidget):
    """The tab "Aggregate (HSE section)"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self.runner: TaskRunner | None = None
        self.result: Any = None
        self.result_questionnaire: Any = None
        self.files: list[Path] = []
        self.exported: Path | None = None
        self.expected: int | None = None     # how many units were asked to answer

        intro = muted_label(tr(
            "For the HSE section: count the units' answers files for the annual report. Every "
            "file is checked first; if one has a problem, nothing is counted until it is "
            "fixed."))
        self.folder = QLineEdit()
        self.folder.setObjectName("answersFolder")
        self.folder.setPlaceholderText(tr("The folder the units' answers arrive in"))
        self.folder.setClearButtonEnabled(True)
        self.folder_button = QPushButton(tr("&Browse…"))
        self.folder_button.setObjectName("chooseFolder")
        self.files_button = QPushButton(tr("Add f&iles…"))
        self.files_button.setObjectName("addFiles")
        self.files_label = QLabel()
        self.files_label.setObjectName("chosenFiles")
        self.files_label.setStyleSheet(f"color: {MUTED};")
        self.clear_files = QPushButton(tr("Clear files"))
        self.clear_files.setObjectName("clearFiles")
        self.year = QComboBox()
        self.year.setObjectName("aggregateYear")
        self.year.setAccessibleName(tr("Year"))
        for year in range(self.today.year, self.today.year - 8, -1):
            self.year.addItem(str(year), year)
        default = self.today.year if self.today.month >= 9 else self.today.year - 1
        self.year.setCurrentIndex(max(0, self.year.findData(default)))
        self.previous = QLineEdit()
        self.previous.setObjectName("previousFolder")
        self.previous.setPlaceholderText(tr("Optional: last year's answers, to show beside"))
        self.previous.setClearButtonEnabled(True)
        self.previous_button = QPushButton(tr("Br&owse…"))
        self.previous_button.setObjectName("choosePrevious")
        self.run_button = QPushButton(tr("&Count the answers"))
        self.run_button.setObjectName("runAggregate")
        self.run_button.setDefault(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        folder_label = QLabel(tr("Answers fol&der"))
        folder_label.setBuddy(self.folder)
        grid.addWidget(folder_label, 0, 0)
        grid.addWidget(self.folder, 0, 1)
        grid.addWidget(self.folder_button, 0, 2)
        grid.addWidget(self.files_button, 0, 3)
        year_label = QLabel(tr("&Year"))
        year_label.setBuddy(self.year)
        grid.addWidget(year_label, 0, 4)
        grid.addWidget(self.year, 0, 5)
        previous_label = QLabel(tr("&Previous year"))
        previous_label.setBuddy(self.previous)
        grid.addWidget(previous_label, 1, 0)
        grid.addWidget(self.previous, 1, 1)
        grid.addWidget(self.previous_button, 1, 2)
        grid.addWidget(self.run_button, 1, 3, 1, 3)
        grid.setColumnStretch(1, 1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files_label, 1)
        files_row.addWidget(self.clear_files)

        # -- the outcome -------------------------------------------------------------------
        self.summary = QLabel()
        self.summary.setObjectName("aggregateSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = ProblemsTable()
        # the chosen problem whole (a long one does not fit its row: a path, a unit twice)
        self.problem_detail = QLabel()
        self.problem_detail.setObjectName("problemDetail")
        self.problem_detail.setWordWrap(True)
        self.problem_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.currentItemChanged.connect(self._problem_chosen)
        self.problems_page = QWidget()
        problems_column = QVBoxLayout(self.problems_page)
        problems_column.setContentsMargins(0, 0, 0, 0)
        problems_column.addWidget(self.problems, 1)
        problems_column.addWidget(self.problem_detail)
        self.table = ResultsTable()
        self.hint = muted_label(tr("Choose the folder (or the files) and the year, then count "
                                   "the answers."))
        self.hint.setObjectName("aggregateHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.problems_page)
        self.stack.addWidget(self.table)
        self.not_answered = QLabel()
        self.not_answered.setObjectName("notAnswered")
        self.not_answered.setWordWrap(True)
        self.not_answered.setTextFormat(Qt.TextFormat.PlainText)
        self.not_answered.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.not_answered.hide()

        self.export_pdf = QPushButton(tr("&Export PDF…"))
        self.export_pdf.setObjectName("exportPdf")
        self.export_xlsx = QPushButton(tr("Export &XLSX…"))
        self.export_xlsx.setObjectName("exportXlsx")
        self.export_label = QLabel()
        self.export_label.setObjectName("exportResult")
        self.export_label.setWordWrap(True)
        self.export_label.setTextFormat(Qt.TextFormat.PlainText)
        self.export_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_label, 1)
        bottom.addWidget(self.export_pdf)
        bottom.addWidget(self.export_xlsx)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(files_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.not_answered)
        layout.addLayout(bottom)

        self.folder_button.clicked.connect(self._choose_folder)
        self.previous_button.clicked.connect(self._choose_previous)
        self.files_button.clicked.connect(self._choose_files)
        self.clear_files.clicked.connect(self._clear_files)
        self.run_button.clicked.connect(lambda: self.run())
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.folder.returnPressed.connect(lambda: self.run())
        self._show_files()
        self._set_result(None)
        self.summary.hide()

    def activated(self) -> None:
        """The default folder: a delivery target's that receives annual answers."""
        if not self.folder.text() and not self.files:
            with reported(self, tr("Annual reporting")) as outcome:
                folder = data.default_answers_folder(self.ctx)
            if outcome and folder:
                self.folder.setText(folder)

    # -- choosing ----------------------------------------------------------------------------
    def _start_folder(self, edit: QLineEdit) -> str:
        return edit.text().strip() or str(Path.home())

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Answers folder"),
                                                  self._start_folder(self.folder))
        if chosen:
            self.folder.setText(chosen)

    def _choose_previous(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Last year's answers"),
                                                  self._start_folder(self.previous))
        if chosen:
            self.previous.setText(chosen)

    def _choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, tr("Answers files"), self._start_folder(self.folder),
            tr("Answers files and bundles (*.json *.zip)"))
        if chosen:
            self.add_files([Path(p) for p in chosen])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.files:
                self.files.append(path)
        self._show_files()

    def _clear_files(self) -> None:
        self.files = []
        self._show_files()

    def _show_files(self) -> None:
        if self.files:
            names = ", ".join(p.name for p in self.files[:4])
            more = len(self.files) - 4
            self.files_label.setText(trn("And {n} file: {names}", "And {n} files: {names}",
                                         len(self.files)).format(n=len(self.files), names=names)
                                     + (f" (+{more})" if more > 0 else ""))
        self.files_label.setVisible(bool(self.files))
        self.clear_files.setVisible(bool(self.files))

    def request(self) -> data.AggregateRequest | None:
        paths = [Path(self.folder.text().strip())] if self.folder.text().strip() else []
        paths += self.files
        if not paths:
            return None
        year = int(self.year.currentData())
        previous = self.previous.text().strip()
        with reported(self, tr("Annual reporting")):
            expected = data.expected_units(self.ctx)
        return data.AggregateRequest(tuple(paths), year,
                                     (Path(previous),) if previous else (), expected)

    # -- counting ----------------------------------------------------------------------------
    def run(self) -> TaskRunner | None:
        if self.runner is not None and self.runner.running:
            return None
        request = self.request()
        if request is None:
            self._summary(tr("Choose the folder the answers are in, or the files."), ERROR)
            self.folder.setFocus()
            return None
        missing = [p for p in (*request.paths, *request.compare) if not p.exists()]
        if missing:
            self._set_result(None)
            self._summary(tr("{path} does not exist (or cannot be reached).").format(
                path=missing[0]), ERROR)
            return None
        self.expected = len(request.expected_units) or None
        with reported(self, tr("Annual reporting")) as outcome:
            self.result_questionnaire = data.questionnaire(self.ctx, request.year)
            job = data.aggregate_job(self.ctx, request)
        if not outcome:
            return None
        runner = TaskRunner(self, tr("Aggregate"), tr("Reading the answers files…"), job)
        runner.succeeded.connect(self._counted)
        runner.failed.connect(self._failed)
        runner.cancelled.connect(lambda: self._summary(tr("Cancelled: nothing counted."),
                                                       None))
        runner.finished.connect(self._update_buttons)
        self.runner = runner
        self._update_buttons()
        runner.start()
        return runner

    def _summary(self, text: str, colour: str | None) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};" if colour else "")
        self.summary.show()

    def _failed(self, exc: object) -> None:
        self._set_result(None)
        message = getattr(exc, "message", None) or (
            f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.strerror
            else str(exc))
        self._summary(tr("The answers could not be counted: {reason}").format(reason=message),
                      ERROR)

    def _counted(self, result: Any) -> None:
        errors = [*result.errors, *getattr(result, "previous_errors", ())]
        if errors:
            self._set_result(None)
            self._show_problems(errors)
            return
        current = result.current.to_json()
        if not int(current.get("units", 0)):
            self._set_result(None)
            self._summary(tr("No answers for {year} in these files.").format(
                year=current.get("year", "")), HINT_AMBER)
            return
        self._set_result(result)
        files = len(getattr(result, "files", ()) or ())
        units = int(current.get("units", 0))
        text = trn("{n} unit's answers counted for {year}", "{n} units' answers counted for "
                   "{year}", units).format(n=units, year=current.get("year", ""))
        if files and files != units:
            text += " " + trn("({n} file)", "({n} files)", files).format(n=files)
        superseded = list(getattr(result, "superseded", ()) or ())
        if superseded:
            text += ". " + trn("{n} earlier submission replaced by a later one",
                               "{n} earlier submissions replaced by later ones",
                               len(superseded)).format(n=len(superseded))
        self._summary(text + ".", SUCCESS)
        self._fill_table(result)

    def _show_problems(self, errors: list[Any]) -> None:
        self.problems.show_problems(errors)
        self.stack.setCurrentWidget(self.problems_page)
        first = self.problems.topLevelItem(0)
        if first is not None:
            self.problems.setCurrentItem(first)
        self._problem_chosen(first)
        self._summary(trn("{n} problem in the answers files: nothing is counted until it is "
                          "fixed.", "{n} problems in the answers files: nothing is counted "
                          "until they are fixed.", len(errors)).format(n=len(errors)), ERROR)

    def _problem_chosen(self, item: QTreeWidgetItem | None, *_previous: object) -> None:
        if item is None:
            self.problem_detail.clear()
            return
        where = item.toolTip(0) or item.text(0)
        if item.text(1):
            where = tr("{file}, question {question}").format(file=where, question=item.text(1))
        self.problem_detail.setText(f"{where}:\n{item.text(2)}")

    def _fill_table(self, result: Any) -> None:
        self.table.show_result(result, self.result_questionnaire)
        self.stack.setCurrentWidget(self.table)
        missing = list(getattr(result, "not_answered", ()) or ())
        if missing:
            names = ", ".join(_unit_name(m) for m in missing)
            self.not_answered.setText(trn("{n} unit has not answered: {units}",
                                          "{n} units have not answered: {units}",
                                          len(missing)).format(n=len(missing), units=names))
            # counted all the same: someone to remind, not an error
            self.not_answered.setStyleSheet(f"color: {HINT_AMBER};")
        else:
            self.not_answered.clear()
        self.not_answered.setVisible(bool(missing))

    def _set_result(self, result: Any) -> None:
        self.result = result
        if result is None:
            self.table.clear()
            self.not_answered.hide()
            self.stack.setCurrentWidget(self.hint)
        self.export_label.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.runner is not None and self.runner.running
        self.run_button.setEnabled(not busy)
        for button in (self.export_pdf, self.export_xlsx):
            button.setEnabled(self.result is not None and not busy)

    # -- exporting ---------------------------------------------------------------------------
    def export(self, kind: str, path: Path | None = None) -> TaskRunner | None:
        if self.result is None or (self.runner is not None and self.runner.running):
            return None
        year = self.result.current.to_json().get("year", "")
        if path is None:
            name = f"hms-arsrapportering-{year}.{kind}"
            pattern = tr("PDF files (*.pdf)") if kind == "pdf" else tr("Excel files (*.xlsx)")
            chosen, _ = QFileDialog.getSaveFileName(self, tr("Export the aggregate"),
                                                    str(Path.home() / name), pattern)
            if not chosen:
                return None
            path = Path(chosen)
        runner = TaskRunner(self, tr("Export"), tr("Writing {name}…").format(name=path.name),
                            data.export_job(self.result, self.result_questionnaire, path, kind,
                                            language(), self.expected))
        runner.succeeded.connect(self._exported)
        runner.failed.connect(lambda exc: self._export_failed(exc, path))
        runner.finished.connect(self._update_buttons)
        self.runner = runner
        self._update_buttons()
        runner.start()
        return runner

    def _exported(self, path: Path) -> None:
        self.exported = path
        self.export_label.setText(tr("Written: {path}").format(path=path))
        self.export_label.setStyleSheet(f"color: {SUCCESS};")

    def _export_failed(self, exc: object, path: Path) -> None:
        reason = getattr(exc, "message", None) or getattr(exc, "strerror", None) or str(exc)
        self.export_label.setText(tr("Could not write {path}: {reason}").format(
            path=path, reason=reason))
        self.export_label.setStyleSheet(f"color: {ERROR};")
