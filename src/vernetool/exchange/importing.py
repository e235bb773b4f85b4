"""The import loop every importer shares: one transaction, rows whole or not at all.

An importer supplies a ``RowHandler``: ``prepare(row)`` parses and checks one row without
writing (raising ``ValidationError``/``RowProblems`` for what a person must fix) and returns
either ``None`` (the row matches what is stored: nothing to do) or a callable that writes
it and returns whether anything changed. ``run_import`` then

- runs the whole file in one transaction (an unexpected exception rolls everything back
  and propagates; so does ``ImportCancelled``);
- writes each row inside a savepoint, so a row the database refuses leaves no trace;
- with ``strict``, rolls back everything when any row had an error;
- calls ``progress(done, total)`` and checks ``cancel()`` every ``BATCH`` rows;
- records one audit entry per import, with the counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.domain.errors import ValidationError
from vernetool.exchange.result import ImportCancelled, ImportResult, RowError
from vernetool.exchange.tabular import Schema, Table, TableRow, read_table

BATCH = 200
T = TypeVar("T")

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Write = Callable[[], bool]


#: one thing wrong with a row: (field, message code, parameters)
Problem = tuple[str, str, dict[str, Any]]


class RowProblems(Exception):
    """Several things wrong with one row: (field, code, params) triples."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(f"{f}: {c}" for f, c, _ in self.problems))


class Checker:
    """Collects every field error of a row, so the person can fix them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, code: str, /, **params: Any) -> None:
        self.problems.append((field, code, params))

    def run(self, call: Callable[[], T], default: T) -> T:
        try:
            return call()
        except ValidationError as exc:
            self.add(exc.field, exc.code, **exc.params)
            return default

    def raise_if_any(self) -> None:
        if self.problems:
            raise RowProblems(self.problems)


def check_length(checker: Checker, field: str, value: str, limit: int) -> str:
    if len(value) > limit:
        checker.add(field, "import.text_too_long", n=len(value), limit=limit)
        return ""
    return value


def checked_texts(checker: Checker, row: TableRow, limits: dict[str, int]) -> dict[str, str]:
    """The row's text fields, each checked against its length limit (too long → "")."""
    return {f: check_length(checker, f, row.get(f), n) for f, n in limits.items()}


class RowHandler(Protocol):
    """Prepares one row; may set ``atomic_rows = True`` when every write it returns is a
    single statement (atomic by itself), which spares the per-row savepoint in bulk imports."""

    def prepare(self, row: TableRow) -> Write | None: ...


class _Rejected(Exception):
    """Internal: --strict found errors, roll everything back."""


def run_import(conn: sqlite3.Connection, table: Table, handler: RowHandler, *, entity: str,
               source: str, strict: bool, actor: str, progress: Progress | None = None,
               cancel: Cancel | None = None) -> ImportResult:
    result = ImportResult()
    total = len(table.rows)
    try:
        with atomic(conn):
            for done, row in enumerate(table.rows):
                if done % BATCH == 0:
                    _tick(done, total, progress, cancel)
                _one_row(conn, row, handler, result)
            _tick(total, total, progress, cancel)
            if strict and result.errors:
                raise _Rejected
            _audit(conn, actor, entity, "import", source, strict, result)
    except _Rejected:
        result.rejected = True
        result.skipped += result.imported
        result.imported = 0
        _audit(conn, actor, entity, "import_rejected", source, strict, result)
    return result


def import_file(conn: sqlite3.Connection, path: Path | str, schema: Schema,
                make_handler: Callable[[Callable[[str], bool]], RowHandler], *, entity: str,
                strict: bool, actor: str, progress: Progress | None = None,
                cancel: Cancel | None = None) -> ImportResult:
    """Read a CSV/XLSX file and import its rows; ``make_handler`` gets ``table.has`` (which
    columns the file has). Raises ``ImportFileError`` when the file as a whole is unusable
    and ``ImportCancelled`` when ``cancel()`` said so."""
    table = read_table(path, schema)
    return run_import(conn, table, make_handler(table.has), entity=entity,
                      source=Path(path).name, strict=strict, actor=actor, progress=progress,
                      cancel=cancel)


def _tick(done: int, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled(done, total)
    if progress is not None:
        progress(done, total)


def _one_row(conn: sqlite3.Connection, row: TableRow, handler: RowHandler,
             result: ImportResult) -> None:
    problems: list[Problem] = [(e.field, e.code, e.params) for e in row.errors]
    if not problems:
        try:
            write = handler.prepare(row)
            if write is None:
                result.skipped += 1
                return
            if getattr(handler, "atomic_rows", False):
                changed = write()
            else:
                with atomic(conn):  # a savepoint: the row is written whole or not at all
                    changed = write()
        except RowProblems as exc:
            problems = exc.problems
        except ValidationError as exc:
            problems = [(exc.field, exc.code, exc.params)]
        else:
            if changed:
                result.imported += 1
            else:
                result.skipped += 1
            return
    result.errors.extend(RowError(row.number, f, c, p) for f, c, p in problems)


def _audit(conn: sqlite3.Connection, actor: str, entity: str, action: str, source: str,
           strict: bool, result: ImportResult) -> None:
    audit.record(conn, actor or "import", entity, None, action, {
        "file": source, "strict": strict, "imported": result.imported,
        "skipped": result.skipped, "error_rows": result.error_rows})
