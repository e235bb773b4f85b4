"""The change notifier: order, unsubscribing, and a failing listener that harms no other."""

from __future__ import annotations

import logging

import pytest

from vernetool.services import Change, Notifier, Topic


def test_listeners_hear_each_change_in_subscription_order() -> None:
    notifier = Notifier()
    heard: list[tuple[str, Change]] = []
    notifier.subscribe(lambda c: heard.append(("first", c)))
    notifier.subscribe(lambda c: heard.append(("second", c)))
    rooms, persons = Change(Topic.ROOMS, (1, 2)), Change(Topic.PERSONS)
    notifier.publish([rooms, persons])
    assert heard == [("first", rooms), ("second", rooms), ("first", persons),
                     ("second", persons)]


def test_publish_takes_any_iterable_once() -> None:
    notifier = Notifier()
    heard: list[Change] = []
    notifier.subscribe(heard.append)
    notifier.subscribe(heard.append)
    notifier.publish(Change(t) for t in (Topic.ROUNDS, Topic.FINDINGS))
    assert heard == [Change(Topic.ROUNDS)] * 2 + [Change(Topic.FINDINGS)] * 2


def test_unsubscribe_stops_the_notices_and_may_be_called_twice() -> None:
    notifier = Notifier()
    heard: list[Change] = []
    unsubscribe = notifier.subscribe(heard.append)
    assert notifier.listener_count == 1
    unsubscribe()
    unsubscribe()
    assert notifier.listener_count == 0
    notifier.publish([Change(Topic.ROOMS)])
    assert heard == []


def test_a_listener_subscribed_during_a_publish_hears_the_next_one() -> None:
    notifier = Notifier()
    late: list[Change] = []
    notifier.subscribe(lambda _c: notifier.subscribe(late.append) and None)
    notifier.publish([Change(Topic.ROOMS)])
    assert late == []
    notifier.publish([Change(Topic.PERSONS)])
    assert Change(Topic.PERSONS) in late


def test_a_failing_listener_is_logged_and_the_others_still_hear(
        caplog: pytest.LogCaptureFixture) -> None:
    notifier = Notifier()
    heard: list[Change] = []

    def broken(change: Change) -> None:
        raise RuntimeError(f"cannot refresh {change.topic}")

    notifier.subscribe(broken)
    notifier.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="vernetool.services.notifier"):
        notifier.publish([Change(Topic.DEVIATIONS), Change(Topic.ROOMS)])
    assert heard == [Change(Topic.DEVIATIONS), Change(Topic.ROOMS)]
    failures = [r for r in caplog.records if r.exc_info]
    assert len(failures) == 2
    assert "cannot refresh deviations" in str(failures[0].exc_info[1])  # type: ignore[index]
