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
from typing import NamedTuple

HEAVY = ("pandas", "matplotlib", "sqlite_utils", "openpyxl", "reportlab", "numpy")

# Runs in the child, which imports nothing of Qt itself before the code under test does: the
# probe is installed the moment PySide6.QtWidgets is first imported (a meta-path hook), so
# vernetool starts exactly as from its entry point -- its own QApplication, its own import
# order (PySide6 reads the source of every module imported after it, so the order matters).
# The probe watches the main window only: QMainWindow.show is wrapped so the window gets an
# event filter just before it is shown. (Until 2026-12-02 the child made the QApplication
# first and watched it with an application-wide Python event filter: that routes every event
# of every object through Python and makes PySide6 build the enums of every QObject
# subclass -- ~160, 30-50 ms -- the first time an object of a Qt-internal class such as
# QListWidget's model passes by: a cost the probe added to a real window and almost nothing
# to a bare one.) When the first paint of the main window has been processed, the child
# prints the time and what was loaded, and exits at once.
CHILD = r"""
import json, os, sys, time
import importlib.util

HEAVY = {heavy!r}

def report():
    loaded = sorted(m for m in HEAVY if m in sys.modules)
    ours = sum(1 for m in sys.modules if m.split(".")[0] == "vernetool")
    print(json.dumps({{"painted_at": time.monotonic(), "cpu": time.process_time(),
                      "heavy": loaded, "modules": ours}}), flush=True)
    os._exit(0)

def install_probe(widgets):
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        seen = False
        def eventFilter(self, obj, event):
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                QTimer.singleShot(0, report)  # after this round of painting is done
            return False

    probe = FirstPaint()
    def watched(show):
        def wrapper(window):
            window.installEventFilter(probe)
            show(window)
        return wrapper
    for name in ("show", "showNormal", "showMaximized", "showFullScreen"):
        setattr(widgets.QMainWindow, name, watched(getattr(widgets.QMainWindow, name)))

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
if {bare!r}:
    from PySide6.QtWidgets import QApplication, QMainWindow
    qapp = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1280, 800)
    window.show()
    sys.exit(qapp.exec())
else:
    from vernetool.cli import main
    sys.exit(main(["--db", {db!r}, "--lang", "nb"]))
"""


class Run(NamedTuple):
    seconds: float      # process start -> first paint, wall clock
    cpu: float          # CPU time of the process by then (user + system, all threads)
    heavy: list[str]
    modules: int        # vernetool modules imported by then


def run_once(db: Path, bare: bool, env: dict[str, str]) -> Run:
    code = CHILD.format(heavy=HEAVY, bare=bare, db=str(db))
    start = time.monotonic()  # CLOCK_MONOTONIC: the same clock in parent and child
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"child failed ({out.returncode}):\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return Run(result["painted_at"] - start, result["cpu"], result["heavy"], result["modules"])


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
        # A returning user, whose settings hold a name. On the very first start the name
        # question (ui/shell/first_start.py) opens right after the first paint, and its timer,
        # posted before the probe's, ran first: the probe then timed the import and showing
        # of the name dialog too (~10 % more, 2026-12-02).
        (folder / "config").mkdir()
        (folder / "config" / "settings.json").write_text(
            json.dumps({"user_name": "Bench User"}), encoding="utf-8")
        # An installed or frozen app runs from compiled bytecode: let the warm-up write it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        run_once(db, False, env)  # warm the disk cache and .pyc files for both
        run_once(db, True, env)
        ours_runs: list[Run] = []
        floor_runs: list[Run] = []
        for _ in range(args.runs):  # interleaved, so machine load hits both alike
            ours_runs.append(run_once(db, False, env))
            floor_runs.append(run_once(db, True, env))
    ours = [run.seconds for run in ours_runs]
    floor = [run.seconds for run in floor_runs]
    heavy = {module for run in ours_runs for module in run.heavy}
    modules = ours_runs[-1].modules
    ours_ms, floor_ms = statistics.median(ours) * 1000, statistics.median(floor) * 1000
    ours_cpu = statistics.median(run.cpu for run in ours_runs) * 1000
    floor_cpu = statistics.median(run.cpu for run in floor_runs) * 1000
    print(f"first paint, vernetool main window (30,000 rooms): {ours_ms:7.0f} ms "
          f"(median of {args.runs}; min {min(ours) * 1000:.0f})")
    print(f"first paint, bare PySide6 QMainWindow (floor):     {floor_ms:7.0f} ms "
          f"(median of {args.runs}; min {min(floor) * 1000:.0f})")
    print(f"ratio: {ours_ms / floor_ms:.2f} x (target <= 2); "
          f"ratios of the runs {min(o / f for o, f in zip(ours, floor, strict=True)):.2f}"
          f"-{max(o / f for o, f in zip(ours, floor, strict=True)):.2f} x")
    print(f"fastest runs (least disturbed by other load): {min(ours) * 1000:.0f} ms vs "
          f"{min(floor) * 1000:.0f} ms, ratio {min(ours) / min(floor):.2f} x")
    least_cpu = (min(run.cpu for run in ours_runs) / min(run.cpu for run in floor_runs))
    print(f"CPU time by the first paint (less sensitive to other load): {ours_cpu:.0f} ms vs "
          f"{floor_cpu:.0f} ms (medians), ratio {ours_cpu / floor_cpu:.2f} x; "
          f"least CPU of each side {least_cpu:.2f} x")
    print(f"vernetool modules imported at first paint: {modules}")
    print(f"heavy modules loaded at first paint: {', '.join(sorted(heavy)) or 'none'}")
    return 0 if not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
