"""What the registers hold in one room, as the HSE round's walk sees it: the facts its checklist
conditions name (``register_facts``) and the figures shown beside the items that ask about them
(``register_figures``). Pure rules over plain values; the reads are in ``db.rounds.registers``.

Facts (the names of ``domain.checklists``):

- ``chemicals``: a holding in use in the room;
- ``cmr``: a product in use that triggers the exposure register (its flag, or its H codes:
  ``domain.chemicals.exposure.triggers_exposure_register``);
- ``gas``: a product in use with H280 or H281 (a gas under pressure);
- ``flammable``: a product in use with H224 or H225, or the GHS02 pictogram;
- ``toxic``: a product in use with the GHS06 pictogram;
- ``pictogram:GHSxx``: the pictograms of the products in use (stored with the product, and
  those its H codes call for);
- ``radiation``: a source not disposed of that is ionising (not a laser, IPL or MRI);
- ``laser``: a laser of class 3B or 4;
- ``biological``: an agent registered in the room (a use not ended).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vernetool.domain.chemicals.exposure import triggers_exposure_register
from vernetool.domain.chemicals.pictograms import pictograms_for
from vernetool.domain.chemicals.quantities import flammable_category, flammable_litres
from vernetool.domain.chemicals.statements import base_code, is_hazard, parts
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import RoomCard

_GAS = frozenset({"H280", "H281"})
_NOT_IONISING = frozenset({"laser", "ipl", "mri"})
_LASER_CLASSES = frozenset({"3B", "4"})

# The facts registers establish, in the order figures are shown beside an item.
FIGURE_FACTS = ("flammable", "gas", "cmr", "toxic", "chemicals", "radiation", "laser",
                "biological")


@dataclass(frozen=True)
class RegisterHolding:
    """A holding in use in the room, with what its product says."""

    id: int
    product: str
    place: str = ""
    quantity: float | None = None
    unit: str = ""
    containers: int | None = None
    hazard_codes: tuple[str, ...] = ()
    pictograms: tuple[str, ...] = ()
    exposure_register: bool = False
    status: str = "in_use"
    supplier: str = ""

    @property
    def all_pictograms(self) -> frozenset[str]:
        return frozenset(self.pictograms) | frozenset(pictograms_for(self.hazard_codes))

    @property
    def cmr(self) -> bool:
        return self.exposure_register or triggers_exposure_register(
            c for c in self.hazard_codes if is_hazard(c))

    @property
    def gas(self) -> bool:
        return bool({base_code(p) for c in self.hazard_codes if is_hazard(c)
                     for p in parts(c)} & _GAS)


@dataclass(frozen=True)
class RegisterSource:
    """A radiation source in the room that is not disposed of."""

    id: int
    kind: str
    name: str = ""
    serial_number: str = ""
    nuclide: str = ""
    laser_class: str = ""
    activity_bq: float | None = None
    reference_date: dt.date | None = None
    leak_test_next_due: dt.date | None = None

    @property
    def ionising(self) -> bool:
        return self.kind not in _NOT_IONISING

    @property
    def card_laser(self) -> bool:
        return self.kind == "laser" and self.laser_class in _LASER_CLASSES

    def activity_on(self, day: dt.date) -> float | None:
        """The activity decayed to ``day`` (None without activity, date or known nuclide)."""
        if self.activity_bq is None or self.reference_date is None or not self.nuclide:
            return None
        from vernetool.domain.radiation.activity import activity_at

        try:
            return activity_at(self.activity_bq, self.nuclide, self.reference_date, day)
        except (ValidationError, KeyError, ValueError):
            return None


@dataclass(frozen=True)
class RegisterAgent:
    """A biological agent used in the room (``id`` is the room's use of it)."""

    id: int
    name: str
    risk_group: int
    containment_level: int | None = None


@dataclass(frozen=True)
class RoomRegisters:
    holdings: tuple[RegisterHolding, ...] = ()
    sources: tuple[RegisterSource, ...] = ()
    agents: tuple[RegisterAgent, ...] = ()

    def is_empty(self) -> bool:
        return not (self.holdings or self.sources or self.agents)


def register_facts(registers: RoomRegisters) -> frozenset[str]:
    """The checklist facts the room's registers establish (see the module docstring)."""
    facts: set[str] = set()
    in_use = [h for h in registers.holdings if h.status == "in_use"]
    if in_use:
        facts.add("chemicals")
    for holding in in_use:
        pictograms = holding.all_pictograms
        facts.update(f"pictogram:{p}" for p in pictograms)
        if holding.cmr:
            facts.add("cmr")
        if holding.gas:
            facts.add("gas")
        if "GHS02" in pictograms or flammable_category(holding.hazard_codes) is not None:
            facts.add("flammable")
        if "GHS06" in pictograms:
            facts.add("toxic")
    for source in registers.sources:
        if source.ionising:
            facts.add("radiation")
        if source.card_laser:
            facts.add("laser")
    if registers.agents:
        facts.add("biological")
    return frozenset(facts)


@dataclass(frozen=True)
class SourceFigure:
    id: int
    kind: str
    name: str
    serial_number: str
    nuclide: str
    laser_class: str
    activity_now_bq: float | None
    leak_test_next_due: dt.date | None
    leak_test_overdue: bool


@dataclass(frozen=True)
class RegisterFigures:
    """The room's register figures the walk shows beside an item (numbers, no words)."""

    flammable_cat1_litres: float = 0.0
    flammable_cat2_litres: float = 0.0
    flammable_unconverted: int = 0
    gas_cylinders: int = 0
    gas_products: tuple[str, ...] = ()
    cmr_products: tuple[str, ...] = ()
    toxic_products: tuple[str, ...] = ()
    products: int = 0
    holdings: int = 0
    sources: tuple[SourceFigure, ...] = ()      # ionising sources
    lasers: tuple[SourceFigure, ...] = ()       # lasers of any class
    agents: tuple[tuple[str, int], ...] = ()    # (name, risk group), highest group first


def _names(holdings: list[RegisterHolding]) -> tuple[str, ...]:
    return tuple(sorted({h.product for h in holdings}, key=str.casefold))


def register_figures(registers: RoomRegisters, as_of: dt.date) -> RegisterFigures:
    """What the room's registers say in numbers, on ``as_of`` (activity decayed to it)."""
    in_use = [h for h in registers.holdings if h.status == "in_use"]
    litres = flammable_litres(in_use)
    gas = [h for h in in_use if h.gas]
    figures = []
    for source in registers.sources:
        due = source.leak_test_next_due
        figures.append(SourceFigure(
            source.id, source.kind, source.name, source.serial_number, source.nuclide,
            source.laser_class, source.activity_on(as_of), due,
            due is not None and due < as_of))
    return RegisterFigures(
        flammable_cat1_litres=litres.cat1, flammable_cat2_litres=litres.cat2,
        flammable_unconverted=len(litres.unconverted),
        gas_cylinders=sum(h.containers if h.containers is not None else 1 for h in gas),
        gas_products=_names(gas),
        cmr_products=_names([h for h in in_use if h.cmr]),
        toxic_products=_names([h for h in in_use if "GHS06" in h.all_pictograms]),
        products=len({h.product for h in in_use}), holdings=len(in_use),
        sources=tuple(f for f, s in zip(figures, registers.sources, strict=True)
                      if s.ionising),
        lasers=tuple(f for f, s in zip(figures, registers.sources, strict=True)
                     if s.kind == "laser"),
        agents=tuple(sorted(((a.name, a.risk_group) for a in registers.agents),
                            key=lambda a: (-a[1], a[0].casefold()))))


def over_the_card(figures: RegisterFigures, card: RoomCard) -> frozenset[str]:
    """What the registers hold beyond the room card's limits: ``flammable_cat1``,
    ``flammable_cat2`` (litres), ``gas`` (cylinders); a limit the card leaves empty is none."""
    over = set()
    for name, held, limit in (
            ("flammable_cat1", figures.flammable_cat1_litres, card.flammable_cat1_max_litres),
            ("flammable_cat2", figures.flammable_cat2_litres, card.flammable_cat2_max_litres),
            ("gas", figures.gas_cylinders, card.gas_max_cylinders)):
        if limit is not None and held > limit + 1e-9:
            over.add(name)
    return frozenset(over)


def figure_facts(condition: str, shown: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The register facts an item asks about: those its condition names (not negated) and
    those it names to show, in ``FIGURE_FACTS`` order."""
    named = {t.strip() for t in condition.split("|") if t.strip() and not
             t.strip().startswith("!")} | set(shown)
    return tuple(f for f in FIGURE_FACTS if f in named)


# -- the register entries a finding can point at -------------------------------------------
REGISTER_KINDS = ("holding", "source", "agent")


def source_label(source: RegisterSource) -> str:
    """"Cs-137 Kilde A (1234)", "Verdi V10 4 (SN)": what the source is, then its serial."""
    main = " ".join(p for p in (source.nuclide, source.name) if p) or source.kind
    if source.kind == "laser" and source.laser_class:
        main = f"{main} {source.laser_class}"
    return f"{main} ({source.serial_number})" if source.serial_number else main


def holding_label(holding: RegisterHolding, with_supplier: bool = False) -> str:
    """"Acetone (Lab cupboard 2)"; with the supplier when two products share a name."""
    name = f"{holding.product}, {holding.supplier}" if with_supplier and holding.supplier \
        else holding.product
    return f"{name} ({holding.place})" if holding.place else name


def _holding_rank(holding: RegisterHolding, facts: tuple[str, ...]) -> int:
    """0 for a holding the item asks about (a gas cylinder for a gas item …), else 1."""
    asked = {"gas": holding.gas, "cmr": holding.cmr,
             "toxic": "GHS06" in holding.all_pictograms,
             "flammable": "GHS02" in holding.all_pictograms
             or flammable_category(holding.hazard_codes) is not None}
    return 0 if any(asked.get(f, False) for f in facts) else 1


def register_entries(registers: RoomRegisters, condition: str = ""
                     ) -> list[tuple[str, int, str]]:
    """(kind, id, label) of the room's register entries a finding can concern, those the
    item's condition asks about first: sources for a radiation or laser item, agents for a
    biological one, the gas cylinders for a gas item (then the other holdings …)."""
    facts = figure_facts(condition)
    names: dict[str, int] = {}
    for h in registers.holdings:
        names[h.product.casefold()] = names.get(h.product.casefold(), 0) + 1
    holdings = sorted(registers.holdings, key=lambda h: _holding_rank(h, facts))
    groups = {
        "holding": [("holding", h.id, holding_label(h, names[h.product.casefold()] > 1))
                    for h in holdings],
        "source": [("source", s.id, source_label(s)) for s in sorted(
            registers.sources, key=lambda s: (("laser" in facts) != (s.kind == "laser")))],
        "agent": [("agent", a.id, a.name) for a in registers.agents]}
    first = ("source" if {"radiation", "laser"} & set(facts)
             else "agent" if "biological" in facts else "holding")
    order = [first, *(k for k in REGISTER_KINDS if k != first)]
    return [entry for kind in order for entry in groups[kind]]
