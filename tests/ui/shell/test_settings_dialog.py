"""Settings: the language switch rebuilds the window at once and survives a restart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from vernetool import i18n
from vernetool.app import Application
from vernetool.settings import Settings
from vernetool.ui.shell.settings_dialog import SettingsDialog


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def menu_titles(app: Application) -> list[str]:
    assert app.window is not None
    return [action.text() for action in app.window.menuBar().actions()]


@pytest.fixture
def application(qtbot: Any, settings: Settings, db_path: Path) -> Iterator[Application]:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    settings.set("last_area", "persons")  # keep the test to the screens it is about
    app = Application(qapp, settings, settings.language)
    assert app.open(db_path)
    yield app
    if app.window is not None:
        app.window.close()
        app.window.deleteLater()
    if app.ctx is not None:
        app.ctx.close()
    app.apply_language("en")


def test_switching_language_rebuilds_the_window_and_is_remembered(
        monkeypatch: pytest.MonkeyPatch, application: Application, settings: Settings) -> None:
    assert settings.language == "nb"  # Bokmål by default
    assert menu_titles(application)[0] == "&Fil"

    def choose_english(dialog: SettingsDialog) -> int:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
        dialog.user_edit.setText("Kari Nordmann")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SettingsDialog, "exec", choose_english)
    first_window = application.window
    assert first_window is not None
    first_window.show_area("rooms")
    first_window.open_settings()
    assert application.window is not first_window
    assert application.window is not None
    assert application.window.current_area() == "rooms"  # where the user was, not last start
    assert menu_titles(application)[:3] == ["&File", "&View", "&Help"]
    assert application.window is not None
    assert application.window.show_area("persons").count_label.text().endswith("people")

    stored = json.loads(settings.path.read_text(encoding="utf-8"))
    assert stored["language"] == "en"
    assert stored["user_name"] == "Kari Nordmann"
    again = Settings(settings.path)  # what the next start reads
    assert again.language == "en"
    assert again.user_name == "Kari Nordmann"
    assert application.ctx is not None and application.ctx.actor == "Kari Nordmann"


def test_back_to_bokmal(monkeypatch: pytest.MonkeyPatch, application: Application,
                        settings: Settings) -> None:
    settings.set("language", "en")
    application.apply_language("en")
    application.rebuild_window()
    assert menu_titles(application)[0] == "&File"

    def choose_bokmal(dialog: SettingsDialog) -> int:
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("nb"))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SettingsDialog, "exec", choose_bokmal)
    assert application.window is not None
    application.window.open_settings()
    assert menu_titles(application)[:3] == ["&Fil", "&Vis", "&Hjelp"]
    assert Settings(settings.path).language == "nb"


def test_unchanged_language_does_not_rebuild(qtbot: Any, settings: Settings) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.language_changed is False
    assert not settings.path.exists()  # nothing changed, nothing written


def test_data_folder_is_checked_and_saved(qtbot: Any, settings: Settings,
                                          tmp_path: Path) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("x", encoding="utf-8")
    dialog.data_dir_edit.setText(str(a_file))
    assert not dialog.save()
    assert dialog.error_label.text().startswith("Data folder:")
    dialog.data_dir_edit.setText("relative/folder")
    assert not dialog.save()
    folder = tmp_path / "hms-data"
    dialog.data_dir_edit.setText(str(folder))  # may not exist yet: created at the next start
    assert dialog.save()
    assert dialog.data_dir_changed
    assert Settings(settings.path).database_path() == folder / "vernetool.sqlite"
