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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from vernetool.domain.chemicals.pictograms import pictograms_for
from vernetool.domain.chemicals.quantities import flammable_litres
from vernetool.domain.chemicals.statements import base_code, is_hazard, parts

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


def _bases(codes: Iterable[str]) -> set[str]:
    return {base_code(part) for code in codes if is_hazard(code) for part in parts(code)}


def propose_card(holdings: Iterable[ProposalHolding], sources: Iterable[ProposalSource],
                 agent_groups: Iterable[int]) -> ProposedCard:
    """The card the registers propose for one room (see the module docstring)."""
    in_use = [h for h in holdings if str(h.status) == "in_use"]
    pictograms: set[str] = set()
    hazards: set[str] = set()
    gas_cylinders = 0
    for holding in in_use:
        found = pictograms_for(holding.hazard_codes)
        pictograms.update(found)
        hazards.update(_PICTOGRAM_HAZARD[p] for p in found if p in _PICTOGRAM_HAZARD)
        bases = _bases(holding.hazard_codes)
        if bases & _CMR:
            hazards.add("cmr")
        if bases & _ACUTE_TOXIC:
            hazards.add("toxic")
        if bases & _GAS:
            gas_cylinders += holding.containers if holding.containers is not None else 1
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
    litres = flammable_litres(in_use)
    return ProposedCard(
        pictograms=tuple(sorted(pictograms)), radiation=radiation, laser=laser,
        biohazard=biohazard, flammable_cat1_litres=litres.cat1,
        flammable_cat2_litres=litres.cat2, unconverted=litres.unconverted,
        gas_cylinders=gas_cylinders,
        hazards=tuple(h for h in HAZARD_ORDER if h in hazards))
