"""The Annual reporting area on a copy of the demo database (its units, registers and annual
reports: last year's submitted, this year's started for a few units), built once per module."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.demo.builder import build_demo
from vernetool.settings import Settings
from vernetool.ui.annual.view import AnnualView

#: the demo's today: this year's reports (2025) under way, last year's (2024) submitted
TODAY = dt.date(2025, 11, 20)
YEAR = 2025


@pytest.fixture(scope="package")
def annual_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("annual") / "demo.sqlite"
    build_demo(path, seed=2024, today=TODAY)
    return path


@pytest.fixture
def demo(annual_demo: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "demo.sqlite"
    shutil.copy(annual_demo, path)
    i18n.set_language("en")
    context = AppContext.open(path, Settings(tmp_path / "settings.json"))
    yield context
    context.close()


@pytest.fixture
def view(qtbot: Any, demo: AppContext) -> AnnualView:
    page = AnnualView(demo, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    wait_read(page.form)
    return page


def wait_read(form: Any) -> None:
    """Until the unit's form is read (the registers are read off the GUI thread)."""
    deadline = time.monotonic() + 60
    while form.reading and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()
    assert not form.reading, "the unit's form was not read"
