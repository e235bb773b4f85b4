"""The room screen on the university-scale database: open → filled, vs floors in the same run.

Two figures, each against its own floor, interleaved (so machine load hits both alike):

1. *The screen* (offscreen Qt): ``ui.rooms.open_room(main_window, ctx, room_id)`` for a
   busy lab, from the real main window on its Rooms area, timed from the call until the
   window shows the room's data and has painted (the data is read off the GUI thread,
   ``services.room_overview.screen_data``). The floor: a bare ``QDialog`` with a
   ``QTableWidget`` filled with the same lab's holdings (one raw SQL join), shown and
   painted. The first open of a session is timed apart, in fresh processes: right after
   the window is shown ("cold": the screen's modules and its services are imported then),
   and after the main window's warm-up has imported them (``WARM_UP_MS`` after showing).
2. *The data*: ``services.room_overview.screen_data(room_id)`` (room, people, card, proposed
   card and its comparison, chemicals, sources, agents, open deviations and findings, the
   room's problems) vs the raw SQL floor: the same rows read by plain indexed SELECTs
   (the room, its holdings with their products, sources, agent uses, open deviations, open
   findings) on a connection of its own.

Usage: python benchmarks/bench_room_open.py [--db BIG.sqlite] [--room B:R] [--repeat 15]
                                          [--first-runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.dont_write_bytecode = False  # as installed: the screen's modules load from bytecode

FLOOR_SQL = [
    "SELECT r.*, b.code FROM room r JOIN building b ON b.id = r.building_id WHERE r.id = ?",
    "SELECT h.id, p.name, p.supplier, h.place, h.quantity, h.unit, h.containers, "
    "p.pictograms FROM chemical_holding h JOIN chemical_product p ON p.id = h.product_id "
    "WHERE h.room_id = ? AND h.status = 'in_use' ORDER BY p.name",
    "SELECT * FROM radiation_source WHERE room_id = ? AND disposed_on IS NULL",
    "SELECT u.*, a.name FROM bio_agent_use u JOIN bio_agent a ON a.id = u.agent_id "
    "WHERE u.room_id = ? AND u.ended_on IS NULL",
    "SELECT * FROM deviation WHERE room_id = ? AND status NOT IN "
    "('closed', 'rejected', 'transferred')",
    "SELECT * FROM round_finding WHERE room_id = ? AND status = 'open'",
    "SELECT * FROM room_card WHERE room_id = ?",
]


def busy_lab(db: Path) -> tuple[int, str]:
    """The lab with most holdings in use among those with a source or an agent too."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT h.room_id, b.code || ':' || r.number FROM chemical_holding h "
            "JOIN room r ON r.id = h.room_id JOIN building b ON b.id = r.building_id "
            "WHERE h.status = 'in_use' AND (h.room_id IN (SELECT room_id FROM radiation_source)"
            " OR h.room_id IN (SELECT room_id FROM bio_agent_use)) "
            "GROUP BY h.room_id ORDER BY count(*) DESC, h.room_id LIMIT 1").fetchone()
    finally:
        conn.close()
    return int(row[0]), str(row[1])


