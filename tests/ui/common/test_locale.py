"""One locale per language: numbers and dates in ui/ are formatted in one place (labels.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from vernetool import i18n
from vernetool.app import Application
from vernetool.settings import Settings
from vernetool.ui.common.labels import format_count, format_date, format_decimal, format_number

UI = Path(__file__).parents[3] / "src" / "vernetool" / "ui"


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = QLocale()
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


def test_english_numbers_are_english_and_bokmal_numbers_norwegian(restore_language: None
                                                                   ) -> None:
    i18n.set_language("en")
    assert format_number(0.5) == "0.5"
    assert format_number(13_002_501.95) == "13,002,501.95"
    assert format_count(1141) == "1,141"
    assert format_decimal(2_000_000.5) == "2,000,000.5"
    assert format_date(dt.date(2025, 12, 31)) == "2025-12-31"
    i18n.set_language("nb")
    assert format_number(0.5) == "0,5"
    assert format_number(13_002_501.95) == "13\u00a0002\u00a0501,95"
    assert format_count(1141) == "1\u00a0141"
    assert format_decimal(2_000_000.5) == "2\u00a0000\u00a0000,5"
    assert format_date(dt.date(2025, 12, 31)) == "31.12.2025"


def test_the_app_makes_the_language_locale_qts_default(qapp: QApplication, settings: Settings,
                                                        restore_language: None) -> None:
    """Spin boxes and Qt's own widgets follow QLocale's default: English was en_NO (0,5)."""
    app = Application(qapp, settings, "en")
    assert QLocale().toString(0.5) == "0.5"
    assert QLocale().toString(1234567) == "1,234,567"
    app.apply_language("nb")
    assert QLocale().toString(0.5) == "0,5"
    app.apply_language("en")


def test_no_screen_formats_numbers_with_its_own_locale() -> None:
    """Every number shown goes through ui/common/labels.py, so a language has one format."""
    offenders = [str(path.relative_to(UI)) for path in UI.rglob("*.py")
                 if path.name != "labels.py" and re.search(r"\bQLocale\b", path.read_text())]
    assert offenders == []
