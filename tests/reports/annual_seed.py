"""The seed's section 5.1 (NTNU's HSE annual report 2024: 2024 with 2023 beside) as the
service's ``AggregateResult``, built straight from the counts in tests/data/annual (the
aggregation itself is tested with real answers files in the core's tests)."""

from __future__ import annotations

import json
from pathlib import Path

from vernetool.domain.annual.aggregate import Aggregate, QuestionCount, percent
from vernetool.domain.annual.answers import AnswersFile
from vernetool.services.annual.aggregate import AggregateResult, SourceFile

DATA = Path(__file__).parents[1] / "data" / "annual"
FREE_TEXT_ANSWERED = {2024: 71, 2023: 70}
# the scale questions of 2024: a chart each
SCALE_2024 = ("4", "13", "14", "17", "18", "20", "21", "23", "29", "30a")


def seed_aggregate(year: int) -> Aggregate:
    data = json.loads((DATA / f"seed_{year}_counts.json").read_text(encoding="utf-8"))
    questions: dict[str, QuestionCount] = {}
    for qid, entry in data["questions"].items():
        counts = {code: int(n) for code, n in entry["counts"].items()}
        answered = sum(counts.values())
        questions[qid] = QuestionCount(answered, counts,
                                       {c: percent(n, answered) for c, n in counts.items()})
    questions["12"] = QuestionCount(FREE_TEXT_ANSWERED[year], {}, {})
    return Aggregate(year, int(data["units"]), questions)


def seed_result(*, previous: bool = True, not_answered: list[tuple[str, str]] | None = None,
                files: list[AnswersFile] | None = None) -> AggregateResult:
    return AggregateResult(seed_aggregate(2024), seed_aggregate(2023) if previous else None,
                           [SourceFile(f"{af.unit_code}.json", af) for af in files or []],
                           list(not_answered or []), [], based_on_year=2024)
