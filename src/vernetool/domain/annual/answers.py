"""A unit's answers to the year's questionnaire, as the answers file holds them (DESIGN.md):

``{"schema": "vernetool.annual-answers/1", "year": 2024, "unit": {"code", "name"},
"answered_by": {"line_manager", "safety_rep"}, "submitted_at": ISO time,
"answers": {id: code or text}}``

and what is wrong with a set of answers against a questionnaire, as codes with parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vernetool.domain.annual.questionnaire import Questionnaire
from vernetool.domain.errors import ValidationError

SCHEMA = "vernetool.annual-answers/1"
KEYS = ("schema", "year", "unit", "answered_by", "submitted_at", "answers")


@dataclass(frozen=True)
class AnswersFile:
    year: int
    unit_code: str
    unit_name: str
    line_manager: str
    safety_rep: str
    submitted_at: str | None
    answers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AnswerProblem:
    """What is wrong with one answer: the question, a message code and its parameters."""

    question: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _bad(path: str) -> ValidationError:
    return ValidationError("annual.answers_invalid", path, path=path)


def _text(data: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _bad(path)
    return value.strip()


def answers_from_json(data: Any) -> AnswersFile:
    """An answers file's JSON → ``AnswersFile``; a ``ValidationError``
    ("annual.answers_invalid") names the key that is missing or of the wrong shape."""
    if not isinstance(data, Mapping):
        raise _bad("$")
    missing = [key for key in KEYS if key not in data]
    if missing:
        raise _bad(missing[0])
    if data["schema"] != SCHEMA:
        raise _bad("schema")
    year = data["year"]
    if not isinstance(year, int) or isinstance(year, bool):
        raise _bad("year")
    unit, by = data["unit"], data["answered_by"]
    if not isinstance(unit, Mapping):
        raise _bad("unit")
    if not isinstance(by, Mapping):
        raise _bad("answered_by")
    submitted_at = data["submitted_at"]
    if submitted_at is not None and not isinstance(submitted_at, str):
        raise _bad("submitted_at")
    answers = data["answers"]
    if not isinstance(answers, Mapping):
        raise _bad("answers")
    for qid, answer in answers.items():
        if not isinstance(answer, str):
            raise _bad(f"answers.{qid}")
    return AnswersFile(
        year=year,
        unit_code=_text(unit, "code", "unit.code", required=True),
        unit_name=_text(unit, "name", "unit.name"),
        line_manager=_text(by, "line_manager", "answered_by.line_manager"),
        safety_rep=_text(by, "safety_rep", "answered_by.safety_rep"),
        submitted_at=submitted_at,
        answers={str(k): v for k, v in answers.items()})


def answers_to_json(af: AnswersFile) -> dict[str, Any]:
    """The answers file exactly as DESIGN.md fixes it."""
    return {"schema": SCHEMA, "year": af.year,
            "unit": {"code": af.unit_code, "name": af.unit_name},
            "answered_by": {"line_manager": af.line_manager, "safety_rep": af.safety_rep},
            "submitted_at": af.submitted_at,
            "answers": dict(af.answers)}


def problems(questionnaire: Questionnaire, answers: Mapping[str, str]) -> list[AnswerProblem]:
    """Every answer that cannot be counted, in the questionnaire's order (unknown questions
    last): a question the questionnaire does not have, a code the question does not offer (or
    text where a code is wanted), an expired question answered, a follow-up answered without
    its parent's answer calling for it."""
    found: list[AnswerProblem] = []
    for question in questionnaire.questions:
        if question.id not in answers:
            continue
        answer = answers[question.id]
        if question.expired:
            found.append(AnswerProblem(question.id, "annual.answer_expired",
                                       {"question": question.id}))
        elif question.kind != "text" and answer not in question.codes:
            known = answer in questionnaire.code_labels
            found.append(AnswerProblem(
                question.id, "annual.answer_unknown_code" if known else "annual.answer_not_a_code",
                {"question": question.id, "answer": answer,
                 "choices": ", ".join(question.codes)}))
        elif question.parent is not None and not questionnaire.is_asked(question.id, answers):
            if answers.get(question.parent) in question.asked_when:
                continue  # its parent calls for it, but is itself not asked: reported there
            found.append(AnswerProblem(
                question.id, "annual.answer_without_parent",
                {"question": question.id, "parent": question.parent,
                 "parent_answer": answers.get(question.parent, "–"),
                 "asked_when": ", ".join(sorted(question.asked_when))}))
    for qid in answers:
        if not questionnaire.has(qid):
            found.append(AnswerProblem(qid, "annual.answer_unknown_question", {"question": qid}))
    return found


def unanswered(questionnaire: Questionnaire, answers: Mapping[str, str]) -> list[str]:
    """The questions asked (given these answers) that have no answer, in order."""
    return [q.id for q in questionnaire.questions
            if questionnaire.is_asked(q.id, answers) and not (answers.get(q.id) or "").strip()]


def effective(questionnaire: Questionnaire, answers: Mapping[str, str]) -> dict[str, str]:
    """Only the answers whose question is asked given the others (a follow-up whose parent
    was changed drops out): what an answers file holds."""
    return {q.id: answers[q.id] for q in questionnaire.questions
            if q.id in answers and questionnaire.is_asked(q.id, answers)}