def floor_data(db: Path, room_id: int) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return sum(len(conn.execute(sql, (room_id,)).fetchall()) for sql in FLOOR_SQL)
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--room", help="BUILDING:ROOM (default: the busiest lab with a "
                        "source or an agent)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--first-runs", type=int, default=3,
                        help="processes for the first open of a session (each kind)")
    parser.add_argument("--child", choices=("cold", "warm"), help=argparse.SUPPRESS)
    parser.add_argument("--room-id", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.db, args.room_id, args.child)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="vernetool-bench-") as tmp:
        os.environ["VERNETOOL_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["VERNETOOL_CONFIG_DIR"] = str(Path(tmp) / "config")
        db = args.db
        if db is None:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from make_big_db import make

            db = Path(tmp) / "big.sqlite"
            print("building the university-scale database ...", flush=True)
            make(db)
        room_id, label = busy_lab(db)
        if args.room:
            building, _, number = args.room.partition(":")
            conn = sqlite3.connect(db)
            room_id = int(conn.execute(
                "SELECT r.id FROM room r JOIN building b ON b.id = r.building_id "
                "WHERE b.code = ? AND r.number = ?", (building, number)).fetchone()[0])
            conn.close()
            label = args.room
        firsts: dict[str, list[float]] = {"cold": [], "warm": []}
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for n in range(args.first_runs + 1):  # the first pair warms the bytecode cache
            for kind in ("cold", "warm"):
                out = subprocess.run(
                    [sys.executable, __file__, "--db", str(db), "--room-id", str(room_id),
                     "--child", kind], env=env, capture_output=True, text=True, check=False,
                    timeout=120)
                lines = [x for x in out.stdout.splitlines() if x.startswith("{")]
                if out.returncode or not lines:
                    raise SystemExit(f"child {kind} failed: {out.stderr[-2000:]}")
                if n:
                    firsts[kind].append(float(json.loads(lines[-1])["first"]))
        return run(db, room_id, label, args.repeat, Path(tmp), firsts)


def setup(db: Path, tmp: Path) -> tuple[Any, Any, Any]:
    """The application, its context and the real main window on its Rooms area (as a
    person opens a room from there), shown."""
    from PySide6.QtWidgets import QApplication

    from vernetool.context import AppContext
    from vernetool.settings import Settings
    from vernetool.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    ctx = AppContext.open(db, Settings(tmp / "settings.json"))
    main_window = MainWindow(ctx)
    main_window.resize(1280, 800)
    main_window.show()
    app.processEvents()
    return app, ctx, main_window


def pump_until(app: Any, done: Callable[[], bool], timeout: float = 60.0) -> None:
    """Sleeps until an event comes (the read's result, a timer) and handles it, until
    ``done()``: a busy loop would take the GIL from the thread that reads the room."""
    from PySide6.QtCore import QEventLoop, QTimer

    wait = QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    end = time.monotonic() + timeout
    tick = QTimer()
    tick.start(50)  # wakes the wait now and then to look at ``done``
    while not done() and time.monotonic() < end:
        app.processEvents(wait)
    tick.stop()
    app.processEvents()  # the paint of what was just filled


def open_screen(app: Any, ctx: Any, main_window: Any, room_id: int) -> float:
    """``open_room`` → the window shows the room's data and has painted, in seconds."""
    from vernetool.ui.rooms.open_room import open_room

    start = time.perf_counter()
    window = open_room(main_window, ctx, room_id)
    pump_until(app, lambda: getattr(window, "data", None) is not None)
    took = time.perf_counter() - start
    window.close()
    window.deleteLater()
    app.processEvents()
    return took


def child(db: Path, room_id: int, kind: str) -> int:
    """One session's first open: ``cold`` right after the window is shown, ``warm`` after
    the main window's warm-up has imported the screen's modules."""
    with tempfile.TemporaryDirectory(prefix="vernetool-bench-") as tmp:
        app, ctx, main_window = setup(db, Path(tmp))
        if kind == "warm":
            pump_until(app, lambda: "vernetool.ui.rooms.room_window" in sys.modules, 20.0)
        else:
            assert "vernetool.ui.rooms.room_window" not in sys.modules
        took = open_screen(app, ctx, main_window, room_id)
        print(json.dumps({"first": took}), flush=True)
        ctx.close()
    return 0


def run(db: Path, room_id: int, label: str, repeat: int, tmp: Path,
        firsts: dict[str, list[float]]) -> int:
    from PySide6.QtWidgets import QDialog, QTableWidget, QTableWidgetItem, QVBoxLayout

    app, ctx, main_window = setup(db, tmp)

    def open_floor() -> float:
        start = time.perf_counter()
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = conn.execute(FLOOR_SQL[1], (room_id,)).fetchall()
        conn.close()
        dialog = QDialog(main_window)
        table = QTableWidget(len(rows), 8)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        QVBoxLayout(dialog).addWidget(table)
        dialog.resize(1100, 700)
        dialog.show()
        app.processEvents()
        took = time.perf_counter() - start
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
        return took

    services = ctx.services
    open_screen(app, ctx, main_window, room_id)  # imports the screen's modules
    first_floor = open_floor()
    screens, floors, data, data_floor = [], [], [], []
    for _ in range(repeat):
        screens.append(open_screen(app, ctx, main_window, room_id))
        floors.append(open_floor())
        start = time.perf_counter()
        result = services.room_overview.screen_data(room_id)
        data.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor_data(db, room_id)
        data_floor.append(time.perf_counter() - start)
    assert result is not None
    overview = result.overview
    counts = {key: len(overview[key]) for key in ("chemicals", "sources", "agents",
                                                  "open_deviations", "open_findings",
                                                  "problems")}
    ctx.close()
    load = os.getloadavg()
    print(f"room {label} (id {room_id}): " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    print(f"platform {os.environ['QT_QPA_PLATFORM']}, repeat {repeat}, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    def line(name: str, ours: list[float], floor: list[float]) -> None:
        a, b = statistics.median(ours), statistics.median(floor)
        print(f"{name:<44}{a * 1000:>8.1f} ms{b * 1000:>10.1f} ms{a / b:>8.2f} ×"
              f"   (min {min(ours) * 1000:.1f} / {min(floor) * 1000:.1f})")

    print(f"{'':<44}{'vernetool':>11}{'floor':>13}{'ratio':>9}")
    for kind, words in (("cold", "first open, right after start"),
                        ("warm", "first open, after the window's warm-up")):
        first = statistics.median(firsts[kind])
        print(f"{words:<44}{first * 1000:>8.1f} ms{first_floor * 1000:>10.1f} ms"
              f"{first / first_floor:>8.2f} ×   (runs: "
              + ", ".join(f"{t * 1000:.0f}" for t in firsts[kind]) + " ms; the floor's "
              "first of its session)")
    line("room screen, open → filled (median)", screens, floors)
    line("screen_data vs raw SQL (median)", data, data_floor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
