"""Planning a round: one call creates or changes the whole plan, or nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.services.rounds.conftest import Setup
from vernetool.db.rounds import rounds as rounds_db
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import Participant, ParticipantRole, RoundPlan, RoundStatus
from vernetool.services import Change, Topic


def plan_of(setup: Setup, **changes: object) -> RoundPlan:
    r = setup.services.rounds.get_round(setup.round_id)
    plan = RoundPlan(title=r.title, start_date=r.start_date, unit_code=r.unit_code,
                     end_date=r.end_date, participants=list(r.participants),
                     room_ids=list(setup.room_ids), pre_meeting_notes=r.pre_meeting_notes,
                     templates={"office": setup.template_id, "lab": setup.template_id})
    return dataclasses.replace(plan, **changes)  # type: ignore[arg-type]


def snapshot(setup: Setup) -> tuple[object, ...]:
    r = setup.services.rounds.get_round(setup.round_id)
    rooms = [(rr.room_id, rr.template_id) for rr in setup.services.rounds.round_rooms(
        setup.round_id)]
    return (r.title, r.start_date, r.end_date, r.pre_meeting_notes,
            [(p.name, p.role) for p in r.participants], rooms)


def test_create_publishes_the_new_round(setup: Setup) -> None:
    plan = plan_of(setup, title="Ny runde", room_ids=setup.room_ids[:2])
    round_id = setup.services.rounds.create(plan)
    assert [rr.room_id for rr in setup.services.rounds.round_rooms(round_id)] == \
        setup.room_ids[:2]
    assert setup.services.rounds.get_round(round_id).status is RoundStatus.PLANNED
    assert setup.changes == [Change(Topic.ROUNDS)]


def test_update_changes_the_whole_plan_at_once(setup: Setup) -> None:
    plan = plan_of(setup, title="Endret", end_date=dt.date(2026, 3, 5),
                   pre_meeting_notes="Agenda", room_ids=setup.room_ids[1:],
                   participants=[Participant("Ola Verneombud", ParticipantRole.SAFETY_REP)])
    setup.services.rounds.update(setup.round_id, plan)
    title, _start, end, notes, people, rooms = snapshot(setup)
    assert (title, end, notes) == ("Endret", dt.date(2026, 3, 5), "Agenda")
    assert people == [("Ola Verneombud", ParticipantRole.SAFETY_REP)]
    assert [room_id for room_id, _t in rooms] == setup.room_ids[1:]  # type: ignore[attr-defined]
    assert setup.changes == [Change(Topic.ROUNDS, (setup.round_id,))]


def test_update_failing_part_way_leaves_the_round_as_it_was(setup: Setup) -> None:
    """The title, dates and participants come before the rooms; a room that cannot be taken
    out (it has answers) makes the whole save fail, and none of it is kept."""
    answered = setup.services.rounds.round_rooms(setup.round_id)[0]
    item_id = setup.services.walk.room_content(answered.id, "nb").sections[0][1][0].id
    assert item_id is not None
    setup.services.walk.answer(answered.id, item_id, "ok")
    before, setup.changes[:] = snapshot(setup), []
    plan = plan_of(setup, title="Skal ikke lagres", pre_meeting_notes="Nei",
                   end_date=dt.date(2026, 3, 9), room_ids=setup.room_ids[1:],
                   participants=[Participant("Ola Verneombud", ParticipantRole.SAFETY_REP)])
    with pytest.raises(ValidationError) as failure:
        setup.services.rounds.update(setup.round_id, plan)
    assert failure.value.field == "rooms"
    assert snapshot(setup) == before
    assert setup.changes == []


def test_update_failing_in_the_last_write_keeps_nothing(setup: Setup) -> None:
    """A room added with no checklist for its type fails in the last of the writes."""
    extra = setup.room_ids[0]
    rounds_db.remove_room(setup.services.store.conn,
                          setup.services.rounds.round_rooms(setup.round_id)[0].id)
    before = snapshot(setup)
    plan = plan_of(setup, title="Skal ikke lagres", room_ids=[extra, *setup.room_ids[1:]],
                   templates={})
    with pytest.raises(ValidationError):
        setup.services.rounds.update(setup.round_id, plan)
    assert snapshot(setup) == before


def test_status_moves_and_publishes(setup: Setup) -> None:
    setup.services.rounds.set_status(setup.round_id, RoundStatus.IN_PROGRESS)
    assert setup.services.rounds.get_round(setup.round_id).status is RoundStatus.IN_PROGRESS
    with pytest.raises(ValidationError):
        setup.services.rounds.set_status(setup.round_id, RoundStatus.REPORTED)
    assert setup.changes == [Change(Topic.ROUNDS, (setup.round_id,))]
