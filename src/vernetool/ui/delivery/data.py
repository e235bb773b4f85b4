"""What the Sync area shows, read from ``services.delivery`` into plain rows, and the few
calls it makes. The one place that knows the service's types, so the widgets stay simple."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vernetool.context import AppContext
from vernetool.domain.delivery.model import Bundle, BundleStatus
from vernetool.domain.errors import ValidationError
from vernetool.services.delivery.types import SyncResult


@dataclass(frozen=True)
class TargetForm:
    """What the target dialog collects (``token`` only to hand to the keyring)."""

    name: str
    kind: str
    path: str = ""
    url: str = ""
    sends: tuple[str, ...] = ()
    token_env: str = ""
    token_in_keyring: bool = False
    token: str = ""
    mapping: str = ""          # a mapping file chosen now ('' keeps the one set)
    mapping_cleared: bool = False  # back to the default mappings


@dataclass(frozen=True)
class TargetRow:
    name: str
    kind: str
    path: str
    url: str
    sends: tuple[str, ...]
    token_env: str
    token_in_keyring: bool
    mapping: dict[str, Any] | None
    last_receipt: dt.datetime | None = None
    pending: int = 0
    failed: int = 0

    @property
    def where(self) -> str:
        return self.url if self.kind == "http" else self.path


@dataclass(frozen=True)
class BundleRow:
    bundle_id: str
    target: str
    kind: str
    created_at: dt.datetime | None
    rows: int
    status: str
    attempts: int
    next_attempt_at: dt.datetime | None
    delivered_at: dt.datetime | None
    last_error: str
    receipt: Any = None


@dataclass(frozen=True)
class TargetOutcome:
    """One target's part of a sync."""

    name: str
    delivered: int
    failed: int
    pending: int
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class SyncSummary:
    targets: tuple[TargetOutcome, ...] = field(default_factory=tuple)
    cancelled: bool = False


def _moment(value: object) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if moment.tzinfo is not None:  # shown in the computer's time
        moment = moment.astimezone().replace(tzinfo=None)
    return moment


def receipt_text(receipt: Any) -> str:
    """A receipt as people can read it: pretty JSON, or the text the server sent."""
    if receipt is None or receipt == "":
        return ""
    if isinstance(receipt, str):
        return receipt
    return json.dumps(receipt, indent=2, ensure_ascii=False, sort_keys=True)


# -- reading --------------------------------------------------------------------------------
def bundles(ctx: AppContext) -> list[BundleRow]:
    """Every bundle of the outbox, newest first."""
    view = ctx.services.delivery.outbox()
    rows = [_bundle(b) for b in (*view.queued, *view.failed, *view.delivered, *view.discarded)]
    rows.sort(key=lambda b: (b.created_at or dt.datetime.min, b.bundle_id), reverse=True)
    return rows


def _bundle(b: Bundle) -> BundleRow:
    return BundleRow(
        bundle_id=b.bundle_id, target=b.target, kind=b.kind.value,
        created_at=_moment(b.created_at), rows=b.rows, status=b.status.value,
        attempts=b.attempts, next_attempt_at=_moment(b.next_attempt_at),
        delivered_at=_moment(b.delivered_at), last_error=b.last_error or "",
        receipt=b.receipt)


def targets(ctx: AppContext, outbox: list[BundleRow] | None = None) -> list[TargetRow]:
    """The targets with their last receipt and their waiting and failed bundles."""
    outbox = bundles(ctx) if outbox is None else outbox
    rows = []
    for t in ctx.services.delivery.targets.list():
        mine = [b for b in outbox if b.target == t.name]
        receipts = [b.delivered_at for b in mine if b.delivered_at is not None]
        rows.append(TargetRow(
            name=t.name, kind=t.kind.value, path=t.path, url=t.url,
            sends=tuple(s.value for s in t.sends), token_env=t.token_env,
            token_in_keyring=t.token_in_keyring, mapping=t.mapping,
            last_receipt=max(receipts) if receipts else None,
            pending=sum(1 for b in mine if b.status == "queued"),
            failed=sum(1 for b in mine if b.status == "failed")))
    return sorted(rows, key=lambda r: r.name.casefold())


def counts(ctx: AppContext) -> tuple[int, int]:
    """(waiting, failed) bundles over all targets, for the status bar."""
    found = ctx.services.delivery.counts()
    return found.get(BundleStatus.QUEUED, 0), found.get(BundleStatus.FAILED, 0)


def has_targets(ctx: AppContext) -> bool:
    return bool(ctx.services.delivery.targets.list())


def keyring_available(ctx: AppContext) -> bool:
    return ctx.services.delivery.targets.keyring_available()


# -- writing --------------------------------------------------------------------------------
def save_target(ctx: AppContext, form: TargetForm, *, replacing: TargetRow | None) -> None:
    """Add the target (or change its settings), then keep a typed token in the keyring —
    or forget the one kept there when the token now comes from elsewhere."""
    service = ctx.services.delivery.targets
    mapping: Path | dict[str, Any] | None = Path(form.mapping) if form.mapping else None
    if mapping is None and replacing is not None and not form.mapping_cleared:
        mapping = replacing.mapping            # an empty field keeps the mapping it has
    settings: dict[str, Any] = {
        "kind": form.kind, "sends": form.sends, "path": form.path or None,
        "url": form.url or None, "token_env": form.token_env or None, "mapping": mapping}
    if replacing is None:
        if form.token_in_keyring and not form.token.strip():
            raise ValidationError("delivery.token_empty", "token")
        service.add(form.name, **settings)
    else:
        service.update(replacing.name, **settings)
    if form.token_in_keyring and form.token.strip():
        try:
            service.set_token_in_keyring(form.name, form.token)
        except ValidationError:
            if replacing is None:   # not half-added: without its token it cannot send
                service.remove(form.name)
            raise
    elif replacing is not None and replacing.token_in_keyring and not form.token_in_keyring:
        service.clear_token_in_keyring(replacing.name)


def remove_target(ctx: AppContext, name: str) -> None:
    ctx.services.delivery.targets.remove(name)


def requeue(ctx: AppContext, bundle_id: str) -> None:
    ctx.services.delivery.requeue(bundle_id)


def discard(ctx: AppContext, bundle_id: str) -> None:
    ctx.services.delivery.discard(bundle_id)


def sync_job(ctx: AppContext, target: str | None
             ) -> Callable[[Callable[[int, int], None], Callable[[], bool]], SyncSummary]:
    """The background job of "Sync now" (``target`` None: every target)."""
    delivery = ctx.services.delivery

    def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]
            ) -> SyncSummary:
        result = delivery.sync(target, progress=lambda step: progress(step.done, step.total),
                               cancel=cancelled)
        return summary(result)

    return job


def summary(result: SyncResult) -> SyncSummary:
    outcomes = []
    for t in result.targets:
        errors = tuple(b.error for b in t.bundles if b.status == "failed" and b.error)
        outcomes.append(TargetOutcome(t.name, t.delivered, t.failed, t.pending, errors))
    return SyncSummary(tuple(outcomes), cancelled=result.cancelled)
