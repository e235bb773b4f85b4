"""The round report PDF: header words in both languages, numbering, escaping, page splits."""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.db.round_fixtures import (
    item_ids,
    make_rooms,
    make_round,
    make_template,
    round_room_ids,
)
from vernetool.attachments import store_bytes
from vernetool.cli import main
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.domain.rounds import Finding, RecheckOutcome, Severity
from vernetool.reports.round_report import thumbnail, write_round_report

TODAY = dt.date(2026, 6, 15)


def _pages(path: Path) -> list[str]:
    """Each page's text with runs of white space (line wraps in cells) made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def _photo(colour: tuple[int, int, int], size: tuple[int, int] = (1600, 1200)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def round_id(conn: sqlite3.Connection, db_path: Path) -> int:
    template = make_template(conn)
    rooms = make_rooms(conn, 6)
    earlier = make_round(conn, rooms[:2], template, title="HMS-runde 2025",
                         start=dt.date(2025, 3, 1))
    old = findings_db.save_finding(conn, Finding(
        "Nødlys virker ikke", Severity.HIGH, "Bytt batteri", "Kari Leder",
        deadline=dt.date(2025, 6, 1), round_room_id=round_room_ids(conn, earlier)[0]), "t")
    rid = make_round(conn, rooms, template, pre_meeting="Status fra i fjor: <b>fet</b>")
    rounds_db.update_notes(conn, rid, closing="Avsluttet & signert")
    items = item_ids(conn, template)
    room_rows = round_room_ids(conn, rid)
    rounds_db.save_answer(conn, room_rows[0], items[0], "t", answer="ok", comment="<b>fet</b>")
    rounds_db.save_answer(conn, room_rows[0], items[1], "t", answer="improve")
    rounds_db.save_answer(conn, room_rows[1], items[0], "t", answer="not_relevant")
    findings_db.save_finding(conn, Finding(
        "Kjemikalier uten merking", Severity.MEDIUM, "Merk flaskene", "Per Hansen",
        deadline=dt.date(2026, 1, 10), round_room_id=room_rows[0], item_id=items[1]), "t")
    findings_db.recheck(conn, old, rid, RecheckOutcome.KEPT, "t", "Fortsatt ikke fikset")
    stored = store_bytes(db_path.parent, _photo((200, 40, 40)), "rømningsvei.jpg")
    findings_db.add_photo(conn, room_rows[0], stored.sha256, stored.extension,
                          stored.original_name, stored.size_bytes, caption="Blokkert dør")
    return rid


def test_norwegian_report_has_action_plan_header_numbering_and_participants(
        conn: sqlite3.Connection, round_id: int, tmp_path: Path) -> None:
    out = write_round_report(conn, round_id, tmp_path / "r.pdf", "nb", today=TODAY)
    pages = _pages(out)
    text = "\n".join(pages)
    assert pages[0].count("Side 1 av") == 1 and f"Side 1 av {len(pages)}" in pages[0]
    assert re.search(r"Tiltak\s+Ansvarlig\s+Frist\s+Status\s+Rom", text)
    for name in ("Kari Leder", "Ola Verneombud", "Per Labingeniør", "Verneombud", "Leder"):
        assert name in pages[0]
    assert "HMS-runde" in pages[0]
    assert "Merk flaskene" in text and "Per Hansen" in text and "10.01.2026" in text
    # the earlier finding re-checked, with its outcome and note
    assert "Nødlys virker ikke" in text and "Fortsatt åpent" in text
    assert "Fortsatt ikke fikset" in text
    assert "Blokkert dør" in text  # the photo's caption under its thumbnail


def test_english_report_uses_english_words(conn: sqlite3.Connection, round_id: int,
                                           tmp_path: Path) -> None:
    pages = _pages(write_round_report(conn, round_id, tmp_path / "r.pdf", "en", today=TODAY))
    text = "\n".join(pages)
    assert re.search(r"Action\s+Responsible\s+Deadline\s+Status\s+Room", text)
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "Safety representative" in pages[0] and "Line manager" in pages[0]
    assert "2026-01-10" in text and "Tiltak" not in text


def test_user_text_is_escaped(conn: sqlite3.Connection, round_id: int, tmp_path: Path) -> None:
    text = "\n".join(_pages(write_round_report(conn, round_id, tmp_path / "r.pdf", "nb",
                                               today=TODAY)))
    assert "<b>fet</b>" in text  # the comment, literally
    assert "Status fra i fjor: <b>fet</b>" in text  # the pre-meeting notes
    assert "Avsluttet & signert" in text


def test_long_action_plan_spans_pages_and_repeats_its_header(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    template = make_template(conn)
    rid = make_round(conn, make_rooms(conn, 10), template)
    rows = round_room_ids(conn, rid)
    for n in range(90):
        findings_db.save_finding(conn, Finding(
            f"Funn {n:03d}", Severity.LOW, f"Tiltak {n:03d}", "Ansvarlig person",
            deadline=dt.date(2026, 9, 1), round_room_id=rows[n % 10]), "t")
    pages = _pages(write_round_report(conn, rid, tmp_path / "long.pdf", "nb", today=TODAY))
    header = re.compile(r"Nr\.\s*Tiltak\s+Ansvarlig\s+Frist\s+Status\s+Rom")
    plan_pages = [n for n, page in enumerate(pages) if header.search(page)]
    assert len(plan_pages) >= 2
    first, second = plan_pages[0], plan_pages[1]
    assert second == first + 1
    assert "Tiltak 000" in pages[first] and "Tiltak 000" not in pages[second]
    assert "3  Tiltaksplan" in pages[first] or "3 Tiltaksplan" in pages[first]
    assert "Tiltaksplan" not in pages[second]  # the header row repeated, not the heading
    assert all(f"Side {n + 1} av {len(pages)}" in page for n, page in enumerate(pages))


def test_overdue_deadline_counts_in_the_summary(conn: sqlite3.Connection, round_id: int,
                                                tmp_path: Path) -> None:
    text = _pages(write_round_report(conn, round_id, tmp_path / "r.pdf", "nb",
                                     today=TODAY))[1]
    assert re.search(r"Tiltak med passert frist\s+1\b", text)
    text = _pages(write_round_report(conn, round_id, tmp_path / "r.pdf", "nb",
                                     today=dt.date(2026, 1, 1)))[1]
    assert re.search(r"Tiltak med passert frist\s+0\b", text)


def test_photos_are_scaled_down_before_embedding(tmp_path: Path) -> None:
    source = tmp_path / "big.jpg"
    source.write_bytes(_photo((10, 120, 200), (4000, 3000)))
    result = thumbnail(source)
    assert result is not None
    _, width, height = result
    assert max(width, height) <= 300 and width > height
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    assert thumbnail(broken) is None


def test_report_with_a_missing_photo_file_still_prints(
        conn: sqlite3.Connection, round_id: int, tmp_path: Path) -> None:
    for file in (tmp_path / "attachments").rglob("*.jpg"):
        file.unlink()
    text = "\n".join(_pages(write_round_report(conn, round_id, tmp_path / "r.pdf", "nb",
                                               today=TODAY)))
    assert "(bildet mangler)" in text


def test_cli_writes_the_latest_round(conn: sqlite3.Connection, round_id: int, db_path: Path,
                                     tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.pdf"
    assert main(["report", "round", "--db", str(db_path), "--round", "latest",
                 "--out", str(out), "--lang", "en"]) == 0
    assert "Page 1 of" in _pages(out)[0]
    assert main(["report", "round", "--db", str(db_path), "--round", "999",
                 "--out", str(out)]) == 1
    assert "no round with id 999" in capsys.readouterr().err


def test_a_comment_longer_than_a_page_continues_on_the_next(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    template = make_template(conn)
    rid = make_round(conn, make_rooms(conn, 1), template)
    room = round_room_ids(conn, rid)[0]
    long = "Lang kommentar om rommet. " * 400 + "SLUTT"
    rounds_db.save_answer(conn, room, item_ids(conn, template)[0], "t", answer="ok",
                          comment=long)
    findings_db.save_finding(conn, Finding("Funn. " * 500, action=long, round_room_id=room),
                             "t")
    pages = _pages(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))
    assert len(pages) > 6
    assert sum(page.count("SLUTT") for page in pages) == 3  # action plan, room, comment
