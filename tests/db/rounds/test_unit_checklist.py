"""The unit-wide checklist of a round (psychosocial and organisational working environment):
answered once for the whole unit, not per room — store, progress, carry-forward, report, bundle.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.db.round_fixtures import make_rooms, make_template
from vernetool.db.migrations import open_store
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.db.rounds.checklists import checklist_for_room, items_per_room
from vernetool.db.rounds.report_data import unit_answers
from vernetool.db.templates import ensure_builtin, unit_template
from vernetool.domain.organisation import RoomType
from vernetool.domain.rounds import (
    Finding,
    Participant,
    ParticipantRole,
    RecheckOutcome,
    RoundPlan,
    Severity,
)
from vernetool.exchange.round_bundle import export_bundle, merge_bundle
from vernetool.reports.round_report import write_round_report

UID = "aaaaaaaa-2222-3333-4444-555555555555"


def _round(conn: sqlite3.Connection, rooms: list[int], template: int, *, unit: str = "IKJ",
           start: dt.date = dt.date(2026, 3, 1), with_unit: bool = True) -> int:
    ensure_builtin(conn)
    psy = unit_template(conn)
    assert psy is not None and psy.id is not None
    plan = RoundPlan(f"HMS-runde {start.year}", start, unit, start,
                     [Participant("Ola Verneombud", ParticipantRole.SAFETY_REP)], rooms,
                     unit_template=psy.id if with_unit else None)
    return rounds_db.create_round(conn, plan, "t", {t.value: template for t in RoomType})


@pytest.fixture
def setup(conn: sqlite3.Connection) -> tuple[int, list[int], int]:
    template = make_template(conn)
    rooms = make_rooms(conn, 3)
    return _round(conn, rooms, template), rooms, template


def test_the_unit_entry_comes_first_once_and_asks_every_item(
        conn: sqlite3.Connection, setup: tuple[int, list[int], int]) -> None:
    round_id, rooms, _template = setup
    entries = rounds_db.round_rooms(conn, round_id)
    assert [e.room_id for e in entries] == [None, *rooms]
    unit = entries[0]
    assert unit.is_unit and unit.label == "" and entries[1].label == "B1:100"
    psy = unit_template(conn)
    assert psy is not None
    asked = [i.code for _, items in checklist_for_room(conn, unit.id) for i in items]
    assert asked == [i.code for i in psy.items()] and len(asked) == psy.item_count() > 10
    # at most one unit entry per round
    assert rounds_db.add_unit_entry(conn, round_id, unit.template_id) == unit.id
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO round_room (round_id, room_id, position, template_id) "
                     "VALUES (?, NULL, 5, ?)", (round_id, unit.template_id))
    assert rounds_db.unit_entry_id(conn, round_id) == unit.id


def test_a_round_without_it_has_rooms_only(conn: sqlite3.Connection) -> None:
    template = make_template(conn)
    round_id = _round(conn, make_rooms(conn, 2), template, with_unit=False)
    assert all(not e.is_unit for e in rounds_db.round_rooms(conn, round_id))
    assert rounds_db.unit_entry_id(conn, round_id) is None and unit_answers(conn, round_id) == []


def test_progress_counts_the_unit_entry(conn: sqlite3.Connection,
                                        setup: tuple[int, list[int], int]) -> None:
    round_id, _rooms, _template = setup
    unit = rounds_db.round_rooms(conn, round_id)[0]
    per_room = items_per_room(conn, round_id)
    psy_items = [i for _, items in checklist_for_room(conn, unit.id) for i in items]
    assert per_room[unit.id] == len(psy_items)
    before = rounds_db.progress(conn, round_id, per_room)
    assert before.rooms_total == 4 and before.items_total == len(psy_items) + 3 * 6
    for item in psy_items[:3]:
        rounds_db.save_answer(conn, unit.id, item.id or 0, "t", answer="ok")
    rounds_db.set_visit_status(conn, unit.id, rounds_db.VisitStatus.DONE)
    after = rounds_db.progress(conn, round_id, per_room)
    assert (after.items_answered, after.rooms_done) == (3, 1)


def test_unit_findings_are_carried_to_the_next_round_of_the_same_unit(
        conn: sqlite3.Connection, setup: tuple[int, list[int], int]) -> None:
    first, rooms, template = setup
    unit = rounds_db.round_rooms(conn, first)[0]
    item = checklist_for_room(conn, unit.id)[0][1][0]
    rounds_db.save_answer(conn, unit.id, item.id or 0, "t", answer="improve")
    finding_id = findings_db.save_finding(conn, Finding(
        "Arbeidsmengden er for høy", Severity.MEDIUM, "Fordele oppgavene", "Kari Leder",
        round_room_id=unit.id, item_id=item.id), "t")
    stored = findings_db.get_finding(conn, finding_id)
    assert stored.unit_wide and stored.room_id is None and stored.room_label == ""
    assert stored.round_id == first
    # a room finding is not a unit finding
    room_finding = findings_db.save_finding(conn, Finding(
        "Rotete", round_room_id=rounds_db.round_rooms(conn, first)[1].id), "t")
    assert not findings_db.get_finding(conn, room_finding).unit_wide

    other_unit = _round(conn, make_rooms(conn, 1, building="B9", unit="ANNEN"), template,
                        unit="ANNEN", start=dt.date(2027, 3, 1))
    assert findings_db.carried_findings(conn, other_unit, None) == []
    second = _round(conn, rooms, template, start=dt.date(2027, 3, 1))
    carried = findings_db.carried_findings(conn, second, None)
    assert [f.id for f in carried] == [finding_id]
    assert finding_id not in [f.id for f in findings_db.carried_findings(conn, second, rooms[0])]
    findings_db.recheck(conn, finding_id, second, RecheckOutcome.CLOSED, "t", "Fikset")
    assert findings_db.get_finding(conn, finding_id).status.value == "closed"
    # still listed in the round that closed it (with its outcome), not in a later one
    assert [f.id for f in findings_db.carried_findings(conn, second, None)] == [finding_id]
    third = _round(conn, rooms, template, start=dt.date(2028, 3, 1))
    assert findings_db.carried_findings(conn, third, None) == []


def test_report_has_its_own_section_with_answers_and_findings(
        conn: sqlite3.Connection, setup: tuple[int, list[int], int], tmp_path: Path) -> None:
    round_id, _rooms, _template = setup
    unit = rounds_db.round_rooms(conn, round_id)[0]
    items = [i for _, section in checklist_for_room(conn, unit.id) for i in section]
    rounds_db.save_answer(conn, unit.id, items[0].id or 0, "t", answer="ok",
                          comment="Drøftet i <b>formøtet</b>")
    rounds_db.save_answer(conn, unit.id, items[1].id or 0, "t", answer="improve")
    findings_db.save_finding(conn, Finding(
        "Uklare roller i gruppen", Severity.HIGH, "Lage rollebeskrivelser", "Kari Leder",
        round_room_id=unit.id, item_id=items[1].id), "t")
    answers = unit_answers(conn, round_id, "nb")
    assert len(answers) == len(items) and answers[0].answer == "ok"
    assert answers[2].answer is None
    nb = write_round_report(conn, round_id, tmp_path / "nb.pdf", "nb")
    text = "\n".join(p.extract_text() for p in PdfReader(str(nb)).pages)
    flat = " ".join(text.split())
    assert "5 Psykososialt og organisatorisk arbeidsmiljø" in flat
    assert "6 Funn per rom" in flat and "7 Oversikt over rom" in flat
    assert "Drøftet i <b>formøtet</b>" in flat and "Funn for enheten" in flat
    assert "Uklare roller i gruppen" in flat and "Ikke besvart" in flat
    assert "3 rom og enheten (psykososialt og organisatorisk)" in flat
    # the action plan names the unit in its room column
    plan_page = next(p for p in text.split("Tiltaksplan")[1:] if "Lage rollebeskrivelser" in p)
    assert "Enheten" in plan_page
    en = write_round_report(conn, round_id, tmp_path / "en.pdf", "en")
    flat_en = " ".join(" ".join(p.extract_text() for p in PdfReader(str(en)).pages).split())
    assert "5 Psychosocial and organisational working environment" in flat_en
    assert "Findings for the unit" in flat_en


def test_bundle_carries_the_unit_entry_and_merges_idempotently(tmp_path: Path) -> None:
    a = open_store(tmp_path / "a" / "vernetool.sqlite")
    b = open_store(tmp_path / "b" / "vernetool.sqlite")
    try:
        template = make_template(a)
        round_id = _round(a, make_rooms(a, 2), template)
        a.execute("UPDATE hse_round SET uid = ? WHERE id = ?", (UID, round_id))
        make_rooms(b, 2)
        unit = rounds_db.round_rooms(a, round_id)[0]
        item = checklist_for_room(a, unit.id)[0][1][0]
        rounds_db.save_answer(a, unit.id, item.id or 0, "a", answer="improve", comment="Mye")
        findings_db.save_finding(a, Finding("For mye overtid", round_room_id=unit.id,
                                            item_id=item.id), "a")
        bundle = export_bundle(a, round_id, tmp_path / "a.zip", tmp_path / "a")
        first = merge_bundle(b, bundle, tmp_path / "b", "b")
        assert first.rooms_added == 3 and first.answers_added == 1
        assert first.findings_added == 1 and not first.missing_rooms and not first.skipped
        b_round = rounds_db.find_round_by_uid(b, UID)
        assert b_round is not None
        b_unit = rounds_db.round_rooms(b, b_round)[0]
        assert b_unit.is_unit
        b_item = checklist_for_room(b, b_unit.id)[0][1][0]
        assert rounds_db.answers_for_room(b, b_unit.id)[b_item.id or 0].comment == "Mye"
        [finding] = findings_db.findings_for_room(b, b_unit.id)
        assert finding.unit_wide and finding.item_id == b_item.id
        again = merge_bundle(b, bundle, tmp_path / "b", "b")
        assert again.changes == 0 and again.conflicts == []
        # an answer changed on b comes back to a, on the unit entry
        rounds_db.save_answer(b, b_unit.id, b_item.id or 0, "b", comment="Mye overtid i mai")
        back = merge_bundle(a, export_bundle(b, b_round, tmp_path / "b.zip", tmp_path / "b"),
                            tmp_path / "a", "a")
        assert back.answers_updated == 1 and back.rooms_added == 0
        assert rounds_db.answers_for_room(a, unit.id)[item.id or 0].comment == \
            "Mye overtid i mai"
        assert a.execute("SELECT count(*) FROM round_room WHERE room_id IS NULL").fetchone()[0] \
            == 1
    finally:
        a.close()
        b.close()
