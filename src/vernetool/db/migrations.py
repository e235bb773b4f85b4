"""Versioned schema migrations kept in ``db/migrations/NNNN_name.sql``.

The schema version lives in ``PRAGMA user_version``. Before any migration the file is copied
to ``backups/`` next to it; a database newer than this program is refused, untouched.
Released migrations are never edited: a change is a new file with the next number.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vernetool.db.backup import backup_path, copy_database
from vernetool.db.connection import (
    APPLICATION_ID,
    APPLICATION_ID_SINCE,
    ForeignDatabaseError,
    check_ours,
    connect,
    refuse_foreign,
)
from vernetool.db.errors import StoreError, StoreProblem

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

log = logging.getLogger(__name__)

__all__ = ["APPLICATION_ID", "APPLICATION_ID_SINCE", "ForeignDatabaseError", "Migration",
           "NewerSchemaError", "available_migrations", "build_schema", "latest_version",
           "migrate", "open_store", "schema_version"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


class NewerSchemaError(StoreError):
    """The database was written by a newer vernetool; this one must not touch it."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            StoreProblem.NEWER_SCHEMA,
            f"the database has schema version {found}, but this vernetool knows only up to "
            f"{known}: it was written by a newer version, please update vernetool",
            found=found, known=known)


def _migration_folder() -> Path | Traversable:
    """The package's ``migrations`` folder: beside this module in a checkout, a wheel or a
    PyInstaller build; through ``importlib.resources`` when the package is not on disk (a
    zip). Opening a database at start-up then needs neither importlib.resources nor its
    readers."""
    folder = Path(__file__).with_name("migrations")
    if folder.is_dir():
        return folder
    from importlib import resources

    return resources.files("vernetool.db").joinpath("migrations")


def _migration_files() -> list[tuple[int, str, Path | Traversable]]:
    """(version, name, file) of every migration, in order; 1..n without gaps."""
    found: list[tuple[int, str, Path | Traversable]] = []
    for entry in _migration_folder().iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match[1]), match[2], entry))
    found.sort(key=lambda m: m[0])
    for expected, (version, name, _entry) in enumerate(found, start=1):
        if version != expected:
            raise RuntimeError(f"migration numbers must be 1..n without gaps, not "
                               f"{version:04d}_{name}")
    return found


def available_migrations() -> list[Migration]:
    return [Migration(version, name, entry.read_text(encoding="utf-8"))
            for version, name, entry in _migration_files()]


def latest_version() -> int:
    return len(_migration_files())


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_file(db_path: Path, version: int) -> Path | None:
    """Copy the database (consistently, through SQLite's backup API) before migrating it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    target = backup_path(db_path, f"v{version}")
    copy_database(db_path, target)
    log.info("backed up %s to %s before migrating", db_path, target)
    return target


def migrate(conn: sqlite3.Connection, db_path: Path | None = None) -> int:
    """Bring the schema up to date; returns the number of migrations applied. Another
    program's database, or one newer than this vernetool, is refused untouched."""
    current = schema_version(conn)
    known = latest_version()  # the file names only: an up-to-date database reads no SQL
    if current > known:
        raise NewerSchemaError(current, known)
    check_ours(conn)
    if current == known:
        return 0
    pending = available_migrations()[current:]
    if not pending:
        return 0
    if db_path is not None and current > 0:
        backup_file(db_path, current)
    for migration in pending:
        log.info("migrating database to version %d (%s)", migration.version, migration.name)
        conn.execute("BEGIN IMMEDIATE")
        try:
            _apply(conn, migration)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise StoreError(StoreProblem.MIGRATION_FAILED,
                         f"foreign key problems after migrating: {len(problems)} rows")
    return len(pending)


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    for statement in _statements(migration.sql):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {migration.version}")


def build_schema(conn: sqlite3.Connection, version: int) -> None:
    """Apply migrations 1..``version`` to an empty database (in one transaction): the schema
    a vernetool database of that version has, e.g. to compare a file with."""
    conn.execute("BEGIN")
    try:
        for migration in available_migrations()[:version]:
            _apply(conn, migration)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit on its own)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    leftover = [ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    if leftover:
        raise RuntimeError(f"incomplete SQL statement in migration: {buffer[:80]!r}")
    return statements


def open_store(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``."""
    db_path = Path(path)
    if str(path) != ":memory:":
        refuse_foreign(db_path)  # untouched: before connect() sets the journal mode
    conn = connect(db_path)
    try:
        migrate(conn, db_path)
    except BaseException:
        conn.close()
        raise
    return conn
