"""Filter-as-you-type on the chemical register (50,000 holdings): ours vs the raw SQLite query.

Ours: for each keystroke of a few typed searches (a product, a CAS number, an H code, a
storage place, a room, a supplier + product), ``services.chemical_register`` ``count`` and
``page`` of the first 200 rows — the register service the screen reads through, with the
``Holding`` objects it builds. Where the register screen's table model is present
(``ui/registers/chemicals/holdings_table_model.py``), also its ``set_filter`` to the first rows
(offscreen), which is what a keystroke costs on screen.

Floor: the statements the register's filter runs (``search_text LIKE ?`` per word, in use
only): the count, the ids of the first 200 rows in the register's order, then those rows
with their product, room and H codes — taken from ``db.chemicals.register`` so they stay the
same — executed directly with ``sqlite3`` and fetched as plain tuples. Also shown, for
comparison: the naive single statement (the join ordered and limited in one go). Medians
over all keystrokes, repeated, interleaved.

Usage: python benchmarks/bench_chemicals_filter.py [--db BIG.sqlite] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vernetool.services.chemicals.register import ChemicalRegisterService

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SEARCHES = ["aceton", "67-64-1", "h350", "syreskap", "b120:1", "merck toluene",
            "sodium hydrox", "h225 brannskap"]
PAGE = 200

RAW_COUNT = "SELECT count(*) FROM chemical_holding h WHERE {where}"
JOINED_PAGE = (
    "SELECT h.id, p.name, p.supplier, b.code || ':' || r.number, h.place, h.quantity, h.unit, "
    "h.containers, h.status, h.disposed_on, p.pictograms, p.exposure_register "
    "FROM chemical_holding h JOIN chemical_product p ON p.id = h.product_id "
    "JOIN room r ON r.id = h.room_id JOIN building b ON b.id = r.building_id "
    "WHERE {where} ORDER BY h.search_text, h.id LIMIT ?"
)


def keystrokes() -> list[str]:
    """Every prefix of every search, as the filter box sees them while typing."""
    return [search[:n] for search in SEARCHES for n in range(1, len(search) + 1)]


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def raw_filter(conn: sqlite3.Connection, text: str) -> int:
    """The register's statements, run raw: count, the page's ids, the page's rows."""
    from vernetool.db.chemicals.holdings import SELECT
    from vernetool.db.chemicals.register import HoldingFilter

    where, params = HoldingFilter(text=text).where()
    total = conn.execute(f"SELECT count(*) FROM chemical_holding h{where}", params).fetchone()
    ids = [r[0] for r in conn.execute(f"SELECT h.id FROM chemical_holding h{where} "
                                      "ORDER BY h.search_text, h.id LIMIT ? OFFSET 0",
                                      [*params, PAGE])]
    rows = conn.execute(f"{SELECT} WHERE h.id IN (SELECT value FROM json_each(?)) "
                        "ORDER BY h.search_text, h.id",
                        ("[" + ",".join(map(str, ids)) + "]",)).fetchall() if ids else []
    return int(total[0]) + 0 * len(rows)


def joined_filter(conn: sqlite3.Connection, text: str) -> int:
    """The naive query: count, then one join ordered and limited."""
    words = text.casefold().split()
    where = " AND ".join(["h.status = 'in_use'",
                          *("h.search_text LIKE ? ESCAPE '\\'" for _ in words)])
    params = [_like(w) for w in words]
    total = conn.execute(RAW_COUNT.format(where=where), params).fetchone()[0]
    rows = conn.execute(JOINED_PAGE.format(where=where), [*params, PAGE]).fetchall()
    return int(total) + 0 * len(rows)


def time_each(fn: Callable[[str], object], texts: list[str]) -> list[float]:
    times: list[float] = []
    for text in texts:
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a big database (default: made now)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from vernetool.db.connection import connect
    from vernetool.services import Services, Store
    from vernetool.services.chemicals.register import HoldingFilter

    with tempfile.TemporaryDirectory(prefix="vernetool-bench-") as tmp:
        db = args.db
        if db is None:
            sys.path.insert(0, str(Path(__file__).parent))
            from make_big_db import make

            db = Path(tmp) / "big.sqlite"
            make(db)
        texts = keystrokes()
        ours_conn, raw_conn = connect(db), sqlite3.connect(db)
        register = Services(Store(ours_conn, db, lambda: "bench")).chemical_register

        def ours(text: str) -> None:
            flt = HoldingFilter(text=text)
            register.count(flt)
            register.page(flt, 0, PAGE)

        model_fn, qt_cleanup = _table_model(register)
        for _ in range(2):  # warm SQLite's page cache and the statement caches
            for text in texts:
                raw_filter(raw_conn, text)
                ours(text)
        raw: list[float] = []
        joined: list[float] = []
        mine: list[float] = []
        shown: list[float] = []
        for _ in range(args.repeat):  # interleaved rounds, so load hits both alike
            raw += time_each(lambda t: raw_filter(raw_conn, t), texts)
            mine += time_each(ours, texts)
            joined += time_each(lambda t: joined_filter(raw_conn, t), texts)
            if model_fn is not None:
                shown += time_each(model_fn, texts)
        holdings = register.count(HoldingFilter(include_disposed=True))
        qt_cleanup()
        ours_conn.close()
        raw_conn.close()
    ours_ms, raw_ms = statistics.median(mine) * 1000, statistics.median(raw) * 1000
    print(f"holdings in the register: {holdings}; keystrokes: {len(texts)} x {args.repeat}")
    print(f"register count + first {PAGE} rows (ours): {ours_ms:7.2f} ms median, "
          f"p95 {statistics.quantiles(mine, n=20)[-1] * 1000:.2f} ms")
    print(f"raw SQLite count + first {PAGE} rows (floor): {raw_ms:7.2f} ms median, "
          f"p95 {statistics.quantiles(raw, n=20)[-1] * 1000:.2f} ms")
    print(f"ratio: {ours_ms / raw_ms:.2f} x (target <= 2)")
    print(f"the naive single join query, count + first {PAGE} rows: "
          f"{statistics.median(joined) * 1000:7.2f} ms median")
    if shown:
        shown_ms = statistics.median(shown) * 1000
        print(f"table model set_filter to its first rows: {shown_ms:7.2f} ms median "
              f"({shown_ms / raw_ms:.2f} x the floor)")
    else:
        print("table model: not in this checkout (ui/registers/chemicals), not measured")
    return 0


def _table_model(register: ChemicalRegisterService
                 ) -> tuple[Callable[[str], None] | None, Callable[[], None]]:
    """The register screen's model filtering offscreen, when this checkout has it."""
    try:
        from vernetool.ui.registers.chemicals.holdings_table_model import HoldingsTableModel
    except ImportError:
        return None, lambda: None
    from PySide6.QtWidgets import QApplication

    from vernetool.services.chemicals.register import HoldingFilter

    qapp = QApplication.instance() or QApplication([])
    model = HoldingsTableModel(register, HoldingFilter())

    def to_first_rows(text: str) -> None:
        model.set_filter(HoldingFilter(text=text))
        qapp.processEvents()  # the count it defers to the next turn of the event loop

    def cleanup() -> None:
        model.deleteLater()
        qapp.processEvents()

    return to_first_rows, cleanup


if __name__ == "__main__":
    sys.exit(main())
