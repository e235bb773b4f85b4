"""Known database problems (``StoreProblem``) in words, in the current language."""

from __future__ import annotations

from vernetool.db.errors import StoreError, StoreProblem
from vernetool.i18n import tr


def _sentences() -> dict[StoreProblem, str]:
    return {
        StoreProblem.LOCKED: tr("The database is busy: another program (or another vernetool) "
                                "is writing to it. Try again in a moment."),
        StoreProblem.READ_ONLY: tr("The database cannot be changed: the file or its folder is "
                                   "read-only."),
        StoreProblem.DISK_FULL: tr("The disk is full: nothing was saved. Free some space and "
                                   "try again."),
        StoreProblem.IO_ERROR: tr("The database file could not be read or written (a disk or "
                                  "network drive error). Nothing was saved."),
        StoreProblem.CORRUPT: tr("The database file is damaged. Restore it from a backup."),
        StoreProblem.NOT_A_DATABASE: tr("The file is not a vernetool database."),
        StoreProblem.CANNOT_OPEN: tr("The database file cannot be opened."),
        StoreProblem.NO_WAL: tr("The database cannot use write-ahead logging in this folder."),
        StoreProblem.NEWER_SCHEMA: tr("The database was written by a newer version of "
                                      "vernetool. Please update vernetool."),
        StoreProblem.MIGRATION_FAILED: tr("The database could not be brought up to date; it "
                                          "was left as it was."),
    }


def describe(error: StoreError) -> str:
    """One or two sentences a person can act on; SQLite's own words stay in the log."""
    return _sentences()[error.code]
