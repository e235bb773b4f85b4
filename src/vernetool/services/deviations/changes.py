"""A write whose change notices are known only inside it (the id of a new record)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from vernetool.services.notifier import Change
from vernetool.services.store import Store


@contextmanager
def writing(store: Store, changes: list[Change]) -> Iterator[sqlite3.Connection]:
    """``store.write()``; the block appends to ``changes``, published after the commit (and
    not at all when the block fails or runs inside an outer write, which publishes its own)."""
    with store.write() as conn:
        yield conn
    if changes and not store.conn.in_transaction:
        store.publish(*changes)
