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
from vernetool.ui.common.labels import (
    format_count,
    format_date,
    format_decimal,
    format_number,
    parse_number,
)

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
    """Every number, date and time shown goes through ui/common/labels.py, so a language has
    one format."""
    own_format = re.compile(r"\bQLocale\b|strftime|:%[HMdmYy]|:[0-9.]*[gf]\}")
    offenders = [str(path.relative_to(UI)) for path in UI.rglob("*.py")
                 if path.name != "labels.py" and own_format.search(path.read_text())]
    assert offenders == []


@pytest.mark.parametrize(("lang", "text", "value"), [
    ("en", "1,200", 1200.0), ("nb", "1,200", 1.2), ("en", "48,5", 48.5), ("en", "48.5", 48.5),
    ("nb", "48,5", 48.5), ("nb", "48.5", 48.5), ("nb", "1\u00a0200,5", 1200.5),
    ("en", "13,002,501.95", 13_002_501.95), ("nb", "13 002 501,95", 13_002_501.95),
    ("en", "", None)])
def test_a_shown_number_reads_back_as_the_same_number(restore_language: None, lang: str,
                                                      text: str, value: float | None) -> None:
    i18n.set_language(lang)
    assert parse_number(text) == value


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_format_then_parse_round_trips(restore_language: None, lang: str) -> None:
    i18n.set_language(lang)
    for value in (0.5, 24.5, 1200.0, 1200.25, 13_002_501.95):
        assert parse_number(format_number(value)) == value


@pytest.mark.parametrize("text", ["12 kvm", "1,2,3", "nan", "inf", "²"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_no_english_text_carries_a_norwegian_number() -> None:
    """Examples like "e.g. 48,5" read wrong in English: they are formatted, not written in."""
    from tests.ui.shell.test_translations import tr_literals

    norwegian = re.compile(r"\d,\d|\d \d{3}\b")
    assert [text for text in tr_literals() if norwegian.search(text)] == []
