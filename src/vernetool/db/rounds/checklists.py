"""Which checklist items each room of a round asks: its template version, filtered by the
room's type, by the facts on its room card (gas, radiation ...) and by what the registers
hold in the room (``domain.room_registers.register_facts``). The registers change between
rounds, so the facts are read each time a room is shown; an answer to an item that no longer
applies stays stored (it is only not asked)."""

from __future__ import annotations

import sqlite3

from vernetool.db.organisation import room_cards
from vernetool.db.rounds import registers as room_registers
from vernetool.db.templates import get_template
from vernetool.domain.checklists import Item, Section, Template, applicable_sections, room_facts
from vernetool.domain.organisation import RoomType
from vernetool.domain.room_registers import RoomRegisters

Checklist = list[tuple[Section, list[Item]]]


class TemplateCache:
    """Template versions are immutable once used, so one read per version is enough."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._templates: dict[int, Template] = {}

    def get(self, template_id: int) -> Template:
        template = self._templates.get(template_id)
        if template is None:
            template = get_template(self._conn, template_id)
            if template is None:
                raise LookupError(f"no checklist template {template_id}")
            self._templates[template_id] = template
        return template


def _checklist(conn: sqlite3.Connection, template: Template, room_id: int | None,
               room_type: str | None, registers: RoomRegisters | None) -> Checklist:
    if room_id is None:
        return [(section, list(section.items)) for section in template.sections
                if section.items]
    card = room_cards.get_card(conn, room_id)
    kind = RoomType(room_type or "other")
    if registers is None:
        registers = room_registers.for_room(conn, room_id)
    return applicable_sections(template, kind,
                               room_facts(card, room_type=kind, registers=registers))


def checklist_for_room(conn: sqlite3.Connection, round_room_id: int,
                       cache: TemplateCache | None = None,
                       registers: RoomRegisters | None = None) -> Checklist:
    """The sections and items asked for a round entry. The unit-wide entry has no room, so
    it asks every item of its template (no room type, card or registers to filter by).
    ``registers``: what the registers hold in the room, when the caller has read it."""
    row = conn.execute(
        "SELECT rr.template_id, rr.room_id, r.type FROM round_room rr LEFT JOIN room r "
        "ON r.id = rr.room_id WHERE rr.id = ?", (round_room_id,)).fetchone()
    if row is None:
        raise LookupError(f"no round room {round_room_id}")
    template = (cache or TemplateCache(conn)).get(row["template_id"])
    return _checklist(conn, template, row["room_id"], row["type"], registers)


def checklists_for_round(conn: sqlite3.Connection, round_id: int,
                         cache: TemplateCache | None = None) -> dict[int, Checklist]:
    """Round room id → its checklist, for every entry of the round (the registers read once
    for the whole round)."""
    cache = cache or TemplateCache(conn)
    held = room_registers.for_round(conn, round_id)
    result: dict[int, Checklist] = {}
    for row in conn.execute(
            "SELECT rr.id, rr.template_id, rr.room_id, r.type FROM round_room rr "
            "LEFT JOIN room r ON r.id = rr.room_id WHERE rr.round_id = ?", (round_id,)):
        room_id = row["room_id"]
        result[row["id"]] = _checklist(
            conn, cache.get(row["template_id"]), room_id, row["type"],
            None if room_id is None else held.get(room_id, RoomRegisters()))
    return result


def items_per_room(conn: sqlite3.Connection, round_id: int) -> dict[int, int]:
    """Round room id → how many items its checklist asks (for progress)."""
    return {rr_id: sum(len(items) for _, items in sections)
            for rr_id, sections in checklists_for_round(conn, round_id).items()}


def item_condition(conn: sqlite3.Connection, item_id: int) -> str:
    """An item's condition ('' for none, or for an item not there)."""
    row = conn.execute("SELECT condition FROM checklist_item WHERE id = ?",
                       (item_id,)).fetchone()
    return "" if row is None else str(row[0] or "")
