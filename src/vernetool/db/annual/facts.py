"""What the registers know about a unit for its annual report: the unit and its sub-units'
rooms, rounds, radiation sources and workers, chemical holdings, biological agents and
workers, the rooms with sources or agents (responsible, card) and the deviations reported.

Each read takes the unit ids (``unit_tree``) and the year; ``domain.annual.prefill`` turns the
facts into proposals.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from vernetool.domain.annual.prefill import (
    AgentUseFact,
    BioWorkerFact,
    RadiationWorkerFact,
    RoundFact,
    SourceFact,
)

_TREE = ("WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT u.id FROM unit u "
         "JOIN tree t ON u.parent_id = t.id) ")


def unit_tree(conn: sqlite3.Connection, unit_id: int) -> list[int]:
    """The unit and every unit below it."""
    return [int(r[0]) for r in conn.execute(_TREE + "SELECT id FROM tree", (unit_id,))]


def _in(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def rounds(conn: sqlite3.Connection, units: Sequence[int], year: int) -> list[RoundFact]:
    """The rounds of the units starting in ``year``, any status."""
    out = []
    for r in conn.execute(f"SELECT start_date, status, title FROM hse_round WHERE unit_id IN "
                          f"({_in(units)}) AND substr(start_date, 1, 4) = ? "
                          "ORDER BY start_date", (f"{year:04d}",)):
        start = _date(r["start_date"])
        if start is not None:
            out.append(RoundFact(start, r["status"], r["title"]))
    return out


def sources(conn: sqlite3.Connection, units: Sequence[int]) -> list[SourceFact]:
    """The radiation sources in the units' rooms (held or not: the rule looks at the dates)."""
    return [SourceFact(int(r["id"]), r["name"] or r["nuclide"] or r["model"], r["kind"],
                       r["dsa_id"], None if r["notifiable"] is None else bool(r["notifiable"]),
                       r["dsa_status"], _date(r["disposed_on"]), r["room_id"],
                       r["serial_number"])
            for r in conn.execute(
                "SELECT s.id, s.name, s.nuclide, s.model, s.kind, s.dsa_id, s.notifiable, "
                "s.dsa_status, s.disposed_on, s.room_id, s.serial_number "
                "FROM radiation_source s JOIN room rm ON rm.id = s.room_id "
                f"WHERE rm.unit_id IN ({_in(units)}) ORDER BY s.id")]


def radiation_workers(conn: sqlite3.Connection, units: Sequence[int], year: int
                      ) -> list[RadiationWorkerFact]:
    """The workers register's entries still exposed in (or after the start of) ``year``,
    each with whether the person belongs to the units."""
    start = f"{year:04d}-01-01"
    return [RadiationWorkerFact(bool(r["in_unit"]), r["sources"])
            for r in conn.execute(
                "SELECT w.sources, (p.unit_id IN (" + _in(units) + ")) AS in_unit "
                "FROM radiation_worker w LEFT JOIN person p ON p.id = w.person_id "
                "WHERE w.exposure_end IS NULL OR w.exposure_end >= ?", (start,))]


@dataclass(frozen=True)
class Holdings:
    holdings: int
    rooms: int


def holdings(conn: sqlite3.Connection, units: Sequence[int], year: int) -> Holdings:
    """Chemical holdings in the units' rooms in use during ``year`` (not disposed before)."""
    row = conn.execute(
        "SELECT count(*), count(DISTINCT h.room_id) FROM chemical_holding h "
        f"JOIN room rm ON rm.id = h.room_id WHERE rm.unit_id IN ({_in(units)}) "
        "AND (h.status = 'in_use' OR h.disposed_on >= ?)", (f"{year:04d}-01-01",)).fetchone()
    return Holdings(int(row[0]), int(row[1]))


