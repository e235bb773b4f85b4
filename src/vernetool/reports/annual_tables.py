"""The tables of the annual HSE reporting (section 5.1 of the HSE annual report) as plain data,
in one language: what the PDF (``reports/annual_report``) and the XLSX
(``exchange/annual_xlsx``) both lay out, so the two never disagree on a figure.

``annual_tables(result, questionnaire, lang)`` walks the questionnaire in its order, section by
section, and gives per question the answer labels with this year's count and percent and, when
the result carries a previous year, that year's beside them (``None`` where the question was
not asked that year: the layouts print "—"). The routines that share a lead-in (24a–f, 26a–f)
become one ``GroupBlock`` (a routine per row, counts per answer, both years), as the seed prints
them; free text (12) is a ``TextBlock`` (only how many answered). No reportlab or openpyxl here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from vernetool.i18n import LANGUAGES, translator
from vernetool.reports.dates import report_date

PREFIX = "report.annual."
DASH = "—"
ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class AnnualReportCancelled(Exception):
    """``cancel()`` said so while the report was written: no file was left behind."""


class AnnualWords:
    """``words["col_count"]`` and ``words.render("asked_of", n=50, …)`` in one language, and
    numbers as that language writes them ("71,2 %" in Bokmål, "71.2%" in English)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._words = translator(self.lang)

    def __getitem__(self, key: str) -> str:
        return self._words.render(PREFIX + key)

    def render(self, key: str, **params: Any) -> str:
        return self._words.render(PREFIX + key, **params)

    def percent(self, value: float | None) -> str:
        """One decimal: "71,2 %" (a no-break space, as Norwegian writes it) or "71.2%"."""
        if value is None:
            return DASH
        number = f"{Decimal(str(value)).quantize(Decimal('0.1'), ROUND_HALF_UP)}"
        return f"{number.replace('.', ',')}\u00a0%" if self.lang == "nb" else f"{number}%"

    def count(self, value: int | None) -> str:
        return DASH if value is None else str(value)

    def date(self, day: dt.date) -> str:
        return report_date(day, self.lang)

    def quoted(self, labels: Sequence[str]) -> str:
        """«Ja» / “Yes”, several joined with "eller" / "or"."""
        marks = ("«", "»") if self.lang == "nb" else ("“", "”")
        quoted = [f"{marks[0]}{label}{marks[1]}" for label in labels]
        return f" {self['or']} ".join(quoted)


@dataclass(frozen=True)
class Figures:
    """One answer's figures in one year; ``None`` where the question was not asked that year."""

    count: int | None
    percent: float | None


NOT_ASKED = Figures(None, None)


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    current: Figures
    previous: Figures | None     # None: no comparison year in this report


@dataclass(frozen=True)
class QuestionBlock:
    id: str
    text: str
    kind: str                    # choice | scale
    followup: bool
    asked_of: str                # "Stilt de 50 som svarte «Ja» på 7 (2023: 48)." or ""
    rows: list[Row]
    answered: int | None         # this year (None: not asked, e.g. UTGÅTT)
    answered_previous: int | None
    not_answered: int | None     # asked but left unanswered this year (None: unknown)
    not_answered_previous: int | None
    expired: bool


@dataclass(frozen=True)
class GroupRow:
    id: str
    text: str
    expired: bool
    current: dict[str, int] | None     # code → count; None: not asked this year
    previous: dict[str, int] | None    # None: not asked then (or no comparison)


@dataclass(frozen=True)
class GroupBlock:
    ids: list[str]
    number: str                  # "24a–f"
    intro: str
    asked_of: str
    codes: list[str]
    labels: list[str]
    rows: list[GroupRow]

    @property
    def id(self) -> str:
        return self.number


@dataclass(frozen=True)
class TextBlock:
    id: str
    text: str
    answered: int
    note: str                    # "Fritekst tas ikke med her (70 enheter svarte)."


Block = QuestionBlock | GroupBlock | TextBlock


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class AnnualTables:
    words: AnnualWords
    year: int
    previous_year: int | None
    units: int
    previous_units: int | None
    expected: int | None         # units asked to answer (None: no list was given)
    based_on_year: int
    sections: list[Section]
    not_answered: list[tuple[str, str]]   # (code, name) of the expected units without a file

    @property
    def blocks(self) -> list[Block]:
        return [block for section in self.sections for block in section.blocks]


# -- reading the result ------------------------------------------------------------------------
def _json(aggregate: Any) -> dict[str, Any]:
    data = aggregate.to_json() if hasattr(aggregate, "to_json") else aggregate
    return dict(data)


