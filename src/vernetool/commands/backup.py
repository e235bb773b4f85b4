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
    target = db_path(args, must_exist=False)
    try:
        done = backups.restore(source, target)  # checks everything before touching target
    except RestoreRefused as exc:
        raise _refusal(source, target, exc) from None
    if done.previous is None:
        print(render("cli.restored", target=str(target), source=str(source)))
    else:
        print(render("cli.restored_keeping", target=str(target), source=str(source),
                     previous=str(done.previous)))
    return 0


def _refusal(source: Path, target: Path, exc: RestoreRefused) -> CliError:
    """The one line that says why, always ending in "nothing restored"."""
    path, params, problem = str(source), exc.params, exc.problem
    if problem is RestoreProblem.EMPTY:
        return CliError("cli.backup_empty", path=path)
    if problem is RestoreProblem.NOT_SQLITE:
        return CliError("cli.backup_not_sqlite", path=path)
    if problem is RestoreProblem.DAMAGED:
        return CliError("cli.backup_damaged", path=path)
    if problem is RestoreProblem.FOREIGN:
        return CliError("cli.backup_foreign", path=path)
    if problem is RestoreProblem.NEWER_SCHEMA:
        return CliError("cli.backup_newer", path=path)
    if problem is RestoreProblem.NO_VERSION:
        return CliError("cli.backup_no_version", path=path, version=params["version"])
    if problem is RestoreProblem.INCOMPLETE:
        return CliError("cli.backup_incomplete", path=path, version=params["version"],
                        missing=params["missing"])
    if problem is RestoreProblem.NOT_UPDATABLE:
        return CliError("cli.backup_not_updatable", path=path, error=params["error"])
    if problem is RestoreProblem.IN_USE:
        return CliError("cli.restore_target_in_use", target=str(target))
    return CliError("cli.backup_not_a_database", path=path, error=exc.detail)
