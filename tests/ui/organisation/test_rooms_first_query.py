"""Opening the rooms area asks the database once: one count and one page, already in the
order the table shows (its sort indicator), not three times while the table is set up."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.organisation.test_paged_model import make_rooms
from vernetool.context import AppContext
from vernetool.services.organisation.rooms import RoomsService
from vernetool.ui.organisation.rooms_view import RoomsView


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    seen: list[tuple[Any, ...]] = []
    count, rows = RoomsService.count, RoomsService.rows

    def counting(self: RoomsService, *args: Any, **kwargs: Any) -> Any:
        seen.append(("count",))
        return count(self, *args, **kwargs)

    def reading(self: RoomsService, *args: Any, **kwargs: Any) -> Any:
        seen.append(("rows", kwargs.get("offset"), kwargs.get("order"),
                     kwargs.get("descending")))
        return rows(self, *args, **kwargs)

    monkeypatch.setattr(RoomsService, "count", counting)
    monkeypatch.setattr(RoomsService, "rows", reading)
    return seen


def test_opening_the_rooms_area_reads_the_first_page_once(
        qtbot: Any, ctx: AppContext, queries: list[tuple[Any, ...]]) -> None:
    make_rooms(ctx.conn, 500)
    view = RoomsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert queries == [("count",), ("rows", 0, "building", False)]
    header = view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0, Qt.SortOrder.AscendingOrder)
    assert [r.room.building_code for r in view.model.rows()[:2]] == ["B000", "B000"]

    queries.clear()
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the order it has: no query
    assert queries == []
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # another order: one reload
    assert queries == [("count",), ("rows", 0, "building", True)]
    assert view.model.rows()[0].room.building_code == "B019"
