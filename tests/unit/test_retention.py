"""Calendar steps and the retention rule shared by the workers registers."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.domain.retention import add_months, add_years, check_deletion, retain_until

D = dt.date


def test_month_and_year_steps_keep_to_real_days() -> None:
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
    assert add_months(D(2025, 3, 15), -3) == D(2024, 12, 15)
    assert add_years(D(2024, 2, 29), 10) == D(2034, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_deletion_is_refused_until_the_retention_has_run_out() -> None:
    assert retain_until(D(2020, 5, 1), 10) == D(2030, 5, 1)
    check_deletion(D(2020, 5, 1), 10, today=D(2030, 5, 2))  # the day after the end
    with pytest.raises(ValidationError) as caught:
        check_deletion(D(2020, 5, 1), 10, today=D(2030, 5, 1), field="exposure_end")
    assert (caught.value.code, caught.value.field) == ("retention.not_expired", "exposure_end")
    assert "2030-05-01" in str(caught.value)
