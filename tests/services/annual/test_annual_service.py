"""AnnualService: the form pre-filled and written nowhere, every answer at once and audited,
follow-ups kept while not asked, submission (names, unanswered, bad answers) and the report
changed since submitted."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.services.annual.annual_fixtures import ACTOR, make_unit
from vernetool.context import AppContext
from vernetool.db.delivery.changes import last_seq
from vernetool.domain.errors import NotFoundError, ValidationError
from vernetool.services import Change, Topic

# every main question of 2024 that has no proposal from the data, with an answer
MAIN = {"1": "yes", "2": "yes", "3": "no", "4": "3", "5": "yes", "6": "no", "7": "no",
        "8": "yes", "9": "yes", "11": "dont_know", "12": "Godt samarbeid med verneombudet.",
        "13": "4", "14": "3", "15": "yes", "16": "no", "17": "3", "18": "4", "19": "no",
        "20": "2", "21": "1", "22": "75-100", "23": "2", "27": "yes", "28": "yes", "29": "2",
        "30": "no"}


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_the_form_is_prefilled_from_the_unit_and_its_sub_units_and_writes_nothing(
        ctx: AppContext) -> None:
    make_unit(ctx)
    seq, audit = last_seq(ctx.conn), _count(ctx.conn, "audit_log")
    form = ctx.services.annual.form(2024, "IKJ")
    assert (form.status, form.line_manager, form.based_on_year) == ("not_started", "", 2024)
    ten = form.answers["10"]
    assert (ten.answer, ten.stored, ten.pending, ten.asked) == ("yes", False, True, True)
    assert ten.source_text("en") == ("1 HSE round in 2024 in the database "
                                     "(latest 2024-03-12: Vårrunde K5; 1 completed)")
    assert "HMS-runde i 2024" in ten.source_text("nb")
    assert form.answers["24"].answer == "yes"
    assert form.answers["24c"].answer == "no" and form.answers["24c"].asked
    assert form.answers["24e"].answer == "yes"
    assert form.answers["25"].answer == "no" and form.answers["26"].answer == "no"
    assert not form.answers["26c"].asked
    assert form.answers["9"].answer is None and form.answers["9"].prefill is not None
    assert "24b" not in form.answers   # expired in 2024
    # the same for the physics unit says no to rounds and sources
    other = ctx.services.annual.form(2024, "IFY")
    assert (other.answers["10"].answer, other.answers["24"].answer) == ("no", "no")
    assert (last_seq(ctx.conn), _count(ctx.conn, "audit_log")) == (seq, audit)
    assert _count(ctx.conn, "annual_report") == 0


def test_each_answer_is_stored_at_once_with_the_proposal_it_was_given_against(
        ctx: AppContext, tmp_path: object) -> None:
    make_unit(ctx)
    heard: list[Change] = []
    ctx.services.subscribe(heard.append)
    annual = ctx.services.annual
    state = annual.set_answer(2024, "IKJ", "10", "no")
    assert (state.answer, state.stored, state.changed, state.confirmed) == ("no", True, True,
                                                                             False)
    assert state.given_against is not None and state.given_against[0] == "yes"
    assert heard and heard[-1].topic is Topic.ANNUAL
    # durable: another connection sees it
    other = sqlite3.connect(ctx.db_path)
    assert other.execute("SELECT answer, prefill_answer, changed, answered_by FROM "
                         "annual_answer").fetchall() == [("no", "yes", 1, ACTOR)]
    other.close()
    assert annual.confirm_prefilled(2024, "IKJ") == ["24", "24c", "24d", "24e", "25", "26"]
    form = annual.form(2024, "IKJ")
    assert form.answers["24"].confirmed and not form.answers["10"].confirmed
    assert form.answers["10"].answer == "no", "a confirmation keeps what was changed"
    audit = [r[0] for r in ctx.conn.execute(
        "SELECT action FROM audit_log WHERE entity = 'annual_report' ORDER BY id")]
    assert audit == ["create", "answer"] + ["answer"] * 6
    # the lab with the source has neither a room responsible nor a card
    assert form.answers["24d"].given_against == (
        "no", "annual.prefill.rooms_lacking_sources",
        {"n": 1, "of": 1, "no_responsible": 1, "no_card": 1, "stale": 0, "names": "K5 108"})
    annual.set_answer(2024, "IKJ", "10", None)
    assert annual.form(2024, "IKJ").answers["10"].pending


@pytest.mark.parametrize(("question", "answer", "code"), [
    ("2", "maybe", "annual.bad_answer"),
    ("4", "5", "annual.bad_answer"),
    ("12", "   ", "annual.text_empty"),
    ("31", "yes", "annual.no_such_question"),
    ("24b", "yes", "annual.expired_question"),
    ("7a", "yes", "annual.not_asked"),      # 7 is not answered yes
])
def test_a_bad_answer_is_refused_naming_the_question_and_nothing_is_written(
        ctx: AppContext, question: str, answer: str, code: str) -> None:
    make_unit(ctx)
    with pytest.raises(ValidationError) as refused:
        ctx.services.annual.set_answer(2024, "IKJ", question, answer)
    assert refused.value.code == code
    assert question in refused.value.message
    assert _count(ctx.conn, "annual_report") == 0


def test_an_unknown_unit_is_named(ctx: AppContext) -> None:
    with pytest.raises(NotFoundError) as missing:
        ctx.services.annual.form(2024, "NOPE")
    assert "NOPE" in missing.value.message


def test_a_follow_up_no_longer_asked_is_kept_out_of_the_file_and_comes_back(
        ctx: AppContext) -> None:
    make_unit(ctx)
    annual = ctx.services.annual
    annual.set_answer(2024, "IKJ", "7", "yes")
    annual.set_answer(2024, "IKJ", "7a", "yes")
    annual.set_answer(2024, "IKJ", "7b", "not_applicable")
    assert annual.answers_file(2024, "IKJ")["answers"]["7b"] == "not_applicable"
    annual.set_answer(2024, "IKJ", "7", "no")
    form = annual.form(2024, "IKJ")
    assert form.answers["7a"].stored and not form.answers["7a"].asked
    assert "7a" not in annual.answers_file(2024, "IKJ")["answers"]
    annual.set_answer(2024, "IKJ", "7", "yes")
    answers = annual.answers_file(2024, "IKJ")["answers"]
    assert (answers["7a"], answers["7b"]) == ("yes", "not_applicable")


def _answer_all(ctx: AppContext, **extra: str) -> None:
    annual = ctx.services.annual
    for qid, answer in {**MAIN, **extra}.items():
        annual.set_answer(2024, "IKJ", qid, answer)
    annual.confirm_prefilled(2024, "IKJ")


def test_submit_needs_both_names_and_every_asked_question(ctx: AppContext) -> None:
    make_unit(ctx)
    annual = ctx.services.annual
    _answer_all(ctx)
    with pytest.raises(ValidationError) as names:
        annual.submit(2024, "IKJ")
    assert names.value.code == "annual.names_missing"
    annual.set_names(2024, "IKJ", "  Hallstein  Hemmer ", "May Grete Sætran")
    seq = last_seq(ctx.conn)
    with pytest.raises(ValidationError) as open_ones:
        annual.submit(2024, "IKJ")
    assert open_ones.value.code == "annual.unanswered"
    assert open_ones.value.params["questions"] == "24a, 24f"
    assert last_seq(ctx.conn) == seq and annual.form(2024, "IKJ").status == "draft"
    file = annual.submit(2024, "IKJ", allow_unanswered=True)
    assert file.line_manager == "Hallstein Hemmer"
    assert "24a" not in file.answers and file.answers["24c"] == "no"
    assert annual.form(2024, "IKJ").status == "submitted"
    logged = ctx.conn.execute("SELECT entity, op FROM change_log WHERE seq > ?",
                              (seq,)).fetchall()
    assert [tuple(r) for r in logged] == [("annual_report", "upsert")]


def test_a_change_after_submitting_marks_the_report_changed_until_submitted_again(
        ctx: AppContext) -> None:
    make_unit(ctx)
    annual = ctx.services.annual
    _answer_all(ctx, **{"24a": "yes", "24f": "not_applicable"})
    annual.set_names(2024, "IKJ", "Hallstein Hemmer", "May Grete Sætran")
    first = annual.submit(2024, "IKJ")
    submitted = json.loads(ctx.conn.execute("SELECT submitted_json FROM annual_report"
                                            ).fetchone()[0])
    assert submitted["answers"] == dict(first.answers)
    assert submitted["submitted_at"] == first.submitted_at
    seq = last_seq(ctx.conn)
    annual.set_answer(2024, "IKJ", "2", "no")
    form = annual.form(2024, "IKJ")
    assert (form.status, form.submitted_at) == ("changed", first.submitted_at)
    assert [r.status for r in annual.overview(2024) if r.code == "IKJ"] == ["changed"]
    annual.set_answer(2024, "IKJ", "2", "yes")      # back as submitted
    assert annual.form(2024, "IKJ").status == "submitted"
    annual.set_names(2024, "IKJ", "Hallstein Hemmer", "Morten Mørch")
    assert annual.form(2024, "IKJ").status == "changed"
    assert last_seq(ctx.conn) == seq, "nothing is sent until it is submitted again"
    again = annual.submit(2024, "IKJ")
    assert again.safety_rep == "Morten Mørch" and annual.form(2024, "IKJ").status == "submitted"
    assert last_seq(ctx.conn) == seq + 1


def test_the_overview_lists_every_unit(ctx: AppContext) -> None:
    make_unit(ctx)
    annual = ctx.services.annual
    annual.set_answer(2024, "IKJ", "1", "yes")
    rows = {r.code: r for r in annual.overview(2024)}
    assert set(rows) == {"IKJ", "IKJ-ORG", "IFY"}
    assert (rows["IKJ"].status, rows["IKJ"].answered) == ("draft", 1)
    assert rows["IFY"].status == "not_started" and rows["IFY"].asked == rows["IKJ"].asked
    assert annual.overview(2023)[0].status == "not_started"


def test_a_year_without_its_own_questionnaire_uses_the_newest_earlier_one(
        ctx: AppContext) -> None:
    make_unit(ctx)
    form = ctx.services.annual.form(2026, "IKJ")
    assert (form.year, form.based_on_year) == (2026, 2024)
    assert form.answers["10"].answer == "no"      # no round in 2026


def test_confirming_named_questions_takes_the_proposal_and_refuses_where_there_is_none(
        ctx: AppContext) -> None:
    make_unit(ctx)
    annual = ctx.services.annual
    annual.set_answer(2024, "IKJ", "10", "dont_know")
    assert annual.confirm_prefilled(2024, "IKJ", ["10"]) == ["10"]
    ten = annual.form(2024, "IKJ").answers["10"]
    assert (ten.answer, ten.confirmed, ten.changed) == ("yes", True, False)
    for question, code in (("12", "annual.no_prefill"), ("9", "annual.no_prefill")):
        with pytest.raises(ValidationError) as refused:
            annual.confirm_prefilled(2024, "IKJ", [question])
        assert refused.value.code == code
    annual.set_answer(2024, "IKJ", "24", "no")      # the data says yes; they say no
    assert annual.confirm_prefilled(2024, "IKJ") == ["25", "26"], \
        "no follow-up of 24 is confirmed once 24 is no"
