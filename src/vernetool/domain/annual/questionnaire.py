"""The yearly questionnaire (``resources/annual/<year>.json``) as plain types.

Each question has an id as the seed numbers it ("7", "7a"), a kind (choice, scale or text),
its answer codes in the order the annual report's table shows them and, for a follow-up, its
parent and the parent's answers that call for it. A question marked ``expired`` (UTGÅTT) is
kept so earlier years' figures line up, but is no longer asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from vernetool.domain.errors import ValidationError

SCHEMA = "vernetool.annual-questionnaire/1"
KINDS = ("choice", "scale", "text")
PREFILL_SOURCES = ("rounds", "radiation", "chemicals", "biology", "room_cards", "deviations")
LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    codes: tuple[str, ...]
    text: Mapping[str, str]
    parent: str | None = None
    asked_when: frozenset[str] = frozenset()
    intro: Mapping[str, str] | None = None
    expired: bool = False
    prefill: str | None = None
    section: str = ""

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


@dataclass(frozen=True)
class Section:
    id: str
    title: Mapping[str, str]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    """``year`` is the reporting year; ``based_on_year`` the year of the file it was read from
    (a year without its own file is asked the newest earlier year's questions)."""

    year: int
    based_on_year: int
    questions: tuple[Question, ...]
    sections: tuple[Section, ...]
    code_labels: Mapping[str, Mapping[str, str]]
    title: Mapping[str, str] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def has(self, question_id: str) -> bool:
        return question_id in self._index

    @cached_property
    def _index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question:
        try:
            return self._index[question_id]
        except KeyError:
            raise ValidationError("annual.unknown_question", question_id,
                                  question=question_id) from None

    def is_asked(self, question_id: str, answers: Mapping[str, str]) -> bool:
        """Whether the question is asked given these answers: not expired, and its parent
        asked and answered with one of the codes that call for it (recursively)."""
        question = self._index.get(question_id)
        while question is not None:
            if question.expired:
                return False
            if question.parent is None:
                return True
            if answers.get(question.parent) not in question.asked_when:
                return False
            question = self._index.get(question.parent)
        return False

    def text(self, question_id: str, lang: str) -> str:
        """The question's words in ``lang`` with {year} and {previous_year} filled in."""
        return self.fill(self.question(question_id).text, lang)

    def intro(self, question_id: str, lang: str) -> str | None:
        intro = self.question(question_id).intro
        return self.fill(intro, lang) if intro else None

    def fill(self, words: Mapping[str, str], lang: str) -> str:
        text = words.get(lang) or words.get("nb") or next(iter(words.values()), "")
        return text.replace("{previous_year}", str(self.year - 1)).replace("{year}",
                                                                           str(self.year))

    def label(self, code: str, lang: str) -> str:
        labels = self.code_labels.get(code)
        if not labels:
            return code
        return labels.get(lang) or labels.get("nb") or code

    def active_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.expired)

    def follow_ups(self, question_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.parent == question_id)

    def for_year(self, year: int) -> Questionnaire:
        """The same questions asked for another reporting year."""
        return Questionnaire(year, self.based_on_year, self.questions, self.sections,
                             self.code_labels, self.title)


# -- parsing ----------------------------------------------------------------------------------

def _bad(path: str, **params: Any) -> ValidationError:
    return ValidationError("annual.questionnaire_invalid", path, path=path, **params)


def _words(value: Any, path: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise _bad(path)
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise _bad(f"{path}.{lang}")
    return {str(k): str(v) for k, v in value.items()}


def parse_questionnaire(data: Any, *, year: int | None = None) -> Questionnaire:
    """A questionnaire file's JSON → ``Questionnaire``; a ``ValidationError``
    ("annual.questionnaire_invalid") names the path of the first thing wrong
    ("questions[7].asked_when"). ``year``: the reporting year, if not the file's own."""
    if not isinstance(data, Mapping):
        raise _bad("$")
    if data.get("schema") != SCHEMA:
        raise _bad("schema")
    file_year = data.get("year")
    if not isinstance(file_year, int) or isinstance(file_year, bool):
        raise _bad("year")
    title = _words(data.get("title"), "title")
    raw_codes = data.get("codes")
    if not isinstance(raw_codes, Mapping) or not raw_codes:
        raise _bad("codes")
    code_labels = {str(code): _words(labels, f"codes.{code}")
                   for code, labels in raw_codes.items()}
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise _bad("questions")
    parsed: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for n, raw in enumerate(raw_questions):
        item = _question_fields(raw, f"questions[{n}]", code_labels, seen)
        seen[item["id"]] = item
        parsed.append(item)
    sections, section_of = _sections(data.get("sections"), seen)
    questions = tuple(Question(section=section_of[item["id"]], **item) for item in parsed)
    return Questionnaire(file_year if year is None else year, file_year, questions, sections,
                         code_labels, title)


def _question_fields(raw: Any, path: str, code_labels: Mapping[str, Any],
                     seen: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise _bad(path)
    qid = raw.get("id")
    if not isinstance(qid, str) or not qid.strip() or qid in seen:
        raise _bad(f"{path}.id")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _bad(f"{path}.kind")
    codes = raw.get("codes", [])
    if (not isinstance(codes, list) or len(set(codes)) != len(codes)
            or any(c not in code_labels for c in codes)
            or (kind == "text") != (not codes)):
        raise _bad(f"{path}.codes")
    parent = raw.get("parent")
    asked_when = raw.get("asked_when") or []
    if parent is not None:
        if parent not in seen:
            raise _bad(f"{path}.parent")
        if (not isinstance(asked_when, list) or not asked_when
                or not set(asked_when) <= set(seen[parent]["codes"])):
            raise _bad(f"{path}.asked_when")
    elif asked_when:
        raise _bad(f"{path}.asked_when")
    intro = raw.get("intro")
    prefill = raw.get("prefill")
    if prefill is not None and prefill not in PREFILL_SOURCES:
        raise _bad(f"{path}.prefill")
    expired = raw.get("expired", False)
    if not isinstance(expired, bool):
        raise _bad(f"{path}.expired")
    return {"id": qid, "kind": kind, "codes": tuple(codes),
            "text": _words(raw.get("text"), f"{path}.text"),
            "parent": parent, "asked_when": frozenset(asked_when),
            "intro": None if intro is None else _words(intro, f"{path}.intro"),
            "expired": expired, "prefill": prefill}


def _sections(raw: Any, questions: Mapping[str, Any]) -> tuple[tuple[Section, ...],
                                                                dict[str, str]]:
    if not isinstance(raw, list) or not raw:
        raise _bad("sections")
    sections: list[Section] = []
    section_of: dict[str, str] = {}
    for n, item in enumerate(raw):
        path = f"sections[{n}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            raise _bad(path)
        ids = item.get("questions")
        if not isinstance(ids, list) or not ids:
            raise _bad(f"{path}.questions")
        for qid in ids:
            if qid not in questions or qid in section_of:
                raise _bad(f"{path}.questions", question=str(qid))
            section_of[qid] = item["id"]
        sections.append(Section(item["id"], _words(item.get("title"), f"{path}.title"),
                                tuple(ids)))
    missing = [qid for qid in questions if qid not in section_of]
    if missing:
        raise _bad("sections", question=missing[0])
    return tuple(sections), section_of
