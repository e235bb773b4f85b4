"""Units (faculty → department/section) and campuses."""

from __future__ import annotations

import sqlite3

from vernetool.domain.organisation import Unit


def ensure_unit(conn: sqlite3.Connection, code: str, name: str = "") -> int:
    """The id of the unit with this code, creating it if it is unknown."""
    code = code.strip()
    row = conn.execute("SELECT id FROM unit WHERE code = ?", (code,)).fetchone()
    if row:
        return int(row["id"])
    return int(conn.execute("INSERT INTO unit (code, name) VALUES (?, ?)",
                            (code, name.strip())).lastrowid or 0)


def upsert_unit(conn: sqlite3.Connection, unit: Unit) -> int:
    parent_id = ensure_unit(conn, unit.parent_code) if unit.parent_code else None
    unit_id = ensure_unit(conn, unit.code, unit.name)
    conn.execute(
        "UPDATE unit SET name = ?, parent_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
        "'now') WHERE id = ? AND (name IS NOT ? OR parent_id IS NOT ?)",
        (unit.name, parent_id, unit_id, unit.name, parent_id),
    )
    return unit_id


def list_units(conn: sqlite3.Connection) -> list[Unit]:
    rows = conn.execute(
        "SELECT u.id, u.code, u.name, p.code AS parent_code FROM unit u "
        "LEFT JOIN unit p ON p.id = u.parent_id ORDER BY u.code"
    ).fetchall()
    return [Unit(r["code"], r["name"], r["parent_code"], r["id"]) for r in rows]


def ensure_campus(conn: sqlite3.Connection, name: str) -> int | None:
    name = name.strip()
    if not name:
        return None
    row = conn.execute("SELECT id FROM campus WHERE name = ?", (name,)).fetchone()
    if row:
        return int(row["id"])
    return int(conn.execute("INSERT INTO campus (name) VALUES (?)", (name,)).lastrowid or 0)


def list_campuses(conn: sqlite3.Connection) -> list[str]:
    return [r["name"] for r in conn.execute("SELECT name FROM campus ORDER BY name")]
