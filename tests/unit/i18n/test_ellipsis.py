"""One ellipsis style per language (issue 8 trial): the checklist screen's buttons read
"Ny…" and "Importer…" next to "Ny runde …" elsewhere, and English had both "Writing {name}…"
and "Writing {name} …". English sets "…" right after the word ("New room…"); Bokmål leaves
a space before it ("Nytt rom …")."""

from __future__ import annotations

import json
from pathlib import Path

I18N = Path(__file__).resolve().parents[3] / "resources" / "i18n"


def _entries(lang: str) -> list[tuple[str, str, str]]:
    rows = []
    for catalog in sorted((I18N / lang).glob("*.json")):
        for key, value in json.loads(catalog.read_text(encoding="utf-8")).items():
            if isinstance(value, str):
                rows.append((catalog.name, key, value))
    return rows


def test_english_puts_the_ellipsis_right_after_the_word() -> None:
    english = [(name, key) for name, key, _ in _entries("nb") if name != "messages.json"]
    english += [(name, value) for name, _, value in _entries("en")]
    spaced = [(name, text) for name, text in english if text.endswith(" …")]
    assert spaced == []


def test_bokmal_leaves_a_space_before_the_ellipsis() -> None:
    unspaced = [(name, value) for name, _, value in _entries("nb")
                if value.endswith("…") and not value.endswith(" …")]
    assert unspaced == []
