"""The biological register: agents (picked from the built-in list or typed in), the rooms
that use them with containment level and the notification to Arbeidstilsynet, and the
biosafety cabinets with their yearly certifications.

The built-in list (``domain.biology.catalogue``) is offered for picking; a user's edit of an
entry is stored in the database (``bio_catalogue_edit``) and laid over the shipped entry, so
the shipped list never changes and "reset" brings it back. The rules are the domain's:
``notification_check`` (group 2-4 notified at least 30 days before first use),
``containment_below_group``, ``cabinet_certification``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from vernetool.db.biology import agents as agent_rows
from vernetool.db.biology import cabinets as cabinet_rows
from vernetool.db.biology import uses as use_rows
from vernetool.db.biology.agents import AgentRow
from vernetool.domain.biology import catalogue
from vernetool.domain.biology.agents import (
    AgentType,
    CabinetCertification,
    CertificationState,
    NotificationState,
)
from vernetool.domain.biology.model import (
    Agent,
    AgentInput,
    AgentState,
    AgentUse,
    AgentUseInput,
    AgentUseState,
    Cabinet,
    CabinetInput,
    CatalogueEntry,
    Certification,
    CertificationInput,
)
from vernetool.domain.errors import ValidationError
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["BioAgentsService", "catalogue_lookup"]


def _shipped(agent: catalogue.CatalogueAgent) -> CatalogueEntry:
    return CatalogueEntry(agent.name, agent.agent_type, agent.risk_group, agent.notes,
                          agent.long_retention, builtin=True, edited=False,
                          listed=agent.listed, not_airborne=agent.not_airborne,
                          aliases=agent.aliases)


def _overlaid(agent: catalogue.CatalogueAgent, edit: CatalogueEntry | None) -> CatalogueEntry:
    shipped = _shipped(agent)
    if edit is None:
        return shipped
    return CatalogueEntry(shipped.name, edit.agent_type, edit.risk_group, edit.notes,
                          edit.long_retention, builtin=True, edited=True,
                          listed=shipped.listed, not_airborne=shipped.not_airborne,
                          aliases=shipped.aliases, remarks=edit.remarks)


def _entries(conn: sqlite3.Connection) -> list[CatalogueEntry]:
    """The shipped list with this database's edits laid over it, then the user's own."""
    edits = agent_rows.catalogue_edits(conn)
    found = [_overlaid(agent, edits.pop(agent.name.casefold(), None))
             for agent in catalogue.AGENTS]
    own = [CatalogueEntry(e.name, e.agent_type, e.risk_group, e.notes, e.long_retention,
                          builtin=False, edited=False, remarks=e.remarks)
           for e in edits.values()]
    return found + sorted(own, key=lambda e: e.name.casefold())


def catalogue_lookup(conn: sqlite3.Connection, name: str) -> CatalogueEntry | None:
    """The entry a name or alias names (the shipped list's lookup, then own entries)."""
    shipped = catalogue.lookup(name)
    edits = agent_rows.catalogue_edits(conn)
    if shipped is not None:
        return _overlaid(shipped, edits.get(shipped.name.casefold()))
    key = catalogue.name_key(name)
    for entry in _entries(conn):
        if not entry.builtin and catalogue.name_key(entry.name) == key:
            return entry
    return None


class BioAgentsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- the built-in list ---------------------------------------------------------------
    def catalogue(self, text: str = "", limit: int | None = None) -> list[CatalogueEntry]:
        """The list offered for picking (edits laid over the shipped entries, own entries
        after them): all, or those whose name or an alias contains ``text``, an exact
        match first."""
        with self.store.read() as conn:
            entries = _entries(conn)
            key = catalogue.name_key(text)
            if key:
                exact = catalogue_lookup(conn, text)
                matches = [e for e in entries
                           if any(key in catalogue.name_key(n) for n in (e.name, *e.aliases))]
                if exact is not None:
                    matches = [exact] + [e for e in matches if e.name != exact.name]
                entries = matches
        return entries if limit is None else entries[:limit]

    def catalogue_entry(self, name: str) -> CatalogueEntry | None:
        """The entry for a name or alias (case and spacing free), as this database has it."""
        with self.store.read() as conn:
            return catalogue_lookup(conn, name)

    def edit_catalogue_entry(self, entry: CatalogueEntry) -> CatalogueEntry:
        """Store an edit of an entry of the list (or an entry of the user's own): the
        shipped list stays as shipped; agents already in the register do not change."""
        with self.store.write(Topic.AGENTS) as conn:
            shipped = catalogue.lookup(entry.name)
            name = shipped.name if shipped is not None else entry.name
            agent_rows.save_catalogue_edit(conn, CatalogueEntry(
                name, entry.agent_type, entry.risk_group, entry.notes, entry.long_retention,
                remarks=entry.remarks), actor=self.store.actor)
            found = catalogue_lookup(conn, name)
            assert found is not None
            return found

    def reset_catalogue_entry(self, name: str) -> bool:
        """Drop the edit of an entry (the shipped entry shows again) or an own entry."""
        with self.store.write(Topic.AGENTS) as conn:
            shipped = catalogue.lookup(name)
            return agent_rows.delete_catalogue_edit(
                conn, shipped.name if shipped is not None else name, actor=self.store.actor)

    def add_from_catalogue(self, name: str) -> Agent:
        """Put the list's entry (as edited here) into the register; an agent of that name
        already there is returned as it is."""
        with self.store.write(Topic.AGENTS) as conn:
            entry = catalogue_lookup(conn, name)
            if entry is None:
                raise ValidationError("catalogue.no_such_entry", "name", name=name.strip())
            existing = agent_rows.find_agent(conn, entry.name)
            if existing is not None:
                return existing
            agent_id = agent_rows.insert_agent(conn, self.prepare_agent(conn, entry.as_input()),
                                               actor=self.store.actor)
            return agent_rows.require_agent(conn, agent_id)

    # -- agents ----------------------------------------------------------------------------
    def prepare_agent(self, conn: sqlite3.Connection, inp: AgentInput) -> AgentRow:
        """The row to store (the importer's path too): ``long_retention`` None takes the
        list's word for the agent (by its catalogue name, else its own name)."""
        default = False
        if inp.long_retention is None:
            entry = catalogue_lookup(conn, inp.catalogue_name or inp.name)
            default = entry.long_retention if entry is not None else False
        return agent_rows.agent_row(inp, default)

    def save(self, inp: AgentInput, agent_id: int | None = None) -> Agent:
        """A new agent (``agent.duplicate`` for a name already there) or a change."""
        topic = Topic.AGENTS if agent_id is None else Change(Topic.AGENTS, (agent_id,))
        with self.store.write(topic) as conn:
            row = self.prepare_agent(conn, inp)
            if agent_id is None:
                agent_id = agent_rows.insert_agent(conn, row, actor=self.store.actor)
            else:
                agent_rows.update_agent(conn, agent_id, row, actor=self.store.actor)
            return agent_rows.require_agent(conn, agent_id)

    def upsert(self, inputs: Sequence[AgentInput]) -> list[Agent]:
        """Agents saved on their names (an import), in one transaction."""
        with self.store.write(Topic.AGENTS) as conn:
            rows = [self.prepare_agent(conn, inp) for inp in inputs]
            done = agent_rows.upsert_agents(conn, rows, actor=self.store.actor)
            return [agent_rows.require_agent(conn, agent_id) for agent_id, _ in done]

    def agent(self, agent_id: int) -> Agent:
        with self.store.read() as conn:
            return agent_rows.require_agent(conn, agent_id)

    def find(self, name: str) -> Agent | None:
        with self.store.read() as conn:
            return agent_rows.find_agent(conn, name)

    def agents(self, text: str = "", *, risk_groups: Sequence[int] = (),
               agent_type: AgentType | None = None, in_use: bool | None = None,
               workers_register: bool | None = None) -> list[Agent]:
        """The register by name, filtered (see ``db.biology.agents.list_agents``)."""
        with self.store.read() as conn:
            return agent_rows.list_agents(conn, text, risk_groups=risk_groups,
                                          agent_type=agent_type, in_use=in_use,
                                          workers_register=workers_register)

    def history(self, agent_id: int) -> list[AgentState]:
        with self.store.read() as conn:
            return agent_rows.agent_history(conn, agent_id)

    def delete(self, agent_id: int) -> None:
        """Delete an agent no room and no worker refers to (``agent.in_use`` otherwise)."""
        with self.store.write(Change(Topic.AGENTS, (agent_id,))) as conn:
            agent_rows.delete_agent(conn, agent_id, actor=self.store.actor)

    # -- agents in rooms -------------------------------------------------------------------
    def save_use(self, inp: AgentUseInput) -> AgentUse:
        """Register the agent in the room, or change that use (natural key agent + room)."""
        with self.store.write(Change(Topic.AGENTS, (inp.agent_id,))) as conn:
            use_id, _ = use_rows.upsert_uses(conn, [inp], actor=self.store.actor)[0]
            return use_rows.require_use(conn, use_id)

    def upsert_uses(self, inputs: Sequence[AgentUseInput]) -> list[AgentUse]:
        with self.store.write(Topic.AGENTS) as conn:
            done = use_rows.upsert_uses(conn, inputs, actor=self.store.actor)
            return [use_rows.require_use(conn, use_id) for use_id, _ in done]

    def end_use(self, use_id: int, on: dt.date) -> AgentUse:
        """The room stops using the agent (the row and its history stay)."""
        with self.store.write(Topic.AGENTS) as conn:
            use_rows.end_use(conn, use_id, on, actor=self.store.actor)
            return use_rows.require_use(conn, use_id)

    def use(self, use_id: int) -> AgentUse:
        with self.store.read() as conn:
            return use_rows.require_use(conn, use_id)

    def uses(self, agent_id: int | None = None, *, include_ended: bool = False
             ) -> list[AgentUse]:
        with self.store.read() as conn:
            return use_rows.list_uses(conn, agent_id=agent_id, include_ended=include_ended)

    def room_agents(self, room_id: int, *, include_ended: bool = False) -> list[AgentUse]:
        """The agents a room uses (the room detail's list), by agent name."""
        with self.store.read() as conn:
            found = use_rows.list_uses(conn, room_id=room_id, include_ended=include_ended)
        return sorted(found, key=lambda u: (u.agent_name.casefold(), u.id))

    def use_history(self, use_id: int) -> list[AgentUseState]:
        with self.store.read() as conn:
            return use_rows.use_history(conn, use_id)

    def notification_problems(self) -> list[AgentUse]:
        """Uses of group 2-4 agents not notified to Arbeidstilsynet, or notified fewer than
        30 days before first use (``use.notification`` tells which and by how many days)."""
        return [u for u in self.uses()
                if u.notification.state in (NotificationState.MISSING, NotificationState.LATE)]

    def containment_problems(self) -> list[AgentUse]:
        """Uses in a room whose containment level is below the agent's risk group."""
        return [u for u in self.uses() if u.containment_too_low]

    # -- biosafety cabinets ----------------------------------------------------------------
    def save_cabinet(self, inp: CabinetInput, cabinet_id: int | None = None) -> Cabinet:
        with self.store.write(Topic.AGENTS) as conn:
            if cabinet_id is None:
                cabinet_id = cabinet_rows.insert_cabinet(conn, inp, actor=self.store.actor)
            else:
                cabinet_rows.update_cabinet(conn, cabinet_id, inp, actor=self.store.actor)
            return cabinet_rows.require_cabinet(conn, cabinet_id)

    def upsert_cabinets(self, inputs: Sequence[CabinetInput]) -> list[Cabinet]:
        with self.store.write(Topic.AGENTS) as conn:
            done = cabinet_rows.upsert_cabinets(conn, inputs, actor=self.store.actor)
            return [cabinet_rows.require_cabinet(conn, cabinet_id) for cabinet_id, _ in done]

    def remove_cabinet(self, cabinet_id: int, on: dt.date) -> Cabinet:
        """Take a cabinet out of use (its row and certifications stay)."""
        with self.store.write(Topic.AGENTS) as conn:
            c = cabinet_rows.require_cabinet(conn, cabinet_id)
            cabinet_rows.update_cabinet(conn, cabinet_id, CabinetInput(
                c.room_id, c.make, c.model, c.serial_number, c.remarks, on),
                actor=self.store.actor)
            return cabinet_rows.require_cabinet(conn, cabinet_id)

    def cabinet(self, cabinet_id: int) -> Cabinet:
        with self.store.read() as conn:
            return cabinet_rows.require_cabinet(conn, cabinet_id)

    def cabinets(self, room_id: int | None = None, *, include_removed: bool = False
                 ) -> list[Cabinet]:
        with self.store.read() as conn:
            return cabinet_rows.list_cabinets(conn, room_id, include_removed=include_removed)

    def certify(self, cabinet_id: int, inp: CertificationInput) -> Cabinet:
        """Record a certification (date, certifier, next due as written or a year on)."""
        with self.store.write(Topic.AGENTS) as conn:
            cabinet_rows.add_certification(conn, cabinet_id, inp, actor=self.store.actor)
            return cabinet_rows.require_cabinet(conn, cabinet_id)

    def certifications(self, cabinet_id: int) -> list[Certification]:
        with self.store.read() as conn:
            cabinet_rows.require_cabinet(conn, cabinet_id)
            return cabinet_rows.certifications(conn, cabinet_id)

    def cabinets_due(self, as_of: dt.date | None = None, *, include_due_soon: bool = True
                     ) -> list[tuple[Cabinet, CabinetCertification]]:
        """Cabinets in use that are overdue for certification or were never certified (and
        those due within 30 days), with where each stands on ``as_of`` (default today),
        the most overdue first."""
        day = as_of or dt.date.today()
        states = {CertificationState.OVERDUE, CertificationState.NEVER}
        if include_due_soon:
            states.add(CertificationState.DUE_SOON)
        found = [(c, c.certification(day)) for c in self.cabinets()]
        due = [(c, s) for c, s in found if s.state in states]
        return sorted(due, key=lambda cs: (cs[1].next_due or dt.date.min, cs[0].id))

    def overdue_cabinets(self, as_of: dt.date | None = None) -> list[Cabinet]:
        """Cabinets in use past their due date, or never certified."""
        return [c for c, _ in self.cabinets_due(as_of, include_due_soon=False)]
