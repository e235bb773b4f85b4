"""A unit's answers: the file's shape, what cannot be counted, what is still unanswered, the
percent as the seed prints it."""

from __future__ import annotations

from typing import Any

import pytest

from vernetool.domain.annual.aggregate import aggregate, percent
from vernetool.domain.annual.answers import (
    AnswersFile,
    answers_from_json,
    answers_to_json,
    effective,
    problems,
    unanswered,
)
from vernetool.domain.errors import ValidationError
from vernetool.services.annual.questionnaires import questionnaire_for

Q = questionnaire_for(2024)


def file_json(**answers: str) -> dict[str, Any]:
    return {"schema": "vernetool.annual-answers/1", "year": 2024,
            "unit": {"code": "IKJ", "name": "Institutt for kjemi"},
            "answered_by": {"line_manager": "Kari Leder", "safety_rep": "Ola Verneombud"},
            "submitted_at": "2024-11-20T10:00:00+01:00", "answers": answers}


def test_the_file_round_trips_exactly() -> None:
    data = file_json(**{"1": "yes", "12": "Månedlige møter"})
    af = answers_from_json(data)
    assert (af.unit_code, af.line_manager, af.answers["12"]) == ("IKJ", "Kari Leder",
                                                                   "Månedlige møter")
    assert answers_to_json(af) == data


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d.pop("answered_by"), "answered_by"),
    (lambda d: d.update(schema="vernetool.annual-answers/2"), "schema"),
    (lambda d: d.update(year="2024"), "year"),
    (lambda d: d["unit"].update(code=" "), "unit.code"),
    (lambda d: d["answers"].update({"2": 1}), "answers.2"),
    (lambda d: d.update(answers=[]), "answers"),
])
def test_a_malformed_file_names_the_key(change: Any, path: str) -> None:
    data = file_json(**{"1": "yes"})
    change(data)
    with pytest.raises(ValidationError) as caught:
        answers_from_json(data)
    assert (caught.value.code, caught.value.field) == ("annual.answers_invalid", path)


def test_problems_name_the_question_and_what_is_wrong() -> None:
    found = problems(Q, {"1": "yes", "2": "ja", "3": "not_applicable", "7": "no",
                         "7a": "yes", "24": "yes", "24b": "yes", "31": "yes", "12": "fritekst"})
    assert [(p.question, p.code) for p in found] == [
        ("2", "annual.answer_not_a_code"),
        ("3", "annual.answer_unknown_code"),
        ("7a", "annual.answer_without_parent"),
        ("24b", "annual.answer_expired"),
        ("31", "annual.answer_unknown_question")]
    assert found[2].params["parent"] == "7" and found[2].params["parent_answer"] == "no"
    assert problems(Q, {"7": "yes", "7a": "yes", "7b": "not_applicable"}) == []


def test_unanswered_and_effective_follow_the_parents() -> None:
    answers = {"7": "no", "7a": "yes", "7b": "yes", "24": "yes"}
    assert effective(Q, answers) == {"7": "no", "24": "yes"}
    left = unanswered(Q, answers)
    assert "7a" not in left and "24a" in left and "24b" not in left and "1" in left
    assert "30a" not in left


@pytest.mark.parametrize(("count", "of", "expected"), [
    (52, 73, 71.2), (19, 73, 26.0), (2, 73, 2.7), (34, 50, 68.0), (4, 63, 6.3),
    (12, 63, 19.0), (28, 63, 44.4), (14, 63, 22.2), (5, 63, 7.9),
    (1, 8, 12.5), (1, 16, 6.3), (3, 16, 18.8), (1, 3, 33.3), (2, 3, 66.7), (0, 0, 0.0),
    (73, 73, 100.0)])
def test_percent_is_half_up_from_the_exact_fraction(count: int, of: int,
                                                     expected: float) -> None:
    # 1/16 = 6.25 → 6.3 and 3/16 = 18.75 → 18.8 (float round() would give 6.2 and 18.8)
    assert percent(count, of) == expected


def test_aggregate_counts_every_code_and_only_asked_answers() -> None:
    files = [AnswersFile(2024, f"U{n}", "", "a", "b", None, answers)
             for n, answers in enumerate([{"7": "yes", "7a": "no", "12": "x"},
                                          {"7": "no", "12": " "},
                                          {"7": "yes", "7a": "yes"}])]
    result = aggregate(Q, files).to_json()
    assert result["units"] == 3 and result["year"] == 2024
    assert result["questions"]["7"] == {"answered": 3, "counts": {"yes": 2, "no": 1,
                                                                  "dont_know": 0},
                                        "percent": {"yes": 66.7, "no": 33.3,
                                                    "dont_know": 0.0}}
    assert result["questions"]["7a"]["answered"] == 2
    assert result["questions"]["12"] == {"answered": 1, "counts": {}, "percent": {}}
    assert "24b" not in result["questions"] and "26a" not in result["questions"]
