"""SQLite errors sorted into the problems a person can act on and the ones that are bugs.

A *known* problem (the file is locked, read-only, on a full disk, unreadable, damaged, or not
a database) becomes a :class:`StoreError` with a ``code`` that ``vernetool.i18n`` turns into a
sentence. Anything else (a constraint we did not expect, an SQL mistake) is a bug and is
re-raised unchanged, so it reaches the crash dialog with its log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum


class StoreProblem(StrEnum):
    LOCKED = "locked"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    IO_ERROR = "io_error"
    CORRUPT = "corrupt"
    NOT_A_DATABASE = "not_a_database"
    CANNOT_OPEN = "cannot_open"
    NO_WAL = "no_wal"
    NEWER_SCHEMA = "newer_schema"
    MIGRATION_FAILED = "migration_failed"


class StoreError(Exception):
    """A known problem with the database file, told to the user as it is (no traceback).

    ``code`` names the problem (a :class:`StoreProblem`); ``detail`` is SQLite's own words or
    the path, kept for the log and shown below the sentence.
    """

    def __init__(self, code: StoreProblem, detail: str = "", **params: object) -> None:
        super().__init__(detail or code.value)
        self.code = code
        self.detail = detail
        self.params = params


# SQLite primary result codes (the low byte of an extended code), https://sqlite.org/rescode.html
_PRIMARY: dict[int, StoreProblem] = {
    5: StoreProblem.LOCKED,          # SQLITE_BUSY
    6: StoreProblem.LOCKED,          # SQLITE_LOCKED
    8: StoreProblem.READ_ONLY,       # SQLITE_READONLY
    10: StoreProblem.IO_ERROR,       # SQLITE_IOERR
    11: StoreProblem.CORRUPT,        # SQLITE_CORRUPT
    13: StoreProblem.DISK_FULL,      # SQLITE_FULL
    14: StoreProblem.CANNOT_OPEN,    # SQLITE_CANTOPEN
    26: StoreProblem.NOT_A_DATABASE, # SQLITE_NOTADB
}


def classify(exc: BaseException) -> StoreError | None:
    """The known problem behind ``exc``, or None when it is a bug (or not an SQLite error)."""
    if isinstance(exc, StoreError):
        return exc
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    problem = _PRIMARY.get(int(code) & 0xFF)
    if problem is None:
        return None
    known = StoreError(problem, str(exc))
    known.__cause__ = exc
    return known


@contextmanager
def known_errors() -> Iterator[None]:
    """Turn a known SQLite problem raised inside the block into a :class:`StoreError`."""
    try:
        yield
    except sqlite3.Error as exc:
        known = classify(exc)
        if known is None:
            raise
        raise known from exc
