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
#: ``PRAGMA application_id`` of a vernetool database ("vntl"), set by migration 4; files of
#: schema 1-3 were written before it and have 0.
APPLICATION_ID = 0x766E746C
#: the first schema version that carries APPLICATION_ID
APPLICATION_ID_SINCE = 4

__all__ = ["APPLICATION_ID", "APPLICATION_ID_SINCE", "BUSY_TIMEOUT_MS", "ForeignDatabaseError",
           "StoreError", "atomic", "check_ours", "connect", "integrity_ok", "refuse_foreign"]


class ForeignDatabaseError(StoreError):
    """An SQLite file of another program (or with a schema vernetool never wrote): vernetool
    must not add its tables to it, nor even switch its journal mode."""

    def __init__(self, target: Path | str, detail: str) -> None:
        super().__init__(StoreProblem.NOT_A_DATABASE, f"{target}: {detail}", path=str(target))


def check_ours(conn: sqlite3.Connection, target: Path | str = "") -> None:
    """Raise ``ForeignDatabaseError`` unless the database is empty or one vernetool wrote:
    another program's application id, or tables without a schema version, are not ours."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        raise ForeignDatabaseError(target, f"application id {app_id:#x} is another program's")
    if current >= APPLICATION_ID_SINCE and app_id != APPLICATION_ID:
        raise ForeignDatabaseError(target, f"schema version {current} without vernetool's "
                                   "application id")
    if current <= 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise ForeignDatabaseError(target, f"schema version {current} but it holds tables")


def refuse_foreign(path: Path) -> None:
    """Raise ``ForeignDatabaseError`` when the file at ``path`` is another program's SQLite
    database, looking through a read-only connection, so that its bytes stay as they are
    (``connect`` would switch it to WAL). A missing, empty or unreadable file passes: opening
    it says what is wrong."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        check_ours(probe, path)
    except sqlite3.Error:
        return
    finally:
        probe.close()


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
