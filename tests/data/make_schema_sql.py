"""Regenerates ``schema.sql``: the schema the migrations build today, headed by the two
pragmas that make a file a vernetool database of that version (application id, user version).

Run after adding a migration: .venv/bin/python tests/data/make_schema_sql.py
(``make_schema3_db.py`` made it up to schema 3; it now only documents that fixture.)
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from vernetool.db.migrations import open_store  # noqa: E402


def schema_sql(conn: sqlite3.Connection) -> str:
    """The pragmas, then every schema object's SQL in a stable order."""
    pragmas = "".join(f"PRAGMA {name} = {conn.execute(f'PRAGMA {name}').fetchone()[0]};\n"
                      for name in ("application_id", "user_version"))
    rows = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name").fetchall()
    return pragmas + "".join(f"{row[0]};\n" for row in rows)


def main() -> None:
    fresh = HERE / "fresh.sqlite"
    conn = open_store(fresh)
    try:
        (HERE / "schema.sql").write_text(schema_sql(conn), encoding="utf-8")
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    print(f"wrote {HERE / 'schema.sql'}")


if __name__ == "__main__":
    main()
