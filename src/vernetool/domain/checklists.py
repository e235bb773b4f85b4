"""Checklist templates: sections and items, room-card conditions, applicability and validation.

A template is identified by its ``key`` and versioned: a version is never changed once a round
uses it, editing makes a new version. An item applies to a room when the room's type is one of
the item's ``room_types`` (empty = every type) and its ``condition`` holds for the room's facts.

Condition language (deliberately tiny): ``''`` (always), a fact name (``gas``), any-of
(``gas|flammable``) and negation of a term (``!shared``, ``radiation|!laser``). Facts come from
the room card (``room_facts``) and from what the registers hold in the room
(``domain.room_registers.register_facts``, given as ``extra``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vernetool.domain.errors import Phrase, ValidationError
from vernetool.domain.organisation import GHS_PICTOGRAMS, RoomCard, RoomType
from vernetool.domain.room_registers import RoomRegisters, register_facts


class Answer(StrEnum):
    """The answer to a checklist item."""

    OK = "ok"
    IMPROVE = "improve"
    NOT_RELEVANT = "not_relevant"


AnswerKind = Answer


class ValueKind(StrEnum):
    """An optional value recorded with the answer (a measured temperature, a date ...)."""

    NONE = "none"
    NUMBER = "number"
    TEXT = "text"


# Facts a condition may name. Room-card facts first, then keyword facts found in the card's
# hazard texts, then the facts only the registers establish, then the GHS pictograms: all are
# recorded facts (RECORDED_FACTS), offered in the editor. The registers also establish gas,
# flammable, toxic, radiation, laser, biological and the pictograms
# (``domain.room_registers.register_facts``): the walk adds them to the card's.
CARD_FACTS = ("gas", "flammable", "toxic", "gas_alarm", "shared")
KEYWORD_FACTS = ("radiation", "laser", "biological", "cryogenic", "animals")
REGISTER_FACTS = ("chemicals", "cmr")
PICTOGRAM_FACTS = tuple(f"pictogram:{code}" for code in GHS_PICTOGRAMS)
RECORDED_FACTS = CARD_FACTS + KEYWORD_FACTS + REGISTER_FACTS + PICTOGRAM_FACTS
KNOWN_FACTS: frozenset[str] = frozenset(RECORDED_FACTS)

# Lower-case patterns searched in the card's activity type and hazard texts (Bokmål + English).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "radiation": (r"stråling", r"strålekild", r"radioaktiv", r"isotop", r"røntgen",
                  r"x-?ray", r"radiation", r"radioactive", r"ioniser"),
    "laser": (r"laser",),
    "biological": (r"biologisk", r"smitte", r"\bgmo\b", r"genmodifis", r"biological",
                   r"biosafety", r"zoonos", r"mikroorganism", r"microorganism", r"cellekultur",
                   r"cell culture"),
    "cryogenic": (r"flytende nitrogen", r"flytende helium", r"kryo", r"liquid nitrogen",
                  r"liquid helium", r"cryo", r"\bln2\b"),
    "animals": (r"forsøksdyr", r"\bdyr(e|ene|et|a)?\b", r"dyrestall", r"dyrerom",
                r"\banimals?\b", r"vivarium"),
}
# Non-ionising radiation named in hazard texts ("infrarød stråling" in a laser lab) is not a
# radiation source: these phrases are removed before the keywords are searched.
_NON_IONISING = re.compile(
    r"(infrarød|infrared|uv|ultrafiolett|ultraviolet|optisk|optical|laser|elektromagnetisk|"
    r"electromagnetic|ikke-ioniserende|non-ioni[sz]ing)[\s-]*(stråling|radiation)")
_SIGN_FACTS = {"radiation": "radiation", "laser": "laser", "biohazard": "biological"}
_NOTHING = {"", "-", "nei", "ingen", "no", "none", "n/a", "0"}
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


@dataclass
class Item:
    code: str
    text_nb: str
    text_en: str
    guidance_nb: str = ""
    guidance_en: str = ""
    value_kind: ValueKind = ValueKind.NONE
    value_label_nb: str = ""
    value_label_en: str = ""
    room_types: frozenset[RoomType] = field(default_factory=frozenset)  # empty = all
    condition: str = ""
    id: int | None = None

    def text(self, lang: str) -> str:
        return self.text_nb if lang == "nb" else self.text_en

    def guidance(self, lang: str) -> str:
        return self.guidance_nb if lang == "nb" else self.guidance_en

    def value_label(self, lang: str) -> str:
        return self.value_label_nb if lang == "nb" else self.value_label_en


@dataclass
class Section:
    title_nb: str
    title_en: str
    items: list[Item] = field(default_factory=list)
    id: int | None = None

    def title(self, lang: str) -> str:
        return self.title_nb if lang == "nb" else self.title_en


@dataclass
class Template:
    key: str
    name_nb: str
    name_en: str
    description_nb: str = ""
    description_en: str = ""
    room_types: frozenset[RoomType] = field(default_factory=frozenset)  # empty = unit-wide
    builtin: bool = False
    sections: list[Section] = field(default_factory=list)
    version: int = 0          # 0 until stored
    id: int | None = None
    retired: bool = False
    created_at: str = ""

    def name(self, lang: str) -> str:
        return self.name_nb if lang == "nb" else self.name_en

    def description(self, lang: str) -> str:
        return self.description_nb if lang == "nb" else self.description_en

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def find_item(self, code: str) -> Item | None:
        return next((i for i in self.items() if i.code == code), None)


# --- conditions and facts ---------------------------------------------------------------


def _terms(condition: str) -> list[tuple[bool, str]]:
    """``'a|!b'`` → ``[(False, 'a'), (True, 'b')]`` (negated, fact)."""
    terms: list[tuple[bool, str]] = []
    for raw in condition.split("|"):
        term = raw.strip()
        negated = term.startswith("!")
        terms.append((negated, term[1:].strip() if negated else term))
    return terms


def check_condition(condition: str) -> None:
    """Raise ValidationError('condition', ...) unless the condition is well formed."""
    if not condition.strip():
        return
    for _negated, fact in _terms(condition):
        if not fact:
            raise ValidationError("checklist.condition_empty_term", "condition",
                                  condition=condition)
        if fact not in KNOWN_FACTS:
            known = ", ".join(sorted(KNOWN_FACTS - set(PICTOGRAM_FACTS)))
            raise ValidationError("checklist.condition_unknown_fact", "condition", fact=fact,
                                  condition=condition, known=known)


def condition_holds(condition: str, facts: frozenset[str]) -> bool:
    """True for the empty condition, else when any term holds (a ``!`` term: fact absent)."""
    if not condition.strip():
        return True
    return any((fact not in facts) if negated else (fact in facts)
               for negated, fact in _terms(condition))


def condition_facts(condition: str) -> list[str]:
    """The fact names a condition mentions, in order (for showing it to a person)."""
    return [fact for _negated, fact in _terms(condition) if fact] if condition.strip() else []


def _has(value: float | None) -> bool:
    return value is not None and value > 0


def _text_present(text: str) -> bool:
    return text.strip().casefold() not in _NOTHING


def room_facts(card: RoomCard, extra: Iterable[str] = (), *,
               room_type: RoomType | None = None,
               registers: RoomRegisters | None = None) -> frozenset[str]:
    """The facts a room's card establishes, those its registers establish, plus ``extra``
    facts given by the caller."""
    facts: set[str] = set(extra)
    if registers is not None:
        facts.update(register_facts(registers))
    pictograms = set(card.pictograms)
    if (_has(card.gas_max_litres) or _has(card.gas_max_cylinders) or card.central_gas_supply
            or "GHS04" in pictograms):
        facts.add("gas")
    if (_has(card.flammable_cat1_max_litres) or _has(card.flammable_cat2_max_litres)
            or "GHS02" in pictograms):
        facts.add("flammable")
    if _text_present(card.toxic_liquids) or "GHS06" in pictograms:
        facts.add("toxic")
    if card.gas_alarm:
        facts.add("gas_alarm")
    if card.shared_with_other_org:
        facts.add("shared")
    facts.update(f"pictogram:{code}" for code in pictograms if code in GHS_PICTOGRAMS)
    text = " ".join((card.activity_type, card.special_hazards,
                     card.unsafe_after_incident)).casefold()
    text = _NON_IONISING.sub(" ", text)
    for fact, patterns in _KEYWORDS.items():
        if any(re.search(p, text) for p in patterns):
            facts.add(fact)
    # the card's warning signs (radiation, laser, biohazard) say so too
    facts.update(_SIGN_FACTS[sign] for sign in card.warning_signs if sign in _SIGN_FACTS)
    if room_type == RoomType.ANIMAL_ROOM:
        facts.add("animals")
    return frozenset(facts)


def applies(item: Item, room_type: RoomType | str, facts: frozenset[str]) -> bool:
    """Whether an item is asked in a room of this type with these facts."""
    if item.room_types and RoomType(room_type) not in item.room_types:
        return False
    return condition_holds(item.condition, facts)


def applicable_items(template: Template, room_type: RoomType | str,
                     facts: frozenset[str]) -> list[Item]:
    """The items asked in such a room, in template order."""
    return [i for i in template.items() if applies(i, room_type, facts)]


def applicable_sections(template: Template, room_type: RoomType | str,
                        facts: frozenset[str]) -> list[tuple[Section, list[Item]]]:
    """Sections with their applicable items; sections left empty are dropped."""
    result = []
    for section in template.sections:
        items = [i for i in section.items if applies(i, room_type, facts)]
        if items:
            result.append((section, items))
    return result


# --- validation ---------------------------------------------------------------------------


def _section_name(index: int, section: Section) -> Phrase:
    title = section.title_en.strip() or section.title_nb.strip()
    return _section_where(index, title)


def _section_where(index: int, title: str = "") -> Phrase:
    if title:
        return Phrase("checklist.where.section_titled", n=index + 1, title=title)
    return Phrase("checklist.where.section", n=index + 1)


_TEMPLATE_WHERE = Phrase("checklist.where.template")


def validate_template(template: Template) -> None:
    """Raise ValidationError naming the section/item at fault; return when the template is good."""
    if not _KEY.match(template.key):
        raise ValidationError("checklist.key_invalid", "key", key=template.key)
    for name, value in (("name_nb", template.name_nb), ("name_en", template.name_en)):
        if not value.strip():
            raise ValidationError(f"checklist.{name}_missing", name)
    _check_room_types("room_types", _TEMPLATE_WHERE, template.room_types)
    if not template.sections:
        raise ValidationError("checklist.no_sections", "sections")
    seen: dict[str, Phrase] = {}
    for s_index, section in enumerate(template.sections):
        where = _section_name(s_index, section)
        if not section.title_nb.strip():
            raise ValidationError("checklist.title_nb_missing", "title_nb", where=where)
        if not section.title_en.strip():
            raise ValidationError("checklist.title_en_missing", "title_en", where=where)
        if not section.items:
            raise ValidationError("checklist.no_items", "items", where=where)
        for i_index, item in enumerate(section.items):
            _validate_item(item, Phrase("checklist.where.item", section=where, n=i_index + 1),
                           seen)


def _validate_item(item: Item, where: Phrase, seen: dict[str, Phrase]) -> None:
    code = item.code.strip()
    if not code:
        raise ValidationError("checklist.item_code_missing", "code", where=where)
    if not _CODE.match(code):
        raise ValidationError("checklist.item_code_invalid", "code", where=where, code=code)
    where = Phrase("checklist.where.item_code", where=where, code=code)
    if code in seen:
        raise ValidationError("checklist.item_code_twice", "code", where=where,
                              other=seen[code])
    seen[code] = where
    if not item.text_nb.strip():
        raise ValidationError("checklist.text_nb_missing", "text_nb", where=where)
    if not item.text_en.strip():
        raise ValidationError("checklist.text_en_missing", "text_en", where=where)
    if bool(item.guidance_nb.strip()) != bool(item.guidance_en.strip()):
        missing = "en" if item.guidance_nb.strip() else "nb"
        raise ValidationError(f"checklist.guidance_{missing}_missing", f"guidance_{missing}",
                              where=where)
    try:
        kind = ValueKind(item.value_kind)
    except ValueError:
        raise ValidationError("checklist.value_kind_unknown", "value_kind", where=where,
                              kind=item.value_kind) from None
    if kind != ValueKind.NONE and not (item.value_label_nb.strip()
                                       and item.value_label_en.strip()):
        raise ValidationError("checklist.value_label_missing", "value_label", where=where)
    _check_room_types("room_types", where, item.room_types)
    try:
        check_condition(item.condition)
    except ValidationError as exc:
        raise ValidationError("checklist.at", "condition", where=where, error=exc) from None


def _check_room_types(field_name: str, where: Phrase, values: Iterable[object]) -> None:
    for value in values:
        try:
            RoomType(str(value))
        except ValueError:
            known = ", ".join(t.value for t in RoomType)
            raise ValidationError("checklist.room_type_unknown", field_name, where=where,
                                  value=value, known=known) from None


# --- plain-data form (JSON files, exchange, content hash) -----------------------------------

_TEMPLATE_KEYS = {"key", "version", "name_nb", "name_en", "description_nb", "description_en",
                  "room_types", "builtin", "sections"}
_SECTION_KEYS = {"title_nb", "title_en", "items"}
_ITEM_KEYS = {"code", "text_nb", "text_en", "guidance_nb", "guidance_en", "value_kind",
              "value_label_nb", "value_label_en", "room_types", "condition"}


def _sorted_types(types: frozenset[RoomType]) -> list[str]:
    order = list(RoomType)
    return [t.value for t in sorted(types, key=order.index)]


def template_to_dict(template: Template) -> dict[str, Any]:
    """The template as plain data (no database ids), the body of the JSON exchange format."""
    return {
        "key": template.key,
        "version": template.version,
        "name_nb": template.name_nb,
        "name_en": template.name_en,
        "description_nb": template.description_nb,
        "description_en": template.description_en,
        "room_types": _sorted_types(template.room_types),
        "sections": [
            {
                "title_nb": s.title_nb,
                "title_en": s.title_en,
                "items": [
                    {
                        "code": i.code,
                        "text_nb": i.text_nb,
                        "text_en": i.text_en,
                        "guidance_nb": i.guidance_nb,
                        "guidance_en": i.guidance_en,
                        "value_kind": ValueKind(i.value_kind).value,
                        "value_label_nb": i.value_label_nb,
                        "value_label_en": i.value_label_en,
                        "room_types": _sorted_types(i.room_types),
                        "condition": i.condition,
                    }
                    for i in s.items
                ],
            }
            for s in template.sections
        ],
    }


def content_hash(template: Template) -> str:
    """A fingerprint of what a person sees in the template (not its version or ids)."""
    data = template_to_dict(template)
    del data["version"]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _str(data: Mapping[str, Any], key: str, where: Phrase, *, required: bool = False) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError("checklist.field_not_text", key, where=where, key=key)
    if required and not value.strip():
        raise ValidationError("checklist.field_missing", key, where=where, key=key)
    return value.strip()


def _mapping(value: object, where: Phrase, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError("checklist.not_an_object", "template", where=where)
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ValidationError("checklist.unknown_field", unknown[0], where=where,
                              key=unknown[0])
    return value


def _types(data: Mapping[str, Any], where: Phrase) -> frozenset[RoomType]:
    value = data.get("room_types", [])
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError("checklist.room_types_not_list", "room_types", where=where)
    _check_room_types("room_types", where, [v.strip() for v in value])
    return frozenset(RoomType(v.strip()) for v in value)


def template_from_dict(data: object) -> Template:
    """Build and validate a template from plain data; errors name the section and item."""
    body = _mapping(data, _TEMPLATE_WHERE, _TEMPLATE_KEYS)
    where = _TEMPLATE_WHERE
    sections_data = body.get("sections")
    if not isinstance(sections_data, list):
        raise ValidationError("checklist.sections_not_list", "sections", where=where)
    sections: list[Section] = []
    for s_index, raw_section in enumerate(sections_data):
        s_where = _section_where(s_index)
        s_data = _mapping(raw_section, s_where, _SECTION_KEYS)
        title = _str(s_data, "title_en", s_where) or _str(s_data, "title_nb", s_where)
        if title:
            s_where = _section_where(s_index, title)
        items_data = s_data.get("items")
        if not isinstance(items_data, list):
            raise ValidationError("checklist.items_not_list", "items", where=s_where)
        items: list[Item] = []
        for i_index, raw_item in enumerate(items_data):
            i_where = Phrase("checklist.where.item", section=s_where, n=i_index + 1)
            i_data = _mapping(raw_item, i_where, _ITEM_KEYS)
            kind_text = _str(i_data, "value_kind", i_where) or "none"
            try:
                kind = ValueKind(kind_text)
            except ValueError:
                raise ValidationError("checklist.value_kind_unknown", "value_kind",
                                      where=i_where, kind=kind_text) from None
            items.append(Item(
                code=_str(i_data, "code", i_where),
                text_nb=_str(i_data, "text_nb", i_where),
                text_en=_str(i_data, "text_en", i_where),
                guidance_nb=_str(i_data, "guidance_nb", i_where),
                guidance_en=_str(i_data, "guidance_en", i_where),
                value_kind=kind,
                value_label_nb=_str(i_data, "value_label_nb", i_where),
                value_label_en=_str(i_data, "value_label_en", i_where),
                room_types=_types(i_data, i_where),
                condition=_str(i_data, "condition", i_where),
            ))
        sections.append(Section(_str(s_data, "title_nb", s_where),
                                _str(s_data, "title_en", s_where), items))
    version = body.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ValidationError("checklist.version_not_whole", "version", where=where)
    template = Template(
        key=_str(body, "key", where, required=True),
        name_nb=_str(body, "name_nb", where),
        name_en=_str(body, "name_en", where),
        description_nb=_str(body, "description_nb", where),
        description_en=_str(body, "description_en", where),
        room_types=_types(body, where),
        builtin=bool(body.get("builtin", False)),
        sections=sections,
        version=version,
    )
    validate_template(template)
    return template
