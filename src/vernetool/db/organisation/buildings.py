"""Buildings and the campuses they stand on."""

from __future__ import annotations

import sqlite3

from vernetool.db.organisation.units import ensure_campus
from vernetool.domain.organisation import Building, search_key


def get_building(conn: sqlite3.Connection, code: str) -> Building | None:
    row = conn.execute(
        "SELECT b.id, b.code, b.name, c.name AS campus FROM building b "
        "LEFT JOIN campus c ON c.id = b.campus_id WHERE b.code = ?", (code.strip(),)
    ).fetchone()
    if row is None:
        return None
    return Building(row["code"], row["name"], row["campus"] or "", row["id"])


def ensure_building(conn: sqlite3.Connection, code: str, name: str = "", campus: str = "") -> int:
    """The id of the building, creating it, and filling in a name or campus given now."""
    code = code.strip()
    row = conn.execute("SELECT id, name, campus_id FROM building WHERE code = ?",
                       (code,)).fetchone()
    campus_id = ensure_campus(conn, campus) if campus.strip() else None
    if row is None:
        return int(conn.execute(
            "INSERT INTO building (code, name, campus_id) VALUES (?, ?, ?)",
            (code, name.strip(), campus_id)).lastrowid or 0)
    building_id = int(row["id"])
    new_name = name.strip() or row["name"]
    new_campus = campus_id if campus_id is not None else row["campus_id"]
    if new_name != row["name"] or new_campus != row["campus_id"]:
        conn.execute(
            "UPDATE building SET name = ?, campus_id = ?, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
            (new_name, new_campus, building_id))
        _refresh_room_search(conn, building_id)
    return building_id


def list_buildings(conn: sqlite3.Connection) -> list[Building]:
    rows = conn.execute(
        "SELECT b.id, b.code, b.name, c.name AS campus FROM building b "
        "LEFT JOIN campus c ON c.id = b.campus_id ORDER BY b.code").fetchall()
    return [Building(r["code"], r["name"], r["campus"] or "", r["id"]) for r in rows]


def _refresh_room_search(conn: sqlite3.Connection, building_id: int) -> None:
    rows = conn.execute(
        "SELECT r.id, b.code, b.name AS bname, r.number, r.name, u.code AS ucode "
        "FROM room r JOIN building b ON b.id = r.building_id "
        "LEFT JOIN unit u ON u.id = r.unit_id WHERE r.building_id = ?", (building_id,)
    ).fetchall()
    conn.executemany(
        "UPDATE room SET search_text = ? WHERE id = ?",
        [(search_key(r["code"], r["bname"], r["number"], r["name"], r["ucode"]), r["id"])
         for r in rows])
