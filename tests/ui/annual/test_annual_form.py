"""The unit's form on the demo database: an answer is saved at once (read back through the
service), a follow-up appears and disappears with its parent, a pre-filled answer shows where
it came from and Confirm stores it, Submit refuses without both names and lists what is not
answered, and the answers file is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.annual.conftest import YEAR, wait_read
from vernetool.context import AppContext
from vernetool.i18n import render
from vernetool.ui.annual.form import FormTab
from vernetool.ui.annual.view import AnnualView


def choose(form: FormTab, unit: str) -> None:
    index = form.unit.findData(unit)
    assert index >= 0, unit
    form.unit.setCurrentIndex(index)
    QApplication.processEvents()
    wait_read(form)


def not_started(ctx: AppContext) -> str:
    return next(u.code for u in ctx.services.annual.overview(YEAR) if u.status == "not_started")


def with_pending_prefill(ctx: AppContext) -> tuple[str, str, str]:
    """(unit, question, proposed answer) of a proposal waiting to be confirmed."""
    for unit in ctx.services.annual.overview(YEAR):
        form = ctx.services.annual.form(YEAR, unit.code)
        for qid, state in form.answers.items():
            if state.asked and state.pending and state.prefill is not None \
                    and state.prefill.answer is not None:
                return unit.code, qid, state.prefill.answer
    raise AssertionError("the demo has no pending proposal")


def test_an_answer_is_saved_at_once_and_counted(view: AnnualView, demo: AppContext) -> None:
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    assert form.selected_year() == YEAR
    before = form.progress.text()

    form.row("2").buttons["no"].click()

    stored = demo.services.annual.form(YEAR, unit).answers["2"]
    assert (stored.answer, stored.stored) == ("no", True)
    assert form.progress.text() != before and form.progress.text().startswith("1 of ")
    assert form.saved.text().startswith("Saved")
    assert "Draft: 1 of" in form.unit.currentText()     # the chooser shows the unit's status


def test_free_text_is_saved_when_the_box_is_left(qtbot: Any, view: AnnualView,
                                                  demo: AppContext) -> None:
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    edit = form.row("12").text_edit
    assert edit is not None
    edit.setFocus()
    edit.setPlainText("The line manager meets the HSE coordinator every month.")
    form.line_manager.setFocus()      # leaving the box saves it
    QApplication.processEvents()
    assert demo.services.annual.form(YEAR, unit).answers["12"].answer == (
        "The line manager meets the HSE coordinator every month.")


def test_a_follow_up_appears_and_disappears_with_its_parent(view: AnnualView,
                                                             demo: AppContext) -> None:
    form = view.form
    choose(form, not_started(demo))
    follow_up = form.row("7a")
    assert not follow_up.isVisibleTo(form)

    form.row("7").buttons["yes"].click()
    assert follow_up.isVisibleTo(form)
    assert "7a" in form.current.asked if form.current else False
    follow_up.buttons["yes"].click()
    assert form.row("7b").isVisibleTo(form)            # 7b when 7a is yes

    form.row("7").buttons["no"].click()
    assert not follow_up.isVisibleTo(form)
    assert not form.row("7b").isVisibleTo(form)


def test_a_prefilled_answer_shows_its_source_and_confirm_stores_it(
        view: AnnualView, demo: AppContext) -> None:
    unit, qid, proposed = with_pending_prefill(demo)
    form = view.form
    choose(form, unit)
    row = form.row(qid)
    expected_source = demo.services.annual.form(YEAR, unit).answers[qid].source_text()
    assert row.isVisibleTo(form)
    assert row.buttons[proposed].isChecked()
    assert row.badge.text() == "From the data" and row.badge.isVisibleTo(form)
    assert expected_source and row.source.text() == expected_source
    assert row.confirm_button.isVisibleTo(form)
    assert qid in form.current.unanswered if form.current else False   # not an answer yet

    row.confirm_button.click()

    state = demo.services.annual.form(YEAR, unit).answers[qid]
    assert (state.stored, state.confirmed, state.answer) == (True, True, proposed)
    assert "confirmed" in row.badge.text()
    assert not row.confirm_button.isVisibleTo(form)
    assert row.source.text() == expected_source           # the source stays in sight


def test_a_changed_prefilled_answer_keeps_what_the_data_said(view: AnnualView,
                                                             demo: AppContext) -> None:
    unit, qid, proposed = with_pending_prefill(demo)
    form = view.form
    choose(form, unit)
    row = form.row(qid)
    other = next(code for code in row.buttons if code != proposed)
    row.buttons[other].click()
    state = demo.services.annual.form(YEAR, unit).answers[qid]
    assert (state.answer, state.stored, state.changed) == (other, True, True)
    label = dict(row.view.codes)[proposed]
    assert row.source.text().startswith(f"The data said: {label}")
    assert not row.badge.isVisibleTo(form)


def test_confirm_all_stores_every_pending_proposal(view: AnnualView, demo: AppContext) -> None:
    unit, _qid, _proposed = with_pending_prefill(demo)
    form = view.form
    choose(form, unit)
    waiting = form.current.to_confirm() if form.current else []
    assert waiting and form.confirm_all.isVisibleTo(form)
    assert f"({len(waiting)})" in form.confirm_all.text()
    form.confirm_all.click()
    states = demo.services.annual.form(YEAR, unit).answers
    assert all(states[q].stored and states[q].confirmed for q in waiting)
    assert not form.confirm_all.isVisibleTo(form)


def test_submit_without_the_names_is_refused_with_the_message(view: AnnualView,
                                                              demo: AppContext) -> None:
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    form.row("1").buttons["yes"].click()
    form.line_manager.setText("Kari Nordmann")
    form.safety_rep.clear()

    assert form.submit() is False

    assert form.message.isVisibleTo(form)
    assert render("annual.names_missing")[1:] in form.message.text()
    assert demo.services.annual.form(YEAR, unit).status != "submitted"
    assert form.safety_rep.hasFocus() or not form.isActiveWindow()


def test_submit_lists_the_unanswered_with_a_jump_then_submits_anyway(
        qtbot: Any, view: AnnualView, demo: AppContext) -> None:
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    form.row("1").buttons["yes"].click()
    form.line_manager.setText("Kari Nordmann")
    form.safety_rep.setText("Ola Hansen")
    form.safety_rep.editingFinished.emit()
    assert demo.services.annual.form(YEAR, unit).safety_rep == "Ola Hansen"

    assert form.submit() is False
    text = form.message.text()
    assert "questions are not answered yet" in text and "href='q:2'" in text
    form.message.linkActivated.emit("q:5")         # the jump to question 5
    QApplication.processEvents()
    row = form.row("5")
    bar = form.questions.verticalScrollBar()
    assert bar.value() <= row.y() <= bar.value() + form.questions.viewport().height()

    form.message.linkActivated.emit("allow")      # "Submit anyway"
    QApplication.processEvents()
    assert demo.services.annual.form(YEAR, unit).status == "submitted"
    # the demo has no delivery target for annual answers: the person is told where to add one
    assert "no delivery target" in form.message.text() and "Ctrl+9" in form.message.text()
    assert "Submitted" in form.unit.currentText()


def test_submitted_with_a_target_says_it_waits_in_the_outbox(
        view: AnnualView, demo: AppContext, tmp_path: Path) -> None:
    inbox = tmp_path / "hse-inbox"
    inbox.mkdir()
    demo.services.delivery.targets.add("HSE section", kind="folder", path=str(inbox),
                                       sends="annual")
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    form.row("1").buttons["yes"].click()
    form.line_manager.setText("Kari Nordmann")
    form.safety_rep.setText("Ola Hansen")
    assert form.submit(allow_unanswered=True) is True
    assert "HSE section" in form.message.text() and "outbox" in form.message.text()


def test_save_answers_file_writes_the_design_file(view: AnnualView, demo: AppContext,
                                                  tmp_path: Path) -> None:
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    form.row("2").buttons["yes"].click()
    path = form.save_answers_file(tmp_path / "answers.json")
    assert path is not None
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["schema"] == "vernetool.annual-answers/1"
    assert (written["year"], written["unit"]["code"]) == (YEAR, unit)
    assert written["answers"]["2"] == "yes"


def test_the_answers_go_by_keyboard(qtbot: Any, view: AnnualView, demo: AppContext) -> None:
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    form.go_to_question("2")
    first = form.row("2").buttons["yes"]
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)          # Space chooses
    assert demo.services.annual.form(YEAR, unit).answers["2"].answer == "yes"
    qtbot.keyClick(first, Qt.Key.Key_Right)          # the arrow keys move the choice along
    assert demo.services.annual.form(YEAR, unit).answers["2"].answer == "no"
    chosen = form.row("2").buttons["no"]
    assert chosen.hasFocus()
    qtbot.keyClick(chosen, Qt.Key.Key_Tab)           # Tab: on to the next question
    focused = QApplication.focusWidget()
    assert focused in form.row("3").buttons.values()


def test_tab_goes_from_the_names_through_the_questions_to_the_buttons(
        qtbot: Any, view: AnnualView, demo: AppContext) -> None:
    form = view.form
    choose(form, not_started(demo))
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    form.safety_rep.setFocus()
    qtbot.keyClick(form.safety_rep, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in form.row("1").buttons.values()
    last = form.row("30").buttons["dont_know"]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (form.confirm_all, form.save_file_button)


def test_ctrl_page_down_goes_to_the_aggregate_from_a_name_field(
        qtbot: Any, view: AnnualView) -> None:
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    view.form.line_manager.setFocus()
    qtbot.keyClick(view.form.line_manager, Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentWidget() is view.aggregate
    assert view.aggregate.folder.hasFocus()


def test_the_question_the_keyboard_is_in_stands_out(qtbot: Any, view: AnnualView,
                                                    demo: AppContext) -> None:
    form = view.form
    choose(form, not_started(demo))
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    form.go_to_question("4")
    assert form.row("4")._current and not form.row("5")._current
    form.go_to_question("5")
    assert form.row("5")._current and not form.row("4")._current


def test_the_sync_link_after_submitting_opens_the_sync_area(qtbot: Any,
                                                           demo: AppContext) -> None:
    from vernetool.ui.shell.main_window import MainWindow

    demo.settings.set("last_area", "annual")
    window = MainWindow(demo)
    qtbot.addWidget(window)
    page = window.show_area("annual")
    assert isinstance(page, AnnualView)
    page.form.message.linkActivated.emit("sync")
    assert window.current_area() == "sync"


def test_the_routines_lead_in_shows_once_above_each_group(view: AnnualView,
                                                         demo: AppContext) -> None:
    form = view.form
    choose(form, not_started(demo))
    form.row("24").buttons["yes"].click()
    form.row("26").buttons["yes"].click()
    shown = [qid for qid in ("24a", "24c", "24d", "26b", "26c")
             if (intro := form.row(qid).intro) is not None and intro.isVisibleTo(form)]
    assert shown == ["24a", "26b"]          # 24b and 26a are expired: never shown
    assert "24b" not in form.questions.rows and "26a" not in form.questions.rows


def test_a_unit_is_read_off_the_gui_thread_and_a_quick_second_choice_wins(
        qtbot: Any, view: AnnualView, demo: AppContext) -> None:
    form = view.form
    first, second = [u.code for u in demo.services.annual.overview(YEAR)][-2:]
    demo.services.annual._proposal_cache.clear()        # as on a fresh start: nothing kept

    form.unit.setCurrentIndex(form.unit.findData(first))
    assert form.reading                                  # the registers are read in the back
    assert not form.questions.box.isEnabled() and not form.submit_button.isEnabled()
    assert form.progress.text() == "Reading the registers…"
    form.unit.setCurrentIndex(form.unit.findData(second))   # chosen again before it is done

    qtbot.waitUntil(lambda: not form.reading and form.current is not None, timeout=30000)
    assert form.current is not None and form.current.unit_code == second
    expected = demo.services.annual.form(YEAR, second)
    assert form.current.unanswered == [q for q in expected.unanswered
                                       if q in form.current.asked]
    assert form.questions.box.isEnabled() and form.submit_button.isEnabled()
    assert form.progress.text().endswith("answered")
    # the first read ends too: what it found is kept for later, and the form stays on second
    qtbot.waitUntil(lambda: demo.services.annual.cached_form(YEAR, first) is not None,
                    timeout=30000)
    assert form.current.unit_code == second and form.selected_unit() == second

    form.unit.setCurrentIndex(form.unit.findData(first))     # kept: shown at once
    assert not form.reading and form.current is not None and form.current.unit_code == first


def test_the_save_button_asks_where_and_writes_the_file(view: AnnualView, demo: AppContext,
                                                        tmp_path: Path, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    target = tmp_path / "svar.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    form.save_file_button.click()
    assert json.loads(target.read_text(encoding="utf-8"))["unit"]["code"] == unit
    assert "Saved the answers file" in form.message.text()


def test_the_list_of_unanswered_follows_the_answers(view: AnnualView, demo: AppContext) -> None:
    form = view.form
    unit = not_started(demo)
    choose(form, unit)
    form.line_manager.setText("Henrik Karlsen")
    form.safety_rep.setText("Mohammed Al-Sayed")
    form.submit()
    assert ">2<" in form.message.text() and form.message.isVisibleTo(form)
    form.row("2").buttons["yes"].click()
    assert ">2<" not in form.message.text() and "Submit anyway" in form.message.text()


def test_the_units_are_listed_by_name(view: AnnualView) -> None:
    names = [u.name for u in view.form.units]
    assert names == sorted(names, key=str.casefold) and len(names) > 3


def test_jumping_to_a_routine_shows_its_lead_in_too(qtbot: Any, view: AnnualView,
                                                   demo: AppContext) -> None:
    """24c reached from the list of unanswered questions: "Does the unit have routines
    ensuring that:" above 24a is in view with it, else 24c reads as half a sentence."""
    form = view.form
    unit = next(u.code for u in demo.services.annual.overview(YEAR)
                if demo.services.annual.form(YEAR, u.code).answers["24"].answer == "yes")
    choose(form, unit)
    if demo.services.annual.form(YEAR, unit).answers["24"].stored is False:
        form.confirm(["24"])
        QApplication.processEvents()
    assert form.row("24c").isVisible()
    form.go_to_question("24c")
    QApplication.processEvents()
    top = form.questions.verticalScrollBar().value()
    lead, target = form.row("24a"), form.row("24c")
    assert lead.intro is not None and lead.intro.isVisible()
    assert top <= lead.y(), "the lead-in is above the view"
    assert target.y() + target.height() <= top + form.questions.viewport().height()
