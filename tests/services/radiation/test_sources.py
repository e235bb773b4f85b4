"""RadiationSourcesService: sources saved and found, current activity from the stored
reference on the issue's figures, status history, leak tests due, disposal, the room's
sources, the listeners told."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from vernetool.db import audit
from vernetool.domain.radiation.model import LeakTestInput, SourceDisposal, SourceInput
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    LeakTestState,
    NotifiableReason,
    SourceKind,
    parse_dsa_status,
)
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError
from vernetool.services.radiation.sources import SourceFilter

from .conftest import Labs

CS137 = SourceInput(SourceKind.SEALED_SOURCE, nuclide="Cs137", activity="370",
                    activity_unit="MBq", reference_date=dt.date(2000, 1, 1),
                    make="Eckert & Ziegler", model="CDR.A1", serial_number="CS-4711",
                    dsa_status=DsaStatus.IN_USE, leak_test_last=dt.date(2024, 1, 10),
                    leak_test_interval_months=12, name="Kontrollkilde")
AM241 = SourceInput(SourceKind.SEALED_SOURCE, nuclide="am-241", activity="3,7",
                    activity_unit="GBq", reference_date=dt.date(1995, 3, 1),
                    make="Amersham", serial_number="AM-1", leak_test_last=dt.date(2024, 11, 1),
                    leak_test_interval_months=12, dsa_status=DsaStatus.STORED)


def test_current_activity_from_the_stored_reference(services: Services, labs: Labs) -> None:
    cs = services.radiation_sources.save(replace(CS137, room_id=labs.isotopes))
    am = services.radiation_sources.save(replace(AM241, room_id=labs.isotopes))
    now = {n.source.id: n for n in services.radiation_sources.room_sources(
        labs.isotopes, dt.date(2025, 1, 1))}
    assert now[cs.id].activity_now_bq == pytest.approx(2.08e8, rel=0.005)
    later = services.radiation_sources.now(am.id, dt.date(2025, 3, 1))
    assert later.activity_now_bq == pytest.approx(3.53e9, rel=0.005)
    assert services.radiation_sources.get(am.id).activity_bq == 3.7e9


def test_units_convert_exactly(services: Services) -> None:
    for value, unit, bq in (("10", "µCi", 370_000.0), ("2,5", "mCi", 92_500_000.0),
                            ("1", "Ci", 3.7e10), ("1", "uCi", 37_000.0)):
        saved = services.radiation_sources.save(SourceInput(
            SourceKind.OPEN_SOURCE, nuclide="H-3", activity=value, activity_unit=unit,
            reference_date=dt.date(2026, 1, 1), notes=f"{value} {unit}"))
        assert saved.activity_bq == bq
        assert services.radiation_sources.now(saved.id, dt.date(2026, 1, 1)
                                              ).activity_now_bq == pytest.approx(bq)


def test_open_source_waste_decays_to_the_pickup_date(services: Services) -> None:
    p32 = services.radiation_sources.save(SourceInput(
        SourceKind.OPEN_SOURCE, nuclide="32P", activity="37", activity_unit="MBq",
        reference_date=dt.date(2026, 1, 1), waste_pickup_on=dt.date(2026, 3, 1)))
    now = services.radiation_sources.now(p32.id, dt.date(2026, 1, 1))
    assert now.waste_at_pickup_bq == pytest.approx(37e6 * 2 ** (-59 / 14.268), rel=1e-4)
    assert now.leak_test is None


def test_save_find_filter_and_the_listeners(services: Services, labs: Labs,
                                            changes: list[Change]) -> None:
    src = services.radiation_sources
    cs = src.save(CS137)
    xrd = src.save(SourceInput(SourceKind.XRAY, make="Bruker", model="D8 Advance",
                               serial_number="208811", room_id=labs.xray, year=2014,
                               use="Røntgendiffraksjon", dealer="Bruker AXS",
                               technical_specification="Cu-rør, 40 kV, 40 mA"))
    laser = src.save(SourceInput(SourceKind.LASER, make="Coherent", model="Verdi V10",
                                 serial_number="V10-17", laser_class=LaserClass.C4,
                                 room_id=labs.xray))
    assert Change(Topic.SOURCES) in changes
    assert src.find("BRUKER", "208811") == xrd
    assert [s.id for s in src.list(text="røntgendiffraksjon")] == [xrd.id]
    assert {s.id for s in src.list(text="kjemi")} == {xrd.id, laser.id}
    assert [s.id for s in src.list(SourceFilter(kinds=(SourceKind.SEALED_SOURCE,)))] == [cs.id]
    assert laser.notifiable and laser.notifiable_reason is NotifiableReason.LASER_CLASS_4
    assert xrd.notifiable and not laser.dsa_id
    edited = src.save(SourceInput(SourceKind.XRAY, make="Bruker", model="D8 Advance",
                                  serial_number="208811", room_id=labs.xray, year=2014,
                                  dsa_id="RX-2014-77"), xrd.id)
    assert edited.dsa_id == "RX-2014-77"
    assert Change(Topic.SOURCES, (xrd.id,)) in changes
    with pytest.raises(ValidationError) as info:
        src.save(SourceInput(SourceKind.XRAY, make="bruker", serial_number="208811"))
    assert info.value.code == "source.exists"


def test_status_history_and_disposal(services: Services, labs: Labs) -> None:
    src = services.radiation_sources
    cs = src.save(replace(CS137, room_id=labs.isotopes,
                                 status_changed_on=dt.date(2020, 5, 1)))
    src.record_status(cs.id, DsaStatus.STORED, dt.date(2025, 9, 1), "flyttet til lager")
    assert src.room_sources(labs.isotopes, dt.date(2026, 1, 1))[0].source.dsa_status is \
        DsaStatus.STORED
    gone = src.dispose(cs.id, SourceDisposal(dt.date(2026, 2, 1), "Deponert hos IFE",
                                             "IFE-2026-0042"), DsaStatus.DEPOSITED)
    assert gone.disposed and gone.disposal is not None
    assert gone.disposal.receipt == "IFE-2026-0042" and gone.dsa_status is DsaStatus.DEPOSITED
    assert [(h.status, h.changed_on) for h in src.status_history(cs.id)] == [
        (DsaStatus.IN_USE, dt.date(2020, 5, 1)), (DsaStatus.STORED, dt.date(2025, 9, 1)),
        (DsaStatus.DEPOSITED, dt.date(2026, 2, 1))]
    assert src.room_sources(labs.isotopes) == []
    assert src.list() == [] and len(src.list(SourceFilter(include_disposed=True))) == 1
    with services.store.read() as conn:
        actions = [e.action for e in audit.history(conn, "radiation_source", cs.id)]
    assert actions == ["create", "status", "status", "dispose"]


def test_sold_sources_leave_the_room_but_missing_ones_stay(services: Services,
                                                          labs: Labs) -> None:
    src = services.radiation_sources
    sold = src.save(SourceInput(SourceKind.XRAY, make="A", serial_number="1",
                                room_id=labs.xray, dsa_status=DsaStatus.SOLD))
    missing = src.save(SourceInput(SourceKind.XRAY, make="A", serial_number="2",
                                   room_id=labs.xray, dsa_status=DsaStatus.MISSING))
    assert [n.source.id for n in src.room_sources(labs.xray)] == [missing.id]
    assert sold.id != missing.id


def test_leak_tests_due_as_of_a_date(services: Services) -> None:
    src = services.radiation_sources
    cs = src.save(CS137)                                  # last 2024-01-10: due 2025-01-10
    am = src.save(AM241)                                  # last 2024-11-01: due 2025-11-01
    never = src.save(SourceInput(SourceKind.SEALED_SOURCE, nuclide="Co-60", activity="1",
                                 activity_unit="MBq", reference_date=dt.date(2020, 1, 1),
                                 serial_number="CO-1", make="X"))
    src.save(SourceInput(SourceKind.XRAY, make="Bruker", serial_number="208811"))
    due = src.due_leak_tests(dt.date(2025, 10, 15))
    states = {n.source.id: n.leak_test.state for n in due if n.leak_test}
    assert states == {cs.id: LeakTestState.OVERDUE, am.id: LeakTestState.DUE_SOON,
                      never.id: LeakTestState.NEVER_TESTED}
    assert due[1].source.id == cs.id and due[1].leak_test is not None
    assert due[1].leak_test.days_overdue == 278
    after = src.record_leak_test(LeakTestInput(cs.id, dt.date(2025, 10, 20), True,
                                               "Strålevernkoordinator", "< 185 Bq"))
    assert after.leak_test_next_due == dt.date(2026, 10, 20)
    assert {n.source.id for n in src.due_leak_tests(dt.date(2025, 10, 21))} == {am.id,
                                                                                 never.id}
    assert [t.result for t in src.leak_tests(cs.id)] == ["< 185 Bq"]


def test_upsert_is_the_importers_path(services: Services, labs: Labs) -> None:
    src = services.radiation_sources
    batch = [CS137, SourceInput(SourceKind.XRAY, make="Bruker", serial_number="208811",
                                room_id=labs.xray, dsa_status=parse_dsa_status("I bruk"))]
    ids, changed = src.upsert(batch)
    assert changed == 2
    assert src.upsert(batch) == (ids, 0)
