"""Agents of the biological register and the user's edits of the built-in list.

An agent's natural key is its Latin name (case-insensitive). Every change leaves an audit
entry, and its previous type, group, notes and retention in ``bio_agent_history`` (the
trigger). An agent is deleted only while nothing refers to it (no room, no worker).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from vernetool.db import audit
from vernetool.db.biology.common import AGENT, CATALOGUE, to_notes
from vernetool.db.chemicals.common import NOW_SQL, like_clauses, search_words
from vernetool.db.connection import atomic
from vernetool.domain.biology.agents import AgentType, RiskGroup
from vernetool.domain.biology.model import (
    Agent,
    AgentInput,
    AgentState,
    CatalogueEntry,
    notes_letters,
)
from vernetool.domain.errors import ValidationError

Outcome = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class AgentRow:
    """An agent checked and ready to store (``long_retention`` decided)."""

    name: str
    agent_type: AgentType
    risk_group: RiskGroup
    notes: str
    long_retention: bool
    catalogue_name: str
    remarks: str

    def values(self) -> tuple[object, ...]:
        return (self.name, self.agent_type.value, int(self.risk_group), self.notes,
                int(self.long_retention), self.catalogue_name, self.remarks,
                search_words(self.name, self.catalogue_name, self.agent_type.value,
                             f"rg{int(self.risk_group)}"))

    def details(self) -> dict[str, object]:
        return {"name": self.name, "agent_type": self.agent_type.value,
                "risk_group": int(self.risk_group), "notes": self.notes,
                "long_retention": self.long_retention, "catalogue_name": self.catalogue_name}


def agent_row(inp: AgentInput, long_retention_default: bool = False) -> AgentRow:
    """Check an input (a name is required); ``long_retention`` None takes the default the
    caller found (the catalogue's word)."""
    name = " ".join(inp.name.split())
    if not name:
        raise ValidationError("agent.name_required", "name")
    long_retention = (long_retention_default if inp.long_retention is None
                      else inp.long_retention)
    return AgentRow(name, AgentType(inp.agent_type), RiskGroup(int(inp.risk_group)),
                    notes_letters(inp.notes), bool(long_retention),
                    " ".join(inp.catalogue_name.split()), inp.remarks.strip())


_COLUMNS = ("name", "agent_type", "risk_group", "notes", "long_retention", "catalogue_name",
            "remarks", "search_text")
_SELECT = (
    "SELECT a.*, "
    "(SELECT count(*) FROM bio_agent_use u WHERE u.agent_id = a.id AND u.ended_on IS NULL) "
    " AS rooms, "
    "(SELECT count(*) FROM bio_worker w WHERE w.agent_id = a.id) AS workers "
    "FROM bio_agent a ")


def _agent(row: sqlite3.Row) -> Agent:
    return Agent(id=row["id"], name=row["name"], agent_type=AgentType(row["agent_type"]),
                 risk_group=RiskGroup(row["risk_group"]), notes=to_notes(row["notes"]),
                 long_retention=bool(row["long_retention"]),
                 catalogue_name=row["catalogue_name"], remarks=row["remarks"],
                 rooms=row["rooms"], workers=row["workers"], created_at=row["created_at"],
                 updated_at=row["updated_at"])


def get_agent(conn: sqlite3.Connection, agent_id: int) -> Agent | None:
    row = conn.execute(f"{_SELECT} WHERE a.id = ?", (agent_id,)).fetchone()
    return _agent(row) if row else None


def require_agent(conn: sqlite3.Connection, agent_id: int) -> Agent:
    found = get_agent(conn, agent_id)
    if found is None:
        raise ValidationError("agent.no_such_id", "agent", agent_id=agent_id)
    return found


def find_agent(conn: sqlite3.Connection, name: str) -> Agent | None:
    """The agent by its natural key, the name (case and spacing free)."""
    row = conn.execute(f"{_SELECT} WHERE a.name = ?", (" ".join(name.split()),)).fetchone()
    return _agent(row) if row else None


def list_agents(conn: sqlite3.Connection, text: str = "", *,
                risk_groups: Sequence[int] = (), agent_type: AgentType | None = None,
                in_use: bool | None = None, workers_register: bool | None = None
                ) -> list[Agent]:
    """The register by name, filtered: every word of ``text`` in the name, catalogue name
    or type; the risk groups named; one type; in use in a room now (or not); calling for a
    workers register (group 3/4 or note D) or not."""
    clauses, params = like_clauses("a.search_text", text)
    if risk_groups:
        clauses.append(f"a.risk_group IN ({','.join('?' * len(risk_groups))})")
        params += [int(g) for g in risk_groups]
    if agent_type is not None:
        clauses.append("a.agent_type = ?")
        params.append(AgentType(agent_type).value)
    if in_use is not None:
        clauses.append(("" if in_use else "NOT ") + "EXISTS (SELECT 1 FROM bio_agent_use u "
                       "WHERE u.agent_id = a.id AND u.ended_on IS NULL)")
    if workers_register is not None:
        clauses.append(("" if workers_register else "NOT ")
                       + "(a.risk_group >= 3 OR instr(a.notes, 'D') > 0)")
    where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
    rows = conn.execute(f"{_SELECT}{where}ORDER BY a.name, a.id", params).fetchall()
    return [_agent(r) for r in rows]


def agent_history(conn: sqlite3.Connection, agent_id: int) -> list[AgentState]:
    """The agent's earlier states, oldest first."""
    rows = conn.execute("SELECT * FROM bio_agent_history WHERE agent_id = ? ORDER BY id",
                        (agent_id,)).fetchall()
    return [AgentState(r["changed_at"], r["name"], AgentType(r["agent_type"]),
                       RiskGroup(r["risk_group"]), to_notes(r["notes"]),
                       bool(r["long_retention"])) for r in rows]


def _clash(conn: sqlite3.Connection, name: str, agent_id: int | None) -> None:
    row = conn.execute("SELECT id FROM bio_agent WHERE name = ?", (name,)).fetchone()
    if row is not None and int(row[0]) != agent_id:
        raise ValidationError("agent.duplicate", "name", name=name)


def insert_agent(conn: sqlite3.Connection, row: AgentRow, *, actor: str) -> int:
    with atomic(conn):
        _clash(conn, row.name, None)
        cur = conn.execute(f"INSERT INTO bio_agent ({', '.join(_COLUMNS)}) "
                           f"VALUES ({', '.join('?' * len(_COLUMNS))})", row.values())
        agent_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, AGENT, agent_id, "create", row.details())
    return agent_id


