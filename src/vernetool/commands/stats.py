"""``vernetool stats --db PATH --year YYYY [--hours N] [--as-of YYYY-MM-DD] [--unit CODE]``:
the yearly deviation statistics as JSON (keys fixed in DESIGN.md; with ``--unit`` one more,
``"unit"``, naming the unit counted)."""

from __future__ import annotations

import argparse
import datetime as dt

from vernetool.cli import CliError
from vernetool.commands.common import open_services, print_json


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _hours(text: str) -> float:
    try:
        value = float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of hours") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("hours worked must be more than 0")
    return value


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    stats = subparsers.add_parser(
        "stats", parents=[common], help="deviation statistics for a year as JSON",
        description="Registered and closed reports per type as of a date, injuries, "
                    "counts per category, severity and month, H1 and H2.")
    stats.add_argument("--year", type=int, required=True, metavar="YYYY")
    stats.add_argument("--hours", type=_hours, metavar="N",
                       help="hours worked in the year (default: the hours stored for it)")
    stats.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", dest="as_of",
                       help="count reports closed on or before this date (default: today)")
    stats.add_argument("--unit", metavar="CODE",
                       help="only the reports of this unit and its sub-units (H1 and H2 "
                            "then need --hours, the unit's own hours)")
    return ["stats"]


def run(args: argparse.Namespace) -> int:
    if not 1900 <= args.year <= 2999:
        raise CliError("cli.bad_year", year=args.year)
    with open_services(args) as services:
        if args.unit and not any(u.code.casefold() == args.unit.strip().casefold()
                                 for u in services.units.units()):
            raise CliError("cli.unknown_unit", unit=args.unit)
        print_json(services.statistics.year(args.year, as_of=args.as_of, hours=args.hours,
                                            unit=args.unit))
    return 0
