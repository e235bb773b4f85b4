"""Room checks: rooms whose registers call for a room card and that have none
(``roomcard_missing``) or whose card disagrees with the registers (``roomcard_stale``), and
rooms with registers but no current room responsible (``responsible_missing``).

The card a room's registers call for is ``domain.room_card_proposal.propose_card`` and whether
the stored card is stale is ``compare_card`` — the very rule the room screen and
``services.room_cards.comparison`` use — fed here from bulk reads (two queries for the
holdings, the sources and agents the radiation and biology checks read anyway, one query per
500 rooms for the cards), so it stays fast over a university's 30,000 rooms."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.checks import room_labels_with_cards, rooms_with_responsible
from vernetool.db.organisation.room_cards import card_holdings, cards
from vernetool.domain.checks import CheckCode, Problem
from vernetool.domain.room_card_proposal import (
    ProposalSource,
    compare_card,
    needs_card,
    propose_card,
)


def room_checks(conn: sqlite3.Connection, room_id: int | None, as_of: dt.date,
                sources: dict[int, list[ProposalSource]],
                agent_groups: dict[int, list[int]]) -> list[Problem]:
    """``sources`` / ``agent_groups``: room id → the held sources / the risk groups of the
    agents in use (``RadiationFacts.sources``, ``BiologyFacts.agent_groups``)."""
    holdings = card_holdings(conn, room_id)
    registered: set[int] = {*holdings, *sources, *agent_groups}
    if not registered:
        return []
    proposals = {rid: propose_card(holdings.get(rid, ()), sources.get(rid, ()),
                                   agent_groups.get(rid, ())) for rid in registered}
    rooms = room_labels_with_cards(conn, registered)
    hazardous = {rid for rid, proposal in proposals.items() if needs_card(proposal)}
    stored = cards(conn, hazardous)
    responsible = rooms_with_responsible(conn, registered, as_of.isoformat())
    problems: list[Problem] = []
    for rid in sorted(registered, key=lambda r: rooms[r][0].casefold()):
        label = rooms[rid][0]
        if rid in hazardous:
            card = stored.get(rid)
            if card is None:
                problems.append(Problem(CheckCode.ROOMCARD_MISSING, label, label,
                                        {"room": label}))
            else:
                reason = compare_card(card, proposals[rid]).stale_reason()
                if reason is not None:
                    problems.append(Problem(CheckCode.ROOMCARD_STALE, label, label,
                                            {"room": label, "reasons": reason}))
        if rid not in responsible:
            problems.append(Problem(CheckCode.RESPONSIBLE_MISSING, label, label,
                                    {"room": label}))
    return problems
