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
NAV_BACKGROUND = "#e9eef5"
NAV_HOVER = "#dde5f0"
GRID = "#e6eaf0"
SELECTION = "#cfe0f5"
HEADER = "#eef2f7"
HEADER_DIVIDER = "#e2e7ee"
BUTTON = "#eef1f5"
TOOLTIP = "#fffdf2"
PLACEHOLDER = "#7b8594"
MID = "#c3cad4"
MIDLIGHT = "#e3e7ed"
DARK = "#a0a9b5"
SHADOW = "#6b7480"
DISABLED_TEXT = "#9aa3ae"
ERROR = "#a4262c"        # an error line, a refused input, an overdue action, high severity
SUCCESS = "#2f7d32"      # saved, answered OK, a room done, low severity

# -- shell and checklists
INVALID = "#a61b1b"       # text that says an entry cannot be used (a condition, a field)


def text_colour(colour: str) -> str:
    """A style sheet that only sets the text colour, e.g. ``text_colour(MUTED)``."""
    return f"color: {colour};"


_STYLESHEET = f"""
QListWidget#navigation {{
    background: {NAV_BACKGROUND};
    border: none;
    border-right: 1px solid {BORDER};
    padding: 8px 6px;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding: 7px 6px;
    border-radius: 6px;
    color: {TEXT};
}}
QListWidget#navigation::item:hover {{
    background: {NAV_HOVER};
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
    gridline-color: {GRID};
    selection-background-color: {SELECTION};
    selection-color: {TEXT};
}}
QHeaderView::section {{
    background: {HEADER};
    border: none;
    border-bottom: 1px solid {BORDER};
    border-right: 1px solid {HEADER_DIVIDER};
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
        QPalette.ColorRole.Button: BUTTON,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.ToolTipBase: TOOLTIP,
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: PLACEHOLDER,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: BASE,
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Mid: MID,
        QPalette.ColorRole.Midlight: MIDLIGHT,
        QPalette.ColorRole.Light: BASE,
        QPalette.ColorRole.Dark: DARK,
        QPalette.ColorRole.Shadow: SHADOW,
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return pal


def apply(qapp: QApplication) -> None:
    """Fusion and the palette; the style sheet follows with ``apply_style_sheet``."""
    qapp.setStyle("Fusion")
    qapp.setPalette(palette())


def apply_style_sheet(qapp: QApplication) -> None:
    """The style sheet, set once the main window is built and before it is shown.

    With an application style sheet every widget put into a parent re-polishes the whole
    subtree it brings (``QWidgetPrivate::inheritStyle``), and a screen is built bottom-up, so
    building the first window under the sheet costs ~3 % of start-up more than polishing each
    widget once when the sheet is set afterwards. Windows built later meet it already set.
    """
    if qapp.styleSheet() != _STYLESHEET:
        qapp.setStyleSheet(_STYLESHEET)


def style_sheet() -> str:
    """The application style sheet (tests compare with it)."""
    return _STYLESHEET


# -- organisation and common widgets ------------------------------------------------------
TOGGLE_HOVER_BORDER = "#9fb3c8"    # a checkable tile (room card pictograms) under the mouse
TOGGLE_CHECKED = "#dfe9f5"         # ... when chosen
TOGGLE_CHECKED_BORDER = "#2b4a6f"
RISK_GREEN = "#78bf7b"             # risk matrix cells, and the text on them
RISK_YELLOW = "#f4cd5a"
RISK_RED = "#e0675c"
RISK_GREEN_TEXT = "#1e4d20"
RISK_YELLOW_TEXT = "#5c4500"
RISK_RED_TEXT = BASE

# -- the chemical register ------------------------------------------------------------------
STORAGE_WARNING_BACKGROUND = "#fdf0ef"   # incompatible products in one storage place
STORAGE_WARNING_BORDER = ERROR

# -- deviations and statistics ---------------------------------------------------------------
OVERDUE_RED = "#b42318"             # an overdue deviation: text, dot, badge
OVERDUE_CHIP_BACKGROUND = "#fde8e6"
OVERDUE_CHIP_BORDER = "#f3c1bb"
HINT_AMBER = "#9a5b00"              # something to complete: hours not recorded, H2 missing
MEASURE_OVERDUE = "#ff0000"         # an overdue measure's deadline and status
NOTE_GREY = "#808080"               # a measure's progress notes
# (background, text) of a deviation status badge or chip, by status value
DEVIATION_STATUS_COLOURS = {
    "registered": ("#e8eef7", "#1f3b63"), "accepted": ("#fff4d6", "#6b4e00"),
    "in_progress": ("#e3f0ff", "#0b4a8b"), "closed": ("#e4f4e6", "#1e5a24"),
    "rejected": ("#f1f1f1", "#4a4a4a"), "transferred": ("#efe8fb", "#4b2a83"),
}
DEVIATION_STATUS_UNKNOWN = ("#eeeeee", "#333333")

# -- rounds (the walk, the action plan, findings) -----------------------------------------------
ROUND_OK_DISABLED = "#9bb89c"
ROUND_IMPROVE = "#c25e00"         # must improve
ROUND_MEDIUM = "#b26a00"          # medium severity, a round in progress
ROUND_SUCCESS = "#1f5f2a"         # a notice that something worked
ROUND_TRACK = "#dde3ea"           # the progress bar's groove, the item editor's edge
ROUND_ACCENT_DISABLED = "#9db5cf"
ROUND_CHOSEN = "#8a939e"          # a room already in the round, a closed finding
ROUND_HINT = "#555555"
ROUND_PENDING_FILL = "#f2b632"    # the room status icons
ROUND_PENDING_EDGE = "#c98a00"
ROUND_CARRIED_BG = "#fff8e6"      # earlier findings to re-check
ROUND_CARRIED_BORDER = "#ecd9a6"
ROUND_CARRIED_EDGE = "#d9a400"
ROUND_CARRIED_TEXT = "#8a4b00"
ROUND_CARRIED_FOCUS = "#fff1cc"
ROUND_ROW_CURRENT = "#e8f1fb"     # the item being answered
ROUND_ROW_CURRENT_EDGE = "#9cc0e6"
ROUND_ROW_ANSWERED = "#fbfcfd"
ROUND_ROW_ANSWERED_EDGE = "#eef1f5"
ROUND_EDITOR_BG = "#f3f6fa"
ROUND_GUIDANCE = "#33404d"

# -- delivery to the central systems (the Sync area, the status bar) ---------------------------
# (background, text) of a bundle's status in the outbox
DELIVERY_STATUS_COLOURS = {
    "queued": ("#fff4d6", "#6b4e00"), "delivered": ("#e4f4e6", "#1e5a24"),
    "failed": ("#fde8e6", "#a4262c"), "discarded": ("#f1f1f1", "#4a4a4a"),
}
DELIVERY_STATUS_UNKNOWN = ("#eeeeee", "#333333")

# -- annual HSE reporting (the unit's form) ------------------------------------------------------
ANNUAL_CARD_EDGE = "#e2e7ee"           # a question's card
ANNUAL_FROM_DATA = ("#e3f0ff", "#0b4a8b")   # (background, text): "From the data", to confirm
ANNUAL_CONFIRMED = ("#e4f4e6", "#1e5a24")   # ... confirmed by the two who answer
ANNUAL_TO_CONFIRM_EDGE = "#9cc0e6"     # the card of a pre-filled answer not yet confirmed
ANNUAL_SECTION_RULE = "#c3cad4"        # the line under a section's title
ANNUAL_CURRENT = "#f5f9fe"             # the question the keyboard is in
ANNUAL_CURRENT_EDGE = "#9cc0e6"
