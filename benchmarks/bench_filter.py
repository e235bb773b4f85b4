"""Filter-as-you-type on the rooms table (30,000 rooms): the model vs the raw SQLite query.

Ours: ``RoomsTableModel.set_filter`` for each keystroke of a few typed searches — the count,
the first page of 200 rows with today's room responsible, the Room objects and the model
reset — plus, separately, the same with a QTableView attached and painted.
Floor: the same two SQL statements a minimal program would run for that keystroke (count,
then the first 200 rows with the responsible), executed directly with sqlite3 and fetched as
plain tuples. Figures are medians over all keystrokes, repeated.

Usage: python benchmarks/bench_filter.py [--db BIG.sqlite] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEARCHES = ["kjemikalielager", "realfag lab", "kontor 2", "ø", "b120 1", "isotoplab kj"]

RAW_COUNT = "SELECT count(*) FROM room WHERE {where}"
RAW_PAGE = (
    "SELECT r.id, b.code, b.name, r.number, r.name, r.type, r.floor, r.area_m2, u.code, "
    "(SELECT p.name FROM room_responsibility rr JOIN person p ON p.id = rr.person_id "
    " WHERE rr.room_id = r.id AND rr.kind = 'responsible' AND rr.valid_from <= ? "
    " AND (rr.valid_to IS NULL OR rr.valid_to >= ?) ORDER BY rr.valid_from DESC LIMIT 1) "
    "FROM room r JOIN building b ON b.id = r.building_id LEFT JOIN unit u ON u.id = r.unit_id "
    "WHERE {where} ORDER BY b.code, r.number LIMIT 200"
)


def keystrokes() -> list[str]:
    """Every prefix of every search, as the filter box sees them while typing."""
    return [search[:n] for search in SEARCHES for n in range(1, len(search) + 1)]


def _rooms_service(conn: sqlite3.Connection, db: Path) -> object:
    """The rooms service the screen's model reads through, over ``conn``."""
    from vernetool.services import Store
    from vernetool.services.organisation.rooms import RoomsService

    return RoomsService(Store(conn, db, lambda: "bench"))


def raw_filter(conn: sqlite3.Connection, text: str, today: str) -> int:
    words = text.casefold().split()
    where = " AND ".join("search_text LIKE ?" for _ in words) or "1"
    params = [f"%{w}%" for w in words]
    total = conn.execute(RAW_COUNT.format(where=where), params).fetchone()[0]
    rows = conn.execute(RAW_PAGE.format(where=where.replace("search_text", "r.search_text")),
                        [today, today, *params]).fetchall()
    return int(total) if rows is not None else 0


def time_each(fn, texts: list[str], repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    times: list[float] = []
    for _ in range(repeat):
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
    from PySide6.QtWidgets import QApplication, QTableView

    from vernetool.db.connection import connect
    from vernetool.db.organisation.rooms import RoomFilter, count_rooms
    from vernetool.ui.organisation.rooms_table_model import RoomsTableModel

    with tempfile.TemporaryDirectory(prefix="vernetool-bench-") as tmp:
        db = args.db
        if db is None:
            sys.path.insert(0, str(Path(__file__).parent))
            from make_big_db import make

            db = Path(tmp) / "big.sqlite"
            make(db)
        qapp = QApplication.instance() or QApplication([])
        texts = keystrokes()
        today = dt.date.today().isoformat()
        ours_conn, raw_conn = connect(db), sqlite3.connect(db)
        model = RoomsTableModel(_rooms_service(ours_conn, db))
        view_model = RoomsTableModel(_rooms_service(connect(db), db))
        view = QTableView()
        view.setModel(view_model)
        view.resize(1100, 700)
        view.show()
        qapp.processEvents()

        def with_view(text: str) -> None:
            view_model.set_filter(RoomFilter(text=text))
            view.viewport().repaint()

        for _ in range(2):  # warm SQLite's page cache and the statement caches
            for text in texts:
                raw_filter(raw_conn, text, today)
                model.set_filter(RoomFilter(text=text))
        raw: list[float] = []
        ours: list[float] = []
        for _ in range(args.repeat):  # interleaved rounds, so load hits both alike
            raw += time_each(lambda t: raw_filter(raw_conn, t, today), texts, 1)
            ours += time_each(lambda t: model.set_filter(RoomFilter(text=t)), texts, 1)
        shown = time_each(with_view, texts, args.repeat)
        rooms = count_rooms(ours_conn)
        # Tear the Qt objects down in order while the QApplication lives (PySide6 can crash
        # when the garbage collector meets them during interpreter shutdown).
        view.close()
        view.setModel(None)
        view.deleteLater()
        view_model.deleteLater()
        model.deleteLater()
        qapp.processEvents()
        ours_conn.close()
        raw_conn.close()
    ours_ms, raw_ms = statistics.median(ours) * 1000, statistics.median(raw) * 1000
    shown_ms = statistics.median(shown) * 1000
    print(f"rooms in the table: {rooms}; keystrokes: {len(texts)} x {args.repeat}")
    print(f"model filter + first page (ours):         {ours_ms:6.2f} ms median, "
          f"p95 {statistics.quantiles(ours, n=20)[-1] * 1000:.2f} ms")
    print(f"raw SQLite count + first page (floor):    {raw_ms:6.2f} ms median, "
          f"p95 {statistics.quantiles(raw, n=20)[-1] * 1000:.2f} ms")
    print(f"ratio: {ours_ms / raw_ms:.2f} x (target <= 2)")
    print(f"with a QTableView attached and repainted: {shown_ms:6.2f} ms median")
    return 0


if __name__ == "__main__":
    sys.exit(main())
