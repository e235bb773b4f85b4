"""Follow-up checks: units with rooms and no HSE round this year (every unit at least once a
year), and deviation measures and round-finding actions still open past their deadline."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.checks import overdue_findings, overdue_measures, units_without_round
from vernetool.domain.checks import CheckCode, Problem, Target


def follow_up_checks(conn: sqlite3.Connection, room_id: int | None, as_of: dt.date
                     ) -> list[Problem]:
    problems: list[Problem] = []
    if room_id is None:  # a unit's problem names no room
        for code, name, unit_id in units_without_round(conn, as_of.year):
            problems.append(Problem(CheckCode.ROUND_MISSING, "", code,
                                    {"unit": code, "name": name, "year": as_of.year},
                                    Target("unit", unit_id, code=code), code))
    day = as_of.isoformat()
    for (room, title, measure, deadline, measure_id, deviation_id, rid,
         unit) in overdue_measures(conn, day, room_id):
        problems.append(Problem(CheckCode.ACTION_OVERDUE, room, title,
                                {"subject": title, "action": measure, "deadline": deadline},
                                Target("measure", measure_id, rid, deviation_id), unit))
    for (room, finding, action, deadline, finding_id, round_id, rid,
         unit) in overdue_findings(conn, day, room_id):
        problems.append(Problem(CheckCode.ACTION_OVERDUE, room, finding,
                                {"subject": finding, "action": action or finding,
                                 "deadline": deadline},
                                Target("finding", finding_id, rid, round_id), unit))
    return problems
