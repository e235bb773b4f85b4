"""The outbox: bundles queued in the transaction that reads their records, delivered to a
real folder (or through a scripted transport for the retry/fail states), receipts kept,
incremental sends with tombstones, and nothing lost when a sync is killed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from vernetool.context import AppContext
from vernetool.db.delivery.changes import changes
from vernetool.domain.delivery import manifest as manifest_rules
from vernetool.domain.delivery.model import BundleStatus, Target
from vernetool.domain.delivery.outcome import Delivered, Failed, Outcome, Retry
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.domain.errors import ValidationError
from vernetool.services.delivery import (
    DeliveryService,
    OutgoingBundle,
    Payload,
    PayloadFile,
    payloads,
)
from vernetool.services.delivery.transports import deliver as real_deliver
from vernetool.settings import Settings

NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)


def _titles_builder(conn: Any, target: Target, since_seq: int, upto_seq: int) -> Payload:
    """A small deviations payload: the changed deviations' ids and titles, the tombstones."""
    found = changes(conn, "deviation", since_seq, upto_seq)
    rows = [{"id": i, "title": conn.execute("SELECT title FROM deviation WHERE id = ?",
                                            (i,)).fetchone()[0]} for i in found.upserts]
    files = [PayloadFile("deviations.json", json.dumps(rows).encode(), len(rows))]
    if found.deletes:
        files.append(PayloadFile("deleted.json", json.dumps(list(found.deletes)).encode(),
                                 len(found.deletes)))
    return Payload(files, len(rows) + len(found.deletes))


@pytest.fixture(autouse=True)
def titles_builder() -> Iterator[None]:
    payloads.register("deviations", _titles_builder)
    yield
    payloads.unregister("deviations")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


class Scripted:
    """A transport that answers from a script and records what it was given; past the
    script it delivers to the real folder transport."""

    def __init__(self, *answers: Outcome | Callable[[Target, OutgoingBundle], Outcome]) -> None:
        self.answers = list(answers)
        self.sent: list[tuple[str, bytes, str | None]] = []

    def __call__(self, target: Target, bundle: OutgoingBundle, token: str | None) -> Outcome:
        self.sent.append((bundle.bundle_id, bundle.zip, token))
        if not self.answers:
            return real_deliver(target, bundle, token)
        answer = self.answers.pop(0)
        return answer(target, bundle) if callable(answer) else answer


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "central"
    out.mkdir()
    return out


def _service(ctx: AppContext, deliver: Any = None, clock: Clock | None = None
             ) -> DeliveryService:
    return DeliveryService(ctx.services.store, deliver=deliver, clock=clock or Clock(),
                           keychain=None, rand=lambda: 0.5)


def _record(ctx: AppContext, title: str) -> int:
    return ctx.services.deviations.record(
        Deviation(DeviationType.HAZARD, title, dt.date(2026, 11, 2)))


def _retitle(ctx: AppContext, deviation_id: int, title: str) -> None:
    dev = ctx.services.deviations.get(deviation_id)
    assert dev is not None
    ctx.services.deviations.update(dataclasses.replace(dev, title=title))


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _sent_titles(folder: Path, bundle_id: str) -> list[str]:
    return [r["title"] for r in json.loads(_zip(folder / f"{bundle_id}.zip")["deviations.json"])]


