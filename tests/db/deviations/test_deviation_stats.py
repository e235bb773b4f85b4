"""Yearly deviation statistics: as-of dates, year boundaries, the breakdowns and H values."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.deviations import records as repo
from vernetool.db.deviations import settings as dev_settings
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    StatusChange,
    TriState,
)
from vernetool.stats.deviation_stats import (
    deviation_stats,
    monthly_by_type,
    serious_events,
)

D = dt.date


def _add(conn: sqlite3.Connection, reported: dt.date, type_: DeviationType = DeviationType.HAZARD,
         *, closed: dt.date | None = None, **kw: object) -> int:
    dev = Deviation(type_, f"Hendelse {reported}", reported,
                    status=DeviationStatus.CLOSED if closed else DeviationStatus.REGISTERED,
                    closed_at=closed, **kw)  # type: ignore[arg-type]
    return repo.create_deviation(conn, dev, actor="t")


def test_year_boundaries_by_reported_at(conn: sqlite3.Connection) -> None:
    _add(conn, D(2023, 12, 31), closed=D(2024, 1, 2))
    _add(conn, D(2024, 1, 1))
    _add(conn, D(2024, 12, 31), DeviationType.IMPROVEMENT)
    _add(conn, D(2025, 1, 1))
    stats = deviation_stats(conn, 2024, as_of=D(2025, 6, 1))
    assert stats["reports"] == {"deviations": {"registered": 1, "closed": 0},
                                "improvements": {"registered": 1, "closed": 0},
                                "total": {"registered": 2, "closed": 0}}
    assert stats["by_month"]["01"] == 1 and stats["by_month"]["12"] == 0  # improvements out
    assert deviation_stats(conn, 2023, as_of=D(2025, 6, 1))["reports"]["total"] == {
        "registered": 1, "closed": 1}


def test_closed_counts_as_of_a_date(conn: sqlite3.Connection) -> None:
    _add(conn, D(2024, 3, 1), closed=D(2024, 12, 31))
    _add(conn, D(2024, 3, 2), closed=D(2025, 1, 15))
    _add(conn, D(2024, 3, 3), closed=D(2025, 1, 16))
    _add(conn, D(2024, 3, 4))

    def closed(as_of: dt.date) -> int:
        return int(deviation_stats(conn, 2024, as_of=as_of)["reports"]["deviations"]["closed"])

    assert closed(D(2024, 12, 31)) == 1
    assert closed(D(2025, 1, 15)) == 2  # "on or before"
    assert closed(D(2025, 1, 16)) == 3
    # As of mid-year, only what had been reported by then counts as registered.
    mid = deviation_stats(conn, 2024, as_of=D(2024, 3, 2))
    assert mid["reports"]["deviations"] == {"registered": 2, "closed": 0}


def test_reopened_deviation_is_not_closed(conn: sqlite3.Connection) -> None:
    dev_id = _add(conn, D(2024, 2, 1))
    repo.change_status(conn, dev_id, StatusChange(DeviationStatus.ACCEPTED,
                                                  closing_deadline=D(2024, 3, 1)), actor="t")
    repo.change_status(conn, dev_id, StatusChange(DeviationStatus.CLOSED, on=D(2024, 2, 10)),
                       actor="t")
    assert deviation_stats(conn, 2024, as_of=D(2025, 1, 1))["reports"]["total"]["closed"] == 1
    repo.change_status(conn, dev_id, StatusChange(DeviationStatus.IN_PROGRESS, note="igjen"),
                       actor="t")
    assert deviation_stats(conn, 2024, as_of=D(2025, 1, 1))["reports"]["total"]["closed"] == 0


def test_breakdowns_injuries_and_h_values(conn: sqlite3.Connection) -> None:
    dev_settings.set_hours_worked(conn, 2024, 2_000_000, actor="t")
    _add(conn, D(2024, 5, 5), DeviationType.ACCIDENT, potential_consequence=5,
         category="Arbeidsplass og personskade/-sykdom",
         injury=Injury(True, Absence.GT3, TriState.YES, TriState.NO))
    _add(conn, D(2024, 5, 6), DeviationType.ACCIDENT, potential_consequence=2,
         injury=Injury(False, Absence.NONE, TriState.YES, TriState.NO))
    _add(conn, D(2024, 7, 1), DeviationType.NEAR_MISS, potential_consequence=4,
         category="Brann, utslipp og evakuering")
    _add(conn, D(2024, 7, 2), DeviationType.IMPROVEMENT, potential_consequence=5)
    stats = deviation_stats(conn, 2024, as_of=D(2025, 1, 15))
    assert stats["by_severity"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1, "unknown": 0}
    assert stats["by_category"]["Brann, utslipp og evakuering"] == 1
    assert stats["by_category"][""] == 1 and stats["by_category"]["Annet"] == 0
    assert stats["by_month"]["05"] == 2 and stats["by_month"]["07"] == 1
    assert stats["injuries"] == {"total": 2, "not_reported_to_nav": 1, "reported_to_nav": 1,
                                 "absence_le3": 0, "absence_gt3": 1, "absence_unknown": 0,
                                 "no_absence": 0, "fatalities": 0}
    assert stats["hours_worked"] == 2_000_000
    assert (stats["h1"], stats["h2"], stats["h2_missing_reason"]) == (0.5, 1.0, None)
    override = deviation_stats(conn, 2024, as_of=D(2025, 1, 15), hours=1_000_000)
    assert override["h1"] == 1.0 and override["hours_worked"] == 1_000_000
    nothing = deviation_stats(conn, 2023, as_of=D(2025, 1, 15))
    assert nothing["h1"] is None and nothing["h2"] is None
    assert "hours worked" in nothing["h2_missing_reason"]
    events = serious_events(conn, 2024, as_of=D(2025, 1, 15))
    assert [e.potential_consequence for e in events] == [5, 4]  # improvements left out
    months = monthly_by_type(conn, 2024, as_of=D(2025, 1, 15))
    assert months["accident"]["05"] == 2 and months["improvement"]["07"] == 1


def test_stats_json_has_exactly_the_design_keys(conn: sqlite3.Connection) -> None:
    stats = deviation_stats(conn, 2024, as_of=D(2025, 1, 15))
    assert list(stats) == ["year", "as_of", "reports", "by_category", "by_severity",
                           "by_month", "injuries", "hours_worked", "h1", "h2",
                           "h2_missing_reason"]
    assert list(stats["reports"]) == ["deviations", "improvements", "total"]
