"""Recording a deviation is one intention: the record, its injury, its first history entry
and the link back from a round finding are written together or not at all, and the open
screens hear of it only after the commit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import pytest

from tests.services.deviations.conftest import count
from tests.ui.round_helpers import make_round
from vernetool.context import AppContext
from vernetool.db.rounds import findings
from vernetool.db.rounds import rounds as round_store
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationType,
    Injury,
    TriState,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import Finding
from vernetool.services import Change, Services, Topic

DAY = dt.date(2025, 3, 14)


def accident(**overrides: Any) -> Deviation:
    values: dict[str, Any] = {
        "type": DeviationType.ACCIDENT, "title": "Cut by broken glass", "reported_at": DAY,
        "injury": Injury(True, Absence.GT3, TriState.YES, TriState.NO)}
    values.update(overrides)
    return Deviation(**values)


@pytest.fixture
def finding_id(ctx: AppContext) -> int:
    setup = make_round(ctx.conn)
    round_room = round_store.round_rooms(ctx.conn, setup.round_id)[0]
    return findings.save_finding(ctx.conn, Finding("Loose cable across the floor",
                                                   round_room_id=round_room.id), "test")


def test_record_writes_the_deviation_its_injury_and_the_finding_link(
        services: Services, ctx: AppContext, changes: list[Change], finding_id: int) -> None:
    deviation_id = services.deviations.record(accident(source_finding_id=finding_id))

    dev = services.deviations.get(deviation_id)
    assert dev is not None and dev.title == "Cut by broken glass"
    assert dev.injury == Injury(True, Absence.GT3, TriState.YES, TriState.NO)
    assert dev.source_finding_id == finding_id
    assert findings.get_finding(ctx.conn, finding_id).deviation_id == deviation_id
    assert [d.id for d in services.deviations.made_from_finding(finding_id)] == [deviation_id]
    assert [h.to_status.value for h in services.deviations.status_history(deviation_id)] \
        == ["registered"]
    assert changes == [Change(Topic.DEVIATIONS, (deviation_id,)),
                       Change(Topic.FINDINGS, (finding_id,))]


def test_a_failure_half_way_writes_nothing_and_tells_nobody(
        services: Services, ctx: AppContext, changes: list[Change], finding_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The deviation and its injury are written, then linking the finding fails."""
    def broken_link(conn: sqlite3.Connection, finding: int, deviation: int) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr("vernetool.services.deviations.recording.link_deviation", broken_link)
    with pytest.raises(RuntimeError):
        services.deviations.record(accident(source_finding_id=finding_id))
    for table in ("deviation", "deviation_injury", "deviation_status_history"):
        assert count(ctx.conn, table) == 0, table
    assert ctx.conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'deviation'"
                            ).fetchone()[0] == 0
    assert findings.get_finding(ctx.conn, finding_id).deviation_id is None
    assert not ctx.conn.in_transaction
    assert changes == []


def test_an_invalid_deviation_is_refused_before_anything_is_written(
        services: Services, ctx: AppContext, changes: list[Change]) -> None:
    with pytest.raises(ValidationError) as refused:
        services.deviations.record(accident(type=DeviationType.HAZARD))  # injury on a hazard
    assert refused.value.field == "injury"
    assert count(ctx.conn, "deviation") == 0 and changes == []


def test_update_saves_fields_and_injury_and_says_so(services: Services,
                                                    changes: list[Change]) -> None:
    deviation_id = services.deviations.record(accident())
    dev = services.deviations.get(deviation_id)
    assert dev is not None
    changes.clear()
    dev.title = "Cut by a broken beaker"
    dev.injury = Injury(False, Absence.NONE, TriState.NO, TriState.NO)
    assert services.deviations.save(dev) == deviation_id
    fresh = services.deviations.get(deviation_id)
    assert fresh is not None and fresh.title == "Cut by a broken beaker"
    assert fresh.injury == Injury(False, Absence.NONE, TriState.NO, TriState.NO)
    assert changes == [Change(Topic.DEVIATIONS, (deviation_id,))]
    changes.clear()
    assert services.deviations.update(fresh) is False   # nothing changed: no notice
    assert changes == []


def test_the_unit_of_a_room_is_found_for_a_new_deviation(services: Services, ctx: AppContext,
                                                         finding_id: int) -> None:
    finding = findings.get_finding(ctx.conn, finding_id)
    unit_id = services.deviations.unit_of_room(finding.room_id)
    assert unit_id is not None
    assert [u.code for u in services.deviations.units() if u.id == unit_id] == ["IKJ"]
    assert services.deviations.unit_of_room(None) is None
