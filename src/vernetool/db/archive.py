"""The open archive's SQL: what tables there are, their columns and keys, their rows; and
loading rows back into a fresh database (``services.archive``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    primary_key: int          # position in the primary key (1-based), 0 when not in it


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]
    on_delete: str


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()
    without_rowid: bool = False
    create_sql: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def primary_key(self) -> tuple[str, ...]:
        keyed = sorted((c for c in self.columns if c.primary_key), key=lambda c: c.primary_key)
        return tuple(c.name for c in keyed)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_names(conn: sqlite3.Connection) -> list[str]:
    """The ordinary tables holding the data, by name: not SQLite's own (``sqlite_*``), not
    virtual tables (the full-text index) nor their shadow tables — those are rebuilt from
    the data."""
    rows = conn.execute("PRAGMA table_list").fetchall()
    return sorted(str(r[1]) for r in rows
                  if r[0] == "main" and r[2] == "table" and not str(r[1]).startswith("sqlite_"))


def virtual_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("PRAGMA table_list").fetchall()
    return sorted(str(r[1]) for r in rows if r[0] == "main" and r[2] == "virtual")


def describe(conn: sqlite3.Connection, name: str) -> Table:
    columns = tuple(
        Column(str(r[1]), str(r[2]), bool(r[3]), None if r[4] is None else str(r[4]), int(r[5]))
        for r in conn.execute(f"PRAGMA table_info({_quote(name)})"))
    keys: dict[int, list[Any]] = {}
    for r in conn.execute(f"PRAGMA foreign_key_list({_quote(name)})"):
        keys.setdefault(int(r[0]), []).append(r)
    foreign = tuple(
        ForeignKey(tuple(str(r[3]) for r in rows), str(rows[0][2]),
                   tuple(str(r[4]) if r[4] is not None else "" for r in rows), str(rows[0][6]))
        for _, rows in sorted(keys.items()))
    unique: list[tuple[str, ...]] = []
    for r in conn.execute(f"PRAGMA index_list({_quote(name)})"):
        if r[2] and r[3] == "u":   # UNIQUE constraints (not the primary key, not indexes)
            unique.append(tuple(str(c[2]) for c in
                                conn.execute(f"PRAGMA index_info({_quote(str(r[1]))})")))
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (name,)).fetchone()
    sql = str(row[0]) if row and row[0] else ""
    listed = conn.execute("PRAGMA table_list(" + _quote(name) + ")").fetchone()
    return Table(name, columns, foreign, tuple(unique), bool(listed and listed[4]), sql)


def create_statements(conn: sqlite3.Connection) -> list[str]:
    """Every CREATE statement of the schema (tables, indexes, triggers, views), tables
    first."""
    rows = conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 "
        "ELSE 3 END, name").fetchall()
    return [str(r[0]) for r in rows]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def row_count(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0])


def rows(conn: sqlite3.Connection, table: Table, columns: Sequence[str]
         ) -> Iterator[tuple[Any, ...]]:
    """The rows' ``columns``, in primary-key (or rowid) order, so two archives of the same
    data list them alike."""
    order = ", ".join(_quote(c) for c in table.primary_key) if table.primary_key else "rowid"
    if not columns:
        return iter(())
    cursor = conn.execute(f"SELECT {', '.join(_quote(c) for c in columns)} "
                          f"FROM {_quote(table.name)} ORDER BY {order}")
    return iter(cursor)


def sequences(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """AUTOINCREMENT counters (``sqlite_sequence``), so a rebuilt database never reuses a
    number the original gave out."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        return []
    return [(str(r[0]), int(r[1])) for r in
            conn.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")]


# -- loading into a fresh database -------------------------------------------------------------

def drop_triggers(conn: sqlite3.Connection) -> list[str]:
    """Drop every trigger and return their CREATE statements (rows loaded from an archive
    are history already: no trigger may add to it)."""
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                         "ORDER BY name").fetchall()
    for name, _ in found:
        conn.execute(f"DROP TRIGGER {_quote(str(name))}")
    return [str(sql) for _, sql in found]


def create_all(conn: sqlite3.Connection, statements: Iterable[str]) -> None:
    for statement in statements:
        conn.execute(statement)


def clear(conn: sqlite3.Connection, names: Iterable[str]) -> None:
    """Empty the tables (what the migrations seeded goes: the archive has its own)."""
    for name in names:
        conn.execute(f"DELETE FROM {_quote(name)}")


def insert_rows(conn: sqlite3.Connection, name: str, columns: Sequence[str],
                values: Iterable[Sequence[Any]]) -> None:
    sql = (f"INSERT INTO {_quote(name)} ({', '.join(_quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    conn.executemany(sql, values)


def set_sequences(conn: sqlite3.Connection, counters: Iterable[tuple[str, int]]) -> None:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        return
    for name, seq in counters:
        conn.execute("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq))


def rebuild_full_text(conn: sqlite3.Connection) -> None:
    """Rebuild each full-text index from its content table."""
    for name in virtual_tables(conn):
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        if sql and "fts5" in str(sql[0]).lower():
            conn.execute(f"INSERT INTO {_quote(name)} ({_quote(name)}) VALUES ('rebuild')")


def foreign_key_problems(conn: sqlite3.Connection) -> int:
    return len(conn.execute("PRAGMA foreign_key_check").fetchall())


def set_identity(conn: sqlite3.Connection, name: str, row_id: int, cipher: bytes, masked: str,
                 index: str) -> None:
    conn.execute(f"UPDATE {_quote(name)} SET identity_cipher = ?, identity_masked = ?, "
                 "identity_index = ? WHERE id = ?", (cipher, masked, index, row_id))
