"""Every questionnaire file in resources/annual holds together: ids unique, follow-ups after
an existing parent and asked on the parent's own codes, every code labelled in nb and en,
every text in both languages, every question in exactly one section; 2024 has DESIGN.md's
ids; a year without its own file asks the newest earlier year's questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vernetool.domain.annual.questionnaire import (
    KINDS,
    PREFILL_SOURCES,
    SCHEMA,
    parse_questionnaire,
)
from vernetool.domain.errors import ValidationError
from vernetool.paths import resource_path
from vernetool.services.annual.questionnaires import questionnaire_for, questionnaire_years

FILES = sorted(resource_path("annual").glob("*.json"))
# DESIGN.md "Annual HSE reporting": "1" … "30", the follow-ups and 12 as free text
DESIGN_IDS = ({str(n) for n in range(1, 31)} | {"7a", "7b", "19a", "30a"}
              | {f"24{c}" for c in "abcdef"} | {f"26{c}" for c in "abcdef"})


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_there_are_questionnaires_for_2023_and_2024() -> None:
    assert [p.name for p in FILES] == ["2023.json", "2024.json"]
    assert questionnaire_years() == [2023, 2024]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_structure(path: Path) -> None:
    data = load(path)
    assert data["schema"] == SCHEMA
    assert data["year"] == int(path.stem)
    codes = data["codes"]
    for code, labels in codes.items():
        assert labels["nb"].strip() and labels["en"].strip(), code
    seen: dict[str, dict[str, Any]] = {}
    for q in data["questions"]:
        qid = q["id"]
        assert qid not in seen, f"{qid} twice"
        assert q["kind"] in KINDS, qid
        assert q["text"]["nb"].strip() and q["text"]["en"].strip(), qid
        assert set(q["codes"]) <= set(codes), qid
        assert (q["kind"] == "text") == (not q["codes"]), qid
        assert len(set(q["codes"])) == len(q["codes"]), qid
        if q.get("parent") is not None:
            parent = seen.get(q["parent"])
            assert parent is not None, f"{qid}: its parent comes first"
            assert q["asked_when"] and set(q["asked_when"]) <= set(parent["codes"]), qid
            assert qid.rstrip("abcdef") == q["parent"].rstrip("abcdef"), qid
        else:
            assert not q.get("asked_when"), qid
        if q.get("intro") is not None:
            assert q["intro"]["nb"].strip() and q["intro"]["en"].strip(), qid
        if q.get("prefill") is not None:
            assert q["prefill"] in PREFILL_SOURCES, qid
        # {year}/{previous_year} are the only placeholders
        for text in q["text"].values():
            assert text.replace("{year}", "").replace("{previous_year}", "").count("{") == 0
        seen[qid] = q
    in_sections = [qid for s in data["sections"] for qid in s["questions"]]
    assert sorted(in_sections) == sorted(seen), "each question in exactly one section"
    for s in data["sections"]:
        assert s["title"]["nb"].strip() and s["title"]["en"].strip()
    # and the domain reads it
    parsed = parse_questionnaire(data)
    assert parsed.ids == tuple(seen)
    assert all(q.section for q in parsed.questions)


def test_2024_has_designs_ids_and_the_seeds_answer_columns() -> None:
    q = questionnaire_for(2024)
    assert set(q.ids) == DESIGN_IDS
    assert q.question("12").kind == "text"
    assert q.question("1").codes == ("yes", "no")
    assert q.question("2").codes == ("yes", "no", "dont_know")
    assert q.question("4").codes == ("1", "2", "3", "4", "dont_know")
    assert q.question("22").codes == ("0-24", "25-49", "50-74", "75-100", "dont_know")
    assert q.question("7b").codes == ("yes", "no", "not_applicable")
    assert all(q.question(f"24{c}").codes == ("yes", "not_applicable", "no") for c in "abcdef")
    assert all(q.question(f"26{c}").codes == ("yes", "dont_know", "no") for c in "abcdef")
    parents = {qid: (q.question(qid).parent, set(q.question(qid).asked_when))
               for qid in q.ids if q.question(qid).parent}
    assert parents == {
        "7a": ("7", {"yes"}), "7b": ("7a", {"yes"}), "19a": ("19", {"yes"}),
        "30a": ("30", {"yes"}),
        **{f"24{c}": ("24", {"yes"}) for c in "abcdef"},
        **{f"26{c}": ("26", {"yes"}) for c in "abcdef"}}
    assert {qid for qid in q.ids if q.question(qid).expired} == {"24b", "26a"}
    assert {qid: q.question(qid).prefill for qid in q.ids if q.question(qid).prefill} == {
        "10": "rounds", "24": "radiation", "24c": "radiation", "24e": "radiation",
        "25": "chemicals", "26": "biology", "26c": "biology", "26d": "biology",
        "24d": "room_cards", "26e": "room_cards"}
    assert q.intro("24a", "nb") == "Har enheten rutiner som sørger for at:"
    assert q.intro("26f", "en") == "Does the unit have routines ensuring that:"


def test_2023_asks_what_the_seed_has_2023_figures_for() -> None:
    q = questionnaire_for(2023)
    assert set(DESIGN_IDS) - set(q.ids) == {"6", "7b", "8", "20", "21", "26b", "30", "30a"}
    assert not q.question("24b").expired and not q.question("26a").expired
    assert q.is_asked("24b", {"24": "yes"}) and q.is_asked("26a", {"26": "yes"})


def test_texts_fill_in_the_year_and_fix_the_seeds_slips() -> None:
    q = questionnaire_for(2024)
    assert q.text("3", "nb") == "Har enheten utarbeidet en HMS-handlingsplan for 2024?"
    assert q.text("8", "nb").endswith("arbeidsmiljøundersøkelsen i november 2023?")
    assert q.text("8", "en").endswith("survey of November 2023?")
    assert q.text("26f", "nb").startswith("avhending av smittefarlig avfall")
    assert "atomsikkerhet" in q.text("24e", "nb")
    assert q.label("1", "nb") == "1 – i svært liten grad"
    assert q.label("dont_know", "en") == "Don't know"


def test_a_year_without_a_file_asks_the_newest_earlier_questions() -> None:
    q = questionnaire_for(2026)
    assert (q.year, q.based_on_year) == (2026, 2024)
    assert q.text("10", "en") == "Has an HSE round been carried out or planned at the unit in 2026?"
    assert questionnaire_for(2024).based_on_year == 2024
    with pytest.raises(ValidationError) as caught:
        questionnaire_for(2019)
    assert caught.value.code == "annual.no_questionnaire"


def test_is_asked_follows_the_parents_and_never_an_expired_question() -> None:
    q = questionnaire_for(2024)
    assert q.is_asked("7", {})
    assert not q.is_asked("7a", {}) and not q.is_asked("7a", {"7": "no"})
    assert q.is_asked("7a", {"7": "yes"})
    assert not q.is_asked("7b", {"7": "no", "7a": "yes"})   # recursively: 7a is not asked
    assert q.is_asked("7b", {"7": "yes", "7a": "yes"})
    assert not q.is_asked("24b", {"24": "yes"})
    assert not q.is_asked("99", {})
    assert [x.id for x in q.active_questions()].count("24b") == 0


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d.update(schema="x"), "schema"),
    (lambda d: d["questions"][1].update(id="1"), "questions[1].id"),
    (lambda d: d["questions"][7].update(parent="99"), "questions[7].parent"),
    (lambda d: d["questions"][7].update(asked_when=["maybe"]), "questions[7].asked_when"),
    (lambda d: d["questions"][2].update(codes=["yes", "perhaps"]), "questions[2].codes"),
    (lambda d: d["questions"][2]["text"].update(en=" "), "questions[2].text.en"),
    (lambda d: d["codes"]["yes"].pop("en"), "codes.yes.en"),
    (lambda d: d["sections"][0]["questions"].remove("1"), "sections"),
    (lambda d: d["sections"][1]["questions"].append("1"), "sections[1].questions"),
    (lambda d: d["questions"][0].update(prefill="weather"), "questions[0].prefill"),
])
def test_a_broken_file_is_refused_naming_the_path(change: Any, path: str) -> None:
    data = load(resource_path("annual", "2024.json"))
    assert data["questions"][7]["id"] == "7a"
    change(data)
    with pytest.raises(ValidationError) as caught:
        parse_questionnaire(data)
    assert (caught.value.code, caught.value.field) == ("annual.questionnaire_invalid", path)
