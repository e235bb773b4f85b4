"""The demo's HSE rounds: last year's completed round, this year's round in progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from vernetool.attachments import path_for
from vernetool.db.migrations import open_store
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.db.rounds.rounds import resolve_round
from vernetool.demo.builder import build_demo
from vernetool.domain.rounds import RoundStatus, VisitStatus
from vernetool.reports.round_report import write_round_report

TODAY = dt.date(2026, 5, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, today=TODAY)
    return path


def test_last_years_round_is_completed_with_closed_and_overdue_findings(demo: Path) -> None:
    conn = open_store(demo)
    try:
        rounds = rounds_db.list_rounds(conn)
        assert [r.status for r in rounds] == [RoundStatus.IN_PROGRESS, RoundStatus.COMPLETED]
        last = rounds[1]
        assert last.start_date.year == TODAY.year - 1 and last.rooms_done == last.rooms_total
        found = findings_db.findings_for_round(conn, last.id)
        assert len(found) >= 5
        assert any(f.status.value == "closed" for f in found)
        overdue = [f for f in found if f.is_overdue(TODAY)]
        assert overdue  # still open, past their deadline
        assert rounds_db.get_round(conn, last.id).completed_at.startswith(str(TODAY.year - 1))
    finally:
        conn.close()


def test_this_years_round_is_in_progress_with_rechecks_and_photos(demo: Path) -> None:
    conn = open_store(demo)
    try:
        current = rounds_db.list_rounds(conn)[0]
        rooms = rounds_db.round_rooms(conn, current.id)
        statuses = {r.status for r in rooms}
        assert {VisitStatus.DONE, VisitStatus.PENDING} <= statuses
        checks = findings_db.rechecks_for_round(conn, current.id)
        assert len(checks) >= 2
        assert {c.outcome.value for c in checks.values()} == {"closed", "kept"}
        photos = [p for r in rooms for p in findings_db.photos_for_room(conn, r.id)]
        assert len(photos) >= 2
        for photo in photos:
            assert path_for(demo.parent, photo.sha256, photo.extension).is_file()
    finally:
        conn.close()


def test_report_of_the_latest_round_has_several_pages(demo: Path, tmp_path: Path) -> None:
    conn = open_store(demo)
    try:
        out = write_round_report(conn, resolve_round(conn, "latest"), tmp_path / "r.pdf", "nb",
                                 today=TODAY)
    finally:
        conn.close()
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
    text = " ".join(pages)
    assert len(pages) >= 5
    for heading in ("Sammendrag", "Tiltaksplan", "Tidligere funn kontrollert på nytt",
                    "Funn per rom", "Oversikt over rom"):
        assert heading in text
    assert "Fortsatt åpent" in text or "Lukket" in text
    assert "(bildet mangler)" not in text


def test_every_demo_finding_says_what_was_found_not_its_checkpoint(demo: Path) -> None:
    """The demo's findings are real descriptions: none repeats its checklist statement, the
    report prints each as 'Funn' with its checkpoint apart (issue 8, point 6)."""
    conn = open_store(demo)
    try:
        statements = {r["id"]: {r["text_nb"].strip(), r["text_en"].strip()} for r in
                      conn.execute("SELECT id, text_nb, text_en FROM checklist_item")}
        found = [f for r in rounds_db.list_rounds(conn)
                 for f in findings_db.findings_for_round(conn, r.id)]
        assert found and all(f.item_id is not None for f in found)
        assert not [f.description for f in found
                    if f.description.splitlines()[0].strip() in statements[f.item_id or 0]]
    finally:
        conn.close()
