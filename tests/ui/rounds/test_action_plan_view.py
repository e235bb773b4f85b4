"""Closing meeting and action plan: overdue marked, edits and follow-up persisted, export."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from tests.ui.round_helpers import make_round
from vernetool.db.migrations import open_store
from vernetool.db.rounds import findings, rounds
from vernetool.domain.rounds import (
    ActionStatus,
    Finding,
    FindingStatus,
    RecheckOutcome,
    RoundPlan,
    RoundStatus,
    Severity,
)
from vernetool.ui.rounds.action_plan.model import ACTION, DEADLINE, FINDING, STATUS
from vernetool.ui.rounds.action_plan.view import ActionPlanView

TODAY = dt.date(2026, 5, 2)


@pytest.fixture
def plan_round(ctx):  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=2)
    rr = rounds.round_rooms(ctx.conn, setup.round_id)
    late = findings.save_finding(ctx.conn, Finding(
        "Rømningsvei blokkert", Severity.HIGH, action="Fjerne esker",
        responsible_name="Kari Nordmann", deadline=dt.date(2026, 4, 1),
        round_room_id=rr[0].id), "t")
    fine = findings.save_finding(ctx.conn, Finding(
        "Lysrør defekt", action="Bytte lysrør", deadline=dt.date(2026, 6, 1),
        round_room_id=rr[1].id), "t")
    return setup, late, fine


def make_view(qtbot, ctx, round_id) -> ActionPlanView:  # type: ignore[no-untyped-def]
    view = ActionPlanView(ctx, round_id, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    return view


def test_overdue_actions_stand_out(qtbot, ctx, plan_round, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    setup, late, _fine = plan_round
    view = make_view(qtbot, ctx, setup.round_id)
    model = view.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    row = [f.id for f in model.rows].index(late)
    deadline = model.index(row, DEADLINE)
    assert "Overdue" in deadline.data()
    assert model.data(deadline, Qt.ItemDataRole.ForegroundRole).name() == "#a4262c"
    assert model.data(deadline, Qt.ItemDataRole.DecorationRole) is not None
    other = model.index(1 - row, DEADLINE)
    assert "Overdue" not in other.data()
    assert model.data(other, Qt.ItemDataRole.DecorationRole) is None
    assert "1 overdue" in view.summary.text()


def test_status_and_deadline_edits_are_persisted(qtbot, ctx, plan_round, db_path) -> None:  # type: ignore[no-untyped-def]
    setup, late, fine = plan_round
    view = make_view(qtbot, ctx, setup.round_id)
    model = view.model
    row = [f.id for f in model.rows].index(late)
    assert model.setData(model.index(row, STATUS), "in_progress")
    assert model.setData(model.index(row, DEADLINE), QDate(2026, 9, 1))
    assert model.setData(model.index(row, ACTION), "Fjerne esker og merke gulvet")
    other = open_store(db_path)
    stored = findings.get_finding(other, late)
    other.close()
    assert stored.action_status is ActionStatus.IN_PROGRESS
    assert stored.deadline == dt.date(2026, 9, 1)
    assert stored.action == "Fjerne esker og merke gulvet"
    qtbot.waitUntil(lambda: "overdue" not in view.summary.text())
    # follow-up: mark done, close with a note, reopen
    view.table.selectRow([f.id for f in model.rows].index(late))
    view.set_action_status(ActionStatus.DONE)
    assert findings.get_finding(ctx.conn, late).action_status is ActionStatus.DONE
    view.table.selectRow([f.id for f in model.rows].index(fine))
    view.close_finding(fine, "Byttet 3. mai")
    closed = findings.get_finding(ctx.conn, fine)
    assert closed.status is FindingStatus.CLOSED and "Byttet 3. mai" in closed.follow_up_notes
    view.table.selectRow([f.id for f in model.rows].index(fine))
    assert view.reopen_button.isEnabled()
    view.reopen()
    assert findings.get_finding(ctx.conn, fine).status is FindingStatus.OPEN


def test_closing_notes_commit_while_typing(qtbot, ctx, plan_round, db_path) -> None:  # type: ignore[no-untyped-def]
    setup, _late, _fine = plan_round
    view = make_view(qtbot, ctx, setup.round_id)
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "Prioritet: rømningsvei")

    def stored() -> str:
        other = open_store(db_path)
        try:
            return rounds.get_round(other, setup.round_id).closing_notes
        finally:
            other.close()

    qtbot.waitUntil(lambda: stored() == "Prioritet: rømningsvei", timeout=3000)


def test_edit_dialog_and_carried_findings_kept_open(qtbot, ctx, plan_round) -> None:  # type: ignore[no-untyped-def]
    setup, late, _fine = plan_round
    plan = RoundPlan("HMS-runde 2027", dt.date(2027, 3, 1), "IKJ", room_ids=setup.room_ids)
    new_round = rounds.create_round(ctx.conn, plan, "t",
                                    default_template={"office": setup.template_id})
    findings.recheck(ctx.conn, late, new_round, RecheckOutcome.KEPT, "t", "Fortsatt esker")
    view = make_view(qtbot, ctx, new_round)
    assert view.model.rowCount() == 1
    assert view.model.index(0, FINDING).data().startswith("↻ ")
    view.table.selectRow(0)
    view.edit_finding()
    dialog = view.finding_dialog
    assert dialog is not None
    dialog.responsible.setText("Per Vaktmester")
    dialog.action_status.setCurrentIndex(dialog.action_status.findData("in_progress"))
    dialog.accept()
    stored = findings.get_finding(ctx.conn, late)
    assert stored.responsible_name == "Per Vaktmester" and stored.responsible_id is None
    assert stored.action_status is ActionStatus.IN_PROGRESS


def test_complete_round_and_export(qtbot, ctx, plan_round, tmp_path) -> None:  # type: ignore[no-untyped-def]
    setup, _late, _fine = plan_round
    rounds.set_status(ctx.conn, setup.round_id, RoundStatus.IN_PROGRESS, "t")
    view = make_view(qtbot, ctx, setup.round_id)
    view.complete_round()
    box = view.follow_up.completion_box  # nothing is answered: asked first
    assert box is not None and box.isVisible()
    assert rounds.get_round(ctx.conn, setup.round_id).status is RoundStatus.IN_PROGRESS
    next(b for b in box.buttons() if b.text() == "Complete anyway").click()
    assert rounds.get_round(ctx.conn, setup.round_id).status is RoundStatus.COMPLETED
    out = tmp_path / "plan.xlsx"
    runner = view.export_action_plan("xlsx", out)
    assert runner is not None
    with qtbot.waitSignal(runner.finished, timeout=10000):
        pass
    sheet = load_workbook(out).active
    values = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    assert "Tiltak" in values or "Action" in values
    assert "2" in view.notice.text() and "plan.xlsx" in view.notice.text()
