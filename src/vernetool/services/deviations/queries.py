"""The deviations list (filtered, sorted, paged in SQL), its counts per status, and all a
deviation's detail panel shows, read in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from vernetool.db.deviations import actions, attachments, queries, records
from vernetool.db.deviations.attachments import Attachment
from vernetool.db.deviations.queries import DeviationFilter, DeviationRow, DeviationSort
from vernetool.db.deviations.records import StatusHistoryEntry
from vernetool.domain.deviations.rules import Action, Deviation
from vernetool.services.store import Store

__all__ = ["DeviationDetails", "DeviationFilter", "DeviationQueryService", "DeviationRow",
           "DeviationSort"]


ANY = DeviationFilter()  # the whole list


@dataclass(frozen=True)
class DeviationDetails:
    """One deviation with its measures, status history and attachments."""

    deviation: Deviation
    actions: list[Action]
    history: list[StatusHistoryEntry]
    attachments: list[Attachment]
    attachment_paths: dict[int, Path]   # by attachment id, where its content lives
    overdue: bool


class DeviationQueryService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def page(self, flt: DeviationFilter = ANY, *,
             sort: DeviationSort = DeviationSort.REPORTED_AT, descending: bool = True,
             offset: int = 0, limit: int = -1, today: dt.date | None = None
             ) -> list[DeviationRow]:
        """A page of the list, newest first by default."""
        with self.store.read() as conn:
            return queries.query_deviations(conn, flt, sort=sort, descending=descending,
                                            offset=offset, limit=limit, today=today)

    def count(self, flt: DeviationFilter = ANY, *,
              today: dt.date | None = None) -> int:
        with self.store.read() as conn:
            return queries.count_deviations(conn, flt, today=today)

    def status_counts(self, flt: DeviationFilter = ANY, *,
                      today: dt.date | None = None) -> dict[str, int]:
        """Counts per status under ``flt`` without its status choice, with ``total``,
        ``open`` and ``overdue``."""
        with self.store.read() as conn:
            return queries.status_counts(conn, flt, today=today)

    def details(self, deviation_id: int, *, today: dt.date | None = None
                ) -> DeviationDetails | None:
        """What the detail panel shows, or ``None`` when the deviation is gone."""
        with self.store.read() as conn:
            dev = records.get_deviation(conn, deviation_id)
            if dev is None:
                return None
            measures = actions.list_actions(conn, deviation_id)
            files = attachments.list_attachments(conn, deviation_id)
            history = records.status_history(conn, deviation_id)
        paths = {a.id: attachments.attachment_path(self.store.data_dir, a) for a in files}
        return DeviationDetails(dev, measures, history, files, paths,
                                dev.is_overdue(today or dt.date.today(), measures))
