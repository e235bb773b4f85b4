"""The Rooms area: filter as you type, the detail panel, and the room, responsibility and
room card dialogs (validation, saving, history)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.db.organisation import persons, responsibilities, room_cards, rooms
from vernetool.domain.organisation import Person, ResponsibilityKind, Role, Room, RoomType
from vernetool.ui.common.labels import locale_for
from vernetool.ui.organisation.responsibility_dialog import (
    EndResponsibilityDialog,
    ResponsibilityDialog,
)
from vernetool.ui.organisation.room_card_dialog import RoomCardDialog
from vernetool.ui.organisation.room_dialog import RoomDialog
from vernetool.ui.organisation.rooms_view import RoomsView

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def english() -> Any:
    """English words with English number formats, as the app sets up for --lang en."""
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def data(ctx: AppContext) -> dict[str, int]:
    conn = ctx.conn
    ids: dict[str, int] = {}
    for building, number, room_type, name, unit in [
        ("REALF", "D2-108", RoomType.LAB, "Synteselab", "IKJ"),
        ("REALF", "D2-110", RoomType.OFFICE, "Kontor", "IKJ"),
        ("REALF", "D3-001", RoomType.STORAGE, "Kjemikalielager", "IKJ"),
        ("GLØS", "101", RoomType.LAB, "Mikroskopilab", "IBI"),
        ("GLØS", "102", RoomType.WORKSHOP, "Verksted", "IBI"),
    ]:
        ids[f"{building}:{number}"], _ = rooms.save_room(
            conn, Room(building, number, room_type, name, "2", 24.5, unit))
    for name, email, phone in [("Åse Ødegård", "ase@ntnu.no", "735 94 120"),
                               ("Bjørn Æsøy", "bjorn@ntnu.no", "735 94 388")]:
        ids[name], _ = persons.save_person(
            conn, Person(name, email, phone, "IKJ", frozenset({Role.ROOM_RESPONSIBLE})))
    responsibilities.assign(conn, ids["REALF:D2-108"], ids["Åse Ødegård"],
                            ResponsibilityKind.RESPONSIBLE, dt.date(2024, 1, 1), "test")
    return ids


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, data: dict[str, int]) -> RoomsView:
    widget = RoomsView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def labels(view: RoomsView) -> list[str]:
    return [r.room.label for r in view.model.rows()]


def test_lists_all_rooms_with_their_responsible(view: RoomsView) -> None:
    assert labels(view) == ["GLØS:101", "GLØS:102", "REALF:D2-108", "REALF:D2-110",
                            "REALF:D3-001"]
    assert view.count_label.text() == "5 rooms"
    row = view.model.row_of_room(view.model.rows()[2].room.id or 0)
    assert view.model.data(view.model.index(row, 7)) == "Åse Ødegård"
    assert view.model.data(view.model.index(row, 3)) == "Laboratory"
    assert view.model.data(view.model.index(row, 5)) == "24.5"


def test_filter_as_you_type(view: RoomsView, qtbot: Any) -> None:
    qtbot.keyClicks(view.filter_edit, "realf lab")
    qtbot.waitUntil(lambda: view.model.filter.text == "realf lab")
    assert labels(view) == ["REALF:D2-108"]
    assert view.count_label.text() == "1 room"
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, "GLØS")  # case-folded, æøå included
    qtbot.waitUntil(lambda: view.model.filter.text == "GLØS")
    assert labels(view) == ["GLØS:101", "GLØS:102"]
    view.type_combo.setCurrentIndex(view.type_combo.findData(RoomType.WORKSHOP.value))
    assert labels(view) == ["GLØS:102"]
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.model.filter.text == "")
    assert view.count_label.text() == "1 room"  # type filter still applies


def test_filter_finds_a_room_by_the_responsible_shown(view: RoomsView, qtbot: Any) -> None:
    """The Room responsible column shows Åse Ødegård: typing her name finds her rooms."""
    qtbot.keyClicks(view.filter_edit, "ødegård")
    qtbot.waitUntil(lambda: view.model.filter.text == "ødegård")
    rows = view.model.rows()
    assert rows and all(row.responsible == "Åse Ødegård" for row in rows)
    assert view.count_label.text().endswith(("room", "rooms"))


def test_selecting_a_room_shows_its_detail(view: RoomsView, data: dict[str, int]) -> None:
    assert not view.detail.content.isVisible()
    view.select_room(data["REALF:D2-108"])
    assert view.detail.content.isVisible()
    assert view.detail.title.text() == "REALF:D2-108 Synteselab"
    assert view.detail.subtitle.text() == "Laboratory"
    assert view.detail.area.text() == "24.5 m²"
    assert view.detail.responsible.text() == "Åse Ødegård\ntel. 735\u00a094\u00a0120"
    assert view.detail.deputy.text() == "—"
    assert view.detail.history_entries == [
        ("Åse Ødegård", "Responsible, now · from 2024-01-01", True)]
    assert view.detail.end_button.isEnabled()
    view.select_room(data["REALF:D2-110"])
    assert view.detail.responsible.text() == "—"
    assert not view.detail.end_button.isEnabled()
    assert view.detail.no_history.isVisible()


def test_edit_dialog_names_the_bad_field_and_writes_nothing(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    room = rooms.get_room(ctx.conn, data["REALF:D2-108"])
    assert room is not None
    dialog = RoomDialog(ctx, room)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Changed name")
    dialog.area.setText("12 kvm")
    dialog.accept()
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("Area (m²):")
    assert dialog.focusWidget() is dialog.area
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.area.setText("-3")
    dialog.accept()
    assert dialog.error.text() == "Area (m²): the area cannot be negative."
    dialog.area.setText("30")
    dialog.number.setText("D2-110")  # another room's number
    dialog.accept()
    assert dialog.error.text() == "Room number: room REALF:D2-110 exists already."
    dialog.number.setText("")
    dialog.accept()
    assert dialog.error.text() == "Room number: enter the room number."
    assert rooms.get_room(ctx.conn, room.id or 0) == room  # nothing was written
    assert audit.history(ctx.conn, "room", room.id or 0) == []


def test_edit_dialog_saves_with_decimal_comma_and_audit(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    room = rooms.get_room(ctx.conn, data["GLØS:101"])
    assert room is not None
    dialog = RoomDialog(ctx, room)
    qtbot.addWidget(dialog)
    assert dialog.area.text() == "24.5"
    dialog.area.setText("48,5")  # a decimal comma is still understood
    dialog.type.setCurrentIndex(dialog.type.findData(RoomType.ANIMAL_ROOM.value))
    dialog.unit.setEditText("IBI-NEW")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = rooms.get_room(ctx.conn, room.id or 0)
    assert saved is not None
    assert (saved.area_m2, saved.type, saved.unit_code) == (48.5, RoomType.ANIMAL_ROOM, "IBI-NEW")
    entries = audit.history(ctx.conn, "room", room.id or 0)
    assert [(e.action, e.details["area_m2"]) for e in entries] == [("update", 48.5)]


def test_new_room_dialog_creates_a_room(qtbot: Any, ctx: AppContext,
                                        data: dict[str, int]) -> None:
    dialog = RoomDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.error.text() == "Building: enter the building code."
    dialog.building.setEditText("REALF — Realfagbygget")  # as chosen from the list
    dialog.number.setText(" D4-200 ")
    dialog.name.setText("Nytt lab")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    created = rooms.find_room(ctx.conn, "REALF", "D4-200")
    assert created is not None and created.id == dialog.room_id
    assert [e.action for e in audit.history(ctx.conn, "room", created.id or 0)] == ["create"]


def test_new_room_cannot_overwrite_an_existing_one(qtbot: Any, ctx: AppContext,
                                                   data: dict[str, int]) -> None:
    dialog = RoomDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.building.setEditText("GLØS")
    dialog.number.setText("101")
    dialog.name.setText("Overwritten?")
    dialog.accept()
    assert dialog.error.text() == "Room number: room GLØS:101 exists already."
    existing = rooms.find_room(ctx.conn, "GLØS", "101")
    assert existing is not None and existing.name == "Mikroskopilab"


def test_assigning_a_responsible_ends_the_previous_one(
        qtbot: Any, view: RoomsView, ctx: AppContext, data: dict[str, int]) -> None:
    room_id = data["REALF:D2-108"]
    view.select_room(room_id)
    room = view.selected_room()
    assert room is not None
    dialog = ResponsibilityDialog(ctx, room, parent=view)
    qtbot.addWidget(dialog)
    dialog.search.setText("xyz")
    dialog.accept()
    assert dialog.error.text() == "Person: choose a person from the list."
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "bjø")
    dialog.accept()  # Enter right after typing: the pending search runs first
    assert dialog.matches.count() == 1
    assert dialog.result() == dialog.DialogCode.Accepted
    view._after_save(room_id)

    hist = responsibilities.history(ctx.conn, room_id)
    assert [(r.person_name, r.valid_to) for r in hist] == [
        ("Bjørn Æsøy", None), ("Åse Ødegård", TODAY - dt.timedelta(days=1))]
    yesterday = TODAY - dt.timedelta(days=1)
    assert [(name, current) for name, _period, current in view.detail.history_entries] == [
        ("Bjørn Æsøy", True), ("Åse Ødegård", False)]
    assert view.detail.history_entries[1][1] == (
        f"Responsible · 2024-01-01\u2013{yesterday.isoformat()}")
    assert "<b>Bjørn Æsøy</b>" in view.detail.history.text()
    assert view.detail.responsible.text() == "Bjørn Æsøy\ntel. 735\u00a094\u00a0388"
    row = view.model.row_of_room(room_id)
    assert view.model.data(view.model.index(row, 7)) == "Bjørn Æsøy"


def test_deputy_and_dates_are_validated(qtbot: Any, ctx: AppContext,
                                        data: dict[str, int]) -> None:
    room = rooms.get_room(ctx.conn, data["GLØS:102"])
    assert room is not None
    dialog = ResponsibilityDialog(ctx, room, ResponsibilityKind.DEPUTY)
    qtbot.addWidget(dialog)
    dialog.search.setText("åse")
    dialog.update_matches()
    dialog.has_end.setChecked(True)
    dialog.valid_to.setDate(QDate.currentDate().addDays(-1))
    dialog.accept()
    assert dialog.error.text() == "Valid to: the date is before “valid from”."
    assert responsibilities.history(ctx.conn, room.id or 0) == []
    dialog.valid_to.setDate(QDate.currentDate().addDays(30))
    dialog.accept()
    current = responsibilities.current(ctx.conn, room.id or 0)
    assert list(current) == [ResponsibilityKind.DEPUTY]
    assert current[ResponsibilityKind.DEPUTY].valid_to == TODAY + dt.timedelta(days=30)


def test_ending_a_responsibility_keeps_it_in_the_history(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    room = rooms.get_room(ctx.conn, data["REALF:D2-108"])
    assert room is not None
    current = list(responsibilities.current(ctx.conn, room.id or 0).values())
    dialog = EndResponsibilityDialog(ctx, room, current)
    qtbot.addWidget(dialog)
    dialog.last_day.setDate(QDate(2024, 6, 30))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    hist = responsibilities.history(ctx.conn, room.id or 0)
    assert [(r.person_name, r.valid_to) for r in hist] == [("Åse Ødegård", dt.date(2024, 6, 30))]
    assert responsibilities.current(ctx.conn, room.id or 0) == {}


def test_room_card_dialog_saves_fields_and_pictograms(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    room = rooms.get_room(ctx.conn, data["REALF:D3-001"])
    assert room is not None
    dialog = RoomCardDialog(ctx, room)
    qtbot.addWidget(dialog)
    assert "boiling point at or below 35 °C" in dialog.flammable_cat1.toolTip()
    dialog.activity_type.setText("Kjemikalielager")
    dialog.flammable_cat1.setText("2,5")
    dialog.gas_max_cylinders.setText("1,5")
    dialog.accept()
    assert dialog.error.text() == "Max cylinders: enter a whole number."
    assert room_cards.get_card(ctx.conn, room.id or 0).is_empty()  # nothing written
    dialog.gas_max_cylinders.setText("4")
    dialog.pictogram_buttons["GHS02"].click()
    dialog.pictogram_buttons["GHS05"].click()
    dialog.sign_buttons["biohazard"].click()
    dialog.sign_buttons["radiation"].click()
    assert not dialog.sign_buttons["laser"].icon().isNull()
    dialog.shared.setChecked(True)
    dialog.coordination_agreement.setText("Avtale med SINTEF")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    card = room_cards.get_card(ctx.conn, room.id or 0)
    assert (card.activity_type, card.flammable_cat1_max_litres, card.gas_max_cylinders) == (
        "Kjemikalielager", 2.5, 4)
    assert card.pictograms == ("GHS02", "GHS05")
    assert card.warning_signs == ("radiation", "biohazard")
    assert card.coordination_agreement == "Avtale med SINTEF"
    again = RoomCardDialog(ctx, room)
    qtbot.addWidget(again)
    assert again.pictogram_buttons["GHS05"].isChecked()
    assert again.sign_buttons["biohazard"].isChecked()
    assert not again.sign_buttons["laser"].isChecked()
    assert again.flammable_cat1.text() == "2.5"


def test_detail_shows_the_room_card(view: RoomsView, ctx: AppContext,
                                    data: dict[str, int]) -> None:
    from vernetool.domain.organisation import RoomCard

    room_id = data["REALF:D3-001"]
    room_cards.save_card(ctx.conn, room_id, RoomCard(activity_type="Syrelager",
                                                     other_info="<b>not bold</b>",
                                                     gas_max_litres=50,
                                                     pictograms=("GHS05",)), "test")
    view.select_room(room_id)
    assert not view.detail.card_empty.isVisible()
    summary = view.detail.card_text.text()
    assert "Syrelager" in summary and "max 50 l" in summary
    assert "&lt;b&gt;not bold&lt;/b&gt;" in summary  # user text is escaped
    assert view.detail.pictograms.isVisible()


def test_norwegian_labels(ctx: AppContext, qtbot: Any, data: dict[str, int]) -> None:
    i18n.set_language("nb")
    widget = RoomsView(ctx)
    qtbot.addWidget(widget)
    assert widget.count_label.text() == "5 rom"
    assert widget.filter_edit.placeholderText().startswith("Filtrer på bygg, rom, navn")
    assert widget.model.headerData(7, Qt.Orientation.Horizontal) == "Romansvarlig"


def test_keyboard_opens_the_dialogs(view: RoomsView, qtbot: Any, data: dict[str, int],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def fake_exec(dialog: Any) -> int:
        opened.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(RoomDialog, "exec", fake_exec)
    monkeypatch.setattr("vernetool.ui.rooms.open_room.open_room",
                        lambda _parent, _ctx, room_id: opened.append(f"room {room_id}"))
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.select_room(data["GLØS:101"])
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)   # Enter opens the room's screen
    qtbot.keyClick(view.table, Qt.Key.Key_Insert)
    assert opened == ["Edit room GLØS:101", f"room {data['GLØS:101']}", "New room"]
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_edit.hasFocus()


def test_a_room_saved_outside_the_filter_stays_in_the_detail(
        view: RoomsView, qtbot: Any, data: dict[str, int]) -> None:
    view.filter_edit.setText("gløs")
    view.apply_filter()
    view._after_save(data["REALF:D2-108"])
    assert labels(view) == ["GLØS:101", "GLØS:102"]
    shown = view.shown_room()
    assert shown is not None and shown.label == "REALF:D2-108"
    assert view.detail.title.text() == "REALF:D2-108 Synteselab"
    assert view.edit_button.isEnabled()


def test_main_window_shows_the_rooms_area_and_refreshes_it(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    from vernetool.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.show_area("rooms")
    assert isinstance(page, RoomsView)
    assert page.model.total() == 5
    rooms.save_room(ctx.conn, Room("GLØS", "103", RoomType.OFFICE, "Nytt kontor"))
    page.refresh()
    assert page.model.total() == 6 and page.count_label.text() == "6 rooms"


def test_new_room_starts_in_the_building_of_the_shown_room(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    like = rooms.get_room(ctx.conn, data["GLØS:101"])
    dialog = RoomDialog(ctx, None, like=like)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New room"
    assert dialog.building.currentText().startswith("GLØS")
    assert dialog.unit.currentText().startswith("IBI")
    assert dialog.number.text() == ""


def test_enter_in_the_filter_marks_the_room_the_detail_shows(
        view: RoomsView, qtbot: Any) -> None:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClicks(view.filter_edit, "gløs")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)
    assert view.table.hasFocus()
    selected = view.table.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [0]  # highlighted, not just current
    shown = view.shown_room()
    assert shown is not None and shown.label == "GLØS:101"


def test_name_column_keeps_its_width_and_small_screens_drop_optional_columns(
        view: RoomsView, qtbot: Any) -> None:
    from vernetool.ui.organisation.rooms_view import NAME_COLUMN, NAME_MIN_WIDTH, OPTIONAL_COLUMNS

    header = view.table.horizontalHeader()
    view.resize(1100, 700)
    qtbot.waitUntil(lambda: header.sectionSize(NAME_COLUMN) >= NAME_MIN_WIDTH)
    assert not any(header.isSectionHidden(c) for c in OPTIONAL_COLUMNS)
    assert header.length() <= view.table.viewport().width() + 1  # no sideways scrolling
    view.resize(700, 600)  # a small laptop with the detail panel open
    qtbot.waitUntil(lambda: header.isSectionHidden(OPTIONAL_COLUMNS[0]))
    assert header.sectionSize(NAME_COLUMN) >= NAME_MIN_WIDTH - 40
    assert not header.isSectionHidden(NAME_COLUMN) and not header.isSectionHidden(7)
    view.resize(1100, 700)
    qtbot.waitUntil(lambda: not any(header.isSectionHidden(c) for c in OPTIONAL_COLUMNS))
    assert header.sectionSize(5) > 40  # the area column comes back with its width


def test_history_list_escapes_names(view: RoomsView, ctx: AppContext,
                                    data: dict[str, int]) -> None:
    person_id, _ = persons.save_person(ctx.conn, Person("<i>Ola</i>", "ola@ntnu.no", "", "IKJ",
                                                        frozenset()))
    responsibilities.assign(ctx.conn, data["GLØS:101"], person_id,
                            ResponsibilityKind.DEPUTY, dt.date(2024, 5, 2), "test")
    view.select_room(data["GLØS:101"])
    assert "&lt;i&gt;Ola&lt;/i&gt;" in view.detail.history.text()
    assert view.detail.history_entries == [("<i>Ola</i>", "Deputy, now · from 2024-05-02", True)]


def test_room_card_dialog_fits_a_small_laptop_screen(qtbot: Any, ctx: AppContext,
                                                     data: dict[str, int]) -> None:
    room = rooms.get_room(ctx.conn, data["REALF:D2-108"])
    assert room is not None
    dialog = RoomCardDialog(ctx, room)
    qtbot.addWidget(dialog)
    dialog.fit_to_screen(available_height=640 - 30)  # 1024×640 with a panel
    assert dialog.sizeHint().height() <= 640 - 30 - 20  # Save stays on the screen
    assert dialog.scroll.height() < dialog.scroll.widget().sizeHint().height()
    dialog.fit_to_screen(available_height=1200)
    assert dialog.scroll.minimumHeight() == dialog.scroll.widget().sizeHint().height()


def test_tab_walks_through_the_area_and_out_of_the_table(view: RoomsView, qtbot: Any,
                                                         data: dict[str, int]) -> None:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.select_room(data["REALF:D2-108"])
    view.filter_edit.setFocus()
    seen = []
    for _ in range(9):
        seen.append(view.focusWidget())
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    assert seen == [view.filter_edit, view.type_combo, view.table, view.new_button,
                    view.edit_button, view.detail.open_button, view.detail.assign_button,
                    view.detail.end_button, view.detail.card_button]  # no trap in the cells


def test_narrow_detail_stacks_the_responsibility_buttons(view: RoomsView,
                                                         data: dict[str, int]) -> None:
    from PySide6.QtWidgets import QBoxLayout

    view.select_room(data["REALF:D2-108"])
    view.detail.fit_width(260)
    assert view.detail.people_buttons.direction() == QBoxLayout.Direction.TopToBottom
    view.detail.fit_width(600)
    assert view.detail.people_buttons.direction() == QBoxLayout.Direction.LeftToRight



def test_empty_list_says_why(view: RoomsView) -> None:
    view.filter_edit.setText("finnes ikke")
    view.apply_filter()
    assert view.count_label.text() == "0 rooms"
    assert view.detail.empty.text() == "No room matches the filter."


def test_no_rooms_yet_says_how_to_add_them(qtbot: Any, ctx: AppContext) -> None:
    widget = RoomsView(ctx)
    qtbot.addWidget(widget)
    assert widget.detail.empty.text().startswith("No rooms yet. Add one with New room")


def test_a_change_made_elsewhere_refreshes_the_list_and_keeps_the_selection(
        view: RoomsView, ctx: AppContext, data: dict[str, int]) -> None:
    view.select_room(data["REALF:D2-110"])
    # Another screen (or an import) saves through the services: no call into the view.
    ctx.services.rooms.save(Room("REALF", "D4-200", RoomType.LAB, "Ny lab", "4", 30.0, "IKJ"))
    ctx.services.responsibilities.assign(data["REALF:D2-110"], data["Bjørn Æsøy"],
                                         ResponsibilityKind.RESPONSIBLE, dt.date(2024, 1, 1))
    assert "REALF:D4-200" in labels(view)
    assert view.count_label.text() == "6 rooms"
    selected = view.selected_room()
    assert selected is not None and selected.id == data["REALF:D2-110"]
    assert view.detail.responsible.text().startswith("Bjørn Æsøy")


def test_a_locked_database_is_reported_and_the_dialog_stays_open(
        qtbot: Any, ctx: AppContext, data: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from vernetool.services.errors import StoreError, StoreProblem
    from vernetool.ui.common import error_reporting

    shown: list[StoreError] = []
    monkeypatch.setattr(error_reporting, "show_store_error",
                        lambda _parent, error, _title=None: shown.append(error))
    other = sqlite3.connect(ctx.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        ctx.conn.execute("PRAGMA busy_timeout = 50")
        room = rooms.get_room(ctx.conn, data["GLØS:101"])
        assert room is not None
        dialog = RoomDialog(ctx, room)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.name.setText("Locked out")
        dialog.accept()
        assert [e.code for e in shown] == [StoreProblem.LOCKED]
        assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert rooms.get_room(ctx.conn, data["GLØS:101"]) == room  # nothing was written
