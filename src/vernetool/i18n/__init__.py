"""The one translation path (Qt-free) for the UI, reports, charts and CLI messages.

Two kinds of text:

- ``tr("Rooms")`` / ``trn("{n} room", "{n} rooms", n)``: English source strings, translated by
  the flat catalogs ``resources/i18n/<lang>/*.json`` (one file per area, merged at load). A
  plural entry is ``{"one": ..., "other": ...}``. Placeholders use ``str.format`` names.
- ``render("room.exists", room="KJ1:101")``: a *message code* with parameters, the words the
  domain, db and importers report (``ValidationError``, row errors). Its English text lives in
  ``resources/i18n/en/messages.json`` and every other language in ``<lang>/messages.json``.

The language is process-wide (``set_language``); a job that must write in another language
(a report in ``--lang``) uses ``using_language(lang)`` or a ``translator(lang)``; the override
is per thread/context, so a background job does not change the UI's words.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import string
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from types import MappingProxyType
from typing import Any

from vernetool.paths import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
LANGUAGES = ("nb", "en")
MESSAGES_FILE = "messages.json"

#: a catalog value: a translation, or plural forms {"one": ..., "other": ...}
Entry = str | Mapping[str, str]


def _read(path: Any) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.error("cannot read translations %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _entry(value: Any) -> Entry:
    if isinstance(value, dict):
        return MappingProxyType({str(k): str(v) for k, v in value.items()})
    return str(value)


def load_catalog(language: str) -> dict[str, Entry]:
    """The ``tr``/``trn`` catalog of ``language`` (empty for English, the source language)."""
    if language == SOURCE_LANGUAGE:
        return {}
    catalog: dict[str, Entry] = {}
    for path in sorted(resource_path("i18n", language).glob("*.json")):
        if path.name == MESSAGES_FILE:
            continue
        catalog.update({str(k): _entry(v) for k, v in _read(path).items()})
    return catalog


def load_messages(language: str) -> dict[str, Entry]:
    """The message-code catalog of ``language`` (``<lang>/messages.json``)."""
    path = resource_path("i18n", language, MESSAGES_FILE)
    if not path.exists():
        return {}
    return {str(k): _entry(v) for k, v in _read(path).items()}


def plural_form(language: str, n: int) -> str:
    """CLDR category of ``n``: Bokmål and English both have only one/other."""
    return "one" if abs(n) == 1 else "other"


def _pick(entry: Entry, n: int | None, language: str) -> str:
    if isinstance(entry, str):
        return entry
    form = plural_form(language, n if n is not None else 0)
    return entry.get(form) or entry.get("other") or next(iter(entry.values()), "")


class _Missing:
    """A placeholder without a value: shown as it is written instead of raising."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __format__(self, spec: str) -> str:
        return "{" + self.key + (":" + spec if spec else "") + "}"


class _Formatter(string.Formatter):
    """``str.format`` whose ``{n:,}`` groups digits as the language does (12 345 in Bokmål)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, int):
            return args[key] if key < len(args) else _Missing(str(key))
        return kwargs[key] if key in kwargs else _Missing(key)

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "date":
            return _date_text(value, self.language)
        text = format(value, format_spec)
        if self.language == "nb" and "," in format_spec and isinstance(value, int | float):
            text = text.replace(",", "\u00a0").replace(".", ",")
        return text


def date_text(day: dt.date, language: str) -> str:
    """A date as the house writes it everywhere (screens, reports, messages): 31.12.2026 in
    Bokmål, 2026-12-31 in English."""
    return day.strftime("%d.%m.%Y") if language == "nb" else day.isoformat()


def _date_text(value: Any, language: str) -> str:
    """``{latest:date}``: an ISO date (or a date) as ``date_text``; anything else as it is."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return date_text(day, language)


_Part = tuple[str, str | None, str | None, str | None]


