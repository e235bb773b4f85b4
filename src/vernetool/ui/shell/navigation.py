"""Going to the place a problem is fixed (the Needs-attention screen's "Go to"):
``go_to(window, target)`` shows the right area and selects the record.

- product / holding → the Registers area, chemicals tab, on the room, the holding selected;
  exposure → the exposure tab on the product;
- source → the radiation sources tab; radiation_worker → its workers tab;
- agent / cabinet → the biological agents tab (the cabinet in the cabinets table);
  bio_worker → the biological workers tab; bio_workers → that tab, ready to add a worker;
- room → the Rooms area with the room selected (where a room responsible is appointed);
  room_card → the room screen (``ui.rooms.open_room``) on its card tab; room_screen → the
  room screen;
- unit → the HSE rounds area, planning a round for the unit; round → the round selected;
- deviation / measure → the Deviations area with the deviation selected;
- finding → the round's action plan with the finding selected.

Returns whether the record was found and selected (the area is shown either way).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, cast

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

from vernetool.context import AppContext
from vernetool.domain.checks import Target

__all__ = ["Navigator", "go_to"]


class Navigator(Protocol):
    """What ``go_to`` needs of the main window."""

    ctx: AppContext

    def show_area(self, key: str) -> QWidget: ...


def _clear_filter(view: Any) -> None:
    edit = getattr(view, "filter_edit", None)
    if isinstance(edit, QLineEdit) and edit.text():
        edit.clear()
        apply = getattr(view, "apply_filter", None)
        if apply is not None:
            apply()


def _select(view: Any, select: Callable[[], bool], model: QAbstractItemModel | None = None
            ) -> bool:
    """``select()``; failing that, without the filter; failing that, loading more rows of a
    paged list until the record is among them."""
    if select():
        return True
    _clear_filter(view)
    if select():
        return True
    while model is not None and model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
        if select():
            return True
    return False


def _select_table_row(table: QTableView, row: int) -> bool:
    if row < 0:
        return False
    model = table.model()
    table.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    table.scrollTo(model.index(row, 0))
    return True


def _registers(window: Navigator, tab: str) -> Any:
    page: Any = window.show_area("registers")
    return page.show_tab(tab)


def _product(window: Navigator, target: Target) -> bool:
    ctx = window.ctx
    view = _registers(window, "chemicals")
    holding_id = target.id
    if target.kind == "product":
        holdings = [h for h in ctx.services.chemicals.holdings_of_product(target.id)
                    if target.room_id is None or h.room_id == target.room_id]
        in_use = [h for h in holdings if str(getattr(h.status, "value", h.status)) == "in_use"]
        if not (in_use or holdings):
            return False
        holding_id = (in_use or holdings)[0].id
    view.show_room(target.room_id)
    return _select(view, lambda: bool(view.select_id(holding_id)), view.model)


def _exposure(window: Navigator, product_id: int) -> bool:
    """The exposure register on the product, the product chosen in its list of CMR products
    without entries (its button registers one)."""
    page: Any = window.show_area("registers")
    page.show_exposure(product_id)
    view = page.page("exposure")
    missing = getattr(view, "missing_list", None)
    if missing is None:
        return False
    for row in range(missing.count()):
        if missing.item(row).data(Qt.ItemDataRole.UserRole) == product_id:
            missing.setCurrentRow(row)
            missing.scrollToItem(missing.item(row))
            view.missing_button.setFocus()
            return True
    return False


def _room_screen(window: Navigator, target: Target) -> bool:
    """The room screen; for a card problem, on its card tab."""
    from vernetool.ui.rooms.open_room import open_room

    room_id = target.room_id if target.room_id is not None else target.id
    screen: Any = open_room(cast(QWidget, window), window.ctx, room_id)
    if target.kind == "room_card" and hasattr(screen, "card_tab"):
        screen.tabs.setCurrentWidget(screen.card_tab)
    return True


def _room(window: Navigator, target: Target) -> bool:
    """The Rooms area with the room selected (where a room responsible is appointed)."""
    room_id = target.room_id if target.room_id is not None else target.id
    view: Any = window.show_area("rooms")
    room = window.ctx.services.rooms.get(room_id)
    if room is not None and view.select_room(room_id):
        return True
    if room is not None:
        view.filter_edit.setText(room.label)
        view.apply_filter()
    return _select(view, lambda: bool(view.select_room(room_id)), view.model)


def _unit(window: Navigator, target: Target) -> bool:
    view: Any = window.show_area("rounds")
    view.show_list()
    view.new_round()
    dialog = getattr(view, "plan_dialog", None)
    if dialog is None:
        return False
    index = dialog.unit.findData(target.code)
    if index < 0:
        return False
    dialog.unit.setCurrentIndex(index)
    return True


def _deviation(window: Navigator, deviation_id: int) -> bool:
    view: Any = window.show_area("deviations")
    if view.select_deviation(deviation_id):
        return True
    view.clear_filters()
    return _select(view, lambda: bool(view.select_deviation(deviation_id)), view.model)


def _finding(window: Navigator, target: Target) -> bool:
    view: Any = window.show_area("rounds")
    if target.parent_id is None:
        return False
    view.show_list()
    view.select_round(target.parent_id)
    view.open_action_plan(target.parent_id)
    plan = getattr(view, "plan", None) or view.stack.currentWidget()
    model = plan.model
    for row in range(model.rowCount()):
        finding = model.finding_at(row)
        if finding is not None and finding.id == target.id:
            return _select_table_row(plan.table, row)
    return False


def go_to(window: Navigator, target: Target) -> bool:
    """Show the place ``target`` is fixed and select it there."""
    kind = target.kind
    if kind in ("product", "holding"):
        return _product(window, target)
    if kind == "exposure":
        return _exposure(window, target.id)
    if kind == "source":
        view = _registers(window, "sources")
        return _select(view, lambda: bool(view.select_id(target.id)))
    if kind == "radiation_worker":
        view = _registers(window, "radiation_workers")
        return _select(view, lambda: bool(view.select_id(target.id)))
    if kind == "agent":
        view = _registers(window, "bio_agents")
        view.show_room(None)
        return _select(view, lambda: bool(view.select_id(target.id)))
    if kind == "cabinet":
        view = _registers(window, "bio_agents")
        view.show_room(None)
        return bool(view.select_cabinet(target.id))
    if kind == "bio_worker":
        view = _registers(window, "bio_workers")
        return _select(view, lambda: bool(view.select_id(target.id)))
    if kind == "bio_workers":
        view = _registers(window, "bio_workers")
        _clear_filter(view)
        view.new_button.setFocus()
        return True
    if kind == "room":
        return _room(window, target)
    if kind in ("room_card", "room_screen"):
        return _room_screen(window, target)
    if kind == "unit":
        return _unit(window, target)
    if kind == "round":
        rounds: Any = window.show_area("rounds")
        rounds.show_list()
        rounds.select_round(target.id)
        return bool(rounds.selected_round_id() == target.id)
    if kind in ("deviation", "measure"):
        return _deviation(window, target.parent_id if kind == "measure"
                          and target.parent_id is not None else target.id)
    if kind == "finding":
        return _finding(window, target)
    return False
