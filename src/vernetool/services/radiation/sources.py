"""The radiation register's sources: save and find them, their DSA status history, leak tests
and disposal, and what they hold now (activity decayed to a date, by the domain's
A0 · 2^(−t/T½) over the reference half-lives)."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence

from vernetool.db.radiation import sources as source_rows
from vernetool.db.radiation.sources import SourceFilter, prepare_source
from vernetool.domain.radiation.model import (
    LeakTest,
    LeakTestInput,
    Source,
    SourceDisposal,
    SourceInput,
    SourceNow,
    SourceStatusChange,
)
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LeakTestState,
    LeakTestStatus,
    SourceKind,
    is_held,
    leak_test_status,
)
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["RadiationSourcesService", "SourceFilter", "current_activity_bq", "source_now"]

#: the leak-test states a "due" list shows
DUE_STATES = frozenset({LeakTestState.OVERDUE, LeakTestState.DUE_SOON,
                        LeakTestState.NEVER_TESTED})


def current_activity_bq(source: Source, as_of: dt.date) -> float | None:
    """The source's activity on ``as_of`` in Bq (None without a stated activity)."""
    if source.activity_bq is None or source.reference_date is None or not source.nuclide:
        return None
    from vernetool.domain.radiation.activity import activity_at

    return activity_at(source.activity_bq, source.nuclide, source.reference_date, as_of)


def source_now(source: Source, as_of: dt.date, warn_days: int = 30) -> SourceNow:
    """``source`` as it stands on ``as_of`` (see ``SourceNow``)."""
    waste = None
    if (source.kind is SourceKind.OPEN_SOURCE and source.waste_pickup_on is not None
            and source.activity_bq is not None and source.reference_date is not None):
        from vernetool.domain.radiation.activity import waste_activity_at_pickup

        waste = waste_activity_at_pickup(source.activity_bq, source.nuclide,
                                         source.reference_date, source.waste_pickup_on)
    return SourceNow(source, as_of, current_activity_bq(source, as_of), waste,
                     _leak_test(source, as_of, warn_days))


def _leak_test(source: Source, as_of: dt.date, warn_days: int) -> LeakTestStatus | None:
    if source.kind is not SourceKind.SEALED_SOURCE:
        return None
    if source.leak_test_last is None:     # never tested: due whatever the interval
        return leak_test_status(None, source.leak_test_interval_months or 12, as_of, warn_days)
    if source.leak_test_interval_months is None:
        return None          # tested, but no interval given: nothing is due
    return leak_test_status(source.leak_test_last, source.leak_test_interval_months, as_of,
                            warn_days)


class RadiationSourcesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading --------------------------------------------------------------------------
    def get(self, source_id: int) -> Source:
        with self.store.read() as conn:
            return source_rows.require_source(conn, source_id)

    def list(self, flt: SourceFilter | None = None, *, text: str = "") -> builtins.list[Source]:
        """The register (disposed sources only when the filter asks); ``text``: words found
        anywhere in kind, nuclide, make, model, serial number, DSA id, room, location …"""
        with self.store.read() as conn:
            return source_rows.list_sources(conn, flt or SourceFilter(text))

    def find(self, make: str, serial_number: str) -> Source | None:
        """The source with this make + serial number (the natural key)."""
        with self.store.read() as conn:
            found = source_rows.find_source(conn, make, serial_number)
            return None if found is None else source_rows.require_source(conn, found)

    def now(self, source_id: int, as_of: dt.date | None = None) -> SourceNow:
        """The source with its current activity, waste and leak-test state on ``as_of``."""
        return source_now(self.get(source_id), as_of or dt.date.today())

    def register_now(self, flt: SourceFilter | None = None, as_of: dt.date | None = None
                     ) -> builtins.list[SourceNow]:
        """The register as the sources table shows it: each with its activity on ``as_of``."""
        day = as_of or dt.date.today()
        return [source_now(s, day) for s in self.list(flt)]

    def room_sources(self, room_id: int, as_of: dt.date | None = None) -> builtins.list[SourceNow]:
        """The sources held in the room (not disposed, not sold, condemned, deposited or
        returned), each with its activity on ``as_of`` (default today): the room detail."""
        day = as_of or dt.date.today()
        with self.store.read() as conn:
            found = source_rows.list_sources(conn, SourceFilter(room_id=room_id))
        return [source_now(s, day) for s in found if is_held(s.dsa_status)]

    def status_history(self, source_id: int) -> builtins.list[SourceStatusChange]:
        with self.store.read() as conn:
            source_rows.require_source(conn, source_id)
            return source_rows.status_history(conn, source_id)

    def leak_tests(self, source_id: int) -> builtins.list[LeakTest]:
        with self.store.read() as conn:
            source_rows.require_source(conn, source_id)
            return source_rows.leak_tests(conn, source_id)

    def due_leak_tests(self, as_of: dt.date | None = None, warn_days: int = 30
                       ) -> builtins.list[SourceNow]:
        """Sealed sources held and not disposed whose leak test is overdue, due within
        ``warn_days`` or never done, most urgent first."""
        day = as_of or dt.date.today()
        with self.store.read() as conn:
            sealed = source_rows.list_sources(conn, SourceFilter(sealed_only=True))
        due = [source_now(s, day, warn_days) for s in sealed if is_held(s.dsa_status)]
        due = [n for n in due if n.leak_test is not None and n.leak_test.state in DUE_STATES]
        return sorted(due, key=lambda n: (n.leak_test.next_due or dt.date.min
                                          if n.leak_test else dt.date.min, n.source.id))

    # -- writing --------------------------------------------------------------------------
    def save(self, inp: SourceInput, source_id: int | None = None) -> Source:
        """Add a source (``source_id`` None) or change one. Checked by the domain's rules
        (nuclide, activity and unit, laser class, notifiability, leak-test schedule); a new
        DSA status goes into the history."""
        prep = prepare_source(inp)
        topic = Change(Topic.SOURCES, (source_id,)) if source_id is not None else Topic.SOURCES
        with self.store.write(topic) as conn:
            if source_id is None:
                source_id = source_rows.insert_source(conn, prep, actor=self.store.actor)
            else:
                source_rows.update_source(conn, source_id, prep, actor=self.store.actor)
            return source_rows.require_source(conn, source_id)

    def upsert(self, items: Sequence[SourceInput]) -> tuple[builtins.list[int], int]:
        """Many sources on their natural key (an import): (ids, how many changed). All or
        nothing; the same items again change nothing."""
        prepared = [prepare_source(inp) for inp in items]
        with self.store.write(Topic.SOURCES) as conn:
            return source_rows.upsert_sources(conn, prepared, actor=self.store.actor)

    def record_status(self, source_id: int, status: DsaStatus, on: dt.date | None = None,
                      note: str = "") -> Source:
        """A DSA status change (``on`` default today), kept in the status history."""
        with self.store.write(Change(Topic.SOURCES, (source_id,))) as conn:
            source_rows.record_status(conn, source_id, DsaStatus(status),
                                      on or dt.date.today(), note, actor=self.store.actor)
            return source_rows.require_source(conn, source_id)

    def record_leak_test(self, inp: LeakTestInput) -> Source:
        """A leak test of a sealed source; the next one is due an interval after the latest."""
        with self.store.write(Change(Topic.SOURCES, (inp.source_id,))) as conn:
            source_rows.add_leak_test(conn, inp, actor=self.store.actor)
            return source_rows.require_source(conn, inp.source_id)

    def dispose(self, source_id: int, disposal: SourceDisposal,
                status: DsaStatus | None = None) -> Source:
        """Record how the source left (date, how, receipt); ``status`` (returned, deposited,
        condemned, sold …) goes into the DSA status history. The source stays in the
        register (shown with disposed sources)."""
        with self.store.write(Change(Topic.SOURCES, (source_id,))) as conn:
            source_rows.dispose_source(conn, source_id, disposal, status,
                                       actor=self.store.actor)
            return source_rows.require_source(conn, source_id)
