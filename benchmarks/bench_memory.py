"""Memory with every register open vs a bare PySide6 window (DESIGN.md: ≤ 3 ×).

Both sides run in fresh processes on the same Qt platform (``offscreen`` by default; with
``--xvfb`` each child runs under its own ``xvfb-run`` and the xcb platform). vernetool
starts through its real entry point (``vernetool.cli.main``) on the university-scale
database; once its main window is shown, the child opens the Rooms area, then the Registers
area and every register tab in turn (chemicals, exposure, sources, radiation workers,
biological agents, biological workers), letting each load (its first page, background
jobs: events processed for ``--settle`` seconds), then the Rooms area again. It reports the
resident set size after each step, the steady size at the end (after a garbage
collection and the settle time) and the peak (``VmHWM``). The floor is a bare
``QMainWindow`` of the same size, shown, with events processed for the same total time.

Usage: python benchmarks/bench_memory.py [--db BIG.sqlite] [--runs 3] [--settle 1.0] [--xvfb]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import gc, json, os, sys, time

SETTLE = {settle!r}
STEPS = {steps!r}

def status():
    found = {{}}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) * 1024
    return found

def settle(app):
    end = time.monotonic() + SETTLE
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)

def finish(app, steps):
    gc.collect()
    settle(app)
    now = status()
    print(json.dumps({{"steps": steps, "steady": now["VmRSS"], "peak": now["VmHWM"]}}),
          flush=True)
    os._exit(0)

if {bare!r}:
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1280, 800)
    window.show()
    steps = []
    for name in STEPS:
        settle(app)
        steps.append((name, status()["VmRSS"]))
    finish(app, steps)
else:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    show = QMainWindow.show

    def drive(window):
        app = QApplication.instance()
        steps = [("window shown", status()["VmRSS"])]
        for name in STEPS[1:]:
            area, _, tab = name.partition("/")
            page = window.show_area(area)
            if tab:
                view = getattr(page, "widget", page)  # the area adapter's view
                view.show_tab(tab)
            settle(app)
            steps.append((name, status()["VmRSS"]))
        finish(app, steps)

    def shown(window):
        show(window)
        if getattr(shown, "done", False):
            return
        shown.done = True
        QTimer.singleShot(0, lambda: drive(window))

    QMainWindow.show = shown
    from vernetool.cli import main
    sys.exit(main(["--db", {db!r}, "--lang", "nb"]))
"""

STEPS = ["window shown", "rooms", "registers/chemicals", "registers/exposure",
         "registers/sources", "registers/radiation_workers", "registers/bio_agents",
         "registers/bio_workers", "rooms"]


def run_once(db: Path, bare: bool, env: dict[str, str], settle: float, xvfb: bool
             ) -> dict[str, object]:
    code = CHILD.format(bare=bare, db=str(db), settle=settle, steps=STEPS)
    argv = [sys.executable, "-c", code]
    if xvfb:
        argv = ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", *argv]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300,
                         check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    result: dict[str, object] = json.loads(lines[-1])
    return result


def mib(n: float) -> str:
    return f"{n / 2 ** 20:.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a big database (default: made now)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=float, default=1.0,
                        help="seconds of event processing after each step")
    parser.add_argument("--xvfb", action="store_true", help="xcb under xvfb-run")
    args = parser.parse_args()
    if args.xvfb and shutil.which("xvfb-run") is None:
        raise SystemExit("xvfb-run is not installed")
    with tempfile.TemporaryDirectory(prefix="vernetool-bench-") as tmp:
        folder = Path(tmp)
        db = args.db
        if db is None:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from make_big_db import make

            db = folder / "big.sqlite"
            print("building the university-scale database ...", flush=True)
            make(db)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"),
                   VERNETOOL_DATA_DIR=str(folder / "data"),
                   VERNETOOL_CONFIG_DIR=str(folder / "config"))
        if args.xvfb:
            env.pop("QT_QPA_PLATFORM", None)
            env["QT_QPA_PLATFORM"] = "xcb"
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        (folder / "config").mkdir()
        (folder / "config" / "settings.json").write_text(
            json.dumps({"user_name": "Bench User"}), encoding="utf-8")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        run_once(db, False, env, args.settle, args.xvfb)  # warm-up (bytecode, page cache)
        ours: list[dict[str, object]] = []
        floor: list[dict[str, object]] = []
        for _ in range(args.runs):  # interleaved
            ours.append(run_once(db, False, env, args.settle, args.xvfb))
            floor.append(run_once(db, True, env, args.settle, args.xvfb))

    def med(runs: list[dict[str, object]], key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)  # type: ignore[arg-type]

    platform = "xcb under Xvfb" if args.xvfb else "offscreen"
    load = os.getloadavg()
    print(f"platform: {platform}; runs: {args.runs}; settle {args.settle} s per step; "
          f"load average {load[0]:.2f}")
    print("vernetool, resident set after each step (last run):")
    for name, value in ours[-1]["steps"]:  # type: ignore[attr-defined]
        print(f"  {name:<32}{mib(value):>10}")
    for key, words in (("steady", "steady (end, after gc)"), ("peak", "peak (VmHWM)")):
        a, b = med(ours, key), med(floor, key)
        print(f"{words:<24} vernetool {mib(a):>9}  bare window {mib(b):>9}  "
              f"ratio {a / b:.2f} × (target ≤ 3 ×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
