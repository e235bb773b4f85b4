"""Deviation rules: the workflow, the risk matrix, H1/H2 and value aliases."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.domain.deviations.aliases import parse_absence, parse_status, parse_type
from vernetool.domain.deviations.h_values import h_values
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    RiskLevel,
    RiskMatrix,
    StatusChange,
    TriState,
    allowed_transitions,
    apply_status_change,
    validate_deviation,
)
from vernetool.domain.errors import ValidationError

S = DeviationStatus
DAY = dt.date(2024, 3, 1)


def _dev(status: DeviationStatus = S.REGISTERED, **kw: object) -> Deviation:
    return Deviation(DeviationType.NEAR_MISS, "Gassflaske uten sikring", DAY, status=status,
                     **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [S.REGISTERED, S.REJECTED, S.TRANSFERRED])
def test_no_closing_without_a_decision(status: DeviationStatus) -> None:
    with pytest.raises(ValidationError) as err:
        apply_status_change(_dev(status), StatusChange(S.CLOSED, note="ferdig"), today=DAY)
    assert err.value.field == "status"
    assert "accepted" in err.value.message


def test_rejecting_needs_a_reason() -> None:
    with pytest.raises(ValidationError) as err:
        apply_status_change(_dev(), StatusChange(S.REJECTED, reason="  "), today=DAY)
    assert err.value.field == "reason"
    done = apply_status_change(_dev(), StatusChange(S.REJECTED, reason="Dublett"), today=DAY)
    assert done.status is S.REJECTED and done.rejected_reason == "Dublett"


def test_accepting_needs_a_closing_deadline() -> None:
    with pytest.raises(ValidationError) as err:
        apply_status_change(_dev(), StatusChange(S.ACCEPTED), today=DAY)
    assert err.value.field == "closing_deadline"
    with pytest.raises(ValidationError):
        apply_status_change(_dev(), StatusChange(S.ACCEPTED, closing_deadline=dt.date(2024, 1,
                                                                                     1)))
    done = apply_status_change(_dev(), StatusChange(S.ACCEPTED,
                                                    closing_deadline=dt.date(2024, 4, 1)))
    assert done.status is S.ACCEPTED and done.closing_deadline == dt.date(2024, 4, 1)


def test_transferring_needs_to_whom() -> None:
    with pytest.raises(ValidationError) as err:
        apply_status_change(_dev(), StatusChange(S.TRANSFERRED))
    assert err.value.field == "transferred_to"
    done = apply_status_change(_dev(), StatusChange(S.TRANSFERRED, transferred_to="Eiendom"))
    assert done.transferred_to == "Eiendom"


def test_closing_with_open_measures_needs_a_note_and_sets_closed_at() -> None:
    dev = _dev(S.IN_PROGRESS, closing_deadline=dt.date(2024, 4, 1))
    with pytest.raises(ValidationError) as err:
        apply_status_change(dev, StatusChange(S.CLOSED), open_actions=2, today=DAY)
    assert err.value.field == "note"
    closed = apply_status_change(dev, StatusChange(S.CLOSED, note="følges opp i LAMU"),
                                 open_actions=2, today=dt.date(2024, 3, 9))
    assert closed.closed_at == dt.date(2024, 3, 9)
    assert apply_status_change(dev, StatusChange(S.CLOSED), today=DAY).status is S.CLOSED


def test_reopening_needs_a_note_and_clears_closed_at() -> None:
    dev = _dev(S.CLOSED, closed_at=DAY)
    with pytest.raises(ValidationError):
        apply_status_change(dev, StatusChange(S.IN_PROGRESS))
    again = apply_status_change(dev, StatusChange(S.IN_PROGRESS, note="skjedde igjen"))
    assert again.status is S.IN_PROGRESS and again.closed_at is None
    validate_deviation(again)


def test_transitions_offered() -> None:
    assert set(allowed_transitions(S.REGISTERED)) == {S.ACCEPTED, S.REJECTED, S.TRANSFERRED}
    assert S.CLOSED not in allowed_transitions(S.REGISTERED)
    assert allowed_transitions(S.IN_PROGRESS) == (S.CLOSED,)
    with pytest.raises(ValidationError):
        apply_status_change(_dev(S.IN_PROGRESS), StatusChange(S.REJECTED, reason="x"))


def test_validation_names_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        validate_deviation(_dev(potential_consequence=6))
    assert err.value.field == "potential_consequence"
    with pytest.raises(ValidationError) as err:
        validate_deviation(Deviation(DeviationType.HAZARD, " ", DAY))
    assert err.value.field == "title"
    with pytest.raises(ValidationError) as err:
        validate_deviation(_dev(injury=Injury()))
    assert err.value.field == "injury"


def test_risk_matrix_default_and_configurable() -> None:
    matrix = RiskMatrix()
    assert matrix.level(1, 1) is RiskLevel.GREEN
    assert matrix.level(2, 2) is RiskLevel.GREEN
    assert matrix.level(5, 1) is RiskLevel.YELLOW
    assert matrix.level(3, 5) is RiskLevel.RED
    assert matrix.level(5, 5) is RiskLevel.RED
    grid = matrix.grid()
    assert len(grid) == 5 and all(len(r) == 5 for r in grid)
    assert grid[0][4] is RiskLevel.RED and grid[4][0] is RiskLevel.GREEN
    strict = RiskMatrix(yellow_from=3, red_from=8)
    assert strict.level(2, 2) is RiskLevel.YELLOW and strict.level(2, 4) is RiskLevel.RED
    with pytest.raises(ValidationError):
        RiskMatrix(yellow_from=10, red_from=5)
    with pytest.raises(ValidationError):
        matrix.level(0, 3)
    assert matrix.level_or_none(None, 3) is None


def test_h1_as_the_seed_reports_it() -> None:
    injuries = ([Injury(False, Absence.NONE)] * 77 + [Injury(True, Absence.LE3)] * 18
                + [Injury(True, Absence.GT3)] * 6 + [Injury(True, Absence.NONE)] * 9)
    values = h_values(injuries, 12_760_814.98)
    assert values.h1_count == 24
    assert values.h1 == 1.9
    assert values.h2 is None
    assert values.h2_missing is not None and values.h2_missing.count == 86
    assert "86 injuries" in (values.h2_missing_reason or "")


def test_h2_when_the_data_is_complete() -> None:
    injuries = [Injury(True, Absence.GT3),
                Injury(False, Absence.NONE, TriState.YES, TriState.UNKNOWN),
                Injury(False, Absence.NONE, TriState.NO, TriState.YES),
                Injury(False, Absence.NONE, TriState.NO, TriState.NO),
                Injury(False, Absence.NONE, fatality=True)]
    values = h_values(injuries, 1_000_000)
    assert (values.h1, values.h2, values.h2_missing_reason) == (2.0, 4.0, None)


def test_h2_missing_when_one_injury_is_unknown_and_h_needs_hours() -> None:
    values = h_values([Injury(False, Absence.NONE, TriState.NO, TriState.UNKNOWN)], 1e6)
    assert values.h1 == 0.0 and values.h2 is None
    assert values.h2_missing is not None and values.h2_missing.code == "treatment_unknown"
    no_hours = h_values([Injury(True, Absence.LE3)], None)
    assert no_hours.h1 is None and no_hours.h2 is None
    assert no_hours.h2_missing is not None and no_hours.h2_missing.code == "hours_unknown"


def test_norwegian_aliases() -> None:
    assert parse_type("Nestenulykke") is DeviationType.NEAR_MISS
    assert parse_type("Farlig forhold/observasjon") is DeviationType.HAZARD
    assert parse_type("ulykke/personskade") is DeviationType.ACCIDENT
    assert parse_type("Forbedringsforslag") is DeviationType.IMPROVEMENT
    assert parse_status("Under behandling") is DeviationStatus.IN_PROGRESS
    assert parse_status("godkjent") is DeviationStatus.ACCEPTED
    assert parse_status("Overført") is DeviationStatus.TRANSFERRED
    assert parse_absence("> 3 dager") is Absence.GT3
    assert parse_absence("≤ 3 dager") is Absence.LE3
    with pytest.raises(ValidationError) as err:
        parse_type("brannøvelse")
    assert err.value.field == "type"
