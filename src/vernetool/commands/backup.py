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
    restore = subparsers.add_parser(
        "restore", parents=[common],
        help="replace the database with a backup, or rebuild a new one from an archive",
        description="FILE is a backup (the database replaced, the previous one kept) or an "
                    "open archive zip from 'vernetool archive' (a new database is built at "
                    "--db, which must not exist yet).")
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
    from vernetool.services.exchange.archive_restore import is_archive

    if is_archive(source):
        return _from_archive(source, target)
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


def _from_archive(source: Path, target: Path) -> int:
    """Rebuild a new database at ``target`` from an open archive (refused when it exists)."""
    import sys

    from vernetool.services.exchange.archive_restore import ArchiveRefused, restore_archive

    try:
        done = restore_archive(source, target)
    except ArchiveRefused as exc:
        raise CliError(exc.code, **exc.params) from None
    data = done.to_data()
    print(render("cli.archive_restored", target=str(target), source=str(source),
                 tables=data["tables"], rows=data["rows"]))
    if done.identity_not_restored:
        print(render("cli.archive_identity_not_restored", count=done.identity_not_restored),
              file=sys.stderr)
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
