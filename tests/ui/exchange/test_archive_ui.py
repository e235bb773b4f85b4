"""File → Archive…: the dialog (identity numbers unticked by default, the warning that
changes with the choice) and the job off the GUI thread that writes the zip."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.ui.exchange.archive_dialog import ArchiveDialog
from vernetool.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def test_identity_numbers_are_left_out_unless_ticked(qtbot: Any, tmp_path: Path) -> None:
    dialog = ArchiveDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert not dialog.identity_box.isChecked()
    assert "left out" in dialog.warning.text()
    out, include = dialog.chosen()
    assert out.parent == tmp_path and out.suffix == ".zip" and include is False
    dialog.show()
    dialog.identity_box.setChecked(True)
    assert "in clear" in dialog.warning.text()
    # the longer warning makes the dialog grow: every line of it shown
    assert dialog.warning.height() >= dialog.warning.heightForWidth(dialog.warning.width())
    dialog.path_edit.setText(str(tmp_path / "mine"))
    assert dialog.chosen() == (tmp_path / "mine.zip", True)


def test_file_archive_writes_the_zip_in_the_background(qtbot: Any, ctx: AppContext,
                                                       tmp_path: Path) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    action = window.exchange.actions["archive"]
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    action.trigger()
    dialog = window.exchange.archive_dialog
    assert isinstance(dialog, ArchiveDialog) and dialog.isVisible()
    out = tmp_path / "out" / "archive.zip"
    out.parent.mkdir()
    dialog.path_edit.setText(str(out))
    dialog.buttons.accepted.emit()
    runner = window.exchange.runner
    assert runner is not None
    with qtbot.waitSignal(runner.finished, timeout=30000):
        pass
    with zipfile.ZipFile(out) as zf:
        assert "manifest.json" in zf.namelist() and "data/room.json" in zf.namelist()
    assert "Archive written to" in window.statusBar().currentMessage()
    assert sorted(p.name for p in out.parent.iterdir()) == ["archive.zip"]
