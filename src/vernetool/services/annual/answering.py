"""A unit's annual HSE report (DESIGN "Annual HSE reporting"): the form pre-filled from the
data, answered as it goes, both names, submitted as the answers file and delivered.

- ``form`` writes nothing: the stored answers overlaid on what the data proposes now, each
  with where the proposal came from.
- ``set_answer`` / ``confirm_prefilled`` / ``set_names``: each call one transaction, at once,
  audited. An answer stored keeps the proposal it was given against (confirmed or changed).
- An answer to a follow-up that stops being asked is kept, left out of the file, and counts
  again when its parent calls for it.
- ``submit`` needs both names and every asked question answered (a proposal not yet confirmed
  is not an answer) unless ``allow_unanswered``; the file submitted is stored with the report
  and the change log queues it for the outbox (``--sends annual``). A change after that makes
  the report "changed since submitted" until it is submitted again (or changed back).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vernetool.db.annual import facts as db_facts
from vernetool.db.annual import reports as db
from vernetool.domain.annual.answers import AnswersFile, answers_to_json, effective
from vernetool.domain.annual.prefill import HazardRoomFact, Prefill, UnitFacts, prefill
from vernetool.domain.annual.questionnaire import Question, Questionnaire
from vernetool.domain.errors import NotFoundError, ValidationError
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

MAX_NAME = 200
MAX_TEXT = 4000
#: the form's and the overview's status words
NOT_STARTED, DRAFT, SUBMITTED, CHANGED = "not_started", "draft", "submitted", "changed"


@dataclass(frozen=True)
class AnswerState:
    """One question of the form as it stands."""

    question: Question
    answer: str | None            # the stored answer, else the data's proposal, else None
    prefill: Prefill | None       # what the data proposes now (an answer or a hint)
    stored: bool                  # the answer is stored (given or confirmed by a person)
    confirmed: bool               # stored as the data proposed it
    changed: bool                 # stored otherwise than the data proposed it then
    asked: bool                   # its parent calls for it (always for a main question)
    answered_at: str | None = None
    answered_by: str = ""
    #: the proposal the stored answer was given against: (answer, reason code, params)
    given_against: tuple[str | None, str, dict[str, Any]] | None = None

    @property
    def pending(self) -> bool:
        """A proposal waiting for the two to confirm or change it."""
        return not self.stored and self.prefill is not None and self.prefill.answer is not None

    @property
    def source_code(self) -> str | None:
        return None if self.prefill is None else self.prefill.reason_code

    @property
    def source_params(self) -> dict[str, Any]:
        return {} if self.prefill is None else dict(self.prefill.params)

    def source_text(self, language: str | None = None) -> str:
        """Where the proposal came from, in ``language`` (the current one by default)."""
        if self.prefill is None:
            return ""
        from vernetool.i18n import render, translator

        if language is None:
            return render(self.prefill.reason_code, **self.prefill.params)
        return translator(language).render(self.prefill.reason_code, **self.prefill.params)


@dataclass(frozen=True)
class AnnualForm:
    year: int
    unit_code: str
    unit_name: str
    questionnaire: Questionnaire
    answers: dict[str, AnswerState]     # every question of the year, in the file's order
    line_manager: str
    safety_rep: str
    status: str                         # not_started | draft | submitted | changed
    submitted_at: str | None
    unanswered: list[str]               # asked, with no stored answer

    @property
    def based_on_year(self) -> int:
        return int(self.questionnaire.based_on_year)

    def asked(self) -> list[AnswerState]:
        return [a for a in self.answers.values() if a.asked]


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: str
    status: str
    answered: int
    asked: int
    submitted_at: str | None


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AnnualService:
    def __init__(self, store: Store, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self._today = today
        # The data's proposals per (questionnaire, year, unit, day), with the connection's
        # stamp when read: the registers cannot have changed while the stamp is the same.
        # Reading them for a faculty of a university-scale database takes ~0.3 s, and every
        # answer given would read them again otherwise.
        self._proposal_cache: dict[tuple[Any, ...], tuple[tuple[int, int], dict[str, Prefill]]] = {}

    # -- reading ---------------------------------------------------------------------------
    def questionnaire(self, year: int) -> Questionnaire:
        from vernetool.services.annual.questionnaires import questionnaire_for

        return questionnaire_for(year)

    def form(self, year: int, unit_code: str) -> AnnualForm:
        """The unit's form for ``year`` (no write): the stored answers overlaid on the data's
        proposals."""
        questionnaire = self.questionnaire(year)
        with self.store.read() as conn:
            unit = self._unit(conn, unit_code)
            report = db.get_report(conn, year, unit.id)
            stored = db.answers(conn, report.id) if report else {}
            proposals = self._proposals(conn, questionnaire, year, unit)
        return _form(questionnaire, year, unit, report, stored, proposals)

    def cached_form(self, year: int, unit_code: str) -> AnnualForm | None:
        """The unit's form when the data's proposals for it are kept and still good (a few
        ms), else None: they are to be read first (``proposal_read``, off the GUI thread)."""
        questionnaire = self.questionnaire(year)
        with self.store.read() as conn:
            unit = self._unit(conn, unit_code)
            key = _cache_key(questionnaire, year, unit.id, self._today())
            hit = self._proposal_cache.get(key)
            if hit is None or hit[0] != _stamp(conn):
                return None
            report = db.get_report(conn, year, unit.id)
            stored = db.answers(conn, report.id) if report else {}
        return _form(questionnaire, year, unit, report, stored, hit[1])

    def proposal_read(self, year: int, unit_code: str) -> ProposalRead:
        """On this service's thread: a read of the unit's proposals for a job off it
        (``ProposalRead.run`` on a read-only connection of its own, touching nothing of this
        service); ``keep_proposals`` takes what it found back in on this thread."""
        questionnaire = self.questionnaire(year)
        with self.store.read() as conn:
            stamp = _stamp(conn)
        return ProposalRead(self.store, questionnaire, year, unit_code, self._today(), stamp)

    def keep_proposals(self, read: ProposalRead) -> bool:
        """Keep the proposals ``read`` found, unless something was written since it began
        (then False: they may be out of date; read again)."""
        if read.found is None or read.unit is None:
            return False
        with self.store.read() as conn:
            if _stamp(conn) != read.stamp:
                return False
        if len(self._proposal_cache) > 64:
            self._proposal_cache.clear()
        key = _cache_key(read.questionnaire, read.year, read.unit.id, read.today)
        self._proposal_cache[key] = (read.stamp, read.found)
        return True

    def prefills(self, year: int, unit_code: str) -> dict[str, Prefill]:
        """What the data proposes for the unit's questions of ``year`` (and the hints)."""
        questionnaire = self.questionnaire(year)
        with self.store.read() as conn:
            return self._proposals(conn, questionnaire, year, self._unit(conn, unit_code))

    def answers_file(self, year: int, unit_code: str) -> dict[str, Any]:
        """DESIGN's answers file of the unit as it stands: the stored answers overlaid on the
        data's proposals, only the questions asked; ``submitted_at`` the last submission's
        (None before one)."""
        form = self.form(year, unit_code)
        return answers_to_json(_file(form, overlay=True, submitted_at=form.submitted_at))

    def write_answers_file(self, year: int, unit_code: str, path: Path, *,
                           line_manager: str | None = None, safety_rep: str | None = None
                           ) -> dict[str, Any]:
        """``answers_file`` written to ``path`` whole or not at all (a temporary file, fsync,
        rename); names given here go into the file only, never into the database. Returns
        what was written."""
        from vernetool.exchange.writers import atomic_path

        data = self.answers_file(year, unit_code)
        if line_manager is not None:
            data["answered_by"]["line_manager"] = " ".join(line_manager.split())
        if safety_rep is not None:
            data["answered_by"]["safety_rep"] = " ".join(safety_rep.split())
        with atomic_path(path) as temp:
            temp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
        return data

    def overview(self, year: int) -> list[UnitStatus]:
        """Every unit: where its report for ``year`` stands (the stored answers only)."""
        questionnaire = self.questionnaire(year)
        with self.store.read() as conn:
            reports = {r.unit_id: r for r in db.reports_of_year(conn, year)}
            stored = db.answers_of_year(conn, year)
            units = db.units(conn)
        out = []
        for unit in units:
            report = reports.get(unit.id)
            answers = stored.get(report.id, {}) if report else {}
            asked = [q.id for q in questionnaire.active_questions()
                     if questionnaire.is_asked(q.id, answers)]
            out.append(UnitStatus(unit.code, unit.name, _status(report),
                                  sum(1 for q in asked if q in answers), len(asked),
                                  report.submitted_at if report else None))
        return out

    # -- writing ---------------------------------------------------------------------------
    def set_answer(self, year: int, unit_code: str, question: str, answer: str | None
                   ) -> AnswerState:
        """Store (or with None clear) one answer, at once; a code of the question, or the
        text of a text question. A bad answer is refused naming the question and the code."""
        questionnaire = self.questionnaire(year)
        q = _question(questionnaire, question)
        value = None if answer is None else _valid_answer(q, answer)
        with self._write(Change(Topic.ANNUAL)) as conn:
            unit = self._unit(conn, unit_code)
            report = db.get_report(conn, year, unit.id)
            stored = db.answers(conn, report.id) if report else {}
            if value is None:
                if report is not None and db.delete_answer(conn, report.id, q.id,
                                                           self.store.actor):
                    self._after_change(conn, questionnaire, year, unit)
            else:
                proposals = self._proposals(conn, questionnaire, year, unit)
                current = {k: v.answer for k, v in stored.items()}
                overlay = {**_proposed(proposals), **current}
                if q.parent and not questionnaire.is_asked(q.id, overlay):
                    raise ValidationError("annual.not_asked", question, question=q.id,
                                          parent=q.parent)
                if current.get(q.id) != value:
                    report_id = report.id if report else db.ensure_report(
                        conn, year, unit.id, self.store.actor)
                    db.put_answer(conn, report_id, q.id, value, _given(proposals.get(q.id)),
                                  self.store.actor)
                    self._after_change(conn, questionnaire, year, unit)
        return self.form(year, unit_code).answers[q.id]

    def confirm_prefilled(self, year: int, unit_code: str,
                          questions: Sequence[str] | None = None) -> list[str]:
        """Take the data's proposals as the answers: ``questions``, or every asked question
        with a proposal and no stored answer. Returns the questions stored."""
        questionnaire = self.questionnaire(year)
        chosen = None if questions is None else [_question(questionnaire, q).id
                                                 for q in questions]
        done: list[str] = []
        with self._write(Change(Topic.ANNUAL)) as conn:
            unit = self._unit(conn, unit_code)
            report = db.get_report(conn, year, unit.id)
            stored = {k: v.answer for k, v in
                      (db.answers(conn, report.id) if report else {}).items()}
            proposals = self._proposals(conn, questionnaire, year, unit)
            overlay = {**_proposed(proposals), **stored}
            for qid in chosen if chosen is not None else [q.id for q in
                                                          questionnaire.active_questions()]:
                proposal = proposals.get(qid)
                if proposal is None or proposal.answer is None:
                    if chosen is not None:
                        raise ValidationError("annual.no_prefill", qid, question=qid)
                    continue
                if chosen is None and qid in stored:
                    continue
                if not questionnaire.is_asked(qid, overlay):
                    if chosen is not None:
                        raise ValidationError("annual.not_asked", qid, question=qid,
                                              parent=questionnaire.question(qid).parent)
                    continue
                if stored.get(qid) == proposal.answer and chosen is not None:
                    continue
                report_id = report.id if report else db.ensure_report(
                    conn, year, unit.id, self.store.actor)
                report = report or db.get_report(conn, year, unit.id)
                db.put_answer(conn, report_id, qid, proposal.answer, _given(proposal),
                              self.store.actor)
                stored[qid] = proposal.answer
                done.append(qid)
            if done:
                self._after_change(conn, questionnaire, year, unit)
        return done

    def set_names(self, year: int, unit_code: str, line_manager: str, safety_rep: str
                  ) -> None:
        """The line manager and the safety rep who answer together (either may still be
        empty until submitting)."""
        names = {"line_manager": " ".join(line_manager.split()),
                 "safety_rep": " ".join(safety_rep.split())}
        for key, value in names.items():
            if len(value) > MAX_NAME:
                raise ValidationError("annual.name_too_long", key, most=MAX_NAME)
        questionnaire = self.questionnaire(year)
        with self._write(Change(Topic.ANNUAL)) as conn:
            unit = self._unit(conn, unit_code)
            report = db.get_report(conn, year, unit.id)
            if report is not None and (report.line_manager, report.safety_rep) == (
                    names["line_manager"], names["safety_rep"]):
                return
            report_id = report.id if report else db.ensure_report(conn, year, unit.id,
                                                                  self.store.actor)
            db.set_names(conn, report_id, names["line_manager"], names["safety_rep"],
                         self.store.actor)
            self._after_change(conn, questionnaire, year, unit)

    def submit(self, year: int, unit_code: str, allow_unanswered: bool = False
               ) -> AnswersFile:
        """Submit the stored answers as the unit's answers file (queued for the outbox)."""
        questionnaire = self.questionnaire(year)
        with self._write(Change(Topic.ANNUAL), Topic.OUTBOX) as conn:
            unit = self._unit(conn, unit_code)
            report = db.get_report(conn, year, unit.id)
            stored = db.answers(conn, report.id) if report else {}
            proposals = self._proposals(conn, questionnaire, year, unit)
            form = _form(questionnaire, year, unit, report, stored, proposals)
            missing = [k for k, v in (("line_manager", form.line_manager),
                                      ("safety_rep", form.safety_rep)) if not v.strip()]
            if missing:
                raise ValidationError("annual.names_missing", missing[0])
            if form.unanswered and not allow_unanswered:
                raise ValidationError("annual.unanswered", "answers", n=len(form.unanswered),
                                      questions=", ".join(form.unanswered))
            if not any(a.stored and a.asked for a in form.answers.values()):
                raise ValidationError("annual.nothing_answered", "answers")
            assert report is not None   # names are stored with a report
            file = _file(form, overlay=False, submitted_at=_now())
            db.submit(conn, report.id, str(file.submitted_at), answers_to_json(file),
                      self.store.actor)
            return file

    # -- inside ----------------------------------------------------------------------------
    def _unit(self, conn: sqlite3.Connection, code: str) -> db.UnitRow:
        unit = db.unit_by_code(conn, code)
        if unit is None:
            raise NotFoundError("annual.unknown_unit", unit=code)
        return unit

    def _after_change(self, conn: sqlite3.Connection, questionnaire: Questionnaire,
                      year: int, unit: db.UnitRow) -> None:
        """A submitted report whose file is no longer the one submitted is "changed since
        submitted" (a draft again); changed back, it is submitted again (nothing new sent)."""
        report = db.get_report(conn, year, unit.id)
        if report is None or report.submitted_json is None:
            return
        stored = {k: v.answer for k, v in db.answers(conn, report.id).items()}
        now = _body(answers_to_json(AnswersFile(
            year, unit.code, unit.name, report.line_manager, report.safety_rep, None,
            effective(questionnaire, stored))))
        then = _body(json.loads(report.submitted_json))
        db.set_status(conn, report.id, SUBMITTED if now == then else DRAFT)

    def _proposals(self, conn: sqlite3.Connection, questionnaire: Questionnaire, year: int,
                   unit: db.UnitRow) -> dict[str, Prefill]:
        today = self._today()
        key = _cache_key(questionnaire, year, unit.id, today)
        stamp = _stamp(conn)
        hit = self._proposal_cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        found = unit_proposals(conn, questionnaire, year, unit, today)
        if len(self._proposal_cache) > 64:
            self._proposal_cache.clear()
        self._proposal_cache[key] = (stamp, found)
        return found

    @contextmanager
    def _write(self, *topics: Topic | Change) -> Iterator[sqlite3.Connection]:
        """``store.write`` for the annual tables: what it changes is no fact the proposals
        are read from, so proposals read just before (or during) it stay good after it."""
        with self.store.write(*topics) as conn:
            before = _stamp(conn)
            yield conn
        after = _stamp(conn)
        for key, (stamp, found) in list(self._proposal_cache.items()):
            if stamp[1] == before[1] and stamp[0] >= before[0]:
                self._proposal_cache[key] = (after, found)


