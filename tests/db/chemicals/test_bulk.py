"""The importer's bulk path: products and holdings upserted on their natural keys with
executemany, idempotent (a second run changes nothing, keeps no history), audited once."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from vernetool.db import audit
from vernetool.db.chemicals import holdings, products, register
from vernetool.db.chemicals.register import HoldingFilter
from vernetool.db.organisation.rooms import save_room
from vernetool.domain.chemicals.model import (
    HoldingInput,
    HoldingStatus,
    ProductInput,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room, RoomType


def _rooms(conn: sqlite3.Connection) -> tuple[int, int]:
    return (save_room(conn, Room("REALF", "D2-108", RoomType.LAB))[0],
            save_room(conn, Room("KJEMI", "B3-201", RoomType.LAB))[0])


def _products() -> list[products.PreparedProduct]:
    return [products.prepare_product(p) for p in (
        ProductInput.with_cas("Metanol", ["67-56-1"], supplier="VWR",
                              statements=("H225 H301+H311+H331 H370",)),
        ProductInput.with_cas("Aceton", ["67-64-1"], supplier="VWR",
                              statements=("H225, H319 og H336",)),
        ProductInput.with_cas("ACETON", ["67-64-1"], supplier="vwr",
                              statements=("H225 H319 H336",)),      # the same product again
        ProductInput.with_cas("Formaldehyd 37 %", ["50-00-0", "67-56-1"], supplier="Merck",
                              statements=("H301 H311 H314 H317 H331 H335 H341 H350 H370",)),
    )]


def test_products_upsert_on_name_and_supplier_and_again_changes_nothing(
        conn: sqlite3.Connection) -> None:
    ids = products.upsert_products(conn, _products(), actor="import")
    assert len(ids) == 4 and ids[1] == ids[2] and len(set(ids)) == 3
    formaldehyde = products.get_product(conn, ids[3])
    assert formaldehyde is not None
    assert formaldehyde.pictograms == ("GHS05", "GHS06", "GHS08")
    assert formaldehyde.exposure_register and formaldehyde.cas == ("50-00-0", "67-56-1")
    aceton = products.get_product(conn, ids[1])
    assert aceton is not None and aceton.name == "Aceton"      # the first spelling stays
    entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    updated = [p.updated_at for p in products.list_products(conn)]
    assert products.upsert_products(conn, _products(), actor="import") == ids
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries
    assert [p.updated_at for p in products.list_products(conn)] == updated


def test_holdings_upsert_is_idempotent_and_keeps_history_of_real_changes(
        conn: sqlite3.Connection) -> None:
    synthesis, analysis = _rooms(conn)
    metanol, aceton, _, formaldehyde = products.upsert_products(conn, _products(),
                                                                actor="import")
    rows = [HoldingInput(metanol, synthesis, "Brannskap", 2.5, "liter", 2),
            HoldingInput(aceton, synthesis, "Brannskap", 500, "ml", 1),
            HoldingInput(formaldehyde, analysis, "Avtrekk", 1, "L", 1),
            HoldingInput(aceton, analysis, "Hylle", 1, "L", 1, HoldingStatus.DISPOSED,
                         dt.date(2025, 5, 1))]
    assert holdings.upsert_holdings(conn, rows, actor="import") == 4
    assert holdings.upsert_holdings(conn, rows, actor="import") == 0
    assert conn.execute("SELECT count(*) FROM chemical_holding_history").fetchone()[0] == 0
    assert [e.action for e in audit.history(conn, "chemical_holding", 0)] == []
    assert conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'chemical_holding'"
                        ).fetchone()[0] == 1
    changed = [*rows[:3], HoldingInput(aceton, analysis, "hylle", 0.5, "L", 1)]
    assert holdings.upsert_holdings(conn, changed, actor="import") == 1
    [state] = holdings.holding_history(conn, register.page_holdings(
        conn, HoldingFilter("hylle"))[0].id)
    assert (state.status, state.quantity) == (HoldingStatus.DISPOSED, 1.0)
    found = register.page_holdings(conn, HoldingFilter("50-00-0"))
    assert [(h.product_name, h.room_label, h.unit) for h in found] == [
        ("Formaldehyd 37 %", "KJEMI:B3-201", "L")]
    assert register.count_holdings(conn, HoldingFilter("brannskap")) == 2
    assert register.page_holdings(conn, HoldingFilter("brannskap"))[0].unit in ("L", "mL")


def test_bulk_holdings_refuse_unknown_products_and_rooms(conn: sqlite3.Connection) -> None:
    synthesis, _ = _rooms(conn)
    [metanol, *_] = products.upsert_products(conn, _products(), actor="import")
    for bad, code in [(HoldingInput(999, synthesis), "chemical.no_such_id"),
                      (HoldingInput(metanol, 999), "room.no_such_id"),
                      (HoldingInput(metanol, synthesis, quantity=-1),
                       "holding.quantity_negative")]:
        with pytest.raises(ValidationError) as caught:
            holdings.upsert_holdings(conn, [HoldingInput(metanol, synthesis, "A"), bad],
                                     actor="import")
        assert caught.value.code == code
    assert register.count_holdings(conn) == 0            # all or nothing


def _indexes(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'chemical_holding' "
        "AND sql IS NOT NULL")}


def test_a_large_import_rebuilds_the_search_index_word_for_word(
        conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _indexes(conn)
    assert holdings.SEARCH_INDEX_SQL in before
    monkeypatch.setattr(holdings, "REBUILD_SEARCH_INDEX_FROM", 2)
    synthesis, analysis = _rooms(conn)
    metanol, aceton, *_ = products.upsert_products(conn, _products(), actor="import")
    rows = [HoldingInput(metanol, synthesis, "A"), HoldingInput(aceton, analysis, "B")]
    assert holdings.upsert_holdings(conn, rows, actor="import") == 2
    assert _indexes(conn) == before
    plan = " ".join(str(tuple(r)) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM chemical_holding h "
        "WHERE h.status = 'in_use' AND h.search_text LIKE '%a%'"))
    assert holdings.SEARCH_INDEX in plan
