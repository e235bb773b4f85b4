"""``vernetool room --db PATH --room BUILDING:ROOM [--as-of YYYY-MM-DD]``: everything about
one room as JSON (keys fixed in DESIGN.md "`room` JSON"; ``problems`` as the ``check``
command prints them, for this room only)."""

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
    room = subparsers.add_parser(
        "room", parents=[common], help="everything about one room as JSON",
        description="The room, its responsible and deputy, the stored room card and the card "
                    "the registers propose, chemicals, sources, agents, open deviations and "
                    "open round findings.")
    room.add_argument("--room", required=True, metavar="BUILDING:ROOM")
    room.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", dest="as_of",
                      help="the day the responsibilities and activities are taken on "
                           "(default: today)")
    return ["room"]


def run(args: argparse.Namespace) -> int:
    building, colon, number = args.room.partition(":")
    if not colon or not building.strip() or not number.strip():
        raise CliError("cli.bad_room", room=args.room)
    with open_services(args) as services:
        overview = services.room_overview
        room = overview.find_room(building.strip(), number.strip())
        if room is None or room.id is None:
            raise CliError("cli.no_such_room", room=args.room)
        data = overview.overview(room, args.as_of)
    data["problems"] = problems_json(data["problems"])
    print_json(data)
    return 0
