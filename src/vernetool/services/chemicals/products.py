"""Products and holdings: saving, disposing, and what a room or a storage place holds."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from vernetool.db.chemicals import exposure as exposure_rows
from vernetool.db.chemicals import holdings as holding_rows
from vernetool.db.chemicals import products as product_rows
from vernetool.db.meta import get_meta, set_meta
from vernetool.domain.chemicals.model import (
    Holding,
    HoldingInput,
    HoldingState,
    Product,
    ProductInput,
)
from vernetool.domain.errors import ValidationError
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

if TYPE_CHECKING:
    from vernetool.domain.chemicals.quantities import FlammableTotals
    from vernetool.domain.chemicals.segregation import ConflictGroup, SegregationConflict

SDS_MAX_AGE = "chemicals.sds_max_age_years"
DEFAULT_SDS_MAX_AGE = 3


class ChemicalsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- products --------------------------------------------------------------------------
    def save_product(self, inp: ProductInput, product_id: int | None = None) -> Product:
        """Create (``product_id`` None) or update a product: name required, each CAS number
        checked, statements parsed, signal word checked (derived from the codes when not
        given); pictograms and the exposure register flag derived. ``chemical.exists`` on a
        name + supplier another product has."""
        topics = [Change(Topic.CHEMICALS, (product_id,) if product_id else ())]
        if product_id is not None:
            topics += [Change(Topic.HOLDINGS), Change(Topic.EXPOSURE)]
        with self.store.write(*topics) as conn:
            saved = product_rows.save_product(conn, inp, product_id, actor=self.store.actor)
            product = product_rows.require_product(conn, saved)
            if product_id is not None:   # new codes may call for a longer retention
                exposure_rows.extend_retention(conn, saved, product.hazard_codes,
                                               actor=self.store.actor)
            return product

    def product(self, product_id: int) -> Product:
        with self.store.read() as conn:
            return product_rows.require_product(conn, product_id)

    def find_product(self, name: str, supplier: str = "") -> Product | None:
        with self.store.read() as conn:
            return product_rows.find_product(conn, name, supplier)

    def products(self, text: str = "", limit: int = 50, *, offset: int = 0,
                 cmr_only: bool = False) -> list[Product]:
        """Products whose name, supplier, CAS numbers or H codes hold every word of ``text``,
        by name."""
        with self.store.read() as conn:
            return product_rows.list_products(conn, text, limit=limit, offset=offset,
                                              cmr_only=cmr_only)

    @staticmethod
    def statement_texts(codes: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
        """(code, English text from the EU list) for each code; "" for a text not known."""
        from vernetool.domain.chemicals.statements import statement_text

        found: list[tuple[str, str]] = []
        for code in codes:
            try:
                found.append((code, statement_text(code)))
            except (KeyError, ValueError):
                found.append((code, ""))
        return found

    # -- holdings --------------------------------------------------------------------------
    def holdings_of_product(self, product_id: int, *, include_disposed: bool = True
                            ) -> list[Holding]:
        with self.store.read() as conn:
            return holding_rows.holdings_of_product(conn, product_id,
                                                    include_disposed=include_disposed)

    def holding(self, holding_id: int) -> Holding:
        with self.store.read() as conn:
            return holding_rows.require_holding(conn, holding_id)

    def add_holding(self, inp: HoldingInput) -> Holding:
        """A product in a room's storage place; ``holding.exists`` when that product is there
        already (edit that holding instead)."""
        with self.store.write(Topic.HOLDINGS) as conn:
            holding_id = holding_rows.add_holding(conn, inp, actor=self.store.actor)
            return holding_rows.require_holding(conn, holding_id)

    def update_holding(self, holding_id: int, inp: HoldingInput) -> Holding:
        """Change quantity, unit, containers, place, room or status; the previous state stays
        in the history."""
        with self.store.write(Change(Topic.HOLDINGS, (holding_id,))) as conn:
            holding_rows.update_holding(conn, holding_id, inp, actor=self.store.actor)
            return holding_rows.require_holding(conn, holding_id)

    def dispose_holding(self, holding_id: int, on: dt.date | None = None) -> Holding:
        """Mark a holding disposed (on ``on``, default today); it stays in the register."""
        with self.store.write(Change(Topic.HOLDINGS, (holding_id,))) as conn:
            holding_rows.dispose_holding(conn, holding_id, on or dt.date.today(),
                                         actor=self.store.actor)
            return holding_rows.require_holding(conn, holding_id)

    def holding_history(self, holding_id: int) -> list[HoldingState]:
        """The holding's previous states, oldest first (the current one is ``holding()``)."""
        with self.store.read() as conn:
            holding_rows.require_holding(conn, holding_id)
            return holding_rows.holding_history(conn, holding_id)

    # -- rooms and storage places ----------------------------------------------------------
    def room_chemicals(self, room_id: int, include_disposed: bool = False) -> list[Holding]:
        with self.store.read() as conn:
            return holding_rows.room_holdings(conn, room_id, include_disposed=include_disposed)

    def storage_places(self, room_id: int) -> list[str]:
        with self.store.read() as conn:
            return holding_rows.storage_places(conn, room_id)

    def place_holdings(self, room_id: int, place: str) -> list[Holding]:
        """What one storage place holds (in use), by product (the printable list)."""
        with self.store.read() as conn:
            return holding_rows.room_holdings(conn, room_id, place=place)

    def flammable_litres(self, room_id: int) -> FlammableTotals:
        """Litres of flammable liquids category 1 (H224) and 2 (H225) in use in the room;
        holdings in mass units are counted as unconverted, never guessed."""
        from vernetool.domain.chemicals.quantities import flammable_litres

        return flammable_litres(self.room_chemicals(room_id))

    def segregation_problems(self, room_id: int | None = None) -> list[SegregationConflict]:
        """Incompatible products in one storage place (of the room, or of every room)."""
        from vernetool.domain.chemicals.segregation import conflicts

        with self.store.read() as conn:
            items = holding_rows.in_use_by_place(conn, room_id)
        found: list[SegregationConflict] = []
        for _where, group in items.items():
            found += conflicts(group)
        return found

    def place_segregation(self, room_id: int, place: str) -> list[ConflictGroup]:
        """The segregation problems of one storage place (its holdings in use), one group
        per pair of incompatible classes."""
        from vernetool.domain.chemicals.segregation import grouped_conflicts

        return grouped_conflicts(self.place_holdings(room_id, place))

    def room_segregation(self, room_id: int) -> dict[str, list[ConflictGroup]]:
        """The segregation problems of the room's storage places, by place (places without
        a problem left out)."""
        from vernetool.domain.chemicals.segregation import conflicts_by_place

        return conflicts_by_place(self.room_chemicals(room_id))

    def segregation_holding_ids(self) -> frozenset[int]:
        """Every holding in use that stands with an incompatible one in its storage place
        (the register's "Storage problems" filter)."""
        from vernetool.db.chemicals.register import problem_holding_ids

        with self.store.read() as conn:
            return problem_holding_ids(conn)

    # -- settings --------------------------------------------------------------------------
    def sds_max_age_years(self) -> int:
        with self.store.read() as conn:
            value = get_meta(conn, SDS_MAX_AGE)
        try:
            return max(1, int(value)) if value else DEFAULT_SDS_MAX_AGE
        except ValueError:
            return DEFAULT_SDS_MAX_AGE

    def set_sds_max_age_years(self, years: int) -> None:
        if not 1 <= years <= 50:
            raise ValidationError("sds.max_age_range", "years", minimum=1, maximum=50)
        with self.store.write(Topic.CHEMICALS) as conn:
            set_meta(conn, SDS_MAX_AGE, str(years))
            from vernetool.db import audit

            audit.record(conn, self.store.actor, "app_meta", None, "update",
                         {SDS_MAX_AGE: years})
