"""``vernetool round ACTION``: round bundles for two laptops, and the action-plan export.

    vernetool round export-bundle --db PATH --round ID|latest --out F.zip
    vernetool round merge-bundle  --db PATH F.zip                 prints the merge result as JSON
    vernetool round action-plan   --db PATH --round ID|latest --format xlsx|csv --out FILE
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import not_found, open_services, print_json


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    rnd = subparsers.add_parser("round", help="HSE round bundles and action plans")
    actions = rnd.add_subparsers(dest="action", metavar="ACTION", required=True)
    exp = actions.add_parser("export-bundle", parents=[common],
                             help="export a round as a bundle (.zip) for another laptop")
    exp.add_argument("--round", required=True, metavar="ID|latest")
    exp.add_argument("--out", required=True, metavar="FILE.zip")
    merge = actions.add_parser("merge-bundle", parents=[common],
                               help="merge a round bundle from another laptop; prints JSON")
    merge.add_argument("file", metavar="FILE.zip")
    plan = actions.add_parser("action-plan", parents=[common],
                              help="export the round's action plan as XLSX or CSV")
    plan.add_argument("--round", required=True, metavar="ID|latest")
    plan.add_argument("--format", required=True, choices=("xlsx", "csv"))
    plan.add_argument("--out", required=True, metavar="FILE")
    return ["round"]


def run(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        if args.action == "merge-bundle":
            source = Path(args.file)
            if not source.is_file():
                raise CliError("cli.no_such_file", path=str(source))
            print_json(services.round_bundles.merge(source).to_json())
            return 0
        try:
            round_id = services.rounds.resolve(args.round)
        except LookupError as exc:
            raise not_found(exc) from None
        out = Path(args.out)
        if args.action == "export-bundle":
            services.round_bundles.export(round_id, out)
            print_json({"round": round_id, "file": str(out)})
            return 0
        count = services.action_plan.export(round_id, out, args.format,
                                            getattr(args, "lang", None) or "nb")
        print_json({"exported": count, "file": str(out)})
        return 0
