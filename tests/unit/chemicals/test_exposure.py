"""The §31-1 exposure register: which products call for it, how long entries are kept."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.chemicals.products import (
    BENZENE,
    BORIC_ACID,
    DICHLOROMETHANE,
    DMF,
    FORMALDEHYDE_37,
    NICKEL_SULPHATE,
    POTASSIUM_DICHROMATE,
    TOLUENE,
)
from vernetool.domain.chemicals.exposure import (
    check_deletion,
    retain_until,
    retention_years,
    triggers_exposure_register,
)
from vernetool.domain.chemicals.statements import parse_statements
from vernetool.domain.errors import ValidationError
from vernetool.i18n import translator


@pytest.mark.parametrize(("text", "triggers", "years"), [
    (BENZENE, True, 60), (FORMALDEHYDE_37, True, 60), (DMF, True, 5), (BORIC_ACID, True, 5),
    (NICKEL_SULPHATE, True, 60), (POTASSIUM_DICHROMATE, True, 60),
    (TOLUENE, False, None), (DICHLOROMETHANE, False, None),
    ("H341, H351, H361fd, H362", False, None), ("H225", False, None), ("", False, None),
    ("H340", True, 60), ("H350i", True, 60), ("H360", True, 5), ("H360F", True, 5),
    ("H360D", True, 5), ("H360FD", True, 5), ("H360Fd", True, 5), ("H360Df", True, 5),
])
def test_real_products(text: str, triggers: bool, years: int | None) -> None:
    codes = parse_statements(text)
    assert triggers_exposure_register(codes) is triggers
    assert retention_years(codes) == years


def test_a_trigger_inside_a_combined_code_counts() -> None:
    assert triggers_exposure_register(["H350+H999"])  # not an EU combination; parts count
    assert not triggers_exposure_register(["H301+H311+H331"])


def test_retention_runs_from_the_exposure_end() -> None:
    assert retain_until(parse_statements(BENZENE), date(2024, 5, 31)) == date(2084, 5, 31)
    assert retain_until(parse_statements(DMF), date(2024, 5, 31)) == date(2029, 5, 31)
    assert retain_until(["H360D", "H350"], date(2024, 1, 1)) == date(2084, 1, 1)
    assert retain_until(["H360D"], date(2024, 2, 29)) == date(2029, 2, 28)
    assert retain_until(parse_statements(BENZENE), None) is None  # still going on
    assert retain_until(["H225"], date(2024, 1, 1)) == date(2084, 1, 1)  # the longest


def test_deletion_is_refused_before_the_retention_end_and_while_ongoing() -> None:
    with pytest.raises(ValidationError) as refused:
        check_deletion(date(2029, 5, 31), date(2029, 5, 31))
    assert (refused.value.code, refused.value.params) == ("exposure.retention",
                                                          {"until": "2029-05-31"})
    assert "2029-05-31" in translator("nb").render(refused.value.code, **refused.value.params)
    with pytest.raises(ValidationError) as refused:
        check_deletion(None, date(2090, 1, 1))
    assert refused.value.code == "exposure.retention"
    assert "the exposure has ended" in str(refused.value)
    check_deletion(date(2029, 5, 31), date(2029, 6, 1))  # the day after: allowed
