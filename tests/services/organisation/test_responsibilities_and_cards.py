"""Responsibilities (assign, end, history) and room cards through their services."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.db.organisation import responsibilities as responsibility_repo
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError
from vernetool.services.organisation import (
    Person,
    ResponsibilityKind,
    Role,
    Room,
    RoomCard,
    RoomType,
)

DAY = dt.date(2024, 1, 1)


@pytest.fixture
def ids(services: Services) -> dict[str, int]:
    return {
        "room": services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab")),
        "other": services.rooms.save(Room("GLØS", "101", RoomType.LAB, "Mikroskopi")),
        "ase": services.persons.save(Person("Åse", "ase@ntnu.no")),
        "bjorn": services.persons.save(Person("Bjørn", "bjorn@ntnu.no")),
    }


def test_assign_keeps_the_history_and_gives_the_role(services: Services,
                                                     ids: dict[str, int],
                                                     changes: list[Change]) -> None:
    changes.clear()
    first = services.responsibilities.assign(ids["room"], ids["ase"],
                                             ResponsibilityKind.RESPONSIBLE, DAY)
    second = services.responsibilities.assign(ids["room"], ids["bjorn"],
                                              ResponsibilityKind.RESPONSIBLE,
                                              dt.date(2024, 6, 1))
    now = services.responsibilities.current(ids["room"], dt.date(2024, 7, 1))
    assert now[ResponsibilityKind.RESPONSIBLE].id == second
    history = services.responsibilities.history(ids["room"])
    assert [(r.id, r.person_name, r.valid_to) for r in history] == [
        (second, "Bjørn", None), (first, "Åse", dt.date(2024, 5, 31))]
    bjorn = services.persons.get(ids["bjorn"])
    assert bjorn is not None and Role.ROOM_RESPONSIBLE in bjorn.roles
    rooms = services.responsibilities.rooms_of_person(ids["bjorn"], dt.date(2024, 7, 1))
    assert [(room.label, kind) for room, kind in rooms] == [
        ("REALF:D2-108", ResponsibilityKind.RESPONSIBLE)]
    assert services.responsibilities.rooms_of_person(ids["ase"], dt.date(2024, 7, 1)) == []
    assert [c.topic for c in changes] == [Topic.RESPONSIBILITIES, Topic.PERSONS] * 2


def test_end_a_responsibility(services: Services, ctx: AppContext, ids: dict[str, int],
                              changes: list[Change]) -> None:
    rid = services.responsibilities.assign(ids["room"], ids["ase"],
                                           ResponsibilityKind.DEPUTY, DAY)
    changes.clear()
    with pytest.raises(ValidationError):
        services.responsibilities.end(rid, dt.date(2023, 12, 31))  # before it began
    with pytest.raises(LookupError):
        services.responsibilities.end(9999, dt.date(2024, 2, 1))
    assert changes == []
    services.responsibilities.end(rid, dt.date(2024, 2, 1))
    assert services.responsibilities.current(ids["room"], dt.date(2024, 3, 1)) == {}
    assert services.responsibilities.history(ids["room"])[0].valid_to == dt.date(2024, 2, 1)
    assert [e.action for e in audit.history(ctx.conn, "room_responsibility", rid)] == [
        "assign", "end"]
    assert [c.topic for c in changes] == [Topic.RESPONSIBILITIES]


def test_an_assign_failing_half_way_writes_nothing(services: Services, ctx: AppContext,
                                                   ids: dict[str, int], changes: list[Change],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    services.responsibilities.assign(ids["room"], ids["ase"],
                                     ResponsibilityKind.RESPONSIBLE, DAY)
    before = services.responsibilities.history(ids["room"])
    changes.clear()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(responsibility_repo.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.responsibilities.assign(ids["room"], ids["bjorn"],
                                         ResponsibilityKind.RESPONSIBLE, dt.date(2024, 6, 1))
    assert services.responsibilities.history(ids["room"]) == before  # Åse not ended
    bjorn = services.persons.get(ids["bjorn"])
    assert bjorn is not None and bjorn.roles == frozenset()
    assert changes == []


def test_room_card_save_and_read(services: Services, ctx: AppContext, ids: dict[str, int],
                                 changes: list[Change]) -> None:
    assert services.room_cards.get(ids["room"]) == RoomCard()
    changes.clear()
    card = RoomCard(activity_type="Kjemilab", gas_max_cylinders=2, gas_alarm=True,
                    pictograms=("GHS02", "GHS07"))
    assert services.room_cards.save(ids["room"], card) is True
    assert services.room_cards.get(ids["room"]) == card
    assert services.room_cards.get(ids["other"]) == RoomCard()
    assert services.room_cards.save(ids["room"], card) is False  # unchanged
    assert [e.action for e in audit.history(ctx.conn, "room_card", ids["room"])] == ["update"]
    assert changes[0] == Change(Topic.ROOM_CARDS, (ids["room"],))
    with pytest.raises(ValidationError):
        services.room_cards.save(ids["room"], RoomCard(gas_max_litres=-1))
    assert services.room_cards.get(ids["room"]) == card
