"""The Annual reporting area's words: a unit's status, the progress, where answers go."""

from __future__ import annotations

import datetime as dt

from vernetool.i18n import tr, trn
from vernetool.ui.annual.data import UnitRow
from vernetool.ui.common.labels import format_date


def status_text(unit: UnitRow) -> str:
    """ "Draft: 12 of 38 answered", "Submitted 14.11.2025", …"""
    if unit.status == "submitted":
        return tr("Submitted {date}").format(date=format_date(_day(unit.submitted_at)))
    if unit.status == "changed":
        return tr("Changed since submitted {date}").format(
            date=format_date(_day(unit.submitted_at)))
    if unit.status == "draft":
        return tr("Draft: {answered} of {asked} answered").format(answered=unit.answered,
                                                                   asked=unit.asked)
    return tr("Not started")


def _day(moment: dt.datetime | None) -> dt.date | None:
    return moment.date() if moment is not None else None


def progress_text(answered: int, asked: int) -> str:
    return trn("{answered} of {n} answered", "{answered} of {n} answered", asked).format(
        answered=answered, n=asked)


def question_number(qid: str) -> str:
    """ "7a" → "7a", "12" → "12." (a main question ends with a full stop as in the seed)."""
    return f"{qid}." if qid.isdigit() else qid


def sentence(text: str) -> str:
    """A message as a sentence: capital first letter, full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
