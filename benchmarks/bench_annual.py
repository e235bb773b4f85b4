"""Annual reporting: answering one question in the real form, and aggregating the units' files,
each against a floor measured in the same run.

1. *One answer* (offscreen Qt): the form tab (``ui.annual.form.FormTab``) on the largest unit
   of the database (by rooms, its sub-units' included: a faculty on the university-scale
   database), the slot a click calls (``FormTab.answer``): the answer committed, the form read
   again (what the data proposes, the follow-ups it opens, the counts) and shown. The floor:
   a raw upsert of one ``annual_answer`` row + commit on a connection like the app's (WAL,
   synchronous FULL). Target as for a round answer (DESIGN.md): ≤ 3 × the floor. The first
   open of the form (the registers read for the unit) is shown apart.
2. *The aggregate*: ``AnnualAggregateService.aggregate`` over 73 units' answers files written
   to a temporary folder vs the floor: reading and parsing the same files with ``json.load``.

Usage: python benchmarks/bench_annual.py --db BIG.sqlite [--samples 200]
       (make one with benchmarks/make_big_db.py; the database is copied, never changed)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

YEAR = 2026


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def largest_unit(db: Path) -> str:
    conn = sqlite3.connect(db)
    code = conn.execute(
        "WITH RECURSIVE tree(top, id) AS (SELECT id, id FROM unit UNION ALL "
        "SELECT tree.top, u.id FROM unit u JOIN tree ON u.parent_id = tree.id) "
        "SELECT t.code FROM tree JOIN room r ON r.unit_id = tree.id "
        "JOIN unit t ON t.id = tree.top GROUP BY tree.top ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    conn.close()
    return str(code)


def floor(db: Path, samples: int) -> list[float]:
    from vernetool.db.connection import connect

    conn = connect(db)
    report = conn.execute("SELECT id FROM annual_report LIMIT 1").fetchone()[0]
    sql = ("INSERT INTO annual_answer (report_id, question, answer, answered_by) "
           "VALUES (?, '2', ?, 'bench') ON CONFLICT (report_id, question) DO UPDATE SET "
           "answer = excluded.answer")
    times = []
    for n in range(samples):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute(sql, (report, ("yes", "no")[n % 2]))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def answering(db: Path, unit: str, samples: int) -> tuple[float, list[float]]:
    from PySide6.QtWidgets import QApplication

    from vernetool.context import AppContext
    from vernetool.settings import Settings
    from vernetool.ui.annual.form import FormTab

    app = QApplication.instance() or QApplication([])
    ctx = AppContext.open(db, Settings(db.parent / "settings.json"))
    tab = FormTab(ctx)
    tab.resize(1366, 700)
    tab.show()
    app.processEvents()
    start = time.perf_counter()
    tab.year.setCurrentIndex(max(0, tab.year.findData(YEAR)))
    tab.unit.setCurrentIndex(tab.unit.findData(unit))
    app.processEvents()
    while tab.reading:              # the registers are read off the GUI thread
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    first = time.perf_counter() - start
    assert tab.current is not None and tab.current.unit_code == unit
    times = []
    for n in range(samples):
        start = time.perf_counter()
        tab.answer("2", ("yes", "no")[n % 2])
        times.append(time.perf_counter() - start)
        app.processEvents()
    tab.close()
    ctx.close()
    return first, times


def files(folder: Path, units: int = 73) -> None:
    from vernetool.domain.annual.answers import AnswersFile, answers_to_json
    from vernetool.services.annual.questionnaires import questionnaire_for

    q = questionnaire_for(2024)
    rng = random.Random(5)
    for n in range(units):
        answers: dict[str, str] = {}
        for question in q.active_questions():
            if question.kind == "text":
                answers[question.id] = "Jevnlige møter med de som har fått oppgavene."
            elif q.is_asked(question.id, answers):
                answers[question.id] = rng.choice(question.codes)
        code = f"U{n:02d}"
        data = answers_to_json(AnswersFile(2024, code, f"Enhet {n}", "Leder", "Verneombud",
                                           "2024-11-20T10:00:00Z", answers))
        (folder / f"{code}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def aggregate(folder: Path, samples: int) -> tuple[list[float], list[float]]:
    from vernetool.services.annual.aggregate import AnnualAggregateService

    service = AnnualAggregateService()
    ours, raw = [], []
    for _ in range(samples):
        start = time.perf_counter()
        result = service.aggregate([folder], 2024)
        ours.append(time.perf_counter() - start)
        assert result.current is not None and result.current.units == 73, result.errors
        start = time.perf_counter()
        for path in sorted(folder.glob("*.json")):
            with path.open(encoding="utf-8") as handle:
                json.load(handle)
        raw.append(time.perf_counter() - start)
    return ours, raw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        shutil.copyfile(args.db, db)
        unit = largest_unit(db)
        first, ours = answering(db, unit, args.samples)
        raw = floor(db, args.samples)
        print(f"form of {unit} opened and shown: {first * 1000:.0f} ms (the registers read off "
              "the GUI thread)")
        print(f"one answer (commit + form read + shown): {_ms(ours):.2f} ms, floor (raw "
              f"upsert + commit) {_ms(raw):.2f} ms: {_ms(ours) / _ms(raw):.1f} ×")
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        files(folder)
        agg, floor_read = aggregate(folder, max(5, args.samples // 10))
        print(f"aggregate of 73 files: {_ms(agg):.1f} ms, floor (json.load of each) "
              f"{_ms(floor_read):.1f} ms: {_ms(agg) / _ms(floor_read):.1f} ×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
