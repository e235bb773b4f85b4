"""The workflow service applies the domain's rules: a refused step names the field, writes
nothing (no status, no history, no audit) and publishes nothing; an allowed one is kept in
the history and announced."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.services.deviations.conftest import count
from vernetool.context import AppContext
from vernetool.domain.deviations.rules import (
    Action,
    Deviation,
    DeviationStatus,
    DeviationType,
    StatusChange,
)
from vernetool.domain.errors import ValidationError
from vernetool.services import Change, Services, Topic

DAY = dt.date(2025, 5, 2)
TODAY = dt.date(2025, 6, 16)


@pytest.fixture
def deviation_id(services: Services) -> int:
    return services.deviations.record(Deviation(DeviationType.HAZARD, "Blocked escape route",
                                                DAY))


def history(services: Services, deviation_id: int) -> list[tuple[str | None, str]]:
    return [(h.from_status.value if h.from_status else None, h.to_status.value)
            for h in services.deviations.status_history(deviation_id)]


@pytest.mark.parametrize(("change", "field"), [
    (StatusChange(DeviationStatus.REJECTED), "reason"),
    (StatusChange(DeviationStatus.TRANSFERRED, transferred_to="  "), "transferred_to"),
    (StatusChange(DeviationStatus.CLOSED), "status"),        # no decision yet
    (StatusChange(DeviationStatus.ACCEPTED, closing_deadline=dt.date(2025, 1, 1)),
     "closing_deadline"),                                     # before it was reported
])
def test_a_refused_step_writes_nothing(services: Services, ctx: AppContext,
                                       changes: list[Change], deviation_id: int,
                                       change: StatusChange, field: str) -> None:
    changes.clear()
    audit_before = count(ctx.conn, "audit_log")
    with pytest.raises(ValidationError) as refused:
        services.deviation_workflow.change_status(deviation_id, change, today=TODAY)
    assert refused.value.field == field
    dev = services.deviations.get(deviation_id)
    assert dev is not None and dev.status is DeviationStatus.REGISTERED
    assert history(services, deviation_id) == [(None, "registered")]
    assert count(ctx.conn, "audit_log") == audit_before
    assert changes == []


def test_accept_measure_close_and_reopen(services: Services, changes: list[Change],
                                         deviation_id: int) -> None:
    workflow = services.deviation_workflow
    changes.clear()
    accepted = workflow.accept(deviation_id, dt.date(2025, 7, 1), today=TODAY)
    assert accepted.status is DeviationStatus.ACCEPTED
    assert accepted.closing_deadline == dt.date(2025, 7, 1)
    assert changes == [Change(Topic.DEVIATIONS, (deviation_id,))]
    assert workflow.next_steps(accepted) == (DeviationStatus.IN_PROGRESS,
                                             DeviationStatus.CLOSED, DeviationStatus.REJECTED,
                                             DeviationStatus.TRANSFERRED)

    services.deviation_measures.add(deviation_id, Action("Remove the pallets", "Ola"),
                                    today=TODAY)
    assert workflow.open_measures(deviation_id) == 1
    dev = services.deviations.get(deviation_id)
    assert dev is not None and dev.status is DeviationStatus.IN_PROGRESS
    assert workflow.note_required(dev, DeviationStatus.CLOSED)   # a measure is not done
    with pytest.raises(ValidationError) as refused:
        workflow.close(deviation_id, today=TODAY)
    assert refused.value.field == "note"
    closed = workflow.close(deviation_id, note="Pallets moved by the owner", today=TODAY)
    assert closed.status is DeviationStatus.CLOSED and closed.closed_at == TODAY

    assert workflow.note_required(closed, DeviationStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        workflow.reopen(deviation_id, "")
    reopened = workflow.reopen(deviation_id, "The pallets are back", today=TODAY)
    assert reopened.status is DeviationStatus.IN_PROGRESS and reopened.closed_at is None
    assert history(services, deviation_id) == [
        (None, "registered"), ("registered", "accepted"), ("accepted", "in_progress"),
        ("in_progress", "closed"), ("closed", "in_progress")]


def test_reject_transfer_and_reopen_to_registered(services: Services,
                                                  deviation_id: int) -> None:
    workflow = services.deviation_workflow
    rejected = workflow.reject(deviation_id, "A test of the alarm", today=TODAY)
    assert rejected.rejected_reason == "A test of the alarm"
    assert workflow.reopen(deviation_id, "Not a test after all").status \
        is DeviationStatus.REGISTERED
    transferred = workflow.transfer(deviation_id, "Eiendom", today=TODAY)
    assert transferred.transferred_to == "Eiendom"
    assert workflow.next_steps(transferred) == (DeviationStatus.REGISTERED,)
