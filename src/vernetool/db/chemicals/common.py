"""What the chemicals repositories share: the audit entity names, text helpers, dates."""

from __future__ import annotations

import datetime as dt
import sqlite3

PRODUCT = "chemical_product"
HOLDING = "chemical_holding"
SDS = "chemical_sds"
EXPOSURE = "exposure_entry"
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

# SQLite's NOCASE folds ASCII letters only: keys compared in Python must fold the same way.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def nocase(text: str) -> str:
    """``text`` as SQLite's ``COLLATE NOCASE`` compares it."""
    return text.translate(_ASCII_LOWER)


def search_words(*parts: object) -> str:
    """Case-folded text a filter matches with LIKE (SQLite's LIKE folds ASCII only)."""
    return " ".join(str(p) for p in parts if p is not None and p != "").casefold()


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_clauses(column: str, text: str) -> tuple[list[str], list[object]]:
    """One ``LIKE`` per word of ``text`` (every word must be found, in any order)."""
    clauses: list[str] = []
    params: list[object] = []
    for word in text.casefold().split():
        clauses.append(f"{column} LIKE ? ESCAPE '\\'")
        params.append("%" + escape_like(word) + "%")
    return clauses, params


def to_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def room_labels(conn: sqlite3.Connection, room_ids: set[int] | None = None) -> dict[int, str]:
    """``BUILDING:ROOM`` by room id (all rooms, or the ones named)."""
    sql = ("SELECT r.id, b.code || ':' || r.number FROM room r "
           "JOIN building b ON b.id = r.building_id")
    if room_ids is None:
        return {int(r[0]): str(r[1]) for r in conn.execute(sql)}
    found: dict[int, str] = {}
    ids = sorted(room_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update({int(r[0]): str(r[1])
                      for r in conn.execute(f"{sql} WHERE r.id IN ({marks})", chunk)})
    return found
