"""``vernetool selftest``: a headless check that an installed or frozen build works.

Creates a temporary database, migrates it, builds the main window offscreen with every area,
writes a PDF, and prints OK. Used by CI on the PyInstaller build.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from vernetool.cli import CliError


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    subparsers.add_parser("selftest", help="headless check: database, main window, PDF")
    return ["selftest"]


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="vernetool-selftest-") as tmp:
        folder = Path(tmp)
        os.environ["VERNETOOL_CONFIG_DIR"] = str(folder / "config")
        _check_store_and_window(folder)
        _check_pdf(folder / "selftest.pdf")
    print("OK")
    return 0


def _check_store_and_window(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from vernetool import i18n
    from vernetool.context import AppContext
    from vernetool.services.organisation import Room, RoomType
    from vernetool.settings import Settings
    from vernetool.ui.shell.main_window import MainWindow

    ctx = AppContext.open(folder / "selftest.sqlite", Settings(folder / "settings.json"))
    try:
        if not ctx.services.maintenance.healthy():
            raise CliError("cli.selftest_migration")
        ctx.services.rooms.save(Room("SELF", "001", RoomType.LAB, "Selftest-lab"))
        qapp = QApplication.instance() or QApplication([])
        for language in ("nb", "en"):
            i18n.set_language(language)
            window = MainWindow(ctx)
            for area in window._areas:
                window.show_area(area.key)
            window.show()
            qapp.processEvents()
            if window.grab().isNull():
                raise CliError("cli.selftest_paint")
            window.close()
            window.deleteLater()
            qapp.processEvents()
    finally:
        ctx.close()


def _check_pdf(path: Path) -> None:
    from vernetool.reports.pdf import PageFrame, build_pdf, para, styles, table

    sheet = styles()
    story = [para("vernetool selftest — æøå ÆØÅ", sheet["Title"]),
             table(["Tiltak", "Ansvarlig", "Frist"],
                   [[f"<b>Tiltak {n}</b>", "Åse Ørn", "2026-12-31"] for n in range(60)])]
    build_pdf(path, story, PageFrame("vernetool selftest", lang="nb"))
    if not path.read_bytes().startswith(b"%PDF"):
        raise CliError("cli.selftest_pdf")
