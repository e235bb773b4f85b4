"""The shared import loop: savepoints per row, atomic handlers, counting, audit."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.exchange.importing import Checker, run_import
from vernetool.exchange.result import ImportFileError
from vernetool.exchange.tabular import Table, TableRow


def _table(*names: str) -> Table:
    rows = [TableRow(n, {"name": name}) for n, name in enumerate(names, start=2)]
    return Table(["name"], {"name": [0]}, rows)


class _Units:
    """Writes a unit, then refuses rows named 'bad' after having written (half a row)."""

    atomic_rows = False

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def prepare(self, row: TableRow) -> Callable[[], bool] | None:
        name = row.get("name")
        check = Checker()
        if name.startswith("x"):
            check.add("name", "starts with x")
            check.add("code", "and is odd")
        check.raise_if_any()
        if name == "same":
            return None

        def write() -> bool:
            self.conn.execute("INSERT INTO unit (code) VALUES (?)", (name,))
            if name == "bad":
                raise ValidationError("unit.no_such_id", "name", unit_id=name)
            return True

        return write


def _codes(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT code FROM unit ORDER BY code")]


def test_a_refused_row_leaves_no_trace_and_every_row_is_counted(
        conn: sqlite3.Connection) -> None:
    result = run_import(conn, _table("a", "bad", "same", "xy", "b"), _Units(conn),
                        entity="unit", source="f.csv", strict=False, actor="t")
    assert _codes(conn) == ["a", "b"]  # 'bad' was inserted, then rolled back to its savepoint
    assert (result.imported, result.skipped) == (2, 1)
    assert [(e.row, e.field) for e in result.errors] == [(3, "name"), (5, "name"), (5, "code")]
    assert result.imported + result.skipped + result.error_rows == 5


def test_atomic_handlers_skip_the_savepoint(conn: sqlite3.Connection) -> None:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    handler = _Units(conn)
    handler.atomic_rows = True
    run_import(conn, _table("a", "b"), handler, entity="unit", source="f.csv",
               strict=False, actor="t")
    conn.set_trace_callback(None)
    assert not any("SAVEPOINT" in s for s in statements)
    assert _codes(conn) == ["a", "b"]


def test_savepoint_per_row_by_default(conn: sqlite3.Connection) -> None:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    run_import(conn, _table("a", "b", "same"), _Units(conn), entity="unit",
               source="f.csv", strict=False, actor="t")
    conn.set_trace_callback(None)
    assert sum("SAVEPOINT" in s and "RELEASE" not in s for s in statements) == 2


def test_the_cycle_collector_is_off_during_an_import_and_as_it_was_after(
        conn: sqlite3.Connection, tmp_path: object) -> None:
    import gc
    from pathlib import Path

    from vernetool.exchange.rooms_io import import_rooms

    source = Path(str(tmp_path)) / "rooms.csv"
    source.write_text("Bygg;Romnr\nSB1;101\nSB1;102\n", encoding="utf-8")
    seen: list[bool] = []
    assert gc.isenabled()
    import_rooms(conn, source, actor="test", progress=lambda done, total: seen.append(
        gc.isenabled()))
    assert seen and not any(seen) and gc.isenabled()
    gc.disable()
    try:
        import_rooms(conn, source, actor="test")
        assert not gc.isenabled()           # a caller's choice is kept
    finally:
        gc.enable()
    source.write_text("nothing we know\n", encoding="utf-8")
    with pytest.raises(ImportFileError):    # refused: the collector is back on all the same
        import_rooms(conn, source, actor="test")
    assert gc.isenabled()
