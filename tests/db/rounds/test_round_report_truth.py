"""The round report tells the truth (issue 8, points 6 and 7): the checkpoint and the finding are
two labelled things in the report's language, an old finding that only repeats its checklist
statement is not printed twice, the cover has a place to sign, counts say "of N", the footer
date is written as the body's, the action plan is sorted and says what the app says."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.db.round_fixtures import make_rooms, make_round, round_room_ids
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.db.templates import save_template_version
from vernetool.domain.checklists import Item, Section, Template
from vernetool.domain.organisation import RoomType
from vernetool.domain.rounds import (
    ActionStatus,
    Finding,
    Severity,
    action_plan_order,
    own_description,
)
from vernetool.i18n import using_language
from vernetool.i18n.labels import action_status_label
from vernetool.reports.round_report import write_round_report

TODAY = dt.date(2026, 6, 15)
EXIT_NB = "Nødutganger er ikke låst eller blokkert"
EXIT_EN = "Emergency exits are not locked or blocked"
LIGHT_NB = "Nødlys over utgangene virker"
LIGHT_EN = "Emergency lighting above the exits works"


def _text(path: Path) -> str:
    """The whole report's text, runs of white space (wraps inside cells) made single."""
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _template(conn: sqlite3.Connection) -> tuple[int, dict[str, int]]:
    template = Template("truth", "Rømning", "Escape", room_types=frozenset(RoomType), sections=[
        Section("Rømning", "Escape routes", [Item("exit", EXIT_NB, EXIT_EN),
                                             Item("light", LIGHT_NB, LIGHT_EN),
                                             Item("tidy", "Rommet er ryddig", "The room is tidy")]),
    ])
    template_id = save_template_version(conn, template, "test")
    ids = {r["code"]: r["id"] for r in conn.execute(
        "SELECT i.code, i.id FROM checklist_item i JOIN checklist_section s "
        "ON s.id = i.section_id WHERE s.template_id = ?", (template_id,))}
    return template_id, ids


@pytest.fixture
def rid(conn: sqlite3.Connection) -> int:
    template_id, items = _template(conn)
    round_id = make_round(conn, make_rooms(conn, 2), template_id)
    first, second = round_room_ids(conn, round_id)
    for item in items.values():  # the first room: every item answered
        rounds_db.save_answer(conn, first, item, "t", answer="ok")
    rounds_db.save_answer(conn, first, items["exit"], "t", answer="improve")
    rounds_db.save_answer(conn, second, items["light"], "t", answer="improve")
    # a finding described as what was found (what the walk makes now)
    findings_db.save_finding(conn, Finding(
        "Døra til trappa var låst med hengelås", Severity.HIGH, "Fjerne hengelåsen",
        "Kari Leder", deadline=dt.date(2026, 6, 20), round_room_id=first,
        item_id=items["exit"]), "t")
    # a finding made before issue 8: the prefilled statement, nothing else
    findings_db.save_finding(conn, Finding(
        LIGHT_NB, Severity.MEDIUM, "Bytte batteri i nødlyset", "Per Hansen",
        deadline=dt.date(2026, 7, 1), round_room_id=second, item_id=items["light"]), "t")
    return round_id


def test_checkpoint_and_finding_are_two_labelled_things(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    text = _text(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))
    # the action plan and the room's findings: the finding, then its checkpoint, labelled
    assert text.count("Funn (Høy): Døra til trappa var låst med hengelås") == 1
    assert text.count(f"Sjekkpunkt: {EXIT_NB}") == 2
    assert text.count("Funn: Døra til trappa var låst med hengelås") == 1
    assert f"Funn (Høy): {EXIT_NB}" not in text and f"Funn: {EXIT_NB}" not in text


