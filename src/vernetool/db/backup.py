"""The one way a database file is copied: SQLite's backup API, consistent with WAL included."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` page by page through the backup API.

    The source is opened read-only, so a copy never changes it; the copy is consistent even
    while another connection writes (committed WAL pages included).
    """
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_path(db_path: Path, tag: str) -> Path:
    """Where a copy of ``db_path`` is kept before a risky step: ``backups/`` beside it, named
    by the step (``v3`` before a migration, ``before-restore``) and the time, to the µs."""
    folder = db_path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return folder / f"{db_path.stem}-{tag}-{stamp}{db_path.suffix}"
