"""Helpers that build small HSE rounds in a test store (templates, rooms, answers, findings)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.organisation.rooms import save_room
from vernetool.db.rounds.rounds import create_round
from vernetool.db.templates import save_template_version
from vernetool.domain.checklists import Item, Section, Template
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.rounds import Participant, ParticipantRole, RoundPlan

ROOM_TYPES = tuple(RoomType)


def make_template(conn: sqlite3.Connection, key: str = "test-basic") -> int:
    """A small template for every room type: two sections of three items."""
    sections = [
        Section("Orden og rømningsveier", "Order and escape routes", [
            Item(f"{key}.order.{n}", f"Orden punkt {n}", f"Order item {n}") for n in (1, 2, 3)]),
        Section("Brann og førstehjelp", "Fire and first aid", [
            Item(f"{key}.fire.{n}", f"Brann punkt {n}", f"Fire item {n}") for n in (1, 2, 3)]),
    ]
    template = Template(key, "Testmal", "Test template",
                        room_types=frozenset(ROOM_TYPES), sections=sections)
    return save_template_version(conn, template, "test")


def make_rooms(conn: sqlite3.Connection, count: int, building: str = "B1",
               unit: str = "IKJ") -> list[int]:
    ids = []
    for n in range(count):
        room_type = RoomType.LAB if n % 2 else RoomType.OFFICE
        room_id, _ = save_room(conn, Room(building, f"{100 + n}", room_type,
                                          f"Rom {100 + n}", "1", 20.0, unit))
        ids.append(room_id)
    return ids


def make_round(conn: sqlite3.Connection, room_ids: list[int], template_id: int, *,
               title: str = "HMS-runde 2026", start: dt.date = dt.date(2026, 3, 1),
               unit: str = "IKJ", pre_meeting: str = "", uid: str | None = None) -> int:
    plan = RoundPlan(
        title=title, start_date=start, unit_code=unit, end_date=start,
        participants=[Participant("Kari Leder", ParticipantRole.LINE_MANAGER),
                      Participant("Ola Verneombud", ParticipantRole.SAFETY_REP),
                      Participant("Per Labingeniør", ParticipantRole.LAB_ENGINEER)],
        room_ids=room_ids, pre_meeting_notes=pre_meeting)
    round_id = create_round(conn, plan, "test", {t.value: template_id for t in ROOM_TYPES})
    if uid:
        conn.execute("UPDATE hse_round SET uid = ? WHERE id = ?", (uid, round_id))
    return round_id


def item_ids(conn: sqlite3.Connection, template_id: int) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT i.id FROM checklist_item i JOIN checklist_section s ON s.id = i.section_id "
        "WHERE s.template_id = ? ORDER BY s.position, i.position", (template_id,))]


def round_room_ids(conn: sqlite3.Connection, round_id: int) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT id FROM round_room WHERE round_id = ? ORDER BY position", (round_id,))]
