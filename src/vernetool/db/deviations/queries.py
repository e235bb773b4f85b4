"""The filtered, sorted, paged deviations list (with full-text search) and its header counts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from vernetool.db.deviations.sql import FINISHED_SQL, date_or_none
from vernetool.domain.deviations.rules import (
    FINISHED_STATUSES,
    DeviationStatus,
    DeviationType,
)

# --- the list -------------------------------------------------------------------------

class DeviationSort(StrEnum):
    REPORTED_AT = "reported_at"
    TYPE = "type"
    TITLE = "title"
    STATUS = "status"
    CATEGORY = "category"
    SEVERITY = "severity"
    RISK = "risk"
    ROOM = "room"
    UNIT = "unit"
    CLOSING_DEADLINE = "closing_deadline"
    ID = "id"


_SORT_SQL: dict[DeviationSort, tuple[str, ...]] = {
    DeviationSort.REPORTED_AT: ("d.reported_at",),
    DeviationSort.TYPE: ("d.type",),
    DeviationSort.TITLE: ("d.title COLLATE NOCASE",),
    DeviationSort.STATUS: ("d.status",),
    DeviationSort.CATEGORY: ("d.category COLLATE NOCASE", "d.subcategory COLLATE NOCASE"),
    DeviationSort.SEVERITY: ("coalesce(d.potential_consequence, 0)",),
    DeviationSort.RISK: ("coalesce(d.potential_consequence * d.probability, 0)",),
    DeviationSort.ROOM: ("room_label COLLATE NOCASE",),
    DeviationSort.UNIT: ("unit_code COLLATE NOCASE",),
    DeviationSort.CLOSING_DEADLINE: ("coalesce(d.closing_deadline, '9999')",),
    DeviationSort.ID: ("d.id",),
}


def fts_query(text: str) -> str:
    """User words → an FTS5 query: every word must match, each as a prefix ("brann*")."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"*' for w in words)


