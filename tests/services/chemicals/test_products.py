"""ChemicalsService: products (rules, natural key, derived values) and holdings (history,
audit, disposal), rooms and storage places."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.chemicals.model import (
    Component,
    HoldingInput,
    HoldingStatus,
    ProductInput,
    SignalWord,
)
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError

from .conftest import ACETONE, BENZENE, METHANOL, TOLUENE, Labs


def test_a_product_round_trips_with_derived_pictograms_and_flag(
        services: Services, ctx: AppContext, changes: list[Change]) -> None:
    saved = services.chemicals.save_product(METHANOL)
    again = services.chemicals.product(saved.id)
    assert again == saved
    assert (saved.name, saved.supplier, saved.cas) == ("Methanol", "Sigma-Aldrich",
                                                       ("67-56-1",))
    assert saved.hazard_codes == ("H225", "H301+H311+H331", "H370")
    assert saved.precautionary_codes == ("P210", "P280")
    assert saved.pictograms == ("GHS02", "GHS06", "GHS08")
    assert saved.signal_word is SignalWord.DANGER
    assert saved.exposure_register is False
    assert services.chemicals.save_product(BENZENE).exposure_register is True
    assert services.chemicals.save_product(TOLUENE).exposure_register is False
    assert [c.topic for c in changes] == [Topic.CHEMICALS] * 3
    [entry] = audit.history(ctx.conn, "chemical_product", saved.id)
    assert (entry.action, entry.actor, entry.details["cas"]) == ("create", ctx.actor,
                                                                 ["67-56-1"])


def test_signal_word_is_derived_when_missing_and_checked_when_given(
        services: Services) -> None:
    assert services.chemicals.save_product(ACETONE).signal_word is SignalWord.DANGER
    weak = ProductInput("Metanol", "X", statements=("H225 H301",),
                        signal_word=SignalWord.WARNING)
    with pytest.raises(ValidationError) as caught:
        services.chemicals.save_product(weak)
    assert caught.value.code == "chemical.signal_word"


@pytest.mark.parametrize(("product", "code", "field"), [
    (ProductInput("  "), "chemical.name_required", "name"),
    (ProductInput("X", components=(Component("67-56-2"),)), "cas.check_digit", "cas"),
    (ProductInput("X", statements=("H225 H999",)), "hazard.unknown", "hazard_statements"),
])
def test_invalid_products_are_refused_with_a_code(services: Services, product: ProductInput,
                                                  code: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.chemicals.save_product(product)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert services.chemicals.products() == []


def test_natural_key_is_name_and_supplier_case_insensitive(services: Services) -> None:
    first = services.chemicals.save_product(METHANOL)
    with pytest.raises(ValidationError) as caught:
        services.chemicals.save_product(ProductInput("METHANOL", "sigma-aldrich"))
    assert caught.value.code == "chemical.exists"
    other = services.chemicals.save_product(ProductInput("Methanol", "VWR"))
    with pytest.raises(ValidationError):
        services.chemicals.save_product(ProductInput("methanol", "VWR"), first.id)
    assert {p.id for p in services.chemicals.products("methanol")} == {first.id, other.id}
    assert services.chemicals.find_product("methanol", "SIGMA-ALDRICH") == first


def test_products_search_by_cas_and_code(services: Services) -> None:
    services.chemicals.save_product(METHANOL)
    benzene = services.chemicals.save_product(BENZENE)
    assert [p.name for p in services.chemicals.products("71-43-2")] == ["Benzen"]
    assert [p.name for p in services.chemicals.products("h350")] == ["Benzen"]
    assert [p.name for p in services.chemicals.products("", cmr_only=True)] == ["Benzen"]
    texts = dict(services.chemicals.statement_texts(benzene.hazard_codes))
    assert "cancer" in texts["H350"].lower()


def test_holdings_keep_history_and_audit_and_are_disposed_not_deleted(
        services: Services, ctx: AppContext, labs: Labs, changes: list[Change]) -> None:
    product = services.chemicals.save_product(METHANOL)
    held = services.chemicals.add_holding(HoldingInput(product.id, labs.synthesis,
                                                       " Brannskap  1 ", 2.5, "liter", 3))
    assert (held.place, held.quantity, held.unit, held.containers, held.room_label) == (
        "Brannskap 1", 2.5, "L", 3, "REALF:D2-108")
    assert (held.product_name, held.pictograms, held.hazard_codes[0]) == (
        "Methanol", ("GHS02", "GHS06", "GHS08"), "H225")
    with pytest.raises(ValidationError) as clash:
        services.chemicals.add_holding(HoldingInput(product.id, labs.synthesis, "brannskap 1"))
    assert clash.value.code == "holding.exists"

    moved = services.chemicals.update_holding(
        held.id, HoldingInput(product.id, labs.synthesis, "Brannskap 2", 1.0, "L", 1))
    assert (moved.place, moved.quantity) == ("Brannskap 2", 1.0)
    disposed = services.chemicals.dispose_holding(held.id, dt.date(2026, 11, 30))
    assert (disposed.status, disposed.disposed_on) == (HoldingStatus.DISPOSED,
                                                       dt.date(2026, 11, 30))
    with pytest.raises(ValidationError) as twice:
        services.chemicals.dispose_holding(held.id)
    assert twice.value.code == "holding.already_disposed"

    history = services.chemicals.holding_history(held.id)
    assert [(s.place, s.quantity, s.status) for s in history] == [
        ("Brannskap 1", 2.5, HoldingStatus.IN_USE), ("Brannskap 2", 1.0, HoldingStatus.IN_USE)]
    assert history[0].room_label == "REALF:D2-108"
    actions = [e.action for e in audit.history(ctx.conn, "chemical_holding", held.id)]
    assert actions == ["create", "update", "dispose"]
    assert services.chemicals.room_chemicals(labs.synthesis) == []
    assert [h.id for h in services.chemicals.room_chemicals(labs.synthesis, True)] == [held.id]
    assert services.chemicals.holdings_of_product(product.id) == [disposed]
    assert Change(Topic.HOLDINGS, (held.id,)) in changes
    # an update with the same values changes nothing, keeps no history
    services.chemicals.update_holding(held.id, HoldingInput(
        product.id, labs.synthesis, "Brannskap 2", 1.0, "L", 1, HoldingStatus.DISPOSED,
        dt.date(2026, 11, 30)))
    assert len(services.chemicals.holding_history(held.id)) == 2


@pytest.mark.parametrize(("holding", "code"), [
    (HoldingInput(1, 1, quantity=-1), "holding.quantity_negative"),
    (HoldingInput(1, 1, containers=-2), "holding.containers_negative"),
    (HoldingInput(1, 1, status=HoldingStatus.DISPOSED), "holding.disposed_date_missing"),
    (HoldingInput(999, 1), "chemical.no_such_id"),
    (HoldingInput(1, 999), "room.no_such_id"),
])
def test_bad_holdings_are_refused(services: Services, labs: Labs, holding: HoldingInput,
                                  code: str) -> None:
    services.chemicals.save_product(METHANOL)
    with pytest.raises(ValidationError) as caught:
        services.chemicals.add_holding(holding)
    assert caught.value.code == code


def test_places_litres_and_segregation_of_a_room(services: Services, labs: Labs) -> None:
    methanol = services.chemicals.save_product(METHANOL)
    acetone = services.chemicals.save_product(ACETONE)
    acid = services.chemicals.save_product(ProductInput("Salpetersyre 65 %", "VWR",
                                                        (Component("7697-37-2"),),
                                                        ("H272 H290 H314 H331",)))
    add = services.chemicals.add_holding
    add(HoldingInput(methanol.id, labs.synthesis, "Brannskap", 2.5, "L", 1))
    add(HoldingInput(acetone.id, labs.synthesis, "Brannskap", 500, "ml", 1))
    add(HoldingInput(acid.id, labs.synthesis, "Brannskap", 1, "L", 1))
    add(HoldingInput(acetone.id, labs.synthesis, "Hylle", 2, "kg", 1))
    add(HoldingInput(acetone.id, labs.analysis, "Hylle", 1, "L", 1))
    assert services.chemicals.storage_places(labs.synthesis) == ["Brannskap", "Hylle"]
    assert [h.product_name for h in services.chemicals.place_holdings(
        labs.synthesis, "Brannskap")] == ["Aceton", "Methanol", "Salpetersyre 65 %"]
    totals = services.chemicals.flammable_litres(labs.synthesis)
    assert totals.cat2 == pytest.approx(3.0)
    assert totals.unconverted
    problems = services.chemicals.segregation_problems(labs.synthesis)
    assert problems
    assert services.chemicals.segregation_problems(labs.analysis) == []
    assert len(services.chemicals.segregation_problems()) == len(problems)


def test_sds_age_setting(services: Services) -> None:
    assert services.chemicals.sds_max_age_years() == 3
    services.chemicals.set_sds_max_age_years(5)
    assert services.chemicals.sds_max_age_years() == 5
    with pytest.raises(ValidationError):
        services.chemicals.set_sds_max_age_years(0)
