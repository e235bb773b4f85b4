"""``vernetool report KIND``: PDF reports, one sub-command per kind (round, deviations, ...).

A kind adds its sub-parser in ``add_parser`` and its runner to ``_RUNNERS``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import db_path, open_db


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser
               ) -> list[str]:
    report = subparsers.add_parser("report", help="write a PDF report")
    kinds = report.add_subparsers(dest="kind", metavar="KIND", required=True)
    rnd = kinds.add_parser("round", parents=[common], help="the report of an HSE round")
    rnd.add_argument("--round", required=True, metavar="ID|latest",
                     help="the round's id, or 'latest' for the newest round")
    rnd.add_argument("--out", required=True, metavar="FILE.pdf")
    return ["report"]


def _language(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or "nb"


def _round(args: argparse.Namespace) -> int:
    from vernetool.reports.round_report import resolve_round, write_round_report

    path = db_path(args)
    out = Path(args.out)
    conn = open_db(args)
    try:
        try:
            round_id = resolve_round(conn, args.round)
        except LookupError as exc:
            raise CliError(str(exc)) from None
        write_round_report(conn, round_id, out, _language(args), data_dir=path.parent)
    finally:
        conn.close()
    print(f"round report written to {out}")
    return 0


_RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "round": _round,
}


def run(args: argparse.Namespace) -> int:
    return _RUNNERS[args.kind](args)
