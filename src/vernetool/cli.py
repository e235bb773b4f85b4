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
from typing import TYPE_CHECKING, Any

from vernetool import __version__

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

# Command name → the module in vernetool.commands that registers it with
# add_parser(subparsers, common) -> [names] and runs it with run(args) -> int. Kept as a table
# so starting the window (no command given) imports none of the command modules.
COMMANDS = {
    "selftest": "selftest", "demo": "demo", "import": "import_export",
    "export": "import_export", "backup": "backup", "restore": "backup", "report": "report",
    "stats": "stats", "room": "room", "template": "templates", "round": "rounds",
    "check": "check", "target": "delivery", "sync": "delivery", "outbox": "delivery",
    "archive": "archive", "annual": "annual",
}

# What the window needs that has no Qt in it (the store, the services, the rooms area's
# service), imported before vernetool.app brings in PySide6: from then on PySide6 reads the
# source of every module imported for the first time (its ``__feature__`` hook), and these
# are ~45 modules with the standard library ones they use.
WINDOW_CORE = ("vernetool.context", "vernetool.services.organisation")


class CliError(Exception):
    """A handled error: printed as one line on stderr, exit code 1.

    A message code with parameters (``cli.*`` in ``vernetool.i18n``), in the ``--lang``
    language when printed.
    """

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        from vernetool.i18n import render

        return render(self.code, **self.params)


def _global_parser() -> argparse.ArgumentParser:
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
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, with every command's options (imports the command modules);
    with ``only`` (a module of ``COMMANDS``), just that module's commands."""
    parser = _global_parser()
    # Options every command also takes after its name ("vernetool import rooms --db X").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the database file")
    common.add_argument("--lang", choices=("nb", "en"), default=argparse.SUPPRESS,
                        help="language of reports and messages")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only else dict.fromkeys(COMMANDS.values()):
        module = importlib.import_module(f"vernetool.commands.{name}")
        registered = module.add_parser(subparsers, common)
        if any(COMMANDS.get(command) != name for command in registered):
            raise RuntimeError(f"vernetool.commands.{name} registers {registered}: update COMMANDS")
    return parser


def parse(arguments: list[str]) -> argparse.Namespace:
    """Only the global options → the window, parsed without importing any command module;
    a command → parsed with its own module only (``vernetool check`` does not import the
    report or import machinery); anything else (--help alone, a mistake) goes through the
    whole parser."""
    if not any(arg in ("-h", "--help") for arg in arguments):
        args, extras = _global_parser().parse_known_args(arguments)
        if not extras:
            args.command = None
            return args
    command = _command_named(arguments)
    if command is not None:
        return build_parser(COMMANDS[command]).parse_args(arguments)
    return build_parser().parse_args(arguments)


def _command_named(arguments: list[str]) -> str | None:
    """The command the arguments name (the first word that is not an option or a global
    option's value), if it is one of ours."""
    value_next = False
    for arg in arguments:
        if value_next:
            value_next = False
        elif arg in ("--db", "--lang"):
            value_next = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        for name in WINDOW_CORE:  # before vernetool.app brings in PySide6
            importlib.import_module(name)
        from vernetool.app import run_gui  # Qt only when a window is wanted

        return run_gui(args)
    from vernetool import i18n, logging_setup, paths

    before = i18n.language()
    i18n.set_language(getattr(args, "lang", None) or i18n.SOURCE_LANGUAGE)  # messages: --lang
    try:
        with logging_setup.command_log(paths.data_dir() / "logs",
                                       verbose=bool(getattr(args, "verbose", False))) as log_file:
            return _run_command(args, log_file)
    finally:
        i18n.set_language(before)


def _run_command(args: argparse.Namespace, log_file: Path | None) -> int:
    """Run the command; every failure becomes one line on stderr (exit 1), and a bug's
    traceback goes to the log file only."""
    from vernetool import i18n

    log.info("vernetool %s: %s", __version__, args.command)
    try:
        module = importlib.import_module(f"vernetool.commands.{COMMANDS[args.command]}")
        return int(module.run(args))
    except KeyboardInterrupt:
        print(f"vernetool: {i18n.render('cli.interrupted')}", file=sys.stderr)
        return 1
    except Exception as exc:
        message = handled_message(exc)
        if message is None and log_file is not None:
            log.error("command %s failed", args.command, exc_info=exc)
            message = i18n.render("cli.internal_error_logged", log=str(log_file))
        elif message is None:  # no log file to write to: the error's own words, no traceback
            message = i18n.render("cli.internal_error", kind=type(exc).__name__, error=str(exc))
        else:
            log.info("command %s: %s", args.command, message)
        print(f"vernetool: {message}", file=sys.stderr)
        return 1


def handled_message(exc: BaseException) -> str | None:
    """The one-line message for a known kind of error (in the current language), or None for
    a bug."""
    import sqlite3

    from vernetool.db.connection import StoreError
    from vernetool.domain.errors import NotFoundError, ValidationError
    from vernetool.exchange.result import ImportFileError
    from vernetool.i18n import render
    from vernetool.i18n.store_errors import describe

    if isinstance(exc, CliError | NotFoundError | ImportFileError):
        return str(exc)
    if isinstance(exc, StoreError):
        sentence = describe(exc)
        return f"{sentence} ({exc.detail})" if exc.detail else sentence
    if isinstance(exc, ValidationError):
        return f"{exc.field}: {exc.message}"
    if isinstance(exc, FileNotFoundError):
        return render("cli.no_such_file", path=exc.filename)
    if isinstance(exc, PermissionError):
        return render("cli.permission_denied", path=exc.filename)
    if isinstance(exc, IsADirectoryError):
        return render("cli.is_a_folder", path=exc.filename)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    if isinstance(exc, sqlite3.DatabaseError):
        return render("cli.database_error", error=str(exc))
    return None


if __name__ == "__main__":
    sys.exit(main())
