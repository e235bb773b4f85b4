"""``vernetool template list|export|import``: checklist templates from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import actor, open_db, print_json


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
    from vernetool.db import templates as store
    from vernetool.exchange import templates_io

    conn = open_db(args)
    try:
        store.ensure_builtin(conn)
        if args.template_action == "list":
            if args.all_versions:
                rows = [v for s in store.latest_templates(conn, include_retired=True)
                        for v in store.template_versions(conn, s.key)]
            else:
                rows = store.latest_templates(conn)
            print_json([{"id": s.id, "key": s.key, "version": s.version,
                         "name_nb": s.name_nb, "name_en": s.name_en,
                         "room_types": sorted(s.room_types), "builtin": s.builtin,
                         "retired": s.retired, "items": s.item_count, "used": s.used,
                         "created_at": s.created_at} for s in rows])
            return 0
        if args.template_action == "export":
            versions = store.template_versions(conn, args.key)
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
            templates_io.export_template(conn, chosen.id, out)
            print_json({"exported": chosen.key, "version": chosen.version, "file": str(out)})
            return 0
        source = Path(args.file)
        if not source.is_file():
            raise CliError("cli.no_such_file", path=str(source))
        result = templates_io.import_template(conn, source, actor(), key=args.key)
        print_json(result.to_json())
        return 0
    finally:
        conn.close()
