"""``vernetool archive``: the lossless open archive of a database (JSON and CSV per table,
the schema, XLSX, PDFs, the stored files, a manifest); prints what it wrote as JSON.

Rebuilding a database from one is ``vernetool restore --db NEW FILE.zip``
(commands/backup.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from vernetool.commands.common import open_identity_vault, open_services, print_json


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    archive = subparsers.add_parser(
        "archive", parents=[common], help="write the lossless open archive (zip)",
        description="Everything in the database as documented CSV and JSON with a schema, "
                    "XLSX workbooks, the round and deviation reports (PDF), the attachments "
                    "and a manifest with SHA-256; identity numbers masked unless "
                    "--include-identity. Rebuild with: vernetool restore --db NEW FILE.zip")
    archive.add_argument("--out", required=True, metavar="FILE.zip")
    archive.add_argument("--include-identity", action="store_true",
                         help="write identity numbers in clear (the reveal is audited)")
    return ["archive"]


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with open_services(args) as services:
        if args.include_identity:
            open_identity_vault(services)
        summary = services.archive.write(out, include_identity=args.include_identity,
                                         lang=getattr(args, "lang", None) or "nb")
    print_json(summary.to_data())
    return 0
