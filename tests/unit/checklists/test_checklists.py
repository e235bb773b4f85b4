"""Checklist templates: conditions, applicability by room type, validation and room facts."""

from __future__ import annotations

import pytest

from vernetool.domain.checklists import (
    KNOWN_FACTS,
    Item,
    Section,
    Template,
    ValueKind,
    applicable_items,
    applicable_sections,
    applies,
    check_condition,
    condition_holds,
    content_hash,
    room_facts,
    template_from_dict,
    template_to_dict,
    validate_template,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import RoomCard, RoomType


def _template() -> Template:
    return Template(
        key="lab-small", name_nb="Lab", name_en="Lab", room_types=frozenset({RoomType.LAB}),
        sections=[
            Section("Generelt", "General", [
                Item("g.1", "Ryddig", "Tidy"),
                Item("g.2", "Gassflasker festet", "Cylinders secured", condition="gas"),
            ]),
            Section("Stråling", "Radiation", [
                Item("r.1", "Merket", "Marked", condition="radiation|laser"),
                Item("r.2", "Kun verksted", "Workshop only",
                     room_types=frozenset({RoomType.WORKSHOP})),
                Item("r.3", "Ikke delt", "Not shared", condition="!shared"),
            ]),
        ])


def test_conditions_single_any_and_not() -> None:
    assert condition_holds("", frozenset())
    assert condition_holds("gas", frozenset({"gas"}))
    assert not condition_holds("gas", frozenset({"flammable"}))
    assert condition_holds("gas|flammable", frozenset({"flammable"}))
    assert not condition_holds("gas|flammable", frozenset({"toxic"}))
    assert condition_holds("!shared", frozenset())
    assert not condition_holds("!shared", frozenset({"shared"}))
    assert condition_holds("radiation|!laser", frozenset())


@pytest.mark.parametrize("bad", ["gass", "gas|", "!", "gas|radon", "pictogram:GHS10"])
def test_unknown_or_malformed_conditions_are_rejected(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_condition(bad)
    assert info.value.field == "condition"


def test_known_facts_include_card_keyword_and_pictogram_facts() -> None:
    for fact in ("gas", "flammable", "toxic", "gas_alarm", "shared", "radiation", "laser",
                 "biological", "cryogenic", "animals", "pictogram:GHS01", "pictogram:GHS09"):
        check_condition(fact)
        assert fact in KNOWN_FACTS


def test_applicability_by_room_type_and_facts() -> None:
    template = _template()
    codes = [i.code for i in applicable_items(template, RoomType.LAB, frozenset())]
    assert codes == ["g.1", "r.3"]
    codes = [i.code for i in applicable_items(template, "lab", frozenset({"gas", "laser"}))]
    assert codes == ["g.1", "g.2", "r.1", "r.3"]
    codes = [i.code for i in applicable_items(template, RoomType.WORKSHOP,
                                              frozenset({"shared"}))]
    assert codes == ["g.1", "r.2"]
    assert not applies(template.sections[1].items[1], RoomType.OFFICE, frozenset())
    sections = applicable_sections(template, RoomType.OFFICE, frozenset({"shared"}))
    assert [s.title_en for s, _ in sections] == ["General"]


def test_room_facts_from_card() -> None:
    assert room_facts(RoomCard()) == frozenset()
    card = RoomCard(gas_max_cylinders=4, flammable_cat2_max_litres=20.0, toxic_liquids="Fenol",
                    gas_alarm=True, shared_with_other_org=True, pictograms=("GHS05",))
    assert room_facts(card) == {"gas", "flammable", "toxic", "gas_alarm", "shared",
                                "pictogram:GHS05"}
    assert "gas" in room_facts(RoomCard(central_gas_supply=True))
    assert "gas" not in room_facts(RoomCard(gas_max_litres=0.0))
    assert "toxic" not in room_facts(RoomCard(toxic_liquids="Ingen"))
    assert "flammable" in room_facts(RoomCard(pictograms=("GHS02",)))


@pytest.mark.parametrize(("text", "fact"), [
    ("Isotoplab, åpne radioaktive kilder", "radiation"),
    ("Røntgendiffraksjon", "radiation"),
    ("X-ray source", "radiation"),
    ("Klasse 4 laser", "laser"),
    ("Smittefarlig materiale, GMO", "biological"),
    ("Cell culture, biosafety level 2", "biological"),
    ("Flytende nitrogen", "cryogenic"),
    ("Kryolager", "cryogenic"),
    ("Forsøksdyr (mus)", "animals"),
])
def test_room_facts_from_hazard_text(text: str, fact: str) -> None:
    assert fact in room_facts(RoomCard(special_hazards=text))
    assert fact in room_facts(RoomCard(activity_type=text))


def test_room_facts_do_not_match_unrelated_words() -> None:
    facts = room_facts(RoomCard(activity_type="Dyrking av planter",
                                special_hazards="Skriver og kopimaskin"))
    assert "animals" not in facts
    assert "laser" not in facts
    laser_lab = room_facts(RoomCard(activity_type="Laserlab",
                                    special_hazards="Klasse 4-laser, usynlig infrarød stråling"))
    assert "laser" in laser_lab and "radiation" not in laser_lab
    assert "radiation" in room_facts(RoomCard(special_hazards="UV-lys og ioniserende stråling"))


def test_room_facts_extra_and_room_type() -> None:
    facts = room_facts(RoomCard(), ["chemicals", "radiation"], room_type=RoomType.ANIMAL_ROOM)
    assert facts == {"chemicals", "radiation", "animals"}


def test_valid_template_passes_and_hash_ignores_version_and_ids() -> None:
    template = _template()
    validate_template(template)
    other = _template()
    other.version, other.id = 7, 42
    other.sections[0].items[0].id = 99
    assert content_hash(template) == content_hash(other)
    other.sections[0].items[0].text_en = "Tidy and clean"
    assert content_hash(template) != content_hash(other)


def _error(template: Template) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_template(template)
    return info.value


def test_validation_names_section_and_item() -> None:
    template = _template()
    template.sections[1].items[0].text_en = "  "
    error = _error(template)
    assert error.field == "text_en"
    assert "section 2 'Radiation'" in error.message and "'r.1'" in error.message

    template = _template()
    template.sections[1].items[2].code = "g.1"
    error = _error(template)
    assert error.field == "code" and "used twice" in error.message

    template = _template()
    template.sections[0].items[1].condition = "gass"
    error = _error(template)
    assert error.field == "condition" and "'g.2'" in error.message and "gass" in error.message

    template = _template()
    template.sections[0].title_nb = ""
    assert _error(template).field == "title_nb"

    template = _template()
    template.name_en = ""
    assert _error(template).field == "name_en"

    template = _template()
    template.key = "Bad Key"
    assert _error(template).field == "key"

    template = _template()
    template.sections[0].items[0].value_kind = ValueKind.NUMBER
    assert _error(template).field == "value_label"

    template = _template()
    template.sections[0].items[0].guidance_nb = "Bare norsk"
    assert _error(template).field == "guidance_en"

    template = _template()
    template.sections[1].items = []
    assert "has no items" in _error(template).message


def test_unknown_room_type_is_rejected() -> None:
    template = _template()
    template.sections[0].items[0].room_types = frozenset({"kitchen"})  # type: ignore[arg-type]
    error = _error(template)
    assert error.field == "room_types" and "kitchen" in error.message


def test_dict_round_trip() -> None:
    template = _template()
    data = template_to_dict(template)
    again = template_from_dict(data)
    assert template_to_dict(again) == data
    assert again.sections[1].items[1].room_types == {RoomType.WORKSHOP}


def test_from_dict_errors_are_clear() -> None:
    data = template_to_dict(_template())
    data["sections"][1]["items"][0]["colour"] = "red"
    with pytest.raises(ValidationError) as info:
        template_from_dict(data)
    assert "unknown field 'colour'" in info.value.message
    assert "section 2 'Radiation', item 1" in info.value.message

    data = template_to_dict(_template())
    data["sections"][0]["items"][0]["value_kind"] = "date"
    with pytest.raises(ValidationError) as info:
        template_from_dict(data)
    assert info.value.field == "value_kind" and "date" in info.value.message

    with pytest.raises(ValidationError):
        template_from_dict(["not", "an", "object"])
    data = template_to_dict(_template())
    data["sections"] = "none"
    with pytest.raises(ValidationError) as info:
        template_from_dict(data)
    assert info.value.field == "sections"
