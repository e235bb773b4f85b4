"""Saving one round answer: vernetool's answer path (write + model/widget refresh) vs the floor,
a raw SQLite ``INSERT ... ON CONFLICT DO UPDATE`` + commit on the same kind of connection.

Target (DESIGN.md): ≤ 3 × the floor. The round is the demo's in-progress round (the demo
database made by ``vernetool demo``), opened in the real walk view (offscreen), in its
largest room. Each sample calls the slot a key press calls (``RoundWalkView.answer_current``),
which commits the answer and updates the item row's buttons, the progress label/bar, the
room's list entry and moves to the next item. Painting is not part of the figure; the
layout requests the slot posts are shown on a second line.

The floor is measured twice: in a tight loop (CPU caches warm: the textbook figure) and
interleaved with the walk, right after the window painted (the conditions a key press
really meets; painting evicts SQLite's pages and code from the CPU caches).

Usage: python benchmarks/bench_answer.py [--samples 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def floor(db: Path, samples: int) -> list[float]:
    """Raw upsert + commit on a connection like the app's (WAL, synchronous FULL)."""
    from vernetool.db.connection import connect

    conn = connect(db)
    rr, item = conn.execute(
        "SELECT a.round_room_id, a.item_id FROM round_answer a LIMIT 1").fetchone()
    sql = ("INSERT INTO round_answer (round_room_id, item_id, answer, answered_by, answered_at) "
           "VALUES (?, ?, ?, 'bench', ?) ON CONFLICT (round_room_id, item_id) DO UPDATE SET "
           "answer = excluded.answer, answered_by = excluded.answered_by, "
           "answered_at = excluded.answered_at")
    times = []
    for n in range(samples):
        answer = ("ok", "not_relevant")[n % 2]
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute(sql, (rr, item, answer, f"2026-01-01T00:00:{n % 60:02d}Z"))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


UPSERT = ("INSERT INTO round_answer (round_room_id, item_id, answer, answered_by, answered_at) "
          "VALUES (?, ?, ?, 'bench', ?) ON CONFLICT (round_room_id, item_id) DO UPDATE SET "
          "answer = excluded.answer, answered_by = excluded.answered_by, "
          "answered_at = excluded.answered_at")


def answer_path(db: Path, samples: int) -> dict[str, list[float] | int]:
    """The walk's answer slot, and (interleaved, under the same conditions: the window has just
    been painted) the raw upsert + commit on the app's own connection."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from vernetool.context import AppContext
    from vernetool.db.rounds import rounds
    from vernetool.settings import Settings
    from vernetool.ui.rounds.walk.view import RoundWalkView

    app = QApplication.instance() or QApplication([])
    ctx = AppContext.open(db, Settings(db.parent / "bench-settings.json"))
    round_id = rounds.latest_round_id(ctx.conn)
    assert round_id is not None
    view = RoundWalkView(ctx, round_id)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    # the room with the most items (a laboratory), so the checklist is as big as it gets
    totals = view.state.items_total
    biggest = max(range(len(view.rooms)), key=lambda i: totals.get(view.rooms[i].id, 0))
    view.go_room(biggest)
    app.processEvents()
    rows = len(view.rows)
    room = view.room
    assert room is not None
    slot: list[float] = []
    with_layout: list[float] = []
    raw: list[float] = []
    for n in range(samples):
        index = n % (rows - 1)
        answer = ("ok", "not_relevant")[(n // (rows - 1)) % 2]
        view.set_current(index)
        app.processEvents()  # painted: what the person looks at before the key press
        item = view.rows[index].item.id
        start = time.perf_counter()
        ctx.conn.execute("BEGIN")
        ctx.conn.execute(UPSERT, (room.id, item, answer, f"2026-01-01T00:00:{n % 60:02d}Z"))
        ctx.conn.execute("COMMIT")
        raw.append(time.perf_counter() - start)
        app.processEvents()
        answer = ("not_relevant", "ok")[(n // (rows - 1)) % 2]  # a real change for the slot
        start = time.perf_counter()
        view.answer_current(answer)
        middle = time.perf_counter()
        # the layout work the answer asked for (painting and timers are left out)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        end = time.perf_counter()
        slot.append(middle - start)
        with_layout.append(end - start)
    view.close()
    ctx.close()
    return {"slot": slot, "layout": with_layout, "raw": raw, "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="keep the demo database in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="vernetool-bench-answer-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.sqlite"
    if not db.exists():
        from vernetool.cli import main as cli

        os.environ.setdefault("VERNETOOL_DATA_DIR", str(folder))
        os.environ.setdefault("VERNETOOL_CONFIG_DIR", str(folder))
        if cli(["demo", "--db", str(db)]) != 0:
            return 1
    tight = _ms(floor(db, args.samples))
    ui = answer_path(db, args.samples)
    same = _ms(ui["raw"])  # type: ignore[arg-type]
    slot, layout = _ms(ui["slot"]), _ms(ui["layout"])  # type: ignore[arg-type]
    print(f"(a) floor: raw upsert + commit, WAL, synchronous FULL (median of {args.samples})")
    print(f"      in a tight loop:                          {tight:.3f} ms")
    print(f"      interleaved with the walk (same conditions): {same:.3f} ms")
    print(f"(b) vernetool: RoundWalkView.answer_current, room of {ui['rows']} items")
    print(f"      write + row/progress/list updates:        {slot:.3f} ms  "
          f"ratio {slot / same:.2f} (interleaved floor), {slot / tight:.2f} (tight floor)")
    print(f"      + the layout requests it posts:           {layout:.3f} ms  "
          f"ratio {layout / same:.2f} (interleaved floor)")
    print("target: <= 3 x the floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
