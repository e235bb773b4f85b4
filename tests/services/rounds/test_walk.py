"""The walk's writes: one answer at a time, the statuses it starts, and the change notice."""

from __future__ import annotations

import pytest

from tests.services.rounds.conftest import Setup
from vernetool.db.rounds import rounds as rounds_db
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import RoundStatus, VisitStatus
from vernetool.services import Change, Topic


def first_room_and_items(setup: Setup) -> tuple[int, list[int]]:
    overview = setup.services.walk.overview(setup.round_id)
    room = overview.rooms[0]
    sections = setup.services.walk.room_content(room.id, "nb").sections
    return room.id, [item.id or 0 for _section, items in sections for item in items]


def test_overview_counts_items_and_answers(setup: Setup) -> None:
    overview = setup.services.walk.overview(setup.round_id)
    assert [r.room_id for r in overview.rooms] == setup.room_ids
    assert all(overview.items_total[r.id] == 6 for r in overview.rooms)
    assert overview.answered == {}


def test_an_answer_starts_room_and_round_and_publishes_a_change(setup: Setup) -> None:
    room_id, items = first_room_and_items(setup)
    done = setup.services.walk.answer(room_id, items[0], "ok")
    assert (done.room_status, done.round_status) == (VisitStatus.IN_PROGRESS,
                                                     RoundStatus.IN_PROGRESS)
    stored = rounds_db.answers_for_room(setup.services.store.conn, room_id)[items[0]]
    assert (stored.answer, stored.answered_by) == ("ok", "tester")
    assert setup.changes == [Change(Topic.ROUNDS, (setup.round_id,))]


def test_a_comment_keeps_the_answer(setup: Setup) -> None:
    room_id, items = first_room_and_items(setup)
    setup.services.walk.answer(room_id, items[1], "improve")
    setup.services.walk.save_field(room_id, items[1], "comment", "Løs kabel")
    setup.services.walk.save_field(room_id, items[1], "value_number", 21.5)
    stored = setup.services.walk.answers(room_id)[items[1]]
    assert (stored.answer, stored.comment, stored.value_number) == ("improve", "Løs kabel", 21.5)
    assert len(setup.changes) == 3


def test_a_refused_answer_writes_and_publishes_nothing(setup: Setup) -> None:
    room_id, items = first_room_and_items(setup)
    with pytest.raises(ValidationError):
        setup.services.walk.answer(room_id, items[0], "maybe")
    with pytest.raises(ValueError):
        setup.services.walk.save_field(room_id, items[0], "answered_by", "someone")
    assert setup.services.walk.answers(room_id) == {}
    assert setup.services.rounds.get_round(setup.round_id).status is RoundStatus.PLANNED
    assert setup.changes == []


def test_a_reported_round_refuses_answers(setup: Setup) -> None:
    room_id, items = first_room_and_items(setup)
    setup.services.walk.answer(room_id, items[0], "ok")
    for status in (RoundStatus.COMPLETED, RoundStatus.REPORTED):
        setup.services.rounds.set_status(setup.round_id, status)
    setup.changes.clear()
    with pytest.raises(ValidationError):
        setup.services.walk.answer(room_id, items[1], "ok")
    assert setup.changes == []


def test_room_done(setup: Setup) -> None:
    room_id, _items = first_room_and_items(setup)
    setup.services.walk.set_visit_status(room_id, VisitStatus.DONE)
    rooms = setup.services.walk.overview(setup.round_id).rooms
    assert rooms[0].status is VisitStatus.DONE and rooms[0].visited_at
    assert setup.changes == [Change(Topic.ROUNDS, (setup.round_id,))]
