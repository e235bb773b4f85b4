"""Radiation register checks (strålevernforskriften §13): notifiable sources without a DSA
source id, and sources whose DSA status is missing or stolen. Also what a room's sources
put on its card (the radiation and laser signs)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from vernetool.db.checks import held_sources
from vernetool.domain.checks import CheckCode, Problem
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    SourceKind,
    is_held,
    is_lost,
    notifiability,
)
from vernetool.domain.room_card_proposal import ProposalSource


@dataclass
class RadiationFacts:
    problems: list[Problem]
    #: room id → its held sources (kind, laser class), as the room screen's proposal has them
    sources: dict[int, list[ProposalSource]]


def radiation_checks(conn: sqlite3.Connection, room_id: int | None) -> RadiationFacts:
    problems: list[Problem] = []
    sources: dict[int, list[ProposalSource]] = {}
    for (_sid, rid, room, kind_text, laser_text, dsa_id, status_text, stated,
         name) in held_sources(conn, room_id):
        kind = SourceKind(kind_text)
        laser = LaserClass(laser_text) if laser_text else None
        status = DsaStatus(status_text) if status_text else None
        if not is_held(status):
            continue
        if rid is not None:
            sources.setdefault(rid, []).append(ProposalSource(kind.value, laser_text or None))
        subject = name or kind.value
        if is_lost(status):
            problems.append(Problem(CheckCode.SOURCE_MISSING, room, subject,
                                    {"source": subject, "status": status_text}))
            continue
        rule = notifiability(kind, laser, None if stated is None else bool(stated))
        if rule.notifiable and not dsa_id.strip():
            problems.append(Problem(CheckCode.SOURCE_NOT_NOTIFIED, room, subject,
                                    {"source": subject}))
    return RadiationFacts(problems, sources)
