"""Recording deviations with the keyboard only: a near miss and an accident with a personal
injury, read back fresh from the store; validation names the field and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db.deviations import queries as dev_queries
from vernetool.db.deviations import records as store
from vernetool.db.organisation import rooms
from vernetool.domain.deviations.rules import Absence, DeviationType, TriState
from vernetool.domain.organisation import Room, RoomType
from vernetool.ui.common.labels import locale_for
from vernetool.ui.common.risk_matrix import RiskMatrixWidget
from vernetool.ui.deviations.dialog import DeviationDialog, TypeCombo

NOW = dt.datetime(2025, 3, 14, 10, 30)


@pytest.fixture(autouse=True)
def english() -> Any:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))  # as the app does
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def room_ids(ctx: AppContext) -> dict[str, int]:
    ids = {}
    for building, number, name, unit in [("GLØS", "101", "Mikroskopilab", "IBI"),
                                         ("REALF", "D2-108", "Synteselab", "IKJ"),
                                         ("REALF", "D2-110", "Kontor", "IKJ")]:
        ids[f"{building}:{number}"], _ = rooms.save_room(
            ctx.conn, Room(building, number, RoomType.LAB, name, "2", 20.0, unit))
    return ids


def open_dialog(qtbot: Any, ctx: AppContext) -> DeviationDialog:
    dialog = DeviationDialog(ctx, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.windowHandle().requestActivate()  # shortcuts (Ctrl+Enter) need an active window
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.type_combo.setFocus()
    return dialog


def focused(dialog: DeviationDialog) -> QWidget:
    widget = dialog.focusWidget()
    assert widget is not None and dialog.isAncestorOf(widget)
    return widget


def tab(qtbot: Any, dialog: DeviationDialog, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)


def type_text(qtbot: Any, dialog: DeviationDialog, text: str) -> None:
    qtbot.keyClicks(focused(dialog), text)


def deviation_count(ctx: AppContext) -> int:
    return dev_queries.count_deviations(ctx.conn)


def test_near_miss_recorded_with_the_keyboard_only(qtbot: Any, ctx: AppContext,
                                                    room_ids: dict[str, int]) -> None:
    dialog = open_dialog(qtbot, ctx)
    assert focused(dialog) is dialog.type_combo
    qtbot.keyClick(dialog.type_combo, "3")                       # 3 = near miss
    assert dialog.type_combo.selected() is DeviationType.NEAR_MISS
    assert not dialog.injury_box.isVisible()
    tab(qtbot, dialog)
    assert focused(dialog) is dialog.title_edit
    type_text(qtbot, dialog, "Gas bottle nearly fell")
    tab(qtbot, dialog)
    type_text(qtbot, dialog, "An unsecured bottle tipped when the door was opened.")
    tab(qtbot, dialog, 2)                                        # keep "when" = now
    assert focused(dialog) is dialog.room
    type_text(qtbot, dialog, "REALF:D2-108")
    tab(qtbot, dialog)                                           # resolves the room
    assert dialog.room.room() is not None and dialog.room.room().id == room_ids["REALF:D2-108"]
    assert focused(dialog) is dialog.unit_combo
    assert dialog.unit_combo.currentText().startswith("IKJ")    # unit follows the room
    tab(qtbot, dialog, 2)                                        # past the reporter's name
    assert focused(dialog) is dialog.anonymous
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Space)            # "Leave out"
    assert dialog.anonymous.isChecked()
    tab(qtbot, dialog)
    assert focused(dialog) is dialog.category
    qtbot.keyClicks(dialog.category, "Work")                     # first letters
    assert dialog.category.currentData() == "Arbeidsplass og personskade/-sykdom"
    tab(qtbot, dialog)
    qtbot.keyClicks(dialog.subcategory, "Chem")
    assert dialog.subcategory.currentData() == "Kjemikalier og gasser"
    tab(qtbot, dialog)                                           # actual consequence
    qtbot.keyClicks(dialog.actual, "1")
    tab(qtbot, dialog)
    qtbot.keyClicks(dialog.potential, "4")
    tab(qtbot, dialog)
    qtbot.keyClicks(dialog.probability, "2")
    assert dialog.matrix.value() == (4, 2)
    tab(qtbot, dialog)
    assert focused(dialog) is dialog.matrix
    qtbot.keyClick(dialog.matrix, Qt.Key.Key_Up)                 # probability 2 → 3
    assert dialog.probability.currentData() == 3
    tab(qtbot, dialog)
    assert focused(dialog) is dialog.cause                       # cause before the measures
    type_text(qtbot, dialog, "No chain on the wall")
    tab(qtbot, dialog)
    assert focused(dialog) is dialog.immediate
    type_text(qtbot, dialog, "Bottle chained")
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == DeviationDialog.DialogCode.Accepted
    assert dialog.deviation_id is not None

    dev = store.get_deviation(ctx.conn, dialog.deviation_id)
    assert dev is not None
    assert dev.type is DeviationType.NEAR_MISS
    assert dev.title == "Gas bottle nearly fell"
    assert dev.description.startswith("An unsecured bottle")
    assert dev.occurred_at == NOW
    assert dev.reported_at == NOW.date()
    assert dev.room_id == room_ids["REALF:D2-108"] and dev.unit_code == "IKJ"
    assert dev.reporter is None
    assert (dev.category, dev.subcategory) == ("Arbeidsplass og personskade/-sykdom",
                                               "Kjemikalier og gasser")
    assert (dev.actual_consequence, dev.potential_consequence, dev.probability) == (1, 4, 3)
    assert dev.immediate_action == "Bottle chained" and dev.cause == "No chain on the wall"
    assert dev.injury is None
    assert [h.to_status.value for h in store.status_history(ctx.conn, dev.id)] == ["registered"]


def test_injury_recorded_with_the_keyboard_only(qtbot: Any, ctx: AppContext,
                                                room_ids: dict[str, int]) -> None:
    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClick(dialog.type_combo, "4")                       # 4 = accident
    assert dialog.injury_box.isVisible()
    tab(qtbot, dialog)
    type_text(qtbot, dialog, "Cut by broken glass")
    tab(qtbot, dialog, 3)
    type_text(qtbot, dialog, "mikroskop")                        # find the room by name
    dialog.room.search()
    tab(qtbot, dialog)
    assert dialog.room.room() is not None and dialog.room.room().id == room_ids["GLØS:101"]
    tab(qtbot, dialog)                                           # from the unit
    assert focused(dialog) is dialog.reporter
    type_text(qtbot, dialog, "Kari Nordmann")                   # a reporter by name
    tab(qtbot, dialog, 3)  # past "leave out" and category (no subcategory without one)
    assert focused(dialog) is dialog.nav_reported  # the injury comes before the assessment
    qtbot.keyClick(dialog.nav_reported, Qt.Key.Key_Space)
    tab(qtbot, dialog)
    assert focused(dialog) is dialog.absence
    qtbot.keyClick(dialog.absence, Qt.Key.Key_Down)             # none → ≤ 3 days
    qtbot.keyClick(dialog.absence, Qt.Key.Key_Down)             # → > 3 days
    assert dialog.absence.currentData() == Absence.GT3.value
    tab(qtbot, dialog)
    qtbot.keyClicks(dialog.treatment, "Y")
    tab(qtbot, dialog)
    qtbot.keyClicks(dialog.reassigned, "N")
    tab(qtbot, dialog, 2)                                        # fatality: no
    assert focused(dialog) is dialog.actual
    qtbot.keyClicks(dialog.actual, "2")
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dialog.deviation_id is not None

    dev = store.get_deviation(ctx.conn, dialog.deviation_id)
    assert dev is not None and dev.type is DeviationType.ACCIDENT
    assert dev.title == "Cut by broken glass" and dev.reporter == "Kari Nordmann"
    assert dev.room_id == room_ids["GLØS:101"] and dev.unit_code == "IBI"
    assert dev.injury is not None
    assert dev.injury.nav_reported is True
    assert dev.injury.absence is Absence.GT3
    assert dev.injury.medical_treatment is TriState.YES
    assert dev.injury.reassigned is TriState.NO
    assert dev.injury.fatality is False
    assert dev.actual_consequence == 2


def test_missing_title_names_the_field_and_writes_nothing(qtbot: Any, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClick(dialog.type_combo, "2")
    qtbot.keyClick(dialog.type_combo, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and dialog.error.text().startswith("Title:")
    assert focused(dialog) is dialog.title_edit
    assert deviation_count(ctx) == 0


def test_a_time_in_the_future_names_the_field_and_writes_nothing(qtbot: Any,
                                                                 ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.title_edit.setText("Leak")
    dialog.when.setDateTime(dialog.when.dateTime().addDays(3))
    dialog.accept()
    assert dialog.error.text().startswith("When:")
    assert deviation_count(ctx) == 0


def test_norwegian_error_names_the_field(qtbot: Any, ctx: AppContext) -> None:
    i18n.set_language("nb")
    dialog = open_dialog(qtbot, ctx)
    dialog.accept()
    assert dialog.error.text().startswith("Tittel:")
    assert dialog.type_combo.itemText(2) == "Nestenulykke"
    assert deviation_count(ctx) == 0


def test_unknown_place_is_kept_as_free_text(qtbot: Any, ctx: AppContext,
                                            room_ids: dict[str, int]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.title_edit.setText("Ice on the stairs")
    dialog.room.setText("Outside the main entrance")
    dialog.accept()
    dev = store.get_deviation(ctx.conn, dialog.deviation_id or 0)
    assert dev is not None and dev.room_id is None
    assert dev.room_text == "Outside the main entrance"


def test_editing_keeps_the_record_and_changes_fields(qtbot: Any, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.title_edit.setText("Loose cable")
    dialog.accept()
    dev = store.get_deviation(ctx.conn, dialog.deviation_id or 0)
    assert dev is not None
    edit = DeviationDialog(ctx, dev, now=NOW)
    qtbot.addWidget(edit)
    assert edit.title_edit.text() == "Loose cable"
    assert edit.anonymous.isChecked()  # saved without a reporter
    edit.title_edit.setText("Loose cable in lab")
    edit.potential.setCurrentIndex(edit.potential.findData(3))
    edit.accept()
    fresh = store.get_deviation(ctx.conn, dev.id or 0)
    assert fresh is not None and fresh.title == "Loose cable in lab"
    assert fresh.potential_consequence == 3
    assert deviation_count(ctx) == 1


def test_type_combo_digits_and_matrix_mouse(qtbot: Any) -> None:
    combo = TypeCombo()
    qtbot.addWidget(combo)
    qtbot.keyClick(combo, "1")
    assert combo.selected() is DeviationType.IMPROVEMENT
    matrix = RiskMatrixWidget()
    qtbot.addWidget(matrix)
    matrix.show()
    seen: list[tuple[object, object]] = []
    matrix.value_changed.connect(lambda s, p: seen.append((s, p)))
    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(5, 4).center())
    assert matrix.value() == (5, 4) and seen == [(5, 4)]
    assert matrix.level() is not None and matrix.level().value == "red"
    qtbot.keyClick(matrix, Qt.Key.Key_Delete)
    assert matrix.value() == (None, None)


def test_a_round_finding_becomes_a_linked_deviation(qtbot: Any, ctx: AppContext) -> None:
    from PySide6.QtCore import QTimer

    from tests.ui.round_helpers import make_round
    from vernetool.db.rounds import findings
    from vernetool.db.rounds import rounds as round_store
    from vernetool.domain.rounds import Finding
    from vernetool.ui.rounds.finding_dialog import FindingDialog

    setup = make_round(ctx.conn)
    round_room = round_store.round_rooms(ctx.conn, setup.round_id)[0]
    finding_id = findings.save_finding(ctx.conn, Finding(
        "Loose cable across the floor", action="Fix a cable channel",
        round_room_id=round_room.id), "test")
    finding = findings.get_finding(ctx.conn, finding_id, "en")
    dialog = FindingDialog(ctx, finding)
    qtbot.addWidget(dialog)
    link = dialog.deviation_link
    assert link.text() == "Make &deviation…"

    def save() -> None:
        made = link.dialog
        assert isinstance(made, DeviationDialog)
        assert made.type_combo.selected() is DeviationType.HAZARD
        assert made.room.room() is not None and made.room.room().id == finding.room_id
        assert made.unit_combo.currentText().startswith("IKJ")
        assert "From HSE round finding no." in made.source_label.text()
        made.accept()

    QTimer.singleShot(0, save)
    link.click()
    deviation_id = findings.get_finding(ctx.conn, finding_id).deviation_id
    assert deviation_id is not None                                   # finding → deviation
    dev = store.get_deviation(ctx.conn, deviation_id)
    assert dev is not None and dev.source_finding_id == finding_id    # deviation → finding
    assert "Loose cable" in dev.description and "Fix a cable channel" in dev.description
    assert [d.id for d in store.find_by_source_finding(ctx.conn, finding_id)] == [deviation_id]
    assert link.text() == f"Deviation {deviation_id} …"


def test_escape_asks_before_throwing_away_a_started_report(qtbot: Any, ctx: AppContext
                                                          ) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClick(dialog.type_combo, Qt.Key.Key_Escape)       # nothing typed: just closes
    assert dialog.result() == DeviationDialog.DialogCode.Rejected and not dialog.isVisible()

    dialog = open_dialog(qtbot, ctx)
    dialog.title_edit.setText("Wet floor")
    answers: list[str] = []

    def answer(button_text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, lambda: answer("&Keep writing"))
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert answers == ["Discard what you have written?"]
    assert dialog.isVisible() and dialog.title_edit.text() == "Wet floor"   # nothing lost
    QTimer.singleShot(0, lambda: answer("&Discard"))
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert len(answers) == 2 and not dialog.isVisible()
    assert dev_queries.count_deviations(ctx.conn) == 0


def test_dialog_fits_a_small_laptop_screen(qtbot: Any, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.type_combo.set_selected(DeviationType.ACCIDENT)         # the tallest form
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    assert dialog.scroll_area.widgetResizable()
