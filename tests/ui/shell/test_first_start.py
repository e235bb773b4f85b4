"""First start asks for the user's name once (issue 8, point 10): saved or skipped, remembered;
the history then records that name instead of the login name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from vernetool.context import AppContext
from vernetool.settings import Settings
from vernetool.ui.shell import first_start
from vernetool.ui.shell.name_dialog import NameDialog, ask_for_name


def _answer(qtbot: QtBot, act: Callable[[NameDialog], None]) -> list[NameDialog]:
    """Answer the modal dialog once it is open; returns the dialogs met."""
    seen: list[NameDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NameDialog):
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, answer)
    return seen


def _type_and_save(dialog: NameDialog) -> None:
    assert not dialog.save_button.isEnabled()  # nothing typed yet
    dialog.name_edit.setText("  Kari   Nordmann ")
    dialog.save_button.click()


def test_the_name_given_at_first_start_is_saved_and_recorded(qtbot: QtBot, tmp_path: Path,
                                                              db_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert first_start.should_ask(settings)
    seen = _answer(qtbot, _type_and_save)
    assert ask_for_name(settings) == "Kari Nordmann"
    assert len(seen) == 1
    again = Settings(tmp_path / "settings.json")  # as at the next start
    assert again.get("user_name") == "Kari Nordmann" and not first_start.should_ask(again)
    assert ask_for_name(again) is None  # no dialog: it would block the test
    ctx = AppContext.open(db_path, again, install_checklists=False)
    try:
        assert ctx.actor == "Kari Nordmann" and ctx.services.actor == "Kari Nordmann"
    finally:
        ctx.close()


def test_skipping_keeps_the_login_name_and_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    login = settings.user_name
    seen = _answer(qtbot, lambda dialog: dialog.skip_button.click())
    assert ask_for_name(settings) is None and len(seen) == 1
    again = Settings(tmp_path / "settings.json")
    assert again.get("user_name") == "" and again.user_name == login
    assert not first_start.should_ask(again)


def test_a_name_set_in_settings_is_never_asked_for(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.set("user_name", "Ola")
    assert not first_start.should_ask(settings)
    assert ask_for_name(settings) is None


def test_at_start_up_the_question_waits_for_the_windows_first_paint(qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    """Asked after the first paint, so it never slows the start-up (issue 8, point 12)."""
    settings = Settings(tmp_path / "settings.json")
    window = QMainWindow()
    qtbot.addWidget(window)
    first_start.ask_once_painted(settings, window)
    qapp = QApplication.instance()
    assert qapp is not None
    qapp.processEvents()
    assert QApplication.activeModalWidget() is None  # not shown: nothing painted yet
    seen = _answer(qtbot, _type_and_save)
    window.show()
    qtbot.waitUntil(lambda: settings.get("name_asked"), timeout=5000)
    assert len(seen) == 1 and settings.get("user_name") == "Kari Nordmann"
