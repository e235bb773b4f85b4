"""An uncaught exception is written to the log file and shown in a dialog, never lost."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QMessageBox

from vernetool import i18n, logging_setup
from vernetool.ui.shell import crash


@pytest.fixture
def installed(tmp_path: Path, qapp: Any) -> Iterator[Path]:
    i18n.set_language("en")
    log_file = logging_setup.configure(tmp_path / "logs")
    old_hook = sys.excepthook
    crash.install(log_file)
    yield log_file
    sys.excepthook = old_hook
    qInstallMessageHandler(None)  # back to Qt's default (pytest-qt re-installs its own per test)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_vernetool", False):
            root.removeHandler(handler)
            handler.close()


def test_uncaught_exception_is_logged_and_shown(monkeypatch: pytest.MonkeyPatch,
                                                installed: Path) -> None:
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        raise RuntimeError("the disk is on fire")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

    text = installed.read_text(encoding="utf-8")
    assert "uncaught exception" in text
    assert "RuntimeError: the disk is on fire" in text
    assert "Traceback" in text
    assert len(shown) == 1
    box = shown[0]
    assert box.windowTitle() == "Something went wrong"
    assert "RuntimeError: the disk is on fire" in box.text()
    assert str(installed) in box.informativeText()
    assert "Traceback" in box.detailedText()


def test_details_button_speaks_bokmal_not_qt_nynorsk(monkeypatch: pytest.MonkeyPatch,
                                                     installed: Path, qtbot: Any) -> None:
    i18n.set_language("nb")
    labels: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        qtbot.addWidget(box)
        box.show()
        button = next(b for b in box.buttons()
                      if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole)
        qtbot.waitUntil(lambda: button.text() == "Vis detaljer …")
        labels.append(button.text())
        button.click()
        qtbot.waitUntil(lambda: button.text() == "Skjul detaljer …")
        labels.append(button.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        raise RuntimeError("disken brenner")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    i18n.set_language("en")
    assert labels == ["Vis detaljer …", "Skjul detaljer …"]
