"""What the Annual reporting area shows, read from ``services.annual`` into plain rows, and
the few calls it makes. The one place that knows the annual services' types, so the widgets
stay simple."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vernetool.context import AppContext
from vernetool.i18n import language, render


@dataclass(frozen=True)
class QuestionView:
    """One question as the form shows it (never an expired one)."""

    id: str
    text: str
    kind: str                                # choice | scale | text
    codes: tuple[tuple[str, str], ...]       # (code, label) in the questionnaire's order
    parent: str | None = None
    intro: str = ""
    section: str = ""                        # the section's title
    depth: int = 0                           # 0 a main question, 1 a follow-up, ...


@dataclass(frozen=True)
class AnswerView:
    answer: str | None = None
    prefilled: str | None = None   # what the data says (None: the data only hints, or nothing)
    source: str = ""               # where the pre-filled answer or the hint came from
    confirmed: bool = False

    @property
    def from_data(self) -> bool:
        """The answer shown is the data's, still to be confirmed or already confirmed."""
        return self.prefilled is not None and self.answer == self.prefilled


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    status: str                    # not_started | draft | submitted | changed
    answered: int
    asked: int
    submitted_at: dt.datetime | None


@dataclass
class FormView:
    year: int
    based_on_year: int
    unit_code: str
    unit_name: str
    line_manager: str
    safety_rep: str
    status: str
    submitted_at: dt.datetime | None
    answers: dict[str, AnswerView] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)       # asked now, in the form's order
    unanswered: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return len(self.asked) - len(self.unanswered)

    def to_confirm(self) -> list[str]:
        return [q for q in self.asked if (a := self.answers.get(q)) is not None
                and a.from_data and not a.confirmed]


# -- the questionnaire ------------------------------------------------------------------------
def _text(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("nb") or value.get("en") or "")
    return str(value or "")


def questionnaire(ctx: AppContext, year: int) -> Any:
    return ctx.services.annual.questionnaire(year)


def questionnaire_years(ctx: AppContext) -> list[int]:
    from vernetool.services.annual.questionnaires import questionnaire_years as years

    return list(years())


def question_views(q: Any) -> list[QuestionView]:
    """The questionnaire's questions in the form's order: by section, each follow-up right
    after its parent."""
    lang = language()
    sections = list(getattr(q, "sections", ()) or ())
    titles: dict[str, str] = {}
    order: dict[str, int] = {}
    for index, section in enumerate(sections):
        key = str(getattr(section, "id", section.get("id") if isinstance(section, Mapping)
                          else index))
        title = getattr(section, "title", None)
        if title is None and isinstance(section, Mapping):
            title = section.get("title")
        titles[key] = _text(title, lang)
        order[key] = index
    active = [x for x in q.questions if not getattr(x, "expired", False)]
    by_parent: dict[str | None, list[Any]] = {}
    for question in active:
        by_parent.setdefault(getattr(question, "parent", None) or None, []).append(question)

    views: list[QuestionView] = []

    def add(question: Any, depth: int, section: str) -> None:
        intro = getattr(question, "intro", None)
        views.append(QuestionView(
            id=question.id, text=q.text(question.id, lang), kind=str(question.kind),
            codes=tuple((str(c), q.label(c, lang)) for c in question.codes),
            parent=getattr(question, "parent", None) or None,
            intro=_text(intro, lang) if intro else "", section=section, depth=depth))
        for child in by_parent.get(question.id, []):
            add(child, depth + 1, section)

    tops = by_parent.get(None, [])
    tops.sort(key=lambda x: order.get(str(getattr(x, "section", "") or ""), len(order)))
    for question in tops:
        add(question, 0, titles.get(str(getattr(question, "section", "") or ""), ""))
    return views


def based_on_year(q: Any, year: int) -> int:
    return int(getattr(q, "based_on_year", None) or year)


# -- the unit's form ----------------------------------------------------------------------------
def _source(state: Any) -> str:
    lang = language()
    text = getattr(state, f"source_text_{lang}", None)
    if text:
        return str(text)
    prefill = getattr(state, "prefill", None)
    if prefill is not None and getattr(prefill, "reason_code", None):
        return render(prefill.reason_code, **dict(getattr(prefill, "params", {}) or {}))
    return ""


def _states(form: Any) -> Iterable[Any]:
    states = getattr(form, "answers", None) or getattr(form, "states", None) or ()
    if isinstance(states, Mapping):
        return states.values()
    return states


