"""Deviation settings kept with the data: categories, hours worked per year, risk matrix."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.deviations.sql import NOW_SQL
from vernetool.domain.deviations.rules import RiskMatrix
from vernetool.domain.errors import ValidationError

# --- settings kept with the data -------------------------------------------------------

@dataclass(frozen=True)
class Category:
    id: int
    name: str
    name_en: str
    active: bool
    subcategories: tuple[Category, ...] = ()

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


def list_categories(conn: sqlite3.Connection, *, include_inactive: bool = False
                    ) -> list[Category]:
    """Main categories in their order, each with its subcategories."""
    rows = conn.execute("SELECT * FROM deviation_category ORDER BY sort_order, name").fetchall()
    children: dict[int, list[Category]] = {}
    for r in rows:
        if r["parent_id"] is not None and (include_inactive or r["active"]):
            children.setdefault(r["parent_id"], []).append(
                Category(r["id"], r["name"], r["name_en"], bool(r["active"])))
    return [Category(r["id"], r["name"], r["name_en"], bool(r["active"]),
                     tuple(children.get(r["id"], [])))
            for r in rows if r["parent_id"] is None and (include_inactive or r["active"])]


def add_category(conn: sqlite3.Connection, name: str, *, parent_id: int | None = None,
                 name_en: str = "", actor: str) -> int:
    if not name.strip():
        raise ValidationError("category.name_missing", "name")
    try:
        cur = conn.execute(
            "INSERT INTO deviation_category (parent_id, name, name_en, sort_order) VALUES "
            "(?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM deviation_category "
            "WHERE parent_id IS ?))", (parent_id, name.strip(), name_en.strip(), parent_id))
    except sqlite3.IntegrityError as exc:
        raise ValidationError("category.exists", "name", name=name.strip()) from exc
    category_id = int(cur.lastrowid or 0)
    audit.record(conn, actor, "deviation_category", category_id, "create", {"name": name})
    return category_id


def set_category_active(conn: sqlite3.Connection, category_id: int, active: bool, *,
                        actor: str) -> None:
    """Hide or show a category in choices (deviations keep the names they have)."""
    conn.execute("UPDATE deviation_category SET active = ? WHERE id = ?",
                 (int(active), category_id))
    audit.record(conn, actor, "deviation_category", category_id, "active", {"active": active})


def get_hours_worked(conn: sqlite3.Connection, year: int) -> float | None:
    row = conn.execute("SELECT hours FROM hours_worked WHERE year = ?", (year,)).fetchone()
    return float(row["hours"]) if row else None


def set_hours_worked(conn: sqlite3.Connection, year: int, hours: float | None, *,
                     actor: str) -> None:
    """Record (or with ``None`` remove) the hours worked in a year, the H1/H2 denominator."""
    if hours is None:
        conn.execute("DELETE FROM hours_worked WHERE year = ?", (year,))
    else:
        if hours <= 0:
            raise ValidationError("hours_worked.not_positive", "hours_worked")
        if not 1900 <= year <= 2999:
            raise ValidationError("year.implausible", "year", year=year)
        conn.execute(f"INSERT INTO hours_worked (year, hours) VALUES (?, ?) ON CONFLICT (year) "
                     f"DO UPDATE SET hours = excluded.hours, updated_at = {NOW_SQL}",
                     (year, float(hours)))
    audit.record(conn, actor, "hours_worked", year, "set", {"hours": hours})


_MATRIX_KEYS = ("deviation.risk.yellow_from", "deviation.risk.red_from")


def get_risk_matrix(conn: sqlite3.Connection) -> RiskMatrix:
    values = dict(conn.execute("SELECT key, value FROM app_meta WHERE key IN (?, ?)",
                               _MATRIX_KEYS).fetchall())
    default = RiskMatrix()
    try:
        return RiskMatrix(int(values.get(_MATRIX_KEYS[0], default.yellow_from)),
                          int(values.get(_MATRIX_KEYS[1], default.red_from)))
    except (ValueError, ValidationError):
        return default


def set_risk_matrix(conn: sqlite3.Connection, matrix: RiskMatrix, *, actor: str) -> None:
    with atomic(conn):
        for key, value in zip(_MATRIX_KEYS, (matrix.yellow_from, matrix.red_from),
                              strict=True):
            conn.execute("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", (key, str(value)))
        audit.record(conn, actor, "risk_matrix", None, "set",
                     {"yellow_from": matrix.yellow_from, "red_from": matrix.red_from})
