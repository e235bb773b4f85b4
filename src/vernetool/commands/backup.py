"""``vernetool backup`` and ``vernetool restore``: consistent copies of the database file."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import db_path
from vernetool.db.connection import connect, integrity_ok
from vernetool.db.migrations import latest_version, migrate, schema_version
from vernetool.i18n import render


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    backup = subparsers.add_parser("backup", parents=[common], help="copy the database")
    backup.add_argument("--out", required=True, metavar="FILE")
    restore = subparsers.add_parser("restore", parents=[common],
                                    help="replace the database with a backup")
    restore.add_argument("file", metavar="FILE")
    return ["backup", "restore"]


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def run(args: argparse.Namespace) -> int:
    if args.command == "backup":
        source = db_path(args)
        out = Path(args.out)
        if out.exists():
            raise CliError("cli.backup_exists", path=str(out))
        out.parent.mkdir(parents=True, exist_ok=True)
        _copy(source, out)
        print(render("cli.backed_up", source=str(source), out=str(out)))
        return 0
    source = Path(args.file)
    if not source.is_file():
        raise CliError("cli.no_backup", path=str(source))
    probe = connect(source, read_only=True)
    try:
        if not integrity_ok(probe):
            raise CliError("cli.backup_damaged", path=str(source))
        if schema_version(probe) > latest_version():
            raise CliError("cli.backup_newer", path=str(source))
    except sqlite3.DatabaseError as exc:
        raise CliError("cli.backup_not_a_database", path=str(source), error=str(exc)) from exc
    finally:
        probe.close()
    target = db_path(args, must_exist=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)  # the backup API writes the target consistently, WAL included
    conn = connect(target)
    try:
        migrate(conn, target)
    finally:
        conn.close()
    print(render("cli.restored", target=str(target), source=str(source)))
    return 0
