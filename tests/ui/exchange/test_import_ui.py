"""File → Import/Export through the UI code path: worker thread, progress, result dialog."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.ui.common.task_runner import Cancelled, TaskRunner
from vernetool.ui.shell.main_window import MainWindow

PEOPLE_CSV = (
    "\ufeffNavn;E-post;Telefon;Enhet;Roller\n"
    "Åse Ødegård;ase@ntnu.no;735 94 120;IKJ;safety_rep\n"
    "Bjørn Æsøy;bjorn@ntnu.no;;IKJ;room_responsible,employee\n"
    "Uten Adresse;ikke-en-adresse;;IKJ;employee\n"
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def window(qtbot: Any, ctx: AppContext) -> MainWindow:
    ctx.settings.set("last_area", "persons")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_file_menu_imports_and_exports_every_kind(window: MainWindow) -> None:
    """File → Import ▸ and Export ▸, one entry per kind (each with its own mnemonic), and the
    DSA layout of the radiation sources under Export."""
    from PySide6.QtWidgets import QMenu

    from vernetool.exchange.registry import EXPORTERS, IMPORTERS

    file_menu = window.menuBar().actions()[0].menu()
    for direction, kinds in (("import", IMPORTERS), ("export", EXPORTERS)):
        submenu = file_menu.findChild(QMenu, f"{direction}Menu")
        assert submenu is not None and submenu.menuAction() in file_menu.actions()
        texts = [a.text() for a in submenu.actions() if not a.isSeparator()]
        assert len(texts) == len(kinds) + (direction == "export")   # + DSA
        mnemonics = [t[t.index("&") + 1].lower() for t in texts]
        assert len(set(mnemonics)) == len(mnemonics), texts
        for kind in kinds:
            assert f"{direction}:{kind}" in window.exchange.actions
    assert "export:sources:dsa" in window.exchange.actions
    # in Bokmål too, each entry of a submenu has its own letter
    from vernetool.ui.exchange.exchange_actions import ExchangeActions

    i18n.set_language("nb")
    try:
        menu = QMenu(window)
        ExchangeActions(window, window.ctx, menu)
        for submenu in menu.findChildren(QMenu):
            texts = [a.text() for a in submenu.actions() if not a.isSeparator()]
            mnemonics = [t[t.index("&") + 1].lower() for t in texts]
            assert len(set(mnemonics)) == len(mnemonics), texts
    finally:
        i18n.set_language("en")


def test_importing_people_shows_counts_errors_and_the_new_rows(
        qtbot: Any, window: MainWindow, ctx: AppContext, tmp_path: Path) -> None:
    source = tmp_path / "personer.csv"
    source.write_text(PEOPLE_CSV, encoding="utf-8")
    page = window.show_area("persons")
    assert page.model.total() == 0
    with qtbot.waitSignal(window.exchange.import_finished, timeout=10000) as blocker:
        runner = window.exchange.start_import("persons", source)
        assert runner is not None
    result = blocker.args[0]
    assert (result.imported, result.skipped) == (2, 0)
    dialog = window.exchange.result_dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.imported, dialog.skipped) == (2, 0)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "4"  # the row as the spreadsheet numbers it
    assert dialog.table.item(0, 1).text() == "E-mail"
    # The current area was refreshed: the imported people are in its model.
    assert sorted(p.name for p in page.model.rows()) == ["Bjørn Æsøy", "Åse Ødegård"]
    assert page.count_label.text() == "2 people"
    dialog.close()

    # Importing the same file again changes nothing.
    with qtbot.waitSignal(window.exchange.import_finished, timeout=10000) as blocker:
        window.exchange.start_import("persons", source)
    assert (blocker.args[0].imported, blocker.args[0].skipped) == (0, 2)


def test_an_unusable_file_is_reported_not_raised(qtbot: Any, window: MainWindow,
                                                 tmp_path: Path) -> None:
    source = tmp_path / "feil.csv"
    source.write_text("hei;og;hå\n1;2;3\n", encoding="utf-8")
    runner = window.exchange.start_import("rooms", source)
    assert runner is not None
    with qtbot.waitSignal(runner.finished, timeout=10000):
        pass
    box = window.exchange.error_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("feil.csv could not be processed")
    box.close()


def test_export_people_writes_json_off_the_gui_thread(qtbot: Any, window: MainWindow,
                                                      ctx: AppContext, tmp_path: Path) -> None:
    from vernetool.db.organisation import persons
    from vernetool.domain.organisation import Person

    persons.save_person(ctx.conn, Person("Chen Li", "chen@ntnu.no", unit_code="IBI"))
    out = tmp_path / "people.json"
    with qtbot.waitSignal(window.exchange.export_finished, timeout=10000) as blocker:
        window.exchange.start_export("persons", out, "json", include_personal_data=True)
    assert blocker.args == [1]
    assert json.loads(out.read_text(encoding="utf-8"))[0]["email"] == "chen@ntnu.no"
    assert "Exported 1 records" in window.statusBar().currentMessage()


def test_runner_reports_progress_and_cancel(qtbot: Any) -> None:
    seen: list[tuple[int, int]] = []
    worker_threads: list[threading.Thread] = []

    def job(progress: Any, cancelled: Any) -> None:
        worker_threads.append(threading.current_thread())
        progress(1, 10)
        deadline = time.monotonic() + 10
        while not cancelled():
            if time.monotonic() > deadline:
                return
            time.sleep(0.005)
        raise Cancelled()

    runner = TaskRunner(None, "t", "working", job, show_dialog=False)
    runner._signals.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(runner._signals.progress, timeout=5000):
        runner.start()
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.cancel()
    assert seen == [(1, 10)]
    assert not runner.running


def test_runner_passes_failures_back(qtbot: Any) -> None:
    def job(progress: Any, cancelled: Any) -> None:
        raise ValueError("broken file")

    runner = TaskRunner(None, "t", "working", job, show_dialog=False)
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start()
    assert str(blocker.args[0]) == "broken file"


def test_rows_for_rooms_not_held_are_told_apart_from_unchanged_rows(qtbot: Any) -> None:
    """A faculty-wide extract in a room responsible's database: the rows of other rooms are
    skipped, and the dialog says which rooms rather than calling them "unchanged"."""
    from PySide6.QtWidgets import QFrame, QLabel

    from vernetool.ui.exchange.import_result_dialog import ImportResultDialog

    data = {"imported": 3, "skipped": 9, "errors": [],
            "skipped_rooms": {"K4:110": 5, "K5:201": 1}}
    dialog = ImportResultDialog("Import chemicals", "extract.xlsx", data)
    qtbot.addWidget(dialog)
    assert dialog.unchanged == 3
    boxes = {box.objectName(): box.findChild(QLabel, "value").text()
             for box in dialog.findChildren(QFrame) if box.objectName().endswith("Box")}
    assert boxes["skippedBox"] == "3" and boxes["roomsBox"] == "6"
    note = dialog.findChild(QLabel, "skippedRooms")
    assert note is not None and not note.isHidden()
    assert "K4:110 (5), K5:201 (1)" in note.text()

    plain = ImportResultDialog("Import rooms", "rooms.csv",
                               {"imported": 0, "skipped": 4, "errors": []})
    qtbot.addWidget(plain)
    assert plain.findChild(QFrame, "roomsBox") is None
    assert plain.findChild(QLabel, "skippedRooms").isHidden()
