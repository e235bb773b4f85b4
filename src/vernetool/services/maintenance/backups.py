"""Backup and restore of the database file.

A restore checks the candidate completely before it touches anything, on a private copy made
next to the target (what was checked is exactly what goes in):

1. a non-empty SQLite file (its header);
2. intact: all the pages its header counts, ``PRAGMA integrity_check`` ok, no broken
   references;
3. vernetool's: the application id, or 0 for files of schema 1-3 written before it existed;
4. a schema version between 1 and this vernetool's newest;
5. every table, column, index, trigger and view a database of that version has (compared
   with the migrations applied to an empty database);
6. brought up to this version's schema (the copy, not the target).

Only then is the current database kept in ``backups/`` beside it (as before a migration),
SQLite is asked to let go of it (nobody else may have it open; its WAL is folded in and
removed), and the copy replaces it with one ``os.replace``. A refused restore leaves the
target byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from vernetool.db import restore as files
from vernetool.db.backup import copy_database
from vernetool.db.errors import StoreError
from vernetool.db.migrations import (
    APPLICATION_ID,
    APPLICATION_ID_SINCE,
    NewerSchemaError,
    latest_version,
)

log = logging.getLogger(__name__)

_SQLITE_CORRUPT = 11  # the primary result code of "database disk image is malformed"


class RestoreProblem(StrEnum):
    EMPTY = "empty"                    # a file of 0 bytes
    NOT_SQLITE = "not_sqlite"          # not an SQLite database file at all
    NOT_A_DATABASE = "not_a_database"  # SQLite cannot read it
    DAMAGED = "damaged"                # the integrity check failed
    FOREIGN = "foreign"                # another program's SQLite database
    NO_VERSION = "no_version"          # a schema version no vernetool database has
    NEWER_SCHEMA = "newer_schema"      # written by a newer vernetool
    INCOMPLETE = "incomplete"          # tables or columns of its version are missing
    NOT_UPDATABLE = "not_updatable"    # cannot be brought up to this version's schema
    IN_USE = "in_use"                  # the target is open in another program


class RestoreRefused(Exception):
    """The backup cannot be restored; nothing was changed. ``params`` fill the message."""

    def __init__(self, problem: RestoreProblem, detail: str = "", **params: Any) -> None:
        super().__init__(detail or problem.value)
        self.problem = problem
        self.detail = detail
        self.params: dict[str, Any] = params


@dataclass(frozen=True)
class Restored:
    target: Path
    previous: Path | None  # where the replaced database was kept, None when there was none
    from_version: int      # the backup's schema version (migrated since when older)


def backup(source: Path, out: Path) -> None:
    """A consistent copy of the database at ``source`` written to ``out`` (a new file)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    copy_database(source, out)


def check_backup(source: Path) -> int:
    """Raise ``RestoreRefused`` unless ``source`` can be restored; returns its schema version.
    Works on a private copy in a temporary folder: ``source`` is only read."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="vernetool-check-") as folder:
        copy = Path(folder) / "candidate.sqlite"
        return _checked_copy(source, copy)


def restore(source: Path, target: Path) -> Restored:
    """Replace the database at ``target`` with the backup ``source`` after checking it
    completely (see the module docstring). Raises ``RestoreRefused`` with ``target`` as it
    was, byte for byte."""
    folder_made = not target.parent.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = files.temp_path_beside(target)
    try:
        version = _checked_copy(source, temp)
        backups_made = not (target.parent / "backups").exists()
        previous = files.backup_before_restore(target)
        try:
            files.release(target)
        except files.InUse as exc:  # leave everything as it was
            if previous is not None:
                files.remove_with_side_files(previous)
                if backups_made:
                    _remove_if_empty(previous.parent)
            raise RestoreRefused(RestoreProblem.IN_USE, str(exc)) from exc
        files.swap(temp, target)
    except BaseException:
        files.remove_with_side_files(temp)
        if folder_made:
            _remove_if_empty(target.parent)
        raise
    log.info("restored %s from %s (schema %d); the previous database is in %s", target,
             source, version, previous)
    return Restored(target, previous, version)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty: leave it
        folder.rmdir()


def _checked_copy(source: Path, copy: Path) -> int:
    """Copy ``source`` to ``copy``, check it (steps 1-6) and bring the copy up to date;
    returns the backup's schema version. Raises ``RestoreRefused``."""
    if source.stat().st_size == 0:
        raise RestoreRefused(RestoreProblem.EMPTY)
    if not files.has_sqlite_header(source):
        raise RestoreRefused(RestoreProblem.NOT_SQLITE)
    try:
        files.copy_candidate(source, copy)
        cut = files.truncation(copy)
        if cut is not None:
            raise RestoreRefused(RestoreProblem.DAMAGED, f"truncated: {cut}")
        facts = files.read_facts(copy)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == _SQLITE_CORRUPT:
            raise RestoreRefused(RestoreProblem.DAMAGED, str(exc)) from exc
        raise RestoreRefused(RestoreProblem.NOT_A_DATABASE, str(exc), error=str(exc)) from exc
    if facts.integrity != ["ok"]:
        raise RestoreRefused(RestoreProblem.DAMAGED, "; ".join(facts.integrity[:3]))
    _check_identity(facts)
    expected = files.expected_shape(facts.user_version)
    missing = expected.missing_from(facts.shape)
    if missing:
        raise RestoreRefused(RestoreProblem.INCOMPLETE, ", ".join(missing),
                             missing=_listing(missing), version=facts.user_version)
    if facts.broken_references:
        raise RestoreRefused(RestoreProblem.DAMAGED,
                             f"{facts.broken_references} rows with broken references")
    if facts.user_version == latest_version():
        return facts.user_version  # the copy is the backup, byte for byte
    try:
        files.make_current(copy)
    except (sqlite3.Error, StoreError) as exc:
        raise RestoreRefused(RestoreProblem.NOT_UPDATABLE, str(exc), error=str(exc)) from exc
    return facts.user_version


def _check_identity(facts: files.Facts) -> None:
    """Vernetool's application id (0 before schema 4) and a version this program knows."""
    version, app_id = facts.user_version, facts.application_id
    if app_id not in (0, APPLICATION_ID) or (
            version >= APPLICATION_ID_SINCE and app_id != APPLICATION_ID):
        raise RestoreRefused(RestoreProblem.FOREIGN, f"application id {app_id:#x}")
    if version > latest_version():
        known = NewerSchemaError(version, latest_version())
        raise RestoreRefused(RestoreProblem.NEWER_SCHEMA, known.detail, version=version,
                             known=latest_version())
    if version < 1:
        if app_id == 0 and facts.shape.tables:  # tables, but never a vernetool schema
            raise RestoreRefused(RestoreProblem.FOREIGN, f"schema version {version}")
        raise RestoreRefused(RestoreProblem.NO_VERSION, f"schema version {version}",
                             version=version)


def _listing(missing: list[str], shown: int = 5) -> str:
    """The first few missing things, and how many more."""
    head = ", ".join(missing[:shown])
    return head if len(missing) <= shown else f"{head} (+{len(missing) - shown})"
