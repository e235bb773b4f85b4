"""``vernetool check --db PATH [--room BUILDING:ROOM] [--as-of DATE]``: the cross-register
problems as JSON, ``{"as_of": date, "problems": [{"code", "room", "subject", "message"}]}``
(codes in DESIGN.md; messages follow ``--lang``). Problems are data: exit 0."""

from __future__ import annotations

import argparse
import datetime as dt

from vernetool.cli import CliError
from vernetool.commands.common import open_services, print_json, problems_json


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    check = subparsers.add_parser(
        "check", parents=[common], help="cross-register problems as JSON",
        description="Missing or old safety data sheets, CMR products without exposure "
                    "entries, missing or stale room cards, sources not notified to DSA, "
                    "biological agents not notified or without workers register, missing "
                    "vaccination offers, rooms without a responsible, units without this "
                    "year's HSE round and overdue measures.")
    check.add_argument("--room", metavar="BUILDING:ROOM", help="only this room's problems")
    check.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", dest="as_of",
                       help="the day the checks are made for (default: today)")
    return ["check"]


def run(args: argparse.Namespace) -> int:
    as_of: dt.date = args.as_of or dt.date.today()
    with open_services(args) as services:
        room_id = None
        if args.room is not None:
            building, colon, number = args.room.partition(":")
            if not colon or not building.strip() or not number.strip():
                raise CliError("cli.bad_room", room=args.room)
            room = services.rooms.find(building.strip(), number.strip())
            if room is None or room.id is None:
                raise CliError("cli.no_such_room", room=args.room)
            room_id = room.id
        problems = services.checks.problems(room_id, as_of)
    print_json({"as_of": as_of.isoformat(), "problems": problems_json(problems)})
    return 0
