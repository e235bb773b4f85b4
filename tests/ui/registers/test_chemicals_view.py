"""The chemical register tab: filter as you type (CAS, H code, room), lazy paging, the product
detail (pictograms, statement texts, SDS), the dialogs' validation, disposal and the SDS drop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db.organisation import rooms
from vernetool.domain.chemicals.model import HoldingInput, HoldingStatus, ProductInput
from vernetool.domain.organisation import Room, RoomType
from vernetool.ui.common.labels import locale_for
from vernetool.ui.registers.chemicals.chemicals_view import ChemicalsView
from vernetool.ui.registers.chemicals.holding_dialog import DisposeDialog, HoldingDialog
from vernetool.ui.registers.chemicals.holdings_table_model import HoldingsTableModel, column
from vernetool.ui.registers.chemicals.product_dialog import ProductDialog
from vernetool.ui.registers.chemicals.sds_dialog import SdsDialog

TODAY = dt.date(2025, 3, 14)


@pytest.fixture(autouse=True)
def english() -> Any:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def data(ctx: AppContext) -> dict[str, int]:
    ids: dict[str, int] = {}
    for building, number, name in [("REALF", "D2-108", "Synteselab"),
                                   ("GLØS", "101", "Mikroskopilab")]:
        ids[f"{building}:{number}"], _ = rooms.save_room(
            ctx.conn, Room(building, number, RoomType.LAB, name, "2", 24.5, None))
    chemicals = ctx.services.chemicals
    for key, product in [
        ("methanol", ProductInput.with_cas("Methanol", ["67-56-1"], supplier="Merck",
                                           statements=("H225, H301+H311+H331, H370",
                                                       "P210, P280"))),
        ("acetone", ProductInput.with_cas("Acetone", ["67-64-1"], supplier="VWR",
                                          statements=("H225 H319 og H336", "EUH066"))),
        ("formaldehyde", ProductInput.with_cas(
            "Formaldehyde 37 %", ["50-00-0", "67-56-1"], supplier="Sigma-Aldrich",
            statements=("H301+H311+H331, H314, H317, H335, H341, H350, H370",))),
    ]:
        ids[key] = chemicals.save_product(product).id
    for product, room, place, qty, unit in [
        ("methanol", "REALF:D2-108", "Solvent cabinet", 2.5, "L"),
        ("acetone", "REALF:D2-108", "Solvent cabinet", 5, "L"),
        ("formaldehyde", "GLØS:101", "Fume hood 1", 500, "mL"),
        ("acetone", "GLØS:101", "Shelf A", 1, "L"),
    ]:
        holding = chemicals.add_holding(HoldingInput(ids[product], ids[room], place, qty, unit,
                                                     containers=1))
        ids[f"{product}@{room}"] = holding.id
    return ids


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, data: dict[str, int]) -> ChemicalsView:
    widget = ChemicalsView(ctx, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


def products(view: ChemicalsView) -> list[tuple[str, str]]:
    return [(h.product_name, h.room_label) for h in view.model.rows()]


def type_filter(qtbot: Any, view: ChemicalsView, text: str) -> None:
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, text)
    qtbot.waitUntil(lambda: view.model.filter.text == " ".join(text.split()))


def test_filter_finds_by_cas_h_code_and_room(view: ChemicalsView, qtbot: Any) -> None:
    assert view.count_label.text() == "4 holdings"
    type_filter(qtbot, view, "50-00-0")  # formaldehyde's CAS
    assert products(view) == [("Formaldehyde 37 %", "GLØS:101")]
    type_filter(qtbot, view, "67-56-1")  # methanol, also a component of formaldehyde 37 %
    assert sorted(products(view)) == [("Formaldehyde 37 %", "GLØS:101"),
                                      ("Methanol", "REALF:D2-108")]
    type_filter(qtbot, view, "h336")  # acetone's H code, any case
    assert sorted(products(view)) == [("Acetone", "GLØS:101"), ("Acetone", "REALF:D2-108")]
    type_filter(qtbot, view, "realf:d2-108")
    assert sorted(products(view)) == [("Acetone", "REALF:D2-108"),
                                      ("Methanol", "REALF:D2-108")]
    type_filter(qtbot, view, "gløs shelf")  # room and place together
    assert products(view) == [("Acetone", "GLØS:101")]
    assert view.count_label.text() == "1 holding"
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.model.filter.text == "")
    view.cmr_check.setChecked(True)
    assert products(view) == [("Formaldehyde 37 %", "GLØS:101")]
    assert view.model.data(view.model.index(0, column("cmr"))) == "CMR"


def test_the_room_filter_of_the_rooms_area(view: ChemicalsView, data: dict[str, int]) -> None:
    view.show_room(data["GLØS:101"])
    assert sorted(products(view)) == [("Acetone", "GLØS:101"), ("Formaldehyde 37 %",
                                                                "GLØS:101")]
    assert view.room_chip.isVisible() and "GLØS:101" in view.room_chip.text()
    view.room_chip.click()
    assert len(products(view)) == 4 and not view.room_chip.isVisible()


def test_the_model_pages_lazily(qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    chemicals = ctx.services.chemicals
    for n in range(30):
        chemicals.add_holding(HoldingInput(data["acetone"], data["REALF:D2-108"],
                                           f"Drawer {n:02d}", 1, "L"))
    from vernetool.services.chemicals.register import HoldingFilter

    model = HoldingsTableModel(ctx.services.chemical_register, HoldingFilter(), page_size=10)
    assert model.rowCount() == 10  # fetched: one page, not all 34
    assert model.canFetchMore()
    assert not model.counted()  # a full page: the count comes in the next turn
    qtbot.waitUntil(model.counted)
    assert model.total() == 34
    model.fetchMore()
    assert model.rowCount() == 20
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 34
    model.set_filter(HoldingFilter(text="drawer 07"))  # fewer than a page: no count needed
    assert model.counted() and model.total() == 1 and model.rowCount() == 1
    model.set_filter(HoldingFilter(text="drawer"))  # a new filter: one page again
    assert model.rowCount() == 10 and model.canFetchMore()
    qtbot.waitUntil(model.counted)
    assert model.total() == 30


def test_the_detail_shows_pictograms_signal_word_and_statement_texts(
        view: ChemicalsView, data: dict[str, int]) -> None:
    assert view.select_id(data["formaldehyde@GLØS:101"])
    detail = view.detail
    assert detail.content.isVisible()
    assert detail.title.text() == "Formaldehyde 37 %"
    assert detail.pictogram_codes == ("GHS05", "GHS06", "GHS08")
    shown = [label for label in detail.pictograms.findChildren(QLabel)
             if not label.pixmap().isNull()]
    assert len(shown) == 3
    assert detail.signal_word.text() == "Danger"
    assert detail.cmr.isVisible() and detail.exposure_button.isEnabled()
    assert "50-00-0" in detail.cas.text() and "67-56-1" in detail.cas.text()
    hazards = detail.hazards.text()
    assert "H350" in hazards and "May cause cancer" in hazards
    assert "H301+H311+H331" in hazards
    assert detail.no_precautions.isVisible()
    assert "Missing" in detail.sds_problems.text()
    assert not detail.sds_open.isEnabled()
    assert view.select_id(data["methanol@REALF:D2-108"])
    assert not detail.cmr.isVisible()
    assert "P280" in detail.precautions.text()
    assert "protective gloves" in detail.precautions.text()


def _pdf(tmp_path: Path) -> Path:
    path = tmp_path / "sds-formaldehyde.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF\n")
    return path


def test_dropping_a_pdf_stores_the_sheet_and_updates_the_state(
        view: ChemicalsView, data: dict[str, int], ctx: AppContext, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert view.select_id(data["formaldehyde@GLØS:101"])
    asked: list[SdsDialog] = []

    def answer(dialog: SdsDialog) -> int:
        asked.append(dialog)
        dialog.revised.setDate(dialog.revised.date().addYears(-5))  # an old revision
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SdsDialog, "exec", answer)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_pdf(tmp_path)))])
    target = view.detail
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert len(asked) == 1
    product = ctx.services.chemicals.product(data["formaldehyde"])
    assert product.sds is not None and product.sds.has_file
    assert product.sds.revised_on == dt.date(2020, 3, 14) and product.sds.language == "en"
    stored = ctx.services.safety_data_sheets.file_path(product.sds.id)
    assert stored.read_bytes() == _pdf(tmp_path).read_bytes()
    assert "Revised 2020-03-14" in view.detail.sds_summary.text()
    assert "Missing" not in view.detail.sds_problems.text()
    assert "Older than 3 years" in view.detail.sds_problems.text()
    assert view.detail.sds_open.isEnabled()


def test_a_text_file_is_not_taken_as_a_sheet(view: ChemicalsView, data: dict[str, int],
                                             tmp_path: Path) -> None:
    assert view.select_id(data["acetone@GLØS:101"])
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.detail, enter)
    assert not enter.isAccepted()


def test_the_product_dialog_refuses_a_bad_cas_naming_the_field(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    dialog = ProductDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Formalin")
    dialog.cas.setText("50-00-1")  # the check digit of formaldehyde is 0
    dialog.hazards.setPlainText("H350")
    dialog.accept()
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("CAS numbers:")
    assert "50-00-1" in dialog.error.text()
    assert dialog.focusWidget() is dialog.cas
    assert dialog.result() == 0 and dialog.product_id is None
    assert [p.name for p in ctx.services.chemicals.products("formalin")] == []
    dialog.cas.setText("50-00-0")
    dialog.hazards.setPlainText("H350, H999")
    dialog.accept()
    assert dialog.error.text().startswith("Hazard statements:")
    assert "H999" in dialog.error.text()
    assert dialog.focusWidget() is dialog.hazards
    dialog.hazards.setPlainText("h350 og H 301")
    dialog.accept()
    assert dialog.result() == 1 and dialog.product_id is not None
    saved = ctx.services.chemicals.product(dialog.product_id)
    assert saved.cas == ("50-00-0",) and saved.exposure_register


def test_the_product_dialog_previews_pictograms_and_the_exposure_flag(
        qtbot: Any, ctx: AppContext) -> None:
    dialog = ProductDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.hazards.setPlainText("H225, H360FD")
    dialog.update_preview()
    assert "Exposure register required" in dialog.preview.text()
    assert dialog.preview_icons.count() == 2  # GHS02, GHS08


def test_the_holding_dialog_names_the_quantity_and_the_room(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    product = ctx.services.chemicals.product(data["acetone"])
    dialog = HoldingDialog(ctx, None, product=product)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.error.text().startswith("Room:")
    assert dialog.focusWidget() is dialog.room
    dialog.room.set_room_id(data["GLØS:101"])
    dialog.place.setEditText("Cabinet 3")
    dialog.quantity.setText("two litres")
    dialog.accept()
    assert dialog.error.text().startswith("Quantity:")
    dialog.quantity.setText("2.5")
    dialog.unit.setEditText("l")
    dialog.accept()
    assert dialog.result() == 1 and dialog.holding_id is not None
    held = [h for h in ctx.services.chemicals.room_chemicals(data["GLØS:101"])
            if h.id == dialog.holding_id]
    assert held and held[0].quantity == 2.5 and held[0].place == "Cabinet 3"


def test_dispose_keeps_the_row_with_its_status(
        qtbot: Any, view: ChemicalsView, ctx: AppContext, data: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    holding_id = data["acetone@GLØS:101"]
    assert view.select_id(holding_id)

    def answer(dialog: DisposeDialog) -> int:
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(DisposeDialog, "exec", answer)
    view.dispose()
    # out of the in-use list, but shown, with its status, in the detail
    assert view.model.row_of_holding(holding_id) == -1
    assert view.count_label.text() == "3 holdings"
    assert view.detail.holding_status.text() == "Disposed 2025-03-14"
    assert not view.detail.dispose_button.isEnabled()
    assert view.table.isColumnHidden(column("status"))  # "In use" on every row: hidden
    view.disposed_check.setChecked(True)
    assert not view.table.isColumnHidden(column("status"))
    row = view.model.row_of_holding(holding_id)
    assert row >= 0
    assert view.model.data(view.model.index(row, column("status"))) == "Disposed 2025-03-14"
    assert view.model.row_at(row).status == HoldingStatus.DISPOSED
    history = ctx.services.chemicals.holding_history(holding_id)
    assert history and history[-1].status == HoldingStatus.IN_USE


def test_enter_on_a_row_opens_the_holding_dialog(
        qtbot: Any, view: ChemicalsView, data: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[HoldingDialog] = []

    def answer(dialog: HoldingDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(HoldingDialog, "exec", answer)
    view.filter_edit.setFocus()
    qtbot.keyClicks(view.filter_edit, "methanol")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)  # to the list, first row selected
    assert view.table.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].holding_id == data["methanol@REALF:D2-108"]
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_edit.hasFocus()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_button_of_the_tab_has_its_own_mnemonic(
        qtbot: Any, ctx: AppContext, data: dict[str, int], language: str) -> None:
    from PySide6.QtWidgets import QAbstractButton

    i18n.set_language(language)
    view = ChemicalsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    assert view.select_id(data["formaldehyde@GLØS:101"])  # the CMR notice and its button
    texts = [b.text() for b in view.findChildren(QAbstractButton)
             if b.isVisible() and "&" in b.text()]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert len(texts) >= 12
    assert len(set(keys)) == len(keys), sorted(zip(keys, texts, strict=True))


def test_ctrl_e_registers_exposure_for_the_selected_cmr_product(
        qtbot: Any, view: ChemicalsView, data: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """From the filter to the exposure dialog without the mouse: type, Enter, Ctrl+E. A
    product that does not call for the register opens nothing."""
    from vernetool.ui.registers.exposure.exposure_dialog import ExposureDialog

    opened: list[int] = []
    monkeypatch.setattr(ExposureDialog, "exec", lambda d: opened.append(d.product_id) or 0)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.filter_edit.setFocus()
    qtbot.keyClicks(view.filter_edit, "acetone")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)
    qtbot.keyClick(view.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == []                                   # acetone: not CMR
    view.filter_edit.setFocus()
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, "formaldehyde")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Return)
    qtbot.keyClick(view.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == [data["formaldehyde"]]
