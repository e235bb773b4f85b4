"""Regenerate the README screenshots: the real main window on a fresh demo database.

Saves ``docs/screenshot-<area>.png`` (Norwegian, the default language) and
``docs/screenshot-<area>-en.png`` for every area of the main window. Without a display it
re-runs itself under Xvfb (``xvfb-run``). Usage: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SIZE = (1360, 820)


def _rerun_under_xvfb() -> int:
    if shutil.which("xvfb-run") is None:
        print("screenshots: no display and no xvfb-run (apt-get install xvfb xauth)",
              file=sys.stderr)
        return 1
    env = dict(os.environ, VERNETOOL_SCREENSHOTS_XVFB="1")
    return subprocess.call(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
                            sys.executable, __file__, *sys.argv[1:]], env=env)


def _prepare(page: object, key: str, conn: object) -> None:
    """Put a screen into a state that shows what it is for (a selected row, its detail)."""
    edit = getattr(page, "filter_edit", None)
    model = getattr(page, "model", None)
    select = getattr(page, "select_row", None)
    row = 0
    if key == "rooms" and edit is not None and model is not None:
        from vernetool.db.organisation.responsibilities import history
        from vernetool.domain.organisation import RoomType

        edit.setText("kj1")  # Kjemiblokk 1: labs, stores, offices
        getattr(page, "apply_filter", lambda: None)()
        special = (RoomType.LAB, RoomType.STORAGE)
        rows = [(n, item.room) for n, item in enumerate(model.rows())
                if item.room.type in special]
        changed = [n for n, room in rows if any(h.valid_to for h in history(conn, room.id))]
        row = (changed or [n for n, _ in rows] or [0])[0]  # a room whose responsible changed
    if key == "registers":  # the chemical register on a CMR product with its pictograms
        chemicals = page.page("chemicals")  # type: ignore[attr-defined]
        chemicals.filter_edit.setText("formaldehyde solution 37")
        chemicals.apply_filter()
        select = chemicals.select_row
    if key == "persons" and model is not None:
        from vernetool.domain.organisation import Role

        for n, item in enumerate(model.rows()):  # someone responsible for rooms
            person = getattr(item, "person", item)
            if Role.ROOM_RESPONSIBLE in getattr(person, "roles", ()):
                row = n
                break
    if key == "annual":  # a report under way, at a question the data answered
        form = page.form  # type: ignore[attr-defined]
        waiting = form.current.to_confirm() if form.current else []
        if waiting:
            form.go_to_question(waiting[0])
        return
    if callable(select):
        with contextlib.suppress(IndexError, ValueError):
            select(row)


def _settle(qapp: object, seconds: float = 1.5) -> None:
    """Let background work (statistics, thumbnails) finish and the results be painted."""
    import time

    from PySide6.QtCore import QThreadPool

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        qapp.processEvents()  # type: ignore[attr-defined]
        if QThreadPool.globalInstance().waitForDone(50):
            qapp.processEvents()  # type: ignore[attr-defined]
            if time.monotonic() > deadline - seconds + 0.3:
                break


def _wait_for_statistics(qapp: object, page: object, seconds: float = 60.0) -> None:
    """The statistics are computed off the GUI thread (not in the thread pool that
    ``_settle`` waits for): wait until the tables are filled and the charts are drawn."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        qapp.processEvents()  # type: ignore[attr-defined]
        if getattr(page, "stats", None) is not None and getattr(page, "canvases", None):
            break
        time.sleep(0.05)
    _settle(qapp, 0.5)


def main() -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("VERNETOOL_SCREENSHOTS_XVFB"):
        return _rerun_under_xvfb()
    # A short, stable folder: its path shows in the status bar of every screenshot.
    tmp = Path(tempfile.gettempdir()) / "vernetool-demo"
    shutil.rmtree(tmp, ignore_errors=True)
    os.environ["VERNETOOL_DATA_DIR"] = str(tmp / "data")
    os.environ["VERNETOOL_CONFIG_DIR"] = str(tmp / "config")

    from PySide6.QtWidgets import QApplication

    from vernetool.app import Application
    from vernetool.demo.builder import build_demo
    from vernetool.settings import Settings

    db = tmp / "demo.sqlite"
    build_demo(db)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("vernetool")
    DOCS.mkdir(exist_ok=True)
    written: list[Path] = []
    for language in ("nb", "en"):
        settings = Settings(tmp / "config" / "settings.json")
        settings.set("language", language)
        app = Application(qapp, settings, language)
        if not app.open(db):
            return 1
        window = app.window
        assert window is not None
        window.resize(*SIZE)
        for area in list(window._areas):
            page = window.show_area(area.key)
            _prepare(page, area.key, app.ctx.conn if app.ctx else None)
            _settle(qapp)
            if area.key == "statistics":
                _wait_for_statistics(qapp, page)
            suffix = "" if language == "nb" else "-en"
            path = DOCS / f"screenshot-{area.key}{suffix}.png"
            window.grab().save(str(path))
            written.append(path)
        window.close()
        if app.ctx is not None:
            app.ctx.close()
        qapp.processEvents()
    for path in written:
        print(path.relative_to(ROOT))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
