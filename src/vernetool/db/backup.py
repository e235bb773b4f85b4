"""The one way a database file is copied: SQLite's backup API, consistent with WAL included."""

from __future__ import annotations

import sqlite3
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
