"""The yearly deviation report PDF: tables, H values, serious events, escaping, languages."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from vernetool.db.deviations import records as repo
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
)
from vernetool.reports.deviation_report import write_deviation_report


def _text(path: Path) -> str:
    """The PDF's text with every run of white space as one space (cells end up on lines)."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages)
                    .split())


def _fill(conn: sqlite3.Connection) -> None:
    add = repo.create_deviation
    add(conn, Deviation(DeviationType.NEAR_MISS, "<b>Brann</b> & røyk", dt.date(2024, 9, 3),
                        potential_consequence=5, category="Brann, utslipp og evakuering"),
        actor="t")
    add(conn, Deviation(DeviationType.HAZARD, "Asbest i kjeller", dt.date(2024, 10, 1),
                        potential_consequence=4, status=DeviationStatus.CLOSED,
                        closed_at=dt.date(2024, 12, 1)), actor="t")
    add(conn, Deviation(DeviationType.HAZARD, "Løs list", dt.date(2024, 10, 2),
                        potential_consequence=2), actor="t")
    add(conn, Deviation(DeviationType.IMPROVEMENT, "Bedre skilting", dt.date(2024, 3, 3),
                        potential_consequence=5), actor="t")
    for n, absence in enumerate([Absence.LE3, Absence.LE3, Absence.GT3, Absence.NONE]):
        add(conn, Deviation(DeviationType.ACCIDENT, f"Kuttskade {n}", dt.date(2024, 5, 1 + n),
                            potential_consequence=2,
                            injury=Injury(absence is not Absence.NONE or n == 3, absence)),
            actor="t")


def test_report_holds_the_tables_and_escapes_user_text(conn: sqlite3.Connection,
                                                       tmp_path: Path) -> None:
    _fill(conn)
    out = write_deviation_report(conn, 2024, tmp_path / "avvik.pdf", "nb",
                                 as_of=dt.date(2025, 1, 15), hours=1_000_000)
    assert out.read_bytes().startswith(b"%PDF")
    text = _text(out)
    for heading in ("Registrerte og lukkede meldinger", "Antall registrerte", "Lukket per "
                    "15.01.2025", "Uønskede hendelser og avvik", "Forbedringsforslag",
                    "Personskader", "H1- og H2-verdi",
                    "Hendelser med svært alvorlig eller katastrofalt potensial"):
        assert heading in text, heading
    assert "Uønskede hendelser og avvik 7 1" in text  # table 1: registered 7, closed 1
    assert "Forbedringsforslag 1 0" in text
    assert "Totalt 8 1" in text
    assert "Skade med sykefravær ≤ 3 dager 2" in text  # table 2
    assert "Skade med sykefravær > 3 dager 1" in text
    assert "Skade uten sykefravær 1" in text
    assert "Totalt 4" in text
    assert "3,0" in text  # H1 = 3 × 1e6 / 1e6
    assert "Kan ikke beregnes" in text and "for 1 skader uten fravær" in text
    assert "<b>Brann</b> & røyk" in text  # printed as typed, not bold markup
    assert "Asbest i kjeller" in text and "Løs list" not in text  # only potential 4-5
    assert "Bedre skilting" not in text  # improvements are not events
    assert "Side 1 av" in text


def test_english_report_and_missing_hours(conn: sqlite3.Connection, tmp_path: Path) -> None:
    _fill(conn)
    out = write_deviation_report(conn, 2024, tmp_path / "dev.pdf", "en",
                                 as_of=dt.date(2025, 1, 15))
    text = _text(out)
    assert "Registered and closed reports" in text and "Closed as of 2025-01-15" in text
    assert "Hours worked are not recorded for 2024" in text
    assert "Page 1 of" in text


def test_report_of_an_empty_year(conn: sqlite3.Connection, tmp_path: Path) -> None:
    out = write_deviation_report(conn, 2019, tmp_path / "tom.pdf", "nb",
                                 as_of=dt.date(2020, 1, 15))
    text = _text(out)
    assert "Totalt 0 0" in text
    assert "Ingen hendelser er vurdert som svært alvorlige eller katastrofale." in text
