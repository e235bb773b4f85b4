"""The main window shell: status bar, menus reachable by keyboard, area shortcuts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.ui.shell.main_window import MainWindow, with_mnemonic


def test_view_menu_items_have_distinct_mnemonics_in_both_languages(
        qtbot: Any, ctx: AppContext) -> None:
    for language in ("nb", "en"):
        i18n.set_language(language)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        view_menu = window.menuBar().actions()[1].menu()
        texts = [a.text() for a in view_menu.actions() if not a.isSeparator()]
        keys = [t[t.index("&") + 1].lower() for t in texts]
        assert all("&" in t for t in texts), texts
        assert len(set(keys)) == len(keys), texts
        assert [a.shortcut().toString() for a in view_menu.actions()][:2] == [
            "Ctrl+1", "Ctrl+2"]
        assert str(ctx.db_path) in window.db_label.text()
    i18n.set_language("en")


def test_with_mnemonic_skips_taken_letters() -> None:
    used: set[str] = set()
    assert [with_mnemonic(t, used) for t in ("Rom", "Rapporter", "Registre", "HMS-runder")] \
        == ["&Rom", "R&apporter", "R&egistre", "&HMS-runder"]


def test_the_window_opens_with_the_cursor_in_the_area_filter(qtbot: Any,
                                                             ctx: AppContext) -> None:
    ctx.settings.set("last_area", "rooms")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.show_area("rooms")
    assert window.focusWidget() is page.filter_edit  # type: ignore[attr-defined]


def test_ctrl_digit_switches_area_and_takes_the_focus_along(qtbot: Any,
                                                            ctx: AppContext) -> None:
    ctx.settings.set("last_area", "rooms")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "persons"
    page = window.show_area("persons")
    assert window.focusWidget() is page.filter_edit  # type: ignore[attr-defined]


def test_f1_lists_the_keyboard_shortcuts(qtbot: Any, ctx: AppContext,
                                         monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    i18n.set_language("nb")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F1)
    i18n.set_language("en")
    assert len(shown) == 1
    assert "Ctrl+F" in shown[0] and "Gå til filterfeltet i området" in shown[0]
    assert "Insert" in shown[0] and "Tastatursnarveier" not in shown[0]


def test_insert_adds_a_person_as_it_adds_a_room(qtbot: Any, ctx: AppContext,
                                                monkeypatch: Any) -> None:
    from vernetool.ui.organisation.person_dialog import PersonDialog

    opened: list[str] = []
    monkeypatch.setattr(PersonDialog, "exec", lambda d: opened.append(d.windowTitle()) or 0)
    ctx.settings.set("last_area", "persons")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Insert)
    assert opened == ["New person"]


def test_the_tenth_area_is_annual_reporting_on_ctrl_0(qtbot: Any, ctx: AppContext) -> None:
    ctx.settings.set("last_area", "rooms")
    i18n.set_language("nb")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        titles = [window.nav.item(row).text() for row in range(window.nav.count())]
        assert titles[9] == "HMS-årsrapportering"
        # the whole title beside its icon: the list is wide enough for it
        assert window.nav.fontMetrics().horizontalAdvance(titles[9]) + 22 < window.nav.width()
        assert window.nav.item(9).toolTip() == "HMS-årsrapportering (Ctrl+0)"
        view_menu = window.menuBar().actions()[1].menu()
        shortcuts = [a.shortcut().toString() for a in view_menu.actions()]
        assert shortcuts[8:] == ["Ctrl+9", "Ctrl+0"]
        assert "Ctrl+10" not in " ".join(k for k, _ in window.shortcut_rows())
        assert window.shortcut_rows()[0][0] == "Ctrl+1 … Ctrl+9, Ctrl+0"
    finally:
        i18n.set_language("en")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "annual"
    page = window.show_area("annual")
    assert window.focusWidget() is page.focus_target()  # type: ignore[attr-defined]
