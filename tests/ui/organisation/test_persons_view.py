"""The People area: filtering, the detail panel, and the person dialog's validation and saving."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.db.organisation import persons, responsibilities, rooms
from vernetool.domain.organisation import Person, ResponsibilityKind, Role, Room, RoomType
from vernetool.ui.organisation.person_dialog import PersonDialog
from vernetool.ui.organisation.persons_table_model import PersonsTableModel
from vernetool.ui.organisation.persons_view import PersonsView


@pytest.fixture(autouse=True)
def english() -> Any:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def people(ctx: AppContext) -> dict[str, int]:
    rows = [
        ("Åse Ødegård", "ase@ntnu.no", "735 94 120", "IKJ", {Role.SAFETY_REP}, True),
        ("Bjørn Æsøy", "bjorn@ntnu.no", "735 94 388", "IKJ", {Role.ROOM_RESPONSIBLE}, True),
        ("Chen Li", "chen@ntnu.no", "", "IBI", {Role.LINE_MANAGER, Role.EMPLOYEE}, True),
        ("Frode Nilsen", "frode@ntnu.no", "", "IKJ", {Role.EMPLOYEE}, False),
    ]
    ids = {}
    for name, email, phone, unit, roles, active in rows:
        ids[name], _ = persons.save_person(
            ctx.conn, Person(name, email, phone, unit, frozenset(roles), active))
    room_id, _ = rooms.save_room(ctx.conn, Room("REALF", "D2-108", RoomType.LAB, "Synteselab",
                                                unit_code="IKJ"))
    responsibilities.assign(ctx.conn, room_id, ids["Bjørn Æsøy"], ResponsibilityKind.RESPONSIBLE,
                            dt.date(2024, 1, 1), "test")
    return ids


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, people: dict[str, int]) -> PersonsView:
    widget = PersonsView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def names(view: PersonsView) -> list[str]:
    return [p.name for p in view.model.rows()]


def test_model_passes_the_model_tester(qtmodeltester: Any, ctx: AppContext,
                                       people: dict[str, int]) -> None:
    model = PersonsTableModel(ctx.services.persons)
    qtmodeltester.check(model)
    assert model.total() == 4
    order = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert order == ["Bjørn Æsøy", "Chen Li", "Frode Nilsen", "Åse Ødegård"]  # Å last, as in nb
    assert model.index(1, 4).data() == "Line manager, Employee"
    assert model.index(2, 5).data() == "Has left"


def test_people_who_left_are_hidden_until_asked_for(view: PersonsView) -> None:
    assert "Frode Nilsen" not in names(view)
    assert view.count_label.text() == "3 people"
    view.left_box.setChecked(True)
    assert "Frode Nilsen" in names(view)
    assert view.count_label.text() == "4 people"


def test_filter_as_you_type_and_by_role(qtbot: Any, view: PersonsView) -> None:
    qtbot.keyClicks(view.filter_edit, "øde")  # æøå match whatever their case
    qtbot.waitUntil(lambda: names(view) == ["Åse Ødegård"])
    assert view.count_label.text() == "1 person"
    view.filter_edit.clear()
    view.role_combo.setCurrentIndex(view.role_combo.findData(Role.LINE_MANAGER.value))
    assert names(view) == ["Chen Li"]


def test_detail_shows_roles_and_the_rooms_of_the_person(view: PersonsView) -> None:
    view.select_row(names(view).index("Bjørn Æsøy"))
    assert view.detail.title.text() == "Bjørn Æsøy"
    assert view.detail.roles.text() == "Room responsible"
    rooms_shown = [view.detail.rooms_list.item(i).text()
                   for i in range(view.detail.rooms_list.count())]
    assert len(rooms_shown) == 1
    assert rooms_shown[0].startswith("REALF:D2-108  Synteselab")
    assert "Responsible · Laboratory" in rooms_shown[0]
    view.select_row(names(view).index("Chen Li"))
    assert view.detail.rooms_list.count() == 0
    assert not view.detail.no_rooms.isHidden()


def test_user_text_is_shown_as_typed_not_as_markup(ctx: AppContext, qtbot: Any) -> None:
    persons.save_person(ctx.conn, Person("<b>Bold</b> Person", "bold@ntnu.no"))
    widget = PersonsView(ctx)
    qtbot.addWidget(widget)
    widget.select_row(0)
    assert widget.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert widget.detail.title.text() == "<b>Bold</b> Person"


def test_edit_dialog_saves_roles_and_leaving_with_an_audit_entry(
        monkeypatch: pytest.MonkeyPatch, view: PersonsView, ctx: AppContext,
        people: dict[str, int]) -> None:
    def fake_exec(dialog: PersonDialog) -> int:
        dialog.phone_edit.setText("+47 900 00 000")
        dialog.role_boxes[Role.SAFETY_REP].setChecked(True)
        dialog.active_box.setChecked(False)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(PersonDialog, "exec", fake_exec)
    view.select_row(names(view).index("Chen Li"))
    view.edit_current()
    saved = persons.get_person(ctx.conn, people["Chen Li"])
    assert saved is not None
    assert saved.phone == "+47 900 00 000"
    assert saved.roles == {Role.SAFETY_REP, Role.LINE_MANAGER, Role.EMPLOYEE}
    assert not saved.active
    assert "Chen Li" not in names(view)  # has left: hidden by default
    assert view.detail.title.text() == "Chen Li"  # but still shown as just saved
    entries = audit.history(ctx.conn, "person", people["Chen Li"])
    assert [e.action for e in entries] == ["update"]
    assert entries[0].details["active"] is False


def test_new_person_dialog_rejects_bad_email_and_duplicates(qtbot: Any,
                                                            ctx: AppContext,
                                                            people: dict[str, int]) -> None:
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert dialog.error_label.text() == "Name: the name is missing"
    dialog.name_edit.setText("Dina Dahl")
    dialog.email_edit.setText("dina(at)ntnu.no")
    assert not dialog.save()
    assert dialog.error_label.text().startswith("E-mail:")
    dialog.email_edit.setText(" CHEN@ntnu.no ")
    assert not dialog.save()
    assert dialog.error_label.text() == "E-mail: Chen Li already has this e-mail address"
    assert persons.count_persons(ctx.conn) == 4  # nothing half-written
    dialog.email_edit.setText("Dina.Dahl@NTNU.no")
    dialog.unit_combo.setCurrentText("NEWUNIT")
    dialog.role_boxes[Role.STUDENT].setChecked(True)
    assert dialog.save()
    saved = persons.get_person(ctx.conn, dialog.saved_id or 0)
    assert saved is not None
    assert (saved.email, saved.unit_code, saved.roles) == (
        "dina.dahl@ntnu.no", "NEWUNIT", {Role.STUDENT})
    assert [e.action for e in audit.history(ctx.conn, "person", saved.id or 0)] == ["create"]


def test_error_messages_are_norwegian_in_bokmal(qtbot: Any, ctx: AppContext) -> None:
    i18n.set_language("nb")
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert dialog.error_label.text() == "Navn: navnet mangler"


def test_empty_database_says_how_to_add_people(qtbot: Any, ctx: AppContext) -> None:
    widget = PersonsView(ctx)
    qtbot.addWidget(widget)
    assert widget.count_label.text() == "0 people"
    assert "import a list" in widget.detail.empty.text()
    widget.filter_edit.setText("nobody")
    widget.apply_filter()
    assert widget.detail.empty.text() == "No one matches the filter."


def test_keyboard_filter_enter_then_enter_edits(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                view: PersonsView) -> None:
    opened: list[str] = []

    def fake_exec(dialog: PersonDialog) -> int:
        opened.append(dialog.name_edit.text())
        return 0

    monkeypatch.setattr(PersonDialog, "exec", fake_exec)
    view.activateWindow()
    qtbot.waitActive(view)
    view.filter_edit.setFocus()
    qtbot.keyClicks(view.filter_edit, "chen")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)  # to the list, first match selected
    assert view.table.hasFocus()
    assert view.selected_person() is not None
    # highlighted, not just current: the person in the detail is the one marked
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [0]
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    assert opened == ["Chen Li", "Chen Li"]


def test_a_change_made_elsewhere_refreshes_the_list_and_keeps_the_selection(
        view: PersonsView, ctx: AppContext, people: dict[str, int]) -> None:
    view.select_row(names(view).index("Chen Li"))
    ctx.services.persons.save(Person("Anne Berg", "anne@ntnu.no", unit_code="IKJ"))
    assert names(view)[0] == "Anne Berg"
    assert view.count_label.text() == "4 people"
    selected = view.selected_person()
    assert selected is not None and selected.id == people["Chen Li"]
    assert view.detail.title.text() == "Chen Li"
