"""Room checks: rooms whose registers hold hazardous chemicals, sources or agents and that
have no room card (``roomcard_missing``) or a card that disagrees with the registers
(``roomcard_stale``, see ``domain.checks.card_gaps`` for the proposal), and rooms with
registers but no current room responsible (``responsible_missing``)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.checks import (
    holdings_in_use,
    products_in_use,
    room_labels_with_cards,
    rooms_with_responsible,
)
from vernetool.db.organisation.room_cards import get_card
from vernetool.domain.checks import CheckCode, Problem, Target, card_gaps
from vernetool.domain.chemicals.quantities import flammable_category, to_litres


def room_checks(conn: sqlite3.Connection, room_id: int | None, as_of: dt.date,
                signs: dict[int, set[str]]) -> list[Problem]:
    """``signs``: room id → the warning signs its sources and agents propose."""
    pictograms: dict[int, set[str]] = {}
    litres: dict[int, list[float]] = {}
    registered: set[int] = set(signs)
    categories: dict[str, int | None] = {}  # many holdings share a product's H codes
    products = products_in_use(conn, room_id)
    for rid, pid, quantity, unit in holdings_in_use(conn, room_id):
        _name, codes, h_codes = products[pid][:3]
        registered.add(rid)
        if codes:
            pictograms.setdefault(rid, set()).update(codes.split(","))
        if h_codes not in categories:
            categories[h_codes] = flammable_category(c for c in h_codes.split(",") if c)
        category = categories[h_codes]
        if category is not None and quantity is not None:
            amount = to_litres(quantity, unit)
            if amount is not None:
                litres.setdefault(rid, [0.0, 0.0])[category - 1] += amount
    if not registered:
        return []
    rooms = room_labels_with_cards(conn, registered)
    responsible = rooms_with_responsible(conn, registered, as_of.isoformat())
    problems: list[Problem] = []
    for rid in sorted(registered, key=lambda r: rooms[r][0].casefold()):
        label, has_card = rooms[rid]
        hazardous = bool(pictograms.get(rid) or signs.get(rid))
        if hazardous and not has_card:
            problems.append(Problem(CheckCode.ROOMCARD_MISSING, label, label, {"room": label},
                                    Target("room_card", rid, rid)))
        elif hazardous:
            cat1, cat2 = litres.get(rid, [0.0, 0.0])
            gap = card_gaps(get_card(conn, rid), pictograms.get(rid, set()),
                            signs.get(rid, set()), cat1, cat2)
            if gap:
                reasons = [*gap.pictograms, *gap.signs,
                           *(f"cat{c} {used:g} L > {'—' if most is None else f'{most:g} L'}"
                             for c, used, most in gap.litres)]
                problems.append(Problem(CheckCode.ROOMCARD_STALE, label, label,
                                        {"room": label, "reasons": ", ".join(reasons)},
                                        Target("room_card", rid, rid)))
        if rid not in responsible:
            problems.append(Problem(CheckCode.RESPONSIBLE_MISSING, label, label,
                                    {"room": label}, Target("room", rid, rid)))
    return problems
