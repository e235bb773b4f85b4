"""Helpers the commands share: opening the store named by --db, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.cli import CliError

if TYPE_CHECKING:
    from vernetool.services import Services

if TYPE_CHECKING:
    from vernetool.services import Services


def db_path(args: argparse.Namespace, *, must_exist: bool = True) -> Path:
    value = getattr(args, "db", None)
    if not value:
        raise CliError("cli.db_required")
    path = Path(value)
    if must_exist and not path.exists():
        raise CliError("cli.no_database", path=str(path))
    if path.is_dir():
        raise CliError("cli.db_is_folder", path=str(path))
    return path


@contextmanager
def open_services(args: argparse.Namespace, *, must_exist: bool = True) -> Iterator[Services]:
    """The services over the migrated store named by --db, closed when the command ends."""
    from vernetool.services.maintenance.opening import open_services as open_store_services

    with open_store_services(db_path(args, must_exist=must_exist), actor) as services:
        yield services


def problems_json(problems: Iterable[Any]) -> list[dict[str, str]]:
    """``services.checks`` problems as the ``check`` JSON lists them (DESIGN.md): code,
    room, subject and the message in the current language. A message is rendered once per
    distinct code and plain parameters: a university's 13,000 chemical problems name ~460
    products."""
    from vernetool.i18n import render

    rendered: dict[tuple[Any, ...], str] = {}
    found: list[dict[str, str]] = []
    for problem in problems:
        code, params = problem.message_code, problem.params
        # the parameters' types are part of the key: 1, 1.0 and True are equal but render
        # differently; only plain parameters are kept (a phrase renders as it is)
        try:
            key = (code, tuple(params.items()), tuple(map(type, params.values())))
            message = rendered.get(key)
        except TypeError:  # an unhashable parameter
            key, message = None, None
        if message is None:
            message = render(code, **params)
            if key is not None and _PLAIN.issuperset(key[2]):
                rendered[key] = message
        found.append({"code": problem.code._value_, "room": problem.room,
                      "subject": problem.subject, "message": message})
    return found


_PLAIN = frozenset({str, int, float, bool, type(None)})


def print_json(data: Any) -> None:
    """``data`` as ``json.dump(data, ensure_ascii=False, indent=2)`` writes it, and a newline.

    The same text, made ~10 × faster: ``json.dump`` with an indent runs the pure-Python
    encoder, which took ~0.15 s of ``vernetool check`` on a university (20,000 problems);
    here the strings and numbers go through the C encoder and the structure is joined, a
    list of flat records of texts (the problems) record by record in one expression."""
    out: list[str] = []
    _indented(data, "\n", out)
    out.append("\n")
    sys.stdout.write("".join(out))


_LEAF = encode_basestring  # a str as json.dump(ensure_ascii=False) writes it (C)
_ONLY_STR = frozenset({str})


def _flat_record(value: Any, inner: str) -> str | None:
    """A non-empty dict of str keys and str values as JSON, its members on lines indented
    by ``inner``; None for anything else."""
    if type(value) is not dict or not value or \
            not _ONLY_STR.issuperset({*map(type, value), *map(type, value.values())}):
        return None
    return ("{" + inner + ("," + inner).join(map(_member, value.items()))
            + inner[:-2] + "}")


def _member(item: tuple[str, str]) -> str:
    return _LEAF(item[0]) + ": " + _LEAF(item[1])


def _indented(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value`` as JSON indented by two spaces per level; ``newline`` is the line
    break with the indent of the value's own level."""
    if isinstance(value, str):
        out.append(_LEAF(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        record = _flat_record(value, inner)
        if record is not None:  # a flat record of texts (a problem, a holding): one join
            out.append(record)
            return
        first = True
        for key, item in value.items():
            out.append(("{" if first else ",") + inner + _key(key) + ": ")
            first = False
            _indented(item, inner, out)
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        members = inner + "  "
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            record = _flat_record(item, members)
            if record is None:
                _indented(item, inner, out)
            else:
                out.append(record)
        out.append(newline + "]")
    else:  # numbers, booleans, None; anything else fails as json.dump would
        out.append(json.dumps(value, ensure_ascii=False))


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _LEAF(key)
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]  # '{"1": 0}': as json names it


def actor() -> str:
    from vernetool.settings import Settings

    return Settings().user_name


def not_found(exc: LookupError) -> CliError:
    """A lookup that found nothing as a one-line error: its code when it has one."""
    code, params = getattr(exc, "code", None), getattr(exc, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        return CliError(code, **params)
    return CliError("cli.not_found", error=str(exc))


def open_identity_vault(services: Services) -> None:
    """Before a command that needs identity numbers in clear: a locked vault is opened by
    ``VERNETOOL_PASSPHRASE`` or the OS keyring (the vault tries both itself); at a terminal
    the passphrase is asked for, never echoed; in a script the error says how to give it."""
    from vernetool.services.chemicals.exposure import VaultStatus

    if services.exposure.vault_status() is not VaultStatus.LOCKED:
        return
    if not sys.stdin.isatty():
        raise CliError("cli.vault_locked")
    import getpass

    from vernetool.i18n import render

    services.exposure.unlock(getpass.getpass(render("cli.vault_prompt") + " "))
