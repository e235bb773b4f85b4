"""What the exposure register lacks: CMR products in use with no entry yet (shown highlighted
above the register, each a click from "Register exposure")."""

from __future__ import annotations

from dataclasses import dataclass

from vernetool.services.store import Store

__all__ = ["ExposureGap", "ExposureGapsService"]


@dataclass(frozen=True)
class ExposureGap:
    product_id: int
    product_name: str
    rooms: tuple[str, ...]      # "BUILDING:ROOM" where it is in use


class ExposureGapsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def products_without_entries(self) -> list[ExposureGap]:
        from vernetool.db.chemicals.exposure_gaps import products_without_entries

        with self.store.read() as conn:
            return [ExposureGap(*row) for row in products_without_entries(conn)]