def test_a_first_sync_delivers_every_deviation_to_a_real_folder_with_a_valid_manifest(
        ctx: AppContext, folder: Path) -> None:
    ids = [_record(ctx, t) for t in ("Glass i vasken", "Blokkert rømningsvei", "Syresøl")]
    delivery = _service(ctx)
    delivery.targets.add("HMS-seksjonen", kind="folder", path=str(folder), sends="deviations")
    result = delivery.sync()

    (report,) = result.targets
    assert (report.name, report.delivered, report.failed, report.pending) == (
        "HMS-seksjonen", 1, 0, 0)
    (bundle,) = report.bundles
    assert bundle.status == "delivered" and bundle.rows == 3 and bundle.kind == "deviations"
    assert [p.name for p in folder.iterdir()] == [f"{bundle.bundle_id}.zip"]
    files = _zip(folder / f"{bundle.bundle_id}.zip")
    assert list(files) == ["manifest.json", "deviations.json"]
    manifest = json.loads(files["manifest.json"])
    manifest_rules.validate(manifest)
    assert manifest["bundle_id"] == bundle.bundle_id and manifest["since"] is None
    assert manifest["target"] == "HMS-seksjonen" and manifest["kind"] == "deviations"
    assert manifest["source"]["database_id"] == delivery.targets.database_id()
    assert manifest["files"] == [{"path": "deviations.json", "rows": 3, "sha256": hashlib.sha256(
        files["deviations.json"]).hexdigest()}]
    assert [r["id"] for r in json.loads(files["deviations.json"])] == ids
    # the receipt is the folder transport's, and the outbox keeps it
    view = delivery.outbox()
    (kept,) = view.delivered
    assert kept.receipt == bundle.receipt and kept.receipt["sha256"] == hashlib.sha256(
        (folder / f"{bundle.bundle_id}.zip").read_bytes()).hexdigest()
    assert view.queued == [] and view.failed == []


def test_after_a_receipt_a_second_sync_sends_nothing(ctx: AppContext, folder: Path) -> None:
    _record(ctx, "Glass i vasken")
    transport = Scripted()
    delivery = _service(ctx, transport)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    delivery.sync()
    again = delivery.sync()
    assert again.to_json() == {"targets": [{"name": "hms", "delivered": 0, "failed": 0,
                                            "pending": 0, "bundles": []}]}
    assert len(transport.sent) == 1 and len(list(folder.iterdir())) == 1
    assert delivery.queue_due() == []


def test_after_one_deviation_is_edited_the_next_bundle_holds_exactly_that_one(
        ctx: AppContext, folder: Path) -> None:
    ids = [_record(ctx, f"Avvik {n}") for n in range(5)]
    delivery = _service(ctx)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    (first,) = delivery.sync().targets[0].bundles
    _retitle(ctx, ids[2], "Avvik 2, rettet")
    (second,) = delivery.sync().targets[0].bundles
    assert second.rows == 1 and second.status == "delivered"
    assert _sent_titles(folder, second.bundle_id) == ["Avvik 2, rettet"]
    manifest = json.loads(_zip(folder / f"{second.bundle_id}.zip")["manifest.json"])
    assert manifest["since"] == first.bundle_id     # the receipt it follows


def test_a_deleted_deviation_goes_out_as_a_tombstone(ctx: AppContext, folder: Path) -> None:
    keep, gone = _record(ctx, "Blir"), _record(ctx, "Slettes")
    delivery = _service(ctx)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    delivery.sync()
    with ctx.services.store.write() as conn:
        conn.execute("DELETE FROM deviation WHERE id = ?", (gone,))
    (bundle,) = delivery.sync().targets[0].bundles
    files = _zip(folder / f"{bundle.bundle_id}.zip")
    assert json.loads(files["deleted.json"]) == [gone]
    assert json.loads(files["deviations.json"]) == []
    assert bundle.rows == 1 and keep != gone


