"""RoomsService: the paged listing (same rows as the repository), lookups, saving an edit."""

from __future__ import annotations

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.db.organisation import rooms as room_repo
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError
from vernetool.services.organisation import Room, RoomFilter, RoomType


def _room(number: str, name: str = "", room_type: RoomType = RoomType.LAB,
          building: str = "REALF", unit: str | None = "IKJ") -> Room:
    return Room(building, number, room_type, name, "2", 24.5, unit)


def test_save_creates_the_room_with_an_audit_entry_and_tells_listeners(
        services: Services, ctx: AppContext, changes: list[Change]) -> None:
    room_id = services.rooms.save(_room("D2-108", "Synteselab"))
    saved = room_repo.get_room(ctx.conn, room_id)
    assert saved is not None and (saved.label, saved.name, saved.unit_code) == (
        "REALF:D2-108", "Synteselab", "IKJ")
    entries = audit.history(ctx.conn, "room", room_id)
    assert [(e.action, e.actor, e.details["name"]) for e in entries] == [
        ("create", ctx.actor, "Synteselab")]
    assert [c.topic for c in changes] == [Topic.ROOMS, Topic.UNITS]
    assert [u.code for u in services.units.units()] == ["IKJ"]
    assert [b.code for b in services.units.buildings()] == ["REALF"]


def test_an_edit_is_audited_as_update_and_read_back(services: Services, ctx: AppContext) -> None:
    room_id = services.rooms.save(_room("D2-108", "Synteselab"))
    edited = services.rooms.get(room_id)
    assert edited is not None
    edited.name = "Organisk syntese"
    assert services.rooms.save(edited) == room_id
    assert services.rooms.find("REALF", "D2-108") == services.rooms.get(room_id)
    assert services.rooms.get(room_id).name == "Organisk syntese"  # type: ignore[union-attr]
    assert [e.action for e in audit.history(ctx.conn, "room", room_id)] == ["create", "update"]


def test_a_taken_number_is_refused_and_nothing_is_written(
        services: Services, ctx: AppContext, changes: list[Change]) -> None:
    first = services.rooms.save(_room("101", "Lab"))
    other = services.rooms.save(_room("102", "Kontor", RoomType.OFFICE))
    changes.clear()
    before = room_repo.get_room(ctx.conn, other)
    assert before is not None and before.id is not None
    with pytest.raises(ValidationError):
        services.rooms.save(_room("101", "Ny", unit="NEW"))  # a new room on a taken number
    moved = services.rooms.get(other)
    assert moved is not None
    moved.number = "101"
    with pytest.raises(ValidationError):
        services.rooms.save(moved)  # an edit onto another room's number
    assert services.rooms.get(other) == before
    assert services.rooms.count() == 2 and services.rooms.get(first) is not None
    assert [u.code for u in services.units.units()] == ["IKJ"]  # "NEW" was not created
    assert changes == []


def test_a_save_failing_half_way_writes_nothing(services: Services, ctx: AppContext,
                                                changes: list[Change],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(room_repo.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.rooms.save(_room("D2-108", "Synteselab", unit="NEWUNIT"))
    assert ctx.conn.execute("SELECT count(*) FROM room").fetchone()[0] == 0
    assert ctx.conn.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
    assert ctx.conn.execute("SELECT count(*) FROM building").fetchone()[0] == 0
    assert not ctx.conn.in_transaction
    assert changes == []


def test_listing_pages_filters_and_sorts_as_the_repository(services: Services,
                                                           ctx: AppContext) -> None:
    for n in range(30):
        services.rooms.save(_room(f"{n:03d}", f"Lab {n}" if n % 3 == 0 else f"Rom {n}",
                                  RoomType.LAB if n % 3 == 0 else RoomType.OFFICE,
                                  building="B1" if n % 2 else "B2"))
    flt = RoomFilter(type=RoomType.LAB)
    assert services.rooms.count(flt) == room_repo.count_rooms(ctx.conn, flt) == 10
    page = services.rooms.rows(flt, offset=2, limit=3)
    assert page == room_repo.list_room_rows(ctx.conn, flt, offset=2, limit=3)
    assert len(page) == 3
    by_name = services.rooms.rows(RoomFilter(), order="name", descending=True, limit=5)
    assert [r.room.name for r in by_name] == sorted(
        (r.name for r in room_repo.list_rooms(ctx.conn)), key=str.casefold, reverse=True)[:5]
    found = services.rooms.search(RoomFilter(text="15 lab", building_code="B1"), limit=30)
    assert [r.name for r in found] == ["Lab 15"]  # words in any order
    assert services.rooms.get(10_000) is None
    assert services.rooms.find("B9", "001") is None
