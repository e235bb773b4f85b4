"""JSON from outside (templates, round bundles) checked against a declared shape before use.

A shape says, for every value, its type and its size: ``Text`` (a string of at most
``max_len`` characters, optionally one of ``choices`` or in a ``form``: a date, a timestamp, a
sha256), ``Whole``, ``Number``, ``Flag``, ``Items`` (a list of at most ``max_items``) and
``Obj`` (named fields, some ``required``). ``check`` raises a ``SchemaError`` naming the path
of the first value that does not fit (``rooms[3].status``), so nothing further down has to
guess at types: no ``int(None)``, no list where a string was meant, no 5 MB title.

``loads`` reads JSON text and refuses nesting deeper than a limit with a clear error (Python's
parser recurses and raises ``RecursionError`` on ``[[[[...]]]]``; that is caught too).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vernetool.domain.errors import Phrase, ValidationError

MAX_DEPTH = 32  # our formats nest 7 levels at most


class SchemaError(ValidationError):
    """A value that does not fit its shape; the sentence starts with its ``path``
    (``rooms[3].status``), ``field`` is "file"."""

    def __init__(self, code: str, path: str, /, **params: Any) -> None:
        super().__init__(code, "file", path=path or "$", **params)
        self.path = path


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_timestamp(text: str) -> bool:
    match = _TIMESTAMP.match(text)
    return bool(match) and _is_date(text[:10])


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}"
                        r"(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
FORMS: dict[str, Callable[[str], bool]] = {
    "date": _is_date,
    "timestamp": _is_timestamp,
    "sha256": lambda text: bool(_SHA256.match(text)),
    "extension": lambda text: bool(re.match(r"^(\.[a-z0-9]{1,8})?$", text)),
}


@dataclass(frozen=True)
class Text:
    max_len: int = 200
    nullable: bool = False
    choices: frozenset[str] | None = None
    form: str | None = None          # a key of FORMS


@dataclass(frozen=True)
class Whole:
    minimum: int | None = None
    maximum: int | None = None
    nullable: bool = False


@dataclass(frozen=True)
class Number:
    nullable: bool = False


@dataclass(frozen=True)
class Flag:
    """true/false, or 0/1 (what SQLite gives for a comparison)."""

    nullable: bool = False


@dataclass(frozen=True)
class Items:
    of: Shape
    max_items: int


@dataclass(frozen=True)
class Obj:
    fields: Mapping[str, Shape]
    required: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Either:
    """The first of ``shapes`` the value fits (``room_types``: a list or a comma text)."""

    shapes: tuple[Shape, ...]


Shape = Text | Whole | Number | Flag | Items | Obj | Either


def _kind(code: str) -> Phrase:
    return Phrase(f"schema.kind.{code}")


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def check(shape: Shape, value: object, path: str = "") -> None:
    """Return when ``value`` fits ``shape``; else raise ``SchemaError`` for the first misfit."""
    if value is None:
        if isinstance(shape, Text | Whole | Number | Flag) and shape.nullable:
            return
        if isinstance(shape, Either) and any(check_ok(s, None) for s in shape.shapes):
            return
        raise SchemaError("schema.null", path)
    if isinstance(shape, Text):
        _text(shape, value, path)
    elif isinstance(shape, Whole):
        if not isinstance(value, int) or isinstance(value, bool):
            raise SchemaError("schema.wrong_type", path, expected=_kind("whole"))
        if (shape.minimum is not None and value < shape.minimum) or (
                shape.maximum is not None and value > shape.maximum):
            low = "…" if shape.minimum is None else shape.minimum
            high = "…" if shape.maximum is None else shape.maximum
            raise SchemaError("schema.out_of_range", path, value=_short(value),
                              range=f"{low}–{high}")
    elif isinstance(shape, Number):
        if not isinstance(value, int | float) or isinstance(value, bool) or (
                isinstance(value, float) and not math.isfinite(value)):
            raise SchemaError("schema.wrong_type", path, expected=_kind("number"))
    elif isinstance(shape, Flag):
        if value not in (True, False, 0, 1) or isinstance(value, float):
            raise SchemaError("schema.wrong_type", path, expected=_kind("flag"))
    elif isinstance(shape, Items):
        if not isinstance(value, list):
            raise SchemaError("schema.wrong_type", path, expected=_kind("list"))
        if len(value) > shape.max_items:
            raise SchemaError("schema.too_many", path, n=len(value), limit=shape.max_items)
        for index, entry in enumerate(value):
            check(shape.of, entry, _at(path, index))
    elif isinstance(shape, Obj):
        _object(shape, value, path)
    else:
        for option in shape.shapes:
            if check_ok(option, value):
                return
        check(shape.shapes[0], value, path)  # the error the first shape gives


def check_ok(shape: Shape, value: object) -> bool:
    try:
        check(shape, value)
    except SchemaError:
        return False
    return True


def _text(shape: Text, value: object, path: str) -> None:
    if not isinstance(value, str):
        raise SchemaError("schema.wrong_type", path, expected=_kind("text"))
    if len(value) > shape.max_len:
        raise SchemaError("schema.too_long", path, n=len(value), limit=shape.max_len)
    if shape.choices is not None and value not in shape.choices:
        raise SchemaError("schema.not_a_choice", path, value=_short(value),
                          choices=", ".join(sorted(shape.choices)))
    if shape.form is not None and not FORMS[shape.form](value):
        raise SchemaError("schema.wrong_form", path, value=_short(value),
                          expected=_kind(shape.form))


def _object(shape: Obj, value: object, path: str) -> None:
    if not isinstance(value, dict):
        raise SchemaError("schema.wrong_type", path, expected=_kind("object"))
    for name in sorted(shape.required - set(value)):
        raise SchemaError("schema.missing", _at(path, name))
    for name, entry in value.items():
        inner = shape.fields.get(name)
        if inner is not None:
            check(inner, entry, _at(path, name))


def nesting_depth(data: object, limit: int = MAX_DEPTH) -> int:
    """How deep lists and objects nest in parsed JSON (iteratively: no recursion of ours can
    overflow); stops counting past ``limit``."""
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: list[object] | None = None
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, dict | list))
    return deepest


def loads(text: str | bytes, *, field_name: str, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses nesting deeper than ``max_depth`` with a clear error, also
    when Python's parser itself gives up (``RecursionError`` on ``[[[[...]]]]``); a syntax
    error stays ``json.JSONDecodeError``."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise SchemaError("schema.too_deep", field_name, limit=max_depth) from None
    if nesting_depth(data, max_depth) > max_depth:
        raise SchemaError("schema.too_deep", field_name, limit=max_depth)
    return data
