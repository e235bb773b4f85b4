"""Planning a round: participants, rooms by filter or person, checklists, pre-meeting."""

from __future__ import annotations

import datetime as dt

from tests.ui.round_helpers import make_round
from vernetool.db.organisation.rooms import save_room
from vernetool.db.rounds import findings, rounds
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.rounds import Finding, ParticipantRole, Severity
from vernetool.ui.rounds.plan.dialog import TAB_ROOMS, TAB_ROUND, RoundPlanDialog

TODAY = dt.date(2026, 3, 2)


def make_dialog(qtbot, ctx, round_id=None) -> RoundPlanDialog:  # type: ignore[no-untyped-def]
    dialog = RoundPlanDialog(ctx, round_id=round_id, today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_plan_a_round_with_rooms_of_a_floor_and_a_persons_rooms(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=3)
    lab, _ = save_room(ctx.conn, Room("KJ", "301", RoomType.LAB, name="Lab", floor="3",
                                      unit_code="IKJ"))
    save_room(ctx.conn, Room("ZZ", "001", RoomType.OFFICE, floor="1", unit_code="OTHER"))
    dialog = make_dialog(qtbot, ctx)
    assert dialog.title.text() == "HSE round 2026"
    dialog.title.setText("HMS-runde våren 2026")
    dialog.unit.setCurrentIndex(dialog.unit.findData("IKJ"))
    assert dialog.room_unit.currentData() == "IKJ"  # rooms follow the unit
    dialog.building.setCurrentIndex(dialog.building.findData("KJ"))
    floors = [dialog.floor.itemText(i) for i in range(1, dialog.floor.count())]
    assert floors == ["1", "3"]
    dialog.floor.setCurrentIndex(dialog.floor.findData("3"))
    assert [r.id for r in dialog.shown] == [lab]
    dialog.add_all_shown()
    # rooms the person is responsible for
    dialog.floor.setCurrentIndex(0)
    dialog.responsible_of.set_person(setup.person_id)
    assert {r.id for r in dialog.shown} == set(setup.room_ids)
    dialog.available.item(0).setSelected(True)
    dialog.add_selected()
    assert len(dialog.chosen) == 2
    assert "2 rooms chosen" in dialog.chosen_count.text()
    # a checklist per room type, the stored template preselected
    assert set(dialog.chosen_templates()) == {"lab", "office"}
    assert dialog.chosen_templates()["office"] == setup.template_id
    dialog.manager.set_person(setup.person_id)
    dialog.rep.set_person(setup.rep_id)
    dialog.other_person.setText("Per BHT")
    dialog.other_role.setCurrentIndex(dialog.other_role.findData("occupational_health"))
    dialog.add_other()
    dialog.pre_notes.setPlainText("Se på avtrekk")
    dialog.accept()
    assert dialog.result() and dialog.round_id is not None
    r = rounds.get_round(ctx.conn, dialog.round_id)
    assert r.title == "HMS-runde våren 2026" and r.unit_code == "IKJ"
    assert [(p.name, p.role) for p in r.participants] == [
        ("Kari Nordmann", ParticipantRole.LINE_MANAGER),
        ("Ola Verne", ParticipantRole.SAFETY_REP),
        ("Per BHT", ParticipantRole.OCCUPATIONAL_HEALTH)]
    assert r.pre_meeting_notes == "Se på avtrekk"
    entries = rounds.round_rooms(ctx.conn, dialog.round_id)
    # the two rooms, after the unit-wide psychosocial checklist (included by default)
    assert len(entries) == 3 and entries[0].is_unit
    assert [e.is_unit for e in entries[1:]] == [False, False]


def test_errors_name_the_field_and_show_its_tab(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    make_round(ctx.conn, rooms=1)
    dialog = make_dialog(qtbot, ctx)
    dialog.accept()
    assert not dialog.result()
    assert dialog.error.text().startswith("Rooms:")
    assert dialog.tabs.currentIndex() == TAB_ROOMS
    dialog.add_all_shown()
    dialog.manager.setText("Ingrid Leder")  # free-text name, no safety rep
    dialog.accept()
    assert dialog.error.text().startswith("Participants:")
    assert dialog.tabs.currentIndex() == TAB_ROUND
    dialog.title.setText(" ")
    dialog.rep.setText("Ola Verne")
    dialog.accept()
    assert dialog.error.text().startswith("Title:")
    assert rounds.list_rounds(ctx.conn)[0].title == "HMS-runde 2026"  # only the helper's


def test_pre_meeting_lists_open_findings_with_overdue_marked(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=2, start=dt.date(2025, 3, 1))
    room = rounds.round_rooms(ctx.conn, setup.round_id)[0]
    findings.save_finding(ctx.conn, Finding("Nødutgang blokkert", Severity.HIGH,
                                            deadline=dt.date(2025, 4, 1),
                                            round_room_id=room.id), "t")
    findings.save_finding(ctx.conn, Finding("Lysrør defekt", deadline=dt.date(2026, 6, 1),
                                            round_room_id=room.id), "t")
    dialog = make_dialog(qtbot, ctx)
    dialog.unit.setCurrentIndex(dialog.unit.findData("IKJ"))
    assert dialog.open_table.rowCount() == 2
    assert "1 overdue" in dialog.open_label.text()
    late = dialog.open_table.item(0, 4)
    assert "Overdue" in late.text() and late.foreground().color().name() == "#a4262c"
    assert "Overdue" not in dialog.open_table.item(1, 4).text()


def test_edit_plan_adds_and_removes_rooms(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=3)
    dialog = make_dialog(qtbot, ctx, setup.round_id)
    assert len(dialog.chosen) == 3 and not dialog.unit.isEnabled()
    dialog.chosen_list.item(2).setSelected(True)
    dialog.remove_selected()
    dialog.title.setText("Ny tittel")
    dialog.accept()
    assert dialog.result()
    assert len(rounds.round_rooms(ctx.conn, setup.round_id)) == 2
    assert rounds.get_round(ctx.conn, setup.round_id).title == "Ny tittel"


def test_person_picker_finds_people_as_you_type(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from vernetool.ui.common.person_picker import PersonPicker

    setup = make_round(ctx.conn, rooms=1)
    picker = PersonPicker(ctx)
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    qtbot.keyClicks(picker, "verne")
    qtbot.waitUntil(lambda: picker._model.rowCount() == 1, timeout=2000)
    assert picker._model.index(0, 0).data().startswith("Ola Verne")
    picker._chosen(picker._model.index(0, 0))
    assert picker.person_id() == setup.rep_id and picker.name() == "Ola Verne"
    qtbot.keyClicks(picker, "x")  # editing the name makes it free text again
    assert picker.person_id() is None and picker.name() == "Ola Vernex"


def test_enter_in_a_field_does_not_create_the_round_but_ctrl_enter_does(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    setup = make_round(ctx.conn, rooms=2)
    dialog = make_dialog(qtbot, ctx)
    dialog.show()
    dialog.unit.setCurrentIndex(dialog.unit.findData("IKJ"))
    dialog.rep.set_person(setup.rep_id)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)      # a half-planned round stays open
    assert dialog.isVisible() and dialog.round_id is None and dialog.error.isHidden()
    dialog.tabs.setCurrentIndex(TAB_ROOMS)
    assert dialog.focusWidget() is dialog.room_search   # Alt+2 goes into the tab's first field
    dialog.responsible_of.set_person(setup.person_id)
    dialog.available.setCurrentRow(0)
    dialog.available.item(0).setSelected(True)
    qtbot.keyClick(dialog.available, Qt.Key.Key_Return)  # Enter adds the selected room
    assert len(dialog.chosen) == 1 and dialog.round_id is None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)  # a window shortcut needs it active
    qtbot.keyClick(dialog.available, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.round_id is not None and not dialog.isVisible(), dialog.error.text()


def test_on_a_small_laptop_the_plan_fits_the_screen(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Trial (issue 7): the plan dialog had a minimum of 860×640, so on a 1024×600 screen
    its Save and Cancel buttons were below the bottom edge."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, 1024, 576))
    dialog = make_dialog(qtbot, ctx)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = QRect(0, 0, 1024, 576)
    assert screen.contains(dialog.frameGeometry())
    ok = dialog.ok_button
    assert ok.mapTo(dialog, ok.rect().bottomLeft()).y() < dialog.height()

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, 1920, 1050))
    roomy = make_dialog(qtbot, ctx)
    roomy.show()
    qtbot.waitExposed(roomy)
    assert QRect(0, 0, 1920, 1050).contains(roomy.frameGeometry())
    assert roomy.width() >= 640 and roomy.height() >= 480
