"""The aggregate tab on real answers files in a folder: the counts and percentages per
question and answer, the units that have not answered, the previous year beside, the
problems case (nothing counted), and the export to a real PDF and XLSX in the background."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from tests.ui.annual.conftest import YEAR
from vernetool.context import AppContext
from vernetool.ui.annual.aggregate_tab import AggregateTab
from vernetool.ui.annual.view import AnnualView


def answers_file(folder: Path, year: int, code: str, answers: dict[str, str]) -> Path:
    path = folder / f"{code}-{year}.json"
    path.write_text(json.dumps({
        "schema": "vernetool.annual-answers/1", "year": year,
        "unit": {"code": code, "name": f"Unit {code}"},
        "answered_by": {"line_manager": "Kari Nordmann", "safety_rep": "Ola Hansen"},
        "submitted_at": f"{year}-11-15T10:00:00Z", "answers": answers}), encoding="utf-8")
    return path


def run(qtbot: Any, tab: AggregateTab) -> None:
    runner = tab.run()
    assert runner is not None
    with qtbot.waitSignal(runner.finished, timeout=20000):
        pass
    QApplication.processEvents()


def question(tab: AggregateTab, qid: str) -> QTreeWidgetItem:
    for index in range(tab.table.topLevelItemCount()):
        item = tab.table.topLevelItem(index)
        if item is not None and item.data(0, 0x0100) == qid:
            return item
    raise AssertionError(f"no row for question {qid}")


def answer_row(top: QTreeWidgetItem, code: str) -> list[str]:
    qid = top.data(0, 0x0100)
    for index in range(top.childCount()):
        child = top.child(index)
        if child is not None and child.data(0, 0x0100) == f"{qid}:{code}":
            assert child is not None
            return [child.text(c) for c in range(5)]
    raise AssertionError(f"no row for {qid} {code}")


def test_the_counts_of_real_files_with_last_year_beside(qtbot: Any, view: AnnualView,
                                                        demo: AppContext,
                                                        tmp_path: Path) -> None:
    folder, before = tmp_path / "inbox", tmp_path / "last-year"
    folder.mkdir()
    before.mkdir()
    codes = [u.code for u in demo.services.annual.overview(YEAR)]
    answers_file(folder, YEAR, codes[0], {"1": "yes", "2": "yes", "7": "yes", "7a": "no"})
    answers_file(folder, YEAR, codes[1], {"1": "yes", "2": "no", "7": "no"})
    answers_file(folder, YEAR, codes[2], {"1": "yes", "2": "yes", "7": "yes", "7a": "yes"})
    answers_file(before, YEAR - 1, codes[0], {"1": "yes", "2": "no"})
    view.tabs.setCurrentWidget(view.aggregate)
    tab = view.aggregate
    tab.folder.setText(str(folder))
    tab.previous.setText(str(before))
    tab.year.setCurrentIndex(tab.year.findData(YEAR))

    run(qtbot, tab)

    assert tab.stack.currentWidget() is tab.table
    assert "3 units' answers counted for 2025" in tab.summary.text()
    two = question(tab, "2")
    assert two.text(1) == "3 answered"
    assert answer_row(two, "yes")[:3] == ["Yes", "2", "66.7 %"]
    assert answer_row(two, "no")[:5] == ["No", "1", "33.3 %", "1", "100.0 %"]
    assert answer_row(two, "dont_know")[1:3] == ["0", "0.0 %"]
    seven_a = question(tab, "7a")                              # of the two that said yes to 7
    assert seven_a.text(1) == "2 answered" and answer_row(seven_a, "yes")[1:3] == ["1", "50.0 %"]
    assert not tab.table.isColumnHidden(3)
    # the database's other units have not answered
    assert tab.not_answered.isVisibleTo(tab)
    assert f"({codes[3]})" in tab.not_answered.text()
    assert f"({codes[0]})" not in tab.not_answered.text()
    assert tab.export_pdf.isEnabled() and tab.export_xlsx.isEnabled()

    for kind in ("pdf", "xlsx"):
        target = tmp_path / f"aggregate.{kind}"
        runner = tab.export(kind, target)
        assert runner is not None
        with qtbot.waitSignal(runner.finished, timeout=60000):
            pass
        assert target.exists() and str(target) in tab.export_label.text()
    assert (tmp_path / "aggregate.pdf").read_bytes()[:5] == b"%PDF-"
    assert zipfile.is_zipfile(tmp_path / "aggregate.xlsx")


def test_problems_in_the_files_are_listed_and_nothing_is_counted(
        qtbot: Any, view: AnnualView, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    answers_file(folder, YEAR, "IKJ", {"1": "yes", "2": "maybe"})
    answers_file(folder, YEAR, "IFY", {"1": "yes", "7": "no", "7a": "yes"})
    answers_file(folder, YEAR - 3, "IBI", {"1": "yes"})
    tab = view.aggregate
    tab.folder.setText(str(folder))
    tab.year.setCurrentIndex(tab.year.findData(YEAR))

    run(qtbot, tab)

    assert tab.stack.currentWidget() is tab.problems_page
    # the chosen problem whole under the table (a long one does not fit its row)
    first = tab.problems.topLevelItem(0)
    assert first is not None and tab.problem_detail.text().endswith(first.text(2))
    assert "/" in tab.problem_detail.text().splitlines()[0]       # the file's whole path
    items = [tab.problems.topLevelItem(i) for i in range(tab.problems.topLevelItemCount())]
    rows = [[item.text(c) for c in range(3)] for item in items if item is not None]
    files = {row[0] for row in rows}
    assert {"IKJ-2025.json", "IFY-2025.json", "IBI-2022.json"} <= files
    assert any(row[0] == "IKJ-2025.json" and row[1] == "2" and "maybe" in row[2]
               for row in rows), rows
    assert any(row[0] == "IFY-2025.json" and row[1] == "7a" for row in rows), rows
    assert "nothing is counted" in tab.summary.text()
    assert tab.table.topLevelItemCount() == 0
    assert not tab.export_pdf.isEnabled() and not tab.export_xlsx.isEnabled()


def test_the_folder_of_a_target_receiving_annual_answers_is_the_default(
        qtbot: Any, demo: AppContext, tmp_path: Path) -> None:
    inbox = tmp_path / "hse-inbox"
    inbox.mkdir()
    demo.services.delivery.targets.add("HSE section", kind="folder", path=str(inbox),
                                       sends="annual")
    page = AnnualView(demo)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.aggregate)
    assert page.aggregate.folder.text() == str(inbox)


def test_a_missing_folder_is_said_plainly(view: AnnualView, tmp_path: Path) -> None:
    tab = view.aggregate
    tab.folder.setText(str(tmp_path / "not-there"))
    assert tab.run() is None
    assert "does not exist" in tab.summary.text()


def test_files_of_another_year_only_count_nothing_and_say_so(qtbot: Any, view: AnnualView,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    tab = view.aggregate
    tab.folder.setText(str(folder))
    tab.year.setCurrentIndex(tab.year.findData(YEAR))
    run(qtbot, tab)
    assert tab.summary.text() == "No answers for 2025 in these files."
    assert tab.stack.currentWidget() is tab.hint
    assert not tab.export_pdf.isEnabled()
