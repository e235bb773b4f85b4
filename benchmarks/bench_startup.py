"""Start-up: process start → first paint of vernetool's main window vs a bare QMainWindow.

Both run in fresh subprocesses (QT_QPA_PLATFORM=offscreen) several times; the figure is the
median. vernetool starts through its real entry point (``vernetool.cli.main``) on a
university-size database (30,000 rooms, 5,000 persons; made with make_big_db.py), so the
rooms area with its table is part of the first paint. The child also reports which heavy
modules were imported by then (the target is none).

Usage: python benchmarks/bench_startup.py [--db BIG.sqlite] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("pandas", "matplotlib", "sqlite_utils", "openpyxl", "reportlab", "numpy")

# Runs in the child. The QApplication is made first so the probe can watch it; the app
# reuses it (QApplication.instance()). When the first paint of a main window has been
# processed, the child prints the time and the heavy modules loaded, and exits at once.
CHILD = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

qapp = QApplication(sys.argv[:1])
HEAVY = {heavy!r}

def report():
    loaded = sorted(m for m in HEAVY if m in sys.modules)
    print(json.dumps({{"painted_at": time.monotonic(), "heavy": loaded}}), flush=True)
    os._exit(0)

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if (not self.seen and event.type() == QEvent.Type.Paint and obj.isWidgetType()
                and isinstance(obj.window(), QMainWindow)):
            self.seen = True
            QTimer.singleShot(0, report)  # after this round of painting is done
        return False

probe = FirstPaint()
qapp.installEventFilter(probe)
if {bare!r}:
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1280, 800)
    window.show()
    sys.exit(qapp.exec())
else:
    from vernetool.cli import main
    sys.exit(main(["--db", {db!r}, "--lang", "nb"]))
"""


def run_once(db: Path, bare: bool, env: dict[str, str]) -> tuple[float, list[str]]:
    code = CHILD.format(heavy=HEAVY, bare=bare, db=str(db))
    start = time.monotonic()  # CLOCK_MONOTONIC: the same clock in parent and child
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"child failed ({out.returncode}):\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["painted_at"] - start, result["heavy"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a big database (default: made now)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vernetool-bench-") as tmp:
        folder = Path(tmp)
        db = args.db
        if db is None:
            sys.path.insert(0, str(Path(__file__).parent))
            from make_big_db import make

            db = folder / "big.sqlite"
            make(db)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   VERNETOOL_DATA_DIR=str(folder / "data"),
                   VERNETOOL_CONFIG_DIR=str(folder / "config"))
        # An installed or frozen app runs from compiled bytecode: let the warm-up write it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        run_once(db, False, env)  # warm the disk cache and .pyc files for both
        run_once(db, True, env)
        ours: list[float] = []
        floor: list[float] = []
        heavy: set[str] = set()
        for _ in range(args.runs):  # interleaved, so machine load hits both alike
            seconds, loaded = run_once(db, False, env)
            ours.append(seconds)
            heavy.update(loaded)
            floor.append(run_once(db, True, env)[0])
    ours_ms, floor_ms = statistics.median(ours) * 1000, statistics.median(floor) * 1000
    print(f"first paint, vernetool main window (30,000 rooms): {ours_ms:7.0f} ms "
          f"(median of {args.runs}; min {min(ours) * 1000:.0f})")
    print(f"first paint, bare PySide6 QMainWindow (floor):     {floor_ms:7.0f} ms "
          f"(median of {args.runs}; min {min(floor) * 1000:.0f})")
    print(f"ratio: {ours_ms / floor_ms:.2f} x (target <= 2)")
    print(f"heavy modules loaded at first paint: {', '.join(sorted(heavy)) or 'none'}")
    return 0 if not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
