"""Which checklist items each room of a round asks: its template version, filtered by the
room's type and by the facts on its room card (gas, radiation ...)."""

from __future__ import annotations

import sqlite3

from vernetool.db.organisation import room_cards
from vernetool.db.templates import get_template
from vernetool.domain.checklists import Item, Section, Template, applicable_sections, room_facts
from vernetool.domain.organisation import RoomType


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


def checklist_for_room(conn: sqlite3.Connection, round_room_id: int,
                       cache: TemplateCache | None = None) -> list[tuple[Section, list[Item]]]:
    """The sections and items asked for a round entry. The unit-wide entry has no room, so
    it asks every item of its template (no room type or room card to filter by)."""
    row = conn.execute(
        "SELECT rr.template_id, rr.room_id, r.type FROM round_room rr LEFT JOIN room r "
        "ON r.id = rr.room_id WHERE rr.id = ?", (round_room_id,)).fetchone()
    if row is None:
        raise LookupError(f"no round room {round_room_id}")
    template = (cache or TemplateCache(conn)).get(row["template_id"])
    if row["room_id"] is None:
        return [(section, list(section.items)) for section in template.sections
                if section.items]
    card = room_cards.get_card(conn, row["room_id"])
    room_type = RoomType(row["type"])
    return applicable_sections(template, room_type, room_facts(card, room_type=room_type))


def items_per_room(conn: sqlite3.Connection, round_id: int) -> dict[int, int]:
    """Round room id → how many items its checklist asks (for progress)."""
    cache = TemplateCache(conn)
    result: dict[int, int] = {}
    for row in conn.execute("SELECT id FROM round_room WHERE round_id = ?", (round_id,)):
        sections = checklist_for_room(conn, row["id"], cache)
        result[row["id"]] = sum(len(items) for _, items in sections)
    return result
