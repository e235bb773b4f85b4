"""Every code a transport can give has its words in both languages, with the reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vernetool.domain.delivery.outcome import Failed, Retry, shorten
from vernetool.i18n import render, using_language

SOURCES = [Path(__file__).parents[3] / "src" / "vernetool" / part for part in (
    "domain/delivery/outcome.py", "services/delivery/transports/folder.py",
    "services/delivery/transports/http.py")]


def _codes() -> set[str]:
    found = set()
    for path in SOURCES:
        found |= set(re.findall(r'"(delivery\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    return found


def test_the_sources_name_the_codes() -> None:
    assert {"delivery.retry", "delivery.failed", "delivery.timeout",
            "delivery.http_refused", "delivery.conflict"} <= _codes()


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("code", sorted(_codes()))
def test_each_code_renders_with_its_reason(code: str, language: str) -> None:
    with using_language(language):
        words = render(code, reason="HTTP 400: severity missing")
    assert words != code and words.endswith("HTTP 400: severity missing")


def test_outcomes_default_to_the_general_codes_and_reasons_stay_one_short_line() -> None:
    assert Retry("x").code == "delivery.retry" and Failed("x").code == "delivery.failed"
    assert shorten("a\n  b\tc") == "a b c"
    assert len(shorten("x" * 1000)) == 300
