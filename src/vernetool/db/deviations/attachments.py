"""Files linked to a deviation (photos, documents), kept in the shared content-addressed store
of ``vernetool.attachments``."""

from __future__ import annotations

import mimetypes
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from vernetool.attachments import (
    AttachmentError,
    StoredFile,
    path_for,
    safe_extension,
    store_bytes,
    store_file,
)
from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.deviations.sql import ENTITY
from vernetool.domain.errors import ValidationError

# --- attachments ----------------------------------------------------------------------

@dataclass(frozen=True)
class Attachment:
    id: int
    deviation_id: int
    sha256: str
    original_name: str
    media_type: str
    size_bytes: int
    added_at: str
    added_by: str


def attachment_path(data_dir: Path, attachment: Attachment) -> Path:
    """Where the attachment's content lives in the shared store (``vernetool.attachments``):
    ``<data_dir>/attachments/ab/<sha256><.ext>``."""
    return path_for(data_dir, attachment.sha256, safe_extension(attachment.original_name))


def link_stored(conn: sqlite3.Connection, deviation_id: int, stored: StoredFile, *,
          actor: str) -> Attachment:
    media = mimetypes.guess_type(f"x{stored.extension}")[0] or ""
    with atomic(conn):
        conn.execute(
            "INSERT INTO deviation_attachment (deviation_id, sha256, original_name, media_type, "
            "size_bytes, added_by) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (deviation_id, sha256) DO NOTHING",
            (deviation_id, stored.sha256, stored.original_name, media, stored.size_bytes,
             actor))
        row = conn.execute("SELECT * FROM deviation_attachment WHERE deviation_id = ? AND "
                           "sha256 = ?", (deviation_id, stored.sha256)).fetchone()
        audit.record(conn, actor, ENTITY, deviation_id, "attach",
                     {"sha256": stored.sha256, "name": stored.original_name})
    return _attachment(row)


def _check_deviation(conn: sqlite3.Connection, deviation_id: int) -> None:
    if conn.execute("SELECT 1 FROM deviation WHERE id = ?",
                    (deviation_id,)).fetchone() is None:
        raise ValidationError("deviation.no_such_id", "id", deviation_id=deviation_id)


def add_attachment_bytes(conn: sqlite3.Connection, data_dir: Path, deviation_id: int,
                         name: str, data: bytes, *, actor: str) -> Attachment:
    """Store ``data`` content-addressed (the file name never becomes a path) and link it."""
    _check_deviation(conn, deviation_id)
    safe = name.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        stored = store_bytes(data_dir, data, safe)
    except AttachmentError as exc:
        raise ValidationError(exc.code, "attachment", **exc.params) from None
    return link_stored(conn, deviation_id, stored, actor=actor)


def add_attachment(conn: sqlite3.Connection, data_dir: Path, deviation_id: int, source: Path,
                   *, actor: str) -> Attachment:
    """Copy a file (e.g. a photo) into the attachment store and link it to the deviation."""
    _check_deviation(conn, deviation_id)
    try:
        stored = store_file(data_dir, source)
    except AttachmentError as exc:
        raise ValidationError(exc.code, "attachment", **exc.params) from None
    return link_stored(conn, deviation_id, stored, actor=actor)


def _attachment(row: sqlite3.Row) -> Attachment:
    return Attachment(row["id"], row["deviation_id"], row["sha256"], row["original_name"],
                      row["media_type"], row["size_bytes"], row["added_at"], row["added_by"])


def list_attachments(conn: sqlite3.Connection, deviation_id: int) -> list[Attachment]:
    rows = conn.execute("SELECT * FROM deviation_attachment WHERE deviation_id = ? ORDER BY id",
                        (deviation_id,)).fetchall()
    return [_attachment(r) for r in rows]


def export_attachment(data_dir: Path, attachment: Attachment, target: Path) -> Path:
    shutil.copyfile(attachment_path(data_dir, attachment), target)
    return target