def test_a_finding_that_repeats_its_statement_is_not_printed_twice(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    text = _text(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))
    # once as the checkpoint in the action plan, once in the room's findings: never as the
    # finding too (before: four times, twice in a row)
    assert text.count(LIGHT_NB) == 2
    assert text.count(f"Sjekkpunkt: {LIGHT_NB}") == 2
    assert "Funn (Middels): (ikke beskrevet)" in text
    assert not re.search(rf"{LIGHT_NB}\W+{LIGHT_NB}", text)


def test_english_report_names_the_checkpoint_in_english(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    text = _text(write_round_report(conn, rid, tmp_path / "r.pdf", "en", today=TODAY))
    assert text.count(f"Checklist item: {EXIT_EN}") == 2
    assert text.count(f"Checklist item: {LIGHT_EN}") == 2
    assert EXIT_NB not in text and LIGHT_NB not in text  # no Bokmål statement at all
    assert "Finding (High): Døra til trappa var låst" in text  # the user's own words
    assert "Finding (Medium): (not described)" in text


def test_the_cover_has_a_place_to_sign_for_the_line_manager_and_the_safety_rep(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    cover = _pages(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))[0]
    block = cover[cover.index("Underskrifter"):]
    # "Linjeleder", as the round plan says (the report said "Leder", a person's role)
    assert re.search(r"Linjeleder\s+Kari Leder.*Verneombud\s+Ola Verneombud", block) or \
        re.search(r"Linjeleder\s+Verneombud\s+Kari Leder\s+Ola Verneombud", block)
    assert block.count("Dato") == 2 and block.count("Underskrift") >= 2
    english = _pages(write_round_report(conn, rid, tmp_path / "e.pdf", "en", today=TODAY))[0]
    block = english[english.index("Signatures"):]
    assert "Line manager" in block and "Safety representative" in block
    assert block.count("Date") == 2 and block.count("Signature") >= 2


def test_a_role_nobody_holds_still_gets_a_box_to_sign(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    conn.execute("DELETE FROM round_participant WHERE role = 'line_manager'")
    cover = _pages(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))[0]
    block = cover[cover.index("Underskrifter"):]
    assert "Linjeleder" in block and "Navn:" in block and block.count("Dato") == 2


def test_counts_say_of_how_many(conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    pages = _pages(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))
    assert re.search(r"Punkter besvart\s+4 av 6\b", pages[1])  # 3 + 1 of 3 + 3
    overview = pages[-1]
    assert re.search(r"B1:100 .*3 av 3 1", overview) and re.search(r"B1:101 .*1 av 3 1",
                                                                     overview)
    english = _pages(write_round_report(conn, rid, tmp_path / "e.pdf", "en", today=TODAY))
    assert re.search(r"Items answered\s+4 of 6\b", english[1])
    assert "3 of 3" in english[-1] and "1 of 3" in english[-1]


def test_the_footer_writes_the_date_as_the_body_does(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    pages = _pages(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))
    assert all("· 15.06.2026" in page for page in pages)
    assert not any(re.search(r"\b\d{4}-\d\d-\d\d\b", page) for page in pages)  # no ISO date
    pages = _pages(write_round_report(conn, rid, tmp_path / "e.pdf", "en", today=TODAY))
    assert all("· 2026-06-15" in page for page in pages)
    assert "2026-06-20" in pages[2] and not any(re.search(r"\d\d\.\d\d\.\d{4}", p)
                                                for p in pages)


def test_shares_are_written_as_each_language_writes_them(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    """The English report printed "62 %" (issue 8 trial): one locale per language."""
    summary = _pages(write_round_report(conn, rid, tmp_path / "e.pdf", "en", today=TODAY))[1]
    assert re.search(r"\b33%", summary) and not re.search(r"\d %", summary)
    summary = _pages(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))[1]
    assert re.search(r"\b33 %", summary) and not re.search(r"\d%", summary)

def test_the_action_plans_number_column_holds_its_header(
        conn: sqlite3.Connection, rid: int, tmp_path: Path) -> None:
    """"No." broke into "No" over "." in the English action plan (issue 8 trial)."""
    plan = _pages(write_round_report(conn, rid, tmp_path / "e.pdf", "en", today=TODAY))[2]
    assert "No. Action Responsible Deadline Status Room" in plan
    plan = _pages(write_round_report(conn, rid, tmp_path / "r.pdf", "nb", today=TODAY))[2]
    assert "Nr. Tiltak Ansvarlig Frist Status Rom" in plan

def test_the_action_plan_is_sorted_by_severity_then_deadline(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    template_id, _ = _template(conn)
    round_id = make_round(conn, make_rooms(conn, 1), template_id)
    room = round_room_ids(conn, round_id)[0]
    for title, severity, deadline in (
            ("Lav sent", Severity.LOW, dt.date(2026, 9, 1)),
            ("Høy uten frist", Severity.HIGH, None),
            ("Middels snart", Severity.MEDIUM, dt.date(2026, 7, 1)),
            ("Høy sent", Severity.HIGH, dt.date(2026, 8, 1)),
            ("Høy snart", Severity.HIGH, dt.date(2026, 7, 1)),
            ("Lav snart", Severity.LOW, dt.date(2026, 7, 1))):
        findings_db.save_finding(conn, Finding(title, severity, f"Tiltak {title}", "Kari",
                                               deadline=deadline, round_room_id=room), "t")
    text = _text(write_round_report(conn, round_id, tmp_path / "r.pdf", "nb", today=TODAY))
    plan = text[text.index("Tiltaksplan"):text.index("Tidligere funn")]
    order = [m.group(1) for m in re.finditer(r"(\d+) Tiltak (\w+ \w+ ?\w*)", plan)]
    assert order == ["1", "2", "3", "4", "5", "6"]
    titles = re.findall(r"Tiltak (Høy uten frist|Høy snart|Høy sent|Middels snart|Lav snart|"
                        r"Lav sent)", plan)
    assert titles == ["Høy snart", "Høy sent", "Høy uten frist", "Middels snart", "Lav snart",
                      "Lav sent"]


def test_the_action_plan_says_what_the_app_says(conn: sqlite3.Connection, rid: int,
                                                tmp_path: Path) -> None:
    finding = findings_db.findings_for_round(conn, rid)[1]
    finding.action_status = ActionStatus.IN_PROGRESS
    findings_db.save_finding(conn, finding, "t")
    for lang in ("nb", "en"):
        plan = _pages(write_round_report(conn, rid, tmp_path / f"{lang}.pdf", lang,
                                         today=TODAY))[2]  # the action plan's page
        with using_language(lang):
            not_started = action_status_label(ActionStatus.OPEN)
            in_progress = action_status_label(ActionStatus.IN_PROGRESS)
        assert not_started in plan and in_progress in plan, lang
    assert "Åpen" not in _text(tmp_path / "nb.pdf")  # the word the PDF used to have


def test_own_description_cuts_only_a_whole_statement_line() -> None:
    statements = (EXIT_NB, EXIT_EN)
    assert own_description(EXIT_NB, statements) == ""
    assert own_description(f"{EXIT_EN}\nThe back door was locked", statements) == \
        "The back door was locked"
    assert own_description(f"  {EXIT_NB.upper()}  \n Låst dør ", statements) == "Låst dør"
    kept = f"{EXIT_NB} – bortsett fra døra mot gården, som var låst"
    assert own_description(kept, statements) == kept
    assert own_description("Låst dør", ()) == "Låst dør"


def test_action_plan_order_puts_high_and_soon_first() -> None:
    day = dt.date(2026, 1, 1)
    found = [Finding("a", Severity.LOW, deadline=day), Finding("b", Severity.HIGH),
             Finding("c", Severity.HIGH, deadline=day + dt.timedelta(days=9)),
             Finding("d", Severity.MEDIUM, deadline=day), Finding("e", Severity.HIGH,
                                                                  deadline=day)]
    assert [f.description for f in sorted(found, key=action_plan_order)] == \
        ["e", "c", "b", "d", "a"]
