"""The statistics service: the year's numbers as ``vernetool stats`` prints them, and the
long reads (the charts, the yearly PDF) on a read-only connection of their own, so they see
only committed data and never use the GUI thread's connection."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.db.deviations import records
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationType,
    Injury,
    TriState,
)
from vernetool.services import Services
from vernetool.services.statistics.year import YearStatistics
from vernetool.stats.deviation_stats import deviation_stats

AS_OF = dt.date(2025, 1, 15)


@pytest.fixture
def services(ctx: AppContext) -> Services:
    record = ctx.services.deviations.record
    record(Deviation(DeviationType.HAZARD, "Blocked exit", dt.date(2024, 3, 4),
                     potential_consequence=4, probability=2))
    record(Deviation(DeviationType.ACCIDENT, "Cut", dt.date(2024, 11, 2),
                     potential_consequence=3, probability=2,
                     injury=Injury(True, Absence.GT3, TriState.YES, TriState.NO)))
    record(Deviation(DeviationType.ACCIDENT, "Bruise", dt.date(2024, 12, 1),
                     injury=Injury(False, Absence.NONE, TriState.UNKNOWN, TriState.NO)))
    record(Deviation(DeviationType.IMPROVEMENT, "Better signs", dt.date(2024, 9, 9)))
    ctx.services.deviation_settings.set_hours_worked(2024, 1_000_000.0)
    return ctx.services


def test_year_is_what_the_stats_command_prints(services: Services, ctx: AppContext) -> None:
    stats = services.statistics.year(2024, as_of=AS_OF)
    assert stats == deviation_stats(ctx.conn, 2024, as_of=AS_OF)
    assert stats["reports"]["deviations"]["registered"] == 3
    assert stats["hours_worked"] == 1_000_000.0 and stats["h1"] == 1
    assert services.statistics.year(2024, as_of=AS_OF, hours=2_000_000.0)["h1"] == 0.5


def test_compute_gives_numbers_charts_and_what_h2_lacks(services: Services,
                                                        ctx: AppContext) -> None:
    result = services.statistics.compute(2024, as_of=AS_OF, lang="en")
    assert isinstance(result, YearStatistics)
    assert result.stats == deviation_stats(ctx.conn, 2024, as_of=AS_OF)
    assert set(result.figures) == {"month", "category", "severity", "injuries"}
    heights = [int(b.get_height()) for b in result.figures["severity"].axes[0].patches]
    assert heights == [0, 0, 1, 1, 0, 1]   # 3, 4 and one not assessed
    assert result.h2_unknown == 1          # the bruise: treatment unknown


def test_compute_reads_committed_data_on_its_own_connection(services: Services,
                                                            ctx: AppContext) -> None:
    """While the write connection holds an uncommitted record, a worker computing the
    statistics neither waits for it nor sees it."""
    results: list[YearStatistics] = []
    with services.store.write() as conn:
        records.create_deviation(conn, Deviation(DeviationType.HAZARD, "Not yet committed",
                                                 dt.date(2024, 5, 5)), actor="test")
        worker = threading.Thread(target=lambda: results.append(
            services.statistics.compute(2024, as_of=AS_OF, lang="nb")))
        worker.start()
        worker.join(timeout=60)
    assert [r.stats["reports"]["deviations"]["registered"] for r in results] == [3]
    assert services.statistics.year(2024, as_of=AS_OF)["reports"]["deviations"][
        "registered"] == 4


def test_write_report_writes_the_yearly_pdf(services: Services, tmp_path: Path) -> None:
    out = services.statistics.write_report(2024, tmp_path / "avvik-2024.pdf", "nb",
                                           as_of=AS_OF)
    assert out == tmp_path / "avvik-2024.pdf"
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000
