"""Nothing slow to import sits on the path to the first painted main window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from vernetool.demo.builder import build_demo

HEAVY = ("pandas", "matplotlib", "sqlite_utils", "openpyxl", "reportlab", "numpy")

# Starts the real entry point (vernetool.cli.main → app.run_gui) in a fresh interpreter and
# reports, once the main window has painted, which of the heavy modules are loaded.
PROBE = r"""
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

qapp = QApplication(sys.argv[:1])  # the app reuses it (QApplication.instance())
HEAVY = {heavy!r}

def report():
    window = next(w for w in qapp.topLevelWidgets() if isinstance(w, QMainWindow))
    print(json.dumps({{"title": window.windowTitle(),
                      "heavy": sorted(m for m in HEAVY if m in sys.modules)}}), flush=True)
    os._exit(0)

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if (not self.seen and event.type() == QEvent.Type.Paint and obj.isWidgetType()
                and isinstance(obj.window(), QMainWindow)):
            self.seen = True
            QTimer.singleShot(0, report)
        return False

probe = FirstPaint()
qapp.installEventFilter(probe)
QTimer.singleShot(20000, lambda: os._exit(3))  # never hang the test run
from vernetool.cli import main
sys.exit(main(["--db", {db!r}, "--lang", "nb"]))
"""


def test_first_paint_loads_no_heavy_module(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    build_demo(db)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               VERNETOOL_DATA_DIR=str(tmp_path / "data"),
               VERNETOOL_CONFIG_DIR=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY, db=str(db))],
                         env=env, capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "demo.sqlite" in result["title"]
    assert result["heavy"] == [], f"imported before the first paint: {result['heavy']}"
