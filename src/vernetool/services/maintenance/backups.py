"""Backup and restore of the database file, with the checks a restore must pass first."""

from __future__ import annotations

import sqlite3
from enum import StrEnum
from pathlib import Path

from vernetool.db.backup import copy_database
from vernetool.db.connection import connect, integrity_ok
from vernetool.db.migrations import latest_version, migrate, schema_version


class RestoreProblem(StrEnum):
    DAMAGED = "damaged"                # the integrity check failed
    NEWER_SCHEMA = "newer_schema"      # written by a newer vernetool
    NOT_A_DATABASE = "not_a_database"  # not a vernetool database at all


class RestoreRefused(Exception):
    """The backup cannot be restored; nothing was changed."""

    def __init__(self, problem: RestoreProblem, detail: str = "") -> None:
        super().__init__(detail or problem.value)
        self.problem = problem
        self.detail = detail


def backup(source: Path, out: Path) -> None:
    """A consistent copy of the database at ``source`` written to ``out`` (a new file)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    copy_database(source, out)


def check_backup(source: Path) -> None:
    """Raise ``RestoreRefused`` unless ``source`` is an intact database this version knows
    (a file that cannot be opened at all raises ``StoreError``)."""
    probe = connect(source, read_only=True)
    try:
        if not integrity_ok(probe):
            raise RestoreRefused(RestoreProblem.DAMAGED)
        if schema_version(probe) > latest_version():
            raise RestoreRefused(RestoreProblem.NEWER_SCHEMA)
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(RestoreProblem.NOT_A_DATABASE, str(exc)) from exc
    finally:
        probe.close()


def restore(source: Path, target: Path) -> None:
    """Replace the database at ``target`` with the backup ``source`` (checked first with
    ``check_backup``), then migrate it to this version's schema."""
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_database(source, target)  # the backup API writes the target consistently
    conn = connect(target)
    try:
        migrate(conn, target)
    finally:
        conn.close()
