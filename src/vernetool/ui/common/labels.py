"""Qt-specific formatting (dates, numbers via QLocale); the words live in vernetool.i18n.labels.

The label functions are re-exported so the views keep importing them from here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale

from vernetool.i18n import language
from vernetool.i18n.labels import (
    absence_label,
    action_status_label,
    answer_label,
    consequence_label,
    deviation_status_label,
    deviation_type_label,
    ghs_pictogram_label,
    participant_role_label,
    probability_label,
    responsibility_kind_label,
    risk_level_label,
    role_label,
    room_type_label,
    round_status_label,
    severity_label,
    tristate_label,
    visit_status_label,
)

__all__ = [
    "absence_label",
    "action_status_label",
    "answer_label",
    "consequence_label",
    "date_display_format",
    "deviation_status_label",
    "deviation_type_label",
    "format_date",
    "format_number",
    "ghs_pictogram_label",
    "participant_role_label",
    "probability_label",
    "responsibility_kind_label",
    "risk_level_label",
    "role_label",
    "room_type_label",
    "round_status_label",
    "severity_label",
    "tristate_label",
    "visit_status_label",
]

def date_display_format() -> str:
    """The Qt date format for date fields: 31.12.2025 in Norwegian, ISO 2025-12-31 in English."""
    return "dd.MM.yyyy" if language() == "nb" else "yyyy-MM-dd"


def format_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    return day.strftime("%d.%m.%Y") if language() == "nb" else day.isoformat()


def format_number(value: float | int | None) -> str:
    """A number as people write it here: 48,5 and 1 200 in Norwegian; whole numbers bare."""
    if value is None:
        return ""
    if float(value).is_integer():
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "g", 12)
