"""The holdings' ``search_text``: the product's (name, supplier, CAS, H codes) + where it is.

The register's filter-as-you-type runs ``search_text LIKE ?`` on ``chemical_holding`` alone,
so the text carries the product's words and the location (``building:room place``),
case-folded. It is renewed whenever a product, a room or a building changes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from vernetool.db.chemicals.common import search_words


def location_words(room_label: str, place: str) -> str:
    return search_words(room_label, place)


def holding_text(product_search: str, room_label: str, place: str) -> str:
    return f"{product_search} {location_words(room_label, place)}".strip()


def _with_functions(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.create_function("holding_text", 3, holding_text, deterministic=True)
    return conn


def refresh(conn: sqlite3.Connection, *, product_ids: Iterable[int] | None = None,
            room_ids: Iterable[int] | None = None) -> int:
    """Renew the search text of the holdings of these products and/or rooms (all when both
    are None); returns how many changed."""
    clauses: list[str] = []
    params: list[object] = []
    for column, ids in (("h.product_id", product_ids), ("h.room_id", room_ids)):
        if ids is not None:
            values = sorted(set(ids))
            if not values:
                continue
            clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
            params.append("[" + ",".join(str(int(v)) for v in values) + "]")
    if not clauses and (product_ids is not None or room_ids is not None):
        return 0
    where = (" AND (" + " OR ".join(clauses) + ")") if clauses else ""
    cur = _with_functions(conn).execute(
        "UPDATE chemical_holding AS h SET search_text = x.text FROM ("
        " SELECT h.id, holding_text(p.search_text, b.code || ':' || r.number, h.place) AS text"
        " FROM chemical_holding h JOIN chemical_product p ON p.id = h.product_id"
        " JOIN room r ON r.id = h.room_id JOIN building b ON b.id = r.building_id"
        f" WHERE 1{where}) AS x WHERE h.id = x.id AND h.search_text IS NOT x.text", params)
    return cur.rowcount