def form(ctx: AppContext, year: int, unit_code: str, q: Any,
         order: list[QuestionView]) -> FormView:
    found = ctx.services.annual.form(year, unit_code)
    answers: dict[str, AnswerView] = {}
    for state in _states(found):
        question = state.question
        qid = question if isinstance(question, str) else question.id
        prefill = getattr(state, "prefill", None)
        answers[qid] = AnswerView(
            answer=getattr(state, "answer", None),
            prefilled=getattr(prefill, "answer", None) if prefill is not None else None,
            source=_source(state), confirmed=bool(getattr(state, "confirmed", False)))
    given = {k: a.answer for k, a in answers.items() if a.answer is not None}
    asked = [v.id for v in order if q.is_asked(v.id, given)]
    unanswered = list(getattr(found, "unanswered", None)
                      or [x for x in asked if not given.get(x)])
    status = getattr(found, "status", "draft")
    return FormView(
        year=year, based_on_year=based_on_year(q, year), unit_code=unit_code,
        unit_name=str(getattr(found, "unit_name", "") or ""),
        line_manager=str(getattr(found, "line_manager", "") or ""),
        safety_rep=str(getattr(found, "safety_rep", "") or ""),
        status=str(getattr(status, "value", status)),
        submitted_at=_moment(getattr(found, "submitted_at", None)),
        answers=answers, asked=asked, unanswered=[x for x in unanswered if x in asked])


def _moment(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def overview(ctx: AppContext, year: int) -> list[UnitRow]:
    rows = []
    for unit in ctx.services.annual.overview(year):
        status = getattr(unit, "status", "not_started")
        rows.append(UnitRow(code=unit.code, name=unit.name,
                            status=str(getattr(status, "value", status)),
                            answered=int(getattr(unit, "answered", 0) or 0),
                            asked=int(getattr(unit, "asked", 0) or 0),
                            submitted_at=_moment(getattr(unit, "submitted_at", None))))
    return rows


def set_answer(ctx: AppContext, year: int, unit: str, question: str,
               answer: str | None) -> None:
    ctx.services.annual.set_answer(year, unit, question, answer)


def confirm(ctx: AppContext, year: int, unit: str, questions: list[str] | None) -> None:
    ctx.services.annual.confirm_prefilled(year, unit, questions)


def set_names(ctx: AppContext, year: int, unit: str, line_manager: str,
              safety_rep: str) -> None:
    ctx.services.annual.set_names(year, unit, line_manager, safety_rep)


def submit(ctx: AppContext, year: int, unit: str, allow_unanswered: bool) -> None:
    ctx.services.annual.submit(year, unit, allow_unanswered=allow_unanswered)


def save_answers_file(ctx: AppContext, year: int, unit: str, path: Path) -> None:
    """The answers file (DESIGN's shape, what ``vernetool annual prefill`` writes), written
    whole or not at all."""
    data = ctx.services.annual.answers_file(year, unit)
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    part.replace(path)


# -- delivery -----------------------------------------------------------------------------------
def annual_targets(ctx: AppContext) -> list[tuple[str, str, str]]:
    """(name, kind, folder or address) of the delivery targets that receive annual answers."""
    found = []
    for target in ctx.services.delivery.targets.list():
        if "annual" in {str(getattr(s, "value", s)) for s in target.sends}:
            kind = str(getattr(target.kind, "value", target.kind))
            found.append((target.name, kind, target.path if kind == "folder" else target.url))
    return found


def default_answers_folder(ctx: AppContext) -> str:
    """The folder of a target that receives annual answers (the HSE section's inbox)."""
    for _name, kind, where in annual_targets(ctx):
        if kind == "folder" and where:
            return where
    return ""


# -- the aggregate ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AggregateRequest:
    paths: tuple[Path, ...]
    year: int
    compare: tuple[Path, ...] = ()
    expected_units: tuple[tuple[str, str], ...] = ()


def expected_units(ctx: AppContext, year: int) -> tuple[tuple[str, str], ...]:
    """The units of this database, whose answers the HSE section waits for."""
    try:
        return tuple((u.code, u.name) for u in overview(ctx, year))
    except Exception:  # no units table to ask (an empty database): nobody is expected
        return ()


def aggregate_job(ctx: AppContext, request: AggregateRequest
                  ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], Any]:
    service = ctx.services.annual_aggregate

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        return service.aggregate(list(request.paths), request.year,
                                 compare=list(request.compare) or None,
                                 expected_units=list(request.expected_units) or None,
                                 progress=progress, cancel=cancelled)

    return job


def export_job(result: Any, q: Any, path: Path, kind: str, lang: str
               ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], Path]:
    def job(progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> Path:
        progress(0, 1)
        if kind == "pdf":
            from vernetool.reports.annual_report import write_aggregate_pdf

            write_aggregate_pdf(result, q, path, lang)
        else:
            from vernetool.exchange.annual_xlsx import write_aggregate_xlsx

            write_aggregate_xlsx(result, q, path, lang)
        progress(1, 1)
        return path

    return job
