"""Findings: record, follow up, close, reopen, re-check; each a change of FINDINGS."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.db.round_fixtures import make_round
from tests.services.rounds.conftest import Setup
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import (
    ActionStatus,
    Finding,
    FindingStatus,
    RecheckOutcome,
    Severity,
)
from vernetool.services import Change, Topic


def new_finding(setup: Setup, text: str = "Brannslukker mangler") -> int:
    room = setup.services.rounds.round_rooms(setup.round_id)[0]
    return setup.services.findings.save(Finding(text, Severity.HIGH, action="Heng opp",
                                                deadline=dt.date(2026, 4, 1),
                                                round_room_id=room.id))


def test_save_and_follow_up(setup: Setup) -> None:
    finding_id = new_finding(setup)
    assert setup.changes == [Change(Topic.FINDINGS, (finding_id,))]
    setup.services.findings.set_action_status(finding_id, ActionStatus.IN_PROGRESS)
    assert setup.services.findings.get(finding_id, "nb").action_status is \
        ActionStatus.IN_PROGRESS
    setup.services.findings.close(finding_id, "  Hengt opp  ")
    closed = setup.services.findings.get(finding_id, "nb")
    assert closed.status is FindingStatus.CLOSED and "Hengt opp" in closed.follow_up_notes
    setup.services.findings.reopen(finding_id)
    assert setup.services.findings.get(finding_id, "nb").status is FindingStatus.OPEN
    assert len(setup.changes) == 4 and {c.topic for c in setup.changes} == {Topic.FINDINGS}


def test_an_invalid_finding_writes_nothing(setup: Setup) -> None:
    with pytest.raises(ValidationError):
        setup.services.findings.save(Finding("", Severity.LOW, round_id=setup.round_id))
    assert setup.services.action_plan.rows(setup.round_id, "nb").rows == []
    assert setup.changes == []


def test_recheck_in_a_later_round(setup: Setup) -> None:
    finding_id = new_finding(setup)
    later = make_round(setup.services.store.conn, setup.room_ids, setup.template_id,
                       title="HMS-runde 2027", start=dt.date(2027, 3, 1))
    carried = setup.services.findings.carried(later, setup.room_ids[0], "nb")
    assert [f.id for f in carried] == [finding_id]
    setup.services.findings.recheck(finding_id, later, RecheckOutcome.KEPT, " Ikke fikset ")
    check = setup.services.findings.rechecks(later)[finding_id]
    assert (check.outcome, check.note) == (RecheckOutcome.KEPT, "Ikke fikset")
    plan = setup.services.action_plan.rows(later, "nb")
    assert [f.id for f in plan.rows] == [finding_id] and plan.carried == {finding_id}
    assert setup.services.findings.open_for_unit("IKJ", dt.date(2027, 3, 1), "nb")[0].id == \
        finding_id
    setup.services.findings.recheck(finding_id, later, RecheckOutcome.CLOSED)
    assert setup.services.findings.get(finding_id, "nb").status is FindingStatus.CLOSED
    assert setup.changes[-1] == Change(Topic.FINDINGS, (finding_id,))