def _cache_key(questionnaire: Questionnaire, year: int, unit_id: int, today: dt.date
               ) -> tuple[Any, ...]:
    return (questionnaire.year, questionnaire.based_on_year, year, unit_id, today)


@dataclass
class ProposalRead:
    """The data's proposals for one unit, read off the GUI thread (``AnnualService.
    proposal_read``): ``stamp`` is the GUI connection's when it began."""

    store: Store
    questionnaire: Questionnaire
    year: int
    unit_code: str
    today: dt.date
    stamp: tuple[int, int]
    unit: db.UnitRow | None = None
    found: dict[str, Prefill] | None = None

    def run(self) -> ProposalRead:
        """Read (any thread): a connection of its own, the registers, nothing else."""
        with self.store.reader() as conn:
            unit = db.unit_by_code(conn, self.unit_code)
            if unit is None:
                raise NotFoundError("annual.unknown_unit", unit=self.unit_code)
            self.found = unit_proposals(conn, self.questionnaire, self.year, unit, self.today)
            self.unit = unit
        return self


def _stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes since: the rows this connection has written, and the commits other
    connections (another process) have made."""
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    return conn.total_changes, version


def unit_proposals(conn: sqlite3.Connection, questionnaire: Questionnaire, year: int,
                   unit: db.UnitRow, today: dt.date) -> dict[str, Prefill]:
    """The data's proposals for the questions of ``questionnaire`` (a proposed code the
    question does not have becomes a hint; an expired question gets none)."""
    found = prefill(unit_facts(conn, year, unit, today))
    out: dict[str, Prefill] = {}
    for qid, p in found.items():
        if not questionnaire.has(qid):
            continue
        q = questionnaire.question(qid)
        if q.expired:
            continue
        if p.answer is not None and p.answer not in q.codes:
            p = Prefill(p.question, None, p.reason_code, p.params)
        out[qid] = p
    return out


def unit_facts(conn: sqlite3.Connection, year: int, unit: db.UnitRow, today: dt.date
               ) -> UnitFacts:
    """What the registers know about the unit and its sub-units for ``year`` (the rooms'
    responsibles as on ``today``, or the year's last day when that is earlier)."""
    units = db_facts.unit_tree(conn, unit.id)
    on = min(today, dt.date(year, 12, 31))
    uses = tuple(db_facts.agent_uses(conn, units, year))
    held = db_facts.holdings(conn, units, year)
    return UnitFacts(
        year=year, unit_code=unit.code,
        rounds=tuple(db_facts.rounds(conn, units, year)),
        sources=tuple(db_facts.sources(conn, units)),
        radiation_workers=tuple(db_facts.radiation_workers(conn, units, year)),
        holdings=held.holdings, holding_rooms=held.rooms,
        agent_uses=uses,
        bio_workers=tuple(db_facts.bio_workers(conn, units,
                                               sorted({u.agent_id for u in uses}))),
        hazard_rooms=tuple(_hazard_rooms(conn, units, year, on)),
        deviations=tuple(db_facts.deviations(conn, units, year)),
        sub_units=len(units) - 1)


def _hazard_rooms(conn: sqlite3.Connection, units: Sequence[int], year: int, on: dt.date
                  ) -> Iterable[HazardRoomFact]:
    """The rooms with sources or agents, each with whether its card is stale (the room
    screen's comparison of the stored card with what the registers propose)."""
    from vernetool.db.organisation import room_cards
    from vernetool.domain.room_card_proposal import card_is_stale
    from vernetool.services.organisation.room_cards import _read_proposal

    for room in db_facts.hazard_rooms(conn, units, year, on):
        stale = False
        if room.has_card:
            stale = card_is_stale(room_cards.get_card(conn, room.room_id),
                                  _read_proposal(conn, room.room_id))
        yield HazardRoomFact(room.room_id, room.label, room.radiation, room.biology,
                             room.has_responsible, room.has_card, stale)


def _question(questionnaire: Questionnaire, question: str) -> Question:
    qid = str(question).strip().lower()
    if not questionnaire.has(qid):
        raise ValidationError("annual.no_such_question", str(question), question=question,
                              year=questionnaire.year)
    q = questionnaire.question(qid)
    if q.expired:
        raise ValidationError("annual.expired_question", q.id, question=q.id,
                              year=questionnaire.year)
    return q


def _valid_answer(q: Question, answer: str) -> str:
    if q.kind == "text":
        text = answer.strip()
        if not text:
            raise ValidationError("annual.text_empty", q.id, question=q.id)
        if len(text) > MAX_TEXT:
            raise ValidationError("annual.text_too_long", q.id, question=q.id, most=MAX_TEXT)
        return text
    code = answer.strip()
    if code not in q.codes:
        raise ValidationError("annual.bad_answer", q.id, question=q.id, answer=answer,
                              choices=", ".join(q.codes))
    return code


def _given(proposal: Prefill | None) -> tuple[str | None, str, dict[str, Any]] | None:
    return None if proposal is None else (proposal.answer, proposal.reason_code,
                                          dict(proposal.params))


def _proposed(proposals: dict[str, Prefill]) -> dict[str, str]:
    return {k: p.answer for k, p in proposals.items() if p.answer is not None}


def _status(report: db.ReportRow | None) -> str:
    if report is None:
        return NOT_STARTED
    if report.status == SUBMITTED:
        return SUBMITTED
    if report.submitted_at is not None:
        return CHANGED
    return DRAFT


def _form(questionnaire: Questionnaire, year: int, unit: db.UnitRow,
          report: db.ReportRow | None, stored: dict[str, db.AnswerRow],
          proposals: dict[str, Prefill]) -> AnnualForm:
    overlay = {**_proposed(proposals), **{k: v.answer for k, v in stored.items()}}
    states: dict[str, AnswerState] = {}
    unanswered: list[str] = []
    for q in questionnaire.active_questions():
        row = stored.get(q.id)
        proposal = proposals.get(q.id)
        asked = questionnaire.is_asked(q.id, overlay)
        if row is not None:
            given = None if row.prefill_reason is None else (
                row.prefill_answer, row.prefill_reason, row.prefill_params or {})
            states[q.id] = AnswerState(q, row.answer, proposal, True, row.confirmed,
                                       row.changed, asked, row.answered_at, row.answered_by,
                                       given)
        else:
            states[q.id] = AnswerState(q, None if proposal is None else proposal.answer,
                                       proposal, False, False, False, asked)
            if asked:
                unanswered.append(q.id)
    return AnnualForm(year, unit.code, unit.name, questionnaire, states,
                      report.line_manager if report else "",
                      report.safety_rep if report else "",
                      _status(report),
                      report.submitted_at if report else None, unanswered)


def _file(form: AnnualForm, *, overlay: bool, submitted_at: str | None) -> AnswersFile:
    """The form as DESIGN's answers file: the stored answers (with ``overlay``, on the data's
    proposals), only the questions asked."""
    answers = {k: a.answer for k, a in form.answers.items()
               if a.answer is not None and (a.stored or overlay)}
    return AnswersFile(form.year, form.unit_code, form.unit_name, form.line_manager,
                       form.safety_rep, submitted_at, effective(form.questionnaire, answers))


def _body(data: dict[str, Any]) -> dict[str, Any]:
    """A file without its submission time: what "changed since submitted" compares."""
    return {k: v for k, v in data.items() if k != "submitted_at"}
