"""How every report and export writes a date, in the body and in the footer alike (no
reportlab here: the action-plan XLSX uses it too)."""

from __future__ import annotations

import datetime as dt

from vernetool.i18n import date_text


def report_date(day: dt.date, lang: str) -> str:
    """31.12.2026 in Bokmål, 2026-12-31 in English (the house's ``i18n.date_text``)."""
    return date_text(day, lang)
