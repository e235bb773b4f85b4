"""The demo deviation log: three years at every stage, with injuries and hours worked."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from vernetool.db.deviations import records as repo
from vernetool.db.deviations.queries import count_deviations, query_deviations, status_counts
from vernetool.demo import organisation, people
from vernetool.demo.deviations import add_deviations
from vernetool.stats.deviation_stats import deviation_stats

TODAY = dt.date(2025, 3, 14)


def test_demo_deviations(conn: sqlite3.Connection) -> None:
    organisation.add_organisation(conn, random.Random(1), TODAY)
    people.add_persons(conn, random.Random(2), TODAY)
    summary = add_deviations(conn, random.Random(3), TODAY)
    assert 250 <= summary["deviations"] <= 450
    assert summary["injuries"] >= 20 and summary["measures"] >= 100
    assert count_deviations(conn) == summary["deviations"]
    years = {r[0] for r in conn.execute("SELECT DISTINCT substr(reported_at, 1, 4) "
                                        "FROM deviation")}
    assert years == {"2023", "2024", "2025"}
    counts = status_counts(conn, today=TODAY)
    assert all(counts[s] > 0 for s in ("registered", "in_progress", "closed", "rejected",
                                       "transferred"))
    assert counts["overdue"] > 0
    last_year = deviation_stats(conn, 2024, as_of=TODAY)
    assert 11_000_000 < last_year["hours_worked"] < 14_000_000
    assert last_year["h1"] is not None and last_year["h2"] is not None
    assert last_year["reports"]["improvements"]["registered"] > 0
    assert sum(last_year["by_severity"].values()) == last_year["reports"]["deviations"][
        "registered"]
    dev = repo.get_deviation(conn, query_deviations(conn, limit=1)[0].id)
    assert dev is not None and dev.title and dev.description