@cache
def _compiled(template: str) -> tuple[_Part, ...] | None:
    """The template's parts (literal text, field name, format spec, conversion) for the fast
    path of ``render``, parsed once per template; None when only ``string.Formatter`` will
    do (a positional or dotted field, a field inside a spec, a syntax error)."""
    try:
        parts = tuple(string.Formatter().parse(template))
    except ValueError:
        return None
    for _literal, name, spec, _conversion in parts:
        if name is not None and (not name.isidentifier() or "{" in (spec or "")):
            return None
    return parts


class Translator:
    """The words of one language; immutable after loading, so any thread may use it."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._formatter = _Formatter(language)
        self._catalog = MappingProxyType(load_catalog(language))
        source = load_messages(SOURCE_LANGUAGE)
        own = load_messages(language) if language != SOURCE_LANGUAGE else {}
        self._messages = MappingProxyType({**source, **own})

    def tr(self, text: str) -> str:
        entry = self._catalog.get(text)
        if entry is None:
            return text
        return entry if isinstance(entry, str) else _pick(entry, None, self.language)

    def trn(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n`` (not yet formatted: ``.format(n=...)`` as with ``tr``)."""
        entry = self._catalog.get(singular)
        if isinstance(entry, Mapping):
            return _pick(entry, n, self.language)
        if isinstance(entry, str):
            return entry
        return singular if plural_form(self.language, n) == "one" else plural

    def has_message(self, code: str) -> bool:
        return code in self._messages

    def render(self, code: str, /, **params: Any) -> str:
        """The message ``code`` with ``params`` filled in; an unknown code shows itself.

        A parameter that is itself a message (has ``code`` and ``params``, e.g. a nested
        ``ValidationError``) is rendered first; ``n`` chooses a plural form.
        """
        entry = self._messages.get(code)
        if entry is None:
            log.warning("no text for message code %r", code)
            return code if not params else f"{code} {params}"
        count = params.get("n")
        template = _pick(entry, count if isinstance(count, int) else None, self.language)
        values = {k: self._value(v) for k, v in params.items()}
        parts = _compiled(template)
        if parts is None:
            return self._formatter.vformat(template, (), values)
        # What vformat does for named fields, without parsing the template again.
        formatter, out = self._formatter, []
        for literal, name, spec, conversion in parts:
            if literal:
                out.append(literal)
            if name is not None:
                value = values[name] if name in values else _Missing(name)
                if conversion is not None:
                    value = formatter.convert_field(value, conversion)
                out.append(formatter.format_field(value, spec or ""))
        return "".join(out)

    def _value(self, value: Any) -> Any:
        code = getattr(value, "code", None)
        params = getattr(value, "params", None)
        if isinstance(code, str) and isinstance(params, Mapping):
            return self.render(code, **params)
        return value


@cache
def translator(language: str) -> Translator:
    """The (cached, shared) translator of ``language``."""
    return Translator(language)


_active: Translator | None = None  # the process-wide language's translator, loaded lazily
_language = SOURCE_LANGUAGE
_override: contextvars.ContextVar[Translator | None] = contextvars.ContextVar(
    "vernetool_language", default=None)


def set_language(language: str) -> None:
    """The process-wide language (the UI's, or the CLI's ``--lang``)."""
    global _active, _language
    translator.cache_clear()  # catalogs are re-read, as a language switch always did
    _language, _active = language, None


def _current() -> Translator:
    global _active
    chosen = _override.get()
    if chosen is not None:
        return chosen
    if _active is None:
        _active = translator(_language)
    return _active


def language() -> str:
    return _current().language


@contextmanager
def using_language(language: str) -> Iterator[Translator]:
    """Within the block, this thread/context speaks ``language`` (others keep theirs)."""
    token = _override.set(translator(language))
    try:
        yield _override.get() or translator(language)
    finally:
        _override.reset(token)


def tr(text: str) -> str:
    return _current().tr(text)


def trn(singular: str, plural: str, n: int) -> str:
    return _current().trn(singular, plural, n)


def render(code: str, /, **params: Any) -> str:
    return _current().render(code, **params)
