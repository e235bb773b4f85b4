"""Regenerates ``schema3.sqlite``: a database of schema version 3 (the first released schema of
rounds and deviations) with a little data in every area, and ``schema.sql``, the schema the
migrations build today.

Run: .venv/bin/python tests/data/make_schema3_db.py. Once released, keep schema3.sqlite as it
is; a later migration adds its own make_schemaN script and fixture.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.ui.round_helpers import make_round  # noqa: E402

from vernetool.db.deviations import records as deviations  # noqa: E402
from vernetool.db.migrations import open_store, schema_version  # noqa: E402
from vernetool.db.rounds import findings, rounds  # noqa: E402
from vernetool.domain.deviations.rules import Deviation, DeviationType, Injury  # noqa: E402
from vernetool.domain.rounds import Finding, Severity  # noqa: E402


def schema_sql(conn: sqlite3.Connection) -> str:
    rows = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name").fetchall()
    return "".join(f"{row[0]};\n" for row in rows)


def main() -> None:
    target = HERE / "schema3.sqlite"
    target.unlink(missing_ok=True)
    conn = open_store(target)
    assert schema_version(conn) == 3, "this fixture is of schema 3"
    setup = make_round(conn, rooms=2)
    room_rooms = rounds.round_rooms(conn, setup.round_id)
    item = conn.execute("SELECT id FROM checklist_item ORDER BY id LIMIT 1").fetchone()[0]
    rounds.save_answer(conn, room_rooms[0].id, item, "kari", answer="improve",
                       comment="Kabler over gulvet")
    findings.save_finding(conn, Finding("Kabler over gulvet", Severity.MEDIUM,
                                        action="Legg kabelkanal", deadline=dt.date(2026, 4, 1),
                                        round_room_id=room_rooms[0].id, item_id=item), "kari")
    deviations.create_deviation(conn, Deviation(
        type=DeviationType.ACCIDENT, title="Kuttskade ved glassbrudd",
        reported_at=dt.date(2026, 3, 3), potential_consequence=3, probability=2,
        injury=Injury()), actor="kari")
    conn.close()
    with sqlite3.connect(target) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
    raw.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    conn = open_store(HERE / "fresh.sqlite")
    (HERE / "schema.sql").write_text(schema_sql(conn), encoding="utf-8")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{HERE / 'fresh.sqlite'}{suffix}").unlink(missing_ok=True)
    print(f"wrote {target} and schema.sql")


if __name__ == "__main__":
    main()
