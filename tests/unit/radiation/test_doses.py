"""Doses: yearly sums per person and the Norwegian dose limits; the 60-year retention."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation import workers
from vernetool.domain.radiation.doses import (
    APPRENTICE_LIMITS,
    WORKER_LIMITS,
    DoseEntry,
    DoseLimit,
    DosimeterPosition,
    dose_entry,
    over_limit,
    yearly_doses,
    yearly_doses_by_person,
)

D = dt.date


def test_the_limits_are_those_of_the_regulation() -> None:
    assert (WORKER_LIMITS.effective, WORKER_LIMITS.eye_lens, WORKER_LIMITS.skin,
            WORKER_LIMITS.extremities) == (20.0, 20.0, 500.0, 500.0)
    assert (APPRENTICE_LIMITS.effective, APPRENTICE_LIMITS.eye_lens,
            APPRENTICE_LIMITS.skin) == (5.0, 15.0, 150.0)


def test_entries_from_text_with_decimal_commas() -> None:
    entry = dose_entry(D(2025, 3, 31), "0,12", "0,3")
    assert (entry.hp10_msv, entry.hp007_msv) == (0.12, 0.3)
    assert dose_entry(D(2025, 3, 31), 0.0, None).hp007_msv is None
    for hp10, hp007, code in (("-1", None, "dose.negative"), ("x", None, "dose.not_a_number"),
                              (None, "", "dose.missing")):
        with pytest.raises(ValidationError) as caught:
            dose_entry(D(2025, 3, 31), hp10, hp007)
        assert caught.value.code == code


def test_yearly_sums_per_person() -> None:
    entries = [
        DoseEntry(D(2024, 12, 31), 0.5, 0.6),
        DoseEntry(D(2025, 3, 31), 0.12, 0.3),
        DoseEntry(D(2025, 6, 30), 0.2, 0.25),
        DoseEntry(D(2025, 9, 30), 0.1, None),
        DoseEntry(D(2025, 9, 30), None, 40.0, DosimeterPosition.EXTREMITY),
    ]
    years = yearly_doses(entries)
    assert [y.year for y in years] == [2024, 2025]
    y2025 = years[1]
    assert y2025.effective == pytest.approx(0.42)
    assert y2025.skin == pytest.approx(0.55)
    assert y2025.eye_lens == pytest.approx(0.55)  # no eye dosimeter: the body Hp(0.07)
    assert y2025.extremities == 40.0
    assert y2025.entries == 4
    assert y2025.over() == ()
    assert y2025.fraction(DoseLimit.EFFECTIVE) == pytest.approx(0.021)


def test_over_the_limits() -> None:
    entries = [DoseEntry(D(2025, 6, 30), 12.0, 15.0), DoseEntry(D(2025, 12, 31), 8.5, 6.0),
               DoseEntry(D(2025, 12, 31), None, 510.0, DosimeterPosition.EXTREMITY)]
    assert over_limit(entries, 2025) == (DoseLimit.EFFECTIVE, DoseLimit.EYE_LENS,
                                         DoseLimit.EXTREMITIES)
    assert over_limit(entries, 2024) == ()
    # exactly at the limit is not over it ("shall not exceed")
    assert over_limit([DoseEntry(D(2025, 1, 31), 20.0, 20.0)], 2025) == ()
    assert over_limit([DoseEntry(D(2025, 1, 31), 6.0, 1.0)], 2025, APPRENTICE_LIMITS) \
        == (DoseLimit.EFFECTIVE,)


def test_an_eye_dosimeter_replaces_the_estimate() -> None:
    entries = [DoseEntry(D(2025, 6, 30), 1.0, 25.0),
               DoseEntry(D(2025, 6, 30), None, None, DosimeterPosition.EYE, hp3_msv=12.0)]
    year = yearly_doses(entries)[0]
    assert (year.eye_lens, year.skin, year.effective) == (12.0, 25.0, 1.0)
    assert year.over() == ()


def test_sums_by_person() -> None:
    sums = yearly_doses_by_person({"Kari": [DoseEntry(D(2025, 1, 31), 1.0, 1.0)],
                                   "Ola": [DoseEntry(D(2025, 1, 31), 21.0, 1.0)]})
    assert sums["Kari"][0].over() == ()
    assert sums["Ola"][0].over() == (DoseLimit.EFFECTIVE,)


def test_the_register_is_kept_sixty_years() -> None:
    assert workers.retain_until(D(2025, 6, 30)) == D(2085, 6, 30)
    assert workers.retain_until(None) is None
    workers.check_deletion(D(2025, 6, 30), today=D(2085, 7, 1))
    with pytest.raises(ValidationError) as caught:
        workers.check_deletion(D(2025, 6, 30), today=D(2085, 6, 30))
    assert caught.value.code == "retention.not_expired"
    assert caught.value.params == {"years": 60, "until": "2085-06-30"}
    with pytest.raises(ValidationError) as caught:
        workers.check_deletion(None, today=D(2100, 1, 1))
    assert caught.value.code == "retention.exposure_open"
