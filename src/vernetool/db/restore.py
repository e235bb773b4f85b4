"""The database-file side of a restore: a private copy of the candidate, what SQLite says about
it, the schema each version must have, and the swap into place.

``vernetool.services.maintenance.backups`` decides what is acceptable; this module only reads
facts and moves files. Nothing here opens the candidate itself or the target for writing
before the swap: the candidate is copied byte for byte into a temporary file next to the
target, and every check runs on that copy, so what was checked is exactly what goes in.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vernetool.db.backup import backup_path, copy_database
from vernetool.db.migrations import APPLICATION_ID, available_migrations, build_schema

SQLITE_MAGIC = b"SQLite format 3\x00"
#: the files SQLite keeps beside a database while it is used
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
#: seconds to wait for another connection to let go of the target before refusing
RELEASE_WAIT_S = 2.0

__all__ = ["APPLICATION_ID", "SQLITE_MAGIC", "Facts", "Shape"]


@dataclass(frozen=True)
class Shape:
    """What a schema holds, by name: tables with their columns, indexes, triggers, views."""

    tables: dict[str, frozenset[str]]
    indexes: frozenset[str]
    triggers: frozenset[str]
    views: frozenset[str]

    def missing_from(self, other: Shape) -> list[str]:
        """What this shape has and ``other`` lacks, as ``table x``, ``column x.y``, … ."""
        missing: list[str] = []
        for table, columns in sorted(self.tables.items()):
            if table not in other.tables:
                missing.append(f"table {table}")
                continue
            missing += [f"column {table}.{c}" for c in sorted(columns - other.tables[table])]
        missing += [f"index {name}" for name in sorted(self.indexes - other.indexes)]
        missing += [f"trigger {name}" for name in sorted(self.triggers - other.triggers)]
        missing += [f"view {name}" for name in sorted(self.views - other.views)]
        return missing


@dataclass(frozen=True)
class Facts:
    """What SQLite says about a copy of a candidate."""

    integrity: list[str]          # PRAGMA integrity_check: ["ok"] when intact
    application_id: int
    user_version: int
    shape: Shape
    broken_references: int        # rows PRAGMA foreign_key_check reports


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def truncation(path: Path) -> str | None:
    """Why the file is shorter than its own header says (a copy cut off), or None.

    The header gives the page size (bytes 16-17) and, when valid (bytes 92-95 equal the change
    counter at 24-27), the number of pages (28-31): a whole database is whole pages, at least
    that many. SQLite itself reads a missing tail as zeros, so it may not notice."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100:
        return f"{size} bytes, shorter than an SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return None  # not a page size at all: SQLite says what is wrong
    if size % page_size:
        return f"{size} bytes is not a whole number of {page_size}-byte pages"
    pages = int.from_bytes(header[28:32], "big")
    if header[92:96] == header[24:28] and pages and size < pages * page_size:
        return f"{size // page_size} of {pages} pages"
    return None


def temp_path_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.restore-{secrets.token_hex(6)}.tmp")


def copy_candidate(source: Path, temp: Path) -> None:
    """Copy ``source`` byte for byte to ``temp`` (a new file), with ``source-wal`` when it has
    one: the pair is the database, and SQLite folds the WAL in when the copy is opened."""
    _copy_synced(source, temp)
    wal = Path(f"{source}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        _copy_synced(wal, Path(f"{temp}-wal"))
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")  # checkpoints and drops the WAL
        finally:
            conn.close()


def _copy_synced(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("xb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())


def read_facts(path: Path) -> Facts:
    """Open the private copy at ``path`` read-only and unshared (``immutable``: no lock, no
    side files) and read what a restore checks. Raises ``sqlite3.DatabaseError`` when SQLite
    cannot read it at all."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True,
                           isolation_level=None)
    try:
        integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        shape = schema_shape(conn)
        broken = len(conn.execute("PRAGMA foreign_key_check").fetchall()) \
            if integrity == ["ok"] else 0
    finally:
        conn.close()
    return Facts(integrity, app_id, version, shape, broken)


def schema_shape(conn: sqlite3.Connection) -> Shape:
    entries = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                           "AND sql IS NOT NULL").fetchall()
    tables = {}
    for kind, name in entries:
        if kind == "table":
            columns = conn.execute("SELECT name FROM pragma_table_xinfo(?)", (name,))
            tables[str(name)] = frozenset(str(c[0]) for c in columns)

    def names(kind: str) -> frozenset[str]:
        return frozenset(str(name) for k, name in entries if k == kind)

    return Shape(tables, names("index"), names("trigger"), names("view"))


@cache
def expected_shape(version: int) -> Shape:
    """The schema a vernetool database of ``version`` has: migrations 1..version applied to
    an empty database in memory."""
    if not 1 <= version <= len(available_migrations()):
        raise ValueError(f"no schema version {version}")
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        build_schema(conn, version)
        return schema_shape(conn)
    finally:
        conn.close()


def make_current(path: Path) -> None:
    """Migrate the private copy at ``path`` to this version's schema and leave it as one
    self-contained file (no WAL beside it). Raises what the migration raises."""
    from vernetool.db.migrations import migrate

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)  # no backup: the candidate itself is the copy of this state
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the migrated copy fails the integrity check")
    finally:
        conn.close()
    fsync_file(path)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_SUFFIXES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup_before_restore(target: Path) -> Path | None:
    """Keep the database at ``target`` in ``backups/`` beside it (as before a migration):
    through SQLite's backup API when it is a readable database, byte for byte with its side
    files when it is not. None when there is nothing to keep (no file, or an empty one)."""
    if not target.is_file() or target.stat().st_size == 0:
        return None
    out = backup_path(target, "before-restore")
    try:
        copy_database(target, out)
        conn = sqlite3.connect(f"{out.resolve().as_uri()}?immutable=1", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:  # not a database we can read: keep the bytes as they are
        remove_with_side_files(out)
        for suffix in ("", "-wal", "-journal"):  # (-shm is only an index of the WAL)
            part = Path(f"{target}{suffix}")
            if part.is_file():
                _copy_synced(part, Path(f"{out}{suffix}"))
    return out


class InUse(Exception):
    """Another connection has the target open; it cannot be replaced now."""


def release(target: Path) -> None:
    """Make sure nobody else has ``target`` open and that no WAL or journal beside it could
    be applied to the file that replaces it.

    Switching an SQLite database to ``journal_mode = DELETE`` needs it to be the only
    connection; SQLite then checkpoints the WAL into the file and removes the WAL and the
    shared-memory file itself. A target SQLite cannot read at all has no users to wait for:
    its side files (kept in the backup) are removed. Raises ``InUse``.
    """
    if not target.is_file() or target.stat().st_size == 0:
        _remove_side_files(target)
        return
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=RELEASE_WAIT_S)
    except sqlite3.Error:
        _remove_side_files(target)
        return
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise InUse(f"{target} stays in journal mode {mode}")
    except sqlite3.OperationalError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
            raise InUse(str(exc)) from exc
        _remove_side_files(target)
    except sqlite3.DatabaseError:
        _remove_side_files(target)
    finally:
        conn.close()
    if Path(f"{target}-wal").exists():  # someone opened it again in the meantime
        raise InUse(f"{target}-wal appeared while restoring")
    _remove_side_files(target)


def _remove_side_files(target: Path) -> None:
    for suffix in SIDE_SUFFIXES:
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def swap(temp: Path, target: Path) -> None:
    """Put the checked copy in place in one step (``os.replace`` in the same folder), and
    make the rename durable."""
    fsync_file(temp)
    os.replace(temp, target)
    if sys.platform != "win32":
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
