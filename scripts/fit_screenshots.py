"""Screenshots of the real app on a small screen, as a user sees it (window manager and all).

Run under an X server with a window manager, e.g.::

    Xvfb :5 -screen 0 1024x600x24 & DISPLAY=:5 openbox &
    DISPLAY=:5 .venv/bin/python scripts/fit_screenshots.py /tmp/screens/1024x600 nb

Opens the main window on a fresh demo database (no remembered geometry), shows every area
with a row selected, the walk on an item that asks for a value, the action plan, and the round
plan, finding, deviation and room card dialogs; saves the whole screen (``import -window
root``) as ``<prefix>-<what>.png``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def main() -> int:
    prefix, language = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "nb")
    Path(prefix).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="vernetool-fit-"))
    os.environ["VERNETOOL_DATA_DIR"] = str(tmp / "data")
    os.environ["VERNETOOL_CONFIG_DIR"] = str(tmp / "config")

    from PySide6.QtWidgets import QApplication

    from vernetool.app import Application
    from vernetool.demo.builder import build_demo
    from vernetool.settings import Settings

    db = tmp / "demo.sqlite"
    build_demo(db)
    qapp = QApplication(sys.argv[:1])
    settings = Settings(tmp / "config" / "settings.json")
    settings.set("language", language)
    app = Application(qapp, settings, language)
    assert app.open(db) and app.window is not None and app.ctx is not None
    window, ctx = app.window, app.ctx

    def settle(seconds: float = 1.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qapp.processEvents()
            time.sleep(0.02)

    def shot(name: str) -> None:
        settle()
        subprocess.run(["import", "-window", "root", f"{prefix}-{name}.png"], check=True)

    settle(1.5)
    for area in ("rooms", "persons", "rounds", "deviations", "statistics", "checklists"):
        page: Any = window.show_area(area)
        if area == "rooms":
            number = ctx.conn.execute(
                "SELECT r.number, r.id FROM room_card c JOIN room r ON r.id = c.room_id "
                "WHERE c.pictograms IS NOT NULL AND c.pictograms NOT IN ('', '[]') "
                "ORDER BY length(c.pictograms) DESC").fetchone()
            page.filter_edit.setText(number[0])
            page.apply_filter()
            page.select_id(number[1])
        elif hasattr(page, "select_row"):
            page.select_row(0)
        shot(area)
    rounds: Any = window.show_area("rounds")
    round_id = ctx.conn.execute("SELECT id FROM hse_round ORDER BY id").fetchone()[0]
    rounds.open_walk(round_id)
    walk = rounds.walk
    for index in range(walk.room_list.count()):
        walk.go_room(index)
        with_value = [n for n, row in enumerate(walk.state.rows) if row.has_value]
        if with_value:
            walk.checklist_part.set_current(with_value[0])
            break
    shot("walk")
    rounds.open_action_plan(round_id)
    shot("action-plan")
    rounds.show_list()

    from vernetool.db.organisation.rooms import get_room
    from vernetool.db.rounds.findings import findings_for_round
    from vernetool.ui.deviations.dialog import DeviationDialog
    from vernetool.ui.organisation.room_card_dialog import RoomCardDialog
    from vernetool.ui.rounds.finding_dialog import FindingDialog
    from vernetool.ui.rounds.plan.dialog import RoundPlanDialog

    room_id = ctx.conn.execute("SELECT room_id FROM room_card ORDER BY room_id").fetchone()[0]
    finding = next(f for (rid,) in ctx.conn.execute("SELECT id FROM hse_round")
                   for f in findings_for_round(ctx.conn, rid))
    dialogs = {
        "round-plan": lambda: RoundPlanDialog(ctx, None, window),
        "finding": lambda: FindingDialog(ctx, finding, window),
        "deviation": lambda: DeviationDialog(ctx, None, window),
        "room-card": lambda: RoomCardDialog(ctx, get_room(ctx.conn, room_id), window),
    }
    for name, make in dialogs.items():
        dialog = make()
        dialog.show()
        shot(name)
        dialog.reject()
        settle(0.3)
    window.close()
    ctx.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
