"""``vernetool template list|export|import``: checklist templates from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import open_services, print_json


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    template = subparsers.add_parser("template", parents=[common],
                                     help="list, export or import checklist templates")
    actions = template.add_subparsers(dest="template_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common],
                                 help="the newest version of each template, as JSON")
    listing.add_argument("--all-versions", action="store_true",
                         help="every version, retired ones included")
    exp = actions.add_parser("export", parents=[common], help="write a template as JSON")
    exp.add_argument("--key", required=True, help="the template key, e.g. laboratory")
    exp.add_argument("--version", type=int, help="a stored version (default: the newest)")
    exp.add_argument("--out", required=True, metavar="FILE")
    imp = actions.add_parser("import", parents=[common],
                             help="add a JSON template as a new version; prints JSON")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--key", help="store it under this key instead of the file's")
    return ["template"]


def run(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        checklists = services.checklists
        checklists.ensure_builtin()
        if args.template_action == "list":
            if args.all_versions:
                rows = [v for s in checklists.latest(include_retired=True)
                        for v in checklists.versions(s.key)]
            else:
                rows = checklists.latest()
            print_json([{"id": s.id, "key": s.key, "version": s.version,
                         "name_nb": s.name_nb, "name_en": s.name_en,
                         "room_types": sorted(s.room_types), "builtin": s.builtin,
                         "retired": s.retired, "items": s.item_count, "used": s.used,
                         "created_at": s.created_at} for s in rows])
            return 0
        if args.template_action == "export":
            versions = checklists.versions(args.key)
            if not versions:
                raise CliError("cli.no_template", key=args.key)
            if args.version is None:
                chosen = versions[0]
            else:
                match = [v for v in versions if v.version == args.version]
                if not match:
                    raise CliError("cli.no_template_version", key=args.key, version=args.version)
                chosen = match[0]
            out = Path(args.out)
            checklists.export_file(chosen.id, out)
            print_json({"exported": chosen.key, "version": chosen.version, "file": str(out)})
            return 0
        source = Path(args.file)
        if not source.is_file():
            raise CliError("cli.no_such_file", path=str(source))
        result = checklists.import_file(source, key=args.key)
        print_json(result.to_json())
        return 0
