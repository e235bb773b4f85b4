"""Storage segregation: incompatible products in one storage place.

Pairs flagged: acid beside base, oxidiser beside flammable, water-reactive beside aqueous.
The classes come from the H codes where the codes say it, and from the product name where
they cannot (CLP has no "acid" or "base" class). The name heuristics are conservative: a
product is only called an acid or a base when it is also corrosive (H290, H314 or H318), so
citric acid or vitamin tablets never raise a flag; a name that reads as both (an amino acid,
EDTA) is neither. Holdings are compared two by two, never with themselves.

- oxidiser: H270, H271, H272
- flammable: H220-H228 (gases, aerosols, liquids, solids) and H242 (self-reactive
  substances and organic peroxides types C-F)
- water-reactive: H260, H261, EUH014 ("reacts violently with water")
- acid: corrosive, and the name says "syre", "acid"/"acide", "säure" or "kongevann"/"aqua
  regia" (saltsyre, svovelsyre, acetic acid, acide nitrique …)
- base: corrosive, and the name says "hydroxide"/"hydroksid", "ammonia"/"ammoniakk",
  "amine"/"amin" (ethylamine, trietylamin, ethanolamine), "lut" (natronlut, kalilut) or
  "hypochlorite"/"hypokloritt"
- aqueous: the name says "løsning"/"oppløsning", "solution", "aq"/"(aq)", "vandig",
  "aqueous", "lösung", "in water"/"i vann", or is water itself ("vann", "water"); not when
  it also says "anhydrous"/"vannfri"/"water-free", names a non-water solvent ("in hexane",
  "i metanol", "in THF" …), or is itself water-reactive (n-butyllithium *solution*).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations
from typing import NamedTuple, Protocol

from vernetool.domain.chemicals.statements import base_code, parts


class HazardClass(StrEnum):
    ACID = "acid"
    BASE = "base"
    OXIDISER = "oxidiser"
    FLAMMABLE = "flammable"
    WATER_REACTIVE = "water_reactive"
    AQUEOUS = "aqueous"


INCOMPATIBLE: tuple[tuple[HazardClass, HazardClass], ...] = (
    (HazardClass.ACID, HazardClass.BASE),
    (HazardClass.OXIDISER, HazardClass.FLAMMABLE),
    (HazardClass.WATER_REACTIVE, HazardClass.AQUEOUS),
)

_OXIDISER = frozenset({"H270", "H271", "H272"})
_FLAMMABLE = frozenset({"H220", "H221", "H222", "H223", "H224", "H225", "H226", "H228",
                        "H242"})
_WATER_REACTIVE = frozenset({"H260", "H261", "EUH014"})
_CORROSIVE = frozenset({"H290", "H314", "H318"})

_ACID = re.compile(r"syre|acid|säure|kongevann|aqua regia")
_BASE = re.compile(r"hydroxid|hydroksid|ammonia|ammoniakk|amin|\b(?:natron|kali)?lut\b"
                   r"|hypochlorit|hypokloritt")
_AQUEOUS = re.compile(r"løsning|solution|\baq\b|\(aq\)|vandig|aqueous|lösung|in water"
                      r"|i vann|\bvann\b|\bwater\b|\bh2o\b")
_NOT_AQUEOUS = re.compile(
    r"anhydrous|vannfri|water-?free|wasserfrei|\b(?:in|i)\s+(?:n-)?(?:hexanes?|heksan|heptane?"
    r"|pentane?|cyclohexane?|sykloheksan|toluene?|xylenes?|thf|tetrahydrofuran|diethyl ether"
    r"|dietyleter|ether|eter|methanol|metanol|ethanol|etanol|isopropanol|dioxane?|dmso|dmf"
    r"|dichloromethane|diklormetan|acetonitrile?|acetone?|aceton|mineral oil|oil|olje"
    r"|paraffin)")


def hazard_classes(name: str, codes: Iterable[str]) -> frozenset[HazardClass]:
    """The segregation classes of a product (see the module docstring)."""
    bases = {base_code(part) for code in codes for part in parts(code)}
    words = " ".join(name.split()).casefold()
    found: set[HazardClass] = set()
    if bases & _OXIDISER:
        found.add(HazardClass.OXIDISER)
    if bases & _FLAMMABLE:
        found.add(HazardClass.FLAMMABLE)
    if bases & _WATER_REACTIVE:
        found.add(HazardClass.WATER_REACTIVE)
    if bases & _CORROSIVE:
        acid, base = bool(_ACID.search(words)), bool(_BASE.search(words))
        if acid != base:
            found.add(HazardClass.ACID if acid else HazardClass.BASE)
    if (HazardClass.WATER_REACTIVE not in found and _AQUEOUS.search(words)
            and not _NOT_AQUEOUS.search(words)):
        found.add(HazardClass.AQUEOUS)
    return frozenset(found)


class StoredItem(Protocol):
    """What segregation needs of a holding (``model.Holding`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def product_name(self) -> str: ...
    @property
    def hazard_codes(self) -> Sequence[str]: ...


class StoredProduct(NamedTuple):
    """A holding as (id, product name, codes), for callers without ``model.Holding``."""

    id: int
    product_name: str
    hazard_codes: Sequence[str]


@dataclass(frozen=True)
class SegregationConflict:
    """Two holdings of one storage place that should not stand together, and why."""

    holding_id: int
    product: str
    hazard: HazardClass
    other_holding_id: int
    other_product: str
    other_hazard: HazardClass


def conflicts(items: Iterable[StoredItem | tuple[int, str, Sequence[str]]]
              ) -> list[SegregationConflict]:
    """Every incompatible pair among the holdings of one storage place, by holding id."""
    classified = []
    for item in items:
        if isinstance(item, tuple):
            item = StoredProduct(*item)
        classified.append((item, hazard_classes(item.product_name, item.hazard_codes)))
    classified.sort(key=lambda pair: pair[0].id)
    found: list[SegregationConflict] = []
    for (one, one_classes), (other, other_classes) in combinations(classified, 2):
        for first, second in INCOMPATIBLE:
            for mine, theirs in ((first, second), (second, first)):
                if mine in one_classes and theirs in other_classes:
                    found.append(SegregationConflict(one.id, one.product_name, mine,
                                                     other.id, other.product_name, theirs))
    return found


@dataclass(frozen=True)
class ConflictGroup:
    """One kind of problem in one storage place: the products of ``first`` that stand with a
    product of ``second`` (a pair of ``INCOMPATIBLE``, in its order), by name."""

    first: HazardClass
    second: HazardClass
    first_products: tuple[str, ...]     # names, sorted, each once
    second_products: tuple[str, ...]
    holding_ids: frozenset[int]         # every holding of either side


class PlacedItem(StoredItem, Protocol):
    """A holding with its storage place (``model.Holding`` has it)."""

    @property
    def place(self) -> str: ...


_CLASSES: dict[tuple[str, tuple[str, ...]], frozenset[HazardClass]] = {}


def _classes_of(name: str, codes: Sequence[str]) -> frozenset[HazardClass]:
    """``hazard_classes``, remembered: a register repeats its products in many places."""
    key = (name, tuple(codes))
    found = _CLASSES.get(key)
    if found is None:
        if len(_CLASSES) > 20_000:
            _CLASSES.clear()
        found = _CLASSES[key] = hazard_classes(name, codes)
    return found


def grouped_conflicts(items: Iterable[StoredItem | tuple[int, str, Sequence[str]]]
                      ) -> list[ConflictGroup]:
    """The problems of one storage place, one group per incompatible pair of classes (the
    same pairs as ``conflicts``, in time linear in the holdings)."""
    classified: list[tuple[int, str, frozenset[HazardClass]]] = []
    for item in items:
        if isinstance(item, tuple):
            item = StoredProduct(*item)
        classified.append((item.id, item.product_name,
                           _classes_of(item.product_name, item.hazard_codes)))
    groups: list[ConflictGroup] = []
    for first, second, mine, theirs in _pairs(classified):
        groups.append(ConflictGroup(
            first, second, _names(n for _, n, _c in mine), _names(n for _, n, _c in theirs),
            frozenset(i for i, _, _c in mine) | frozenset(i for i, _, _c in theirs)))
    return groups


_Classified = tuple[int, str, frozenset[HazardClass]]


def _pairs(classified: Sequence[_Classified]
           ) -> Iterator[tuple[HazardClass, HazardClass, list[_Classified], list[_Classified]]]:
    """Each incompatible pair present in one place, with the holdings of either side that
    stand with another holding of the other side (never with themselves)."""
    for first, second in INCOMPATIBLE:
        firsts = [x for x in classified if first in x[2]]
        seconds = [x for x in classified if second in x[2]]
        if not firsts or not seconds:
            continue
        first_ids = {x[0] for x in firsts}
        second_ids = {x[0] for x in seconds}
        mine = [x for x in firsts if len(second_ids - {x[0]}) > 0]
        theirs = [x for x in seconds if len(first_ids - {x[0]}) > 0]
        if mine and theirs:
            yield first, second, mine, theirs


def conflicting_classified(places: Iterable[Sequence[tuple[int, frozenset[HazardClass]]]]
                           ) -> frozenset[int]:
    """``conflicting_ids`` over holdings classified already: (holding id, its classes) per
    storage place (a register's products are classified once, not once per holding)."""
    found: set[int] = set()
    for place in places:
        if len(place) < 2:
            continue
        classified = [(i, "", classes) for i, classes in place]
        for _first, _second, mine, theirs in _pairs(classified):
            found.update(x[0] for x in mine)
            found.update(x[0] for x in theirs)
    return frozenset(found)


def _names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=lambda n: (n.casefold(), n)))


def conflicts_by_place(items: Iterable[PlacedItem]) -> dict[str, list[ConflictGroup]]:
    """``grouped_conflicts`` of each storage place the holdings are in (places without a
    problem left out), in the places' order."""
    places: dict[str, list[PlacedItem]] = {}
    for item in items:
        places.setdefault(item.place, []).append(item)
    found = {place: grouped_conflicts(group) for place, group in sorted(places.items())}
    return {place: groups for place, groups in found.items() if groups}


def conflicting_ids(places: Iterable[Iterable[StoredItem | tuple[int, str, Sequence[str]]]]
                    ) -> frozenset[int]:
    """The holdings that stand with an incompatible one, over many storage places (each an
    iterable of its holdings)."""
    found: set[int] = set()
    for place in places:
        for group in grouped_conflicts(place):
            found |= group.holding_ids
    return frozenset(found)
