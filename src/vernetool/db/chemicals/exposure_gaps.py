"""CMR products in use that have no exposure register entry (what the register still lacks)."""

from __future__ import annotations

import sqlite3

from vernetool.db.chemicals.common import room_labels


def products_without_entries(conn: sqlite3.Connection) -> list[tuple[int, str, tuple[str, ...]]]:
    """(product id, name, the rooms it is in use in) of every product that triggers the
    exposure register, is in use somewhere and has no entry; by name."""
    rows = conn.execute(
        "SELECT p.id, p.name, h.room_id FROM chemical_product p "
        "JOIN chemical_holding h ON h.product_id = p.id AND h.status = 'in_use' "
        "WHERE p.exposure_register = 1 "
        "AND NOT EXISTS (SELECT 1 FROM exposure_entry e WHERE e.product_id = p.id) "
        "GROUP BY p.id, h.room_id ORDER BY p.name COLLATE NOCASE, p.id").fetchall()
    labels = room_labels(conn, {int(r[2]) for r in rows})
    found: dict[int, tuple[str, list[str]]] = {}
    for product_id, name, room_id in rows:
        entry = found.setdefault(int(product_id), (str(name), []))
        entry[1].append(labels.get(int(room_id), ""))
    return [(pid, name, tuple(sorted(rooms))) for pid, (name, rooms) in found.items()]
