"""``vernetool backup`` and ``vernetool restore``: consistent copies of the database file."""

from __future__ import annotations

import argparse
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import db_path
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
            raise CliError(f"{out} exists already; choose a new file name")
        backups.backup(source, out)
        print(f"backed up {source} to {out}")
        return 0
    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"no backup file at {source}")
    try:
        backups.check_backup(source)
    except RestoreRefused as exc:
        raise CliError(_refusal(source, exc)) from exc
    target = db_path(args, must_exist=False)
    backups.restore(source, target)
    print(f"restored {target} from {source}")
    return 0


def _refusal(source: Path, exc: RestoreRefused) -> str:
    if exc.problem is RestoreProblem.DAMAGED:
        return f"{source} is damaged (integrity check failed); nothing restored"
    if exc.problem is RestoreProblem.NEWER_SCHEMA:
        return f"{source} was written by a newer vernetool; nothing restored"
    return f"{source} is not a vernetool database ({exc.detail})"
