"""Biological register checks (§31-3, forskrift om tiltaks- og grenseverdier vedlegg 2):
group 2-4 agents not notified 30 days before first use, group 3/4 and D agents with no
workers register entry, and registered workers of a V agent without a documented vaccination
offer. One problem per room the agent is in use in. Also the biohazard sign (group ≥ 2)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from vernetool.db.checks import agent_uses, agent_workers
from vernetool.domain.biology.agents import (
    NotificationState,
    notification_check,
    parse_notes,
    vaccine_offer_required,
    workers_register_required,
)
from vernetool.domain.checks import CheckCode, Problem


@dataclass
class BiologyFacts:
    problems: list[Problem]
    #: room id → the risk groups of the agents in use there (for the room card proposal)
    agent_groups: dict[int, list[int]]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def biology_checks(conn: sqlite3.Connection, room_id: int | None) -> BiologyFacts:
    problems: list[Problem] = []
    agent_groups: dict[int, list[int]] = {}
    uses = agent_uses(conn, room_id)
    workers = agent_workers(conn) if uses else {}
    for rid, room, agent_id, name, notes_text, notified, first_use, group in uses:
        notes = parse_notes(notes_text)
        agent_groups.setdefault(rid, []).append(group)
        check = notification_check(group, _date(notified), _date(first_use))
        if check.state in (NotificationState.MISSING, NotificationState.LATE):
            problems.append(Problem(
                CheckCode.BIO_NOTIFICATION_MISSING, room, name,
                {"agent": name, "notified": notified or "", "first_use": first_use or "",
                 "days": check.shortfall_days}))
        registered = workers.get(agent_id, [])
        if workers_register_required(group, notes) and not registered:
            problems.append(Problem(CheckCode.BIO_REGISTER_MISSING, room, name,
                                    {"agent": name, "group": group}))
        if vaccine_offer_required(notes):
            for _wid, person, offers in registered:
                if not offers:
                    problems.append(Problem(CheckCode.VACCINE_OFFER_MISSING, room, person,
                                            {"agent": name, "person": person}))
    return BiologyFacts(problems, agent_groups)
