"""Answers files whose counts are given: for each question in order, its answers (in code
order, as many of each as counted) go to the units that are asked it, first units first, so
follow-ups land on the units whose parent answer calls for them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vernetool.domain.annual.questionnaire import Questionnaire

DATA = Path(__file__).parents[2] / "data" / "annual"


def seed_counts(year: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"seed_{year}_counts.json").read_text("utf-8"))
    return data


def answers_for(questionnaire: Questionnaire, units: int,
                counts: Mapping[str, Mapping[str, Any]]) -> list[dict[str, str]]:
    answers: list[dict[str, str]] = [{} for _ in range(units)]
    for question in questionnaire.questions:
        asked = [a for a in answers if questionnaire.is_asked(question.id, a)]
        if question.kind == "text":
            for n, a in enumerate(asked):
                a[question.id] = f"Ukentlige ledermøter ({n})"
            continue
        if question.id not in counts:
            continue
        given = [code for code, n in counts[question.id]["counts"].items() for _ in range(n)]
        assert len(given) <= len(asked), question.id
        for a, code in zip(asked, given, strict=False):
            a[question.id] = code
    return answers


def answers_file(year: int, code: str, answers: Mapping[str, str], *,
                 submitted_at: str | None = "2024-11-20T12:00:00+01:00") -> dict[str, Any]:
    return {"schema": "vernetool.annual-answers/1", "year": year,
            "unit": {"code": code, "name": f"Enhet {code}"},
            "answered_by": {"line_manager": "Kari Leder", "safety_rep": "Ola Verneombud"},
            "submitted_at": submitted_at, "answers": dict(answers)}


def write_files(folder: Path, year: int, all_answers: list[dict[str, str]],
                prefix: str = "U") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, answers in enumerate(all_answers, start=1):
        path = folder / f"{prefix}{n:03d}.json"
        path.write_text(json.dumps(answers_file(year, f"{prefix}{n:03d}", answers),
                                   ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
