"""Helpers the commands share: opening the store named by --db, printing JSON."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.cli import CliError
from vernetool.db.migrations import open_store

if TYPE_CHECKING:
    from vernetool.services import Services


def db_path(args: argparse.Namespace, *, must_exist: bool = True) -> Path:
    value = getattr(args, "db", None)
    if not value:
        raise CliError("--db PATH is required for this command")
    path = Path(value)
    if must_exist and not path.exists():
        raise CliError(f"no database at {path} (create one with 'vernetool demo --db {path}')")
    if path.is_dir():
        raise CliError(f"{path} is a folder, not a database file")
    return path


def open_db(args: argparse.Namespace, *, must_exist: bool = True) -> sqlite3.Connection:
    return open_store(db_path(args, must_exist=must_exist))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def actor() -> str:
    from vernetool.settings import Settings

    return Settings().user_name


@contextmanager
def open_services(args: argparse.Namespace, *, must_exist: bool = True) -> Iterator[Services]:
    """The services over the store named by --db, closed when the block ends."""
    from vernetool.context import AppContext
    from vernetool.settings import Settings

    context = AppContext.open(db_path(args, must_exist=must_exist), Settings(),
                              install_checklists=False)
    try:
        yield context.services
    finally:
        context.close()
