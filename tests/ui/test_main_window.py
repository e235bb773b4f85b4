"""The main window shell: status bar, menus reachable by keyboard, area shortcuts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from vernetool.context import AppContext
from vernetool.ui import i18n
from vernetool.ui.main_window import MainWindow, with_mnemonic


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
