"""Chemical register checks: the products in use with a missing, old or foreign-language
safety data sheet (forskrift om utførelse av arbeid §2-3), and the products that trigger
the exposure register (§31-1) with no entry. One problem per room and product."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.checks import holdings_in_use, products_in_use, room_labels_with_cards
from vernetool.domain.checks import CheckCode, Problem, Target
from vernetool.domain.chemicals.sds import SdsState, sds_states

_SDS_CODES = {SdsState.MISSING: CheckCode.SDS_MISSING, SdsState.OLD: CheckCode.SDS_OLD,
              SdsState.LANGUAGE: CheckCode.SDS_LANGUAGE}


def chemical_problems(conn: sqlite3.Connection, room_id: int | None, as_of: dt.date,
                      max_age_years: int) -> list[Problem]:
    products = products_in_use(conn, room_id)
    pairs = {(rid, pid) for rid, pid, _q, _u, _h, _c in holdings_in_use(conn, room_id)}
    labels = room_labels_with_cards(conn, {rid for rid, _pid in pairs})
    found: dict[int, list[tuple[CheckCode, dict[str, object]]]] = {}
    for pid, (name, _pictograms, _codes, exposure_register, has_entry, revised,
              language) in products.items():
        revised_on = dt.date.fromisoformat(revised) if revised else None
        states = sds_states(language is not None, revised_on, language or "", as_of,
                            max_age_years)
        kinds: list[tuple[CheckCode, dict[str, object]]] = []
        for state in SdsState:
            if state in states:
                params: dict[str, object] = {"product": name}
                if state is SdsState.OLD:
                    params.update(revised=revised or "", years=max_age_years)
                elif state is SdsState.LANGUAGE:
                    params.update(language=language or "")
                kinds.append((_SDS_CODES[state], params))
        if exposure_register and not has_entry:
            kinds.append((CheckCode.EXPOSURE_MISSING, {"product": name}))
        if kinds:
            found[pid] = kinds
    return [Problem(code, labels[rid][0], products[pid][0], params,
                    Target("exposure" if code is CheckCode.EXPOSURE_MISSING else "product",
                           pid, rid))
            for rid, pid in pairs if pid in found for code, params in found[pid]]
