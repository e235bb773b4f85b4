"""Statistics for one unit and its sub-units (issue 8, point 10): a safety rep follows their
own unit. The service, the stats package and ``vernetool stats --unit`` agree."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.context import AppContext
from vernetool.db.organisation.units import upsert_unit
from vernetool.domain.deviations.rules import Absence, Deviation, DeviationType, Injury, TriState
from vernetool.domain.organisation import Unit

AS_OF = dt.date(2025, 1, 15)


@pytest.fixture
def units(ctx: AppContext) -> AppContext:
    conn = ctx.conn
    faculty = upsert_unit(conn, Unit("FAC", "Faculty"))
    ikj = upsert_unit(conn, Unit("IKJ", "Chemistry", "FAC"))
    lab = upsert_unit(conn, Unit("IKJ-LAB", "Chemistry labs", "IKJ"))
    other = upsert_unit(conn, Unit("IBI", "Biology", "FAC"))
    record = ctx.services.deviations.record
    for title, unit_id, kind, day in (
            ("Spill", ikj, DeviationType.HAZARD, dt.date(2024, 3, 4)),
            ("Fume hood", lab, DeviationType.NEAR_MISS, dt.date(2024, 5, 6)),
            ("Idea", lab, DeviationType.IMPROVEMENT, dt.date(2024, 6, 7)),
            ("Fall", other, DeviationType.HAZARD, dt.date(2024, 7, 8)),
            ("Faculty wide", faculty, DeviationType.HAZARD, dt.date(2024, 8, 9))):
        record(Deviation(kind, title, day, unit_id=unit_id, potential_consequence=2,
                         probability=2))
    record(Deviation(DeviationType.ACCIDENT, "Cut", dt.date(2024, 11, 2), unit_id=lab,
                     potential_consequence=3, probability=2,
                     injury=Injury(True, Absence.GT3, TriState.YES, TriState.NO)))
    ctx.services.deviation_settings.set_hours_worked(2024, 1_000_000.0)
    return ctx


def test_a_unit_counts_its_own_reports_and_its_sub_units(units: AppContext) -> None:
    statistics = units.services.statistics
    everything = statistics.year(2024, as_of=AS_OF)
    ikj = statistics.year(2024, as_of=AS_OF, unit="IKJ")
    assert everything["reports"]["total"]["registered"] == 6 and "unit" not in everything
    assert ikj["unit"] == "IKJ"
    assert ikj["reports"]["deviations"]["registered"] == 3     # spill, fume hood, cut
    assert ikj["reports"]["improvements"]["registered"] == 1
    assert sum(ikj["by_month"].values()) == 3 and ikj["by_month"]["05"] == 1
    assert ikj["injuries"]["total"] == 1
    lab = statistics.year(2024, as_of=AS_OF, unit="IKJ-LAB")
    assert lab["reports"]["total"]["registered"] == 3
    assert statistics.year(2024, as_of=AS_OF, unit="IBI")["reports"]["total"]["registered"] == 1
    faculty = statistics.year(2024, as_of=AS_OF, unit="FAC")  # the top: everything
    counts = ("reports", "by_category", "by_severity", "by_month", "injuries")
    assert {k: faculty[k] for k in counts} == {k: everything[k] for k in counts}
    assert statistics.year(2024, as_of=AS_OF, unit="NOPE")["reports"]["total"]["registered"] == 0


def test_h_values_of_a_unit_need_the_units_own_hours(units: AppContext) -> None:
    """The recorded hours are the organisation's: dividing a unit's injuries by them
    would understate its H1 several times over."""
    statistics = units.services.statistics
    assert statistics.year(2024, as_of=AS_OF)["h1"] == 1.0
    ikj = statistics.year(2024, as_of=AS_OF, unit="IKJ")
    assert ikj["hours_worked"] is None and ikj["h1"] is None
    assert statistics.year(2024, as_of=AS_OF, unit="IKJ", hours=100_000.0)["h1"] == 10.0


def test_charts_of_a_unit(units: AppContext) -> None:
    result = units.services.statistics.compute(2024, as_of=AS_OF, lang="en", unit="IBI")
    assert result.stats["reports"]["total"]["registered"] == 1
    month = result.figures["month"].axes[0]
    assert sum(int(bar.get_height()) for bar in month.patches) == 1
    assert month.get_title(loc="left") == "Reports per month, 2024 – IBI"


def test_a_units_chart_titles_fit_a_narrow_chart(units: AppContext) -> None:
    """The category chart's axes start right of the long category names; its title started
    there too and ran off the figure at the statistics screen's width once the unit was
    added ("… per hovedkategori, 2026 – IK", issue 8 trial). Titles start at the figure's
    left edge."""
    from vernetool.stats.deviation_charts import figure_png

    result = units.services.statistics.compute(2024, as_of=AS_OF, lang="nb", unit="IKJ")
    for name, fig in result.figures.items():
        ax = fig.axes[0]
        fig.set_size_inches(5.0, fig.get_size_inches()[1])
        figure_png(fig, dpi=100)  # lays the figure out
        title = next(t for t in ax.get_children()
                     if getattr(t, "get_text", None) and t.get_text() == ax.get_title("left"))
        extent = title.get_window_extent()
        assert ax.get_title("left").endswith("2024 – IKJ"), name
        assert extent.x0 >= 0 and extent.x1 <= fig.bbox.x1, name
        assert extent.x0 <= ax.get_window_extent().x0, name


def test_the_stats_command_takes_a_unit(units: AppContext, db_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    units.conn.commit()
    assert main(["stats", "--db", str(db_path), "--year", "2024", "--as-of", "2025-01-15",
                 "--unit", "IKJ"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["unit"] == "IKJ" and out["reports"]["total"]["registered"] == 4
    assert main(["stats", "--db", str(db_path), "--year", "2024", "--unit", "NOPE"]) == 1
    assert "NOPE" in capsys.readouterr().err