def _figures(entry: Mapping[str, Any] | None, code: str) -> Figures:
    if entry is None:
        return NOT_ASKED
    count = int(entry.get("counts", {}).get(code, 0))
    answered = int(entry.get("answered", 0))
    percent = entry.get("percent", {}).get(code)
    if percent is None and answered:
        percent = _half_up(100 * count / answered)
    return Figures(count, float(percent) if answered and percent is not None else None)


def _half_up(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _asked(questions: Mapping[str, Any], question: Any, units: int) -> int | None:
    """How many units were asked ``question`` in a year: all units, or for a follow-up those
    whose answer to the parent called for it (None: the parent was not asked that year)."""
    parent = getattr(question, "parent", None)
    if not parent:
        return units
    entry = questions.get(parent)
    if entry is None:
        return None
    counts = entry.get("counts", {})
    return sum(int(counts.get(code, 0)) for code in sorted(question.asked_when))


def _sections(questionnaire: Any, lang: str) -> list[tuple[str, list[Any]]]:
    """(section title, its questions in order); questions outside every section go last."""
    by_id = {q.id: q for q in questionnaire.questions}
    seen: set[str] = set()
    out: list[tuple[str, list[Any]]] = []
    for section in questionnaire.sections:
        ids = [qid for qid in _section_questions(section, questionnaire) if qid in by_id]
        seen.update(ids)
        out.append((_localised(_get(section, "title"), lang), [by_id[qid] for qid in ids]))
    rest = [q for q in questionnaire.questions if q.id not in seen]
    if rest:
        out.append(("", rest))
    return out


def _section_questions(section: Any, questionnaire: Any) -> list[str]:
    """A section's question ids: listed in it, or the questions that name the section."""
    listed = _get(section, "questions")
    if listed:
        return [getattr(q, "id", q) for q in listed]
    sid = _get(section, "id")
    return [q.id for q in questionnaire.questions if getattr(q, "section", None) == sid]


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _localised(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


# -- the tables --------------------------------------------------------------------------------
def annual_tables(result: Any, questionnaire: Any, lang: str = "nb",
                  progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                  expected: int | None = None) -> AnnualTables:
    """The report's tables from an ``AggregateResult`` and the year's ``Questionnaire``.

    ``expected``: how many units were asked to answer (the length of the expected-units list
    given to the aggregation); without it, the units answered plus those listed as not
    answered, or unknown when none are listed.
    """
    words = AnnualWords(lang)
    current = _json(result.current)
    previous = _json(result.previous) if getattr(result, "previous", None) is not None else None
    cur_q: dict[str, Any] = current.get("questions", {})
    prev_q: dict[str, Any] | None = previous.get("questions", {}) if previous else None
    year = int(current.get("year", questionnaire.year))
    units = int(current.get("units", 0))
    prev_year = int(previous["year"]) if previous else None
    prev_units = int(previous.get("units", 0)) if previous else None
    not_answered = [(str(code), str(name)) for code, name in
                    (getattr(result, "not_answered", None) or [])]
    if expected is None:
        expected = getattr(result, "expected", None)
    if expected is None and not_answered:
        expected = units + len(not_answered)
    ctx = _Context(words, questionnaire, cur_q, prev_q, units, prev_units, prev_year)
    sections: list[Section] = []
    total = len(questionnaire.questions)
    done = 0
    for title, questions in _sections(questionnaire, words.lang):
        section = Section(title)
        index = 0
        while index < len(questions):
            if cancel is not None and cancel():
                raise AnnualReportCancelled
            question = questions[index]
            group = _group_at(questions, index)
            if len(group) > 1:
                section.blocks.append(ctx.group(group))
                index += len(group)
            else:
                section.blocks.append(ctx.block(question))
                index += 1
            done = min(total, done + len(group))
            if progress is not None:
                progress(done, total)
        sections.append(section)
    based_on = getattr(questionnaire, "based_on_year", None) or questionnaire.year
    return AnnualTables(words, year, prev_year, units, prev_units,
                        int(expected) if expected is not None else None, int(based_on),
                        sections, not_answered)


def _group_at(questions: list[Any], index: int) -> list[Any]:
    """The run of follow-ups from ``index`` that share the parent and the lead-in (24a–f)."""
    first = questions[index]
    intro = getattr(first, "intro", None)
    if not intro or not getattr(first, "parent", None):
        return [first]
    run = [first]
    for question in questions[index + 1:]:
        if question.parent != first.parent or getattr(question, "intro", None) != intro:
            break
        run.append(question)
    return run


@dataclass
class _Context:
    words: AnnualWords
    questionnaire: Any
    cur: dict[str, Any]
    prev: dict[str, Any] | None
    units: int
    prev_units: int | None
    prev_year: int | None

    def text(self, question: Any) -> str:
        return str(self.questionnaire.text(question.id, self.words.lang))

    def label(self, code: str) -> str:
        return str(self.questionnaire.label(code, self.words.lang))

    def asked_of(self, question: Any, *, asked_then: bool | None = None) -> str:
        """"Stilt de 50 som svarte «Ja» på 7 (2023: 48)." (the previous year's count when the
        question, or with ``asked_then`` its group, was asked then)."""
        parent = getattr(question, "parent", None)
        if not parent:
            return ""
        answers = self.words.quoted([self.label(c) for c in _ordered(question)])
        now = _asked(self.cur, question, self.units)
        then = None
        if asked_then is None:
            asked_then = self.prev is not None and question.id in self.prev
        if self.prev is not None and asked_then:
            then = _asked(self.prev, question, self.prev_units or 0)
        if then is not None:
            return self.words.render("asked_of_both", n=now or 0, answers=answers,
                                     parent=parent, previous=self.prev_year, m=then)
        return self.words.render("asked_of", n=now or 0, answers=answers, parent=parent)

    def block(self, question: Any) -> Block:
        expired = bool(getattr(question, "expired", False))
        entry = None if expired else self.cur.get(question.id)
        if entry is None and not expired:
            entry = {"answered": 0, "counts": {}, "percent": {}}
        if question.kind == "text":
            wrote = int(entry["answered"]) if entry else 0
            return TextBlock(question.id, self.text(question), wrote,
                             self.words.render("free_text", n=wrote))
        then = self.prev.get(question.id) if self.prev is not None else None
        rows = [Row(code, self.label(code), _figures(entry, code),
                    None if self.prev is None else _figures(then, code))
                for code in question.codes]
        answered = int(entry["answered"]) if entry is not None else None
        answered_then = int(then["answered"]) if then is not None else None
        asked_now = None if expired else _asked(self.cur, question, self.units)
        asked_then = (_asked(self.prev, question, self.prev_units or 0)
                      if then is not None and self.prev is not None else None)
        return QuestionBlock(
            question.id, self.text(question), question.kind,
            bool(getattr(question, "parent", None)), self.asked_of(question), rows,
            answered, answered_then,
            _missing(asked_now, answered), _missing(asked_then, answered_then), expired)

    def group(self, questions: list[Any]) -> GroupBlock:
        codes: list[str] = []
        for question in questions:
            codes += [c for c in question.codes if c not in codes]
        rows = []
        for question in questions:
            expired = bool(getattr(question, "expired", False))
            entry = None if expired else self.cur.get(question.id)
            if entry is None and not expired:
                entry = {"answered": 0, "counts": {}}
            then = self.prev.get(question.id) if self.prev is not None else None
            rows.append(GroupRow(question.id, self.text(question), expired,
                                 _counts(entry, codes), _counts(then, codes)))
        first, last = questions[0].id, questions[-1].id
        number = f"{first}–{last[len(_stem(last)):]}" if _stem(first) == _stem(last) \
            else f"{first}–{last}"
        intro = self.questionnaire.intro(first, self.words.lang) or ""
        # the sentence counts the units asked (the parent's answers), shared by the routines
        then = self.prev is not None and any(q.id in self.prev for q in questions)
        return GroupBlock([q.id for q in questions], number, intro,
                          self.asked_of(questions[0], asked_then=then), codes,
                          [self.label(c) for c in codes], rows)


def _ordered(question: Any) -> list[str]:
    """The parent's codes that call for ``question``, in a stable order (yes first)."""
    order = ("yes", "no", "dont_know", "not_applicable", "1", "2", "3", "4")
    codes = list(question.asked_when)
    return sorted(codes, key=lambda c: (order.index(c) if c in order else len(order), c))


def _stem(qid: str) -> str:
    return qid.rstrip("abcdefghijklmnopqrstuvwxyz")


def _counts(entry: Mapping[str, Any] | None, codes: list[str]) -> dict[str, int] | None:
    if entry is None:
        return None
    counts = entry.get("counts", {})
    return {code: int(counts.get(code, 0)) for code in codes}


def _missing(asked: int | None, answered: int | None) -> int | None:
    if asked is None or answered is None:
        return None
    return max(0, asked - answered)
