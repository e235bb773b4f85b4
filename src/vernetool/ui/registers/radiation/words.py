"""The radiation registers' words: field names, kinds, statuses, activities in a readable
unit, leak-test states and dose limits."""

from __future__ import annotations

import math

from vernetool.domain.radiation.doses import DoseLimit
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LeakTestState,
    SourceKind,
    dsa_status_phrase,
    source_kind_phrase,
)
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_decimal

#: SI prefixes for a readable activity: the largest unit that keeps the number ≥ 1
_UNITS = (("TBq", 1e12), ("GBq", 1e9), ("MBq", 1e6), ("kBq", 1e3), ("Bq", 1.0))


def source_field_label(field: str) -> str:
    """The name of a source's field as the dialogs and their errors say it."""
    labels = {
        "kind": tr("Kind"),
        "name": tr("Name"),
        "nuclide": tr("Nuclide"),
        "activity": tr("Activity"),
        "activity_unit": tr("Unit"),
        "reference_date": tr("Reference date"),
        "make": tr("Make"),
        "model": tr("Model"),
        "serial_number": tr("Serial number"),
        "technical_specification": tr("Technical specification"),
        "year": tr("Year"),
        "dealer": tr("Dealer"),
        "use": tr("Use"),
        "laser_class": tr("Laser class"),
        "room": tr("Room"),
        "room_id": tr("Room"),
        "responsible": tr("Responsible"),
        "location": tr("Location"),
        "dsa_id": tr("DSA id"),
        "dsa_status": tr("DSA status"),
        "notifiable": tr("Notifiable"),
        "leak_test_last": tr("Last leak test"),
        "leak_test_interval_months": tr("Leak-test interval"),
        "tested_on": tr("Test date"),
        "result": tr("Result"),
        "tested_by": tr("Tested by"),
        "changed_on": tr("Date"),
        "disposed_on": tr("Disposal date"),
        "disposal_method": tr("Disposed of how"),
        "disposal_receipt": tr("Receipt"),
        "waste_pickup_on": tr("Waste pick-up"),
        "notes": tr("Notes"),
    }
    return labels.get(field, field)


def worker_field_label(field: str) -> str:
    labels = {
        "person": tr("Name"),
        "identity_number": tr("Identity number"),
        "address": tr("Address"),
        "work": tr("Current work"),
        "sources": tr("Sources"),
        "employed_from": tr("Employed from"),
        "exposure_end": tr("Exposure ended"),
        "dose_date": tr("Date"),
        "date": tr("Date"),
        "hp10_msv": "Hp(10)",
        "hp007_msv": "Hp(0.07)",
        "hp3_msv": "Hp(3)",
        "position": tr("Dosimeter"),
    }
    return labels.get(field, field)


def kind_label(kind: SourceKind | str) -> str:
    return str(source_kind_phrase(kind))


def status_label(status: DsaStatus | str | None) -> str:
    if not status:
        return tr("no status")
    return str(dsa_status_phrase(status))


def activity_text(bq: float | None) -> str:
    """An activity in the unit that reads best: 208 MBq, 3,53 GBq, 1,2 kBq (3 figures)."""
    if bq is None:
        return ""
    if bq <= 0:
        return "0 Bq"
    unit, value = "Bq", bq
    for name, factor in _UNITS:
        if bq >= factor:
            unit, value = name, bq / factor
            break
    decimals = max(0, 2 - math.floor(math.log10(value))) if value >= 1 else 3
    return f"{format_decimal(value, decimals)} {unit}"


def leak_test_label(state: LeakTestState | None) -> str:
    if state is None:
        return ""
    labels = {
        LeakTestState.OK: tr("OK"),
        LeakTestState.DUE_SOON: tr("due soon"),
        LeakTestState.OVERDUE: tr("overdue"),
        LeakTestState.NEVER_TESTED: tr("never tested"),
    }
    return labels[state]


def limit_label(limit: DoseLimit) -> str:
    labels = {
        DoseLimit.EFFECTIVE: tr("Effective dose"),
        DoseLimit.EYE_LENS: tr("Eye lens"),
        DoseLimit.SKIN: tr("Skin"),
        DoseLimit.EXTREMITIES: tr("Hands and feet"),
    }
    return labels[limit]


def msv_text(value: float | None) -> str:
    """A dose in mSv: 0,25 mSv."""
    if value is None:
        return ""
    return tr("{n} mSv").format(n=format_decimal(value, 3))
