"""User-interface language: English source strings, translated by ``resources/i18n/<lang>/*.json``.

``tr("Rooms")`` returns "Rom" in Bokmål. Each area keeps its own catalog file (``nb/rooms.json``,
``nb/rounds.json`` ...), merged at load. Every literal passed to ``tr`` in ``vernetool.ui`` must
have a Norwegian entry (a test checks it), so the Norwegian interface stays complete.
Placeholders use ``str.format`` names: ``tr("{n} rooms").format(n=3)``.
"""

from __future__ import annotations

import json
import logging

from vernetool.paths import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
_language = SOURCE_LANGUAGE
_catalog: dict[str, str] = {}


def load_catalog(language: str) -> dict[str, str]:
    if language == SOURCE_LANGUAGE:
        return {}
    catalog: dict[str, str] = {}
    for path in sorted(resource_path("i18n", language).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.error("cannot read translations %s: %s", path, exc)
            continue
        catalog.update({str(k): str(v) for k, v in data.items()})
    return catalog


def set_language(language: str) -> None:
    global _language, _catalog
    _language = language
    _catalog = load_catalog(language)


def language() -> str:
    return _language


def tr(text: str) -> str:
    return _catalog.get(text, text)
