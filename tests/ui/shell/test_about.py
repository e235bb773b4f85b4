"""The About box says only what vernetool does (issue 8, point 11)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vernetool import __version__, i18n
from vernetool.ui.shell.about import about_text


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("lang", "promises"), [("en", ("register", "chemical", "radiation")),
                                                ("nb", ("regist", "kjemikal", "stråling"))])
def test_about_names_no_register_the_app_lacks(language: None, lang: str,
                                               promises: tuple[str, ...]) -> None:
    i18n.set_language(lang)
    text = about_text("/data/vernetool.sqlite")
    assert __version__ in text and "/data/vernetool.sqlite" in text
    assert not [word for word in promises if word in text.casefold()]
    assert ("HSE" if lang == "en" else "HMS") in text
