"""The pre-filled answers, rule by rule: the facts that make each answer and the change that
turns it, with the reason code and what the words need."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from vernetool.domain.annual.prefill import (
    AgentUseFact,
    BioWorkerFact,
    HazardRoomFact,
    RadiationWorkerFact,
    RoundFact,
    SourceFact,
    UnitFacts,
    prefill,
)
from vernetool.i18n import translator

D = dt.date
BASE = UnitFacts(year=2024, unit_code="IKJ")
CS137 = SourceFact(1, "Cs-137 kalibrering", "sealed_source", dsa_id="DSA-1", notifiable=True,
                   room_id=10)
LASER = SourceFact(2, "Laser 4", "laser", notifiable=True, dsa_id="DSA-2", room_id=11)
ECOLI = AgentUseFact(1, "E. coli K12", 1, "", 20)
MTB = AgentUseFact(2, "Mycobacterium tuberculosis", 3, "", 21)
HBV = AgentUseFact(3, "Hepatitt B-virus", 3, "DV", 21)


def _answer(facts: UnitFacts, question: str) -> str | None:
    return prefill(facts)[question].answer


def _reason(facts: UnitFacts, question: str) -> str:
    return prefill(facts)[question].reason_code.removeprefix("annual.prefill.")


def test_10_rounds_of_the_year_any_status_else_no() -> None:
    none = replace(BASE, rounds=(RoundFact(D(2023, 11, 2), "completed", "Høstrunde"),))
    assert (_answer(none, "10"), _reason(none, "10")) == ("no", "rounds_none")
    some = replace(BASE, rounds=(RoundFact(D(2024, 3, 12), "completed", "KJ1"),
                                 RoundFact(D(2024, 10, 1), "planned", "KJ2"),
                                 RoundFact(D(2023, 5, 5), "completed", "")))
    found = prefill(some)["10"]
    assert found.answer == "yes"
    assert found.params == {"n": 2, "year": 2024, "latest": "2024-10-01", "title": "KJ2",
                            "done": 1}
    assert translator("en").render(found.reason_code, **found.params) == (
        "2 HSE rounds in 2024 in the database (latest 2024-10-01: KJ2; 1 completed)")
    assert translator("nb").render(found.reason_code, **found.params).startswith(
        "2 HMS-runder i 2024 i databasen")


def test_24_sources_held_during_the_year() -> None:
    assert _answer(BASE, "24") == "no"
    assert "24c" not in prefill(BASE) and "24e" not in prefill(BASE)
    held = replace(BASE, sources=(CS137,))
    assert _answer(held, "24") == "yes"
    gone_before = replace(BASE, sources=(replace(CS137, disposed_on=D(2023, 12, 31)),))
    assert _answer(gone_before, "24") == "no"
    gone_during = replace(BASE, sources=(replace(CS137, disposed_on=D(2024, 6, 1)),))
    assert _answer(gone_during, "24") == "yes"
    sold_no_date = replace(BASE, sources=(replace(CS137, dsa_status="sold"),))
    assert _answer(sold_no_date, "24") == "no"


def test_24c_the_workers_register_for_ionising_sources() -> None:
    only_laser = replace(BASE, sources=(LASER,))
    assert (_answer(only_laser, "24c"), _reason(only_laser, "24c")) == (
        "not_applicable", "workers_not_ionising")
    empty = replace(BASE, sources=(CS137, LASER))
    assert (_answer(empty, "24c"), _reason(empty, "24c")) == ("no", "workers_none")
    other_unit = replace(empty, radiation_workers=(RadiationWorkerFact(False, "Røntgen B"),))
    assert _answer(other_unit, "24c") == "no"
    by_person = replace(empty, radiation_workers=(RadiationWorkerFact(True, ""),))
    assert _answer(by_person, "24c") == "yes"
    by_source = replace(empty, radiation_workers=(
        RadiationWorkerFact(False, "kalibrering med CS-137 KALIBRERING"),))
    assert _answer(by_source, "24c") == "yes"


def test_24e_notifiable_sources_with_a_dsa_id() -> None:
    not_notifiable = replace(BASE, sources=(replace(CS137, notifiable=None),))
    assert _answer(not_notifiable, "24e") == "not_applicable"
    all_in = replace(BASE, sources=(CS137, LASER))
    assert (_answer(all_in, "24e"), _reason(all_in, "24e")) == ("yes", "dsa_all")
    one_missing = replace(BASE, sources=(CS137, replace(LASER, dsa_id="")))
    found = prefill(one_missing)["24e"]
    assert found.answer == "no"
    assert (found.params["n"], found.params["of"], found.params["names"]) == (1, 2, "Laser 4")


def _room(rid: int, *, radiation: bool = False, biology: bool = False,
          responsible: bool = True, card: bool = True, stale: bool = False) -> HazardRoomFact:
    return HazardRoomFact(rid, f"K5 {rid}", radiation, biology, responsible, card, stale)


@pytest.mark.parametrize(("question", "kind", "held"), [
    ("24d", "radiation", {"sources": (CS137,)}),
    ("26e", "biology", {"agent_uses": (ECOLI,)}),
])
def test_24d_26e_rooms_with_the_hazard_have_a_responsible_and_a_fresh_card(
        question: str, kind: str, held: dict[str, object]) -> None:
    facts = replace(BASE, **held)  # type: ignore[arg-type]
    assert question not in prefill(facts), "no room known: nothing to say"
    good = replace(facts, hazard_rooms=(_room(10, **{kind: True}),
                                        _room(12, radiation=kind != "radiation",
                                              biology=kind != "biology", card=False)))
    assert _answer(good, question) == "yes"
    stale = replace(facts, hazard_rooms=(_room(10, **{kind: True}),
                                         _room(11, **{kind: True}, stale=True),
                                         _room(13, **{kind: True}, responsible=False,
                                               card=False)))
    found = prefill(stale)[question]
    assert found.answer == "no"
    assert {k: found.params[k] for k in ("n", "of", "no_responsible", "no_card", "stale")} == {
        "n": 2, "of": 3, "no_responsible": 1, "no_card": 1, "stale": 1}
    assert found.params["names"] == "K5 11, K5 13"


def test_25_chemical_holdings() -> None:
    assert (_answer(BASE, "25"), _reason(BASE, "25")) == ("no", "holdings_none")
    held = replace(BASE, holdings=12, holding_rooms=3)
    assert _answer(held, "25") == "yes"
    assert prefill(held)["25"].params == {"n": 12, "rooms": 3, "year": 2024}


def test_26_agents_in_use() -> None:
    assert (_answer(BASE, "26"), _reason(BASE, "26")) == ("no", "agents_none")
    assert "26c" not in prefill(BASE)
    used = replace(BASE, agent_uses=(ECOLI, replace(ECOLI, room_id=22)))
    found = prefill(used)["26"]
    assert found.answer == "yes" and (found.params["n"], found.params["rooms"]) == (1, 2)


def test_26c_the_register_for_agents_that_need_it() -> None:
    harmless = replace(BASE, agent_uses=(ECOLI,))
    hint = prefill(harmless)["26c"]
    assert (hint.answer, hint.reason_code) == (None, "annual.prefill.bio_register_not_required")
    needing = replace(BASE, agent_uses=(ECOLI, MTB, HBV))
    assert (_answer(needing, "26c"), prefill(needing)["26c"].params["n"]) == ("no", 2)
    one = replace(needing, bio_workers=(BioWorkerFact(2),))
    assert prefill(one)["26c"].params["names"] == "Hepatitt B-virus"
    both = replace(needing, bio_workers=(BioWorkerFact(2), BioWorkerFact(3, 1)))
    assert (_answer(both, "26c"), _reason(both, "26c")) == ("yes", "bio_register_all")


def test_26d_vaccination_offers_for_agents_with_a_vaccine() -> None:
    no_vaccine = replace(BASE, agent_uses=(ECOLI, MTB))
    assert prefill(no_vaccine)["26d"].answer is None
    nobody = replace(BASE, agent_uses=(HBV,))
    assert (_answer(nobody, "26d"), _reason(nobody, "26d")) == (None, "vaccine_no_workers")
    missing = replace(nobody, bio_workers=(BioWorkerFact(3, 1), BioWorkerFact(3, 0)))
    assert (_answer(missing, "26d"), prefill(missing)["26d"].params) == (
        "no", {"n": 1, "of": 2})
    offered = replace(nobody, bio_workers=(BioWorkerFact(3, 1), BioWorkerFact(3, 2),
                                           BioWorkerFact(2, 0)))
    assert _answer(offered, "26d") == "yes"


def test_9_a_hint_from_the_deviation_log_never_an_answer() -> None:
    none = prefill(replace(BASE, deviations=(D(2023, 12, 1),)))["9"]
    assert (none.answer, none.reason_code) == (None, "annual.prefill.deviations_none")
    some = prefill(replace(BASE, deviations=(D(2024, 2, 1), D(2024, 9, 3))))["9"]
    assert (some.answer, some.params) == (None, {"n": 2, "year": 2024, "latest": "2024-09-03"})


def test_every_reason_has_words_in_both_languages() -> None:
    full = replace(BASE, rounds=(RoundFact(D(2024, 3, 1), "planned"),),
                   sources=(CS137, replace(LASER, dsa_id="")), holdings=1, holding_rooms=1,
                   agent_uses=(ECOLI, MTB, HBV), bio_workers=(BioWorkerFact(3, 0),),
                   hazard_rooms=(_room(1, radiation=True, biology=True, stale=True),),
                   deviations=(D(2024, 1, 5),))
    for lang in ("en", "nb"):
        for p in prefill(full).values():
            text = translator(lang).render(p.reason_code, **p.params)
            assert not text.startswith("annual.") and "{" not in text, text
