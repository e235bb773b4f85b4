"""The aggregate's two tables: the counts per question and answer (the seed's layout, last
year beside), and the problems found in the answers files (file, question, what)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from vernetool.i18n import language, render, tr
from vernetool.ui.annual import data
from vernetool.ui.annual.words import question_number, sentence
from vernetool.ui.common.labels import format_percent
from vernetool.ui.shell.theme import HEADER, MUTED

#: the results table's columns: question / answer, count, percent, last year's count and %
COLUMNS = 5
#: nobody answered the question (or it was not asked): no percentage
NONE = "—"


def _percent(value: object) -> str:
    """One decimal always, as the seed prints it ("68,0 %" in Bokmål)."""
    return format_percent(float(value)) if isinstance(value, int | float) else ""


def _short(file: str) -> str:
    """A file as the person finds it in the folder: its name, or ``bundle.zip: annual/x.json``
    for an entry of a bundle."""
    bundle, colon, entry = file.rpartition(".zip:")
    if colon:
        return f"{Path(bundle).name}.zip: {entry}"
    return Path(file).name


def _align_numbers(item: QTreeWidgetItem) -> None:
    for column in range(1, COLUMNS):
        item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                              | Qt.AlignmentFlag.AlignVCenter)


class ResultsTable(QTreeWidget):
    """A question per top row (its number, text and how many answered), an answer per child
    row (count and percent, and last year's when there is a previous year)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aggregateTable")
        self.setHeaderLabels([tr("Question / answer"), tr("Count"), tr("Percent"),
                              tr("Previous year"), tr("Previous %")])
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_result(self, result: Any, questionnaire: Any) -> None:
        self.clear()
        current = result.current.to_json()["questions"]
        previous = result.previous.to_json()["questions"] if result.previous else {}
        views = data.question_views(questionnaire) if questionnaire is not None else []
        known = {v.id for v in views}
        texts = {v.id: v.text for v in views}
        for qid in [v.id for v in views] + [k for k in current if k not in known]:
            entry = current.get(qid)
            if entry is not None:
                self._question(qid, texts.get(qid, ""), entry, previous.get(qid) or {},
                               bool(previous), questionnaire)
        self.setColumnHidden(3, not previous)
        self.setColumnHidden(4, not previous)

    def _question(self, qid: str, text: str, entry: dict[str, Any], before: dict[str, Any],
                  compared: bool, questionnaire: Any) -> None:
        title = f"{question_number(qid)} {text}".strip()
        answered_then = (tr("{n} answered").format(n=before.get("answered", 0)) if before
                         else tr("not asked") if compared else "")
        top = QTreeWidgetItem([title, tr("{n} answered").format(n=entry.get("answered", 0)),
                               "", answered_then, ""])
        for column in range(COLUMNS):
            top.setBackground(column, QBrush(QColor(HEADER)))
        for column in (1, 3):
            top.setForeground(column, QBrush(QColor(MUTED)))
        top.setToolTip(0, title)
        top.setData(0, Qt.ItemDataRole.UserRole, qid)
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        _align_numbers(top)
        self.addTopLevelItem(top)
        lang = language()
        percent = entry.get("percent", {}) or {}
        asked_before = bool(before) and int(before.get("answered", 0) or 0) > 0
        for code, count in (entry.get("counts", {}) or {}).items():
            label = questionnaire.label(code, lang) if questionnaire is not None else code
            then = before.get("counts", {}).get(code) if asked_before else None
            row = QTreeWidgetItem([
                label, str(count),
                _percent(percent.get(code)) if entry.get("answered") else NONE,
                str(then) if then is not None else (NONE if compared else ""),
                _percent(before.get("percent", {}).get(code)) if asked_before
                else (NONE if compared else "")])
            row.setData(0, Qt.ItemDataRole.UserRole, f"{qid}:{code}")
            _align_numbers(row)
            top.addChild(row)
        top.setExpanded(True)


class ProblemsTable(QTreeWidget):
    """One row per problem: the file (a bundle's entry as ``bundle.zip: annual/x.json``),
    the question when it is about one, and what is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aggregateProblems")
        self.setRootIsDecorated(False)
        self.setHeaderLabels([tr("File"), tr("Question"), tr("Problem")])
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.header().setStretchLastSection(True)

    def show_problems(self, errors: list[Any]) -> None:
        self.clear()
        for problem in errors:
            path = str(getattr(problem, "file", "") or "")
            question = str(getattr(problem, "question", None) or "")
            code = str(getattr(problem, "code", "") or "")
            params = dict(getattr(problem, "params", {}) or {})
            item = QTreeWidgetItem([_short(path) if path else "",
                                    question,
                                    sentence(render(code, **params)) if code else ""])
            item.setToolTip(0, path)
            item.setToolTip(2, item.text(2))
            self.addTopLevelItem(item)
        self.resizeColumnToContents(0)
        self.setColumnWidth(1, max(self.columnWidth(1), 80))
