"""Opening a database file for a command: migrated, as services, closed afterwards."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vernetool.db.migrations import open_store
from vernetool.services import Services, Store

#: The connection type, for the commands that still run their own SQL helpers; they move to
#: services one by one and this goes when none is left.
Connection = sqlite3.Connection


@contextmanager
def open_services(path: Path, actor: Callable[[], str]) -> Iterator[Services]:
    """Open (creating if needed) and migrate the database at ``path``; closed on leaving."""
    store = Store.open(path, actor)
    try:
        yield Services(store)
    finally:
        store.close()


def open_connection(path: Path) -> Connection:
    """Open and migrate the database at ``path`` (the caller closes it)."""
    return open_store(path)
