"""The printable list of a room's storage places (PDF): gathering what it shows, writing it.

``build()`` reads the room, its unit and the holdings in use of one storage place (or of
every place of the room, one section each) through the chemicals service, with the place's
segregation problems (incompatible products side by side); ``write()`` hands
that to ``reports.storage_place_list`` (reportlab imported only then). Disposed holdings are
never listed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from vernetool.domain.chemicals.model import HoldingStatus, Product
from vernetool.domain.errors import NotFoundError

if TYPE_CHECKING:
    from vernetool.reports.storage_place_list import StorageList
    from vernetool.services import Services

__all__ = ["StorageListService"]


class StorageListService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def build(self, room_id: int, place: str | None = None, *,
              today: dt.date | None = None) -> StorageList:
        """What the list of ``place`` in the room shows (``None``: every place of the room);
        ``NotFoundError`` for a room that does not exist."""
        from vernetool.domain.chemicals.sds import sds_states
        from vernetool.domain.chemicals.segregation import grouped_conflicts
        from vernetool.reports.storage_place_list import ListRow, PlaceSection, StorageList

        today = today or dt.date.today()
        room = self.services.rooms.get(room_id)
        if room is None:
            raise NotFoundError("room.no_such_id", room_id=room_id)
        chemicals = self.services.chemicals
        places = chemicals.storage_places(room_id) if place is None else [place]
        max_age = chemicals.sds_max_age_years()
        products: dict[int, Product] = {}
        sections = []
        for name in places:
            rows = []
            holdings = [h for h in chemicals.place_holdings(room_id, name)
                        if h.status is HoldingStatus.IN_USE]
            for holding in sorted(holdings, key=lambda h: h.product_name.casefold()):
                product = products.get(holding.product_id)
                if product is None:
                    product = products[holding.product_id] = chemicals.product(
                        holding.product_id)
                sds = product.sds
                states = sds_states(sds is not None, sds.revised_on if sds else None,
                                    sds.language if sds else "", today, max_age)
                rows.append(ListRow(holding, product, frozenset(s.value for s in states)))
            sections.append(PlaceSection(name, tuple(rows),
                                         tuple(grouped_conflicts(holdings))))
        codes = sorted({code for product in products.values() for code in product.hazard_codes})
        unit = ""
        if room.unit_code:
            names = {u.code: u.name for u in self.services.units.units()}
            unit = f"{room.unit_code} {names.get(room.unit_code, '')}".strip()
        return StorageList(room.label, room.name, room.building_name, unit, tuple(sections),
                           tuple(chemicals.statement_texts(codes)), today)

    def write(self, room_id: int, place: str | None, out: Path, lang: str, *,
              today: dt.date | None = None) -> Path:
        """Write the list (see ``build``) to ``out`` as PDF in ``lang``; returns the path."""
        return self.render(self.build(room_id, place, today=today), out, lang)

    @staticmethod
    def render(data: StorageList, out: Path, lang: str) -> Path:
        """Write a list built before (no database access: a job off the GUI thread may)."""
        from vernetool.reports.storage_place_list import write_storage_place_list

        return write_storage_place_list(data, out, lang)
