"""Qt-specific formatting (dates, numbers via QLocale); the words live in vernetool.i18n.labels.

The one place ui/ turns numbers and dates into text: each language has one locale
(``locale_for``: Norwegian Bokmål in Norway; British English), app.py makes it Qt's default
so spin boxes agree, and every count, decimal and date shown goes through the functions
here. The label functions are re-exported so the views keep importing them from here.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QLocale

from vernetool.i18n import date_text, language
from vernetool.i18n.labels import (
    absence_label,
    action_status_label,
    answer_label,
    condition_fact_label,
    condition_label,
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
    warning_sign_label,
)

__all__ = [
    "absence_label",
    "action_status_label",
    "answer_label",
    "condition_fact_label",
    "condition_label",
    "consequence_label",
    "date_display_format",
    "deviation_status_label",
    "deviation_type_label",
    "format_count",
    "format_date",
    "format_date_time",
    "format_decimal",
    "format_number",
    "ghs_pictogram_label",
    "locale_for",
    "parse_number",
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
    "warning_sign_label",
]


def locale_for(lang: str) -> QLocale:
    """The one locale of a language: 13 002 501,95 in Bokmål; 13,002,501.95 in English."""
    if lang == "nb":
        return QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _locale() -> QLocale:
    return locale_for(language())


def date_display_format() -> str:
    """The Qt date format for date fields: 31.12.2025 in Norwegian, ISO 2025-12-31 in English."""
    return "dd.MM.yyyy" if language() == "nb" else "yyyy-MM-dd"


def format_date(day: dt.date | None) -> str:
    if day is None:
        return ""
    return date_text(day, language())


def format_date_time(moment: dt.datetime | None) -> str:
    """A date with the time of day, 24-hour in both languages: 31.12.2025 14:05."""
    if moment is None:
        return ""
    return f"{format_date(moment.date())} {moment:%H:%M}"


def format_number(value: float | int | None) -> str:
    """A number as people write it here: 48,5 and 1 200 in Norwegian; whole numbers bare."""
    if value is None:
        return ""
    if float(value).is_integer():
        return _locale().toString(int(value))
    return _locale().toString(float(value), "g", 12)


def format_count(n: int) -> str:
    """A count with the language's digit grouping: 1 141 in Bokmål, 1,141 in English."""
    return _locale().toString(int(n))


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A percentage with its decimals kept, as the annual report prints it: 68,0 % / 68.0 %."""
    if value is None:
        return ""
    return f"{_locale().toString(float(value), 'f', decimals)} %"


def format_decimal(value: float | None, decimals: int = 2) -> str:
    """At most ``decimals`` decimals, trailing zeros dropped: 2 000 000,5 / 2,000,000.5."""
    if value is None:
        return ""
    locale = _locale()
    text = locale.toString(float(value), "f", decimals)
    if decimals > 0:
        text = text.rstrip("0").rstrip(locale.decimalPoint())
    return text


def parse_number(text: str) -> float | None:
    """A number typed in either language's way: '48,5', '48.5', '1 200,5', '1,200.5'.

    '' → None; anything else raises ValueError. The one ambiguous form, a comma before
    exactly three digits ('1,200'), is read as the language writes it: 1200 in English
    (where format_number writes 1,200), 1.2 in Bokmål.
    """
    cleaned = "".join(text.split()).replace("\u00a0", "").replace("\u202f", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:  # the last separator is the decimal one
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        groups = cleaned.split(",")
        if language() != "nb" and all(len(g) == 3 and g.isdigit() for g in groups[1:]):
            cleaned = cleaned.replace(",", "")
        elif len(groups) == 2:
            cleaned = cleaned.replace(",", ".")
        else:
            raise ValueError(text)
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value
