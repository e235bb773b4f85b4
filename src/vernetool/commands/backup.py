"""``vernetool backup`` and ``vernetool restore``: consistent copies of the database file."""

from __future__ import annotations

import argparse
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import db_path
from vernetool.i18n import render
from vernetool.services.maintenance import backups
from vernetool.services.maintenance.backups import RestoreProblem, RestoreRefused


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


def run(args: argparse.Namespace) -> int:
    if args.command == "backup":
        source = db_path(args)
        out = Path(args.out)
        if out.exists():
            raise CliError("cli.backup_exists", path=str(out))
        backups.backup(source, out)
        print(render("cli.backed_up", source=str(source), out=str(out)))
        return 0
    source = Path(args.file)
    if not source.is_file():
        raise CliError("cli.no_backup", path=str(source))
    try:
        backups.check_backup(source)
    except RestoreRefused as exc:
        raise _refusal(source, exc) from exc
    target = db_path(args, must_exist=False)
    backups.restore(source, target)
    print(render("cli.restored", target=str(target), source=str(source)))
    return 0


def _refusal(source: Path, exc: RestoreRefused) -> CliError:
    if exc.problem is RestoreProblem.DAMAGED:
        return CliError("cli.backup_damaged", path=str(source))
    if exc.problem is RestoreProblem.NEWER_SCHEMA:
        return CliError("cli.backup_newer", path=str(source))
    return CliError("cli.backup_not_a_database", path=str(source), error=exc.detail)
