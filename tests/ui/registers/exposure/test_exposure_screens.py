"""The exposure register's screens: an entry registered with the keyboard only, identity
numbers masked everywhere on screen, a reveal that is confirmed, shown for one entry and
audited, deletion refused before the retention end, and the vault asked for when locked."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.chemicals.model import (
    ExposureInput,
    ExposureRoute,
    HoldingInput,
    ProductInput,
)
from vernetool.domain.identity import control_digit
from vernetool.domain.organisation import Room, RoomType
from vernetool.ui.registers.exposure.exposure_dialog import ExposureDialog
from vernetool.ui.registers.exposure.exposure_view import ExposureView
from vernetool.ui.registers.exposure.vault_dialog import VaultDialog, passphrase_strength

PASSPHRASE = "correct horse battery"
TODAY = dt.date(2026, 12, 2)
BENZENE = ProductInput.with_cas("Benzen", ["71-43-2"], supplier="Merck",
                                statements=("H225 H304 H315 H319 H340 H350 H372",))
DMF = ProductInput("N,N-dimetylformamid", "Merck", statements=("H226 H312 H319 H332 H360D",))


def valid_number(birth: str, start: int = 433) -> str:
    """The first fødselsnummer born on ``birth`` (DDMMYY) from individual number ``start``
    whose two control digits exist."""
    for individual in range(start, 500):
        nine = f"{birth}{individual:03d}"
        k1 = control_digit(nine, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        k2 = None if k1 is None else control_digit(nine + str(k1),
                                                   (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if k1 is not None and k2 is not None:
            return f"{nine}{k1}{k2}"
    raise AssertionError(birth)


NUMBER = valid_number("150765")
OTHER = valid_number("010190", 120)


@pytest.fixture
def lab(ctx: AppContext) -> Iterator[dict[str, int]]:
    services = ctx.services
    room = services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
    benzene = services.chemicals.save_product(BENZENE)
    dmf = services.chemicals.save_product(DMF)
    services.chemicals.add_holding(HoldingInput(benzene.id, room, "Avtrekk 1", 1, "L", 1))
    services.chemicals.add_holding(HoldingInput(dmf.id, room, "Avtrekk 1", 1, "L", 1))
    yield {"room": room, "benzene": benzene.id, "dmf": dmf.id}
    services.exposure.lock()


@pytest.fixture
def unlocked(ctx: AppContext, lab: dict[str, int]) -> dict[str, int]:
    ctx.services.exposure.set_up_vault(PASSPHRASE)
    return lab


def _register(ctx: AppContext, product_id: int, **fields: Any) -> int:
    values: dict[str, Any] = {
        "person": "Kari Nordmann", "identity_number": NUMBER, "position": "PhD candidate",
        "workplace": "Synthesis lab", "route": ExposureRoute.INHALATION,
        "concentration": "< 1 ppm", "exposure_start": dt.date(2026, 3, 2),
        "exposure_end": dt.date(2026, 3, 2), "duration": "2 h"}
    values.update(fields)
    return ctx.services.exposure.register(ExposureInput(product_id, **values)).id


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person could read in ``root``: labels, edits (as displayed), buttons,
    window titles, tooltips, and every cell and tooltip of every list and table."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.displayText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                for column in range(model.columnCount(QModelIndex())):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(model.data(index, role) or ""))
    return texts


def _clear_anywhere(root: QWidget, number: str = NUMBER) -> bool:
    return any(number in text for text in visible_texts(root))


# -- the dialog, by keyboard ----------------------------------------------------------------
def _type(qtbot: Any, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def _tab(qtbot: Any) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    now = QApplication.focusWidget()
    assert now is not None
    return now


def test_an_entry_is_registered_with_the_keyboard_only(qtbot: Any, ctx: AppContext,
                                                       unlocked: dict[str, int],
                                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    dialog = ExposureDialog(ctx, unlocked["benzene"], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.person)
    _type(qtbot, "Kari Nordmann")
    assert _tab(qtbot) is dialog.identity
    _type(qtbot, NUMBER[:6] + " " + NUMBER[6:])
    assert _tab(qtbot) is dialog.position
    assert dialog.identity.displayText() != dialog.identity.text()   # dots once left
    assert NUMBER not in dialog.identity.displayText().replace(" ", "")
    assert not dialog.error_label.isVisible()
    _type(qtbot, "PhD candidate")
    assert _tab(qtbot) is dialog.workplace
    _type(qtbot, "Synthesis lab, fume hood 3")
    assert _tab(qtbot) is dialog.room
    _type(qtbot, "REALF:D2-108")
    assert _tab(qtbot) is dialog.route
    _type(qtbot, "s")                                    # "Skin or eye contact"
    assert dialog.route.currentData() == "skin"
    assert _tab(qtbot) is dialog.concentration
    _type(qtbot, "< 1 ppm")
    order = [_tab(qtbot) for _ in range(3)]
    assert order[0] is dialog.start and order[2] is dialog.duration
    _type(qtbot, "2 h a week")
    assert not _clear_anywhere(dialog)
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)   # Enter saves
    assert dialog.result() == QDialog.DialogCode.Accepted
    [entry] = ctx.services.exposure.entries()
    assert (entry.person, entry.position, entry.route, entry.room_label, entry.duration) == (
        "Kari Nordmann", "PhD candidate", ExposureRoute.SKIN, "REALF:D2-108", "2 h a week")
    assert entry.identity_masked == "150765*****" and entry.exposure_start == TODAY
    assert entry.exposure_end is None
    assert NUMBER not in caplog.text                      # never in the log
    assert ctx.services.exposure.reveal_identity(entry.id) == NUMBER


def test_a_mistyped_number_is_named_when_leaving_the_field(qtbot: Any, ctx: AppContext,
                                                           unlocked: dict[str, int]) -> None:
    dialog = ExposureDialog(ctx, unlocked["benzene"], today=TODAY)
    qtbot.addWidget(dialog)
    mistyped = NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)
    dialog.identity.setText(mistyped)
    dialog.identity.editingFinished.emit()
    message = dialog.error_label.text()
    assert message.startswith("Identity number:") and "control digits" in message
    assert mistyped not in message and mistyped not in dialog.windowTitle()
    dialog.identity.setText(NUMBER)
    dialog.identity.editingFinished.emit()
    assert not dialog.error_label.isVisible()
    dialog.person.setText("Kari")
    dialog.end.setDate(dialog.start.date().addDays(-1))
    assert not dialog.save()
    assert dialog.error_label.text().startswith("End date:")
    assert ctx.services.exposure.entries() == []


def test_esc_cancels_and_saves_nothing(qtbot: Any, ctx: AppContext,
                                       unlocked: dict[str, int]) -> None:
    dialog = ExposureDialog(ctx, unlocked["benzene"], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.setText("Kari Nordmann")
    dialog.identity.setText(NUMBER)
    qtbot.keyClick(dialog.person, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert ctx.services.exposure.entries() == []


def test_a_locked_vault_is_asked_for_before_saving(qtbot: Any, ctx: AppContext,
                                                   unlocked: dict[str, int],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    ctx.services.exposure.lock()
    asked: list[tuple[bool, str]] = []

    def answer(dialog: VaultDialog) -> int:
        asked.append((dialog.set_up, dialog.windowTitle()))
        dialog.passphrase.setText("wrong passphrase")
        dialog.accept()
        assert "wrong" in dialog.error_label.text() and dialog.isVisible() is False
        dialog.passphrase.setText(PASSPHRASE)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(VaultDialog, "exec", answer)
    dialog = ExposureDialog(ctx, unlocked["dmf"], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.person.setText("Ola Nordmann")
    dialog.identity.setText(NUMBER)
    assert dialog.save()
    assert asked == [(False, "Unlock identity numbers")]
    assert [e.person for e in ctx.services.exposure.entries()] == ["Ola Nordmann"]


def test_a_vault_not_set_up_is_set_up_with_a_passphrase_typed_twice(
        qtbot: Any, ctx: AppContext, lab: dict[str, int]) -> None:
    dialog = VaultDialog(ctx, set_up=True)
    qtbot.addWidget(dialog)
    assert not dialog.use_keyring.isEnabled()          # the tests' keyring is the failing one
    assert "lost or stolen laptop" in dialog.findChild(QLabel, "why").text()
    dialog.passphrase.setText(PASSPHRASE)
    assert dialog.strength.text().startswith(("Fair", "Strong"))
    dialog.repeat.setText(PASSPHRASE + "x")
    dialog.accept()
    assert dialog.error_label.text().startswith("Repeat:")
    dialog.repeat.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.services.exposure.vault_status().value == "unlocked"
    assert passphrase_strength("short") == 0 and passphrase_strength("Aa1!aaaaaaaaaaaaaaaa") == 3


# -- the view ---------------------------------------------------------------------------------
def test_the_view_masks_numbers_and_lists_cmr_products_without_entries(
        qtbot: Any, ctx: AppContext, unlocked: dict[str, int]) -> None:
    _register(ctx, unlocked["benzene"])
    view = ExposureView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 1
    assert view.model.index(0, 2).data() == "150765*****"
    assert view.missing_box.isVisible()
    assert [view.missing_list.item(i).text() for i in range(view.missing_list.count())] == [
        "N,N-dimetylformamid — REALF:D2-108"]
    assert not _clear_anywhere(view)
    _register(ctx, unlocked["dmf"], person="Ola Nordmann")      # refreshed by the notice
    assert view.model.rowCount() == 2 and not view.missing_box.isVisible()
    view.show_product(unlocked["dmf"])
    assert [view.model.row_at(r).person for r in range(view.model.rowCount())] == [
        "Ola Nordmann"]
    view.product_combo.setCurrentIndex(0)                        # all products again
    view.filter_edit.setText("kari")
    assert [view.model.row_at(r).person for r in range(view.model.rowCount())] == [
        "Kari Nordmann"]


def test_reveal_is_confirmed_audited_and_masked_again(qtbot: Any, ctx: AppContext,
                                                      unlocked: dict[str, int],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = _register(ctx, unlocked["benzene"])
    _register(ctx, unlocked["benzene"], person="Ola Nordmann", identity_number=OTHER)
    asked: list[str] = []

    def confirm(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    view = ExposureView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    row = view.model.row_of(first)
    view.table.selectRow(row)
    view.reveal_button.click()
    assert len(asked) == 1 and "audit trail" in asked[0] and NUMBER not in asked[0]
    assert view.model.index(row, 2).data() == NUMBER               # this entry only
    assert view.model.index(1 - row, 2).data().endswith("*****")
    actions = [e.action for e in audit.history(ctx.conn, "exposure_entry", first)]
    assert actions[-1] == "reveal_identity"
    view.table.selectRow(1 - row)                                   # masked again
    assert view.model.index(row, 2).data() == "150765*****"
    assert not _clear_anywhere(view) and not _clear_anywhere(view, OTHER)


def test_a_cancelled_reveal_shows_and_audits_nothing(qtbot: Any, ctx: AppContext,
                                                     unlocked: dict[str, int],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _register(ctx, unlocked["benzene"])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    view = ExposureView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    view.reveal_button.click()
    assert not _clear_anywhere(view)
    assert [e.action for e in audit.history(ctx.conn, "exposure_entry", entry)] == ["create"]


def test_delete_is_refused_before_retention_with_the_date_in_words(
        qtbot: Any, ctx: AppContext, unlocked: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _register(ctx, unlocked["dmf"])               # reprotoxic: kept until 2031-03-02
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: told.append(box.text()) or QMessageBox.StandardButton.Yes)
    view = ExposureView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    view.delete_button.click()
    assert told and "2 March 2031" in told[-1]
    assert [e.id for e in ctx.services.exposure.entries()] == [entry]
    view.today = dt.date(2031, 3, 3)                      # after the retention end
    view.delete_button.click()
    assert "ended on 2 March 2031" in told[-1]
    assert ctx.services.exposure.entries() == []


def test_the_keyboard_reaches_the_list_and_opens_the_entry(
        qtbot: Any, ctx: AppContext, unlocked: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _register(ctx, unlocked["benzene"])
    opened: list[tuple[int, int | None]] = []
    monkeypatch.setattr(ExposureDialog, "exec",
                        lambda d: opened.append((d.product_id, d.entry_id)) or 0)
    view = ExposureView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.filter_edit.setFocus()
    qtbot.keyClicks(view.filter_edit, "kari")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)       # to the list, first row
    assert view.table.hasFocus() and view.selected_entry() is not None
    qtbot.keyClick(view.table, Qt.Key.Key_F2)                 # edit it
    entry = view.selected_entry()
    assert entry is not None and opened == [(unlocked["benzene"], entry.id)]
    qtbot.keyClick(view.table, Qt.Key.Key_Insert)             # a new one for its product
    assert opened[-1] == (unlocked["benzene"], None)
