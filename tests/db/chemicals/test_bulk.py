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


def _table(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(
        "SELECT product_id, room_id, place, quantity, unit, containers, status, disposed_on, "
        "search_text FROM chemical_holding ORDER BY product_id, room_id, place")]


def _history(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(
        "SELECT holding_id, quantity, unit, containers, status, disposed_on, place, room_id "
        "FROM chemical_holding_history ORDER BY id")]


def test_checked_rows_give_exactly_what_the_checked_path_gives(tmp_path: object) -> None:
    """``upsert_checked_holdings`` (the importer's path, rows already checked) against
    ``upsert_holdings`` (every item checked) on two databases: the same rows, history,
    counts and audit entries, through a first write, the same again, a change, a twice-named
    holding and a place that differs in case only."""
    from pathlib import Path

    from vernetool.db.migrations import open_store

    folder = Path(str(tmp_path))
    checked, plain, old = (open_store(folder / f"{name}.sqlite") for name in "abc")
    ids = []
    for conn in (checked, plain, old):
        synthesis, analysis = _rooms(conn)
        metanol, aceton, _, formaldehyde = products.upsert_products(conn, _products(),
                                                                    actor="import")
        ids.append((synthesis, analysis, metanol, aceton, formaldehyde))
    assert ids[0] == ids[1]
    synthesis, analysis, metanol, aceton, formaldehyde = ids[0]
    batches = [
        [HoldingInput(metanol, synthesis, " Brann  skap ", 2.5, "liter", 2),
         HoldingInput(aceton, synthesis, "Brannskap", 500, "ml", 1),
         HoldingInput(formaldehyde, analysis, "Avtrekk", 1, "L", 1),
         HoldingInput(aceton, analysis, "Hylle", 1, "L", 1, HoldingStatus.DISPOSED,
                      dt.date(2025, 5, 1))],
        [HoldingInput(metanol, synthesis, "Brann skap", 2.5, "L", 2),       # the same
         HoldingInput(aceton, synthesis, "BRANNSKAP", 250, "mL", 1),        # changed
         HoldingInput(aceton, analysis, "Hylle", 1, "L", 1)],               # back in use
        [HoldingInput(formaldehyde, synthesis, "Ny", 1, "L", 1),
         HoldingInput(formaldehyde, synthesis, "ny", 2, "L", 1)],           # twice: the last
    ]
    for number, batch in enumerate(batches):
        got = holdings.upsert_checked_holdings(
            checked, [holdings.checked_row(i) for i in batch], actor="import")
        assert got == holdings.upsert_holdings(plain, batch, actor="import")
        assert got == _upsert_as_before(old, batch)
        assert _table(checked) == _table(plain) == _table(old)
        assert _history(checked) == _history(plain)
        if number < 2:  # (the one statement kept a holding named twice in a batch twice)
            assert _history(checked) == _history(old)
    assert _table(checked)[0][2] == "Brann skap"
    assert next(r for r in _table(checked) if str(r[2]).lower() == "ny")[2:4] == ("Ny", 2.0)
    counts = [conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'chemical_holding'"
                           ).fetchone()[0] for conn in (checked, plain)]
    assert counts[0] == counts[1] == 3
    for bad, code in [((999, synthesis, "A", None, "", None, "in_use", None),
                       "chemical.no_such_id"),
                      ((metanol, 999, "A", None, "", None, "in_use", None),
                       "room.no_such_id")]:
        before = _table(checked)
        with pytest.raises(ValidationError) as caught:
            holdings.upsert_checked_holdings(
                checked, [(metanol, analysis, "Z", None, "", None, "in_use", None), bad],
                actor="import")
        assert caught.value.code == code
        assert _table(checked) == before                     # all or nothing
    for conn in (checked, plain, old):
        conn.close()


def _upsert_as_before(conn: sqlite3.Connection, items: list[HoldingInput]) -> int:
    """The one ``INSERT ... ON CONFLICT DO UPDATE ... WHERE`` the bulk path used to run."""
    from vernetool.db.chemicals.common import room_labels
    from vernetool.db.chemicals.holdings_search import location_words

    searches = dict(conn.execute("SELECT id, search_text FROM chemical_product").fetchall())
    labels = room_labels(conn)
    rows = []
    for item in items:
        row = holdings.checked_row(item)
        rows.append((*row, f"{searches[row[0]]} {location_words(labels[row[1]], row[2])}"))
    return conn.executemany(
        "INSERT INTO chemical_holding (product_id, room_id, place, quantity, unit, "
        "containers, status, disposed_on, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (product_id, room_id, place) DO UPDATE SET "
        "quantity = excluded.quantity, unit = excluded.unit, "
        "containers = excluded.containers, status = excluded.status, "
        "disposed_on = excluded.disposed_on, search_text = excluded.search_text, "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
        "WHERE quantity IS NOT excluded.quantity "
        "OR unit IS NOT excluded.unit OR containers IS NOT excluded.containers "
        "OR status IS NOT excluded.status OR disposed_on IS NOT excluded.disposed_on "
        "OR search_text IS NOT excluded.search_text", rows).rowcount


def test_linked_sheets_in_bulk_add_only_new_sheets_with_one_audit_entry(
        conn: sqlite3.Connection) -> None:
    from vernetool.db.chemicals import sds

    metanol, aceton, *_ = products.upsert_products(conn, _products(), actor="import")
    sds.add_sds(conn, aceton, url="https://sds.example/aceton", language="Norsk",
                revised_on=dt.date(2024, 1, 2), actor="me")
    entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    added = sds.add_linked_sheets(conn, [
        (metanol, " https://sds.example/metanol ", dt.date(2023, 5, 6), "Engelsk"),
        (aceton, "https://sds.example/aceton", dt.date(2024, 1, 2), "nb")], actor="import")
    assert added == 1
    [sheet] = sds.sds_history(conn, metanol)
    assert (sheet.url, sheet.revised_on, sheet.language) == (
        "https://sds.example/metanol", dt.date(2023, 5, 6), "en")
    assert len(sds.sds_history(conn, aceton)) == 1
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries + 1
    assert sds.add_linked_sheets(conn, [(metanol, "https://sds.example/metanol",
                                         dt.date(2023, 5, 6), "en")], actor="import") == 0
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries + 1
    with pytest.raises(ValidationError) as caught:
        sds.add_linked_sheets(conn, [(999, "x", None, "")], actor="import")
    assert caught.value.code == "chemical.no_such_id"
