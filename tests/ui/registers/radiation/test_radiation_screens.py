"""The radiation registers' screens: the sources list filters as you type and shows the
activity today and an overdue leak test; the source dialog refuses a bad nuclide naming the
field; a dose typed by keyboard updates the yearly sum and flags a sum over the limit; a
reveal is confirmed and audited; no identity number in clear in any visible text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.ui.registers.exposure.test_exposure_screens import (
    NUMBER,
    OTHER,
    PASSPHRASE,
    visible_texts,
)
from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.radiation.model import (
    RadiationWorkerInput,
    SourceInput,
)
from vernetool.domain.radiation.sources import DsaStatus, LaserClass, SourceKind
from vernetool.i18n import set_language
from vernetool.ui.registers.radiation import room_sources
from vernetool.ui.registers.radiation.source_dialog import SourceDialog
from vernetool.ui.registers.radiation.sources_table_model import (
    ACTIVITY_NOW,
    DSA_ID,
    LEAK_TEST,
)
from vernetool.ui.registers.radiation.sources_view import SourcesView
from vernetool.ui.registers.radiation.words import activity_text
from vernetool.ui.registers.radiation.workers_view import WorkersView
from vernetool.ui.shell import theme

TODAY = dt.date(2025, 1, 1)


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("nb")


@pytest.fixture
def register(ctx: AppContext, english: None) -> dict[str, int]:
    services = ctx.services
    room = services.rooms.save(Room("FYS", "B-101", RoomType.LAB, "Strålelab"))
    sources = services.radiation_sources
    cs = sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, nuclide="137Cs", activity="370", activity_unit="MBq",
        reference_date=dt.date(2000, 1, 1), make="Eckert & Ziegler", serial_number="CS-2000",
        room_id=room, dsa_id="DSA-1", dsa_status=DsaStatus.IN_USE, notifiable=True,
        leak_test_last=dt.date(2023, 6, 1), leak_test_interval_months=12))
    am = sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, nuclide="Am-241", activity=Decimal("3.7"),
        activity_unit="GBq", reference_date=dt.date(1995, 3, 1), make="Amersham",
        serial_number="AM-95", room_id=room, dsa_id="DSA-2", notifiable=True,
        leak_test_last=dt.date(2024, 9, 1), leak_test_interval_months=12))
    laser = sources.save(SourceInput(
        SourceKind.LASER, laser_class=LaserClass.C4, make="Coherent", model="Astrella",
        serial_number="L-4", room_id=room))
    return {"room": room, "cs": cs.id, "am": am.id, "laser": laser.id}


def _view(qtbot: Any, ctx: AppContext) -> SourcesView:
    view = SourcesView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    return view


def test_current_activity_and_overdue_leak_test_are_shown(qtbot: Any, ctx: AppContext,
                                                         register: dict[str, int]) -> None:
    view = _view(qtbot, ctx)
    model = view.model
    cs = model.row_of(register["cs"])
    assert model.index(cs, ACTIVITY_NOW).data() == "208 MBq"        # 2.08·10⁸ Bq
    assert model.index(model.row_of(register["am"]), ACTIVITY_NOW).data() == "3.53 GBq"
    assert model.index(cs, LEAK_TEST).data().startswith("overdue")  # due 2024-06-01
    brush = model.index(cs, LEAK_TEST).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == theme.OVERDUE_RED
    am = model.row_of(register["am"])
    assert not model.index(am, LEAK_TEST).data().startswith("overdue")
    # the class 4 laser is notifiable without a DSA id: flagged
    laser = model.row_of(register["laser"])
    assert model.index(laser, DSA_ID).data() == "missing"
    assert model.index(laser, DSA_ID).data(Qt.ItemDataRole.ForegroundRole) is not None
    view.table.selectRow(cs)
    assert view.detail.warning.text() == "The leak test is overdue."
    qtbot.waitUntil(lambda: "208 MBq" in visible_texts(view.detail))


def test_the_list_filters_as_you_type(qtbot: Any, ctx: AppContext,
                                      register: dict[str, int]) -> None:
    view = _view(qtbot, ctx)
    assert view.model.rowCount() == 3
    qtbot.keyClicks(view.filter_edit, "cs-137")
    assert [r.source.id for r in view.model.rows()] == [register["cs"]]
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, "laser")
    assert [r.source.id for r in view.model.rows()] == [register["laser"]]
    view.filter_edit.setText("fys:b-101 amersham")
    assert [r.source.id for r in view.model.rows()] == [register["am"]]
    view.filter_edit.setText("dsa-2")
    assert [r.source.id for r in view.model.rows()] == [register["am"]]
    view.filter_edit.setText("in use")            # the DSA status in words
    assert [r.source.id for r in view.model.rows()] == [register["cs"]]
    view.filter_edit.setText("nothing like this")
    assert view.model.rowCount() == 0 and view.empty_hint.isVisible()


def test_a_bad_nuclide_is_refused_naming_the_field(qtbot: Any, ctx: AppContext,
                                                  register: dict[str, int]) -> None:
    dialog = SourceDialog(ctx, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.nuclide.isVisible()                 # a sealed source: nuclide and activity
    assert not dialog.laser_class.isVisible()
    dialog.nuclide.setText("Xx-999")
    dialog.activity.setText("10")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith("Nuclide: ")
    assert QApplication.focusWidget() is dialog.nuclide or not dialog.isActiveWindow()
    dialog.nuclide.setText("cs137")
    dialog.activity.setText("1,5 mega")
    dialog.accept()
    assert dialog.error_label.text().startswith("Activity")
    dialog.activity.setText("1,5")
    dialog.unit.setCurrentText("µCi")
    dialog.make.setText("Isotrak")
    dialog.serial.setText("NEW-1")
    dialog.accept()
    assert dialog.saved is not None
    assert (dialog.saved.nuclide, dialog.saved.activity_unit) == ("Cs-137", "µCi")
    assert dialog.saved.activity_bq == pytest.approx(55_500)


def test_the_laser_class_shows_for_lasers_and_the_rule_decides_notifiability(
        qtbot: Any, ctx: AppContext, english: None) -> None:
    dialog = SourceDialog(ctx, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("laser"))
    assert dialog.laser_class.isVisible() and not dialog.nuclide.isVisible()
    dialog.laser_class.setCurrentIndex(dialog.laser_class.findData("4"))
    assert not dialog.notifiable.isEnabled()
    assert "class 4" in dialog.reason.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("xray"))
    assert not dialog.laser_class.isVisible() and "X-ray" in dialog.reason.text()


def test_the_room_detail_lists_the_sources_with_activity_today(
        qtbot: Any, ctx: AppContext, register: dict[str, int]) -> None:
    from PySide6.QtWidgets import QVBoxLayout

    box_owner = QWidget()
    qtbot.addWidget(box_owner)
    box = QVBoxLayout(box_owner)
    lines = room_sources.fill(box, ctx.services.radiation_sources.room_sources(
        register["room"], TODAY))
    texts = [line.text() for line in lines]
    assert any("Cs-137" in t and "208 MBq today" in t and "leak test overdue" in t
               for t in texts)
    assert any("class 4" in t and "no DSA id" in t for t in texts)


def test_activity_text_reads_well(english: None) -> None:
    assert activity_text(2.0803e8) == "208 MBq"
    assert activity_text(3.5312e9) == "3.53 GBq"
    assert activity_text(55_500) == "55.5 kBq"
    assert activity_text(0.5) == "0.5 Bq"


# -- the workers register -------------------------------------------------------------------
@pytest.fixture
def workers(ctx: AppContext, english: None) -> Iterator[dict[str, int]]:
    ctx.services.exposure.set_up_vault(PASSPHRASE)
    service = ctx.services.radiation_workers
    kari = service.register(RadiationWorkerInput(
        "Kari Nordmann", NUMBER, address="Gata 1, 5007 Bergen", work="XRD",
        employed_from=dt.date(2020, 1, 1)))
    ola = service.register(RadiationWorkerInput("Ola Nordmann", OTHER, work="P-32 labelling"))
    yield {"kari": kari.id, "ola": ola.id}
    ctx.services.exposure.lock()


def _workers_view(qtbot: Any, ctx: AppContext) -> WorkersView:
    view = WorkersView(ctx, today=dt.date(2025, 6, 30))
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_dose_typed_by_keyboard_updates_the_yearly_sum_and_flags_over_limit(
        qtbot: Any, ctx: AppContext, workers: dict[str, int]) -> None:
    view = _workers_view(qtbot, ctx)
    view.table.selectRow(view.model.row_of(workers["kari"]))
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.entry.date)
    qtbot.keyClicks(view.entry.date, "2025-03-31")
    qtbot.keyClick(view.entry.date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.entry.hp10
    qtbot.keyClicks(view.entry.hp10, "12,5")
    qtbot.keyClick(view.entry.hp10, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.entry.hp007
    qtbot.keyClicks(view.entry.hp007, "13")
    qtbot.keyClick(view.entry.hp007, Qt.Key.Key_Return)
    row = view.model.row_of(workers["kari"])
    assert view.model.index(row, 4).data() == "12.5"
    assert not view.over.isVisible()
    assert QApplication.focusWidget() is view.entry.date      # ready for the next one
    view.entry.date.setDate(view.entry.date.date().fromString("2025-06-30", "yyyy-MM-dd"))
    view.entry.hp10.setFocus()
    qtbot.keyClicks(view.entry.hp10, "8")
    qtbot.keyClick(view.entry.hp10, Qt.Key.Key_Return)
    assert view.model.index(row, 4).data() == "20.5"
    assert view.model.index(row, 6).data() == "over the limit: effective dose"
    assert view.over.isVisible() and "effective dose" in view.over.text()
    assert [d.hp10_msv for d in ctx.services.radiation_workers.doses(workers["kari"])] == [
        12.5, 8.0]


def test_a_bad_dose_is_named_and_not_saved(qtbot: Any, ctx: AppContext,
                                           workers: dict[str, int]) -> None:
    view = _workers_view(qtbot, ctx)
    view.table.selectRow(view.model.row_of(workers["ola"]))
    view.entry.hp10.setText("-1")
    assert not view.add_dose()
    assert view.entry.error.text().startswith("Hp(10): ")
    assert ctx.services.radiation_workers.doses(workers["ola"]) == []


def test_reveal_is_confirmed_audited_and_numbers_never_shown_in_clear(
        qtbot: Any, ctx: AppContext, workers: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def confirm(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    view = _workers_view(qtbot, ctx)
    for number in (NUMBER, OTHER):
        assert not any(number in text for text in visible_texts(view.window()))
    row = view.model.row_of(workers["kari"])
    view.table.selectRow(row)
    assert not any(NUMBER in text for text in visible_texts(view))
    view.reveal_button.click()
    assert len(asked) == 1 and "audit trail" in asked[0] and NUMBER not in asked[0]
    assert view.model.index(row, 1).data() == NUMBER
    actions = [e.action for e in audit.history(ctx.conn, "radiation_worker", workers["kari"])]
    assert actions[-1] == "reveal_identity"
    view.table.selectRow(view.model.row_of(workers["ola"]))       # masked again
    assert view.model.index(row, 1).data() == "150765*****"
    assert not any(NUMBER in t or OTHER in t for t in visible_texts(view))


def test_the_worker_dialog_checks_the_number_on_leaving_and_never_shows_it(
        qtbot: Any, ctx: AppContext, workers: dict[str, int]) -> None:
    from vernetool.ui.registers.radiation.worker_dialog import RadiationWorkerDialog

    dialog = RadiationWorkerDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.person)
    qtbot.keyClicks(dialog.person, "Per Hansen")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.identity, NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10))
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Tab)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("Identity number: ")
    dialog.identity.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.identity)
    dialog.identity.setText("")
    qtbot.keyClicks(dialog.identity, NUMBER)
    qtbot.keyClick(dialog.identity, Qt.Key.Key_Tab)
    assert not dialog.error_label.isVisible()
    assert not any(NUMBER in text for text in visible_texts(dialog))
    dialog.work.setText("Open sources")
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.identity_masked == "150765*****"


def test_a_leak_test_a_status_and_a_disposal_are_recorded_from_the_view(
        qtbot: Any, ctx: AppContext, register: dict[str, int]) -> None:
    from vernetool.ui.registers.radiation.source_actions import (
        DisposeSourceDialog,
        LeakTestDialog,
        StatusDialog,
    )

    view = _view(qtbot, ctx)
    source = view.model.row_at(view.model.row_of(register["cs"])).source
    leak = LeakTestDialog(ctx, source, today=TODAY)
    qtbot.addWidget(leak)
    leak.result_edit.setText("< 185 Bq")
    leak.accept()
    assert leak.done_ok
    view.refresh()
    row = view.model.row_of(register["cs"])
    assert not view.model.index(row, LEAK_TEST).data().startswith("overdue")
    status = StatusDialog(ctx, source, today=TODAY)
    qtbot.addWidget(status)
    status.status.setCurrentIndex(status.status.findData("stored"))
    status.accept()
    assert DsaStatus.STORED in [c.status for c in ctx.services.radiation_sources
                                .status_history(register["cs"])]
    dispose = DisposeSourceDialog(ctx, source, today=TODAY)
    qtbot.addWidget(dispose)
    dispose.accept()                                   # how it left is required
    assert dispose.error_label.text().startswith("Disposed of how: ")
    dispose.method.setText("Returned to the dealer")
    dispose.status.setCurrentIndex(dispose.status.findData("returned"))
    dispose.accept()
    assert dispose.done_ok
    view.refresh()
    assert view.model.row_of(register["cs"]) == -1     # gone from the held sources …
    view.show_disposed.setChecked(True)
    assert view.model.row_of(register["cs"]) >= 0      # … and kept in the register
