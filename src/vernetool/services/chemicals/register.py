"""The chemical register's table: a count and pages of holdings under a filter, in SQL.

The "storage problems" filter's holdings are worked out once and kept until the database
changes (``conn.total_changes`` for this connection's writes, ``PRAGMA data_version`` for
another's), so typing in the filter with it on costs what it costs without.
"""

from __future__ import annotations

import sqlite3

from vernetool.db.chemicals import register
from vernetool.db.chemicals.register import HoldingFilter
from vernetool.domain.chemicals.model import Holding
from vernetool.services.store import Store

__all__ = ["ChemicalRegisterService", "HoldingFilter"]

_ALL = HoldingFilter()


class ChemicalRegisterService:
    def __init__(self, store: Store) -> None:
        self.store = store
        # the holdings the "storage problems" filter keeps, and the state they were
        # worked out in (any write, here or by another connection, makes them stale)
        self._problems: tuple[tuple[int, int], frozenset[int]] | None = None

    def _problem_ids(self, conn: sqlite3.Connection, flt: HoldingFilter
                     ) -> frozenset[int] | None:
        if not flt.storage_problems:
            return None
        state = register.data_state(conn)
        if self._problems is None or self._problems[0] != state:
            self._problems = (state, register.problem_holding_ids(conn))
        return self._problems[1]

    def count(self, flt: HoldingFilter = _ALL) -> int:
        with self.store.read() as conn:
            return register.count_holdings(conn, flt,
                                           problem_ids=self._problem_ids(conn, flt))

    def page(self, flt: HoldingFilter = _ALL, offset: int = 0, limit: int = 100
             ) -> list[Holding]:
        """Holdings matching ``flt`` by product name (then id), ``limit`` from ``offset``."""
        with self.store.read() as conn:
            return register.page_holdings(conn, flt, offset=offset, limit=limit,
                                          problem_ids=self._problem_ids(conn, flt))
