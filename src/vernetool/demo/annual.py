"""Demo step: the units' annual HSE reports — last year's submitted for most units, this
year's started for a few (pre-filled from the demo's registers, some proposals confirmed, one
or two changed, the names set), not started for the rest.

The answers lean the way the seed's 2024 table does (most say yes, the scales mostly 3 and 4),
follow the questionnaire's follow-ups, and mostly take what the data proposes. Deterministic
by the seed: the step's own generator decides everything in unit-code order.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from vernetool.db.annual import reports as db
from vernetool.domain.annual.answers import AnswersFile, answers_to_json, effective
from vernetool.domain.annual.prefill import Prefill
from vernetool.domain.annual.questionnaire import Question, Questionnaire

ACTOR = "demo"
#: units that have started this year's report (IKJ always: the registers are richest there)
STARTED_THIS_YEAR = 4
SUBMITTED_LAST_YEAR = 0.85
TEXTS = (
    "Godt samarbeid mellom leder og verneombud; HMS-runden ble gjennomført som planlagt.",
    "Vi ønsker mer opplæring for nye verneombud og bedre oversikt over risikovurderingene.",
    "Flytting til nye lokaler har tatt mye tid; oppfølging av avvik må prioriteres neste år.",
    "Stoffkartoteket er ryddet og oppdatert. Romkortene gjennomgås på nytt i vår.",
    "Ingen særskilte kommentarer.",
)
# how the seed's 2024 answers lean (roughly), per kind of question
_CHOICE = (("yes", 75), ("no", 20), ("dont_know", 5))
_SCALE = (("1", 4), ("2", 12), ("3", 42), ("4", 38), ("dont_know", 4))
_BANDS = (("0-24", 3), ("25-49", 12), ("50-74", 33), ("75-100", 49), ("dont_know", 3))
_ROUTINE = {"yes": 85, "not_applicable": 10, "no": 5, "dont_know": 3}
#: proposals people plausibly answer otherwise (a round held but not recorded here, a routine
#: the data cannot see); the rest (sources held, chemicals, agents) they take as proposed
CHANGEABLE = frozenset({"10", "24c", "24d", "24e", "26c", "26d", "26e"})
_NAMES = ("Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Per Johansen", "Siri Lie",
          "Eirik Dahl", "Marte Moen", "Jon Bakken")


def add_annual(conn: sqlite3.Connection, rng: random.Random, today: dt.date
               ) -> dict[str, int]:
    from vernetool.services.annual.answering import unit_proposals
    from vernetool.services.annual.questionnaires import questionnaire_for

    units = db.units(conn)
    if not units:
        return {}
    last, this = today.year - 1, today.year
    started = {"IKJ"} | {u.code for u in rng.sample(
        [u for u in units if u.code != "IKJ"], min(STARTED_THIS_YEAR - 1, len(units) - 1))}
    submitted = drafts = answers = 0
    previous = questionnaire_for(last)
    current = questionnaire_for(this)
    for unit in units:
        names = _names(conn, unit, rng)
        if rng.random() < SUBMITTED_LAST_YEAR:
            proposals = unit_proposals(conn, previous, last, unit, today)
            answers += _submit_last_year(conn, rng, previous, unit, proposals, names)
            submitted += 1
        if unit.code in started:
            proposals = unit_proposals(conn, current, this, unit, today)
            answers += _start_this_year(conn, rng, current, unit, proposals, names)
            drafts += 1
    return {"annual reports submitted": submitted, "annual reports started": drafts,
            "annual answers": answers}


def _names(conn: sqlite3.Connection, unit: db.UnitRow, rng: random.Random
           ) -> tuple[str, str]:
    """The unit's line manager and safety rep from the people register (else made up)."""
    found: dict[str, str] = {}
    for row in conn.execute(
            "SELECT r.role, p.name FROM person p JOIN person_role r ON r.person_id = p.id "
            "WHERE p.unit_id = ? AND p.active = 1 AND r.role IN ('line_manager', "
            "'safety_rep') ORDER BY p.id", (unit.id,)):
        found.setdefault(row[0], row[1])
    manager = found.get("line_manager") or rng.choice(_NAMES)
    rep = found.get("safety_rep") or rng.choice([n for n in _NAMES if n != manager])
    return manager, rep


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _pick(rng: random.Random, q: Question) -> str:
    """A plausible answer to ``q`` (one of its codes, or text)."""
    if q.kind == "text":
        return rng.choice(TEXTS)
    if q.id == "1":
        return "yes"
    if "75-100" in q.codes:
        return _weighted(rng, _BANDS)
    if q.kind == "scale":
        return _weighted(rng, tuple((c, w) for c, w in _SCALE if c in q.codes))
    if q.parent is not None and q.parent in ("24", "26"):
        return _weighted(rng, tuple((c, _ROUTINE.get(c, 3)) for c in q.codes))
    weights = dict(_CHOICE)
    return _weighted(rng, tuple((c, weights.get(c, 10)) for c in q.codes))


