"""A year with many main categories: the yearly report's category chart fits a page (the
largest categories as bars, the rest as one "other" bar and listed with their counts)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from vernetool.db.deviations import records as repo
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.reports import deviation_report
from vernetool.reports.deviation_report import group_categories, write_deviation_report


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages)
                    .split())


def _fill(conn: sqlite3.Connection, categories: int) -> None:
    for n in range(categories):
        for k in range(1 + n % 4):  # 1-4 reports, so the largest are well defined
            repo.create_deviation(conn, Deviation(
                DeviationType.HAZARD, f"Melding {n}.{k}", dt.date(2024, 3, 1 + k),
                category=f"Kategori {n:02d} med et ganske langt navn"), actor="t")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_thirty_categories_fit_and_every_count_is_printed(conn: sqlite3.Connection,
                                                         tmp_path: Path, lang: str) -> None:
    _fill(conn, 30)
    out = write_deviation_report(conn, 2024, tmp_path / "avvik.pdf", lang,
                                 as_of=dt.date(2025, 1, 15))  # no LayoutError
    text = _text(out)
    defined = conn.execute("SELECT count(*) FROM deviation_category WHERE parent_id IS NULL "
                           "AND active = 1").fetchone()[0]
    grouped = 30 + defined - (deviation_report.MAX_CATEGORY_BARS - 1)
    other = ("Andre kategorier" if lang == "nb" else "Other categories") + f" ({grouped})"
    assert other in text
    if lang == "nb":
        assert f"Figuren viser de 19 kategoriene med flest meldinger; de øvrige {grouped}" \
            in text
    else:
        assert f"The chart shows the 19 categories with the most reports; the other " \
               f"{grouped} categories" in text
    # the categories with one report are grouped, and listed with their count
    assert "Kategori 00 med et ganske langt navn 1" in text
    assert "Kategori 28 med et ganske langt navn 1" in text


def test_a_few_categories_are_all_bars(conn: sqlite3.Connection, tmp_path: Path) -> None:
    _fill(conn, 3)
    text = _text(write_deviation_report(conn, 2024, tmp_path / "avvik.pdf", "nb",
                                        as_of=dt.date(2025, 1, 15)))
    assert "Andre kategorier" not in text


def test_grouping_keeps_the_largest_in_their_order() -> None:
    counts = {f"c{n}": n % 5 for n in range(25)}
    bars, grouped = group_categories(counts, limit=6)
    assert len(bars) == 6 and len(grouped) == 20
    assert list(bars)[:5] == ["c4", "c9", "c14", "c19", "c24"]  # five with 4 reports
    assert list(bars.values())[-1] == sum(grouped.values())
    assert sum(bars.values()) == sum(counts.values())
    assert group_categories({"a": 1}, limit=6) == ({"a": 1}, {})


def test_no_chart_is_taller_than_a_page() -> None:
    from matplotlib.figure import Figure

    image = deviation_report._chart(Figure(figsize=(7.2, 40)))
    assert image.drawHeight <= deviation_report.MAX_CHART_HEIGHT + 0.01
    assert image.drawWidth <= deviation_report.WIDTH + 0.01
