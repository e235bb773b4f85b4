"""Helpers the commands share: opening the store named by --db, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.cli import CliError

if TYPE_CHECKING:
    from vernetool.services import Services

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


@contextmanager
def open_services(args: argparse.Namespace, *, must_exist: bool = True) -> Iterator[Services]:
    """The services over the migrated store named by --db, closed when the command ends."""
    from vernetool.services.maintenance.opening import open_services as open_store_services

    with open_store_services(db_path(args, must_exist=must_exist), actor) as services:
        yield services


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def actor() -> str:
    from vernetool.settings import Settings

    return Settings().user_name
