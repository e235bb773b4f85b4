"""Opening the SQLite store with the pragmas every connection needs, and ``atomic()``."""

from __future__ import annotations

import itertools
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from vernetool.db.errors import StoreError, StoreProblem, classify

log = logging.getLogger(__name__)

#: How long a statement waits for another connection's write lock. A bulk import holds it
#: only for its final write (a second or two for 100,000 rows, more on a slow laptop), so an
#: edit that meets it waits and succeeds; ``atomic()`` tries ``BEGIN IMMEDIATE`` again
#: ``BEGIN_TRIES`` times before calling the database locked.
BUSY_TIMEOUT_MS = 20_000
BEGIN_TRIES = 3
_SQLITE_BUSY = 5

__all__ = ["BUSY_TIMEOUT_MS", "StoreError", "atomic", "connect", "integrity_ok"]


def connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    """Open a connection: WAL, ``synchronous = FULL``, foreign keys on, a busy timeout.

    The connection runs in autocommit mode (``isolation_level=None``) so every statement
    outside ``atomic()`` is committed at once: an edit is on disk when the call returns, and
    with ``synchronous = FULL`` it also survives a power cut (in WAL mode NORMAL may lose the
    last commits when the power goes).
    """
    target = Path(path)
    try:
        if read_only:
            uri = f"{target.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(StoreProblem.CANNOT_OPEN, f"{target}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal" and str(target) != ":memory:":
                raise StoreError(StoreProblem.NO_WAL,
                                 f"{target}: the database cannot use write-ahead logging",
                                 path=str(target))
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        known = classify(exc)
        if known is None or known.code is StoreProblem.NOT_A_DATABASE:
            known = StoreError(StoreProblem.NOT_A_DATABASE,
                               f"{target} is not a vernetool database ({exc})", path=str(target))
        raise known from exc
    except StoreError:
        conn.close()
        raise
    return conn


_savepoint_ids = itertools.count(1)


def _undo(conn: sqlite3.Connection, *statements: str) -> None:
    """Roll back while SQLite is still in a transaction; a failure here is only logged, so
    the error that made us roll back is the one that comes out."""
    try:
        for statement in statements:
            if conn.in_transaction:
                conn.execute(statement)
    except sqlite3.Error as exc:
        log.error("%s failed: %s", statements[0], exc)


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All-or-nothing: the block's writes are committed together or not at all.

    The outermost call starts ``BEGIN IMMEDIATE`` (the write lock is taken at once, so a busy
    database fails here and not half-way); a nested call is a uniquely named savepoint, so an
    inner failure undoes only the inner part. A rollback is issued only while SQLite is still
    in a transaction (it ends one by itself on some errors, e.g. a full disk), and a COMMIT that
    fails is rolled back, never left open. Known problems come out as :class:`StoreError`.
    """
    if conn.in_transaction:
        name = f"atomic_{next(_savepoint_ids)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            _undo(conn, f"ROLLBACK TO {name}", f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    _begin_immediate(conn)
    try:
        yield conn
    except BaseException as exc:
        _undo(conn, "ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            _reraise(exc)
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _undo(conn, "ROLLBACK")
        _reraise(exc)


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock, waiting (busy timeout) up to ``BEGIN_TRIES`` times for another
    connection's write to end."""
    for attempt in range(1, BEGIN_TRIES + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.Error as exc:
            busy = getattr(exc, "sqlite_errorcode", None) == _SQLITE_BUSY
            if not busy or attempt == BEGIN_TRIES:
                _reraise(exc)
            log.warning("the database is busy; waiting again for the write lock (%d)", attempt)


def _reraise(exc: sqlite3.Error) -> NoReturn:
    """Raise the known problem behind ``exc`` (caused by it), or ``exc`` unchanged (a bug)."""
    known = classify(exc)
    if known is None:
        raise exc
    raise known from exc


def integrity_ok(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
