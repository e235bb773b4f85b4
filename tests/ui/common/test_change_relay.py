"""ChangeRelay: service notices reach the screens on the GUI thread, filtered by topic."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

from vernetool.db.connection import connect
from vernetool.services import Change, Services, Store, Topic
from vernetool.ui.common.change_relay import ChangeRelay


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    path = tmp_path / "relay.sqlite"
    conn = connect(path)
    yield Services(Store(conn, path, lambda: "tester"))
    conn.close()


def test_a_change_from_a_worker_thread_arrives_on_the_gui_thread(
        qtbot: Any, services: Services) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    relay = ChangeRelay(services, owner)
    arrived: list[tuple[Change, bool]] = []
    gui_thread = QApplication.instance().thread()  # type: ignore[union-attr]
    relay.changed.connect(lambda c: arrived.append((c, QThread.currentThread() is gui_thread)))
    published_from: list[str] = []

    def worker() -> None:
        published_from.append(threading.current_thread().name)
        services.store.publish(Change(Topic.ROOMS, (3,)))

    with qtbot.waitSignal(relay.changed, timeout=5000):
        thread = threading.Thread(target=worker, name="import-job")
        thread.start()
        thread.join()
    assert published_from == ["import-job"]
    assert arrived == [(Change(Topic.ROOMS, (3,)), True)]


def test_on_calls_the_slot_for_its_topics_and_for_the_whole_database(
        qtbot: Any, services: Services) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    relay = ChangeRelay(services, owner)
    rooms: list[Change] = []
    relay.on([Topic.ROOMS, Topic.UNITS], rooms.append)
    services.store.publish(Topic.PERSONS, Topic.UNITS, Topic.DEVIATIONS, Topic.DATABASE)
    assert rooms == [Change(Topic.UNITS), Change(Topic.DATABASE)]


def test_a_committed_write_reaches_the_screen(qtbot: Any, services: Services) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    relay = ChangeRelay(services, owner)
    heard: list[Change] = []
    relay.on([Topic.TEMPLATES], heard.append)
    with services.store.write(Topic.TEMPLATES) as conn:
        conn.execute("CREATE TABLE t (v TEXT)")
        assert heard == []
    assert heard == [Change(Topic.TEMPLATES)]


def test_the_relay_stops_listening_when_its_owner_is_destroyed(
        qtbot: Any, services: Services) -> None:
    owner = QWidget()
    ChangeRelay(services, owner)
    ChangeRelay(services, owner)
    assert services.notifier.listener_count == 2
    with qtbot.waitSignal(owner.destroyed, timeout=5000):
        owner.deleteLater()
    assert services.notifier.listener_count == 0
    services.store.publish(Topic.ROOMS)  # nobody left to call: no error from a dead object


def test_close_stops_listening(qtbot: Any, services: Services) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    relay = ChangeRelay(services, owner)
    heard: list[Change] = []
    relay.changed.connect(heard.append)
    relay.close()
    services.store.publish(Topic.ROOMS)
    assert heard == [] and services.notifier.listener_count == 0
