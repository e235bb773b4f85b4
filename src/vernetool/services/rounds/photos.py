"""Photos of a round's rooms: stored content-addressed beside the database, linked to the room."""

from __future__ import annotations

from pathlib import Path

from vernetool import attachments
from vernetool.db.rounds import findings
from vernetool.db.rounds.findings import Photo
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store


class RoundPhotosService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_room(self, round_room_id: int) -> list[Photo]:
        with self.store.read() as conn:
            return findings.photos_for_room(conn, round_room_id)

    def path_of(self, sha256: str, extension: str) -> Path:
        return attachments.path_for(self.store.data_dir, sha256, extension)

    def add(self, round_room_id: int, source: Path, *, item_id: int | None = None,
            finding_id: int | None = None) -> int:
        """Store an image file and link it to the room (and the item and finding it shows);
        ``attachments.AttachmentError``/``OSError`` for a file that cannot be stored."""
        stored = attachments.store_file(self.store.data_dir, source, images_only=True)
        with self.store.write(Change(Topic.PHOTOS, (round_room_id,))) as conn:
            return findings.add_photo(conn, round_room_id, stored.sha256, stored.extension,
                                      stored.original_name, stored.size_bytes,
                                      item_id=item_id, finding_id=finding_id)

    def remove(self, round_room_id: int, photo_id: int) -> None:
        """Unlink a photo from the room (the stored file stays: other links may use it)."""
        with self.store.write(Change(Topic.PHOTOS, (round_room_id,))) as conn:
            findings.remove_photo(conn, photo_id)
