"""``vernetool demo --db PATH``: create a realistic demo database."""

from __future__ import annotations

import argparse
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import db_path
from vernetool.i18n import render


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    demo = subparsers.add_parser("demo", parents=[common],
                                 help="create a realistic demo database at --db PATH")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    demo.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    return ["demo"]


def run(args: argparse.Namespace) -> int:
    from vernetool.demo.builder import build_demo

    path: Path = db_path(args, must_exist=False)
    if path.exists():
        if not args.force:
            raise CliError("cli.demo_exists", path=str(path))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    summary = build_demo(path, seed=args.seed)
    print(render("cli.demo_written", path=str(path),
                 summary=", ".join(f"{count} {name}" for name, count in summary.items())))
    return 0
