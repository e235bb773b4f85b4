"""The Registers area (a tab per register, built when first shown) and the Rooms area's room
detail with the room's chemicals, which opens the register filtered to the room."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db.organisation import room_cards, rooms
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.organisation import Room, RoomCard, RoomType
from vernetool.ui.common.labels import locale_for
from vernetool.ui.registers.chemicals.chemicals_view import ChemicalsView
from vernetool.ui.registers.registers_view import RegistersView, register_tabs
from vernetool.ui.shell.main_window import MainWindow

HAS_EXPOSURE_VIEW = importlib.util.find_spec("vernetool.ui.registers.exposure") is not None \
    and importlib.util.find_spec("vernetool.ui.registers.exposure.exposure_view") is not None


@pytest.fixture(autouse=True)
def english() -> Any:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def lab(ctx: AppContext) -> int:
    room_id, _ = rooms.save_room(ctx.conn, Room("REALF", "D2-108", RoomType.LAB, "Synteselab",
                                                "2", 40.0, None))
    rooms.save_room(ctx.conn, Room("REALF", "D2-110", RoomType.LAB, "Analyselab", "2", 30.0,
                                   None))
    room_cards.save_card(ctx.conn, room_id, RoomCard(flammable_cat2_max_litres=5.0), "test")
    chemicals = ctx.services.chemicals
    ether = chemicals.save_product(ProductInput.with_cas("Diethyl ether", ["60-29-7"],
                                                         statements=("H224, H302, H336",)))
    ethanol = chemicals.save_product(ProductInput.with_cas("Ethanol", ["64-17-5"],
                                                           statements=("H225, H319",)))
    salt = chemicals.save_product(ProductInput.with_cas("Sodium chloride", ["7647-14-5"]))
    chemicals.add_holding(HoldingInput(ether.id, room_id, "Solvent cabinet", 500, "mL"))
    chemicals.add_holding(HoldingInput(ethanol.id, room_id, "Solvent cabinet", 6, "L"))
    chemicals.add_holding(HoldingInput(salt.id, room_id, "Shelf", 1, "kg"))
    return room_id


def test_the_area_has_a_tab_per_register_and_adding_one_is_one_line(
        qtbot: Any, ctx: AppContext) -> None:
    assert [t.key for t in register_tabs()][:2] == ["chemicals", "exposure"]
    view = RegistersView(ctx)
    qtbot.addWidget(view)
    assert view.tabs.count() == len(register_tabs())
    assert [view.tabs.tabText(i) for i in range(2)] == ["Chemicals", "Exposure register"]
    assert isinstance(view.current_page(), ChemicalsView)
    assert view.focus_target() is view.current_page().filter_edit  # type: ignore[attr-defined]
    assert "exposure" not in view._pages  # built when first shown
    if HAS_EXPOSURE_VIEW:
        page = view.show_tab("exposure")
        assert view.tabs.currentWidget() is page and hasattr(page, "show_product")


def test_the_room_detail_lists_the_room_chemicals_and_litres(
        qtbot: Any, ctx: AppContext, lab: int) -> None:
    from vernetool.ui.organisation.rooms_view import RoomsView

    view = RoomsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.select_room(lab)
    box = view.detail.chemicals
    lines = [label.text() for label in box.findChildren(QLabel) if label.text()]
    assert "Diethyl ether · Solvent cabinet · 500 mL" in lines
    assert "Ethanol · Solvent cabinet · 6 L" in lines
    litres = box.findChild(QLabel, "flammableLitres")
    assert litres is not None
    # 0.5 L of cat. 1 (H224); 6 L of cat. 2 (H225) against the room card's 5 L
    assert "cat. 1 0.5 L" in litres.text() and "cat. 2 6 of max 5 L" in litres.text()
    assert litres.toolTip() == "More than the room card allows"
    assert view.detail.chemicals_button.isEnabled()


def test_the_room_detail_opens_the_register_filtered_to_the_room(
        qtbot: Any, ctx: AppContext, lab: int) -> None:
    ctx.settings.set("last_area", "rooms")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    rooms_view: Any = window.show_area("rooms")
    assert rooms_view.select_room(lab)
    rooms_view.detail.chemicals_button.click()
    assert window.current_area() == "registers"
    register: Any = window.show_area("registers").current_page()  # type: ignore[attr-defined]
    assert register.room_id == lab
    assert sorted(h.product_name for h in register.model.rows()) == [
        "Diethyl ether", "Ethanol", "Sodium chloride"]


def test_importing_chemicals_from_the_register_tab_refreshes_it(
        qtbot: Any, ctx: AppContext, lab: int, tmp_path: Path) -> None:
    """File → Import chemicals (the register tab's Import… runs the same action): the job
    runs off the GUI thread, the tab hears of the new holdings and the room not in this
    database is skipped and counted."""
    source = tmp_path / "kartotek.csv"
    source.write_text(
        "room;place;product;supplier;cas;hazard_statements;quantity;unit\n"
        "REALF:D2-110;Giftskap;Benzene;Merck;71-43-2;H225, H304, H340, H350;0,5;L\n"
        "REALF:D2-110;Syreskap;Acetone;VWR;67-64-1;H225 H319 og H336;2;L\n"
        "XYZ:999;Hylle;Acetone;VWR;67-64-1;H225;1;L\n", encoding="utf-8")
    ctx.settings.set("last_area", "registers")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    register: Any = window.show_area("registers").current_page()  # type: ignore[attr-defined]
    assert register.model.total() == 3
    assert "import:chemicals" in window.exchange.actions
    with qtbot.waitSignal(window.exchange.import_finished, timeout=20000) as blocker:
        assert window.exchange.start_import("chemicals", source) is not None
    result = blocker.args[0]
    assert (result.imported, result.skipped) == (2, 1)
    assert register.model.total() == 5
    register.cmr_check.setChecked(True)
    assert [h.product_name for h in register.model.rows()] == ["Benzene"]
    window.exchange.result_dialog.close()


def test_a_cmr_product_leads_to_its_exposure_entries(qtbot: Any, ctx: AppContext,
                                                     lab: int) -> None:
    benzene = ctx.services.chemicals.save_product(ProductInput.with_cas(
        "Benzene", ["71-43-2"], statements=("H225, H340, H350",)))
    holding = ctx.services.chemicals.add_holding(HoldingInput(benzene.id, lab, "Giftskap"))
    view = RegistersView(ctx)
    qtbot.addWidget(view)
    view.show()
    chemicals: Any = view.current_page()
    assert chemicals.select_id(holding.id)
    assert chemicals.detail.entries_button.isVisible()
    shown: list[int] = []
    chemicals.exposure_requested.connect(shown.append)
    chemicals.detail.entries_button.click()
    assert shown == [benzene.id]
    assert view.current_key() == "exposure"
