"""Kill-safety of the walk: a process answering through the walk view is killed with SIGKILL;
every answer it acknowledged is in the store afterwards and the store is intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.ui.round_helpers import make_round
from vernetool.db.migrations import open_store
from vernetool.db.rounds import rounds

# Answers items with the walk view's own key handling, prints "ACK <round room> <item>
# <answer> <comment>" once each answer is committed, and never stops by itself.
WALKER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from vernetool.context import AppContext
    from vernetool.settings import Settings
    from vernetool.ui.rounds.walk.view import RoundWalkView

    app = QApplication([])
    db, round_id = Path(sys.argv[1]), int(sys.argv[2])
    ctx = AppContext.open(db, Settings(db.parent / "walker-settings.json"))
    view = RoundWalkView(ctx, round_id)
    view.show()
    n = 0
    while True:
        row = view.rows[view.current_row]
        if row.answer is not None:
            if all(r.answer is not None for r in view.rows):
                view.room_done()
                print("ROOM", flush=True)
                if all(r.status.value == "done" for r in view.rooms):
                    print("FINISHED", flush=True)
                    app.exec()
            else:
                view.move_item(1)
            continue
        n += 1
        comment = f"c{n}" if n % 3 == 0 else ""
        if comment:
            view.edit_comment()
            QTest.keyClicks(view.comment, comment)
            QTest.keyClick(view.comment, Qt.Key.Key_Escape)   # commits and leaves the field
        key = Qt.Key.Key_1 if n % 2 else Qt.Key.Key_3
        QTest.keyClick(view.checklist, key)
        print("ACK", view.room.id, row.item.id, row.answer, comment, flush=True)
""")


def _run_until_killed(db_path: Path, round_id: int, script: Path, acks: int
                      ) -> list[tuple[int, int, str, str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    root = Path(__file__).resolve().parents[3]
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src"), str(root)])
    proc = subprocess.Popen([sys.executable, str(script), str(db_path), str(round_id)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen: list[tuple[int, int, str, str]] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            parts = line.split()
            if parts and parts[0] == "ACK":
                comment = parts[4] if len(parts) > 4 else ""
                seen.append((int(parts[1]), int(parts[2]), parts[3], comment))
            if len(seen) >= acks or (parts and parts[0] == "FINISHED"):
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        stderr = proc.stderr.read() if proc.stderr else ""
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL, stderr
    assert seen, stderr
    return seen


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_walk_loses_no_acknowledged_answer(db_path: Path, tmp_path: Path) -> None:
    """Six SIGKILLs at random points of the walk (the walker keeps answering while the test
    reads its acknowledgements, so each kill lands wherever it happens to be: in a write, a
    commit, typing a comment, moving on, finishing a room). After every kill: the store is
    intact, every acknowledged answer and comment is there, rooms with answers are no longer
    'pending', and the next run resumes at the first unanswered item."""
    conn = open_store(db_path)
    setup = make_round(conn, rooms=10)  # 40 items: more than the six runs answer
    conn.close()
    script = tmp_path / "walker.py"
    script.write_text(WALKER, encoding="utf-8")
    rng = random.Random(20261126)
    acknowledged: list[tuple[int, int, str, str]] = []
    for _run in range(6):
        acknowledged += _run_until_killed(db_path, setup.round_id, script, rng.randint(2, 6))
        check = open_store(db_path)
        try:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            for room_id, item_id, answer, comment in acknowledged:
                stored = rounds.answers_for_room(check, room_id)[item_id]
                assert stored.answer == answer
                if comment:
                    assert stored.comment == comment
            pending_with_answers = check.execute(
                "SELECT count(*) FROM round_room rr WHERE rr.status = 'pending' AND EXISTS "
                "(SELECT 1 FROM round_answer a WHERE a.round_room_id = rr.id)").fetchone()[0]
            assert pending_with_answers == 0
        finally:
            check.close()
    # each run went on from the first unanswered item, so nothing was answered twice
    assert len({(r, i) for r, i, _a, _c in acknowledged}) == len(acknowledged) >= 12
