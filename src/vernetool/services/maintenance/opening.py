"""Opening a database file for a command: migrated, as services, closed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vernetool.services import Services, Store


@contextmanager
def open_services(path: Path, actor: Callable[[], str]) -> Iterator[Services]:
    """Open (creating if needed) and migrate the database at ``path``; closed on leaving."""
    store = Store.open(path, actor)
    try:
        yield Services(store)
    finally:
        store.close()


def remove_new_database(path: Path) -> None:
    """Remove a database file this command has just created (and its WAL and shared-memory
    files), when what it was created for failed: only ever for a path that did not exist
    before the command."""
    for suffix in ("-wal", "-shm", "-journal", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
