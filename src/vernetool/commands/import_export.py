"""``vernetool import KIND`` and ``vernetool export KIND``.

Importers and exporters are looked up by kind in ``vernetool.exchange.registry``, so a new
register only adds its entry there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import db_path, open_identity_vault, open_services, print_json
from vernetool.i18n import render


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    from vernetool.exchange.registry import EXPORTERS, IMPORTERS

    imp = subparsers.add_parser("import", parents=[common],
                                help="import a CSV or XLSX file; prints JSON")
    imp.add_argument("kind", choices=sorted(IMPORTERS), metavar="KIND",
                     help="one of: " + ", ".join(sorted(IMPORTERS)))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--strict", action="store_true",
                     help="import nothing if any row has an error")
    imp.add_argument("--mapping", metavar="FILE",
                     help="chemicals: a mapping file (JSON or CSV: their column → our field) "
                          "for a layout vernetool does not recognise by its headers")
    imp.add_argument("--create-rooms", action="store_true",
                     help="chemicals: create the rooms a row names that the database lacks "
                          "(otherwise such rows are skipped and counted)")
    exp = subparsers.add_parser("export", parents=[common], help="export to CSV, XLSX or JSON")
    exp.add_argument("kind", choices=sorted(EXPORTERS), metavar="KIND",
                     help="one of: " + ", ".join(sorted(EXPORTERS)))
    exp.add_argument("--format", required=True, choices=("csv", "xlsx", "json", "dsa"),
                     help="dsa: sources only, the notifiable sources in the layout of DSA's "
                          "notification (CSV; XLSX or JSON when --out ends so)")
    exp.add_argument("--out", required=True, metavar="FILE")
    exp.add_argument("--include-personal-data", action="store_true",
                     help="include e-mail addresses and phone numbers (people) and "
                          "home addresses (workers registers), which exports leave out "
                          "by default")
    exp.add_argument("--include-identity", action="store_true",
                     help="exposure, workers: include identity numbers in clear (each "
                          "export is "
                          "recorded in the audit trail); exports carry only masked numbers "
                          "by default")
    exp.add_argument("--as-of", metavar="YYYY-MM-DD", type=_date,
                     help="the date values are computed at, e.g. the sources' "
                          "activity_now_bq (default: today)")
    return ["import", "export"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return _import(args)
    from vernetool.exchange.registry import EXTRA_FORMATS, IDENTITY_KINDS
    from vernetool.services.exchange import ImportFileError

    if args.kind not in EXTRA_FORMATS.get(args.format, {args.kind}):
        raise CliError("cli.format_not_for_kind", format=args.format, kind=args.kind,
                       kinds=", ".join(sorted(EXTRA_FORMATS[args.format])))
    with open_services(args) as services:
        out = Path(args.out)
        if args.kind in IDENTITY_KINDS and args.include_identity:
            open_identity_vault(services)
        try:
            count = services.exchange.export_file(
                args.kind, out, args.format, include_personal_data=args.include_personal_data,
                include_identity=args.include_identity, as_of=args.as_of)
        except ImportFileError as exc:  # the identity vault would not open: nothing written
            raise CliError(exc.code, **exc.params) from None
        print_json({"exported": count, "file": str(out)})
        return 0


def _import(args: argparse.Namespace) -> int:
    """Import into the --db file; a file that does not exist yet becomes a new, empty
    database first (DESIGN.md), and stderr says so once the import has gone through. A
    failed import into a new path leaves no database behind."""
    from vernetool.exchange.registry import IDENTITY_KINDS
    from vernetool.services.exchange import ImportFileError
    from vernetool.services.maintenance.opening import remove_new_database

    source = Path(args.file)
    if not source.is_file():
        raise CliError("cli.no_such_file", path=str(source))
    mapping = Path(args.mapping) if args.mapping else None
    if mapping is not None and not mapping.is_file():
        raise CliError("cli.no_such_file", path=str(mapping))
    target = db_path(args, must_exist=False)
    new = not target.exists()
    try:
        with open_services(args, must_exist=False) as services:
            if args.kind in IDENTITY_KINDS:
                open_identity_vault(services)
            try:
                result = services.exchange.import_file(
                    args.kind, source, strict=args.strict, mapping=mapping,
                    create_rooms=args.create_rooms)
            except ImportFileError as exc:  # the file as a whole: nothing was imported
                raise CliError(exc.code, **exc.params) from None
    except BaseException:
        if new:
            remove_new_database(target)
        raise
    print_json(result.to_json())
    if result.skipped_rooms:  # counted in "skipped"; which rooms, for the person
        rooms = ", ".join(f"{room} ({n})" for room, n in result.skipped_rooms.items())
        print(f"vernetool: {render('cli.skipped_rooms', rooms=rooms)}", file=sys.stderr)
    if new and result.rejected:
        remove_new_database(target)
    elif new:
        print(f"vernetool: {render('cli.created_database', path=str(target))}",
              file=sys.stderr)
    # --strict refused the file (JSON above says why): a failure for scripts.
    return 1 if result.rejected else 0
