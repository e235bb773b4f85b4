"""The unit-wide (psychosocial and organisational) checklist in the planning dialog and the walk."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.ui.round_helpers import make_round
from vernetool.db import templates
from vernetool.db.rounds import findings, rounds
from vernetool.domain.rounds import Finding
from vernetool.ui.rounds.plan.dialog import TAB_CHECKLISTS, RoundPlanDialog
from vernetool.ui.rounds.walk.view import RoundWalkView

TODAY = dt.date(2026, 3, 2)


def _plan(qtbot, ctx, round_id=None) -> RoundPlanDialog:  # type: ignore[no-untyped-def]
    dialog = RoundPlanDialog(ctx, round_id=round_id, today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_new_round_includes_it_by_default_and_can_leave_it_out(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=2)
    templates.ensure_builtin(ctx.conn)
    psy = templates.unit_template(ctx.conn)
    assert psy is not None
    for include in (True, False):
        dialog = _plan(qtbot, ctx)
        assert dialog.include_unit.isChecked() and dialog.include_unit.isEnabled()
        dialog.include_unit.setChecked(include)
        dialog.unit.setCurrentIndex(dialog.unit.findData("IKJ"))
        dialog.responsible_of.set_person(setup.person_id)
        dialog.add_all_shown()
        dialog.rep.set_person(setup.rep_id)
        dialog.accept()
        assert dialog.result() and dialog.round_id is not None
        entries = rounds.round_rooms(ctx.conn, dialog.round_id)
        assert [e.is_unit for e in entries] == ([True] if include else []) + [False, False]
        if include:
            assert entries[0].template_id == psy.id


def test_edit_mode_adds_it_and_keeps_it_once_answered(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=1)  # planned without the unit checklist
    dialog = _plan(qtbot, ctx, setup.round_id)
    assert not dialog.include_unit.isChecked()
    dialog.include_unit.setChecked(True)
    dialog.accept()
    assert dialog.result()
    unit = rounds.unit_entry_id(ctx.conn, setup.round_id)
    assert unit is not None
    item = templates.unit_template(ctx.conn).sections[0].items[0]  # type: ignore[union-attr]
    rounds.save_answer(ctx.conn, unit, item.id or 0, "t", answer="ok")
    dialog = _plan(qtbot, ctx, setup.round_id)
    assert dialog.include_unit.isChecked()
    dialog.include_unit.setChecked(False)
    dialog.accept()
    assert not dialog.result()
    assert dialog.error.text().startswith("Checklists:")
    assert dialog.tabs.currentIndex() == TAB_CHECKLISTS
    assert rounds.unit_entry_id(ctx.conn, setup.round_id) == unit


def test_walk_shows_it_first_and_answers_it_with_keys(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=2)
    templates.ensure_builtin(ctx.conn)
    psy = templates.unit_template(ctx.conn)
    assert psy is not None and psy.id is not None
    unit = rounds.add_unit_entry(ctx.conn, setup.round_id, psy.id)
    view = RoundWalkView(ctx, setup.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    assert view.room is not None and view.room.id == unit and view.room_index == 0
    assert view.room_list.item(0).text().startswith("The unit\n0 / ")
    assert view.room_title.text() == "The unit (psychosocial and organisational)"
    assert "whole unit" in view.room_info.text()
    assert len(view.rows) == psy.item_count()
    total = psy.item_count() + 2 * 4
    assert f"0 of 3 rooms done · 0 of {total} items answered" in view.progress_label.text()
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert rounds.answers_for_room(ctx.conn, unit)[view.rows[0].item.id or 0].answer == "ok"
    assert f"1 of {total} items answered" in view.progress_label.text()
    assert view.room_list.item(0).text().startswith("The unit\n1 / ")
    # "must improve" opens a finding of the unit: no room, no room responsible
    qtbot.keyClick(view.checklist, Qt.Key.Key_2)
    dialog = view.finding_dialog
    assert dialog is not None
    # the round has no line manager: nobody is proposed (no room responsible either)
    assert dialog.finding.round_room_id == unit and dialog.finding.responsible_id is None
    dialog.description.setPlainText("Uklart hvem som har ansvaret for hva")
    dialog.accept()
    [finding] = findings.findings_for_room(ctx.conn, unit)
    assert finding.unit_wide and finding.room_id is None
    view.room_done()
    assert view.room_index == 1 and not view.rooms[1].is_unit


def test_walk_shows_earlier_unit_findings_to_recheck(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    earlier = make_round(ctx.conn, rooms=1, start=dt.date(2025, 3, 2))
    templates.ensure_builtin(ctx.conn)
    psy = templates.unit_template(ctx.conn)
    assert psy is not None and psy.id is not None
    old_unit = rounds.add_unit_entry(ctx.conn, earlier.round_id, psy.id)
    findings.save_finding(ctx.conn, Finding("Medarbeidersamtaler er ikke holdt",
                                            round_room_id=old_unit), "t")
    now = make_round(ctx.conn, rooms=1, room_offset=10)
    rounds.add_unit_entry(ctx.conn, now.round_id, psy.id)
    view = RoundWalkView(ctx, now.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    assert view.room is not None and view.room.is_unit
    assert [c.finding.description for c in view.carried_cards] == [
        "Medarbeidersamtaler er ikke holdt"]


def test_a_unit_finding_proposes_the_line_manager(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from vernetool.domain.rounds import Participant, ParticipantRole

    setup = make_round(ctx.conn, rooms=1)
    rounds.set_participants(ctx.conn, setup.round_id, [
        Participant("Kari Nordmann", ParticipantRole.LINE_MANAGER, setup.person_id),
        Participant("Ola Verne", ParticipantRole.SAFETY_REP, setup.rep_id)])
    templates.ensure_builtin(ctx.conn)
    psy = templates.unit_template(ctx.conn)
    assert psy is not None and psy.id is not None
    rounds.add_unit_entry(ctx.conn, setup.round_id, psy.id)
    view = RoundWalkView(ctx, setup.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClick(view.checklist, Qt.Key.Key_2)
    assert view.finding_dialog is not None
    assert view.finding_dialog.finding.responsible_id == setup.person_id
    assert view.finding_dialog.finding.responsible_name == "Kari Nordmann"
