"""Agents used in rooms: containment level, the notification to Arbeidstilsynet, first use.

Natural key agent + room. A use that stops keeps its row with ``ended_on``; every change
leaves its previous state in ``bio_agent_use_history`` (the trigger) and an audit entry.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from vernetool.db import audit
from vernetool.db.biology.agents import Outcome, require_agent
from vernetool.db.biology.common import AGENT_USE, room_label_sql, to_notes
from vernetool.db.chemicals.common import NOW_SQL, iso, to_date
from vernetool.db.connection import atomic
from vernetool.domain.biology.agents import AgentType, RiskGroup, parse_containment_level
from vernetool.domain.biology.model import AgentUse, AgentUseInput, AgentUseState
from vernetool.domain.errors import ValidationError

_SELECT = (
    "SELECT u.*, a.name AS agent_name, a.agent_type, a.risk_group, a.notes, "
    f"{room_label_sql('u.room_id')} AS room_label "
    "FROM bio_agent_use u JOIN bio_agent a ON a.id = u.agent_id ")
_COLUMNS = ("containment_level", "notified_at", "first_use", "ended_on")


def _use(row: sqlite3.Row) -> AgentUse:
    return AgentUse(
        id=row["id"], agent_id=row["agent_id"], agent_name=row["agent_name"],
        agent_type=AgentType(row["agent_type"]), risk_group=RiskGroup(row["risk_group"]),
        notes=to_notes(row["notes"]), room_id=row["room_id"],
        room_label=row["room_label"] or "", containment_level=row["containment_level"],
        notified_at=to_date(row["notified_at"]), first_use=to_date(row["first_use"]),
        ended_on=to_date(row["ended_on"]), updated_at=row["updated_at"])


def get_use(conn: sqlite3.Connection, use_id: int) -> AgentUse | None:
    row = conn.execute(f"{_SELECT} WHERE u.id = ?", (use_id,)).fetchone()
    return _use(row) if row else None


def require_use(conn: sqlite3.Connection, use_id: int) -> AgentUse:
    found = get_use(conn, use_id)
    if found is None:
        raise ValidationError("agent_use.no_such_id", "use", use_id=use_id)
    return found


def find_use(conn: sqlite3.Connection, agent_id: int, room_id: int) -> AgentUse | None:
    row = conn.execute(f"{_SELECT} WHERE u.agent_id = ? AND u.room_id = ?",
                       (agent_id, room_id)).fetchone()
    return _use(row) if row else None


def list_uses(conn: sqlite3.Connection, *, agent_id: int | None = None,
              room_id: int | None = None, include_ended: bool = False) -> list[AgentUse]:
    """Uses by room label and agent name: of one agent, of one room, or all."""
    clauses: list[str] = []
    params: list[object] = []
    if agent_id is not None:
        clauses.append("u.agent_id = ?")
        params.append(agent_id)
    if room_id is not None:
        clauses.append("u.room_id = ?")
        params.append(room_id)
    if not include_ended:
        clauses.append("u.ended_on IS NULL")
    where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
    rows = conn.execute(f"{_SELECT}{where}ORDER BY room_label, a.name, u.id",
                        params).fetchall()
    return [_use(r) for r in rows]


def use_history(conn: sqlite3.Connection, use_id: int) -> list[AgentUseState]:
    rows = conn.execute("SELECT * FROM bio_agent_use_history WHERE use_id = ? ORDER BY id",
                        (use_id,)).fetchall()
    return [AgentUseState(r["changed_at"], r["containment_level"], to_date(r["notified_at"]),
                          to_date(r["first_use"]), to_date(r["ended_on"])) for r in rows]


def checked_use(conn: sqlite3.Connection, inp: AgentUseInput) -> AgentUseInput:
    """The agent and room exist; the containment level is 1-4."""
    require_agent(conn, inp.agent_id)
    if conn.execute("SELECT 1 FROM room WHERE id = ?", (inp.room_id,)).fetchone() is None:
        raise ValidationError("room.no_such_id", "room", room_id=inp.room_id)
    if inp.containment_level is not None:
        parse_containment_level(inp.containment_level)
    if inp.first_use is not None and inp.ended_on is not None and inp.ended_on < inp.first_use:
        raise ValidationError("agent_use.end_before_first_use", "ended_on")
    return inp


def _values(inp: AgentUseInput) -> tuple[object, ...]:
    return (inp.containment_level, iso(inp.notified_at), iso(inp.first_use),
            iso(inp.ended_on))


def _details(inp: AgentUseInput) -> dict[str, object]:
    return {"agent_id": inp.agent_id, "room_id": inp.room_id,
            "containment_level": inp.containment_level, "notified_at": iso(inp.notified_at),
            "first_use": iso(inp.first_use), "ended_on": iso(inp.ended_on)}


def insert_use(conn: sqlite3.Connection, inp: AgentUseInput, *, actor: str) -> int:
    with atomic(conn):
        checked_use(conn, inp)
        if find_use(conn, inp.agent_id, inp.room_id) is not None:
            raise ValidationError("agent_use.duplicate", "room", room_id=inp.room_id)
        cur = conn.execute("INSERT INTO bio_agent_use (agent_id, room_id, containment_level, "
                           "notified_at, first_use, ended_on) VALUES (?, ?, ?, ?, ?, ?)",
                           (inp.agent_id, inp.room_id, *_values(inp)))
        use_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, AGENT_USE, use_id, "create", _details(inp))
    return use_id


def update_use(conn: sqlite3.Connection, use_id: int, inp: AgentUseInput, *, actor: str
               ) -> bool:
    """Change a use's level and dates (its agent and room are its key and stay)."""
    sets = ", ".join(f"{c} = ?{i + 1}" for i, c in enumerate(_COLUMNS))
    differs = " OR ".join(f"{c} IS NOT ?{i + 1}" for i, c in enumerate(_COLUMNS))
    with atomic(conn):
        current = require_use(conn, use_id)
        if (inp.agent_id, inp.room_id) != (current.agent_id, current.room_id):
            raise ValidationError("agent_use.key_changed", "room")
        checked_use(conn, inp)
        cur = conn.execute(f"UPDATE bio_agent_use SET {sets}, updated_at = {NOW_SQL} "
                           f"WHERE id = ?{len(_COLUMNS) + 1} AND ({differs})",
                           (*_values(inp), use_id))
        if cur.rowcount:
            audit.record(conn, actor, AGENT_USE, use_id, "update", _details(inp))
    return bool(cur.rowcount)


def upsert_uses(conn: sqlite3.Connection, items: Sequence[AgentUseInput], *, actor: str
                ) -> list[tuple[int, Outcome]]:
    """Insert or update uses on agent + room (an import), in one transaction."""
    found: list[tuple[int, Outcome]] = []
    with atomic(conn):
        for inp in items:
            current = find_use(conn, inp.agent_id, inp.room_id)
            if current is None:
                found.append((insert_use(conn, inp, actor=actor), "created"))
            else:
                changed = update_use(conn, current.id, inp, actor=actor)
                found.append((current.id, "updated" if changed else "unchanged"))
    return found


def end_use(conn: sqlite3.Connection, use_id: int, on: dt.date, *, actor: str) -> None:
    """The room stops using the agent on ``on`` (the row stays, with its history)."""
    with atomic(conn):
        current = require_use(conn, use_id)
        update_use(conn, use_id, AgentUseInput(
            current.agent_id, current.room_id, current.containment_level,
            current.notified_at, current.first_use, on), actor=actor)