def _answers(rng: random.Random, questionnaire: Questionnaire,
             proposals: dict[str, Prefill], take_proposal: float, share: float
             ) -> dict[str, str]:
    """Answers in the questionnaire's order (a parent before its follow-ups): a proposal
    taken with probability ``take_proposal``; a question without one answered with
    probability ``share``."""
    chosen: dict[str, str] = {}
    for q in questionnaire.active_questions():
        if not questionnaire.is_asked(q.id, chosen):
            continue
        proposal = proposals.get(q.id)
        if proposal is not None and proposal.answer is not None:
            if q.id not in CHANGEABLE or rng.random() < take_proposal:
                chosen[q.id] = proposal.answer
            else:
                others = [c for c in q.codes if c != proposal.answer]
                chosen[q.id] = rng.choice(others) if others else proposal.answer
        elif q.parent is None and rng.random() >= share and q.id not in ("1", "24", "26"):
            continue
        else:
            chosen[q.id] = _pick(rng, q)
    return chosen


def _store(conn: sqlite3.Connection, report_id: int, answers: dict[str, str],
           proposals: dict[str, Prefill]) -> None:
    for qid, answer in answers.items():
        p = proposals.get(qid)
        given = None if p is None else (p.answer, p.reason_code, dict(p.params))
        db.put_answer(conn, report_id, qid, answer, given, ACTOR)


def _submit_last_year(conn: sqlite3.Connection, rng: random.Random,
                      questionnaire: Questionnaire, unit: db.UnitRow,
                      proposals: dict[str, Prefill], names: tuple[str, str]) -> int:
    year = questionnaire.year
    answers = _answers(rng, questionnaire, proposals, take_proposal=0.75, share=1.0)
    report_id = db.ensure_report(conn, year, unit.id, ACTOR)
    _store(conn, report_id, answers, proposals)
    db.set_names(conn, report_id, names[0], names[1], ACTOR)
    moment = dt.datetime(year, 11, rng.randint(5, 22), rng.randint(8, 15),
                         rng.randint(0, 59), tzinfo=dt.UTC)
    at = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    file = AnswersFile(year, unit.code, unit.name, names[0], names[1], at,
                       effective(questionnaire, answers))
    db.submit(conn, report_id, at, answers_to_json(file), ACTOR)
    # answered over the days before it was submitted
    conn.execute("UPDATE annual_answer SET answered_at = ? WHERE report_id = ?",
                 ((moment - dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                  report_id))
    conn.execute("UPDATE annual_report SET created_at = ?, updated_at = ? WHERE id = ?",
                 ((moment - dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"), at,
                  report_id))
    return len(answers)


def _start_this_year(conn: sqlite3.Connection, rng: random.Random,
                     questionnaire: Questionnaire, unit: db.UnitRow,
                     proposals: dict[str, Prefill], names: tuple[str, str]) -> int:
    """Some proposals confirmed, one or two changed, about half the rest answered."""
    answers = _answers(rng, questionnaire, proposals, take_proposal=0.6,
                       share=rng.uniform(0.3, 0.7))
    # a few proposed follow-ups are left for the two to confirm on screen
    kept = {k: v for k, v in answers.items()
            if not (k in proposals and questionnaire.question(k).parent is not None
                    and rng.random() < 0.3)}
    report_id = db.ensure_report(conn, questionnaire.year, unit.id, ACTOR)
    _store(conn, report_id, effective(questionnaire, kept), proposals)
    manager, rep = names
    db.set_names(conn, report_id, manager, rep if rng.random() < 0.75 else "", ACTOR)
    return len(effective(questionnaire, kept))
