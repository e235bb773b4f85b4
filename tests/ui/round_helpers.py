"""A small organisation, a checklist template and a planned round, for the round UI tests."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from vernetool.db import templates
from vernetool.db.organisation import responsibilities
from vernetool.db.organisation.persons import save_person
from vernetool.db.organisation.rooms import save_room
from vernetool.db.rounds import rounds
from vernetool.domain.checklists import Item, Section, Template, ValueKind
from vernetool.domain.organisation import Person, ResponsibilityKind, Role, Room, RoomType
from vernetool.domain.rounds import Participant, ParticipantRole, RoundPlan


def small_template() -> Template:
    return Template(
        key="walktest", name_nb="Testsjekkliste", name_en="Test checklist",
        room_types=frozenset({RoomType.OFFICE, RoomType.LAB}),
        sections=[
            Section("Orden", "Order", [
                Item("t.1", "Rommet er ryddig", "The room is tidy",
                     guidance_nb="Se etter løse ledninger", guidance_en="Look for loose cables"),
                Item("t.2", "Rømningsvei er fri", "Escape route is clear"),
            ]),
            Section("Inneklima", "Indoor climate", [
                Item("t.3", "Temperaturen er god", "The temperature is fine",
                     value_kind=ValueKind.NUMBER, value_label_nb="Målt temperatur (°C)",
                     value_label_en="Measured temperature (°C)"),
                Item("t.4", "Ventilasjonen virker", "Ventilation works"),
            ]),
        ])


@dataclass
class RoundSetup:
    round_id: int
    template_id: int
    room_ids: list[int]
    person_id: int
    rep_id: int


def make_round(conn: sqlite3.Connection, *, rooms: int = 3, title: str = "HMS-runde 2026",
               start: dt.date = dt.date(2026, 3, 2), unit: str = "IKJ",
               room_offset: int = 0) -> RoundSetup:
    template_id = templates.save_template_version(conn, small_template(), "test")
    person_id, _ = save_person(conn, Person("Kari Nordmann", "kari@example.no", unit_code=unit,
                                            roles=frozenset({Role.ROOM_RESPONSIBLE})))
    rep_id, _ = save_person(conn, Person("Ola Verne", "ola@example.no", unit_code=unit,
                                         roles=frozenset({Role.SAFETY_REP})))
    room_ids = []
    for n in range(rooms):
        room_id, _ = save_room(conn, Room("KJ", f"{101 + n + room_offset}", RoomType.OFFICE,
                                          name=f"Kontor {n + 1}", floor="1", unit_code=unit))
        room_ids.append(room_id)
        responsibilities.assign(conn, room_id, person_id, ResponsibilityKind.RESPONSIBLE,
                                dt.date(2020, 1, 1), "test")
    plan = RoundPlan(title=title, start_date=start, unit_code=unit,
                     participants=[Participant("Ola Verne", ParticipantRole.SAFETY_REP, rep_id)],
                     room_ids=room_ids)
    round_id = rounds.create_round(conn, plan, "test",
                                   default_template={"office": template_id, "lab": template_id})
    return RoundSetup(round_id, template_id, room_ids, person_id, rep_id)
