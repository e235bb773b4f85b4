"""Payload builders, one module per kind: ``payloads/<kind>.py`` with

    def build(conn, target, since_seq, upto_seq) -> Payload

called inside the write transaction that queues the bundle. It reads the records of its kind
changed in the change log's ``(since_seq, upto_seq]`` (``db.delivery.changes``; the last entry
of a record decides: its current state, or a tombstone) and lays them out per the target's
mapping. A module is imported only when a sync needs it.
"""

from __future__ import annotations

import importlib
import sqlite3
from typing import Protocol

from vernetool.domain.delivery.kinds import Sends
from vernetool.domain.delivery.model import Target
from vernetool.services.delivery.types import Payload


class Builder(Protocol):
    def __call__(self, conn: sqlite3.Connection, target: Target, since_seq: int,
                 upto_seq: int, /) -> Payload: ...


_registered: dict[Sends, Builder] = {}


def register(kind: Sends | str, builder: Builder) -> None:
    """Use ``builder`` for ``kind`` (tests, and kinds built elsewhere)."""
    _registered[Sends(kind)] = builder


def unregister(kind: Sends | str) -> None:
    _registered.pop(Sends(kind), None)


class NoBuilderError(LookupError):
    """No payload builder for a kind (its module is not there yet)."""


def builder_for(kind: Sends | str) -> Builder:
    """The builder of ``kind``: a registered one, else ``payloads/<kind>.py``'s ``build``."""
    kind = Sends(kind)
    found = _registered.get(kind)
    if found is not None:
        return found
    try:
        module = importlib.import_module(f"{__name__}.{kind.value}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{kind.value}":
            raise
        raise NoBuilderError(kind.value) from None
    build: Builder | None = getattr(module, "build", None)
    if build is None:
        raise NoBuilderError(kind.value)
    return build