def test_a_retry_waits_its_back_off_then_sends_the_same_bytes_under_the_same_id(
        ctx: AppContext, folder: Path) -> None:
    _record(ctx, "Glass i vasken")
    clock = Clock()
    transport = Scripted(Retry("503 Service Unavailable", retry_after=120))
    delivery = _service(ctx, transport, clock)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    first = delivery.sync()
    (waiting,) = first.targets[0].bundles
    assert waiting.status == "queued" and first.targets[0].pending == 1
    assert not first.any_failed
    stored = delivery.bundle(waiting.bundle_id)
    assert stored.attempts == 1 and stored.last_error == "503 Service Unavailable"
    assert stored.next_attempt_at is not None
    assert stored.next_attempt_at >= (NOW + dt.timedelta(seconds=120)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")

    clock.advance(60)  # not yet: nothing is sent, nothing new is queued
    assert delivery.sync().targets[0].bundles == [] and len(transport.sent) == 1
    _record(ctx, "Nytt mens vi venter")
    assert delivery.queue_due() == []   # one open bundle per target and kind

    clock.advance(24 * 3600)
    (done,) = delivery.sync().targets[0].bundles
    assert done.bundle_id == waiting.bundle_id and done.status == "delivered"
    assert transport.sent[0][:2] == transport.sent[1][:2]   # same id, same bytes
    # what changed while it waited goes in the next bundle, and only that
    (following,) = delivery.sync().targets[0].bundles
    assert _sent_titles(folder, following.bundle_id) == ["Nytt mens vi venter"]


def test_a_failed_bundle_is_kept_with_the_reason_until_requeued_or_discarded(
        ctx: AppContext, folder: Path) -> None:
    first_id = _record(ctx, "Glass i vasken")
    transport = Scripted(Failed("400 Bad Request: field 'type' unknown", status=400))
    delivery = _service(ctx, transport)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    result = delivery.sync()
    assert result.any_failed and result.targets[0].failed == 1
    (failed,) = result.targets[0].bundles
    assert failed.status == "failed" and "field 'type' unknown" in failed.error
    assert delivery.outbox().failed[0].last_error == "400 Bad Request: field 'type' unknown"
    _record(ctx, "Nytt")
    assert delivery.sync().targets[0].bundles == []   # nothing passes a failed bundle

    delivery.requeue(failed.bundle_id)
    (again,) = delivery.sync().targets[0].bundles
    assert again.bundle_id == failed.bundle_id and again.status == "delivered"
    assert transport.sent[0][:2] == transport.sent[1][:2]
    assert [r["id"] for r in json.loads(_zip(folder / f"{again.bundle_id}.zip")[
        "deviations.json"])] == [first_id]

    with pytest.raises(ValidationError) as closed:
        delivery.requeue(failed.bundle_id)
    assert closed.value.code == "delivery.bundle_closed"


def test_a_discarded_bundles_changes_go_in_the_next_bundle(ctx: AppContext,
                                                           folder: Path) -> None:
    _record(ctx, "Første")
    transport = Scripted(Failed("422 Unprocessable"))
    delivery = _service(ctx, transport)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    (failed,) = delivery.sync().targets[0].bundles
    _record(ctx, "Andre")
    delivery.discard(failed.bundle_id)
    (next_bundle,) = delivery.sync().targets[0].bundles
    assert next_bundle.bundle_id != failed.bundle_id and next_bundle.status == "delivered"
    assert _sent_titles(folder, next_bundle.bundle_id) == ["Første", "Andre"]
    assert [b.bundle_id for b in delivery.outbox().discarded] == [failed.bundle_id]


class Killed(BaseException):
    """Stands in for a kill -9 in the middle of a delivery."""


@pytest.mark.parametrize("written", [False, True], ids=["before-writing", "after-writing"])
def test_a_sync_killed_in_the_transport_is_finished_by_the_next_with_the_same_bundle(
        db_path: Path, settings: Settings, folder: Path, written: bool) -> None:
    ctx = AppContext.open(db_path, settings)
    try:
        _record(ctx, "Glass i vasken")

        def kill(target: Target, bundle: OutgoingBundle) -> Outcome:
            if written:
                real_deliver(target, bundle, None)
            raise Killed

        transport = Scripted(kill)
        delivery = _service(ctx, transport)
        delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
        with pytest.raises(Killed):
            delivery.sync()
    finally:
        ctx.close()
    # a new process: the bundle was committed before the transport ran, the attempt too
    ctx = AppContext.open(db_path, settings)
    try:
        again = Scripted()
        delivery = _service(ctx, again)
        (queued,) = delivery.outbox().queued
        assert queued.attempts == 1
        (done,) = delivery.sync().targets[0].bundles
        assert done.bundle_id == queued.bundle_id and done.status == "delivered"
        assert again.sent[0][:2] == transport.sent[0][:2]   # same id, same bytes
        assert [p.name for p in folder.iterdir()] == [f"{queued.bundle_id}.zip"]
        assert delivery.sync().targets[0].bundles == []
    finally:
        ctx.close()


def test_two_targets_each_remember_their_own_receipts(ctx: AppContext, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    first = _record(ctx, "Første")
    delivery = _service(ctx)
    delivery.targets.add("one", kind="folder", path=str(one), sends="deviations")
    delivery.sync("one")
    _retitle(ctx, first, "Første, rettet")
    delivery.targets.add("two", kind="folder", path=str(two), sends="deviations")
    result = delivery.sync()
    by_name = {t.name: t for t in result.targets}
    assert by_name["one"].bundles[0].rows == 1 and by_name["two"].bundles[0].rows == 1
    assert _sent_titles(two, by_name["two"].bundles[0].bundle_id) == ["Første, rettet"]
    with pytest.raises(ValidationError) as unknown:
        delivery.sync("three")
    assert unknown.value.field == "target"


def test_a_kind_nothing_builds_yet_is_skipped(ctx: AppContext, folder: Path) -> None:
    delivery = _service(ctx)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="annual")
    assert delivery.sync().to_json()["targets"][0]["bundles"] == []


def test_progress_is_told_and_cancel_stops_before_the_next_bundle(
        ctx: AppContext, tmp_path: Path) -> None:
    _record(ctx, "Glass")
    delivery = _service(ctx)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        delivery.targets.add(name, kind="folder", path=str(tmp_path / name), sends="deviations")
    seen: list[tuple[int, int]] = []
    stop = {"now": False}

    def progress(step: Any) -> None:
        seen.append((step.done, step.total))
        stop["now"] = True     # cancel after the first bundle is under way

    result = delivery.sync(progress=progress, cancel=lambda: stop["now"])
    assert result.cancelled and seen == [(0, 2)]
    assert sum(t.delivered for t in result.targets) == 1
    assert sum(t.pending for t in result.targets) == 1


def test_with_the_real_deviations_payload_an_edit_sends_exactly_that_deviation(
        ctx: AppContext, folder: Path) -> None:
    payloads.unregister("deviations")     # the shipped builder, not the small one above
    ids = [_record(ctx, f"Avvik {n}") for n in range(4)]
    delivery = _service(ctx)
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    (first,) = delivery.sync().targets[0].bundles
    assert first.rows == 4
    assert delivery.sync().targets[0].bundles == []
    _retitle(ctx, ids[1], "Avvik 1, rettet")
    (second,) = delivery.sync().targets[0].bundles
    files = _zip(folder / f"{second.bundle_id}.zip")
    manifest = json.loads(files["manifest.json"])
    manifest_rules.validate(manifest)
    assert manifest["since"] == first.bundle_id
    for entry in manifest["files"]:   # every file's sha256 is the file's
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]
    sent = json.loads(files["deviations.json"])["deviations"]
    assert [d["title"] for d in sent] == ["Avvik 1, rettet"]
    assert second.rows == 1
    with ctx.services.store.write() as conn:
        conn.execute("DELETE FROM deviation WHERE id = ?", (ids[3],))
    (third,) = delivery.sync().targets[0].bundles
    gone = _zip(folder / f"{third.bundle_id}.zip")
    assert "deleted.json" in gone and third.rows == 1
    assert f"{delivery.targets.database_id()}:{ids[3]}" in gone["deleted.json"].decode()
    assert json.loads(gone["deviations.json"])["deviations"] == []


def test_removing_a_target_keeps_its_receipts_and_discards_what_it_can_no_longer_send(
        ctx: AppContext, folder: Path) -> None:
    _record(ctx, "Første")
    delivery = _service(ctx, Scripted(Delivered({"receipt": "R-1"}),
                                      Retry("503", retry_after=60)))
    delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
    delivery.sync()
    _record(ctx, "Andre")
    delivery.sync()
    assert delivery.counts()[BundleStatus.QUEUED] == 1
    assert delivery.targets.remove("hms") is False
    view = delivery.outbox()
    assert [b.receipt for b in view.delivered] == [{"receipt": "R-1"}]
    assert view.queued == [] and len(view.discarded) == 1
    assert delivery.counts()[BundleStatus.QUEUED] == 0
    assert delivery.targets.list() == []
    assert [t.name for t in delivery.targets.list(include_removed=True)] == ["hms"]
