"""What the path to the first painted main window loads: nothing slow, and little at all.

One child process starts the real entry point (vernetool.cli.main → app.run_gui) exactly as
the ``vernetool`` command does -- nothing of Qt is imported before it, so the import order is
the real one -- and reports, once the main window has painted, what was loaded by then.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from vernetool.demo.builder import build_demo

HEAVY = ("pandas", "matplotlib", "sqlite_utils", "openpyxl", "reportlab", "numpy",
         "cryptography", "keyring")
# Loaded only when a dialog, a room's detail or an upgrade needs them.
NOT_AT_START = ("html", "importlib.resources", "vernetool.ui.common.buttons",
                "vernetool.ui.shell.first_start")  # a returning user is not asked
# The first time Python asks for a widget Qt made (a scroll area's viewport, say), PySide6
# builds the Python classes and enums of every QWidget subclass to find its type (~8 ms);
# these three are used nowhere near the first window, so they show whether that happened.
UNUSED_QT_CLASSES = ("QWizard", "QCalendarWidget", "QMdiArea")
# Dialog classes, named only inside the code that opens the dialogs.
DIALOG_CLASSES = ("QFileDialog", "QTextEdit", "QDialogButtonBox")
# vernetool modules imported by the first paint (50 on 2026-12-02, 52 after the merge of
# issue 8: screen_fit, flow_layout for the room detail): a new import on the
# start-up path should be a decision, not an accident.
MODULE_BUDGET = 54

# The probe is installed when PySide6.QtWidgets is first imported (by the app): it wraps
# QMainWindow.show so the window gets an event filter, and after the first paint reports.
PROBE = r"""
import importlib.util, json, os, sys

def report(widgets):
    names = [m for m in sys.modules if m.split(".")[0] == "vernetool"]
    print(json.dumps({{
        "title": next(w for w in widgets.QApplication.topLevelWidgets()
                      if isinstance(w, widgets.QMainWindow)).windowTitle(),
        "modules": sorted(names),
        "loaded": sorted(m for m in {heavy!r} + {not_at_start!r} if m in sys.modules),
        "qt_classes": sorted(c for c in {qt_classes!r} if c in vars(widgets)),
        "lazy": LAZY,
    }}), flush=True)
    os._exit(0)

def install_probe(widgets):
    global LAZY
    LAZY = not any(c in vars(widgets) for c in {qt_classes!r})  # classes built when named?
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        seen = False
        def eventFilter(self, obj, event):
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                QTimer.singleShot(0, lambda: report(widgets))
            return False

    probe = FirstPaint()
    show = widgets.QMainWindow.show
    def watched_show(window):
        window.installEventFilter(probe)
        show(window)
    widgets.QMainWindow.show = watched_show
    QTimer.singleShot(20000, lambda: os._exit(3))  # never hang the test run

class WhenQtWidgetsLoads:
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            install_probe(module)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, WhenQtWidgetsLoads())
from vernetool.cli import main
sys.exit(main(["--db", {db!r}, "--lang", "nb"]))
"""


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("first_paint")
    db = folder / "demo.sqlite"
    build_demo(db)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               VERNETOOL_DATA_DIR=str(folder / "data"),
               VERNETOOL_CONFIG_DIR=str(folder / "config"))
    # a returning user: on the very first start the name question opens its dialog right
    # after the first paint, before the probe reports
    (folder / "config").mkdir()
    (folder / "config" / "settings.json").write_text(
        json.dumps({"user_name": "Kari Nordmann"}), encoding="utf-8")

    code = PROBE.format(heavy=HEAVY, not_at_start=NOT_AT_START,
                        qt_classes=UNUSED_QT_CLASSES + DIALOG_CLASSES, db=str(db))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    assert "demo.sqlite" in result["title"]
    return result


def test_first_paint_loads_no_heavy_module(first_paint: dict[str, Any]) -> None:
    heavy = [m for m in first_paint["loaded"] if m in HEAVY]
    assert heavy == [], f"imported before the first paint: {heavy}"


def test_first_paint_leaves_dialog_helpers_for_later(first_paint: dict[str, Any]) -> None:
    early = [m for m in first_paint["loaded"] if m in NOT_AT_START]
    assert early == [], f"imported before the first paint: {early}"


def test_first_paint_imports_a_bounded_number_of_our_modules(
        first_paint: dict[str, Any]) -> None:
    modules = first_paint["modules"]
    assert len(modules) <= MODULE_BUDGET, f"{len(modules)} modules: {modules}"
    assert "vernetool.ui.organisation.rooms_view" in modules  # the probe saw the real window


def test_first_paint_builds_no_python_class_it_does_not_use(
        first_paint: dict[str, Any]) -> None:
    if not first_paint["lazy"]:
        pytest.skip("this PySide6 builds every class at import (no lazy loading)")
    assert first_paint["qt_classes"] == []
