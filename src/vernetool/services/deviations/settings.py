"""The deviation settings kept with the data: categories, hours worked per year (the H1/H2
denominator) and the risk matrix thresholds."""

from __future__ import annotations

from vernetool.db.deviations import settings
from vernetool.db.deviations.settings import Category
from vernetool.domain.deviations.rules import RiskMatrix
from vernetool.services.notifier import Topic
from vernetool.services.store import Store

__all__ = ["Category", "DeviationSettingsService", "RiskMatrix"]


class DeviationSettingsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- categories --------------------------------------------------------------------------
    def categories(self, *, include_inactive: bool = False) -> list[Category]:
        """Main categories in their order, each with its subcategories."""
        with self.store.read() as conn:
            return settings.list_categories(conn, include_inactive=include_inactive)

    def add_category(self, name: str, *, parent_id: int | None = None,
                     name_en: str = "") -> int:
        with self.store.write(Topic.DEVIATION_SETTINGS) as conn:
            return settings.add_category(conn, name, parent_id=parent_id, name_en=name_en,
                                         actor=self.store.actor)

    def set_category_active(self, category_id: int, active: bool) -> None:
        """Hide or show a category in choices (deviations keep the names they have)."""
        with self.store.write(Topic.DEVIATION_SETTINGS) as conn:
            settings.set_category_active(conn, category_id, active, actor=self.store.actor)

    # -- hours worked -------------------------------------------------------------------------
    def hours_worked(self, year: int) -> float | None:
        with self.store.read() as conn:
            return settings.get_hours_worked(conn, year)

    def set_hours_worked(self, year: int, hours: float | None) -> None:
        """Record (or with ``None`` remove) the hours worked in ``year``."""
        with self.store.write(Topic.DEVIATION_SETTINGS) as conn:
            settings.set_hours_worked(conn, year, hours, actor=self.store.actor)

    # -- risk matrix --------------------------------------------------------------------------
    def risk_matrix(self) -> RiskMatrix:
        with self.store.read() as conn:
            return settings.get_risk_matrix(conn)

    def set_risk_matrix(self, matrix: RiskMatrix) -> None:
        with self.store.write(Topic.DEVIATION_SETTINGS) as conn:
            settings.set_risk_matrix(conn, matrix, actor=self.store.actor)
