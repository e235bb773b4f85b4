"""The biological agents register from and to files (DESIGN.md "Canonical biological agents
file"); one row per agent and room (a row without a room is the agent alone).

Import, row by row (a row is imported whole or reported with its spreadsheet row number):

- ``agent`` (the Latin name; ``Agens``, ``Organisme`` …): the agent's natural key
  (case-insensitive). ``agent_type`` (bacterium, virus, parasite, fungus, cell_line, other;
  ``Bakterie``, ``Sopp``, ``Cellelinje`` … accepted), ``risk_group`` (1-4; ``Gruppe 3``,
  ``Smitterisikogruppe 3``, ``RG3`` accepted) and ``notes`` (any of A, D, T, V: ``D, V``,
  ``DV``, ``T;V``; ``Merknader``; ``-``: none). A type, group or notes cell the row leaves
  empty keeps what the register has, or for a new agent comes from the built-in list
  (Directive 2000/54/EC Annex III) when it knows the agent (no type or group: an error).
  ``long_retention`` (yes/no: the workers register kept 40 years) defaults to the list's word.
  The first row of an agent gives its type, group, notes and remarks; a later row that says
  something else there is an error naming the first.
- ``room`` (``BUILDING:ROOM``; a room this database does not hold is an error),
  ``containment_level`` (1-4; ``BSL-2``, ``P2``, ``Nivå 2`` accepted), ``notified_at`` (the
  notification to Arbeidstilsynet), ``first_use``, ``ended_on``: the agent's use in that
  room, natural key agent + room (twice in one file: an error naming the earlier row).
- A column the file lacks keeps the stored value; a row as stored writes nothing, so
  re-importing a file changes nothing.

Export: one row per use (and one per agent used in no room), the canonical columns plus
``notification`` (ok, late, missing, not_required: the ≥ 30 days rule) and
``workers_register`` (yes when group 3/4 or note D).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.exchange.chemicals_io import parse_date
from vernetool.exchange.importing import (
    Cancel,
    Checker,
    Progress,
    RowProblems,
    checked_texts,
    import_file,
)
from vernetool.exchange.result import ImportResult
from vernetool.exchange.sources_io import find_room, load_rooms
from vernetool.exchange.tabular import Schema, TableRow, nocase, parse_bool
from vernetool.exchange.writers import write_records

if TYPE_CHECKING:
    from vernetool.db.biology.agents import AgentRow

FIELDS = ("agent", "agent_type", "risk_group", "notes", "long_retention", "remarks", "room",
          "containment_level", "notified_at", "first_use", "ended_on")
COLUMNS = (*FIELDS, "notification", "workers_register")

SCHEMA = Schema({
    "agent": ("Agens", "Organisme", "Smittestoff", "Biologisk faktor", "Navn",
              "Latinsk navn", "Agent", "Organism", "Name"),
    "agent_type": ("Type", "Agenstype", "Agent type"),
    "risk_group": ("Risikogruppe", "Smitterisikogruppe", "Gruppe", "Risk group", "Group"),
    "notes": ("Merknader", "Merknad", "Noter", "Notes"),
    "long_retention": ("Langvarig oppbevaring", "40 år", "Lagres 40 år", "Long retention"),
    "remarks": ("Kommentar", "Bemerkninger", "Beskrivelse", "Remarks", "Comment"),
    "room": ("Rom", "Romnr", "Romnummer", "Lokasjon", "Room", "Location"),
    "containment_level": ("Inneslutningsnivå", "Inneslutning", "Sikkerhetsnivå",
                          "Containment level", "Containment", "BSL"),
    "notified_at": ("Meldt", "Meldt Arbeidstilsynet", "Meldt til Arbeidstilsynet",
                    "Meldedato", "Notified", "Notified at"),
    "first_use": ("Første bruk", "Tatt i bruk", "Bruk fra", "First use"),
    "ended_on": ("Avsluttet", "Bruk avsluttet", "Sluttdato", "Ended", "Ended on"),
}, required=("agent",))

_LIMITS = {"agent": 200, "remarks": 2000, "room": 500}


@dataclass
class _AgentPlan:
    """An agent as this import leaves it; ``id`` known once stored (or written)."""

    row: int
    data: tuple[object, ...]
    agent: AgentRow
    id: int | None
    changed: bool = False
    written: bool = False


@dataclass
class _UseData:
    containment_level: int | None
    notified_at: dt.date | None
    first_use: dt.date | None
    ended_on: dt.date | None


_USE_FIELDS = ("containment_level", "notified_at", "first_use", "ended_on")


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _use_values(use: _UseData) -> tuple[object, ...]:
    return tuple(v.isoformat() if isinstance(v, dt.date) else v
                 for v in (use.containment_level, use.notified_at, use.first_use,
                           use.ended_on))


@dataclass
class _StoredUse:
    id: int
    values: tuple[object, ...]


@dataclass
class _Stored:
    agents: dict[str, tuple[int, AgentRow]] = field(default_factory=dict)
    uses: dict[tuple[int, int], _StoredUse] = field(default_factory=dict)


def _load(conn: sqlite3.Connection) -> _Stored:
    from vernetool.db.biology.agents import AgentRow
    from vernetool.db.biology.common import to_notes
    from vernetool.domain.biology.agents import AgentType, RiskGroup
    from vernetool.domain.biology.model import notes_letters

    stored = _Stored()
    for r in conn.execute("SELECT id, name, agent_type, risk_group, notes, long_retention, "
                          "catalogue_name, remarks FROM bio_agent"):
        row = AgentRow(r[1], AgentType(r[2]), RiskGroup(r[3]), notes_letters(to_notes(r[4])),
                       bool(r[5]), r[6], r[7])
        stored.agents[nocase(r[1])] = (r[0], row)
    for r in conn.execute("SELECT id, agent_id, room_id, containment_level, notified_at, "
                          "first_use, ended_on FROM bio_agent_use"):
        stored.uses[(r[1], r[2])] = _StoredUse(r[0], (r[3], r[4], r[5], r[6]))
    return stored


def catalogue_of(conn: sqlite3.Connection) -> Callable[[str], Any]:
    """The built-in list's entry for a name, with this database's edits laid over it."""
    from vernetool.db.biology.agents import catalogue_edits
    from vernetool.domain.biology.catalogue import lookup

    edits = {nocase(k): v for k, v in catalogue_edits(conn).items()}

    def find(name: str) -> Any:
        entry = lookup(name)
        key = nocase(entry.name if entry is not None else name)
        return edits.get(key) or edits.get(nocase(name)) or entry

    return find


class _AgentRows:
    def __init__(self, conn: sqlite3.Connection, has: Callable[[str], bool],
                 actor: str) -> None:
        self.conn = conn
        self.actor = actor
        self.has = has
        self.rooms = load_rooms(conn)
        self.stored = _load(conn)
        self.catalogue = catalogue_of(conn)
        self.plans: dict[str, _AgentPlan] = {}
        self.seen: dict[tuple[str, int], int] = {}

    def _agent(self, check: Checker, row: TableRow, name: str) -> AgentRow | None:
        """The row's agent, checked (a stored agent's values where the file has no column;
        the built-in list's where the cell is empty)."""
        from vernetool.db.biology.agents import agent_row
        from vernetool.domain.biology.agents import (
            AgentNote,
            parse_agent_type,
            parse_notes,
            parse_risk_group,
        )
        from vernetool.domain.biology.model import AgentInput

        values = row.values
        stored = self.stored.agents.get(nocase(name))
        base: AgentRow | None = stored[1] if stored else None
        entry = self.catalogue(name)
        agent_type = group = None
        if values.get("agent_type"):
            agent_type = check.run(lambda: parse_agent_type(values["agent_type"]), None)
        elif base is not None:
            agent_type = base.agent_type
        elif entry is not None:
            agent_type = entry.agent_type
        else:
            check.add("agent_type", "agent.type_missing")
        if values.get("risk_group"):
            group = check.run(lambda: parse_risk_group(values["risk_group"]), None)
        elif base is not None:
            group = base.risk_group
        elif entry is not None:
            group = entry.risk_group
        else:
            check.add("risk_group", "agent.risk_group_missing")
        notes: frozenset[AgentNote]
        if values.get("notes"):  # "-": none
            notes = check.run(lambda: parse_notes(values["notes"]), frozenset())
        elif base is not None:
            notes = parse_notes(base.notes)
        else:
            notes = entry.notes if entry is not None else frozenset()
        long_retention = None
        if values.get("long_retention"):
            long_retention = check.run(lambda: parse_bool(values["long_retention"],
                                                          "long_retention"), None)
        elif base is not None and not self.has("long_retention"):
            long_retention = base.long_retention
        remarks = values.get("remarks", "") if self.has("remarks") else (
            base.remarks if base is not None else "")
        if agent_type is None or group is None:
            return None
        catalogue_name = base.catalogue_name if base is not None else (
            entry.name if entry is not None and getattr(entry, "builtin", True) else "")
        default = bool(getattr(entry, "long_retention", False)) if entry is not None else False
        agent = check.run(lambda: agent_row(AgentInput(
            name if base is None else base.name, agent_type, group, notes, long_retention,
            catalogue_name, remarks), default), None)
        return agent

    def _use(self, check: Checker, row: TableRow) -> _UseData:
        from vernetool.domain.biology.agents import parse_containment_level

        values = row.values
        level = None
        if values.get("containment_level"):
            level = check.run(lambda: parse_containment_level(values["containment_level"]),
                              None)
        dates: dict[str, dt.date | None] = {}
        for name in ("notified_at", "first_use", "ended_on"):
            text = values.get(name, "")
            dates[name] = check.run(lambda: parse_date(text, name), None)  # noqa: B023
        return _UseData(level, dates["notified_at"], dates["first_use"], dates["ended_on"])

    def prepare(self, row: TableRow) -> Callable[[], bool] | None:
        check = Checker()
        text = checked_texts(check, row, _LIMITS)
        name = " ".join(text["agent"].split())
        if not name and not row.values.get("agent"):
            check.add("agent", "agent.name_required")
        agent = self._agent(check, row, name) if name else None
        room_id = check.run(lambda: find_room(self.rooms, text["room"]), None)
        use = self._use(check, row)
        check.raise_if_any()
        assert agent is not None
        key = nocase(agent.name)
        plan = self.plans.get(key)
        data = (agent.agent_type, agent.risk_group, agent.notes, agent.long_retention,
                agent.remarks)
        first = plan is None
        if plan is None:
            stored = self.stored.agents.get(key)
            changed = stored is None or stored[1].values() != agent.values()
            plan = _AgentPlan(row.number, data, agent, stored[0] if stored else None, changed)
            self.plans[key] = plan
        elif plan.data != data and self._says_something_else(row):
            raise RowProblems([("agent", "agent.row_differs", {"row": plan.row})])
        use_write = self._use_write(plan, room_id, use, row) if room_id is not None else None
        if not (first and plan.changed) and use_write is None:
            return None
        writes_agent = first and plan.changed
        final_plan = plan

        def write() -> bool:
            from vernetool.db.biology.agents import insert_agent, update_agent

            if writes_agent:
                if final_plan.id is None:
                    final_plan.id = insert_agent(self.conn, final_plan.agent, actor=self.actor)
                else:
                    update_agent(self.conn, final_plan.id, final_plan.agent, actor=self.actor)
            if use_write is not None:
                use_write()
            return True

        return write

    def _says_something_else(self, row: TableRow) -> bool:
        """A later row of an agent that leaves its agent cells empty says nothing else."""
        return any(row.values.get(n) for n in ("agent_type", "risk_group", "notes",
                                               "long_retention", "remarks"))

    def _use_write(self, plan: _AgentPlan, room_id: int, use: _UseData,
                   row: TableRow) -> Callable[[], None] | None:
        key = (nocase(plan.agent.name), room_id)
        if key in self.seen:
            raise RowProblems([("room", "agent.use_twice", {"row": self.seen[key]})])
        self.seen[key] = row.number
        stored = self.stored.uses.get((plan.id, room_id)) if plan.id is not None else None
        if stored is not None:
            level, notified, first, ended = stored.values
            old = _UseData(level if isinstance(level, int) else None, _date(notified),
                           _date(first), _date(ended))
            use = replace(use, **{name: getattr(old, name) for name in _USE_FIELDS
                                  if not self.has(name)})
            if _use_values(use) == stored.values:
                return None
        actor = self.actor
        use_id = stored.id if stored is not None else None

        def write() -> None:
            from vernetool.db.biology.uses import insert_use, update_use
            from vernetool.domain.biology.model import AgentUseInput

            assert plan.id is not None
            given = AgentUseInput(plan.id, room_id, use.containment_level, use.notified_at,
                                  use.first_use, use.ended_on)
            if use_id is None:
                insert_use(self.conn, given, actor=actor)
            else:
                update_use(self.conn, use_id, given, actor=actor)

        return write


