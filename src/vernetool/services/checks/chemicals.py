"""Chemical register checks: the products in use with a missing, old or foreign-language
safety data sheet (forskrift om utførelse av arbeid §2-3), and the products that trigger
the exposure register (§31-1) with no entry. One problem per room and product."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.checks import room_products
from vernetool.domain.checks import CheckCode, Problem
from vernetool.domain.chemicals.sds import SdsState, sds_states

_SDS_CODES = {SdsState.MISSING: CheckCode.SDS_MISSING, SdsState.OLD: CheckCode.SDS_OLD,
              SdsState.LANGUAGE: CheckCode.SDS_LANGUAGE}


def chemical_problems(conn: sqlite3.Connection, room_id: int | None, as_of: dt.date,
                      max_age_years: int) -> list[Problem]:
    problems: list[Problem] = []
    for room, _pid, name, exposure_register, has_entry, revised, language in room_products(
            conn, room_id):
        revised_on = dt.date.fromisoformat(revised) if revised else None
        states = sds_states(language is not None, revised_on, language or "", as_of,
                            max_age_years)
        for state in SdsState:
            if state in states:
                params: dict[str, object] = {"product": name}
                if state is SdsState.OLD:
                    params.update(revised=revised or "", years=max_age_years)
                elif state is SdsState.LANGUAGE:
                    params.update(language=language or "")
                problems.append(Problem(_SDS_CODES[state], room, name, params))
        if exposure_register and not has_entry:
            problems.append(Problem(CheckCode.EXPOSURE_MISSING, room, name, {"product": name}))
    return problems