def update_agent(conn: sqlite3.Connection, agent_id: int, row: AgentRow, *, actor: str
                 ) -> bool:
    """Change an agent; False when nothing differed (no audit entry, no history)."""
    sets = ", ".join(f"{c} = ?{i + 1}" for i, c in enumerate(_COLUMNS))
    differs = " OR ".join(f"{c} IS NOT ?{i + 1}" for i, c in enumerate(_COLUMNS))
    with atomic(conn):
        require_agent(conn, agent_id)
        _clash(conn, row.name, agent_id)
        cur = conn.execute(f"UPDATE bio_agent SET {sets}, updated_at = {NOW_SQL} "
                           f"WHERE id = ?{len(_COLUMNS) + 1} AND ({differs})",
                           (*row.values(), agent_id))
        if cur.rowcount:
            audit.record(conn, actor, AGENT, agent_id, "update", row.details())
    return bool(cur.rowcount)


def upsert_agents(conn: sqlite3.Connection, rows: Sequence[AgentRow], *, actor: str
                  ) -> list[tuple[int, Outcome]]:
    """Insert or update agents on their name (an import), in one transaction: the id and
    what happened, per row. A row equal to the stored agent is not touched."""
    found: list[tuple[int, Outcome]] = []
    with atomic(conn):
        for row in rows:
            current = conn.execute("SELECT id FROM bio_agent WHERE name = ?",
                                   (row.name,)).fetchone()
            if current is None:
                found.append((insert_agent(conn, row, actor=actor), "created"))
            else:
                changed = update_agent(conn, int(current[0]), row, actor=actor)
                found.append((int(current[0]), "updated" if changed else "unchanged"))
    return found


def delete_agent(conn: sqlite3.Connection, agent_id: int, *, actor: str) -> None:
    """Remove an agent no room and no worker refers to (``agent.in_use`` otherwise)."""
    with atomic(conn):
        agent = require_agent(conn, agent_id)
        used = conn.execute("SELECT (SELECT count(*) FROM bio_agent_use WHERE agent_id = ?1) "
                            "+ (SELECT count(*) FROM bio_worker WHERE agent_id = ?1)",
                            (agent_id,)).fetchone()[0]
        if used:
            raise ValidationError("agent.in_use", "agent", name=agent.name)
        conn.execute("DELETE FROM bio_agent WHERE id = ?", (agent_id,))
        audit.record(conn, actor, AGENT, agent_id, "delete",
                     {"name": agent.name, "risk_group": int(agent.risk_group),
                      "notes": notes_letters(agent.notes)})


# -- the user's edits of the built-in list -----------------------------------------------------

def catalogue_edits(conn: sqlite3.Connection) -> dict[str, CatalogueEntry]:
    """The stored edits and own entries, by case-folded name (``builtin`` and ``edited``
    are decided by the caller, which knows the shipped list)."""
    rows = conn.execute("SELECT * FROM bio_catalogue_edit ORDER BY name").fetchall()
    return {str(r["name"]).casefold(): CatalogueEntry(
        name=r["name"], agent_type=AgentType(r["agent_type"]),
        risk_group=RiskGroup(r["risk_group"]), notes=to_notes(r["notes"]),
        long_retention=bool(r["long_retention"]), builtin=False, edited=True,
        remarks=r["remarks"]) for r in rows}


def save_catalogue_edit(conn: sqlite3.Connection, entry: CatalogueEntry, *, actor: str
                        ) -> None:
    name = " ".join(entry.name.split())
    if not name:
        raise ValidationError("agent.name_required", "name")
    values = (name, AgentType(entry.agent_type).value, int(entry.risk_group),
              notes_letters(entry.notes), int(entry.long_retention), entry.remarks.strip(),
              actor)
    with atomic(conn):
        conn.execute(
            "INSERT INTO bio_catalogue_edit (name, agent_type, risk_group, notes, "
            "long_retention, remarks, edited_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET agent_type = excluded.agent_type, "
            "risk_group = excluded.risk_group, notes = excluded.notes, "
            "long_retention = excluded.long_retention, remarks = excluded.remarks, "
            f"edited_by = excluded.edited_by, edited_at = {NOW_SQL}", values)
        audit.record(conn, actor, CATALOGUE, None, "edit",
                     {"name": name, "agent_type": values[1], "risk_group": values[2],
                      "notes": values[3], "long_retention": bool(values[4])})


def delete_catalogue_edit(conn: sqlite3.Connection, name: str, *, actor: str) -> bool:
    """Drop a user's edit (the shipped entry shows again) or own entry; False: none."""
    with atomic(conn):
        cur = conn.execute("DELETE FROM bio_catalogue_edit WHERE name = ?",
                           (" ".join(name.split()),))
        if cur.rowcount:
            audit.record(conn, actor, CATALOGUE, None, "reset", {"name": name})
    return bool(cur.rowcount)
