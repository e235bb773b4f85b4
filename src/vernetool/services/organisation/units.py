"""Lookups the organisation forms offer: units and buildings."""

from __future__ import annotations

from vernetool.db.organisation.buildings import list_buildings
from vernetool.db.organisation.units import list_units
from vernetool.domain.organisation import Building, Unit
from vernetool.services.store import Store


class UnitsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def units(self) -> list[Unit]:
        """Every unit in code order."""
        with self.store.read() as conn:
            return list_units(conn)

    def buildings(self) -> list[Building]:
        """Every building in code order, with its campus."""
        with self.store.read() as conn:
            return list_buildings(conn)