def agent_uses(conn: sqlite3.Connection, units: Sequence[int], year: int
               ) -> list[AgentUseFact]:
    """The biological agents used in the units' rooms during ``year`` (not ended before)."""
    return [AgentUseFact(int(r["agent_id"]), r["name"], int(r["risk_group"]), r["notes"],
                         int(r["room_id"]))
            for r in conn.execute(
                "SELECT u.agent_id, a.name, a.risk_group, a.notes, u.room_id "
                "FROM bio_agent_use u JOIN bio_agent a ON a.id = u.agent_id "
                f"JOIN room rm ON rm.id = u.room_id WHERE rm.unit_id IN ({_in(units)}) "
                "AND (u.ended_on IS NULL OR u.ended_on >= ?) ORDER BY a.name, u.room_id",
                (f"{year:04d}-01-01",))]


def bio_workers(conn: sqlite3.Connection, units: Sequence[int], agent_ids: Sequence[int]
                ) -> list[BioWorkerFact]:
    """The biological workers register's entries for ``agent_ids`` whose person is of the
    units (or not linked to a person), with their vaccination offers."""
    if not agent_ids:
        return []
    return [BioWorkerFact(r["agent_id"], int(r["offers"]))
            for r in conn.execute(
                "SELECT w.agent_id, (SELECT count(*) FROM bio_vaccination_offer o "
                "WHERE o.worker_id = w.id) AS offers FROM bio_worker w "
                "LEFT JOIN person p ON p.id = w.person_id "
                f"WHERE w.agent_id IN ({_in(agent_ids)}) "
                f"AND (w.person_id IS NULL OR p.unit_id IN ({_in(units)})) ORDER BY w.id")]


@dataclass(frozen=True)
class HazardRoom:
    room_id: int
    label: str
    radiation: bool
    biology: bool
    has_responsible: bool
    has_card: bool


def hazard_rooms(conn: sqlite3.Connection, units: Sequence[int], year: int,
                 on: dt.date) -> list[HazardRoom]:
    """The units' rooms holding a source (held in ``year``) or an agent (in use in ``year``):
    whether each has a room responsible on ``on`` and a room card."""
    start = f"{year:04d}-01-01"
    rows = conn.execute(
        "SELECT rm.id, b.code || ' ' || rm.number AS label, "
        "EXISTS (SELECT 1 FROM radiation_source s WHERE s.room_id = rm.id "
        "        AND (s.disposed_on >= ? OR (s.disposed_on IS NULL AND s.dsa_status NOT IN "
        "        ('sold', 'condemned', 'deposited', 'returned')))) AS radiation, "
        "EXISTS (SELECT 1 FROM bio_agent_use u WHERE u.room_id = rm.id "
        "        AND (u.ended_on IS NULL OR u.ended_on >= ?)) AS biology, "
        "EXISTS (SELECT 1 FROM room_responsibility r WHERE r.room_id = rm.id "
        "        AND r.kind = 'responsible' AND r.valid_from <= ? "
        "        AND (r.valid_to IS NULL OR r.valid_to >= ?)) AS responsible, "
        "EXISTS (SELECT 1 FROM room_card c WHERE c.room_id = rm.id) AS card "
        f"FROM room rm JOIN building b ON b.id = rm.building_id "
        f"WHERE rm.unit_id IN ({_in(units)}) ORDER BY b.code, rm.number",
        (start, start, on.isoformat(), on.isoformat())).fetchall()
    return [HazardRoom(int(r["id"]), r["label"], bool(r["radiation"]), bool(r["biology"]),
                       bool(r["responsible"]), bool(r["card"]))
            for r in rows if r["radiation"] or r["biology"]]


def deviations(conn: sqlite3.Connection, units: Sequence[int], year: int) -> list[dt.date]:
    """When each deviation the units reported in ``year`` was reported (by the deviation's
    unit, or its room's when it names none)."""
    out = []
    for r in conn.execute(
            "SELECT d.reported_at FROM deviation d LEFT JOIN room rm ON rm.id = d.room_id "
            f"WHERE coalesce(d.unit_id, rm.unit_id) IN ({_in(units)}) "
            "AND substr(d.reported_at, 1, 4) = ? ORDER BY d.reported_at",
            (f"{year:04d}",)):
        when = _date(r["reported_at"])
        if when is not None:
            out.append(when)
    return out
