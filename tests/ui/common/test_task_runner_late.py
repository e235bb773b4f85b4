"""A background job that finishes after its screen was closed drops its result quietly."""

from __future__ import annotations

import logging
import threading
from typing import Any

import shiboken6

from vernetool.ui.common.task_runner import _Runnable, _Signals


def test_a_job_finishing_after_its_screen_closed_raises_nothing(
        qtbot: Any, caplog: Any) -> None:
    signals = _Signals()
    runnable = _Runnable(lambda progress, cancelled: 42, signals, threading.Event())
    shiboken6.delete(signals)  # the screen (and the runner's signals) went away
    with caplog.at_level(logging.INFO, logger="vernetool.ui.common.task_runner"):
        runnable.run()  # before the fix: RuntimeError "Signal source has been deleted"
    assert "finished after its screen was closed" in caplog.text


def test_a_job_reports_its_result_while_its_screen_is_open(qtbot: Any) -> None:
    signals = _Signals()
    results: list[object] = []
    signals.done.connect(results.append)
    _Runnable(lambda progress, cancelled: 42, signals, threading.Event()).run()
    assert results == [42]
