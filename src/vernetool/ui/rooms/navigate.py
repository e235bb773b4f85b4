"""From the room screen to where an item is kept and fixed: a holding, a source or an agent in
the Registers area, a deviation in Deviations, a finding in its round's action plan, the room
in Rooms.

The main window is the room window's parent; each function shows the area, brings the main
window to the front and returns whether it found the item. Areas are duck-typed (``getattr``)
so this module imports none of them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def main_window(widget: QWidget | None) -> Any:
    """The outermost window above ``widget`` that has areas (``show_area``), or None."""
    found = None
    node = widget
    while node is not None:
        window = node.window()
        if getattr(window, "show_area", None) is not None:
            found = window
        node = window.parentWidget()
    return found


def _area(widget: QWidget | None, key: str) -> Any:
    window = main_window(widget)
    if window is None:
        return None
    page = window.show_area(key)
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    return page


def _register_tab(widget: QWidget | None, key: str) -> Any:
    area = _area(widget, "registers")
    show_tab = getattr(area, "show_tab", None)
    return show_tab(key) if show_tab is not None else None


def _clear_text_filter(page: Any) -> None:
    edit = getattr(page, "filter_edit", None)
    if edit is not None and edit.text():
        edit.setText("")
        apply = getattr(page, "apply_filter", None)
        if apply is not None:
            apply()


def _focus(page: Any) -> None:
    """The keyboard in the register's list (its keys, e.g. Ctrl+Shift+R back to the room)."""
    table = getattr(page, "table", None)
    if table is not None:
        table.setFocus()


def show_holding(widget: QWidget | None, room_id: int, holding_id: int | None = None) -> bool:
    """The chemical register filtered to the room, the holding selected."""
    page = _register_tab(widget, "chemicals")
    if page is None:
        return False
    _clear_text_filter(page)
    page.show_room(room_id)
    _focus(page)
    if holding_id is None:
        return True
    return bool(page.select_id(holding_id))


def show_source(widget: QWidget | None, source_id: int | None = None) -> bool:
    """The radiation sources register, the source selected."""
    from vernetool.ui.common.list_detail import select_listed_row

    page = _register_tab(widget, "sources")
    if page is None:
        return False
    _focus(page)
    if source_id is None:
        return True
    _clear_text_filter(page)
    model = getattr(page, "model", None)
    row = model.row_of(source_id) if model is not None else -1
    if row < 0 and hasattr(page, "show_disposed"):
        page.show_disposed.setChecked(True)
        row = page.model.row_of(source_id)
    return row >= 0 and select_listed_row(page.table, row)


def show_agent(widget: QWidget | None, room_id: int, agent_id: int | None = None) -> bool:
    """The biological agents register on the room, the agent selected."""
    page = _register_tab(widget, "bio_agents")
    if page is None:
        return False
    _clear_text_filter(page)
    page.show_room(room_id)
    _focus(page)
    if agent_id is None:
        return True
    return bool(page.select_id(agent_id))


def show_register(widget: QWidget | None, key: str) -> bool:
    """A register tab (the workers registers, the exposure register)."""
    return _register_tab(widget, key) is not None


def show_deviation(widget: QWidget | None, deviation_id: int) -> bool:
    page = _area(widget, "deviations")
    if page is None:
        return False
    if not page.select_deviation(deviation_id):
        clear = getattr(page, "clear_filters", None)
        if clear is not None:
            clear()
        if not page.select_deviation(deviation_id):
            page.show_detail(deviation_id)
    return True


def show_round_plan(widget: QWidget | None, round_id: int) -> bool:
    """The action plan of the round a finding was made in."""
    page = _area(widget, "rounds")
    if page is None:
        return False
    page.open_action_plan(round_id)
    return True


def show_room_in_rooms(widget: QWidget | None, room_id: int) -> bool:
    """The room selected in the Rooms area (to assign a room responsible)."""
    page = _area(widget, "rooms")
    if page is None:
        return False
    if page.select_id(room_id):
        return True
    _clear_text_filter(page)
    return bool(page.select_id(room_id))
