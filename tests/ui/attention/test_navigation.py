"""``go_to(window, target)`` shows the area where a problem is fixed with the record
selected, for the target of every problem the fixture produces; and the Needs-attention
area's "Go to" does it from the main window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from tests.ui.attention.conftest import AS_OF, wait_checked
from vernetool.context import AppContext
from vernetool.domain.checks import CheckCode, Problem, Target
from vernetool.ui.attention.view import AttentionView
from vernetool.ui.rooms.room_window import RoomWindow
from vernetool.ui.shell.main_window import MainWindow
from vernetool.ui.shell.navigation import go_to


@pytest.fixture
def window(qtbot: Any, problems_db: AppContext) -> MainWindow:
    problems_db.settings.set("last_area", "rooms")
    win = MainWindow(problems_db)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def problems_of(ctx: AppContext) -> dict[CheckCode, list[Problem]]:
    found: dict[CheckCode, list[Problem]] = {}
    for problem in ctx.services.checks.problems(None, AS_OF, extras=True,
                                                  with_units=True):
        found.setdefault(problem.code, []).append(problem)
    return found


def target(ctx: AppContext, code: CheckCode) -> Target:
    [problem, *_] = problems_of(ctx)[code]
    assert problem.target is not None
    return problem.target


def registers_tab(window: MainWindow) -> Any:
    page: Any = window.show_area("registers")
    return page, page.current_key()


def test_a_product_opens_the_chemical_register_on_its_room_and_holding(
        window: MainWindow, problems_db: AppContext) -> None:
    assert go_to(window, target(problems_db, CheckCode.SDS_MISSING))
    page, key = registers_tab(window)
    assert window.current_area() == "registers" and key == "chemicals"
    view = page.page("chemicals")
    assert view.room_id == 1
    holding = view.selected_item()
    assert holding is not None and holding.product_id == 2 and holding.room_id == 1


def test_a_cmr_product_opens_its_exposure_entries(window: MainWindow,
                                                  problems_db: AppContext) -> None:
    assert go_to(window, target(problems_db, CheckCode.EXPOSURE_MISSING))
    page, key = registers_tab(window)
    assert key == "exposure"
    view = page.page("exposure")
    assert view.product_combo.currentData() == 3
    assert view.missing_list.currentItem().data(Qt.ItemDataRole.UserRole) == 3


def test_a_source_and_a_leak_test_open_the_source(window: MainWindow,
                                                  problems_db: AppContext) -> None:
    for code, source_id in ((CheckCode.SOURCE_NOT_NOTIFIED, 1),
                            (CheckCode.LEAK_TEST_OVERDUE, 4)):
        assert go_to(window, target(problems_db, code))
        page, key = registers_tab(window)
        assert key == "sources"
        row = page.page("sources").selected_row()
        assert row is not None and row.source.id == source_id


def test_an_agent_a_cabinet_and_the_workers(window: MainWindow,
                                            problems_db: AppContext) -> None:
    assert go_to(window, Target("agent", 2, 1))
    page, key = registers_tab(window)
    assert key == "bio_agents"
    agent = page.page("bio_agents").selected_agent()
    assert agent is not None and agent.id == 2
    assert go_to(window, target(problems_db, CheckCode.CABINET_CERTIFICATION_OVERDUE))
    cabinet = page.page("bio_agents").selected_cabinet()
    assert cabinet is not None and cabinet.id == 1
    assert go_to(window, target(problems_db, CheckCode.VACCINE_OFFER_MISSING))
    page, key = registers_tab(window)
    assert key == "bio_workers"
    worker = page.page("bio_workers").selected_worker()
    assert worker is not None and worker.id == 7
    assert go_to(window, target(problems_db, CheckCode.BIO_REGISTER_MISSING))
    assert registers_tab(window)[1] == "bio_workers"


def test_a_room_without_a_responsible_opens_it_in_rooms(window: MainWindow,
                                                      problems_db: AppContext) -> None:
    window.show_area("persons")
    assert go_to(window, target(problems_db, CheckCode.RESPONSIBLE_MISSING))
    assert window.current_area() == "rooms"
    page: Any = window.show_area("rooms")
    room = page.selected_room()
    assert room is not None and room.id == 3


def test_a_card_problem_opens_the_room_screen_on_its_card(
        qtbot: Any, window: MainWindow, problems_db: AppContext) -> None:
    assert go_to(window, target(problems_db, CheckCode.ROOMCARD_MISSING))
    [screen] = window.findChildren(RoomWindow)
    assert screen.room_id == 3 and screen.isVisible()
    assert screen.tabs.currentWidget() is screen.card_tab
    assert go_to(window, Target("room_screen", 3, 3))      # the same window, raised
    assert window.findChildren(RoomWindow) == [screen]
    qtbot.waitUntil(lambda: screen.data is not None, timeout=30_000)
    screen.close()


def test_a_unit_without_a_round_plans_one(window: MainWindow,
                                          problems_db: AppContext) -> None:
    assert go_to(window, target(problems_db, CheckCode.ROUND_MISSING))
    assert window.current_area() == "rounds"
    page: Any = window.show_area("rounds")
    dialog = page.plan_dialog
    assert dialog.isVisible() and dialog.unit.currentData() == "U2"
    dialog.reject()


def test_an_overdue_measure_opens_its_deviation_and_a_finding_its_action_plan(
        window: MainWindow, problems_db: AppContext) -> None:
    measure, finding = problems_of(problems_db)[CheckCode.ACTION_OVERDUE]
    assert measure.target is not None and finding.target is not None
    assert go_to(window, measure.target)
    assert window.current_area() == "deviations"
    deviations: Any = window.show_area("deviations")
    row = deviations.selected_row()
    assert row is not None and row.id == 1
    assert go_to(window, finding.target)
    assert window.current_area() == "rounds"
    rounds: Any = window.show_area("rounds")
    current = rounds.plan.current_finding()
    assert current is not None and current.id == 5


def test_go_to_from_the_area(qtbot: Any, window: MainWindow) -> None:
    view = window.show_area("attention")
    assert isinstance(view, AttentionView)
    view.as_of.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
    wait_checked(qtbot, view)
    [problem] = [p for p in view.shown_problems() if p.code is CheckCode.SOURCE_NOT_NOTIFIED]
    assert view.select_problem(problem)
    view.detail.go_button.click()
    assert window.current_area() == "registers"
    page: Any = window.show_area("registers")
    assert page.current_key() == "sources"
