"""The annual report's tables from the units' answers: per question, how many units
answered it, the count per answer code (every code, 0s included) and the percent of the
units that answered that question, one decimal rounded half-up from the exact fraction as
the seed prints it (52 of 73 → 71.2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from vernetool.domain.annual.answers import AnswersFile, effective
from vernetool.domain.annual.questionnaire import Questionnaire


def percent(count: int, of: int) -> float:
    """``count`` of ``of`` in percent, one decimal, half-up from the exact fraction (0.0 when
    ``of`` is 0)."""
    if of <= 0:
        return 0.0
    tenths = Fraction(1000 * count, of) + Fraction(1, 2)
    return (tenths.numerator // tenths.denominator) / 10


@dataclass(frozen=True)
class QuestionCount:
    answered: int
    counts: Mapping[str, int]
    percent: Mapping[str, float]

    def to_json(self) -> dict[str, Any]:
        return {"answered": self.answered, "counts": dict(self.counts),
                "percent": dict(self.percent)}


@dataclass(frozen=True)
class Aggregate:
    year: int
    units: int
    questions: Mapping[str, QuestionCount] = field(default_factory=dict)
    unit_codes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """DESIGN.md's ``{"year", "units", "questions": {id: {"answered", "counts",
        "percent"}}}``."""
        return {"year": self.year, "units": self.units,
                "questions": {qid: c.to_json() for qid, c in self.questions.items()}}


def aggregate(questionnaire: Questionnaire, files: Iterable[AnswersFile]) -> Aggregate:
    """The counts of the questionnaire's active questions over these files (one per unit;
    answers to questions not asked are not counted; a text question: answered only)."""
    files = list(files)
    active = questionnaire.active_questions()
    tallies: dict[str, dict[str, int]] = {q.id: dict.fromkeys(q.codes, 0) for q in active}
    answered = dict.fromkeys(tallies, 0)
    for af in files:
        for qid, answer in effective(questionnaire, af.answers).items():
            if qid not in tallies:
                continue
            question = questionnaire.question(qid)
            if question.kind == "text":
                if answer.strip():
                    answered[qid] += 1
            elif answer in tallies[qid]:
                tallies[qid][answer] += 1
                answered[qid] += 1
    questions: dict[str, QuestionCount] = {}
    for q in active:
        n = answered[q.id]
        counts = tallies[q.id]
        questions[q.id] = QuestionCount(n, counts,
                                        {code: percent(c, n) for code, c in counts.items()})
    return Aggregate(questionnaire.year, len(files), questions,
                     tuple(af.unit_code for af in files))