@dataclass(frozen=True)
class DeviationFilter:
    """What the deviations list shows. Empty tuples / None mean "any".

    ``text`` is a full-text search (prefix per word) in title, description, cause and
    immediate action. ``overdue_only`` keeps unfinished deviations past their closing
    deadline or with a measure past its deadline (as of ``today``, default the real today).
    """

    statuses: tuple[DeviationStatus, ...] = ()
    types: tuple[DeviationType, ...] = ()
    category: str | None = None
    subcategory: str | None = None
    severities: tuple[int, ...] = ()
    min_severity: int | None = None
    room_id: int | None = None
    unit_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""
    overdue_only: bool = False
    open_only: bool = False
    source_finding_id: int | None = None

    def where(self, today: dt.date) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def among(column: str, values: Iterable[Any]) -> None:
            items = list(values)
            if items:
                clauses.append(f"{column} IN ({', '.join('?' for _ in items)})")
                params.extend(items)

        among("d.status", [s.value for s in self.statuses])
        among("d.type", [t.value for t in self.types])
        among("d.potential_consequence", self.severities)
        for column, value in (("d.category", self.category),
                              ("d.subcategory", self.subcategory),
                              ("d.room_id", self.room_id), ("d.unit_id", self.unit_id),
                              ("d.source_finding_id", self.source_finding_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.min_severity is not None:
            clauses.append("d.potential_consequence >= ?")
            params.append(self.min_severity)
        if self.date_from is not None:
            clauses.append("d.reported_at >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to is not None:
            clauses.append("d.reported_at <= ?")
            params.append(self.date_to.isoformat())
        query = fts_query(self.text)
        if query:
            clauses.append("d.id IN (SELECT rowid FROM deviation_fts WHERE deviation_fts "
                           "MATCH ?)")
            params.append(query)
        if self.open_only:
            clauses.append(f"d.status NOT IN ({FINISHED_SQL})")
        if self.overdue_only:
            clauses.append(_OVERDUE_SQL)
            params.extend([today.isoformat(), today.isoformat()])
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_OVERDUE_SQL = (
    f"(d.status NOT IN ({FINISHED_SQL}) AND ((d.closing_deadline IS NOT NULL "
    "AND d.closing_deadline < ?) OR EXISTS (SELECT 1 FROM deviation_action a "
    "WHERE a.deviation_id = d.id AND a.status <> 'done' AND a.deadline < ?)))"
)


@dataclass(frozen=True)
class DeviationRow:
    """One line of the deviations list."""

    id: int
    reported_at: dt.date
    type: DeviationType
    title: str
    status: DeviationStatus
    category: str
    subcategory: str
    potential_consequence: int | None
    probability: int | None
    room_label: str
    unit_code: str
    closing_deadline: dt.date | None
    closed_at: dt.date | None
    overdue: bool
    open_actions: int
    has_injury: bool
    external_id: str | None = None


_LIST_SELECT = (
    "SELECT d.id, d.reported_at, d.type, d.title, d.status, d.category, d.subcategory, "
    "d.potential_consequence, d.probability, d.closing_deadline, d.closed_at, d.external_id, "
    "d.room_text, CASE WHEN r.id IS NULL THEN d.room_text ELSE b.code || ':' || r.number END "
    "AS room_label, coalesce(u.code, '') AS unit_code, "
    f"{_OVERDUE_SQL} AS overdue, "
    "(SELECT count(*) FROM deviation_action a WHERE a.deviation_id = d.id "
    "AND a.status <> 'done') AS open_actions, "
    "EXISTS (SELECT 1 FROM deviation_injury i WHERE i.deviation_id = d.id) AS has_injury "
    "FROM deviation d LEFT JOIN room r ON r.id = d.room_id "
    "LEFT JOIN building b ON b.id = r.building_id LEFT JOIN unit u ON u.id = d.unit_id"
)


def query_deviations(conn: sqlite3.Connection, flt: DeviationFilter = DeviationFilter(), *,
                     sort: DeviationSort = DeviationSort.REPORTED_AT, descending: bool = True,
                     offset: int = 0, limit: int = -1, today: dt.date | None = None
                     ) -> list[DeviationRow]:
    """A page of the list, newest first by default (ties broken by id)."""
    day = (today or dt.date.today()).isoformat()
    where, params = flt.where(dt.date.fromisoformat(day))
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in _SORT_SQL[sort])
    rows = conn.execute(f"{_LIST_SELECT}{where} ORDER BY {order}, d.id {direction} "
                        "LIMIT ? OFFSET ?", [day, day, *params, limit, offset]).fetchall()
    return [DeviationRow(
        r["id"], dt.date.fromisoformat(r["reported_at"]), DeviationType(r["type"]), r["title"],
        DeviationStatus(r["status"]), r["category"], r["subcategory"],
        r["potential_consequence"], r["probability"], r["room_label"], r["unit_code"],
        date_or_none(r["closing_deadline"]), date_or_none(r["closed_at"]), bool(r["overdue"]),
        r["open_actions"], bool(r["has_injury"]), r["external_id"]) for r in rows]


def count_deviations(conn: sqlite3.Connection, flt: DeviationFilter = DeviationFilter(), *,
                     today: dt.date | None = None) -> int:
    where, params = flt.where(today or dt.date.today())
    return int(conn.execute(f"SELECT count(*) FROM deviation d{where}", params).fetchone()[0])


def status_counts(conn: sqlite3.Connection, flt: DeviationFilter = DeviationFilter(), *,
                  today: dt.date | None = None) -> dict[str, int]:
    """Counts for the list header under ``flt`` without its status choice.

    Keys: every status value, ``total``, ``open`` (not closed/rejected/transferred) and
    ``overdue``.
    """
    day = today or dt.date.today()
    base = DeviationFilter(**{**{f.name: getattr(flt, f.name) for f in fields(flt)},
                              "statuses": (), "overdue_only": False, "open_only": False})
    where, params = base.where(day)
    counts: dict[str, int] = {s.value: 0 for s in DeviationStatus}
    for row in conn.execute(f"SELECT d.status, count(*) AS n FROM deviation d{where} "
                            "GROUP BY d.status", params):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s.value] for s in DeviationStatus)
    counts["open"] = counts["total"] - sum(counts[s.value] for s in FINISHED_STATUSES)
    overdue_where, overdue_params = DeviationFilter(
        **{**{f.name: getattr(base, f.name) for f in fields(base)}, "overdue_only": True}
    ).where(day)
    counts["overdue"] = int(conn.execute(f"SELECT count(*) FROM deviation d{overdue_where}",
                                         overdue_params).fetchone()[0])
    return counts
