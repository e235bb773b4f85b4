"""The workers register rows (§31-4): entries, doses, retention kept on the row, the
importer's upserts. The identity number arrives sealed (here a stand-in blob)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from vernetool.db import audit
from vernetool.db.radiation import workers as rows
from vernetool.db.radiation.workers import SealedIdentity, WorkerRow
from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.doses import DosimeterPosition, dose_entry
from vernetool.domain.radiation.model import DoseInput

SEALED = SealedIdentity(b"\x01cipher", "150765*****", "index-1")


def test_a_worker_round_trips_and_its_retention_follows_the_last_exposure(
        conn: sqlite3.Connection) -> None:
    worker_id = rows.insert_worker(conn, WorkerRow(
        "Kari  Nordmann", "Gate 1, 7030 Trondheim", "Isotoparbeid", dt.date(2020, 8, 1),
        "Cs-137, P-32"), SEALED, actor="t")
    got = rows.require_worker(conn, worker_id)
    assert got.identity_masked == "150765*****" and got.retain_until is None
    assert got.work == "Isotoparbeid" and got.employed_from == dt.date(2020, 8, 1)
    rows.add_dose(conn, worker_id, dose_entry(dt.date(2024, 3, 31), "0,4", "0,5"),
                  actor="t")
    assert rows.require_worker(conn, worker_id).retain_until is None   # still exposed
    rows.update_worker(conn, worker_id, WorkerRow(
        "Kari Nordmann", "Gate 1, 7030 Trondheim", "Isotoparbeid", dt.date(2020, 8, 1),
        "Cs-137, P-32", exposure_end=dt.date(2024, 1, 31)), None, actor="t")
    got = rows.require_worker(conn, worker_id)
    # the later dose counts as the last exposure
    assert got.retain_until == dt.date(2084, 3, 31) and got.last_dose == dt.date(2024, 3, 31)
    assert got.identity_masked == "150765*****"
    for entry in audit.history(conn, "radiation_worker", worker_id):
        assert "150765" not in str(entry.details) and "Gate 1" not in str(entry.details)


def test_doses_clash_on_worker_date_and_dosimeter(conn: sqlite3.Connection) -> None:
    worker_id = rows.insert_worker(conn, WorkerRow("Ola"), None, actor="t")
    rows.add_dose(conn, worker_id, rows.checked_dose(DoseInput(worker_id, dt.date(2025, 1, 31),
                                                               0.1, 0.2)), actor="t")
    rows.add_dose(conn, worker_id, dose_entry(dt.date(2025, 1, 31), None, "12",
                                              DosimeterPosition.EXTREMITY), actor="t")
    with pytest.raises(ValidationError) as info:
        rows.add_dose(conn, worker_id, dose_entry(dt.date(2025, 1, 31), 1, 1), actor="t")
    assert info.value.code == "radiation_dose.exists"
    assert [(d.position, d.hp007_msv) for d in rows.doses(conn, worker_id)] == [
        (DosimeterPosition.BODY, 0.2), (DosimeterPosition.EXTREMITY, 12.0)]


def test_upserts_for_the_importer_are_idempotent(conn: sqlite3.Connection) -> None:
    first, changed = rows.upsert_worker(conn, WorkerRow("Kari Nordmann", work="A"), SEALED,
                                        actor="import")
    assert changed
    assert rows.upsert_worker(conn, WorkerRow("K. Nordmann", work="A"), SEALED,
                              actor="import") == (first, True)        # found by the index
    assert rows.upsert_worker(conn, WorkerRow("K. Nordmann", work="A"), SEALED,
                              actor="import") == (first, False)
    nameless, _ = rows.upsert_worker(conn, WorkerRow("Per Hansen"), None, actor="import")
    assert nameless != first
    batch = [(first, dose_entry(dt.date(2025, m, 28), 0.1 * m, 0.2)) for m in (1, 2, 3)]
    assert rows.upsert_doses(conn, batch, actor="import") == 3
    assert rows.upsert_doses(conn, batch, actor="import") == 0
    batch[0] = (first, dose_entry(dt.date(2025, 1, 28), 0.5, 0.2))
    assert rows.upsert_doses(conn, batch, actor="import") == 1
    assert rows.doses(conn, first)[0].hp10_msv == 0.5


def test_deleting_removes_the_doses_with_an_audit_entry(conn: sqlite3.Connection) -> None:
    worker_id = rows.insert_worker(conn, WorkerRow("Ola"), None, actor="t")
    rows.add_dose(conn, worker_id, dose_entry(dt.date(2025, 1, 31), 0.1, 0.2), actor="t")
    rows.delete_worker(conn, worker_id, actor="t")
    assert rows.get_worker(conn, worker_id) is None
    assert rows.doses(conn) == []
    assert audit.history(conn, "radiation_worker", worker_id)[-1].action == "delete"
