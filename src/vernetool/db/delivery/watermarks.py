"""``target_watermark``: per target and kind, the change log seq its last receipt covered."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Watermark:
    seq: int
    bundle_id: str | None        # the delivered bundle whose receipt set it (None: no bundle)


def get_watermark(conn: sqlite3.Connection, target_id: int, kind: str) -> Watermark | None:
    row = conn.execute("SELECT seq, bundle_id FROM target_watermark WHERE target_id = ? "
                       "AND kind = ?", (target_id, kind)).fetchone()
    return None if row is None else Watermark(int(row[0]), row[1])


def advance_watermark(conn: sqlite3.Connection, target_id: int, kind: str, seq: int,
                      bundle_id: str | None) -> None:
    """Move the watermark to ``seq`` (never back)."""
    conn.execute(
        "INSERT INTO target_watermark (target_id, kind, seq, bundle_id) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (target_id, kind) DO UPDATE SET seq = excluded.seq, "
        "bundle_id = coalesce(excluded.bundle_id, bundle_id), "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE excluded.seq > seq",
        (target_id, kind, seq, bundle_id))


def watermarks(conn: sqlite3.Connection, target_id: int) -> dict[str, Watermark]:
    return {str(r[0]): Watermark(int(r[1]), r[2]) for r in conn.execute(
        "SELECT kind, seq, bundle_id FROM target_watermark WHERE target_id = ?", (target_id,))}