def import_agents(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                  actor: str, progress: Progress | None = None,
                  cancel: Cancel | None = None, **_: Any) -> ImportResult:
    """Import a biological agents file (see the module docstring)."""
    from vernetool.db.biology.common import AGENT

    return import_file(conn, path, SCHEMA,
                       lambda has: _AgentRows(conn, has, actor or "import"),
                       entity=AGENT, strict=strict, actor=actor, progress=progress,
                       cancel=cancel)


# -- export ------------------------------------------------------------------------------------

def agent_records(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """One record per use of an agent in a room, and one per agent in no room."""
    from vernetool.db.biology.common import to_notes
    from vernetool.domain.biology.agents import (
        format_notes,
        notification_check,
        workers_register_required,
    )

    records: list[dict[str, Any]] = []
    for r in conn.execute(
            "SELECT a.name, a.agent_type, a.risk_group, a.notes, a.long_retention, a.remarks, "
            "CASE WHEN u.id IS NULL THEN '' ELSE b.code || ':' || rm.number END, "
            "u.containment_level, u.notified_at, u.first_use, u.ended_on, u.id "
            "FROM bio_agent a LEFT JOIN bio_agent_use u ON u.agent_id = a.id "
            "LEFT JOIN room rm ON rm.id = u.room_id "
            "LEFT JOIN building b ON b.id = rm.building_id "
            "ORDER BY a.name COLLATE NOCASE, b.code, rm.number"):
        notes = to_notes(r[3])
        notified = dt.date.fromisoformat(r[8]) if r[8] else None
        first = dt.date.fromisoformat(r[9]) if r[9] else None
        records.append({
            "agent": r[0], "agent_type": r[1], "risk_group": r[2],
            "notes": format_notes(notes), "long_retention": bool(r[4]), "remarks": r[5],
            "room": r[6], "containment_level": r[7], "notified_at": r[8] or "",
            "first_use": r[9] or "", "ended_on": r[10] or "",
            "notification": (notification_check(r[2], notified, first).state.value
                             if r[11] is not None else ""),
            "workers_register": workers_register_required(r[2], notes)})
    return records


def export_agents(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                  include_personal_data: bool = False, **_: Any) -> int:
    """Write the agents register to ``out`` (csv, xlsx, json); no personal data in it."""
    return write_records(out, fmt, COLUMNS, agent_records(conn), sheet_title="Agents")
