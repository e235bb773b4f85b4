"""Words for HSE-round codes in reports and exports (Bokmål and English).

A report is written in the language asked for (``--lang``), whatever language the window shows,
so the words come from ``vernetool.i18n`` for that language: the report's own sentences are the
message codes ``report.round.<key>``; the labels it shares with the UI (round status, severity,
action status) come from ``vernetool.i18n.labels``, so the PDF and the app say the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from vernetool.i18n import LANGUAGES, translator, using_language
from vernetool.i18n.labels import action_status_label, round_status_label, severity_label
from vernetool.reports.dates import report_date

PREFIX = "report.round."

#: code kinds whose words are the UI's labels (each label exists once)
SHARED_LABELS: dict[str, Callable[[str], str]] = {
    "action_status": action_status_label,  # "Ikke startet" in the action plan, PDF and XLSX
    "round_status": round_status_label,
    "severity": severity_label,
}


class Words:
    """``words["unit"]`` and ``words.code("severity", "high")`` in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._words = translator(self.lang)

    def __getitem__(self, key: str) -> str:
        code = PREFIX + key
        return self._words.render(code) if self._words.has_message(code) else key

    def code(self, kind: str, value: object) -> str:
        raw = getattr(value, "value", value)
        shared = SHARED_LABELS.get(kind)
        if shared is not None and raw is not None:
            with using_language(self.lang):  # this thread only: a report job in the background
                return shared(str(raw))
        code = f"{PREFIX}{kind}.{'none' if raw is None else raw}"
        if self._words.has_message(code):
            return self._words.render(code)
        return str(raw if raw is not None else "")

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return report_date(value, self.lang)

    def of(self, n: int, total: int) -> str:
        """"25 av 27" / "25 of 27"."""
        return self._words.render(PREFIX + "n_of_total", n=n, total=total)

    def percent(self, share: float) -> str:
        """A whole percentage: "62 %" in Bokmål (a space, as Norwegian writes it), "62%" in
        English."""
        number = f"{share:.0f}"
        return f"{number}\u00a0%" if self.lang == "nb" else f"{number}%"

    def stamp(self, value: str | None) -> str:
        """An ISO timestamp from the store as a local date."""
        if not value:
            return ""
        try:
            return self.date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
