"""The header line the pages of one HSE round share (the walk, the action plan): a way back
to all rounds, the round's title and a grey line under it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from vernetool.i18n import tr
from vernetool.ui.common.elided_label import ElidedLabel
from vernetool.ui.shell.theme import MUTED


def back_to_rounds_button(slot: Callable[[], object]) -> QPushButton:
    button = QPushButton("← " + tr("All rounds"))
    button.clicked.connect(slot)
    return button


def round_title() -> QLabel:
    """Large and bold; on a narrow screen it ends in "…" (the whole title in its tooltip)
    rather than widen the window or be cut off."""
    title = ElidedLabel()
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    title.setFont(font)
    return title


def round_subtitle() -> QLabel:
    """Grey and wrapped: a long unit name must not widen a small laptop's window."""
    subtitle = QLabel()
    subtitle.setTextFormat(Qt.TextFormat.PlainText)
    subtitle.setStyleSheet(f"color: {MUTED};")
    subtitle.setWordWrap(True)
    return subtitle
