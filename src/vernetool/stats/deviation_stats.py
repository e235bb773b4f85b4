"""The yearly deviation statistics: the ``stats`` JSON of DESIGN.md (seed tables 1 and 2,
figures 1-5, H1/H2).

For the UI and the report: ``deviation_stats(conn, year, as_of=, hours=)`` → the dict printed
by ``vernetool stats``; ``monthly_by_type(conn, year, as_of=)`` for the stacked month chart;
``serious_events(conn, year, as_of=)`` for the report's list of events with very serious or
catastrophic potential.

Counting rules:

* a report belongs to the year of its ``reported_at`` and is counted if it was reported on
  or before ``as_of`` (default today); "closed" = status closed with ``closed_at`` ≤ as_of;
* "deviations" are all types but improvement suggestions; ``by_category``,
  ``by_severity`` and ``by_month`` count deviations (not improvements), as the seed's
  figures do; ``by_category`` key "" is "not categorised", ``by_severity`` key "unknown"
  is "not assessed";
* the injury breakdown mirrors table 2: ``not_reported_to_nav`` + ``reported_to_nav`` =
  ``total``, and the absence counts break down the injuries reported to NAV;
* H1/H2 are computed over all injuries of the year
  (``vernetool.domain.deviations.h_values.h_values``) with ``hours`` if given, else the hours
  recorded for the year;
* ``unit`` (a unit code) counts only the reports of that unit and its sub-units, for a
  safety rep who follows their own unit. The hours recorded are the whole organisation's,
  so with a unit H1/H2 use ``hours`` only when given (the unit's own), else stay unknown.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from vernetool.db.deviations.settings import get_hours_worked
from vernetool.domain.deviations.h_values import h_values
from vernetool.domain.deviations.rules import (
    SERIOUS_POTENTIAL,
    Absence,
    DeviationStatus,
    DeviationType,
    Injury,
    TriState,
)

MONTHS = tuple(f"{m:02d}" for m in range(1, 13))
SEVERITY_KEYS = ("1", "2", "3", "4", "5", "unknown")


def unit_ids(conn: sqlite3.Connection, unit: str) -> list[int]:
    """The ids of the unit with code ``unit`` and of every unit below it."""
    return [int(r[0]) for r in conn.execute(
        "WITH RECURSIVE tree(id) AS (SELECT id FROM unit WHERE code = ? "
        "UNION SELECT u.id FROM unit u JOIN tree t ON u.parent_id = t.id) SELECT id FROM tree",
        (unit.strip(),))]


def _in_unit(conn: sqlite3.Connection, unit: str | None, column: str = "unit_id"
             ) -> tuple[str, list[object]]:
    """`` AND <column> IN (…)`` and its parameters for a unit filter; nothing without one."""
    if not unit:
        return "", []
    ids = unit_ids(conn, unit)
    if not ids:
        return " AND 0", []
    return f" AND {column} IN ({', '.join('?' * len(ids))})", list(ids)


def _window(year: int, as_of: dt.date) -> tuple[str, str]:
    """reported_at range of the year, cut at ``as_of``."""
    end = min(dt.date(year, 12, 31), as_of)
    return dt.date(year, 1, 1).isoformat(), end.isoformat()


def deviation_stats(conn: sqlite3.Connection, year: int, *, as_of: dt.date | None = None,
                    hours: float | None = None, unit: str | None = None) -> dict[str, Any]:
    as_of = as_of or dt.date.today()
    start, end = _window(year, as_of)
    in_unit, unit_params = _in_unit(conn, unit)
    span = (start, end, *unit_params)
    closed_by = as_of.isoformat()

    reports: dict[str, dict[str, int]] = {
        "deviations": {"registered": 0, "closed": 0},
        "improvements": {"registered": 0, "closed": 0},
    }
    for row in conn.execute(
            "SELECT type = 'improvement' AS improvement, count(*) AS registered, "
            "sum(status = 'closed' AND closed_at <= ?) AS closed FROM deviation "
            f"WHERE reported_at BETWEEN ? AND ?{in_unit} GROUP BY 1", (closed_by, *span)):
        key = "improvements" if row["improvement"] else "deviations"
        reports[key] = {"registered": int(row["registered"]), "closed": int(row["closed"] or 0)}
    reports["total"] = {k: reports["deviations"][k] + reports["improvements"][k]
                        for k in ("registered", "closed")}

    not_improvement = f"type <> 'improvement' AND reported_at BETWEEN ? AND ?{in_unit}"
    by_category: dict[str, int] = {
        r["name"]: 0 for r in conn.execute(
            "SELECT name FROM deviation_category WHERE parent_id IS NULL AND active = 1 "
            "ORDER BY sort_order, name")}
    for row in conn.execute(f"SELECT category, count(*) AS n FROM deviation WHERE "
                            f"{not_improvement} GROUP BY category ORDER BY category", span):
        by_category[row["category"]] = int(row["n"])
    by_severity = dict.fromkeys(SEVERITY_KEYS, 0)
    for row in conn.execute(f"SELECT potential_consequence AS s, count(*) AS n FROM deviation "
                            f"WHERE {not_improvement} GROUP BY 1", span):
        by_severity["unknown" if row["s"] is None else str(row["s"])] = int(row["n"])
    by_month = dict.fromkeys(MONTHS, 0)
    for row in conn.execute(f"SELECT substr(reported_at, 6, 2) AS m, count(*) AS n FROM "
                            f"deviation WHERE {not_improvement} GROUP BY 1", span):
        by_month[row["m"]] = int(row["n"])

    injuries = year_injuries(conn, year, as_of=as_of, unit=unit)
    nav = [i for i in injuries if i.nav_reported]
    breakdown = {
        "total": len(injuries),
        "not_reported_to_nav": len(injuries) - len(nav),
        "reported_to_nav": len(nav),
        "absence_le3": sum(1 for i in nav if i.absence is Absence.LE3),
        "absence_gt3": sum(1 for i in nav if i.absence is Absence.GT3),
        "absence_unknown": sum(1 for i in nav if i.absence is Absence.UNKNOWN),
        "no_absence": sum(1 for i in nav if i.absence is Absence.NONE),
        "fatalities": sum(1 for i in injuries if i.fatality),
    }
    hours_worked = hours if hours is not None or unit else get_hours_worked(conn, year)
    values = h_values(injuries, hours_worked)
    result: dict[str, Any] = {
        "year": year,
        "as_of": as_of.isoformat(),
        "reports": reports,
        "by_category": by_category,
        "by_severity": by_severity,
        "by_month": by_month,
        "injuries": breakdown,
        "hours_worked": hours_worked,
        "h1": values.h1,
        "h2": values.h2,
        "h2_missing_reason": values.h2_missing_reason,
    }
    if unit:
        result["unit"] = unit.strip()
    return result


def year_injuries(conn: sqlite3.Connection, year: int, *, as_of: dt.date | None = None,
                  unit: str | None = None) -> list[Injury]:
    """The injuries on deviations reported in ``year`` (up to ``as_of``)."""
    span = _window(year, as_of or dt.date.today())
    in_unit, unit_params = _in_unit(conn, unit, "d.unit_id")
    rows = conn.execute(
        "SELECT i.* FROM deviation_injury i JOIN deviation d ON d.id = i.deviation_id "
        f"WHERE d.reported_at BETWEEN ? AND ?{in_unit}", (*span, *unit_params)).fetchall()
    return [Injury(bool(r["nav_reported"]), Absence(r["absence"]),
                   TriState(r["medical_treatment"]), TriState(r["reassigned"]),
                   bool(r["fatality"])) for r in rows]


def h2_missing_count(conn: sqlite3.Connection, year: int, *, as_of: dt.date | None = None,
                     unit: str | None = None) -> int:
    """How many injuries lack what H2 needs (for a "complete the data" hint in the UI)."""
    return sum(1 for i in year_injuries(conn, year, as_of=as_of, unit=unit)
               if i.counts_in_h2() is None)


def monthly_by_type(conn: sqlite3.Connection, year: int, *, as_of: dt.date | None = None,
                    unit: str | None = None) -> dict[str, dict[str, int]]:
    """{type value: {"01": n, ..., "12": n}} for every type, improvements included."""
    span = _window(year, as_of or dt.date.today())
    in_unit, unit_params = _in_unit(conn, unit)
    result = {t.value: dict.fromkeys(MONTHS, 0) for t in DeviationType}
    for row in conn.execute("SELECT type, substr(reported_at, 6, 2) AS m, count(*) AS n "
                            f"FROM deviation WHERE reported_at BETWEEN ? AND ?{in_unit} "
                            "GROUP BY 1, 2", (*span, *unit_params)):
        result[row["type"]][row["m"]] = int(row["n"])
    return result


@dataclass(frozen=True)
class SeriousEvent:
    id: int
    title: str
    reported_at: dt.date
    type: DeviationType
    category: str
    subcategory: str
    potential_consequence: int
    status: DeviationStatus


def serious_events(conn: sqlite3.Connection, year: int, *, as_of: dt.date | None = None,
                   min_potential: int = SERIOUS_POTENTIAL) -> list[SeriousEvent]:
    """Deviations of the year whose potential consequence was very serious (4) or worse."""
    span = _window(year, as_of or dt.date.today())
    rows = conn.execute(
        "SELECT id, title, reported_at, type, category, subcategory, potential_consequence, "
        "status FROM deviation WHERE type <> 'improvement' AND reported_at BETWEEN ? AND ? "
        "AND potential_consequence >= ? ORDER BY potential_consequence DESC, reported_at, id",
        (*span, min_potential)).fetchall()
    return [SeriousEvent(r["id"], r["title"], dt.date.fromisoformat(r["reported_at"]),
                         DeviationType(r["type"]), r["category"], r["subcategory"],
                         r["potential_consequence"], DeviationStatus(r["status"]))
            for r in rows]


def reports_by_type(conn: sqlite3.Connection, year: int, *, as_of: dt.date | None = None
                    ) -> dict[str, dict[str, int]]:
    """{type value: {"registered": n, "closed": n}} with the counting rules of table 1."""
    as_of = as_of or dt.date.today()
    span = _window(year, as_of)
    result = {t.value: {"registered": 0, "closed": 0} for t in DeviationType}
    for row in conn.execute(
            "SELECT type, count(*) AS registered, sum(status = 'closed' AND closed_at <= ?) "
            "AS closed FROM deviation WHERE reported_at BETWEEN ? AND ? GROUP BY type",
            (as_of.isoformat(), *span)):
        result[row["type"]] = {"registered": int(row["registered"]),
                               "closed": int(row["closed"] or 0)}
    return result
