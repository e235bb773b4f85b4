"""Radiation sources in a migrated database: round trips, the natural key, the DSA status
history, leak tests, disposal, and the importer's bulk upsert."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest

from vernetool.db import audit
from vernetool.db.organisation.rooms import save_room
from vernetool.db.radiation import sources as rows
from vernetool.db.radiation.sources import SourceFilter, prepare_source
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.radiation.model import LeakTestInput, SourceDisposal, SourceInput
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    NotifiableReason,
    SourceKind,
)

DAY = dt.date(2026, 3, 2)


def _room(conn: sqlite3.Connection) -> int:
    return save_room(conn, Room("REALF", "D2-108", RoomType.LAB, "Isotoplab"))[0]


def _cs137(room_id: int | None = None, **fields: object) -> SourceInput:
    values: dict[str, object] = {
        "nuclide": "137Cs", "activity": "370", "activity_unit": "MBq",
        "reference_date": dt.date(2000, 1, 1), "make": "Eckert & Ziegler",
        "model": "CDR.A1", "serial_number": "CS-4711", "room_id": room_id,
        "dsa_status": DsaStatus.IN_USE, "leak_test_last": dt.date(2025, 6, 1),
        "leak_test_interval_months": 12, "location": "Blyskap 2"}
    values.update(fields)
    return SourceInput(SourceKind.SEALED_SOURCE, **values)  # type: ignore[arg-type]


def test_a_source_round_trips_with_the_domain_values(conn: sqlite3.Connection) -> None:
    room = _room(conn)
    source_id = rows.insert_source(conn, prepare_source(_cs137(room, year=1999,
                                   dealer="Hitachi", use="Kalibrering", dsa_id="KS-123",
                                   technical_specification="Punktkilde, 6 mm")),
                                   actor="tester", today=DAY)
    got = rows.require_source(conn, source_id)
    assert got.nuclide == "Cs-137" and got.activity == Decimal("370")
    assert got.activity_unit == "MBq" and got.activity_bq == pytest.approx(3.7e8)
    assert got.room_label == "REALF:D2-108" and got.location == "Blyskap 2"
    assert got.leak_test_next_due == dt.date(2026, 6, 1)
    assert got.notifiable is None and got.notifiable_reason is NotifiableReason.NOT_STATED
    assert (got.year, got.dealer, got.use, got.dsa_id) == (1999, "Hitachi", "Kalibrering",
                                                           "KS-123")
    assert got.technical_specification == "Punktkilde, 6 mm" and got.disposal is None
    history = rows.status_history(conn, source_id)
    assert [(h.status, h.changed_on, h.recorded_by) for h in history] == [
        (DsaStatus.IN_USE, DAY, "tester")]
    assert [e.action for e in audit.history(conn, "radiation_source", source_id)] == ["create"]


def test_units_are_kept_as_stated_and_converted_exactly(conn: sqlite3.Connection) -> None:
    source_id = rows.insert_source(conn, prepare_source(_cs137(
        activity="2,5", activity_unit="uCi", serial_number="", make="")), actor="t")
    got = rows.require_source(conn, source_id)
    assert (got.activity, got.activity_unit) == (Decimal("2.5"), "µCi")
    assert got.activity_bq == 92_500.0


def test_always_notifiable_kinds_and_a_class_4_laser(conn: sqlite3.Connection) -> None:
    xray = rows.insert_source(conn, prepare_source(SourceInput(
        SourceKind.XRAY, make="Bruker", model="D8 Advance", serial_number="208811",
        notifiable=False)), actor="t")
    laser = rows.insert_source(conn, prepare_source(SourceInput(
        SourceKind.LASER, make="Coherent", model="Verdi", serial_number="V-1",
        laser_class=LaserClass.C4)), actor="t")
    got = rows.require_source(conn, xray)
    assert got.notifiable is True and got.notifiable_reason is NotifiableReason.XRAY
    assert got.notifiable_stated is False
    assert rows.require_source(conn, laser).notifiable_reason is NotifiableReason.LASER_CLASS_4


def test_rules_refuse_bad_sources() -> None:
    with pytest.raises(ValidationError) as info:
        prepare_source(SourceInput(SourceKind.SEALED_SOURCE))
    assert info.value.code == "source.nuclide_required"
    with pytest.raises(ValidationError) as info:
        prepare_source(_cs137(reference_date=None))
    assert info.value.code == "source.reference_date_required"
    with pytest.raises(ValidationError) as info:
        prepare_source(SourceInput(SourceKind.LASER))
    assert info.value.code == "source.laser_class_missing"
    with pytest.raises(ValidationError) as info:
        prepare_source(SourceInput(SourceKind.XRAY, leak_test_interval_months=12))
    assert info.value.code == "source.leak_test_not_sealed"
    with pytest.raises(ValidationError) as info:
        prepare_source(_cs137(waste_pickup_on=DAY))
    assert info.value.code == "source.pickup_not_open"
    with pytest.raises(ValidationError) as info:
        prepare_source(_cs137(nuclide="Xx-999"))
    assert info.value.code in ("nuclide.invalid", "nuclide.unknown")


def test_make_and_serial_number_are_the_natural_key(conn: sqlite3.Connection) -> None:
    first = rows.insert_source(conn, prepare_source(_cs137()), actor="t")
    with pytest.raises(ValidationError) as info:
        rows.insert_source(conn, prepare_source(_cs137(make="ECKERT & ZIEGLER",
                                                       serial_number="cs-4711")), actor="t")
    assert info.value.code == "source.exists" and info.value.params["source_id"] == first
    assert rows.find_source(conn, "eckert & ziegler", "CS-4711") == first
    # open sources without a serial number do not clash
    for _ in range(2):
        rows.insert_source(conn, prepare_source(SourceInput(
            SourceKind.OPEN_SOURCE, nuclide="P-32", activity="37", activity_unit="MBq",
            reference_date=DAY)), actor="t")
    assert len(rows.list_sources(conn)) == 3


def test_status_changes_are_kept_in_the_history(conn: sqlite3.Connection) -> None:
    source_id = rows.insert_source(conn, prepare_source(_cs137()), actor="a", today=DAY)
    rows.record_status(conn, source_id, DsaStatus.STORED, dt.date(2026, 5, 1), "lagret",
                       actor="b")
    rows.record_status(conn, source_id, DsaStatus.PENDING, dt.date(2026, 4, 1), actor="c")
    history = rows.status_history(conn, source_id)
    assert [h.status for h in history] == [DsaStatus.IN_USE, DsaStatus.PENDING,
                                           DsaStatus.STORED]
    # the history is shown by date; the status recorded last is the source's status
    assert rows.require_source(conn, source_id).dsa_status is DsaStatus.PENDING
    # an edit that changes the status adds to the history, one that leaves it empty keeps it
    rows.update_source(conn, source_id, prepare_source(_cs137(dsa_status=DsaStatus.MISSING,
                       status_changed_on=dt.date(2026, 6, 1))), actor="d")
    rows.update_source(conn, source_id, prepare_source(_cs137(dsa_status=None)), actor="d")
    got = rows.require_source(conn, source_id)
    assert got.dsa_status is DsaStatus.MISSING
    assert len(rows.status_history(conn, source_id)) == 4


def test_leak_tests_move_the_schedule(conn: sqlite3.Connection) -> None:
    source_id = rows.insert_source(conn, prepare_source(_cs137()), actor="t")
    rows.add_leak_test(conn, LeakTestInput(source_id, dt.date(2026, 5, 20), True, "IFE",
                                           "< 185 Bq"), actor="t")
    got = rows.require_source(conn, source_id)
    assert got.leak_test_last == dt.date(2026, 5, 20)
    assert got.leak_test_next_due == dt.date(2027, 5, 20)
    assert [t.result for t in rows.leak_tests(conn, source_id)] == ["< 185 Bq"]
    xray = rows.insert_source(conn, prepare_source(SourceInput(SourceKind.XRAY)), actor="t")
    with pytest.raises(ValidationError) as info:
        rows.add_leak_test(conn, LeakTestInput(xray, DAY), actor="t")
    assert info.value.code == "source.leak_test_not_sealed"


def test_disposal_keeps_the_source_with_its_record(conn: sqlite3.Connection) -> None:
    source_id = rows.insert_source(conn, prepare_source(_cs137()), actor="t")
    rows.dispose_source(conn, source_id, SourceDisposal(DAY, "Returnert til forhandler",
                                                        "Kvittering 2026-17"),
                        DsaStatus.RETURNED, actor="t")
    got = rows.require_source(conn, source_id)
    assert got.disposal == SourceDisposal(DAY, "Returnert til forhandler", "Kvittering 2026-17")
    assert got.dsa_status is DsaStatus.RETURNED
    assert rows.list_sources(conn) == []
    assert [s.id for s in rows.list_sources(conn, SourceFilter(include_disposed=True))] == [
        source_id]
    with pytest.raises(ValidationError) as info:
        rows.dispose_source(conn, source_id, SourceDisposal(DAY), actor="t")
    assert info.value.code == "source.already_disposed"


def test_filter_by_text_room_and_kind(conn: sqlite3.Connection) -> None:
    room = _room(conn)
    cs = rows.insert_source(conn, prepare_source(_cs137(room)), actor="t")
    xray = rows.insert_source(conn, prepare_source(SourceInput(
        SourceKind.XRAY, make="Bruker", model="D8 Advance", serial_number="208811")),
        actor="t")
    assert [s.id for s in rows.list_sources(conn, SourceFilter("cs-137"))] == [cs]
    assert [s.id for s in rows.list_sources(conn, SourceFilter("bruker d8"))] == [xray]
    assert [s.id for s in rows.list_sources(conn, SourceFilter("realf blyskap"))] == [cs]
    assert [s.id for s in rows.list_sources(conn, SourceFilter(room_id=room))] == [cs]
    assert [s.id for s in rows.list_sources(conn, SourceFilter(
        kinds=(SourceKind.XRAY,)))] == [xray]


def test_bulk_upsert_is_idempotent_and_records_new_statuses(conn: sqlite3.Connection) -> None:
    room = _room(conn)
    batch = [prepare_source(_cs137(room)),
             prepare_source(SourceInput(SourceKind.XRAY, make="Bruker", model="D8",
                                        serial_number="208811", room_id=room,
                                        dsa_status=DsaStatus.IN_USE)),
             prepare_source(SourceInput(SourceKind.OPEN_SOURCE, nuclide="P-32",
                                        activity="37", activity_unit="MBq",
                                        reference_date=DAY, room_id=room))]
    ids, changed = rows.upsert_sources(conn, batch, actor="import", today=DAY)
    assert changed == 3 and len(set(ids)) == 3
    entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert rows.upsert_sources(conn, batch, actor="import", today=DAY) == (ids, 0)
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries
    again = [prepare_source(_cs137(room, make="eckert & ziegler",
                                   dsa_status=DsaStatus.STORED))]
    assert rows.upsert_sources(conn, again, actor="import", today=DAY) == ([ids[0]], 1)
    got = rows.require_source(conn, ids[0])
    assert got.make == "Eckert & Ziegler" and got.dsa_status is DsaStatus.STORED
    assert [h.status for h in rows.status_history(conn, ids[0])] == [DsaStatus.IN_USE,
                                                                      DsaStatus.STORED]


def test_a_source_row_cannot_be_deleted_while_its_room_is_referenced(
        conn: sqlite3.Connection) -> None:
    room = _room(conn)
    rows.insert_source(conn, prepare_source(_cs137(room)), actor="t")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM room WHERE id = ?", (room,))
