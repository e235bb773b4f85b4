"""Room checks: rooms whose registers call for a room card and that have none
(``roomcard_missing``) or whose card disagrees with the registers (``roomcard_stale``), and
rooms with registers but no current room responsible (``responsible_missing``).

The card a room's registers call for is ``domain.room_card_proposal.propose_card`` and whether
the stored card is stale is ``compare_card`` — the very rule the room screen and
``services.room_cards.comparison`` use — fed here from bulk reads, so it stays fast over a
university's 30,000 rooms: the holdings in use (read once, shared with the chemical checks),
their products' H codes, the sources and agents the radiation and biology checks read
anyway, and the cards. ``propose_cards`` is ``propose_card`` for every room at once; a card
is first tested with ``card_is_stale`` (the same answer as ``compare_card``, without building
the comparison: 4 in 5 cards agree), and only the stale ones are read in full and compared
for their reasons."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.checks import (
    card_facts,
    hazard_codes_in_use,
    holdings_in_use,
    room_labels_with_cards,
    rooms_with_responsible,
)
from vernetool.db.organisation.room_cards import cards
from vernetool.domain.checks import CheckCode, Problem, Target
from vernetool.domain.room_card_proposal import (
    ProposalSource,
    card_is_stale,
    compare_card,
    needs_card,
    propose_cards,
)


def room_checks(conn: sqlite3.Connection, room_id: int | None, as_of: dt.date,
                sources: dict[int, list[ProposalSource]],
                agent_groups: dict[int, list[int]]) -> list[Problem]:
    """``sources`` / ``agent_groups``: room id → the held sources / the risk groups of the
    agents in use (``RadiationFacts.sources``, ``BiologyFacts.agent_groups``)."""
    proposals = propose_cards(holdings_in_use(conn, room_id),
                              hazard_codes_in_use(conn, room_id), sources, agent_groups)
    if not proposals:
        return []
    registered = set(proposals)
    rooms = room_labels_with_cards(conn, registered)
    hazardous = {rid for rid, proposal in proposals.items() if needs_card(proposal)}
    # every card (one read) when most rooms are asked about, else the rooms' own
    stored = card_facts(conn, None if room_id is None else hazardous)
    stale = {rid for rid in hazardous if rid in stored
             and card_is_stale(stored[rid], proposals[rid])}
    full = cards(conn, stale) if stale else {}
    responsible = rooms_with_responsible(conn, registered, as_of.isoformat())
    problems: list[Problem] = []
    for rid in sorted(registered, key=lambda r: rooms[r][0].casefold()):
        label = rooms[rid][0]
        if rid in hazardous:
            if rid not in stored:
                problems.append(Problem(CheckCode.ROOMCARD_MISSING, label, label,
                                        {"room": label}, Target("room_card", rid, rid)))
            elif rid in stale:
                reason = compare_card(full[rid], proposals[rid]).stale_reason()
                if reason is not None:
                    problems.append(Problem(CheckCode.ROOMCARD_STALE, label, label,
                                            {"room": label, "reasons": reason},
                                            Target("room_card", rid, rid)))
        if rid not in responsible:
            problems.append(Problem(CheckCode.RESPONSIBLE_MISSING, label, label,
                                    {"room": label}, Target("room", rid, rid)))
    return problems
