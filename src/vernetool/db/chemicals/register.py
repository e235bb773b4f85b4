"""The chemical register's table: a filtered count and pages of holdings, in SQL.

Filter-as-you-type runs ``search_text LIKE ?`` (one per word) on ``chemical_holding`` alone;
the count is a query of its own, and a page is ordered by the search text (it starts with the
product's name) then id, read with LIMIT/OFFSET. The index on (status, search_text)
(migration 6) makes both a covering scan that never sorts the holdings in use.

"Storage problems only" cannot be said in SQL (the segregation classes come from the
products' names as well as their codes): the holdings it keeps are worked out once
(``problem_holding_ids``, kept by the register service until the data changes) and the filter
reads them by id (``json_each(?)`` joined to the holdings) under the same WHERE.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vernetool.db.chemicals.common import like_clauses
from vernetool.db.chemicals.holdings import SELECT, holding
from vernetool.domain.chemicals.model import Holding

if TYPE_CHECKING:
    from vernetool.domain.chemicals.segregation import HazardClass


@dataclass(frozen=True)
class HoldingFilter:
    """Every word of ``text`` is found in the holding's product name, supplier, CAS numbers,
    H codes, ``building:room`` or storage place; disposed holdings only when asked;
    ``storage_problems``: only holdings that stand with an incompatible product in their
    storage place (see ``problem_holding_ids``)."""

    text: str = ""
    include_disposed: bool = False
    room_id: int | None = None
    cmr_only: bool = False
    storage_problems: bool = False

    def source(self) -> str:
        """The table, read by the room's index when one room is asked for (the search
        index's order would make SQLite walk every holding in use to find one room's)."""
        if self.room_id is not None:
            return "chemical_holding h INDEXED BY chemical_holding_room"
        return "chemical_holding h"

    def where(self) -> tuple[str, list[object]]:
        """The WHERE clause and its parameters (all but ``storage_problems``, which
        ``from_where`` says as a join)."""
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

    def from_where(self, problem_ids: Collection[int] = ()) -> tuple[str, list[object]]:
        """``FROM … WHERE …`` and its parameters; ``problem_ids`` are the holdings a
        ``storage_problems`` filter keeps. Those few are read by id first (a join from
        their list, CROSS so SQLite keeps that order) rather than tested against every
        holding the search index walks."""
        where, params = self.where()
        if not self.storage_problems:
            return f" FROM {self.source()}{where}", params
        ids = "[" + ",".join(str(int(i)) for i in sorted(problem_ids)) + "]"
        return (" FROM json_each(?) AS problem CROSS JOIN chemical_holding h "
                f"ON h.id = problem.value{where}", [ids, *params])


def problem_holding_ids(conn: sqlite3.Connection) -> frozenset[int]:
    """The holdings in use that stand with an incompatible one in their storage place.

    Each product is classified once (name and H codes); only the holdings of products in
    some class are read, by (room, place)."""
    from vernetool.domain.chemicals.segregation import conflicting_classified, hazard_classes

    codes: dict[int, list[str]] = {}
    for product_id, code in conn.execute(
            "SELECT product_id, code FROM chemical_statement WHERE kind = 'H' "
            "ORDER BY product_id, position"):
        codes.setdefault(int(product_id), []).append(str(code))
    classes = {}
    for product_id, name in conn.execute("SELECT id, name FROM chemical_product"):
        found = hazard_classes(str(name), codes.get(int(product_id), ()))
        if found:
            classes[int(product_id)] = found
    if not classes:
        return frozenset()
    places: dict[tuple[int, str], list[tuple[int, frozenset[HazardClass]]]] = {}
    for holding_id, room_id, place, product_id in conn.execute(
            "SELECT h.id, h.room_id, h.place, h.product_id FROM chemical_holding h "
            "WHERE h.status = 'in_use' AND h.product_id IN (SELECT value FROM json_each(?))",
            ("[" + ",".join(map(str, classes)) + "]",)):
        places.setdefault((room_id, place), []).append((int(holding_id),
                                                        classes[int(product_id)]))
    return conflicting_classified(places.values())


def data_state(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes whenever the database does: this connection's writes (``total_changes``) or
    another connection's commits (``PRAGMA data_version``)."""
    return conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])


def _from_where(conn: sqlite3.Connection, flt: HoldingFilter,
                problem_ids: Collection[int] | None) -> tuple[str, list[object]]:
    if flt.storage_problems and problem_ids is None:
        problem_ids = problem_holding_ids(conn)
    return flt.from_where(problem_ids or ())


def count_holdings(conn: sqlite3.Connection, flt: HoldingFilter = HoldingFilter(), *,
                   problem_ids: Collection[int] | None = None) -> int:
    """How many holdings match ``flt`` (``problem_ids``: ``problem_holding_ids`` worked out
    before, else now when the filter needs them)."""
    from_where, params = _from_where(conn, flt, problem_ids)
    return int(conn.execute(f"SELECT count(*){from_where}", params).fetchone()[0])


def page_holdings(conn: sqlite3.Connection, flt: HoldingFilter = HoldingFilter(), *,
                  offset: int = 0, limit: int = 100,
                  problem_ids: Collection[int] | None = None) -> list[Holding]:
    """One page of the register: the matching holdings' ids first (chemical_holding
    alone), then the page's rows with their product and room."""
    from_where, params = _from_where(conn, flt, problem_ids)
    ids = [r[0] for r in conn.execute(
        f"SELECT h.id{from_where} ORDER BY h.search_text, h.id "
        "LIMIT ? OFFSET ?", [*params, limit, offset])]
    if not ids:
        return []
    rows = conn.execute(f"{SELECT} WHERE h.id IN (SELECT value FROM json_each(?)) "
                        "ORDER BY h.search_text, h.id",
                        ("[" + ",".join(map(str, ids)) + "]",)).fetchall()
    return [holding(r) for r in rows]
