"""Measures, their progress notes and attachments: each call is one transaction and the
notice names the deviation they belong to (its list row and detail change with them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.services.deviations.conftest import count
from vernetool.context import AppContext
from vernetool.domain.deviations.rules import (
    Action,
    ActionStatus,
    Deviation,
    DeviationType,
)
from vernetool.domain.errors import ValidationError
from vernetool.services import Change, Services, Topic

TODAY = dt.date(2025, 6, 16)


@pytest.fixture
def deviation_id(services: Services) -> int:
    dev_id = services.deviations.record(Deviation(DeviationType.HAZARD, "Wet floor",
                                                  dt.date(2025, 6, 2)))
    services.deviation_workflow.accept(dev_id, dt.date(2025, 7, 1), today=TODAY)
    return dev_id


def test_a_measure_with_notes_and_done(services: Services, changes: list[Change],
                                       deviation_id: int) -> None:
    measures = services.deviation_measures
    changes.clear()
    action_id = measures.add(deviation_id, Action("Put up a sign", "Kari",
                                                  deadline=dt.date(2025, 6, 20)), today=TODAY)
    note_id = measures.add_note(action_id, "Sign ordered")
    measures.mark_done(action_id, today=TODAY)
    [action] = measures.for_deviation(deviation_id)
    assert (action.id, action.status, action.done_at) == (action_id, ActionStatus.DONE, TODAY)
    assert [(n.id, n.note) for n in action.notes] == [(note_id, "Sign ordered")]
    assert changes == [Change(Topic.DEVIATIONS, (deviation_id,))] * 3


def test_a_refused_measure_writes_nothing(services: Services, ctx: AppContext,
                                          changes: list[Change], deviation_id: int) -> None:
    changes.clear()
    with pytest.raises(ValidationError) as refused:
        services.deviation_measures.add(deviation_id, Action("Put up a sign"), today=TODAY)
    assert refused.value.field == "responsible"
    with pytest.raises(ValidationError):
        services.deviation_measures.add_note(12345, "no such measure")
    assert count(ctx.conn, "deviation_action") == 0
    assert count(ctx.conn, "deviation_action_note") == 0
    dev = services.deviations.get(deviation_id)
    assert dev is not None and dev.status.value == "accepted"   # not started by a failure
    assert changes == []


def test_attach_a_photo(services: Services, changes: list[Change], deviation_id: int,
                        tmp_path: Path) -> None:
    photo = tmp_path / "floor.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    attachments = services.deviation_attachments
    changes.clear()
    attached = attachments.attach_file(deviation_id, photo)
    assert [a.original_name for a in attachments.for_deviation(deviation_id)] == ["floor.png"]
    stored = attachments.path_of(attached)
    assert stored.read_bytes() == photo.read_bytes()
    assert attachments.paths([attached]) == {attached.id: stored}
    assert attachments.export(attached, tmp_path / "copy.png").read_bytes() == \
        photo.read_bytes()
    assert changes == [Change(Topic.DEVIATIONS, (deviation_id,))]


def test_attaching_to_a_missing_deviation_is_refused(services: Services, ctx: AppContext,
                                                     changes: list[Change],
                                                     tmp_path: Path) -> None:
    photo = tmp_path / "floor.png"
    photo.write_bytes(b"data")
    changes.clear()
    with pytest.raises(ValidationError):
        services.deviation_attachments.attach_file(999, photo)
    assert count(ctx.conn, "deviation_attachment") == 0 and changes == []
