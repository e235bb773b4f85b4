"""The chemical register's table: a count and pages of holdings under a filter, in SQL."""

from __future__ import annotations

from vernetool.db.chemicals import register
from vernetool.db.chemicals.register import HoldingFilter
from vernetool.domain.chemicals.model import Holding
from vernetool.services.store import Store

__all__ = ["ChemicalRegisterService", "HoldingFilter"]

_ALL = HoldingFilter()


class ChemicalRegisterService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def count(self, flt: HoldingFilter = _ALL) -> int:
        with self.store.read() as conn:
            return register.count_holdings(conn, flt)

    def page(self, flt: HoldingFilter = _ALL, offset: int = 0, limit: int = 100
             ) -> list[Holding]:
        """Holdings matching ``flt`` by product name (then id), ``limit`` from ``offset``."""
        with self.store.read() as conn:
            return register.page_holdings(conn, flt, offset=offset, limit=limit)
