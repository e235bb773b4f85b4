"""Round bundles between two laptops: export a round to a .zip, merge one into this store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vernetool.db.connection import connect
from vernetool.db.errors import known_errors
from vernetool.services.notifier import Topic
from vernetool.services.store import Store

if TYPE_CHECKING:
    from vernetool.exchange.round_bundle import MergeResult


class RoundBundlesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def export(self, round_id: int, out: Path) -> Path:
        """Write the round (answers, findings, photos) to ``out``; safe off the GUI thread."""
        from vernetool.exchange import round_bundle

        with self.store.reader() as conn:
            return round_bundle.export_bundle(conn, round_id, out, self.store.data_dir)

    def merge(self, source: Path) -> MergeResult:
        """Merge a bundle (one transaction, on a connection of its own so it can run off the
        GUI thread); the screens hear of the rounds, findings and photos it changed."""
        from vernetool.exchange import round_bundle

        with known_errors():
            conn = connect(self.store.db_path)
        try:
            with known_errors():
                    result = round_bundle.merge_bundle(conn, source, self.store.data_dir,
                                                   self.store.actor)
        finally:
            conn.close()
        self.store.publish(Topic.ROUNDS, Topic.FINDINGS, Topic.PHOTOS)
        return result
