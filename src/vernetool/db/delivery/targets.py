"""``delivery_target``: where a database delivers to (never its token)."""

from __future__ import annotations

import json
import sqlite3

from vernetool.domain.delivery.kinds import TargetKind, parse_sends, sends_text
from vernetool.domain.delivery.model import Target

_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"


def _target(row: sqlite3.Row) -> Target:
    mapping = json.loads(row["mapping_json"]) if row["mapping_json"] else None
    return Target(id=int(row["id"]), name=str(row["name"]), kind=TargetKind(row["kind"]),
                  path=str(row["path"]), url=str(row["url"]), sends=parse_sends(row["sends"]),
                  token_env=str(row["token_env"]),
                  token_in_keyring=bool(row["token_in_keyring"]), mapping=mapping,
                  created_at=str(row["created_at"]), removed_at=row["removed_at"])


def list_targets(conn: sqlite3.Connection, *, include_removed: bool = False) -> list[Target]:
    where = "" if include_removed else "WHERE removed_at IS NULL"
    return [_target(r) for r in conn.execute(
        f"SELECT * FROM delivery_target {where} ORDER BY name COLLATE NOCASE, id")]


def get_target(conn: sqlite3.Connection, name: str) -> Target | None:
    """The target in use with that name (any case), or None."""
    row = conn.execute("SELECT * FROM delivery_target WHERE name = ? AND removed_at IS NULL",
                       (name.strip(),)).fetchone()
    return None if row is None else _target(row)


def get_target_by_id(conn: sqlite3.Connection, target_id: int) -> Target | None:
    row = conn.execute("SELECT * FROM delivery_target WHERE id = ?", (target_id,)).fetchone()
    return None if row is None else _target(row)


def insert_target(conn: sqlite3.Connection, target: Target) -> int:
    """Insert a checked target (the service validates); returns its id."""
    cur = conn.execute(
        "INSERT INTO delivery_target (name, kind, path, url, sends, token_env, "
        f"token_in_keyring, mapping_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, {_NOW})",
        (target.name, target.kind.value, target.path, target.url, sends_text(target.sends),
         target.token_env, int(target.token_in_keyring),
         "" if target.mapping is None else json.dumps(target.mapping, ensure_ascii=False,
                                                      sort_keys=True)))
    return int(cur.lastrowid or 0)


def set_token_in_keyring(conn: sqlite3.Connection, target_id: int, value: bool) -> None:
    conn.execute("UPDATE delivery_target SET token_in_keyring = ? WHERE id = ?",
                 (int(value), target_id))


def has_bundles(conn: sqlite3.Connection, target_id: int) -> bool:
    return conn.execute("SELECT 1 FROM outbox_bundle WHERE target_id = ? LIMIT 1",
                        (target_id,)).fetchone() is not None


def remove_target(conn: sqlite3.Connection, target_id: int) -> bool:
    """Delete a target that never had a bundle; mark one that had as removed (its bundles,
    receipts and history stay; the ones still queued or failed are discarded, since nothing
    will deliver them). True when it was deleted outright."""
    if has_bundles(conn, target_id):
        conn.execute(f"UPDATE delivery_target SET removed_at = {_NOW} WHERE id = ?",
                     (target_id,))
        conn.execute("UPDATE outbox_bundle SET status = 'discarded', next_attempt_at = NULL "
                     "WHERE target_id = ? AND status IN ('queued', 'failed')", (target_id,))
        return False
    conn.execute("DELETE FROM delivery_target WHERE id = ?", (target_id,))
    return True


def update_target(conn: sqlite3.Connection, target_id: int, target: Target) -> None:
    """Change a target's settings (the service validates); its id — and with it its outbox,
    receipts and watermarks — stays."""
    conn.execute(
        "UPDATE delivery_target SET kind = ?, path = ?, url = ?, sends = ?, token_env = ?, "
        "mapping_json = ? WHERE id = ?",
        (target.kind.value, target.path, target.url, sends_text(target.sends), target.token_env,
         "" if target.mapping is None else json.dumps(target.mapping, ensure_ascii=False,
                                                      sort_keys=True), target_id))
