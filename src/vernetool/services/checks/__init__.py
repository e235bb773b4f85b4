"""Cross-register checks (``vernetool check``, the Needs-attention screen): every problem
code of DESIGN.md over the whole database or one room, as of a date. One module per
register family; the reads are in ``db.checks``, the rules in the domain packages.

Each problem carries its ``target`` (what to open to fix it) and its ``unit`` (the code of
the room's unit, or of the deviation's or round's unit when there is no room), for the
Needs-attention screen; ``extras=True`` adds the reminders beyond DESIGN's codes
(``services.checks.reminders``)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.domain.checks import Problem, problem_order
from vernetool.services.store import Store

__all__ = ["ChecksService"]


def _sds_max_age(conn: sqlite3.Connection) -> int:
    """The configured age of an old safety data sheet (``ChemicalsService``'s setting),
    read on the connection the checks use."""
    from vernetool.db.meta import get_meta
    from vernetool.services.chemicals.products import DEFAULT_SDS_MAX_AGE, SDS_MAX_AGE

    value = get_meta(conn, SDS_MAX_AGE)
    try:
        return max(1, int(value)) if value else DEFAULT_SDS_MAX_AGE
    except ValueError:
        return DEFAULT_SDS_MAX_AGE


class ChecksService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def problems(self, room_id: int | None = None, as_of: dt.date | None = None, *,
                 extras: bool = False, with_units: bool = False,
                 own_connection: bool = False) -> list[Problem]:
        """The problems (room by room, unit problems first) of the room or of everything,
        as of ``as_of`` (default today). Unit problems (``round_missing``) only without a
        room. ``extras``: the reminders too (overdue leak tests and cabinet
        certifications). ``with_units``: each room problem's ``unit`` filled in (one more
        read; the problems of deviations and rounds carry theirs anyway).
        ``own_connection``: read on a connection of its own (a job off the GUI thread)."""
        day = as_of or dt.date.today()
        if own_connection:
            with self.store.reader() as conn:
                return self._problems(conn, room_id, day, extras, with_units)
        with self.store.read() as conn:
            return self._problems(conn, room_id, day, extras, with_units)

    @staticmethod
    def _problems(conn: sqlite3.Connection, room_id: int | None, day: dt.date,
                  extras: bool, with_units: bool) -> list[Problem]:
        from vernetool.db.checks import room_units, shared_reads
        from vernetool.services.checks.biology import biology_checks
        from vernetool.services.checks.chemicals import chemical_problems
        from vernetool.services.checks.follow_up import follow_up_checks
        from vernetool.services.checks.radiation import radiation_checks
        from vernetool.services.checks.reminders import reminder_checks
        from vernetool.services.checks.rooms import room_checks

        with shared_reads(conn):
            max_age = _sds_max_age(conn)
            radiation = radiation_checks(conn, room_id)
            biology = biology_checks(conn, room_id)
            found_problems = [
                *chemical_problems(conn, room_id, day, max_age),
                *radiation.problems, *biology.problems,
                *room_checks(conn, room_id, day, radiation.sources, biology.agent_groups),
                *follow_up_checks(conn, room_id, day)]
            if extras:
                found_problems.extend(reminder_checks(conn, room_id, day))
            rooms = {p.target.room_id for p in found_problems if not p.unit
                     and p.target is not None and p.target.room_id is not None}
            if with_units and rooms:
                units = room_units(conn, rooms)
                found_problems = [
                    Problem(p.code, p.room, p.subject, p.params, p.target,
                            units.get(p.target.room_id, ""))
                    if not p.unit and p.target is not None and p.target.room_id is not None
                    else p for p in found_problems]
        return sorted(found_problems, key=problem_order)
