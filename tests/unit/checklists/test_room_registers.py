"""The facts and figures a room's registers give the walk (domain.room_registers)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.domain.checklists import KNOWN_FACTS, RECORDED_FACTS, room_facts
from vernetool.domain.organisation import RoomCard
from vernetool.domain.room_registers import (
    FIGURE_FACTS,
    RegisterAgent,
    RegisterHolding,
    RegisterSource,
    RoomRegisters,
    figure_facts,
    register_facts,
    register_figures,
)

DAY = dt.date(2026, 3, 1)


def holding(n: int, product: str, codes: str, quantity: float | None = 1.0, unit: str = "L",
            containers: int | None = 1, **more: object) -> RegisterHolding:
    return RegisterHolding(n, product, "Skap", quantity, unit, containers,
                           tuple(codes.split()), **more)  # type: ignore[arg-type]


def test_an_empty_room_has_no_register_facts() -> None:
    assert register_facts(RoomRegisters()) == frozenset()
    assert room_facts(RoomCard(), registers=RoomRegisters()) == frozenset()


def test_chemical_facts() -> None:
    facts = register_facts(RoomRegisters(holdings=(
        holding(1, "Argon", "H280"), holding(2, "Benzen", "H225 H340 H350"),
        holding(3, "Natriumazid", "H300 H410"))))
    assert {"chemicals", "gas", "cmr", "flammable", "toxic", "pictogram:GHS04",
            "pictogram:GHS02", "pictogram:GHS08", "pictogram:GHS06"} <= facts
    assert not facts & {"radiation", "laser", "biological"}


def test_the_exposure_register_flag_alone_makes_cmr() -> None:
    flagged = holding(1, "Noe", "H319", exposure_register=True)
    assert "cmr" in register_facts(RoomRegisters(holdings=(flagged,)))
    assert "cmr" not in register_facts(RoomRegisters(holdings=(holding(1, "Aceton",
                                                                       "H225 H319"),)))


def test_a_disposed_holding_says_nothing() -> None:
    gone = holding(1, "Argon", "H280", status="disposed")
    assert register_facts(RoomRegisters(holdings=(gone,))) == frozenset()


@pytest.mark.parametrize(("kind", "laser_class", "facts"), [
    ("sealed_source", "", {"radiation"}), ("xray", "", {"radiation"}),
    ("open_source", "", {"radiation"}), ("laser", "4", {"laser"}), ("laser", "3B", {"laser"}),
    ("laser", "3R", set()), ("ipl", "", set()), ("mri", "", set())])
def test_source_facts(kind: str, laser_class: str, facts: set[str]) -> None:
    source = RegisterSource(1, kind, laser_class=laser_class)
    assert register_facts(RoomRegisters(sources=(source,))) == facts


def test_an_agent_of_any_group_is_biological() -> None:
    assert register_facts(RoomRegisters(agents=(RegisterAgent(1, "E. coli K-12", 1),))) == {
        "biological"}


def test_register_facts_are_known_to_conditions_and_offered() -> None:
    registers = RoomRegisters(
        holdings=tuple(holding(n, f"P{n}", c) for n, c in enumerate(
            ("H280", "H224", "H300", "H350", "H314", "H271", "H200", "H410", "H317"))),
        sources=(RegisterSource(1, "sealed_source"), RegisterSource(2, "laser",
                                                                     laser_class="4")),
        agents=(RegisterAgent(1, "X", 2),))
    facts = register_facts(registers)
    assert facts <= KNOWN_FACTS and facts <= set(RECORDED_FACTS)
    assert set(FIGURE_FACTS) <= facts


def test_figures_match_the_holdings() -> None:
    registers = RoomRegisters(holdings=(
        holding(1, "Dietyleter", "H224 H302", 500, "mL"),
        holding(2, "Metanol", "H225 H301", 2.5, "L"),
        holding(3, "Metanol", "H225 H301", 3, "kg"),
        holding(4, "Argon", "H280", 50, "L", 2),
        holding(5, "Nitrogen", "H280", 50, "L", None),
        holding(6, "Benzen", "H225 H340 H350", 250, "mL")),
        sources=(RegisterSource(7, "sealed_source", "Kilde A", "1234", "Cs-137",
                                activity_bq=370e3, reference_date=dt.date(2016, 1, 1),
                                leak_test_next_due=dt.date(2026, 1, 1)),
                 RegisterSource(8, "laser", "Verdi", laser_class="4")),
        agents=(RegisterAgent(9, "E. coli K-12", 1), RegisterAgent(10, "Salmonella", 2)))
    figures = register_figures(registers, DAY)
    assert figures.flammable_cat1_litres == pytest.approx(0.5)
    assert figures.flammable_cat2_litres == pytest.approx(2.75)
    assert figures.flammable_unconverted == 1
    assert figures.gas_cylinders == 3           # 2 + one without a count
    assert figures.gas_products == ("Argon", "Nitrogen")
    assert figures.cmr_products == ("Benzen",)
    assert figures.toxic_products == ("Metanol",)     # H301: GHS06; H302 only GHS07
    assert (figures.products, figures.holdings) == (5, 6)
    [source] = figures.sources
    assert source.nuclide == "Cs-137" and source.leak_test_overdue
    assert source.activity_now_bq == pytest.approx(370e3 * 2 ** (-(DAY - dt.date(2016, 1, 1))
                                                                 .days / 11_000), rel=0.01)
    assert [s.laser_class for s in figures.lasers] == ["4"]
    assert figures.agents == (("Salmonella", 2), ("E. coli K-12", 1))


def test_figure_facts_come_from_the_condition() -> None:
    assert figure_facts("flammable") == ("flammable",)
    assert figure_facts("toxic|pictogram:GHS06") == ("toxic",)
    assert figure_facts("gas|gas_alarm") == ("gas",)
    assert figure_facts("!radiation|laser") == ("laser",)
    assert figure_facts("") == ()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["H280", "H225", "H224", "H350", "H300", "H319"]),
                          st.floats(0, 100), st.integers(0, 5)), max_size=8))
def test_gas_fact_and_cylinder_figure_agree(rows: list[tuple[str, float, int]]) -> None:
    registers = RoomRegisters(holdings=tuple(
        holding(n, f"P{n}", code, quantity, "L", containers)
        for n, (code, quantity, containers) in enumerate(rows)))
    figures = register_figures(registers, DAY)
    gas = [r for r in rows if r[0] == "H280"]
    assert ("gas" in register_facts(registers)) == bool(gas)
    assert figures.gas_cylinders == sum(r[2] for r in gas)


def test_over_the_card() -> None:
    from vernetool.domain.room_registers import RegisterFigures, over_the_card

    figures = RegisterFigures(flammable_cat1_litres=0.5, flammable_cat2_litres=25.0,
                              gas_cylinders=3)
    assert over_the_card(figures, RoomCard()) == frozenset()        # no limits stated
    card = RoomCard(flammable_cat1_max_litres=0.5, flammable_cat2_max_litres=20.0,
                    gas_max_cylinders=2)
    assert over_the_card(figures, card) == {"flammable_cat2", "gas"}


def test_register_entries_put_what_the_item_asks_about_first() -> None:
    from vernetool.domain.room_registers import register_entries

    registers = RoomRegisters(
        holdings=(RegisterHolding(1, "Aceton", "Skap 2", hazard_codes=("H225",)),
                  RegisterHolding(2, "Argon", "Stativ", hazard_codes=("H280",)),
                  RegisterHolding(3, "Argon", "Stativ 2", hazard_codes=("H280",),
                                  supplier="Linde"),
                  RegisterHolding(4, "Argon", "Stativ 3", hazard_codes=("H280",),
                                  supplier="AGA")),
        sources=(RegisterSource(5, "laser", "Verdi", laser_class="4"),
                 RegisterSource(6, "sealed_source", "Kilde A", "1234", "Cs-137")),
        agents=(RegisterAgent(7, "E. coli K-12", 1),))
    plain = register_entries(registers)
    assert [k for k, _i, _l in plain] == ["holding"] * 4 + ["source"] * 2 + ["agent"]
    assert plain[0] == ("holding", 1, "Aceton (Skap 2)")
    assert ("holding", 3, "Argon, Linde (Stativ 2)") in plain   # namesakes: the supplier
    assert [i for _k, i, _l in register_entries(registers, "gas")][:3] == [2, 3, 4]
    assert register_entries(registers, "radiation")[:2] == [
        ("source", 6, "Cs-137 Kilde A (1234)"), ("source", 5, "Verdi 4")]
    assert register_entries(registers, "laser")[0] == ("source", 5, "Verdi 4")
    assert register_entries(registers, "biological")[0] == ("agent", 7, "E. coli K-12")
