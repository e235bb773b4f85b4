"""Reports and charts take their words from vernetool.i18n in their own language (``--lang``),
whatever language the window shows."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from vernetool.i18n import language, set_language
from vernetool.reports.round_words import Words
from vernetool.stats import deviation_charts as charts


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language("en")


def test_report_words_follow_the_report_language_not_the_ui() -> None:
    set_language("en")
    words = Words("nb")
    assert words["unit"] == "Enhet" and words["rooms_n"].format(n=3) == "3 rom"
    assert words.code("severity", "high") == "Høy"  # shared with the UI's labels
    assert words.code("round_status", "in_progress") == "Pågår"
    # the app's word for an action not begun (the PDF once said "Åpen")
    assert words.code("action_status", "open") == "Ikke startet"
    assert Words("en").code("action_status", "open") == "Not started"
    assert words.code("answer", None) == "Ikke besvart"
    assert language() == "en"  # the UI's language is untouched
    set_language("nb")
    assert Words("en").code("severity", "high") == "High" and language() == "nb"


def test_chart_words_in_a_background_job() -> None:
    set_language("nb")
    with ThreadPoolExecutor(1) as pool:
        english = pool.submit(charts.words, "en").result()
    assert english["accident"] == "Accident/personal injury"
    assert english["sev5"] == "Catastrophic" and english["count"] == "Number"
    assert charts.words("nb")["accident"] == "Ulykke/personskade"
    assert charts.words("de") == english  # an unknown language: English
