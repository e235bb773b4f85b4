"""The scriptable interface (DESIGN.md): argument parsing and dispatch to the commands.

Only argparse is imported at start-up; each command imports what it needs when it runs, so
``vernetool`` opens its window without loading pandas, matplotlib or sqlite_utils.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from vernetool import __version__

log = logging.getLogger(__name__)

# Each module in vernetool.commands has add_parser(subparsers, common) and run(args) -> int.
COMMAND_MODULES = ("selftest", "demo", "import_export", "backup", "report", "stats", "templates",
                   "rounds")


class CliError(Exception):
    """A handled error: printed as one line on stderr, exit code 1."""


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, str]]:
    parser = argparse.ArgumentParser(
        prog="vernetool",
        description="Offline-first HSE rounds, registers and deviation log. "
                    "Without a command, starts the desktop application.")
    parser.add_argument("--version", action="version", version=f"vernetool {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: in the "
                        "user data folder)")
    parser.add_argument("--lang", choices=("nb", "en"), help="user interface language")
    parser.add_argument("--demo", action="store_true",
                        help="start the application on a fresh demo database")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    # Options every command also takes after its name ("vernetool import rooms --db X").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the database file")
    common.add_argument("--lang", choices=("nb", "en"), default=argparse.SUPPRESS,
                        help="language of reports and messages")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    owners: dict[str, str] = {}
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"vernetool.commands.{name}")
        for command in module.add_parser(subparsers, common):
            owners[command] = name
    return parser, owners


def main(argv: Sequence[str] | None = None) -> int:
    parser, owners = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from vernetool.app import run_gui  # Qt only when a window is wanted

        return run_gui(args)
    module = importlib.import_module(f"vernetool.commands.{owners[args.command]}")
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("vernetool: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:  # every failure becomes one line; bugs also go to the log
        message = handled_message(exc)
        if message is None:
            log.exception("command %s failed", args.command)
            message = f"internal error: {type(exc).__name__}: {exc}"
        print(f"vernetool: {message}", file=sys.stderr)
        return 1


def handled_message(exc: BaseException) -> str | None:
    """The one-line message for a known kind of error, or None for a bug."""
    import sqlite3

    from vernetool.db.connection import StoreError
    from vernetool.domain.errors import ValidationError

    if isinstance(exc, CliError | StoreError):
        return str(exc)
    if isinstance(exc, ValidationError):
        return f"{exc.field}: {exc.message}"
    if isinstance(exc, FileNotFoundError):
        return f"no such file: {exc.filename}"
    if isinstance(exc, PermissionError):
        return f"permission denied: {exc.filename}"
    if isinstance(exc, IsADirectoryError):
        return f"is a folder, not a file: {exc.filename}"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    if isinstance(exc, sqlite3.DatabaseError):
        return f"database error: {exc}"
    return None


if __name__ == "__main__":
    sys.exit(main())
