"""A whole date typed into a date field lands as typed (QDateEdit moves to the next section
by itself when one is full, and a typed separator then moved a second time: 2026-11-30
became 2026-12-11), and Tab leaves the field."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from vernetool.ui.common.date_field import TypedDateEdit


@pytest.mark.parametrize(("display", "typed", "expected"), [
    ("yyyy-MM-dd", "2026-11-30", QDate(2026, 11, 30)),     # English: ISO dates
    ("dd.MM.yyyy", "30.11.2026", QDate(2026, 11, 30)),     # Bokmål
    ("dd.MM.yyyy", "05.03.2024", QDate(2024, 3, 5)),
    ("yyyy-MM-dd", "20240305", QDate(2024, 3, 5)),         # digits only
])
def test_a_typed_date_lands_as_typed_and_tab_leaves(qtbot: Any, display: str, typed: str,
                                                   expected: QDate) -> None:
    form = QWidget()
    layout = QVBoxLayout(form)
    field = TypedDateEdit()
    field.setDisplayFormat(display)
    field.setDate(QDate(2026, 12, 2))
    after = QLineEdit()
    layout.addWidget(field)
    layout.addWidget(after)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.setSelectedSection(field.sectionAt(0))   # as focus by Tab or click selects it
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date() == expected
    assert QApplication.focusWidget() is after
