"""The outbox: queue what is due, deliver it, keep the receipts.

- ``queue_due``: per target and kind it sends, when the change log holds entries beyond what
  the target's last receipt covered, the kind's payload is built and the bundle (zip +
  ``manifest.json``) queued — in the same write transaction that reads the records. At most
  one bundle per target and kind is open (queued or failed): a new one is cut only once the
  open one is delivered or discarded, and covers the change log from the last receipt's
  ``upto_seq`` on. So a change is in exactly one bundle the server accepts, and after a
  receipt the next bundle holds exactly what changed since.
- ``sync``: ``queue_due``, then each queued bundle whose time has come: the attempt is
  committed, the transport runs outside any transaction, and its outcome is recorded —
  ``Delivered`` (receipt kept, watermark moved to the bundle's ``upto_seq``), ``Retry`` (the
  next attempt after a back-off with jitter, never sooner than Retry-After) or ``Failed``
  (kept with the server's reason until a person re-queues or discards it). A kill at any
  moment loses nothing: the next sync sends the same bytes under the same bundle id.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import random
import uuid
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from vernetool.db import meta
from vernetool.db.delivery import changes as db_changes
from vernetool.db.delivery import outbox as db_outbox
from vernetool.db.delivery import watermarks as db_watermarks
from vernetool.domain.delivery import manifest as manifest_rules
from vernetool.domain.delivery.kinds import ENTITIES, Sends
from vernetool.domain.delivery.model import Bundle, BundleStatus, Target
from vernetool.domain.errors import ValidationError
from vernetool.services.delivery.targets import DATABASE_ID, TargetsService
from vernetool.services.delivery.types import (
    BundleReport,
    OutboxView,
    OutgoingBundle,
    Payload,
    SyncProgress,
    SyncResult,
    TargetReport,
)
from vernetool.services.notifier import Topic

if TYPE_CHECKING:
    import sqlite3

    from vernetool.domain.delivery.outcome import Outcome
    from vernetool.security.identity_vault import Keychain
    from vernetool.services.store import Store

log = logging.getLogger(__name__)

Deliver = Callable[[Target, OutgoingBundle, "str | None"], "Outcome"]
Clock = Callable[[], datetime]
UNIT_META = "delivery.unit"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _default_deliver(target: Target, bundle: OutgoingBundle, token: str | None) -> Outcome:
    from vernetool.services.delivery import transports

    return transports.deliver(target, bundle, token)


class DeliveryService:
    def __init__(self, store: Store, *, deliver: Deliver | None = None,
                 clock: Clock | None = None, keychain: Keychain | str | None = "system",
                 rand: Callable[[], float] | None = None) -> None:
        self.store = store
        self.targets = TargetsService(store, keychain)
        self._deliver = deliver or _default_deliver
        self._clock = clock or (lambda: datetime.now(UTC))
        self._rand = rand or random.random

    # -- queueing ------------------------------------------------------------------------------
    def queue_due(self, target: str | None = None) -> list[Bundle]:
        """Queue a bundle for each target (or just ``target``) and kind that has changes
        beyond its last receipt and no bundle open; returns the bundles queued."""
        queued: list[Bundle] = []
        for found in self._targets(target):
            for kind in found.sends:
                bundle = self._queue_one(found, kind)
                if bundle is not None:
                    queued.append(bundle)
        return queued

    def _queue_one(self, target: Target, kind: Sends) -> Bundle | None:
        from vernetool.services.delivery import payloads

        with self.store.read() as conn:  # cheap look first: most syncs find nothing new
            if not self._has_due(conn, target, kind):
                return None
        try:
            build = payloads.builder_for(kind)
        except payloads.NoBuilderError:
            log.warning("nothing builds %s bundles yet; %s gets none", kind.value, target.name)
            return None
        with self.store.write(Topic.OUTBOX) as conn:
            if not self._has_due(conn, target, kind):   # another sync got there first
                return None
            mark = db_watermarks.get_watermark(conn, target.id, kind.value)
            since_seq = mark.seq if mark else 0
            upto_seq = db_changes.last_seq(conn)
            payload = build(conn, target, since_seq, upto_seq)
            if payload.rows == 0:
                # the changes came to nothing this target receives: covered, nothing to send
                db_watermarks.advance_watermark(conn, target.id, kind.value, upto_seq, None)
                return None
            new = self._bundle(conn, target, kind, since_seq, upto_seq,
                               mark.bundle_id if mark else None, payload)
            db_outbox.insert_bundle(conn, new)
            queued = db_outbox.get_bundle(conn, new.bundle_id)
        assert queued is not None
        log.info("queued bundle %s for %s (%s, %d rows, seq %d..%d)", queued.bundle_id,
                 target.name, kind.value, queued.rows, since_seq, upto_seq)
        return queued

    @staticmethod
    def _has_due(conn: sqlite3.Connection, target: Target, kind: Sends) -> bool:
        if db_outbox.open_bundle(conn, target.id, kind.value) is not None:
            return False
        mark = db_watermarks.get_watermark(conn, target.id, kind.value)
        return db_changes.has_changes(conn, ENTITIES[kind], mark.seq if mark else 0)

    def _bundle(self, conn: sqlite3.Connection, target: Target, kind: Sends, since_seq: int,
                upto_seq: int, since_bundle: str | None, payload: Payload
                ) -> db_outbox.NewBundle:
        bundle_id = str(uuid.uuid4())
        now = self._clock()
        created_at = _iso(now)
        files = [manifest_rules.ManifestFile.of(f.path, f.data, f.rows) for f in payload.files]
        manifest = manifest_rules.build(
            bundle_id=bundle_id, target=target.name, kind=kind, created_at=created_at,
            database_id=self._database_id(conn), unit=self._unit(conn), since=since_bundle,
            files=files)
        data = _zip(manifest, payload, now)
        return db_outbox.NewBundle(
            bundle_id=bundle_id, target_id=target.id, kind=kind, created_at=created_at,
            since_seq=since_seq, upto_seq=upto_seq, since_bundle=since_bundle,
            rows=payload.rows, sha256=hashlib.sha256(data).hexdigest(), zip=data)

    @staticmethod
    def _database_id(conn: sqlite3.Connection) -> str:
        found = meta.get_meta(conn, DATABASE_ID)
        if not found:
            found = str(uuid.uuid4())
            meta.set_meta(conn, DATABASE_ID, found)
        return found

    @staticmethod
    def _unit(conn: sqlite3.Connection) -> str | None:
        """The unit the database speaks for: ``app_meta`` ``delivery.unit`` when set, else
        the top unit (no parent) holding the most rooms, else None."""
        chosen = meta.get_meta(conn, UNIT_META)
        if chosen:
            return chosen
        row = conn.execute(
            "SELECT u.code FROM unit u WHERE u.parent_id IS NULL ORDER BY "
            "(SELECT count(*) FROM room r WHERE r.unit_id = u.id) DESC, u.code LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    # -- delivering ----------------------------------------------------------------------------
    def sync(self, target: str | None = None,
             progress: Callable[[SyncProgress], None] | None = None,
             cancel: Callable[[], bool] | None = None) -> SyncResult:
        """Queue what is due, then deliver every queued bundle whose time has come."""
        chosen = self._targets(target)
        reports = {t.id: TargetReport(t.name) for t in chosen}
        touched: dict[str, int] = {}          # bundle id → target id, in the order met
        result = SyncResult([reports[t.id] for t in chosen])
        for found in chosen:
            if cancel is not None and cancel():
                result.cancelled = True
                break
            for bundle in self.queue_due(found.name):
                touched[bundle.bundle_id] = found.id
        by_id = {t.id: t for t in chosen}
        errors: dict[str, str] = {}
        if not result.cancelled:
            now = _iso(self._clock())
            with self.store.read() as conn:
                due = [(tid, b) for tid in by_id
                       for b in db_outbox.due_bundles(conn, now, target_id=tid)]
            due.sort(key=lambda pair: (pair[1].created_at, pair[1].bundle_id))
            for done, (tid, bundle) in enumerate(due):
                if cancel is not None and cancel():
                    result.cancelled = True
                    break
                if progress is not None:
                    progress(SyncProgress(done, len(due), bundle.target, bundle.kind.value,
                                          bundle.bundle_id))
                touched[bundle.bundle_id] = tid
                problem = self._send(by_id[tid], bundle)
                if problem:
                    errors[bundle.bundle_id] = problem
                    reports[tid].failed += 1
            if progress is not None and not result.cancelled:
                progress(SyncProgress(len(due), len(due), "", "", ""))
        with self.store.read() as conn:
            for bundle_id, tid in touched.items():
                after = db_outbox.get_bundle(conn, bundle_id)
                assert after is not None
                report = reports[tid]
                if after.status is BundleStatus.DELIVERED and bundle_id not in errors:
                    report.delivered += 1
                elif after.status is BundleStatus.FAILED and bundle_id not in errors:
                    report.failed += 1
                report.bundles.append(BundleReport(
                    after.bundle_id, after.kind.value, after.rows, after.status.value,
                    after.receipt, errors.get(bundle_id) or after.last_error,
                    not_sent=bundle_id in errors))
            for tid, report in reports.items():
                report.pending = db_outbox.counts(conn, tid)[BundleStatus.QUEUED]
        return result

    def _send(self, target: Target, bundle: Bundle) -> str:
        """One attempt at ``bundle``; returns a problem that kept it from being tried
        (no token), else ''."""
        from vernetool.domain.delivery import backoff
        from vernetool.domain.delivery.outcome import Delivered, Failed, Retry

        try:
            token = self.targets.token_for(target)
        except ValidationError as exc:
            return exc.message           # names the variable or the keyring, never a token
        with self.store.write(Topic.OUTBOX) as conn:
            db_outbox.mark_attempt(conn, bundle.bundle_id, _iso(self._clock()))
            data = db_outbox.bundle_zip(conn, bundle.bundle_id)
        outgoing = OutgoingBundle(bundle.bundle_id, bundle.kind.value, bundle.sha256, data)
        outcome = self._deliver(target, outgoing, token)      # no transaction open here
        now = self._clock()
        with self.store.write(Topic.OUTBOX) as conn:
            if isinstance(outcome, Delivered):
                db_outbox.mark_delivered(conn, bundle.bundle_id, outcome.receipt, _iso(now))
                db_watermarks.advance_watermark(conn, target.id, bundle.kind.value,
                                                bundle.upto_seq, bundle.bundle_id)
                log.info("delivered bundle %s to %s", bundle.bundle_id, target.name)
            elif isinstance(outcome, Retry):
                delay = backoff.next_delay(bundle.attempts + 1, retry_after=outcome.retry_after,
                                           rand=self._rand)
                db_outbox.mark_retry(conn, bundle.bundle_id,
                                     _iso(now + timedelta(seconds=delay)), outcome.reason)
                log.info("bundle %s to %s: retry in %.0f s (%s)", bundle.bundle_id,
                         target.name, delay, outcome.reason)
            elif isinstance(outcome, Failed):
                db_outbox.mark_failed(conn, bundle.bundle_id, outcome.reason)
                log.warning("bundle %s to %s failed: %s", bundle.bundle_id, target.name,
                            outcome.reason)
            else:  # pragma: no cover - a transport returning something else is a bug
                raise TypeError(f"a transport returned {outcome!r}")
        return ""

    # -- the outbox ----------------------------------------------------------------------------
    def outbox(self, target: str | None = None) -> OutboxView:
        target_id = self.targets.get(target).id if target else None
        with self.store.read() as conn:
            found = db_outbox.bundles(conn, target_id=target_id)
        return OutboxView(
            queued=[b for b in found if b.status is BundleStatus.QUEUED],
            delivered=[b for b in found if b.status is BundleStatus.DELIVERED],
            failed=[b for b in found if b.status is BundleStatus.FAILED],
            discarded=[b for b in found if b.status is BundleStatus.DISCARDED])

    def counts(self) -> dict[BundleStatus, int]:
        """Bundles per status (the status bar: pending = queued, failed)."""
        with self.store.read() as conn:
            return db_outbox.counts(conn)

    def bundle(self, bundle_id: str) -> Bundle:
        with self.store.read() as conn:
            found = db_outbox.get_bundle(conn, bundle_id)
        if found is None:
            raise ValidationError("delivery.bundle_unknown", "bundle", bundle_id=bundle_id)
        return found

    def bundle_zip(self, bundle_id: str) -> bytes:
        self.bundle(bundle_id)
        with self.store.read() as conn:
            return db_outbox.bundle_zip(conn, bundle_id)

    def requeue(self, bundle_id: str) -> Bundle:
        """A failed (or waiting) bundle goes out at the next sync: same bytes, same id."""
        with self.store.write(Topic.OUTBOX) as conn:
            if not db_outbox.requeue(conn, bundle_id):
                raise self._not_open(conn, bundle_id)
            found = db_outbox.get_bundle(conn, bundle_id)
        assert found is not None
        return found

    def discard(self, bundle_id: str) -> Bundle:
        """Give a failed or queued bundle up; the changes it held go in the next bundle."""
        with self.store.write(Topic.OUTBOX) as conn:
            if not db_outbox.discard(conn, bundle_id):
                raise self._not_open(conn, bundle_id)
            found = db_outbox.get_bundle(conn, bundle_id)
        assert found is not None
        return found

    @staticmethod
    def _not_open(conn: sqlite3.Connection, bundle_id: str) -> ValidationError:
        found = db_outbox.get_bundle(conn, bundle_id)
        if found is None:
            return ValidationError("delivery.bundle_unknown", "bundle", bundle_id=bundle_id)
        return ValidationError("delivery.bundle_closed", "bundle", bundle_id=bundle_id,
                               status=found.status.value)

    def _targets(self, name: str | None) -> list[Target]:
        if name:
            return [self.targets.get(name)]
        return self.targets.list()


def _zip(manifest: dict[str, object], payload: Payload, now: datetime) -> bytes:
    """The bundle: ``manifest.json`` first, then the data files, deflated."""
    stamp = now.astimezone(UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [(manifest_rules.MANIFEST_PATH,
                    json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))]
        entries += [(f.path, f.data) for f in payload.files]
        for path, data in entries:
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
