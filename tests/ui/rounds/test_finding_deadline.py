"""The finding dialog proposes the severity's deadline and moves it with the severity until
the user picks a date (issue 8, point 10)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from tests.ui.round_helpers import make_round
from vernetool.context import AppContext
from vernetool.db.rounds import findings
from vernetool.db.rounds import rounds as round_store
from vernetool.domain.rounds import Finding, Severity
from vernetool.ui.rounds.finding_dialog import FindingDialog

TODAY = dt.date(2025, 3, 1)


def _new(qtbot: QtBot, ctx: AppContext, severity: Severity) -> FindingDialog:
    setup = make_round(ctx.conn)
    room = round_store.round_rooms(ctx.conn, setup.round_id)[0]
    dialog = FindingDialog(ctx, Finding("Blocked exit", severity=severity,
                                        round_room_id=room.id), today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_the_proposal_follows_the_severity(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _new(qtbot, ctx, Severity.MEDIUM)
    assert dialog.selected_deadline() == TODAY + dt.timedelta(days=30)
    dialog.set_severity(Severity.HIGH)
    assert dialog.selected_deadline() == TODAY + dt.timedelta(days=14)
    dialog.set_severity(Severity.LOW)
    assert dialog.selected_deadline() == TODAY + dt.timedelta(days=90)
    dialog.accept()
    assert dialog.finding_id is not None
    saved = findings.get_finding(ctx.conn, dialog.finding_id)
    assert saved.severity is Severity.LOW and saved.deadline == TODAY + dt.timedelta(days=90)


def test_a_high_finding_starts_with_the_short_deadline(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _new(qtbot, ctx, Severity.HIGH)
    assert dialog.selected_deadline() == TODAY + dt.timedelta(days=14)


def test_a_date_the_user_chose_stays_when_the_severity_changes(qtbot: QtBot,
                                                               ctx: AppContext) -> None:
    dialog = _new(qtbot, ctx, Severity.MEDIUM)
    chosen = dt.date(2025, 6, 30)
    dialog.set_deadline(chosen)  # as typing in the date field does: dateChanged
    dialog.set_severity(Severity.HIGH)
    assert dialog.selected_deadline() == chosen


def test_an_existing_findings_deadline_is_never_moved(qtbot: QtBot, ctx: AppContext) -> None:
    setup = make_round(ctx.conn)
    room = round_store.round_rooms(ctx.conn, setup.round_id)[0]
    finding_id = findings.save_finding(ctx.conn, Finding(
        "Loose cable", severity=Severity.LOW, deadline=dt.date(2025, 12, 1),
        round_room_id=room.id), "test")
    dialog = FindingDialog(ctx, findings.get_finding(ctx.conn, finding_id), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.set_severity(Severity.HIGH)
    assert dialog.selected_deadline() == dt.date(2025, 12, 1)
