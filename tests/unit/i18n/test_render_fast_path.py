"""``render`` fills a message's named fields without string.Formatter (its templates are
parsed once); the text is exactly what ``string.Formatter.vformat`` gives, for every message
of both languages and for the odd templates that still go through vformat."""

from __future__ import annotations

import string
from typing import Any

import pytest

from vernetool.i18n import Translator, _Formatter, load_messages, translator


def reference(language: str, template: str, values: dict[str, Any]) -> str:
    """As ``render`` did before its fast path."""
    return _Formatter(language).vformat(template, (), values)


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("value", [12345, 1.5, 1234567.25, "Aceton {x}", None])
def test_every_message_as_vformat_renders_it(language: str, value: Any) -> None:
    t = translator(language)
    messages = load_messages(language)
    assert len(messages) > 100
    for code, entry in messages.items():
        templates = [entry] if isinstance(entry, str) else list(entry.values())
        for template in templates:
            names = {name for _, name, _, _ in string.Formatter().parse(template)
                     if name and name.isidentifier()}
            values = {name: value for name in names if name != "n"}
            if isinstance(entry, str):
                try:
                    expected = reference(language, template, values)
                except (TypeError, ValueError):  # a spec this value cannot take
                    with pytest.raises((TypeError, ValueError)):
                        t.render(code, **values)
                    continue
                assert t.render(code, **values) == expected, code


@pytest.mark.parametrize("template, values, expected", [
    ("{room} har {n:,} L", {"room": "B:1", "n": 1234567}, "B:1 har 1\u00a0234\u00a0567 L"),
    ("{{literal}} {a!r} {b}", {"a": "x"}, "{literal} 'x' {b}"),
    ("{a.real} {0}", {"a": 3}, "3 {0}"),        # attribute and positional: vformat path
    ("{a:{w}}", {"a": 7, "w": 3}, "  7"),        # a field inside the spec: vformat path
])
def test_odd_templates(template: str, values: dict[str, Any], expected: str) -> None:
    t = Translator("nb")  # not the shared one
    t._messages = {**t._messages, "test.odd": template}  # type: ignore[assignment]
    assert t.render("test.odd", **values) == expected
    assert reference("nb", template, values) == expected
