"""``outbox_bundle``: the bundles, their zips, attempts, outcomes and receipts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from vernetool.domain.delivery.kinds import Sends
from vernetool.domain.delivery.model import Bundle, BundleStatus

NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

_COLUMNS = ("b.bundle_id, t.name AS target, b.kind, b.created_at, b.since_seq, b.upto_seq, "
            "b.since_bundle, b.rows, b.sha256, b.size_bytes, b.status, b.attempts, "
            "b.attempted_at, b.next_attempt_at, b.last_error, b.receipt_json, b.delivered_at")
_FROM = "FROM outbox_bundle b JOIN delivery_target t ON t.id = b.target_id"


@dataclass(frozen=True)
class NewBundle:
    bundle_id: str
    target_id: int
    kind: Sends
    created_at: str
    since_seq: int
    upto_seq: int
    since_bundle: str | None
    rows: int
    sha256: str
    zip: bytes


def _bundle(row: sqlite3.Row) -> Bundle:
    receipt = json.loads(row["receipt_json"]) if row["receipt_json"] is not None else None
    return Bundle(bundle_id=str(row["bundle_id"]), target=str(row["target"]),
                  kind=Sends(row["kind"]), created_at=str(row["created_at"]),
                  since_seq=int(row["since_seq"]), upto_seq=int(row["upto_seq"]),
                  since_bundle=row["since_bundle"], rows=int(row["rows"]),
                  sha256=str(row["sha256"]), size_bytes=int(row["size_bytes"]),
                  status=BundleStatus(row["status"]), attempts=int(row["attempts"]),
                  attempted_at=row["attempted_at"], next_attempt_at=row["next_attempt_at"],
                  last_error=str(row["last_error"]), receipt=receipt,
                  delivered_at=row["delivered_at"])


def insert_bundle(conn: sqlite3.Connection, new: NewBundle) -> None:
    conn.execute(
        "INSERT INTO outbox_bundle (bundle_id, target_id, kind, created_at, since_seq, "
        "upto_seq, since_bundle, rows, sha256, size_bytes, zip, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')",
        (new.bundle_id, new.target_id, new.kind.value, new.created_at, new.since_seq,
         new.upto_seq, new.since_bundle, new.rows, new.sha256, len(new.zip), new.zip))


def get_bundle(conn: sqlite3.Connection, bundle_id: str) -> Bundle | None:
    row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE b.bundle_id = ?",
                       (bundle_id,)).fetchone()
    return None if row is None else _bundle(row)


def bundle_zip(conn: sqlite3.Connection, bundle_id: str) -> bytes:
    row = conn.execute("SELECT zip FROM outbox_bundle WHERE bundle_id = ?",
                       (bundle_id,)).fetchone()
    if row is None:
        raise LookupError(bundle_id)
    return bytes(row[0])


def open_bundle(conn: sqlite3.Connection, target_id: int, kind: str) -> Bundle | None:
    """The target's queued or failed bundle of ``kind``, if any (at most one is open)."""
    row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE b.target_id = ? AND b.kind = ? "
                       "AND b.status IN ('queued', 'failed') ORDER BY b.created_at, b.rowid "
                       "LIMIT 1", (target_id, kind)).fetchone()
    return None if row is None else _bundle(row)


def bundles(conn: sqlite3.Connection, *, target_id: int | None = None,
            statuses: Sequence[BundleStatus] = (), limit: int | None = None) -> list[Bundle]:
    """Bundles, newest first, filtered by target and status."""
    where: list[str] = ["1"]
    params: list[object] = []
    if target_id is not None:
        where.append("b.target_id = ?")
        params.append(target_id)
    if statuses:
        where.append(f"b.status IN ({', '.join('?' * len(statuses))})")
        params.extend(s.value for s in statuses)
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    return [_bundle(r) for r in conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE {' AND '.join(where)} "
        f"ORDER BY b.created_at DESC, b.rowid DESC{tail}", params)]


def due_bundles(conn: sqlite3.Connection, now: str, *, target_id: int | None = None
                ) -> list[Bundle]:
    """Queued bundles whose next attempt has come, oldest first."""
    return [_bundle(r) for r in conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE b.status = 'queued' AND (? IS NULL OR b.target_id = ?) "
        "AND (b.next_attempt_at IS NULL OR b.next_attempt_at <= ?) "
        "ORDER BY b.created_at, b.rowid", (target_id, target_id, now))]


def counts(conn: sqlite3.Connection, target_id: int | None = None) -> dict[BundleStatus, int]:
    found = {BundleStatus(r[0]): int(r[1]) for r in conn.execute(
        "SELECT status, count(*) FROM outbox_bundle WHERE ? IS NULL OR target_id = ? "
        "GROUP BY status", (target_id, target_id))}
    return {s: found.get(s, 0) for s in BundleStatus}


def mark_attempt(conn: sqlite3.Connection, bundle_id: str, now: str) -> None:
    conn.execute("UPDATE outbox_bundle SET attempts = attempts + 1, attempted_at = ? "
                 "WHERE bundle_id = ?", (now, bundle_id))


def mark_delivered(conn: sqlite3.Connection, bundle_id: str, receipt: object, now: str) -> bool:
    """Record the receipt; False when the bundle is no longer queued (discarded meanwhile —
    the receipt is kept all the same, a delivered bundle is delivered)."""
    cur = conn.execute(
        "UPDATE outbox_bundle SET status = 'delivered', receipt_json = ?, delivered_at = ?, "
        "next_attempt_at = NULL, last_error = '' WHERE bundle_id = ? AND status <> 'delivered'",
        (json.dumps(receipt, ensure_ascii=False, sort_keys=True), now, bundle_id))
    return cur.rowcount > 0


def mark_retry(conn: sqlite3.Connection, bundle_id: str, next_attempt_at: str,
               reason: str) -> None:
    conn.execute("UPDATE outbox_bundle SET next_attempt_at = ?, last_error = ? "
                 "WHERE bundle_id = ? AND status = 'queued'", (next_attempt_at, reason, bundle_id))


def mark_failed(conn: sqlite3.Connection, bundle_id: str, reason: str) -> None:
    conn.execute("UPDATE outbox_bundle SET status = 'failed', last_error = ?, "
                 "next_attempt_at = NULL WHERE bundle_id = ? AND status = 'queued'",
                 (reason, bundle_id))


def requeue(conn: sqlite3.Connection, bundle_id: str) -> bool:
    """A failed (or waiting) bundle goes out at the next sync, same bytes, same id."""
    cur = conn.execute("UPDATE outbox_bundle SET status = 'queued', next_attempt_at = NULL "
                       "WHERE bundle_id = ? AND status IN ('failed', 'queued')", (bundle_id,))
    return cur.rowcount > 0


def discard(conn: sqlite3.Connection, bundle_id: str) -> bool:
    cur = conn.execute("UPDATE outbox_bundle SET status = 'discarded', next_attempt_at = NULL "
                       "WHERE bundle_id = ? AND status IN ('failed', 'queued')", (bundle_id,))
    return cur.rowcount > 0


def last_delivered(conn: sqlite3.Connection, target_id: int, kind: str) -> Bundle | None:
    row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE b.target_id = ? AND b.kind = ? "
                       "AND b.status = 'delivered' ORDER BY b.upto_seq DESC, b.delivered_at "
                       "DESC LIMIT 1", (target_id, kind)).fetchone()
    return None if row is None else _bundle(row)
