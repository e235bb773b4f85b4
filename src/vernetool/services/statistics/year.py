"""A year's deviation statistics (tables 1 and 2, H1/H2, the counts behind the charts),
its four charts and the yearly PDF report.

``compute()`` and ``write_report()`` are long reads for a job off the GUI thread: each opens
its own read-only connection (``Store.reader()``), so they never touch the GUI thread's
connection. matplotlib and reportlab are imported only when they run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vernetool.services.store import Store

__all__ = ["StatisticsService", "YearStatistics"]


@dataclass(frozen=True)
class YearStatistics:
    """What the Statistics area shows for a year."""

    stats: dict[str, Any]               # the ``vernetool stats`` dict (keys in DESIGN.md)
    figures: dict[str, Any] = field(default_factory=dict)  # "month", "category", … → Figure
    h2_unknown: int = 0                 # injuries that lack what H2 needs


class StatisticsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def year(self, year: int, *, as_of: dt.date | None = None,
             hours: float | None = None, unit: str | None = None) -> dict[str, Any]:
        """The statistics dict of ``year`` (status as of ``as_of``, default today), with
        ``hours`` worked if given, else the hours recorded for the year; with ``unit``, of
        that unit and its sub-units only (then H1/H2 need ``hours``: the unit's own)."""
        from vernetool.stats.deviation_stats import deviation_stats

        with self.store.read() as conn:
            return deviation_stats(conn, year, as_of=as_of, hours=hours, unit=unit)

    def compute(self, year: int, *, as_of: dt.date, lang: str,
                unit: str | None = None) -> YearStatistics:
        """The numbers and the four charts, on a connection of its own (for a worker)."""
        from vernetool.stats.deviation_charts import deviation_figures
        from vernetool.stats.deviation_stats import deviation_stats, h2_missing_count

        with self.store.reader() as conn:
            stats = deviation_stats(conn, year, as_of=as_of, unit=unit)
            figures = deviation_figures(conn, year, as_of=as_of, lang=lang, stats=stats,
                                        unit=unit)
            return YearStatistics(stats, figures,
                                  h2_missing_count(conn, year, as_of=as_of, unit=unit))

    def write_report(self, year: int, out: Path, lang: str, *, as_of: dt.date | None = None,
                     hours: float | None = None) -> Path:
        """Write the yearly deviation report PDF to ``out`` (own connection); returns it."""
        from vernetool.reports.deviation_report import write_deviation_report

        with self.store.reader() as conn:
            return Path(write_deviation_report(conn, year, out, lang, as_of=as_of,
                                               hours=hours))
