"""``vernetool report KIND``: PDF reports, one sub-command per kind (round, deviations,
storage-place, roomcard).

A kind adds its sub-parser in ``add_parser`` and its runner to ``_RUNNERS``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from vernetool.cli import CliError
from vernetool.commands.common import not_found, open_services
from vernetool.i18n import render


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    report = subparsers.add_parser("report", help="write a PDF report")
    kinds = report.add_subparsers(dest="kind", metavar="KIND", required=True)
    rnd = kinds.add_parser("round", parents=[common], help="the report of an HSE round")
    rnd.add_argument("--round", required=True, metavar="ID|latest",
                     help="the round's id, or 'latest' for the newest round")
    rnd.add_argument("--out", required=True, metavar="FILE.pdf")
    dev = kinds.add_parser("deviations", parents=[common],
                           help="the yearly deviation report (tables, charts, H1/H2)")
    dev.add_argument("--year", type=int, required=True, metavar="YYYY")
    dev.add_argument("--out", required=True, metavar="FILE.pdf")
    dev.add_argument("--as-of", dest="as_of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                     help="count reports closed on or before this date (default: today)")
    dev.add_argument("--hours", type=float, metavar="N",
                     help="hours worked in the year (default: the hours stored for it)")
    place = kinds.add_parser("storage-place", parents=[common],
                             help="the printable list of a storage place (or of every place "
                                  "of a room)")
    place.add_argument("--room", required=True, metavar="BUILDING:ROOM")
    place.add_argument("--place", metavar="TEXT",
                       help="the storage place, e.g. 'Syreskap 1' (default: every place of "
                            "the room, one section each)")
    place.add_argument("--out", required=True, metavar="FILE.pdf")
    card = kinds.add_parser(
        "roomcard", parents=[common], help="the room card (romkort) as an A4 door sign",
        description="The room's stored card as an A4 door sign. A room without a card is "
                    "refused (make the card first); a card that disagrees with the registers "
                    "is printed as stored, with a warning on stderr.")
    card.add_argument("--room", required=True, metavar="BUILDING:ROOM")
    card.add_argument("--out", required=True, metavar="FILE.pdf")
    return ["report"]


def _language(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or "nb"


def _round(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with open_services(args) as services:
        try:
            round_id = services.rounds.resolve(args.round)
        except LookupError as exc:
            raise not_found(exc) from None
        services.action_plan.write_report(round_id, out, _language(args))
    print(render("cli.round_report_written", path=str(out)))
    return 0


def _deviations(args: argparse.Namespace) -> int:
    if not 1900 <= args.year <= 2999:
        raise CliError("cli.bad_year", year=args.year)
    out = Path(args.out)
    with open_services(args) as services:
        services.statistics.write_report(args.year, out, _language(args), as_of=args.as_of,
                                         hours=args.hours)
    print(render("cli.deviation_report_written", path=str(out)))
    return 0


def _storage_place(args: argparse.Namespace) -> int:
    building, colon, number = args.room.partition(":")
    if not colon or not building.strip() or not number.strip():
        raise CliError("cli.bad_room", room=args.room)
    out = Path(args.out)
    with open_services(args) as services:
        room = services.rooms.find(building.strip(), number.strip())
        if room is None or room.id is None:
            raise CliError("cli.no_such_room", room=args.room)
        place = args.place
        if place is not None:
            places = services.chemicals.storage_places(room.id)
            known = {p.casefold(): p for p in places}
            if place.strip().casefold() not in known:
                raise CliError("cli.no_such_place", room=room.label, place=place,
                               places=", ".join(places) or "—")
            place = known[place.strip().casefold()]
        services.storage_lists.write(room.id, place, out, _language(args))
        count = 1 if place is not None else len(services.chemicals.storage_places(room.id))
    if place is not None:
        print(render("cli.storage_list_written", place=place, room=room.label, path=str(out)))
    elif count:
        print(render("cli.storage_lists_written", n=count, room=room.label, path=str(out)))
    else:
        print(render("cli.storage_list_empty_written", room=room.label, path=str(out)))
    return 0


def _roomcard(args: argparse.Namespace) -> int:
    """The door sign of the room's stored card; exit 1 for a room that does not exist or has
    no card; a stale card is printed, and stderr says how it disagrees with the registers."""
    building, colon, number = args.room.partition(":")
    if not colon or not building.strip() or not number.strip():
        raise CliError("cli.bad_room", room=args.room)
    out = Path(args.out)
    with open_services(args) as services:
        room = services.rooms.find(building.strip(), number.strip())
        if room is None or room.id is None:
            raise CliError("cli.no_such_room", room=args.room)
        printer = services.room_card_print
        try:
            printer.write(room.id, out, _language(args))
        except LookupError as exc:
            raise not_found(exc) from None
        stale = printer.stale(room.id)
    for problem in stale:
        print("vernetool: " + render("cli.roomcard_stale", problem=render(
            problem.message_code, **problem.params)), file=sys.stderr)
    print(render("cli.roomcard_written", room=room.label, path=str(out)))
    return 0


_RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "round": _round,
    "deviations": _deviations,
    "storage-place": _storage_place,
    "roomcard": _roomcard,
}


def run(args: argparse.Namespace) -> int:
    return _RUNNERS[args.kind](args)
