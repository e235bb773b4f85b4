"""Storage segregation on screen: the warning in the product detail's "This holding", the
register's "Storage problems" filter, the room detail's one line; and the safety data
sheets' age limit in Settings (This database) changing which sheets show as old."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint
from PySide6.QtWidgets import QLabel

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db.organisation import rooms
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.organisation import Room, RoomType
from vernetool.ui.common.labels import locale_for
from vernetool.ui.registers.chemicals.chemicals_view import ChemicalsView
from vernetool.ui.shell.settings_dialog import SettingsDialog

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
    ids["lab"], _ = rooms.save_room(ctx.conn, Room("KJ1", "204", RoomType.LAB,
                                                   "Organisk syntese", "2", 40.0, None))
    ids["quiet"], _ = rooms.save_room(ctx.conn, Room("KJ1", "206", RoomType.LAB,
                                                     "Analyselab", "2", 30.0, None))
    chemicals = ctx.services.chemicals
    for name, statements in [("Potassium permanganate", "H272, H302, H410"),
                             ("Acetone", "H225, H319, H336"), ("Ethanol", "H225, H319"),
                             ("Heptane", "H225, H304, H315, H336, H410"),
                             ("Hexane", "H225, H304, H315, H336, H361f, H373, H411"),
                             ("Methanol", "H225, H301+H311+H331, H370"),
                             ("Toluene", "H225, H304, H315, H336, H361d, H373"),
                             ("Sodium chloride", "")]:
        ids[name] = chemicals.save_product(ProductInput(name, "", (), (statements,))).id
    for name in ("Potassium permanganate", "Acetone", "Ethanol", "Heptane", "Hexane",
                 "Methanol", "Toluene"):
        ids[f"{name}@cabinet"] = chemicals.add_holding(HoldingInput(
            ids[name], ids["lab"], "Brannskap 1", 1, "L")).id
    ids["salt@shelf"] = chemicals.add_holding(HoldingInput(
        ids["Sodium chloride"], ids["lab"], "Hylle", 1, "kg")).id
    ids["acetone@quiet"] = chemicals.add_holding(HoldingInput(
        ids["Acetone"], ids["quiet"], "Brannskap 1", 1, "L")).id
    # an SDS revised four years before TODAY: old under the default limit of 3 years
    ctx.services.safety_data_sheets.link(ids["Sodium chloride"], "https://example.org/sds",
                                         dt.date(2021, 3, 1), "en")
    return ids


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, data: dict[str, int]) -> ChemicalsView:
    widget = ChemicalsView(ctx, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


def _warning(view: ChemicalsView) -> str:
    notice = view.detail.storage_notice
    return view.detail.storage_text.text() if notice.isVisible() else ""


def test_the_detail_warns_about_the_place_naming_classes_and_products(
        view: ChemicalsView, data: dict[str, int]) -> None:
    assert view.select_id(data["Acetone@cabinet"])
    text = _warning(view)
    assert "Storage problem in Brannskap 1" in text
    # the shown product first and in bold on its side; a handful, then how many more
    assert ("Oxidiser beside flammable: Potassium permanganate / <b>Acetone</b>; Ethanol; "
            "Heptane; Hexane; Methanol and 1 more") in text
    assert view.select_id(data["Potassium permanganate@cabinet"])
    assert ("<b>Potassium permanganate</b> / Acetone; Ethanol; Heptane; Hexane; Methanol "
            "and 1 more") in _warning(view)
    assert view.select_id(data["salt@shelf"])
    assert _warning(view) == ""                     # a quiet shelf of the same room
    assert view.select_id(data["acetone@quiet"])
    assert _warning(view) == ""                     # acetone, but no oxidiser there


def test_the_warning_in_bokmal_and_gone_once_the_oxidiser_is_disposed(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    i18n.set_language("nb")
    view = ChemicalsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    assert view.select_id(data["Ethanol@cabinet"])
    text = _warning(view)
    assert "Feil samlagring i Brannskap 1" in text
    assert "Oksiderende sammen med brannfarlig: Potassium permanganate / " in text
    assert "og 1 til" in text and "Lagre dem atskilt" in text
    ctx.services.chemicals.dispose_holding(data["Potassium permanganate@cabinet"], TODAY)
    qtbot.waitUntil(lambda: _warning(view) == "")   # the view hears of the change


def test_the_storage_problems_filter(qtbot: Any, view: ChemicalsView,
                                     data: dict[str, int]) -> None:
    assert view.count_label.text() == "9 holdings"
    view.problems_check.setChecked(True)
    names = [(h.product_name, h.room_label) for h in view.model.rows()]
    assert len(names) == 7 and ("Sodium chloride", "KJ1:204") not in names
    assert ("Acetone", "KJ1:206") not in names
    assert view.count_label.text() == "7 holdings"
    qtbot.keyClicks(view.filter_edit, "meth")
    qtbot.waitUntil(lambda: view.model.filter.text == "meth")
    assert [h.product_name for h in view.model.rows()] == ["Methanol"]
    view.filter_edit.clear()
    qtbot.waitUntil(lambda: view.model.filter.text == "")
    view.show_room(data["quiet"])
    assert view.model.rows() == []
    assert view.detail.empty.text() == "No storage place holds incompatible products."
    view.problems_check.setChecked(False)
    assert [h.product_name for h in view.model.rows()] == ["Acetone"]


def test_the_room_detail_has_one_line_with_a_count(
        qtbot: Any, ctx: AppContext, data: dict[str, int]) -> None:
    from vernetool.ui.organisation.rooms_view import RoomsView

    acid = ctx.services.chemicals.save_product(ProductInput("Saltsyre 37 %", "", (),
                                                            ("H290, H314, H335",)))
    lye = ctx.services.chemicals.save_product(ProductInput("Natronlut 50 %", "", (),
                                                           ("H290, H314",)))
    for product in (acid, lye):
        ctx.services.chemicals.add_holding(HoldingInput(product.id, data["lab"], "Syreskap",
                                                        1, "L"))
    view = RoomsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.select_room(data["lab"])
    line = view.detail.chemicals.findChild(QLabel, "storageProblems")
    assert line is not None
    assert line.text().replace("\u200b", "") == (
        "2 storage problems: Brannskap 1 (oxidiser beside flammable); "
        "Syreskap (acid beside base)")
    assert "Saltsyre 37 % / Natronlut 50 %" in line.toolTip()
    assert "Potassium permanganate / Acetone" in line.toolTip()
    assert view.select_room(data["quiet"])
    assert view.detail.chemicals.findChild(QLabel, "storageProblems") is None or \
        not view.detail.chemicals.findChild(QLabel, "storageProblems").isVisible()


def test_the_room_detail_line_in_bokmal(qtbot: Any, ctx: AppContext,
                                        data: dict[str, int]) -> None:
    from vernetool.ui.organisation.rooms_view import RoomsView

    i18n.set_language("nb")
    view = RoomsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.select_room(data["lab"])
    line = view.detail.chemicals.findChild(QLabel, "storageProblems")
    assert line is not None
    assert line.text().replace("\u200b", "") == (
        "1 feil samlagring: Brannskap 1 (oksiderende sammen med brannfarlig)")


def _sds_problems(view: ChemicalsView) -> str:
    label = view.detail.sds_problems
    return label.text() if label.isVisible() else ""


def test_the_sds_age_in_settings_changes_which_sheets_are_old(
        qtbot: Any, ctx: AppContext, view: ChemicalsView, data: dict[str, int]) -> None:
    assert view.select_id(data["salt@shelf"])
    assert "Older than 3 years" in _sds_problems(view)
    dialog = SettingsDialog(ctx.settings, None, current_database=ctx.db_path,
                            chemicals=ctx.services.chemicals)
    qtbot.addWidget(dialog)
    assert dialog.database_group is not None and dialog.sds_age_spin is not None
    assert dialog.database_group.title() == "This database"
    assert dialog.sds_age_spin.value() == 3 and dialog.sds_age_spin.suffix() == " years"
    dialog.sds_age_spin.setValue(5)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert ctx.services.chemicals.sds_max_age_years() == 5
    qtbot.waitUntil(lambda: _sds_problems(view) == "")      # four years: no longer old
    assert view.shown_holding() is not None and view.shown_holding().id == data["salt@shelf"]
    ctx.services.chemicals.set_sds_max_age_years(2)
    qtbot.waitUntil(lambda: "Older than 2 years" in _sds_problems(view))


def test_the_settings_dialog_says_what_is_the_databases(qtbot: Any, ctx: AppContext) -> None:
    i18n.set_language("nb")
    dialog = SettingsDialog(ctx.settings, None, current_database=ctx.db_path,
                            chemicals=ctx.services.chemicals)
    qtbot.addWidget(dialog)
    assert dialog.database_group is not None and dialog.sds_age_spin is not None
    assert dialog.database_group.title() == "Denne databasen"
    assert dialog.personal_group.title() == "For deg, på denne datamaskinen"
    texts = " ".join(label.text() for label in dialog.database_group.findChildren(QLabel))
    assert ctx.db_path.name in texts and "ikke bare for deg" in texts
    dialog.sds_age_spin.setValue(1)
    assert dialog.sds_age_spin.suffix() == " år"
    dialog.reject()
    assert ctx.services.chemicals.sds_max_age_years() == 3      # cancelled: unchanged
    plain = SettingsDialog(ctx.settings, None)
    qtbot.addWidget(plain)
    assert plain.database_group is None                          # no database: no group


def test_the_main_window_opens_settings_with_the_database_group(
        qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from vernetool.ui.shell.main_window import MainWindow

    seen: list[SettingsDialog] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda d: seen.append(d) or 0)
    ctx.settings.set("last_area", "persons")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_settings()
    assert seen and seen[0].database_group is not None


def test_the_settings_dialog_is_not_squeezed_on_a_short_screen(qtbot: Any,
                                                                ctx: AppContext) -> None:
    """Qt sizes a new dialog to at most two thirds of the screen: on the 1024 × 600 netbook
    the help texts were cut; the dialog asks for its full height (scrolling if it must)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    small = next(s for s in QGuiApplication.screens() if s.name() == "small")
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.move(small.availableGeometry().topLeft() + QPoint(20, 20))
    parent.show()
    qtbot.waitExposed(parent)
    dialog = SettingsDialog(ctx.settings, parent, current_database=ctx.db_path,
                            chemicals=ctx.services.chemicals)
    dialog.move(small.availableGeometry().topLeft() + QPoint(30, 30))  # as a window manager
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.screen() is small
    wanted = dialog.sizeHint().height()
    assert wanted > small.availableGeometry().height() * 2 // 3   # the case that was cut
    assert dialog.height() >= min(wanted, small.availableGeometry().height() - 40)
    assert dialog.geometry().bottom() <= small.availableGeometry().bottom()
    dialog.reject()


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_check_boxes_go_under_the_filter_box_when_narrow(
        qtbot: Any, ctx: AppContext, data: dict[str, int], language: str) -> None:
    i18n.set_language(language)
    view = ChemicalsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.show()
    qtbot.waitExposed(view)
    assert view.bar.indexOf(view.filter_boxes) >= 0
    assert view.filter_edit.width() >= 220
    view.resize(840, 560)           # the area on a 1024 px screen, beside the navigation
    qtbot.waitUntil(lambda: view.second_row.indexOf(view.filter_boxes) >= 0)
    qtbot.waitUntil(lambda: view.filter_edit.width() >= 220)
    assert view.problems_check.isVisible()
    view.resize(1300, 600)
    qtbot.waitUntil(lambda: view.bar.indexOf(view.filter_boxes) >= 0)
    assert view.second_row.count() == 0
