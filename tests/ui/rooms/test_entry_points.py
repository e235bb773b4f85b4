"""Every way into the room screen (Rooms, the three registers, the walk, a deviation) opens
the room's window, and the window's rows lead back to where each item is kept."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt

from vernetool.context import AppContext
from vernetool.ui.rooms.open_room import find_room_window
from vernetool.ui.rooms.room_window import RoomWindow
from vernetool.ui.shell.main_window import MainWindow


def main_window(qtbot: Any, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def opened(qtbot: Any, main: MainWindow, ctx: AppContext, room_id: int) -> RoomWindow:
    found = find_room_window(main, ctx, room_id)
    assert isinstance(found, RoomWindow), "no room window opened"
    assert found.isVisible()
    qtbot.waitUntil(lambda: found.data is not None, timeout=10_000)
    return found


def test_rooms_area_enter_double_click_and_the_button(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    main = main_window(qtbot, lab_ctx)
    rooms: Any = main.show_area("rooms")
    assert rooms.select_id(lab["lab"])
    assert rooms.detail.open_button.isVisible()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    rooms.table.setFocus()
    qtbot.keyClick(rooms.table, Qt.Key.Key_Return)
    window = opened(qtbot, main, lab_ctx, lab["lab"])
    window.close()
    assert find_room_window(main, lab_ctx, lab["lab"]) is None
    rooms.detail.open_button.click()
    opened(qtbot, main, lab_ctx, lab["lab"]).close()
    index = rooms.table.currentIndex()
    rooms.table.doubleClicked.emit(index)
    opened(qtbot, main, lab_ctx, lab["lab"]).close()


def test_the_registers_open_the_selected_rows_room(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    main = main_window(qtbot, lab_ctx)
    registers: Any = main.show_area("registers")
    for key, select in (("chemicals", lambda p: p.select_id(lab["holdings"][0])),
                        ("sources", lambda p: p.select_row_of(lab["cs137"])
                         if hasattr(p, "select_row_of") else _select_source(p, lab["cs137"])),
                        ("bio_agents", lambda p: p.select_id(lab["agent"]))):
        page = registers.show_tab(key)
        assert select(page), key
        action = page.open_room_action
        assert action in page.table.actions()            # the table's context menu
        assert action.shortcut().toString() == "Ctrl+Shift+R"
        action.trigger()
        window = opened(qtbot, main, lab_ctx, lab["lab"])
        window.close()


def _select_source(page: Any, source_id: int) -> bool:
    from vernetool.ui.common.list_detail import select_listed_row

    return select_listed_row(page.table, page.model.row_of(source_id))


def test_the_walk_opens_the_current_room(qtbot: Any, lab_ctx: AppContext,
                                          lab: dict[str, Any]) -> None:
    from vernetool.ui.rounds.walk.header import RoomHeader

    main = main_window(qtbot, lab_ctx)
    state: Any = SimpleNamespace(ctx=lab_ctx, room=SimpleNamespace(room_id=lab["lab"]))
    header = RoomHeader(state, main)
    header.open_room_button.click()
    opened(qtbot, main, lab_ctx, lab["lab"]).close()
    assert header.open_room_button.toolTip().endswith("(Ctrl+Shift+R)")


def test_a_deviation_opens_its_room(qtbot: Any, lab_ctx: AppContext,
                                    lab: dict[str, Any]) -> None:
    main = main_window(qtbot, lab_ctx)
    deviations: Any = main.show_area("deviations")
    assert deviations.select_deviation(lab["deviation"])
    button = deviations.detail.room_button
    assert button.isVisibleTo(deviations) and "REALF:D2-108" in button.text()
    button.click()
    opened(qtbot, main, lab_ctx, lab["lab"]).close()


def test_rows_lead_to_where_the_item_is_kept(qtbot: Any, lab_ctx: AppContext,
                                            lab: dict[str, Any]) -> None:
    main = main_window(qtbot, lab_ctx)
    rooms: Any = main.show_area("rooms")
    assert rooms.select_id(lab["lab"])
    rooms.open_current()
    window = opened(qtbot, main, lab_ctx, lab["lab"])

    # a chemical: the register, filtered to the room, the holding selected
    lst = window.chemicals
    benzene = next(r for r in range(lst.count()) if lst.model.row_at(r)["product"] == "Benzen")
    lst.table.selectRow(benzene)
    lst.open_button.click()
    assert main.current_area() == "registers"
    page: Any = main.show_area("registers").current_page()
    assert page.room_id == lab["lab"]
    assert page.selected_item().product_name == "Benzen"

    # a source: the sources register with the source selected
    window.sources.table.selectRow(0)
    window.sources.open_button.click()
    sources: Any = main.show_area("registers").current_page()
    assert sources.selected_row().source.id == window.sources.model.row_at(0)["id"]

    # an agent: the agents register on the room
    window.agents.table.selectRow(0)
    window.agents.open_button.click()
    agents: Any = main.show_area("registers").current_page()
    assert agents.selected_agent().id == lab["agent"]

    # a deviation: the Deviations area with it selected
    window.deviations.table.selectRow(0)
    window.deviations.open_button.click()
    assert main.current_area() == "deviations"
    assert main.show_area("deviations").shown_deviation().id == lab["deviation"]
    window.close()
