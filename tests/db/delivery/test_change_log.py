"""The change log (migration 11): the triggers log every change of a sent record — a child
row's change as its parent's — so incremental bundles and tombstones work whoever writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vernetool.db.connection import connect
from vernetool.db.delivery.changes import changes, has_changes, last_seq
from vernetool.db.migrations import build_schema, migrate


def _log(conn: sqlite3.Connection, after: int = 0) -> list[tuple[str, int, str]]:
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT entity, entity_id, op FROM change_log WHERE seq > ? ORDER BY seq", (after,))]


def _deviation(conn: sqlite3.Connection, title: str = "Glass i vasken") -> int:
    cur = conn.execute("INSERT INTO deviation (type, title, reported_at) "
                       "VALUES ('hazard', ?, '2026-11-02')", (title,))
    return int(cur.lastrowid or 0)


def _room(conn: sqlite3.Connection) -> int:
    conn.execute("INSERT INTO unit (code, name) VALUES ('IKJ', 'Kjemi')")
    conn.execute("INSERT INTO campus (name) VALUES ('Gløshaugen')")
    conn.execute("INSERT INTO building (code, name, campus_id) VALUES ('B1', 'Kjemi 1', 1)")
    cur = conn.execute("INSERT INTO room (building_id, number, type, unit_id) "
                       "VALUES (1, '101', 'lab', 1)")
    return int(cur.lastrowid or 0)


def test_a_deviation_and_its_children_are_logged_as_the_deviation(
        conn: sqlite3.Connection) -> None:
    start = last_seq(conn)
    dev = _deviation(conn)
    conn.execute("UPDATE deviation SET title = 'Knust glass' WHERE id = ?", (dev,))
    conn.execute("INSERT INTO deviation_injury (deviation_id) VALUES (?)", (dev,))
    action = conn.execute("INSERT INTO deviation_action (deviation_id, description) "
                          "VALUES (?, 'Bytt glass')", (dev,)).lastrowid
    conn.execute("INSERT INTO deviation_action_note (action_id, actor, note) "
                 "VALUES (?, 'x', 'ringt')", (action,))
    conn.execute("INSERT INTO deviation_status_history (deviation_id, to_status, actor) "
                 "VALUES (?, 'accepted', 'x')", (dev,))
    assert _log(conn, start) == [("deviation", dev, "upsert")] * 6


def test_deleting_a_deviation_ends_in_a_tombstone_even_through_its_cascades(
        conn: sqlite3.Connection) -> None:
    dev = _deviation(conn)
    conn.execute("INSERT INTO deviation_injury (deviation_id) VALUES (?)", (dev,))
    conn.execute("INSERT INTO deviation_action (deviation_id, description) VALUES (?, 'x')",
                 (dev,))
    start = last_seq(conn)
    conn.execute("DELETE FROM deviation WHERE id = ?", (dev,))
    assert _log(conn, start)[-1] == ("deviation", dev, "delete")
    found = changes(conn, "deviation", start, last_seq(conn))
    assert found.upserts == () and found.deletes == (dev,)


def test_the_last_entry_in_the_window_decides_and_a_first_bundle_has_no_tombstones(
        conn: sqlite3.Connection) -> None:
    kept, gone, back = _deviation(conn, "a"), _deviation(conn, "b"), _deviation(conn, "c")
    mid = last_seq(conn)
    conn.execute("UPDATE deviation SET title = 'a2' WHERE id = ?", (kept,))
    conn.execute("DELETE FROM deviation WHERE id = ?", (gone,))
    top = last_seq(conn)
    assert changes(conn, "deviation", mid, top).upserts == (kept,)
    assert changes(conn, "deviation", mid, top).deletes == (gone,)
    # since 0 (a first bundle): the receiver never had the deleted one
    first = changes(conn, "deviation", 0, top)
    assert first.upserts == (kept, back) and first.deletes == ()
    # a window that ends before the update does not see it
    assert changes(conn, "deviation", 0, mid).upserts == (kept, gone, back)
    assert has_changes(conn, ["deviation"], mid)
    assert not has_changes(conn, ["deviation"], top)
    assert not has_changes(conn, ["radiation_source"], 0)


def test_holdings_and_products_with_their_statements_are_logged(
        conn: sqlite3.Connection) -> None:
    room = _room(conn)
    start = last_seq(conn)
    product = conn.execute("INSERT INTO chemical_product (name) VALUES ('Aceton')").lastrowid
    conn.execute("INSERT INTO chemical_statement (product_id, position, kind, code) "
                 "VALUES (?, 1, 'H', 'H225')", (product,))
    holding = conn.execute("INSERT INTO chemical_holding (product_id, room_id, quantity) "
                           "VALUES (?, ?, 2.5)", (product, room)).lastrowid
    conn.execute("UPDATE chemical_holding SET quantity = 1 WHERE id = ?", (holding,))
    conn.execute("DELETE FROM chemical_holding WHERE id = ?", (holding,))
    assert _log(conn, start) == [
        ("chemical_product", product, "upsert"), ("chemical_product", product, "upsert"),
        ("chemical_holding", holding, "upsert"), ("chemical_holding", holding, "upsert"),
        ("chemical_holding", holding, "delete")]


def test_a_source_with_its_status_and_leak_tests(conn: sqlite3.Connection) -> None:
    start = last_seq(conn)
    source = conn.execute("INSERT INTO radiation_source (kind, nuclide) "
                          "VALUES ('sealed_source', 'Cs-137')").lastrowid
    conn.execute("INSERT INTO radiation_source_status (source_id, status, changed_on) "
                 "VALUES (?, 'in_use', '2026-01-01')", (source,))
    conn.execute("INSERT INTO radiation_leak_test (source_id, tested_on) "
                 "VALUES (?, '2026-02-01')", (source,))
    conn.execute("DELETE FROM radiation_source WHERE id = ?", (source,))
    assert _log(conn, start) == [("radiation_source", source, "upsert")] * 3 + [
        ("radiation_source", source, "delete")]


def test_a_round_is_logged_once_completed_and_its_findings_after_that(
        conn: sqlite3.Connection) -> None:
    start = last_seq(conn)
    round_id = conn.execute("INSERT INTO hse_round (uid, start_date) "
                            "VALUES ('r-1', '2026-10-01')").lastrowid
    conn.execute("INSERT INTO round_finding (uid, round_id, description) "
                 "VALUES ('f-1', ?, 'Brannslukker mangler')", (round_id,))
    conn.execute("UPDATE hse_round SET status = 'in_progress' WHERE id = ?", (round_id,))
    assert _log(conn, start) == []            # a round in progress is not sent
    conn.execute("UPDATE hse_round SET status = 'completed' WHERE id = ?", (round_id,))
    conn.execute("UPDATE round_finding SET action_status = 'done' WHERE round_id = ?",
                 (round_id,))
    conn.execute("INSERT INTO round_participant (round_id, name, role) "
                 "VALUES (?, 'Verneombud', 'safety_rep')", (round_id,))
    assert _log(conn, start) == [("hse_round", round_id, "upsert")] * 3


def test_migrating_an_older_database_logs_what_it_holds_and_makes_a_database_id(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = connect(path)
    try:
        build_schema(conn, 10)
        _deviation(conn, "a")
        _deviation(conn, "b")
        conn.execute("INSERT INTO hse_round (uid, start_date, status) "
                     "VALUES ('planned', '2026-10-01', 'planned')")
        done = conn.execute("INSERT INTO hse_round (uid, start_date, status) "
                            "VALUES ('done', '2026-10-01', 'reported')").lastrowid
        assert migrate(conn, path) >= 1
        assert _log(conn) == [("deviation", 1, "upsert"), ("deviation", 2, "upsert"),
                              ("hse_round", done, "upsert")]
        database_id = conn.execute("SELECT value FROM app_meta WHERE key = 'database_id'"
                                   ).fetchone()[0]
        import uuid

        assert str(uuid.UUID(database_id)) == database_id
    finally:
        conn.close()


def test_the_migration_keeps_a_database_id_the_identity_vault_made(tmp_path: Path) -> None:
    path = tmp_path / "vault.sqlite"
    conn = connect(path)
    try:
        build_schema(conn, 10)
        conn.execute("INSERT INTO app_meta (key, value) VALUES ('database_id', "
                     "'0b5f1c9e-8f3a-4c5e-9d2a-1f2e3d4c5b6a')")
        migrate(conn, path)
        assert conn.execute("SELECT value FROM app_meta WHERE key = 'database_id'"
                            ).fetchone()[0] == "0b5f1c9e-8f3a-4c5e-9d2a-1f2e3d4c5b6a"
    finally:
        conn.close()
