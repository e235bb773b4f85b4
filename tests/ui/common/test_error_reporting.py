"""reported(): a known database problem becomes a message; a bug goes on to the crash dialog."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from vernetool import i18n
from vernetool.services.errors import StoreError, StoreProblem
from vernetool.ui.common import error_reporting
from vernetool.ui.common.error_reporting import reported


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_a_store_error_becomes_a_message_box(qtbot: Any, boxes: list[QMessageBox]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    error = StoreError(StoreProblem.DISK_FULL, "database or disk is full")
    with reported(parent) as outcome:
        raise error
    assert not outcome and outcome.error is error
    assert len(boxes) == 1
    box = boxes[0]
    assert box.text() == "The disk is full: nothing was saved. Free some space and try again."
    assert box.windowTitle() == "Could not save"
    assert box.detailedText() == "database or disk is full"
    assert box.icon() is QMessageBox.Icon.Warning and box.parent() is parent


def test_the_message_is_in_the_persons_language(qtbot: Any,
                                                boxes: list[QMessageBox]) -> None:
    i18n.set_language("nb")
    try:
        with reported(None, "Kan ikke importere"):
            raise StoreError(StoreProblem.LOCKED)
    finally:
        i18n.set_language("en")
    assert boxes[0].windowTitle() == "Kan ikke importere"
    assert boxes[0].text().startswith("Databasen er opptatt")


def test_a_finished_block_is_ok_and_shows_nothing(boxes: list[QMessageBox]) -> None:
    with reported(None) as outcome:
        pass
    assert outcome and outcome.error is None and boxes == []


def test_a_bug_propagates_without_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[StoreError] = []
    monkeypatch.setattr(error_reporting, "show_store_error",
                        lambda _parent, error, _title=None: shown.append(error))
    with pytest.raises(RuntimeError, match="a bug"), reported(None):
        raise RuntimeError("a bug")
    assert shown == []
