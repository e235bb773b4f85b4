"""A finding's proposed deadline follows its severity (issue 8, point 10)."""

from __future__ import annotations

import datetime as dt

from vernetool.domain.rounds import Severity, default_deadline

TODAY = dt.date(2025, 3, 1)


def test_more_serious_findings_get_shorter_deadlines() -> None:
    high, medium, low = (default_deadline(s, TODAY)
                         for s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW))
    assert (high - TODAY).days == 14
    assert (medium - TODAY).days == 30
    assert (low - TODAY).days == 90
    assert TODAY < high < medium < low
    assert default_deadline("high", TODAY) == high
