"""A light, calm look: Fusion with a soft palette and a quiet navigation list.

The same on every platform, so screenshots, manuals and what users see agree.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#00509e"        # the app mark's blue
TEXT = "#1f2933"
MUTED = "#5a6472"
WINDOW = "#f4f6f9"
BASE = "#ffffff"
ALTERNATE = "#f7f9fc"
BORDER = "#d5dbe3"

_STYLESHEET = f"""
QListWidget#navigation {{
    background: #e9eef5;
    border: none;
    border-right: 1px solid {BORDER};
    padding: 8px 6px;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding: 7px 8px;
    border-radius: 6px;
    color: {TEXT};
}}
QListWidget#navigation::item:hover {{
    background: #dde5f0;
}}
QListWidget#navigation::item:selected {{
    background: {BASE};
    color: {ACCENT};
    border: 1px solid {BORDER};
}}
QFrame#detailPanel {{
    background: {BASE};
    border: 1px solid {BORDER};
    border-radius: 6px;
}}
QTableView {{
    gridline-color: #e6eaf0;
    selection-background-color: #cfe0f5;
    selection-color: {TEXT};
}}
QHeaderView::section {{
    background: #eef2f7;
    border: none;
    border-bottom: 1px solid {BORDER};
    border-right: 1px solid #e2e7ee;
    padding: 4px 16px 4px 6px;  /* room on the right for the sort arrow */
    color: {TEXT};
}}
QStatusBar {{
    color: {MUTED};
}}
"""


def palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: BASE,
        QPalette.ColorRole.AlternateBase: ALTERNATE,
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#eef1f5",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.ToolTipBase: "#fffdf2",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#7b8594",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: BASE,
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Mid: "#c3cad4",
        QPalette.ColorRole.Midlight: "#e3e7ed",
        QPalette.ColorRole.Light: BASE,
        QPalette.ColorRole.Dark: "#a0a9b5",
        QPalette.ColorRole.Shadow: "#6b7480",
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa3ae"))
    return pal


def apply(qapp: QApplication) -> None:
    qapp.setStyle("Fusion")
    qapp.setPalette(palette())
    qapp.setStyleSheet(_STYLESHEET)


# -- deviations and statistics ---------------------------------------------------------------
OVERDUE_RED = "#b42318"             # an overdue deviation: text, dot, badge
OVERDUE_CHIP_BACKGROUND = "#fde8e6"
OVERDUE_CHIP_BORDER = "#f3c1bb"
ON_STRONG = "#ffffff"               # text on a strong background (the red badge, red risk)
HINT_AMBER = "#9a5b00"              # something to complete: hours not recorded, H2 missing
FAILED_RED = "#a4262c"              # a value that could not be saved
SAVED_GREEN = "#2f7d32"
MEASURE_OVERDUE = "#ff0000"         # an overdue measure's deadline and status
NOTE_GREY = "#808080"               # a measure's progress notes
# (background, text) of a deviation status badge or chip, by status value
DEVIATION_STATUS_COLOURS = {
    "registered": ("#e8eef7", "#1f3b63"), "accepted": ("#fff4d6", "#6b4e00"),
    "in_progress": ("#e3f0ff", "#0b4a8b"), "closed": ("#e4f4e6", "#1e5a24"),
    "rejected": ("#f1f1f1", "#4a4a4a"), "transferred": ("#efe8fb", "#4b2a83"),
}
DEVIATION_STATUS_UNKNOWN = ("#eeeeee", "#333333")
