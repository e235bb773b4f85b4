"""The status history in the deviation detail panel (~300 px at 1366×768): the change is the
point of the table and must not be squeezed to "Regist… → Aksep…" (issue 8 trial)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from vernetool import i18n
from vernetool.db.deviations.records import StatusHistoryEntry
from vernetool.domain.deviations.rules import DeviationStatus
from vernetool.ui.deviations.history_table import StatusHistoryTable


@pytest.fixture(autouse=True)
def bokmal() -> Iterator[None]:
    i18n.set_language("nb")
    yield
    i18n.set_language("en")


def test_the_change_gets_the_room_in_a_narrow_panel(qtbot: Any) -> None:
    table = StatusHistoryTable()
    qtbot.addWidget(table)
    table.resize(290, 300)
    table.show()
    history = [
        StatusHistoryEntry(None, DeviationStatus.REGISTERED, "2026-12-02T08:46:00Z",
                           "Kari Nordmann", ""),
        StatusHistoryEntry(DeviationStatus.IN_PROGRESS, DeviationStatus.CLOSED,
                           "2026-12-02T08:47:00Z", "Kari Nordmann", ""),
    ]
    table.show_history(history)
    qtbot.waitExposed(table)
    assert table.horizontalHeaderItem(0).text() == "Når og hvem"
    assert table.item(0, 0).text().endswith("\nKari Nordmann")
    change = table.item(1, 1).text()
    assert change == "Under behandling → Lukket"
    needed = table.fontMetrics().horizontalAdvance(change)
    assert table.columnWidth(1) >= needed
    assert table.columnWidth(0) + table.columnWidth(1) <= table.viewport().width()


def test_rows_grow_when_the_panel_narrows_after_the_history_is_shown(qtbot: Any) -> None:
    """The history is filled before the detail panel has its final width: the rows must be
    measured again, or the second line ("Frist for lukking …") is cut off."""
    import datetime as dt

    table = StatusHistoryTable()
    qtbot.addWidget(table)
    table.resize(700, 300)
    table.show()
    table.show_history([StatusHistoryEntry(
        DeviationStatus.REGISTERED, DeviationStatus.ACCEPTED, "2026-12-02T08:46:00Z",
        "Kari Nordmann", "", closing_deadline=dt.date(2027, 1, 1))])
    qtbot.waitExposed(table)
    wide = table.rowHeight(0)
    table.resize(260, 300)
    qtbot.wait(20)
    text = table.item(0, 1).text()
    assert text == "Registrert → Akseptert\nFrist for lukking 01.01.2027"
    width = table.columnWidth(1) - 8
    lines = sum(-(-table.fontMetrics().horizontalAdvance(part) // width)
                for part in text.split("\n"))
    assert lines >= 3 and table.rowHeight(0) > wide
    assert table.rowHeight(0) >= lines * table.fontMetrics().lineSpacing()
