"""Activity units convert exactly and sources decay by A0 · 2^(−t/T½) with real figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.activity import (
    Activity,
    activity_at,
    current_activity,
    date_below,
    days_to_reach,
    decayed,
    decayed_below_by,
    from_bq,
    normalise_unit,
    parse_activity,
    parse_number,
    to_bq,
    waste_activity_at_pickup,
)
from vernetool.domain.radiation.nuclides import half_life_seconds

D = dt.date


def test_caesium_check_source_from_2000() -> None:
    # the figure: 370 MBq on 2000-01-01 is 2.08e8 Bq on 2025-01-01 (±0.5 %)
    now = activity_at(to_bq(370, "MBq"), "Cs-137", D(2000, 1, 1), D(2025, 1, 1))
    assert now == pytest.approx(2.08e8, rel=0.005)
    assert now == pytest.approx(2.0796e8, rel=1e-4)


def test_americium_source_from_1995() -> None:
    # the figure 3.53e9 Bq: on 2025-01-01 the source holds 3.527e9 Bq
    a0 = to_bq("3,7", "GBq")
    now = activity_at(a0, "Am-241", D(1995, 3, 1), D(2025, 1, 1))
    assert now == pytest.approx(3.53e9, rel=0.005)
    assert now == pytest.approx(3.5273e9, rel=1e-4)
    assert f"{now:.2e}" == "3.53e+09"


def test_one_half_life_halves_and_before_the_reference_it_was_more() -> None:
    reference = D(2025, 1, 1)
    assert activity_at(1e6, "P-32", reference, reference) == 1e6
    assert decayed(1e6, 100.0, 100.0) == pytest.approx(5e5)
    two_half_lives = 2 * 14.268 * 86_400
    assert decayed(1e6, half_life_seconds("P-32"), two_half_lives) == pytest.approx(2.5e5, rel=1e-5)
    # whole days: 28 days of P-32 leave 2^(-28/14.268)
    assert activity_at(1e6, "P-32", reference, D(2025, 1, 29)) \
        == pytest.approx(1e6 * 2 ** (-28 / 14.268), rel=1e-5)
    assert activity_at(1e6, "P-32", reference, D(2024, 12, 1)) > 1e6


@pytest.mark.parametrize(("value", "unit", "bq"), [
    (1, "Ci", 37_000_000_000.0), (1, "mCi", 37_000_000.0), (1, "µCi", 37_000.0),
    (1, "uCi", 37_000.0), (1, "μCi", 37_000.0), ("2,5", "mCi", 92_500_000.0),
    ("0.1", "µCi", 3_700.0), (370, "MBq", 370_000_000.0), (1, "TBq", 1e12),
    (1, "kBq", 1000.0), (3, "GBq", 3e9), (7, "Bq", 7.0), ("10", "mci", 370_000_000.0),
])
def test_units_convert_exactly(value: str | int, unit: str, bq: float) -> None:
    assert to_bq(value, unit) == bq


def test_from_bq_is_the_inverse() -> None:
    assert from_bq(37_000_000, "mCi") == 1.0
    assert from_bq(3.7e10, "Ci") == 1.0
    assert from_bq(37_000, "uCi") == 1.0
    assert from_bq(2.08e8, "MBq") == 208.0


@pytest.mark.parametrize(("text", "unit"), [
    ("Bq", "Bq"), ("kbq", "kBq"), ("MBQ", "MBq"), ("gBq", "GBq"), ("TBq", "TBq"),
    ("uCi", "µCi"), ("μCi", "µCi"), ("µCi", "µCi"), ("mCi", "mCi"), ("Ci", "Ci"),
    ("millicuries", "mCi"), ("Becquerel", "Bq"),
])
def test_unit_spellings(text: str, unit: str) -> None:
    assert normalise_unit(text) == unit


def test_unknown_unit_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_unit("Sv", field="Enhet")
    assert caught.value.code == "activity.unit_unknown"
    assert caught.value.field == "Enhet"
    assert "µCi" in caught.value.params["allowed"]


@pytest.mark.parametrize(("text", "number"), [
    ("1,5", "1.5"), ("1.5", "1.5"), ("1 500", "1500"), ("1\u00a0500,25", "1500.25"),
    ("1.500,5", "1500.5"), ("1,500.5", "1500.5"), ("3,7e10", "3.7E10"), ("3.7E+10", "3.7E10"),
    ("370", "370"), ("-2", "-2"),
])
def test_numbers_as_people_write_them(text: str, number: str) -> None:
    assert parse_number(text) == Decimal(number)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1..2", "e10"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_number(text, field="Aktivitet")
    assert (caught.value.code, caught.value.field) == ("activity.not_a_number", "Aktivitet")


def test_parse_activity_from_one_text_or_two() -> None:
    assert parse_activity("370 MBq") == Activity(Decimal(370), "MBq")
    assert parse_activity("1,5 µCi") == Activity(Decimal("1.5"), "µCi")
    assert parse_activity("3,7e10Bq") == Activity(Decimal("3.7E10"), "Bq")
    assert parse_activity("10", "uCi").bq == 370_000.0
    with pytest.raises(ValidationError) as caught:
        parse_activity("370")
    assert caught.value.code == "activity.unit_missing"
    with pytest.raises(ValidationError) as caught:
        parse_activity("-5", "MBq")
    assert caught.value.code == "activity.negative"


def test_open_source_waste_decayed_to_the_pickup_date() -> None:
    # 37 MBq of P-32 delivered 2025-01-06, waste collected 2025-04-01 (85 days ≈ 5.96 T½)
    left = waste_activity_at_pickup(37e6, "P-32", D(2025, 1, 6), D(2025, 4, 1))
    assert left == pytest.approx(37e6 * 2 ** (-85 / 14.268), rel=1e-4)
    assert left == pytest.approx(0.5955e6, rel=1e-3)


def test_days_until_a_threshold() -> None:
    # ten half-lives take 1 MBq below 1 kBq (1/1024)
    assert days_to_reach(1e6, "P-32", 1e6 / 1024) == pytest.approx(142.68, rel=1e-4)
    assert days_to_reach(1e3, "P-32", 1e6) == 0.0
    assert date_below(1e6, "P-32", D(2025, 1, 1), 1e6 / 1024) == D(2025, 5, 24)
    assert date_below(1e6, "P-32", D(2025, 1, 1), 1e6) == D(2025, 1, 1)
    assert decayed_below_by(1e6, "P-32", D(2025, 1, 1), 1e3, by=D(2025, 6, 1))
    assert not decayed_below_by(1e6, "P-32", D(2025, 1, 1), 1e3, by=D(2025, 5, 1))
    with pytest.raises(ValidationError) as caught:
        days_to_reach(1e6, "P-32", 0)
    assert caught.value.code == "activity.limit_not_positive"


def test_the_date_below_is_the_first_such_day() -> None:
    day = date_below(5e6, "S-35", D(2024, 3, 1), 1e5)
    assert activity_at(5e6, "S-35", D(2024, 3, 1), day) <= 1e5
    assert activity_at(5e6, "S-35", D(2024, 3, 1), day - dt.timedelta(days=1)) > 1e5


def test_current_activity_from_the_stated_figures() -> None:
    now = current_activity("10", "mCi", "cs137", D(2000, 1, 1), D(2025, 1, 1))
    assert now == pytest.approx(2.0796e8, rel=1e-4)  # 10 mCi = 370 MBq


@settings(max_examples=50, deadline=None)
@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1E6"), places=3),
       st.sampled_from(["Bq", "kBq", "MBq", "GBq", "TBq", "µCi", "mCi", "Ci"]))
def test_units_round_trip(value: Decimal, unit: str) -> None:
    assert from_bq(to_bq(value, unit), unit) == pytest.approx(float(value), rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=40_000), st.integers(min_value=1, max_value=3_000))
def test_decay_only_goes_down_and_composes(days: int, more: int) -> None:
    start = D(1990, 1, 1)
    first = activity_at(1e9, "Co-60", start, start + dt.timedelta(days=days))
    later = activity_at(1e9, "Co-60", start, start + dt.timedelta(days=days + more))
    assert later < first <= 1e9
    assert activity_at(first, "Co-60", start + dt.timedelta(days=days),
                       start + dt.timedelta(days=days + more)) == pytest.approx(later, rel=1e-9)
