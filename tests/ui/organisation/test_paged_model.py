"""The paged table model: Qt model rules, paging with fetchMore, filter resets, 30,000 rooms."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db.organisation.rooms import RoomFilter
from vernetool.domain.organisation import RoomType, search_key
from vernetool.services import Store
from vernetool.services.organisation.rooms import RoomsService
from vernetool.ui.common.paged_table_model import Column, PagedTableModel, Sort
from vernetool.ui.organisation.rooms_table_model import RoomsTableModel


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.set_language("en")


@pytest.fixture
def rooms(conn: sqlite3.Connection, db_path: Path) -> RoomsService:
    return RoomsService(Store(conn, db_path, lambda: "test"))


def make_rooms(conn: sqlite3.Connection, n: int, buildings: int = 20) -> None:
    """n rooms spread over buildings B000…, every third one a lab named 'Lab …' (fast SQL)."""
    with conn:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO building (code, name) VALUES (?, ?)",
                         [(f"B{b:03d}", f"Bygg {b}") for b in range(buildings)])
        ids = [r[0] for r in conn.execute("SELECT id FROM building ORDER BY code")]
        rows = []
        for i in range(n):
            building = ids[i % buildings]
            code = f"B{i % buildings:03d}"
            number = f"{i:05d}"
            room_type = ("lab", "office", "storage")[i % 3]
            name = f"Lab {i}" if room_type == "lab" else f"Rom {i}"
            rows.append((building, number, name, room_type, str(i % 5), 10.0 + i % 40,
                         search_key(code, f"Bygg {i % buildings}", number, name)))
        conn.executemany(
            "INSERT INTO room (building_id, number, name, type, floor, area_m2, search_text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def test_rooms_model_passes_qt_model_checks(conn: sqlite3.Connection, rooms: RoomsService,
                                            qtmodeltester: Any) -> None:
    make_rooms(conn, 1000)
    model = RoomsTableModel(rooms)
    qtmodeltester.check(model)
    assert model.total() == 1000
    assert model.columnCount() == 8
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Type"


def test_fetch_more_loads_one_page_at_a_time(conn: sqlite3.Connection, rooms: RoomsService) -> None:
    make_rooms(conn, 1000)
    model = RoomsTableModel(rooms, page_size=200)
    assert model.rowCount() == 200
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1000
    numbers = [model.row_at(r).room.number for r in range(1000)]
    assert len(set(numbers)) == 1000  # no room twice, none missing across pages


def test_filter_change_resets_and_counts(conn: sqlite3.Connection, rooms: RoomsService,
                                         qtbot: Any) -> None:
    make_rooms(conn, 1000)
    model = RoomsTableModel(rooms)
    model.fetchMore()
    with qtbot.waitSignal(model.modelReset), qtbot.waitSignal(model.total_changed) as total:
        model.set_filter(RoomFilter(type=RoomType.LAB))
    assert total.args == [334]
    assert model.rowCount() == 200
    assert all(model.row_at(r).room.type is RoomType.LAB for r in range(model.rowCount()))
    model.set_filter(RoomFilter(text="lab 99"))  # words in any order, case-folded
    assert {model.row_at(r).room.name for r in range(model.rowCount())} == {
        f"Lab {i}" for i in range(0, 1000, 3) if "99" in str(i)}
    model.set_filter(RoomFilter(text="no such room"))
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_sorting_is_done_in_sql(conn: sqlite3.Connection, rooms: RoomsService) -> None:
    make_rooms(conn, 500)
    model = RoomsTableModel(rooms)
    model.sort(5, Qt.SortOrder.DescendingOrder)  # area
    areas = [model.row_at(r).room.area_m2 or 0 for r in range(model.rowCount())]
    assert areas == sorted(areas, reverse=True)
    assert areas[0] == 49.0
    model.sort(1, Qt.SortOrder.AscendingOrder)  # room number
    assert model.row_at(0).room.number == "00000"


def test_generic_model_over_a_plain_list(qtmodeltester: Any) -> None:
    items = [f"item {i:03d}" for i in range(450)]

    def fetch(flt: str, offset: int, limit: int, sort: Sort | None) -> list[str]:
        chosen = sorted((i for i in items if flt in i), reverse=bool(sort and sort.descending))
        return chosen[offset:offset + limit]

    model: PagedTableModel[str, str] = PagedTableModel(
        [Column(lambda: "Name", lambda s: s, sort_key="name"),
         Column(lambda: "Length", len)],
        lambda flt: sum(flt in i for i in items), fetch, "", page_size=100)
    assert (model.rowCount(), model.total()) == (100, 450)
    qtmodeltester.check(model)
    model.set_filter("item 1")
    assert model.total() == 100 and model.rowCount() == 100 and not model.canFetchMore()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "item 199"
    model.sort(1, Qt.SortOrder.DescendingOrder)  # no sort key: order unchanged
    assert model.data(model.index(0, 0)) == "item 199"


def test_thirty_thousand_rooms_filter_without_loading_them_all(ctx: AppContext,
                                                               qtbot: Any) -> None:
    from vernetool.ui.organisation.rooms_view import RoomsView

    conn = ctx.conn
    make_rooms(conn, 30_000, buildings=180)
    model = RoomsTableModel(ctx.services.rooms)
    assert model.total() == 30_000
    assert model.rowCount() == 200  # one page, not 30,000 rows
    model.set_filter(RoomFilter(text="lab"))
    assert model.total() == 10_000 and model.rowCount() == 200

    view = RoomsView(ctx)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.filter_edit, "b018 lab 2")
    qtbot.waitUntil(lambda: view.model.filter.text == "b018 lab 2")
    expected = conn.execute(
        "SELECT count(*) FROM room WHERE search_text LIKE '%b018%' AND search_text LIKE '%lab%'"
        " AND search_text LIKE '%2%'").fetchone()[0]
    assert view.model.total() == expected > 0
    assert 0 < view.model.rowCount() <= 200
    assert view.count_label.text() == f"{QLocale().toString(expected)} rooms"
