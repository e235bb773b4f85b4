"""The chemical register's table: a filtered count and pages of holdings, in SQL.

Filter-as-you-type runs ``search_text LIKE ?`` (one per word) on ``chemical_holding`` alone;
the count is a query of its own, and a page is ordered by the search text (it starts with the
product's name) then id, read with LIMIT/OFFSET. The index on (status, search_text)
(migration 6) makes both a covering scan that never sorts the holdings in use.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from vernetool.db.chemicals.common import like_clauses
from vernetool.db.chemicals.holdings import SELECT, holding
from vernetool.domain.chemicals.model import Holding


@dataclass(frozen=True)
class HoldingFilter:
    """Every word of ``text`` is found in the holding's product name, supplier, CAS numbers,
    H codes, ``building:room`` or storage place; disposed holdings only when asked."""

    text: str = ""
    include_disposed: bool = False
    room_id: int | None = None
    cmr_only: bool = False

    def source(self) -> str:
        """The table, read by the room's index when one room is asked for (the search
        index's order would make SQLite walk every holding in use to find one room's)."""
        if self.room_id is not None:
            return "chemical_holding h INDEXED BY chemical_holding_room"
        return "chemical_holding h"

    def where(self) -> tuple[str, list[object]]:
        clauses, params = like_clauses("h.search_text", self.text)
        if not self.include_disposed:
            clauses.insert(0, "h.status = 'in_use'")
        if self.room_id is not None:
            clauses.insert(0, "h.room_id = ?")
            params.insert(0, self.room_id)
        if self.cmr_only:
            clauses.append("h.product_id IN (SELECT id FROM chemical_product "
                           "WHERE exposure_register = 1)")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count_holdings(conn: sqlite3.Connection, flt: HoldingFilter = HoldingFilter()) -> int:
    where, params = flt.where()
    return int(conn.execute(f"SELECT count(*) FROM {flt.source()}{where}",
                            params).fetchone()[0])


def page_holdings(conn: sqlite3.Connection, flt: HoldingFilter = HoldingFilter(), *,
                  offset: int = 0, limit: int = 100) -> list[Holding]:
    """One page of the register: the matching holdings' ids first (chemical_holding
    alone), then the page's rows with their product and room."""
    where, params = flt.where()
    ids = [r[0] for r in conn.execute(
        f"SELECT h.id FROM {flt.source()}{where} ORDER BY h.search_text, h.id "
        "LIMIT ? OFFSET ?", [*params, limit, offset])]
    if not ids:
        return []
    rows = conn.execute(f"{SELECT} WHERE h.id IN (SELECT value FROM json_each(?)) "
                        "ORDER BY h.search_text, h.id",
                        ("[" + ",".join(map(str, ids)) + "]",)).fetchall()
    return [holding(r) for r in rows]
