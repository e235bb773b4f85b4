"""Photos and files on a deviation, kept in the shared content-addressed attachment store."""

from __future__ import annotations

from pathlib import Path

from vernetool.db.deviations import attachments
from vernetool.db.deviations.attachments import Attachment
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["Attachment", "DeviationAttachmentsService"]


class DeviationAttachmentsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_deviation(self, deviation_id: int) -> list[Attachment]:
        with self.store.read() as conn:
            return attachments.list_attachments(conn, deviation_id)

    def attach_file(self, deviation_id: int, source: Path) -> Attachment:
        """Copy a file (e.g. a photo) into the attachment store and link it.

        ``ValidationError`` when the deviation is gone or the file cannot be taken in;
        ``OSError`` when it cannot be read.
        """
        with self.store.write(Change(Topic.DEVIATIONS, (deviation_id,))) as conn:
            return attachments.add_attachment(conn, self.store.data_dir, deviation_id, source,
                                              actor=self.store.actor)

    def attach_bytes(self, deviation_id: int, name: str, data: bytes) -> Attachment:
        """Store ``data`` under ``name`` (only its last part is kept) and link it."""
        with self.store.write(Change(Topic.DEVIATIONS, (deviation_id,))) as conn:
            return attachments.add_attachment_bytes(conn, self.store.data_dir, deviation_id,
                                                    name, data, actor=self.store.actor)

    def path_of(self, attachment: Attachment) -> Path:
        """Where the attachment's content lives (to show or open it)."""
        return attachments.attachment_path(self.store.data_dir, attachment)

    def paths(self, items: list[Attachment]) -> dict[int, Path]:
        """``path_of`` for each attachment, by attachment id (the detail's thumbnails)."""
        return {a.id: self.path_of(a) for a in items}

    def export(self, attachment: Attachment, target: Path) -> Path:
        """Copy the attachment's content to ``target``."""
        return attachments.export_attachment(self.store.data_dir, attachment, target)
