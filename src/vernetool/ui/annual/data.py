"""What the Annual reporting area shows, read from ``services.annual`` into plain rows, and
the few calls it makes. The one place that knows the annual services' types, so the widgets
stay simple."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vernetool.context import AppContext
from vernetool.domain.annual.questionnaire import Questionnaire
from vernetool.i18n import language


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
    answer: str | None = None      # the stored answer, else the data's proposal
    prefilled: str | None = None   # what the data says (None: the data only hints, or nothing)
    source: str = ""               # where the proposal or the hint came from
    stored: bool = False           # given or confirmed by the two who answer

    @property
    def pending(self) -> bool:
        """The data's answer, waiting for the two to confirm or change it."""
        return not self.stored and self.prefilled is not None

    @property
    def confirmed(self) -> bool:
        return self.stored and self.prefilled is not None and self.answer == self.prefilled


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
        return [q for q in self.asked if (a := self.answers.get(q)) is not None and a.pending]


# -- the questionnaire ------------------------------------------------------------------------
def _text(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("nb") or value.get("en") or "")
    return str(value or "")


def questionnaire(ctx: AppContext, year: int) -> Questionnaire:
    return ctx.services.annual.questionnaire(year)


def questionnaire_years() -> list[int]:
    from vernetool.services.annual.questionnaires import questionnaire_years as years

    return list(years())


def question_views(q: Questionnaire) -> list[QuestionView]:
    """The questionnaire's questions in the form's order (by section, each follow-up right
    after its parent); expired ones are never asked, so never shown."""
    lang = language()
    titles = {section.id: _text(section.title, lang) for section in q.sections}
    views: list[QuestionView] = []
    for question in q.questions:
        if question.expired:
            continue
        depth, parent = 0, question.parent
        while parent:
            depth += 1
            parent = q.question(parent).parent
        views.append(QuestionView(
            id=question.id, text=q.text(question.id, lang), kind=question.kind,
            codes=tuple((code, q.label(code, lang)) for code in question.codes),
            parent=question.parent, intro=q.intro(question.id, lang) or "",
            section=titles.get(question.section, ""), depth=depth))
    return views


def based_on_year(q: Questionnaire, year: int) -> int:
    return int(q.based_on_year or year)


# -- the unit's form ----------------------------------------------------------------------------
def form(ctx: AppContext, year: int, unit_code: str, order: list[QuestionView]) -> FormView:
    """The unit's form, read on this thread (the registers too, when not kept already)."""
    return _form_view(ctx.services.annual.form(year, unit_code), year, unit_code, order)


def cached_form(ctx: AppContext, year: int, unit_code: str, order: list[QuestionView]
                ) -> FormView | None:
    """The unit's form at once when the data's proposals for it are kept, else None (read
    them off the GUI thread first: ``proposals_job``)."""
    found = ctx.services.annual.cached_form(year, unit_code)
    return None if found is None else _form_view(found, year, unit_code, order)


def proposals_job(ctx: AppContext, year: int, unit_code: str
                  ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], Any]:
    """A job for the task runner reading the unit's proposals on a connection of its own;
    its result goes to ``keep_proposals`` on the GUI thread."""
    read = ctx.services.annual.proposal_read(year, unit_code)

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        return read.run()

    return job


def keep_proposals(ctx: AppContext, result: Any) -> bool:
    return bool(ctx.services.annual.keep_proposals(result))


def _form_view(found: Any, year: int, unit_code: str, order: list[QuestionView]) -> FormView:
    answers: dict[str, AnswerView] = {}
    asked: set[str] = set()
    for qid, state in found.answers.items():
        prefill = state.prefill
        answers[qid] = AnswerView(
            answer=state.answer, prefilled=prefill.answer if prefill is not None else None,
            source=state.source_text(), stored=state.stored)
        if state.asked:
            asked.add(qid)
    return FormView(
        year=year, based_on_year=found.based_on_year, unit_code=unit_code,
        unit_name=found.unit_name, line_manager=found.line_manager,
        safety_rep=found.safety_rep, status=found.status,
        submitted_at=_moment(found.submitted_at), answers=answers,
        asked=[v.id for v in order if v.id in asked],
        unanswered=[q for q in found.unanswered if q in asked])


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
    return [UnitRow(u.code, u.name, u.status, u.answered, u.asked, _moment(u.submitted_at))
            for u in ctx.services.annual.overview(year)]


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
    ctx.services.annual.write_answers_file(year, unit, path)


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


def expected_units(ctx: AppContext) -> tuple[tuple[str, str], ...]:
    """The units of this database, whose answers the HSE section waits for."""
    return tuple(ctx.services.annual_aggregate.store_units())


def aggregate_job(ctx: AppContext, request: AggregateRequest
                  ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], Any]:
    service = ctx.services.annual_aggregate

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        return service.aggregate(list(request.paths), request.year,
                                 compare=list(request.compare) or None,
                                 expected_units=list(request.expected_units) or None,
                                 progress=progress, cancel=cancelled)

    return job


def export_job(result: Any, q: Any, path: Path, kind: str, lang: str, expected: int | None
               ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], Path]:
    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Path:
        progress(0, 1)
        if kind == "pdf":
            from vernetool.reports.annual_report import write_aggregate_pdf

            write_aggregate_pdf(result, q, path, lang, progress, cancelled, expected=expected)
        else:
            from vernetool.exchange.annual_xlsx import write_aggregate_xlsx

            write_aggregate_xlsx(result, q, path, lang, expected=expected)
        progress(1, 1)
        return path

    return job
