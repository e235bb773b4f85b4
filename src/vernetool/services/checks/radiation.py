"""Radiation register checks (strålevernforskriften §13): notifiable sources without a DSA
source id, and sources whose DSA status is missing or stolen. Also what a room's sources
put on its card (the radiation and laser signs)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from vernetool.db.checks import held_sources
from vernetool.domain.checks import CheckCode, Problem, Target
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    SourceKind,
    is_held,
    is_lost,
    is_tracked_laser,
    notifiability,
)


@dataclass
class RadiationFacts:
    problems: list[Problem]
    #: room id → the signs its held sources propose ("radiation", "laser")
    signs: dict[int, set[str]]


def radiation_checks(conn: sqlite3.Connection, room_id: int | None) -> RadiationFacts:
    problems: list[Problem] = []
    signs: dict[int, set[str]] = {}
    for (sid, rid, room, kind_text, laser_text, dsa_id, status_text, stated,
         name) in held_sources(conn, room_id):
        kind = SourceKind(kind_text)
        laser = LaserClass(laser_text) if laser_text else None
        status = DsaStatus(status_text) if status_text else None
        if not is_held(status):
            continue
        subject = name or kind.value
        if is_lost(status):
            problems.append(Problem(CheckCode.SOURCE_MISSING, room, subject,
                                    {"source": subject, "status": status_text},
                                    Target("source", sid, rid)))
            continue
        rule = notifiability(kind, laser, None if stated is None else bool(stated))
        if rule.notifiable and not dsa_id.strip():
            problems.append(Problem(CheckCode.SOURCE_NOT_NOTIFIED, room, subject,
                                    {"source": subject}, Target("source", sid, rid)))
        if rid is not None:
            if kind is SourceKind.LASER:
                if is_tracked_laser(laser):
                    signs.setdefault(rid, set()).add("laser")
            else:
                signs.setdefault(rid, set()).add("radiation")
    return RadiationFacts(problems, signs)
