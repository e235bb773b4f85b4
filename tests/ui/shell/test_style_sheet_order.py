"""The application style sheet is set once the first window is built and before it shows:
building a screen under an application style sheet re-polishes every subtree each time a
widget is put into a parent (~3 % of start-up)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from vernetool.app import Application
from vernetool.settings import Settings
from vernetool.ui.shell import main_window, theme


@pytest.fixture
def qapp_without_sheet() -> Iterator[QApplication]:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    before = qapp.styleSheet()
    qapp.setStyleSheet("")  # as a fresh process starts
    yield qapp
    qapp.setStyleSheet(before)


def test_first_window_is_built_without_the_sheet_and_shown_with_it(
        qtbot: Any, qapp_without_sheet: QApplication, settings: Settings, db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sheet_while: dict[str, str] = {}
    build = main_window.MainWindow.__init__
    show = main_window.MainWindow.show

    def building(window: main_window.MainWindow, *args: Any, **kwargs: Any) -> None:
        sheet_while["built"] = qapp_without_sheet.styleSheet()
        build(window, *args, **kwargs)

    def showing(window: main_window.MainWindow) -> None:
        sheet_while["shown"] = qapp_without_sheet.styleSheet()
        show(window)

    monkeypatch.setattr(main_window.MainWindow, "__init__", building)
    monkeypatch.setattr(main_window.MainWindow, "show", showing)
    settings.set("last_area", "rooms")
    app = Application(qapp_without_sheet, settings, "en")
    assert app.open(db_path)
    assert app.window is not None
    qtbot.addWidget(app.window)
    assert sheet_while == {"built": "", "shown": theme.style_sheet()}
