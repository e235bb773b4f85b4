"""The deviation store: recording, workflow with history, measures, search and filters."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.db.round_fixtures import make_rooms, make_round, make_template
from vernetool.db import audit
from vernetool.db.deviations import actions as dev_actions
from vernetool.db.deviations import attachments as dev_attachments
from vernetool.db.deviations import records as repo
from vernetool.db.deviations import settings as dev_settings
from vernetool.db.deviations.queries import (
    DeviationFilter,
    DeviationSort,
    count_deviations,
    query_deviations,
    status_counts,
)
from vernetool.db.organisation.rooms import save_room
from vernetool.db.organisation.units import ensure_unit
from vernetool.db.rounds import findings
from vernetool.domain.deviations.rules import (
    Absence,
    Action,
    ActionStatus,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    RiskMatrix,
    StatusChange,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.rounds import Finding, Severity

S = DeviationStatus
TODAY = dt.date(2024, 6, 1)


def _add(conn: sqlite3.Connection, title: str, **kw: object) -> int:
    fields: dict[str, object] = {"type": DeviationType.HAZARD, "title": title,
                                 "reported_at": dt.date(2024, 5, 1)}
    fields.update(kw)
    return repo.create_deviation(conn, Deviation(**fields), actor="tester")  # type: ignore[arg-type]


def test_create_read_update_with_injury(conn: sqlite3.Connection) -> None:
    room_id, _ = save_room(conn, Room("GL", "A-101", RoomType.LAB, "Kjemilab"))
    dev_id = _add(conn, "Kuttskade ved glassbrudd", type=DeviationType.ACCIDENT,
                  room_id=room_id, injury=Injury(True, Absence.LE3), reporter="Kari Nordmann",
                  potential_consequence=3, probability=2)
    dev = repo.get_deviation(conn, dev_id)
    assert dev is not None
    assert dev.room_label == "GL:A-101" and dev.status is S.REGISTERED
    assert dev.injury == Injury(True, Absence.LE3)
    dev.injury = Injury(True, Absence.GT3)
    dev.cause = "Sprukket begerglass"
    assert repo.update_deviation(conn, dev, actor="tester") is True
    assert repo.update_deviation(conn, dev, actor="tester") is False
    again = repo.get_deviation(conn, dev_id)
    assert again is not None and again.injury is not None
    assert again.injury.absence is Absence.GT3 and again.cause == "Sprukket begerglass"
    actions = [e.action for e in audit.history(conn, "deviation", dev_id)]
    assert actions == ["create", "update"]
    assert "Kari" not in str(audit.history(conn, "deviation", dev_id)[1].details)


def test_bad_input_names_the_field_and_writes_nothing(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValidationError) as err:
        _add(conn, "Uten rom", room_id=999)
    assert err.value.field == "room"
    assert count_deviations(conn) == 0


def test_workflow_keeps_history_and_audit(conn: sqlite3.Connection) -> None:
    dev_id = _add(conn, "Blokkert rømningsvei")
    with pytest.raises(ValidationError):
        repo.change_status(conn, dev_id, StatusChange(S.CLOSED), actor="leder", today=TODAY)
    repo.change_status(conn, dev_id, StatusChange(S.ACCEPTED, closing_deadline=dt.date(
        2024, 7, 1)), actor="leder", today=TODAY)
    action_id = dev_actions.add_action(conn, dev_id, Action("Rydde korridoren", "Ola Hansen",
                                                            deadline=dt.date(2024, 6, 15)),
                                actor="leder", today=TODAY)
    assert repo.get_deviation(conn, dev_id).status is S.IN_PROGRESS  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as err:
        repo.change_status(conn, dev_id, StatusChange(S.CLOSED), actor="leder", today=TODAY)
    assert err.value.field == "note"
    dev_actions.set_action_status(conn, action_id, ActionStatus.DONE, actor="ola", note="Ryddet",
                                  today=dt.date(2024, 6, 10))
    closed = repo.change_status(conn, dev_id, StatusChange(S.CLOSED), actor="leder",
                                today=dt.date(2024, 6, 11))
    assert closed.closed_at == dt.date(2024, 6, 11)
    history = repo.status_history(conn, dev_id)
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, S.REGISTERED), (S.REGISTERED, S.ACCEPTED), (S.ACCEPTED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.CLOSED)]
    assert all(h.actor for h in history)
    statuses = [e.details for e in audit.history(conn, "deviation", dev_id)
                if e.action == "status"]
    assert [d["to"] for d in statuses] == ["accepted", "in_progress", "closed"]
    actions = dev_actions.list_actions(conn, dev_id)
    assert actions[0].status is ActionStatus.DONE and actions[0].notes[0].note == "Ryddet"
    with pytest.raises(ValidationError):
        dev_actions.add_action(conn, dev_id, Action("Mer", "Ola"), actor="leder")


def test_free_text_search_finds_word_prefixes(conn: sqlite3.Connection) -> None:
    a = _add(conn, "Brannalarm gikk i kjelleren")
    b = _add(conn, "Søl av saltsyre", description="Brannslukker sto foran døren")
    _add(conn, "Løs kabel", cause="Slitasje")
    found = {r.id for r in query_deviations(conn, DeviationFilter(text="brann"))}
    assert found == {a, b}
    assert [r.id for r in query_deviations(
        conn, DeviationFilter(text="brann kjeller"))] == [a]
    assert count_deviations(conn, DeviationFilter(text="slitas")) == 1
    assert count_deviations(conn, DeviationFilter(text='"; DROP')) == 0
    dev = repo.get_deviation(conn, a)
    assert dev is not None
    dev.title = "Røykvarsler"
    repo.update_deviation(conn, dev, actor="t")
    assert count_deviations(conn, DeviationFilter(text="brannalarm")) == 0
    assert count_deviations(conn, DeviationFilter(text="røyk")) == 1


def test_filters_sort_paging_and_counts(conn: sqlite3.Connection) -> None:
    unit = ensure_unit(conn, "IKJ")
    room_id, _ = save_room(conn, Room("REAL", "101", RoomType.LAB))
    ids = [_add(conn, f"Hendelse {n}", reported_at=dt.date(2024, 1, 1) + dt.timedelta(days=n),
                potential_consequence=(n % 5) + 1, probability=3,
                type=DeviationType.NEAR_MISS if n % 2 else DeviationType.HAZARD,
                category="Bygning og materiell" if n < 5 else "Annet",
                unit_id=unit if n < 3 else None, room_id=room_id if n == 7 else None)
           for n in range(10)]
    flt = DeviationFilter
    assert count_deviations(conn, flt(types=(DeviationType.NEAR_MISS,))) == 5
    assert count_deviations(conn, flt(category="Annet")) == 5
    assert count_deviations(conn, flt(min_severity=4)) == 4
    assert count_deviations(conn, flt(severities=(5,))) == 2
    assert count_deviations(conn, flt(unit_id=unit)) == 3
    assert [r.id for r in query_deviations(conn, flt(room_id=room_id))] == [ids[7]]
    assert count_deviations(conn, flt(date_from=dt.date(2024, 1, 3),
                                      date_to=dt.date(2024, 1, 5))) == 3
    page = query_deviations(conn, offset=2, limit=3)
    assert [r.id for r in page] == [ids[7], ids[6], ids[5]]  # newest first
    asc = query_deviations(conn, sort=DeviationSort.SEVERITY, descending=False)
    assert [r.potential_consequence for r in asc][:2] == [1, 1]
    repo.change_status(conn, ids[0], StatusChange(S.REJECTED, reason="Dublett"), actor="t")
    counts = status_counts(conn, flt(statuses=(S.REGISTERED,)))
    assert counts["registered"] == 9 and counts["rejected"] == 1
    assert counts["total"] == 10 and counts["open"] == 9
    assert count_deviations(conn, flt(statuses=(S.REJECTED,))) == 1


def test_overdue_by_closing_deadline_or_measure(conn: sqlite3.Connection) -> None:
    late = _add(conn, "Frist passert")
    repo.change_status(conn, late, StatusChange(S.ACCEPTED, closing_deadline=dt.date(
        2024, 5, 20)), actor="t")
    measure = _add(conn, "Tiltak forsinket")
    repo.change_status(conn, measure, StatusChange(S.ACCEPTED, closing_deadline=dt.date(
        2024, 12, 1)), actor="t")
    dev_actions.add_action(conn, measure,
                           Action("Skifte lås", "Per", deadline=dt.date(2024, 5, 30)), actor="t")
    fine = _add(conn, "I rute")
    repo.change_status(conn, fine, StatusChange(S.ACCEPTED, closing_deadline=dt.date(
        2024, 12, 1)), actor="t")
    rejected = _add(conn, "Avvist")
    repo.change_status(conn, rejected, StatusChange(S.REJECTED, reason="Ikke HMS"), actor="t")
    overdue = query_deviations(conn, DeviationFilter(overdue_only=True), today=TODAY)
    assert {r.id for r in overdue} == {late, measure}
    rows = {r.id: r for r in query_deviations(conn, today=TODAY)}
    assert rows[late].overdue and rows[measure].overdue and not rows[fine].overdue
    assert rows[measure].open_actions == 1
    assert status_counts(conn, today=TODAY)["overdue"] == 2
    assert count_deviations(conn, DeviationFilter(overdue_only=True),
                            today=dt.date(2024, 5, 1)) == 0


def test_attachments_are_content_addressed_inside_the_data_dir(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    dev_id = _add(conn, "Foto")
    data_dir = tmp_path / "data"
    att = dev_attachments.add_attachment_bytes(conn, data_dir, dev_id, "../../etc/passwd", b"jpeg",
                                               actor="t")
    stored = dev_attachments.attachment_path(data_dir, att)
    assert stored.read_bytes() == b"jpeg"
    assert stored.resolve().is_relative_to((data_dir / "attachments").resolve())
    assert att.original_name == "passwd"
    again = dev_attachments.add_attachment_bytes(conn, data_dir, dev_id, "x.jpg", b"jpeg",
                                                 actor="t")
    assert again.id == att.id and len(dev_attachments.list_attachments(conn, dev_id)) == 1


def test_settings_in_the_database(conn: sqlite3.Connection) -> None:
    assert dev_settings.get_hours_worked(conn, 2024) is None
    dev_settings.set_hours_worked(conn, 2024, 12_760_814.98, actor="t")
    assert dev_settings.get_hours_worked(conn, 2024) == 12_760_814.98
    with pytest.raises(ValidationError):
        dev_settings.set_hours_worked(conn, 2024, 0, actor="t")
    cats = dev_settings.list_categories(conn)
    assert [c.name for c in cats][-1] == "Annet" and len(cats) == 5
    assert "Unødvendig alarm" in [s.name for s in cats[2].subcategories]
    new = dev_settings.add_category(conn, "Laser", parent_id=cats[0].id, actor="t")
    with pytest.raises(ValidationError):
        dev_settings.add_category(conn, "laser", parent_id=cats[0].id, actor="t")
    dev_settings.set_category_active(conn, new, False, actor="t")
    assert "Laser" not in [s.name for s in dev_settings.list_categories(conn)[0].subcategories]
    assert dev_settings.get_risk_matrix(conn) == RiskMatrix()
    dev_settings.set_risk_matrix(conn, RiskMatrix(4, 10), actor="t")
    assert dev_settings.get_risk_matrix(conn) == RiskMatrix(4, 10)


def test_round_finding_becomes_a_linked_deviation(conn: sqlite3.Connection) -> None:
    rooms = make_rooms(conn, 1)
    round_id = make_round(conn, rooms, make_template(conn))
    round_room = conn.execute("SELECT id FROM round_room WHERE round_id = ?",
                              (round_id,)).fetchone()[0]
    finding_id = findings.save_finding(conn, Finding(
        "Gassflaske uten kjetting\nsto ved vinduet", Severity.HIGH, action="Sikre flasken",
        round_room_id=round_room), "verneombud")
    dev_id = repo.create_from_finding(conn, finding_id, actor="verneombud", today=TODAY)
    dev = repo.get_deviation(conn, dev_id)
    assert dev is not None
    assert dev.title == "Gassflaske uten kjetting" and dev.source_finding_id == finding_id
    assert dev.room_id == rooms[0] and dev.unit_code == "IKJ"
    assert dev.potential_consequence == 4 and "Sikre flasken" in dev.description
    assert findings.get_finding(conn, finding_id).deviation_id == dev_id
    assert [d.id for d in repo.find_by_source_finding(conn, finding_id)] == [dev_id]
    with pytest.raises(ValidationError) as err:
        repo.create_from_finding(conn, finding_id, actor="verneombud")
    assert err.value.field == "finding"
