"""The back-off: exponential windows, jitter inside them, Retry-After as a minimum."""

from __future__ import annotations

import pytest

from vernetool.domain.delivery import backoff


def test_windows_double_up_to_the_cap() -> None:
    windows = [backoff.exponential(n, base=30, cap=3600) for n in range(1, 10)]
    assert windows == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert backoff.exponential(10_000) == backoff.CAP


@pytest.mark.parametrize("r", [0.0, 0.25, 0.999])
def test_full_jitter_stays_inside_the_window(r: float) -> None:
    for attempts in range(1, 20):
        window = backoff.exponential(attempts)
        delay = backoff.next_delay(attempts, rand=lambda: r)
        assert backoff.FLOOR <= delay <= window
    assert backoff.next_delay(3, rand=lambda: 0.5) == 60.0  # half of the 120 s window


def test_jitter_spreads_laptops_that_lost_the_same_server() -> None:
    draws = iter([0.1, 0.5, 0.9])
    delays = {backoff.next_delay(4, rand=lambda: next(draws)) for _ in range(3)}
    assert delays == {24.0, 120.0, 216.0}


def test_retry_after_is_a_minimum_up_to_a_day() -> None:
    assert backoff.next_delay(1, retry_after=600, rand=lambda: 0.5) == 600
    assert backoff.next_delay(8, retry_after=5, rand=lambda: 0.5) == 1800  # ours is longer
    assert backoff.next_delay(1, retry_after=10**9, rand=lambda: 0.5) == 86400
    assert backoff.next_delay(1, retry_after=0, rand=lambda: 0.5) == 15


def test_decorrelated_jitter_grows_from_the_previous_delay_and_is_capped() -> None:
    assert backoff.next_delay(1, decorrelated=True, rand=lambda: 0.0) == backoff.BASE
    assert backoff.next_delay(2, decorrelated=True, previous=100, rand=lambda: 1.0) == 300
    assert backoff.next_delay(9, decorrelated=True, previous=3000, rand=lambda: 1.0) == 3600
