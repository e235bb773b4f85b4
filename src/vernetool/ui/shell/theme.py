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


# -- rounds (the walk, the action plan, findings) -----------------------------------------------
ROUND_OK = "#2f7d32"              # answered OK, a room done, a low severity
ROUND_OK_DISABLED = "#9bb89c"
ROUND_IMPROVE = "#c25e00"         # must improve
ROUND_MEDIUM = "#b26a00"          # medium severity, a round in progress
ROUND_ERROR = "#a4262c"           # overdue, high severity, a refused input
ROUND_SUCCESS = "#1f5f2a"         # a notice that something worked
ROUND_TRACK = "#dde3ea"           # the progress bar's groove, the item editor's edge
ROUND_SELECTED = "#cfe0f5"
ROUND_ACCENT_DISABLED = "#9db5cf"
ROUND_CHOSEN = "#8a939e"          # a room already in the round, a closed finding
ROUND_HINT = "#555555"
ROUND_PENDING_FILL = "#f2b632"    # the room status icons
ROUND_PENDING_EDGE = "#c98a00"
ROUND_NOT_STARTED = "#9aa3ae"
ROUND_CARRIED_BG = "#fff8e6"      # earlier findings to re-check
ROUND_CARRIED_BORDER = "#ecd9a6"
ROUND_CARRIED_EDGE = "#d9a400"
ROUND_CARRIED_TEXT = "#8a4b00"
ROUND_CARRIED_FOCUS = "#fff1cc"
ROUND_BUTTON_BORDER = "#c3cad4"   # the answer buttons of an item
ROUND_BUTTON_HOVER = "#7b8594"
ROUND_ROW_CURRENT = "#e8f1fb"     # the item being answered
ROUND_ROW_CURRENT_EDGE = "#9cc0e6"
ROUND_ROW_ANSWERED = "#fbfcfd"
ROUND_ROW_ANSWERED_EDGE = "#eef1f5"
ROUND_EDITOR_BG = "#f3f6fa"
ROUND_GUIDANCE = "#33404d"
