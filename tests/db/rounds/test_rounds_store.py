"""The rounds store: answers persist at once, carry-forward, re-checks, status transitions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.db.round_fixtures import (
    item_ids,
    make_rooms,
    make_round,
    make_template,
    round_room_ids,
)
from vernetool.db.connection import connect
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import (
    Finding,
    FindingStatus,
    RecheckOutcome,
    RoundStatus,
    Severity,
    VisitStatus,
)


def _round(conn: sqlite3.Connection, rooms: list[int], template: int, year: int) -> int:
    return make_round(conn, rooms, template, title=f"HMS-runde {year}",
                      start=dt.date(year, 3, 1))


def test_an_answer_is_on_disk_when_the_call_returns(conn: sqlite3.Connection,
                                                     db_path: Path) -> None:
    template = make_template(conn)
    rid = _round(conn, make_rooms(conn, 2), template, 2026)
    room = round_room_ids(conn, rid)[0]
    item = item_ids(conn, template)[0]
    rounds_db.save_answer(conn, room, item, "ola", answer="improve", comment="Mangler skilt")
    other = connect(db_path)  # a fresh connection, as after a crash and restart
    try:
        row = other.execute("SELECT answer, comment, answered_by FROM round_answer "
                            "WHERE round_room_id = ? AND item_id = ?", (room, item)).fetchone()
        assert tuple(row) == ("improve", "Mangler skilt", "ola")
        status = other.execute("SELECT status FROM hse_round WHERE id = ?", (rid,)).fetchone()
        assert status[0] == "in_progress"  # answering starts the round
    finally:
        other.close()


def test_a_comment_alone_keeps_the_answer(conn: sqlite3.Connection) -> None:
    template = make_template(conn)
    rid = _round(conn, make_rooms(conn, 1), template, 2026)
    room, item = round_room_ids(conn, rid)[0], item_ids(conn, template)[0]
    rounds_db.save_answer(conn, room, item, "a", answer="ok")
    record = rounds_db.save_answer(conn, room, item, "a", comment="Sjekket")
    assert (record.answer, record.comment) == ("ok", "Sjekket")
    with pytest.raises(ValidationError):
        rounds_db.save_answer(conn, room, item, "a", answer="maybe")


def test_progress_counts_rooms_and_items(conn: sqlite3.Connection) -> None:
    template = make_template(conn)
    rid = _round(conn, make_rooms(conn, 2), template, 2026)
    rooms, items = round_room_ids(conn, rid), item_ids(conn, template)
    for item in items[:4]:
        rounds_db.save_answer(conn, rooms[0], item, "a", answer="ok")
    rounds_db.set_visit_status(conn, rooms[1], VisitStatus.SKIPPED)
    progress = rounds_db.progress(conn, rid, {rooms[0]: 6, rooms[1]: 6})
    assert (progress.rooms_done, progress.rooms_total) == (1, 2)
    assert (progress.items_answered, progress.items_total) == (4, 6)


def test_open_findings_are_carried_into_the_next_round_of_the_room(
        conn: sqlite3.Connection) -> None:
    template = make_template(conn)
    rooms = make_rooms(conn, 2)
    first = _round(conn, rooms, template, 2025)
    first_rooms = round_room_ids(conn, first)
    open_one = findings_db.save_finding(conn, Finding(
        "Skap ulåst", Severity.HIGH, round_room_id=first_rooms[0]), "a")
    closed_one = findings_db.save_finding(conn, Finding(
        "Løs ledning", Severity.LOW, round_room_id=first_rooms[0]), "a")
    findings_db.close_finding(conn, closed_one, "a", "Fikset")
    findings_db.save_finding(conn, Finding("Annet rom", round_room_id=first_rooms[1]), "a")
    second = _round(conn, rooms, template, 2026)
    carried = findings_db.carried_findings(conn, second, rooms[0])
    assert [f.id for f in carried] == [open_one]
    # the earlier round does not see findings of the later one
    later = findings_db.save_finding(conn, Finding(
        "Nytt funn", round_room_id=round_room_ids(conn, second)[0]), "a")
    assert later not in [f.id for f in findings_db.carried_findings(conn, first, rooms[0])]


def test_recheck_closes_or_keeps_a_finding(conn: sqlite3.Connection) -> None:
    template = make_template(conn)
    rooms = make_rooms(conn, 1)
    first = _round(conn, rooms, template, 2025)
    fid = findings_db.save_finding(conn, Finding(
        "Skap ulåst", round_room_id=round_room_ids(conn, first)[0]), "a")
    second = _round(conn, rooms, template, 2026)
    findings_db.recheck(conn, fid, second, RecheckOutcome.CLOSED, "ola", "Låst nå")
    finding = findings_db.get_finding(conn, fid)
    assert finding.status is FindingStatus.CLOSED and finding.closed_at
    # still listed in the round that closed it, with its outcome
    assert [f.id for f in findings_db.carried_findings(conn, second, rooms[0])] == [fid]
    assert findings_db.rechecks_for_round(conn, second)[fid].note == "Låst nå"
    findings_db.recheck(conn, fid, second, RecheckOutcome.KEPT, "ola", "Likevel ikke")
    assert findings_db.get_finding(conn, fid).status is FindingStatus.OPEN
    # a third round carries it again, since it is open
    third = _round(conn, rooms, template, 2027)
    assert [f.id for f in findings_db.carried_findings(conn, third, rooms[0])] == [fid]


def test_status_transitions(conn: sqlite3.Connection) -> None:
    template = make_template(conn)
    rid = _round(conn, make_rooms(conn, 1), template, 2026)
    with pytest.raises(ValidationError):
        rounds_db.set_status(conn, rid, RoundStatus.COMPLETED, "a")  # not started yet
    rounds_db.set_status(conn, rid, RoundStatus.IN_PROGRESS, "a")
    rounds_db.set_status(conn, rid, RoundStatus.COMPLETED, "a")
    assert rounds_db.get_round(conn, rid).completed_at
    rounds_db.set_status(conn, rid, RoundStatus.IN_PROGRESS, "a")  # reopened
    rounds_db.set_status(conn, rid, RoundStatus.COMPLETED, "a")
    rounds_db.set_status(conn, rid, RoundStatus.REPORTED, "a")
    with pytest.raises(ValidationError):
        rounds_db.set_status(conn, rid, RoundStatus.IN_PROGRESS, "a")
    room, item = round_room_ids(conn, rid)[0], item_ids(conn, template)[0]
    with pytest.raises(ValidationError):
        rounds_db.save_answer(conn, room, item, "a", answer="ok")  # reported: final
    assert rounds_db.get_round(conn, rid).status is RoundStatus.REPORTED


def test_a_room_with_answers_cannot_leave_the_scope(conn: sqlite3.Connection) -> None:
    template = make_template(conn)
    rid = _round(conn, make_rooms(conn, 2), template, 2026)
    rooms = round_room_ids(conn, rid)
    rounds_db.save_answer(conn, rooms[0], item_ids(conn, template)[0], "a", answer="ok")
    with pytest.raises(ValidationError) as refused:
        rounds_db.remove_room(conn, rooms[0])
    assert refused.value.code == "round.room_has_answers"  # the plan dialog compares the code
    rounds_db.remove_room(conn, rooms[1])
    assert round_room_ids(conn, rid) == [rooms[0]]
