"""The rooms table: a paged model over ``RoomsService.rows`` with today's responsible."""

from __future__ import annotations

from typing import Any

from vernetool.i18n import tr
from vernetool.services.organisation import RoomFilter, RoomRow
from vernetool.services.organisation.rooms import RoomsService
from vernetool.ui.common.labels import format_number, room_type_label
from vernetool.ui.common.paged_table_model import RIGHT, Column, PagedTableModel, Sort


def format_area(value: float | None) -> str:
    """48.5 → "48,5" in Norwegian, "48.5" in English; whole numbers without decimals."""
    return format_number(value)


def room_columns() -> list[Column[RoomRow]]:
    return [
        Column(lambda: tr("Building"), lambda r: r.room.building_code, sort_key="building",
               tooltip=lambda r: r.room.building_name),
        Column(lambda: tr("Room"), lambda r: r.room.number, sort_key="room"),
        Column(lambda: tr("Name"), lambda r: r.room.name, sort_key="name",
               tooltip=lambda r: r.room.name),
        Column(lambda: tr("Type"), lambda r: room_type_label(r.room.type), sort_key="type",
               tooltip=lambda r: room_type_label(r.room.type)),
        Column(lambda: tr("Floor"), lambda r: r.room.floor, sort_key="floor"),
        Column(lambda: tr("Area (m²)"), lambda r: format_area(r.room.area_m2), RIGHT,
               sort_key="area"),
        Column(lambda: tr("Unit"), lambda r: r.room.unit_code or "", sort_key="unit"),
        Column(lambda: tr("Room responsible"), lambda r: r.responsible,
               sort_key="responsible", tooltip=lambda r: r.responsible),
    ]


class RoomsTableModel(PagedTableModel[RoomRow, RoomFilter]):
    """Rooms matching a ``RoomFilter``; counted with one query, loaded 200 rows at a time."""

    def __init__(self, rooms: RoomsService, flt: RoomFilter | None = None, *,
                 page_size: int = 200, sort: Sort | None = None, parent: Any = None) -> None:
        def fetch(f: RoomFilter, offset: int, limit: int, sort: Sort | None) -> list[RoomRow]:
            if sort is None:
                return rooms.rows(f, offset=offset, limit=limit)
            return rooms.rows(f, offset=offset, limit=limit, order=sort.key,
                              descending=sort.descending)

        super().__init__(room_columns(), rooms.count, fetch,
                         flt or RoomFilter(),
                         page_size=page_size, sort=sort, parent=parent)

    def row_of_room(self, room_id: int) -> int:
        """The loaded row showing this room, or -1."""
        for row, item in enumerate(self._rows):
            if item.room.id == room_id:
                return row
        return -1
