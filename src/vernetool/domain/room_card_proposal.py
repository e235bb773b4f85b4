"""The room card the registers propose (DESIGN.md "`room` JSON", ``proposed_card``).

A pure rule over what a room holds: the products in use (their H codes, quantity, unit and
status), the radiation sources (kind, laser class) and the biological agents (risk group).

- ``pictograms``: the GHS pictograms of the products in use (``pictograms_for`` over each
  product's codes, so article 26 applies per product, as on its label), sorted.
- ``radiation``: any source but a laser, an IPL or an MRI (those carry no ionising-radiation
  sign); ``laser``: a laser of class 3B or 4;
  ``biohazard``: an agent of risk group 2 or higher.
- ``flammable_cat1_litres`` / ``flammable_cat2_litres``: litres of products in use with H224 /
  H225 (``domain.chemicals.quantities.flammable_litres``); a holding in mass or piece units,
  or without a quantity, is never converted and is listed in ``unconverted`` by id.
- ``gas_cylinders``: the containers of products in use with H280 or H281 (a holding without
  a container count counts as one).
- ``hazards``: the card's hazard words as stable keys, in a fixed order.

The one comparison of a stored card with the proposal (``compare_card``): one entry per card
field the registers speak about, each with the stored value, the proposed value, whether they
agree and, when not, the reason (a ``Phrase``: code + parameters, the words are in the message
catalogs). An entry counts as *stale* (``roomcard_stale``, DESIGN.md "`check` JSON") when
the card lacks a proposed pictogram, warning sign or hazard, or the litres in use of a
flammable category exceed the card's maximum (or the card gives none). More gas cylinders
than the card's maximum is a disagreement the room screen shows, not a stale card (DESIGN
counts pictograms, hazards and litres).

- ``pictograms`` / ``warning_signs``: agree when the card carries every proposed one; what a
  person added beyond the proposal is kept and never a disagreement.
- ``flammable_cat1_max_litres`` / ``flammable_cat2_max_litres``: agree when nothing of the
  category is in use, or the litres in use are within the card's maximum.
- ``gas_max_cylinders``: agrees when no cylinder is registered or the count is within the
  maximum.
- ``special_hazards``: the proposed hazards that no pictogram or sign stands for (today CMR:
  carcinogenic, mutagenic or reprotoxic products — GHS08 is also the pictogram of other
  health hazards) must be named in the card's special hazards text, in Norwegian or English
  (``HAZARD_WORDS``).

``accept_field`` makes one field agree and keeps what the person wrote: pictograms and signs
become the union of stored and proposed, a litre maximum becomes the litres in use rounded up
to the next whole litre, the cylinder maximum the registered count, and the special hazards
text gets the missing hazards' words appended.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple, Protocol

from vernetool.domain.chemicals.pictograms import pictograms_for
from vernetool.domain.chemicals.quantities import flammable_category, to_litres
from vernetool.domain.chemicals.statements import base_code, is_hazard, parts
from vernetool.domain.errors import Phrase, ValidationError
from vernetool.domain.organisation import (
    GHS_PICTOGRAMS,
    WARNING_SIGNS,
    RoomCard,
    ordered_signs,
)

_GAS = frozenset({"H280", "H281"})
_CMR = frozenset({"H340", "H341", "H350", "H351", "H360", "H361", "H362"})
_ACUTE_TOXIC = frozenset({"H300", "H301", "H310", "H311", "H330", "H331"})
_LASER_CARD_CLASSES = frozenset({"3B", "4"})
_LASER_KIND = "laser"
_NOT_IONISING = frozenset({"laser", "ipl", "mri"})

# The hazard keys in the order the card lists them.
HAZARD_ORDER = ("flammable", "gas_under_pressure", "oxidising", "explosive", "toxic", "cmr",
                "corrosive", "environment", "radiation", "laser", "biohazard")
_PICTOGRAM_HAZARD = {"GHS01": "explosive", "GHS02": "flammable", "GHS03": "oxidising",
                     "GHS04": "gas_under_pressure", "GHS05": "corrosive", "GHS06": "toxic",
                     "GHS09": "environment"}


class ProposalHolding(Protocol):
    """What the proposal needs of a holding (``domain.chemicals.model.Holding`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def hazard_codes(self) -> Sequence[str]: ...
    @property
    def quantity(self) -> float | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def containers(self) -> int | None: ...


@dataclass(frozen=True)
class ProposalSource:
    """A radiation source's kind ("laser", "sealed_source" …) and laser class ("4", "3B")."""

    kind: str
    laser_class: str | None = None


@dataclass(frozen=True)
class ProposedCard:
    pictograms: tuple[str, ...] = ()
    radiation: bool = False
    laser: bool = False
    biohazard: bool = False
    flammable_cat1_litres: float = 0.0
    flammable_cat2_litres: float = 0.0
    unconverted: tuple[int, ...] = ()
    gas_cylinders: int = 0
    hazards: tuple[str, ...] = ()


class _Facts(NamedTuple):
    """What a product's H codes put on a card (computed once per set of codes)."""

    pictograms: frozenset[str]
    hazards: frozenset[str]
    gas: bool
    category: int | None  # flammable category 1 (H224) or 2 (H225)


@lru_cache(maxsize=8192)
def _facts(codes: tuple[str, ...]) -> _Facts:
    found = pictograms_for(codes)
    hazards = {_PICTOGRAM_HAZARD[p] for p in found if p in _PICTOGRAM_HAZARD}
    bases = {base_code(part) for code in codes if is_hazard(code) for part in parts(code)}
    if bases & _CMR:
        hazards.add("cmr")
    if bases & _ACUTE_TOXIC:
        hazards.add("toxic")
    return _Facts(frozenset(found), frozenset(hazards), bool(bases & _GAS),
                  flammable_category(codes))


@lru_cache(maxsize=256)
def _litres_per(unit: str) -> float | None:
    """Litres in one ``unit`` (None: not a volume), as ``quantities.to_litres``."""
    return to_litres(1.0, unit)


def propose_card(holdings: Iterable[ProposalHolding], sources: Iterable[ProposalSource],
                 agent_groups: Iterable[int]) -> ProposedCard:
    """The card the registers propose for one room (see the module docstring).

    Fast enough to run for every room of a university (``roomcard_stale``): a product's
    codes are judged once, however many holdings share them."""
    distinct: dict[int, _Facts] = {}  # by id: the facts are shared, cached objects
    gas_cylinders = 0
    litres = {1: 0.0, 2: 0.0}
    unconverted: list[int] = []
    for holding in holdings:
        if holding.status != "in_use":
            continue
        facts = _facts(tuple(holding.hazard_codes))
        distinct[id(facts)] = facts
        if facts.gas:
            gas_cylinders += holding.containers if holding.containers is not None else 1
        if facts.category is not None:
            per = None if holding.quantity is None else _litres_per(str(holding.unit))
            if per is None or holding.quantity is None:
                unconverted.append(holding.id)
            else:
                litres[facts.category] += holding.quantity * per
    pictograms: set[str] = set()
    hazards: set[str] = set()
    for facts in distinct.values():
        pictograms.update(facts.pictograms)
        hazards.update(facts.hazards)
    radiation = laser = False
    for source in sources:
        kind = str(source.kind)
        if kind == _LASER_KIND:
            laser = laser or str(source.laser_class or "") in _LASER_CARD_CLASSES
        elif kind not in _NOT_IONISING:
            radiation = True
    biohazard = any(int(group) >= 2 for group in agent_groups)
    hazards.update(name for name, on in (("radiation", radiation), ("laser", laser),
                                         ("biohazard", biohazard)) if on)
    return ProposedCard(
        pictograms=tuple(sorted(pictograms)), radiation=radiation, laser=laser,
        biohazard=biohazard, flammable_cat1_litres=round(litres[1], 6),
        flammable_cat2_litres=round(litres[2], 6), unconverted=tuple(unconverted),
        gas_cylinders=gas_cylinders,
        hazards=tuple(h for h in HAZARD_ORDER if h in hazards))


#: a holding in use as the bulk reads give it (``db.checks.holdings_in_use``):
#: (room id, product id, quantity, unit, holding id, containers)
HeldRow = tuple[int, int, float | None, str, int, int | None]


def propose_cards(holdings: Iterable[HeldRow], hazard_codes: Mapping[int, Sequence[str]],
                  sources: Mapping[int, Iterable[ProposalSource]],
                  agent_groups: Mapping[int, Iterable[int]]) -> dict[int, ProposedCard]:
    """``propose_card`` for every room at once (the checks over a university): by room id,
    for each room with a holding in use, a source or an agent. ``holdings`` are the rows of
    the holdings in use, in the order ``propose_card`` would be given them; ``hazard_codes``
    the H codes by product id.

    Equal, room by room, to ``propose_card`` over the room's holdings in that order (a test
    holds them to it), but the per-holding work is two dict lookups and an ``|``: what a
    product puts on the card is judged once per product and kept as a bit mask, a room's
    pictograms and hazards are the ``|`` of its products' masks, and only the holdings of
    flammable or gas products are counted one by one (litres added in the same order, so
    the sums are the same to the last bit)."""
    bits: dict[tuple[str, str], int] = {}
    judged: dict[int, tuple[int, _Facts | None]] = {}
    masks: dict[int, int] = {}
    amounts: dict[int, list[float]] = {}  # room → [cylinders, cat. 1 litres, cat. 2 litres]
    unconverted: dict[int, list[int]] = {}
    for rid, pid, quantity, unit, hid, containers in holdings:
        known = judged.get(pid)
        if known is None:
            facts = _facts(tuple(hazard_codes.get(pid, ())))
            mask = 0
            for named in [*(("p", p) for p in facts.pictograms),
                          *(("h", h) for h in facts.hazards)]:
                mask |= bits.setdefault(named, 1 << len(bits))
            counted = facts if facts.gas or facts.category is not None else None
            known = judged[pid] = (mask, counted)
        masks[rid] = masks.get(rid, 0) | known[0]
        counted = known[1]
        if counted is None:
            continue
        amount = amounts.get(rid)
        if amount is None:
            amount = amounts[rid] = [0, 0.0, 0.0]
        if counted.gas:
            amount[0] += containers if containers is not None else 1
        if counted.category is not None:
            per = None if quantity is None else _litres_per(unit or "")
            if per is None or quantity is None:
                unconverted.setdefault(rid, []).append(hid)
            else:
                amount[counted.category] += quantity * per
    names = {bit: key for key, bit in bits.items()}
    decoded: dict[tuple[int, bool, bool, bool], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    plain: dict[tuple[int, bool, bool, bool], ProposedCard] = {}
    found: dict[int, ProposedCard] = {}
    for rid in {*masks, *sources, *agent_groups}:
        radiation = laser = False
        for source in sources.get(rid, ()):
            kind = str(source.kind)
            if kind == _LASER_KIND:
                laser = laser or str(source.laser_class or "") in _LASER_CARD_CLASSES
            elif kind not in _NOT_IONISING:
                radiation = True
        biohazard = any(int(group) >= 2 for group in agent_groups.get(rid, ()))
        key = (masks.get(rid, 0), radiation, laser, biohazard)
        words = decoded.get(key)
        if words is None:
            on = [names[bit] for bit in names if key[0] & bit]
            hazards = {name for kind, name in on if kind == "h"}
            hazards.update(name for name, flag in (("radiation", radiation), ("laser", laser),
                                                   ("biohazard", biohazard)) if flag)
            words = decoded[key] = (tuple(sorted(name for kind, name in on if kind == "p")),
                                    tuple(h for h in HAZARD_ORDER if h in hazards))
        amount = amounts.get(rid)
        if amount is None:
            card = plain.get(key)
            if card is None:
                card = plain[key] = ProposedCard(
                    pictograms=words[0], radiation=radiation, laser=laser,
                    biohazard=biohazard, hazards=words[1])
        else:
            card = ProposedCard(
                pictograms=words[0], radiation=radiation, laser=laser, biohazard=biohazard,
                flammable_cat1_litres=round(amount[1], 6),
                flammable_cat2_litres=round(amount[2], 6),
                unconverted=tuple(unconverted.get(rid, ())), gas_cylinders=int(amount[0]),
                hazards=words[1])
        found[rid] = card
    return found


class CardHolding(NamedTuple):
    """A light holding for ``propose_card`` (bulk reads: the checks over every room; a
    named tuple, as 50,000 of them are made in one check)."""

    id: int
    hazard_codes: tuple[str, ...]
    quantity: float | None
    unit: str
    containers: int | None = None
    status: str = "in_use"


# -- the stored card against the proposal ---------------------------------------------------
class CardField(StrEnum):
    """The card fields the registers speak about, in the order the card shows them."""

    PICTOGRAMS = "pictograms"
    WARNING_SIGNS = "warning_signs"
    SPECIAL_HAZARDS = "special_hazards"
    FLAMMABLE_CAT1 = "flammable_cat1_max_litres"
    FLAMMABLE_CAT2 = "flammable_cat2_max_litres"
    GAS_CYLINDERS = "gas_max_cylinders"


#: the hazards a card shows only in words: no pictogram or sign of their own stands for them
HAZARDS_IN_WORDS = ("cmr",)

#: case-folded word stems (Norwegian and English) that name a hazard in the card's text
HAZARD_WORDS: dict[str, tuple[str, ...]] = {
    "cmr": ("cmr", "carcinogen", "mutagen", "reprotox", "toxic to reproduction",
            "kreftfremkall", "arvestoffskad", "reproduksjonstoks", "kjønnscelleskad"),
}

_EPSILON = 1e-9


def proposed_signs(proposal: ProposedCard) -> tuple[str, ...]:
    """The warning signs the proposal asks for, in the card's order."""
    return tuple(sign for sign, on in (("radiation", proposal.radiation),
                                       ("laser", proposal.laser),
                                       ("biohazard", proposal.biohazard)) if on)


def needs_card(proposal: ProposedCard) -> bool:
    """Whether the registers call for a room card: a pictogram, a warning sign or a hazard
    (``roomcard_missing`` when the room has none)."""
    return bool(proposal.pictograms or proposal.hazards or proposed_signs(proposal))


def names_hazard(text: str, hazard: str) -> bool:
    """Whether ``text`` (a card's special hazards) names ``hazard``."""
    folded = text.casefold()
    return any(word in folded for word in (hazard, *HAZARD_WORDS.get(hazard, ())))


def _number(value: float) -> float | int:
    """A litre figure for a sentence: whole litres as an integer, else one decimal."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def listed(items: Sequence[Phrase]) -> Phrase:
    """Phrases as one: "A", "A and B", "A, B and C" (the catalog's words for "and")."""
    if not items:
        raise ValueError("nothing to list")
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return Phrase("room_card.list_pair", first=items[0], second=items[1])
    return Phrase("room_card.list_more", first=items[0], rest=listed(items[1:]))


CardValue = tuple[str, ...] | float | int | str | None


@dataclass(frozen=True, slots=True)
class FieldComparison:
    """One card field: the stored value, the proposed one, and why they disagree."""

    field: CardField
    stored: CardValue
    proposed: CardValue
    agrees: bool
    #: the reason they disagree (None when they agree): a code and its parameters
    reason: Phrase | None = None
    #: a disagreement that makes the card stale (``roomcard_stale``)
    stale: bool = False
    #: what the card lacks: pictograms, signs or hazard keys (empty for the numbers)
    lacking: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CardComparison:
    fields: tuple[FieldComparison, ...]
    #: holdings of flammable products whose quantity could not be counted as litres
    unconverted: tuple[int, ...] = ()
    _by_field: dict[CardField, FieldComparison] = field(default_factory=dict, repr=False,
                                                        compare=False)

    def __post_init__(self) -> None:
        self._by_field.update((f.field, f) for f in self.fields)

    def __getitem__(self, key: CardField | str) -> FieldComparison:
        return self._by_field[CardField(key)]

    @property
    def stale(self) -> bool:
        return any(f.stale for f in self.fields)

    @property
    def agrees(self) -> bool:
        return all(f.agrees for f in self.fields)

    @property
    def disagreements(self) -> tuple[FieldComparison, ...]:
        return tuple(f for f in self.fields if not f.agrees)

    @property
    def stale_reasons(self) -> tuple[Phrase, ...]:
        """Why the card is stale, field by field in the card's order."""
        return tuple(f.reason for f in self.fields if f.stale and f.reason is not None)

    def stale_reason(self) -> Phrase | None:
        """The stale reasons as one phrase ("…; …"), None when the card is not stale."""
        reasons = self.stale_reasons
        if not reasons:
            return None
        phrase = reasons[-1]
        for reason in reversed(reasons[:-1]):
            phrase = Phrase("room_card.reasons_more", first=reason, rest=phrase)
        return phrase


def _lacking_set(field_key: CardField, stored: tuple[str, ...], proposed: tuple[str, ...],
                 order: tuple[str, ...]) -> FieldComparison:
    have = set(stored)
    lacking = tuple(item for item in order if item in proposed and item not in have)
    if not lacking:
        return FieldComparison(field_key, stored, proposed, True)
    kind = "pictogram" if field_key is CardField.PICTOGRAMS else "sign"
    phrase = Phrase(f"room_card.reason.{field_key.value}", n=len(lacking),
                    items=listed([Phrase(f"room_card.{kind}.{item}") for item in lacking]))
    return FieldComparison(field_key, stored, proposed, False, phrase, True, lacking)


def _litres(field_key: CardField, category: int, maximum: float | None,
            used: float) -> FieldComparison:
    if used <= _EPSILON or (maximum is not None and used <= maximum + _EPSILON):
        return FieldComparison(field_key, maximum, used, True)
    if maximum is None:
        phrase = Phrase("room_card.reason.litres_no_max", category=category,
                        used=_number(used))
    else:
        phrase = Phrase("room_card.reason.litres_over", category=category,
                        used=_number(used), maximum=_number(maximum))
    return FieldComparison(field_key, maximum, used, False, phrase, True)


def compare_card(card: RoomCard, proposal: ProposedCard) -> CardComparison:
    """The stored ``card`` against the ``proposal``, field by field (module docstring)."""
    entries = [
        _lacking_set(CardField.PICTOGRAMS, card.pictograms, proposal.pictograms,
                     GHS_PICTOGRAMS),
        _lacking_set(CardField.WARNING_SIGNS, card.warning_signs, proposed_signs(proposal),
                     WARNING_SIGNS),
    ]
    in_words = tuple(h for h in proposal.hazards if h in HAZARDS_IN_WORDS)
    unnamed = tuple(h for h in in_words if not names_hazard(card.special_hazards, h))
    if unnamed:
        entries.append(FieldComparison(
            CardField.SPECIAL_HAZARDS, card.special_hazards, in_words, False,
            Phrase("room_card.reason.special_hazards", n=len(unnamed),
                   items=listed([Phrase(f"room_card.hazard.{h}") for h in unnamed])),
            True, unnamed))
    else:
        entries.append(FieldComparison(CardField.SPECIAL_HAZARDS, card.special_hazards,
                                       in_words, True))
    entries.append(_litres(CardField.FLAMMABLE_CAT1, 1, card.flammable_cat1_max_litres,
                           proposal.flammable_cat1_litres))
    entries.append(_litres(CardField.FLAMMABLE_CAT2, 2, card.flammable_cat2_max_litres,
                           proposal.flammable_cat2_litres))
    cylinders, most = proposal.gas_cylinders, card.gas_max_cylinders
    if cylinders == 0 or (most is not None and cylinders <= most):
        entries.append(FieldComparison(CardField.GAS_CYLINDERS, most, cylinders, True))
    elif most is None:
        entries.append(FieldComparison(
            CardField.GAS_CYLINDERS, most, cylinders, False,
            Phrase("room_card.reason.cylinders_no_max", n=cylinders)))
    else:
        entries.append(FieldComparison(
            CardField.GAS_CYLINDERS, most, cylinders, False,
            Phrase("room_card.reason.cylinders_over", n=cylinders, maximum=most)))
    return CardComparison(tuple(entries), proposal.unconverted)


class StoredCardFacts(Protocol):
    """What ``card_is_stale`` reads of a stored card (a ``RoomCard`` has it; the checks read
    ``CardFacts``, lighter)."""

    @property
    def pictograms(self) -> tuple[str, ...]: ...
    @property
    def warning_signs(self) -> tuple[str, ...]: ...
    @property
    def special_hazards(self) -> str: ...
    @property
    def flammable_cat1_max_litres(self) -> float | None: ...
    @property
    def flammable_cat2_max_litres(self) -> float | None: ...


class CardFacts(NamedTuple):
    """The fields of a stored card that can make it stale (the checks read 5,000 of them)."""

    pictograms: tuple[str, ...]
    warning_signs: tuple[str, ...]
    special_hazards: str
    flammable_cat1_max_litres: float | None
    flammable_cat2_max_litres: float | None


_PICTOGRAM_SET = frozenset(GHS_PICTOGRAMS)
_SIGN_SET = frozenset(WARNING_SIGNS)


def _over(used: float, maximum: float | None) -> bool:
    """The litres in use exceed the card's maximum (``_litres``'s disagreement)."""
    return not (used <= _EPSILON or (maximum is not None and used <= maximum + _EPSILON))


def card_is_stale(card: StoredCardFacts, proposal: ProposedCard) -> bool:
    """``compare_card(card, proposal).stale`` without building the comparison: the checks
    test every stored card of a university this way (4 in 5 agree) and build the comparison,
    with its reasons, only for the stale ones. A test holds the two to the same answer."""
    if proposal.pictograms:
        have = card.pictograms
        if any(p not in have and p in _PICTOGRAM_SET for p in proposal.pictograms):
            return True
    if proposal.radiation or proposal.laser or proposal.biohazard:
        signs = card.warning_signs
        if any(s not in signs and s in _SIGN_SET for s in proposed_signs(proposal)):
            return True
    if any(h in HAZARDS_IN_WORDS and not names_hazard(card.special_hazards, h)
           for h in proposal.hazards):
        return True
    return (_over(proposal.flammable_cat1_litres, card.flammable_cat1_max_litres)
            or _over(proposal.flammable_cat2_litres, card.flammable_cat2_max_litres))


def _whole_litres_up(used: float) -> float:
    """Litres rounded up to the next whole litre (12.0 stays 12, 12.2 becomes 13)."""
    return float(math.ceil(used - 1e-6))


def accept_field(card: RoomCard, proposal: ProposedCard, field_key: CardField | str,
                 words: Mapping[str, str] | None = None) -> RoomCard:
    """``card`` with ``field_key`` made to agree with ``proposal``, keeping what a person
    wrote (module docstring). A field that already agrees is left as it is. ``words``: the
    text to append for a hazard key in the special hazards (the current language's words,
    from the service); without it the key itself (e.g. "cmr") is written."""
    try:
        key = CardField(field_key)
    except ValueError:
        raise ValidationError("room_card.unknown_field", "field", field=str(field_key)) from None
    entry = compare_card(card, proposal)[key]
    if entry.agrees:
        return card
    if key is CardField.PICTOGRAMS:
        have = {*card.pictograms, *proposal.pictograms}
        return replace(card, pictograms=tuple(p for p in GHS_PICTOGRAMS if p in have))
    if key is CardField.WARNING_SIGNS:
        return replace(card, warning_signs=ordered_signs(
            {*card.warning_signs, *proposed_signs(proposal)}))
    if key is CardField.SPECIAL_HAZARDS:
        added = [(words or {}).get(h) or h.upper() for h in entry.lacking]
        text = card.special_hazards.strip().rstrip(",;. ")
        return replace(card, special_hazards=", ".join([t for t in (text, *added) if t]))
    if key is CardField.FLAMMABLE_CAT1:
        return replace(card, flammable_cat1_max_litres=_whole_litres_up(
            proposal.flammable_cat1_litres))
    if key is CardField.FLAMMABLE_CAT2:
        return replace(card, flammable_cat2_max_litres=_whole_litres_up(
            proposal.flammable_cat2_litres))
    return replace(card, gas_max_cylinders=proposal.gas_cylinders)
