"""The app's action plan and the XLSX/CSV export list the findings in the report's order:
severity (high first), then deadline (issue 8, point 7)."""

from __future__ import annotations

import datetime as dt

from tests.services.rounds.conftest import Setup
from vernetool.db.rounds.rounds import round_rooms
from vernetool.domain.rounds import Finding, Severity
from vernetool.exchange.action_plan_io import action_plan_rows

EXPECTED = ["høy snart", "høy sent", "middels", "lav"]


def _findings(setup: Setup) -> None:
    room = round_rooms(setup.services.store.conn, setup.round_id)[0].id
    for text, severity, deadline in (("lav", Severity.LOW, dt.date(2026, 4, 1)),
                                     ("høy sent", Severity.HIGH, dt.date(2026, 9, 1)),
                                     ("middels", Severity.MEDIUM, dt.date(2026, 3, 5)),
                                     ("høy snart", Severity.HIGH, dt.date(2026, 4, 1))):
        setup.services.findings.save(Finding(text, severity, deadline=deadline,
                                             round_room_id=room))


def test_the_app_lists_the_action_plan_by_severity_then_deadline(setup: Setup) -> None:
    _findings(setup)
    rows = setup.services.action_plan.rows(setup.round_id, "nb").rows
    assert [f.description for f in rows] == EXPECTED


def test_the_export_lists_it_in_the_same_order(setup: Setup) -> None:
    _findings(setup)
    rows = action_plan_rows(setup.services.store.conn, setup.round_id, "en")
    assert [r["finding"] for r in rows] == EXPECTED
    assert {r["status"] for r in rows} == {"Not started"}  # the app's word
