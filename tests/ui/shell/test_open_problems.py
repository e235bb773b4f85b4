"""Opening a file that is not a usable database tells the person why, in their words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from vernetool import i18n
from vernetool.app import Application
from vernetool.settings import Settings


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The file is not a vernetool database."),
    ("nb", "Filen er ikke en vernetool-database."),
])
def test_a_file_that_is_not_a_database_is_described_not_dumped(
        tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch,
        lang: str, sentence: str) -> None:
    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"this is a shopping list, not SQLite\n" * 200)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, text: shown.append(text))
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    app = Application(qapp, settings, lang)
    try:
        assert app.open(garbage) is False
    finally:
        app.apply_language("en")
    assert app.window is None and app.ctx is None
    assert len(shown) == 1 and sentence in shown[0] and str(garbage) in shown[0]
    assert "file is not a database" not in shown[0]  # SQLite's own words stay in the log
    assert i18n.language() == "en"
