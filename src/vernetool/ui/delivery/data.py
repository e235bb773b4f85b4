"""What the Sync area shows, read from ``services.delivery`` into plain rows, and the few
calls it makes. The one place that knows the service's types, so the widgets stay simple."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from vernetool.context import AppContext


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
    mapping: str = ""


@dataclass(frozen=True)
class TargetRow:
    name: str
    kind: str
    path: str
    url: str
    sends: tuple[str, ...]
    token_env: str
    token_in_keyring: bool
    mapping: str
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


def _get(obj: object, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _receipt(value: object) -> Any:
    if isinstance(value, str) and value:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


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
    rows = [_bundle(b) for b in _outbox_bundles(view)]
    rows.sort(key=lambda b: (b.created_at or dt.datetime.min, b.bundle_id), reverse=True)
    return rows


def _outbox_bundles(view: object) -> Iterable[object]:
    found = _get(view, "bundles")
    if found is not None:
        return list(found)
    items: list[object] = []
    for name in ("queued", "failed", "delivered", "discarded"):
        items += list(_get(view, name, ()) or ())
    return items


def _bundle(b: object) -> BundleRow:
    return BundleRow(
        bundle_id=str(_get(b, "bundle_id")), target=str(_get(b, "target", "")),
        kind=str(_get(b, "kind", "")), created_at=_moment(_get(b, "created_at")),
        rows=int(_get(b, "rows", 0) or 0), status=str(_get(b, "status", "")),
        attempts=int(_get(b, "attempts", 0) or 0),
        next_attempt_at=_moment(_get(b, "next_attempt_at")),
        delivered_at=_moment(_get(b, "delivered_at")),
        last_error=str(_get(b, "last_error", "") or ""),
        receipt=_receipt(_get(b, "receipt", _get(b, "receipt_json"))))


def targets(ctx: AppContext, outbox: list[BundleRow] | None = None) -> list[TargetRow]:
    """The targets with their last receipt and their waiting and failed bundles."""
    outbox = bundles(ctx) if outbox is None else outbox
    rows = []
    for t in ctx.services.delivery.targets.list():
        name = str(_get(t, "name"))
        mine = [b for b in outbox if b.target == name]
        receipts = [b.delivered_at for b in mine if b.delivered_at is not None]
        sends = _get(t, "sends", ())
        if isinstance(sends, str):
            sends = tuple(s for s in sends.split(",") if s)
        rows.append(TargetRow(
            name=name, kind=str(_get(t, "kind", "folder")),
            path=str(_get(t, "path", "") or ""), url=str(_get(t, "url", "") or ""),
            sends=tuple(str(s) for s in sends),
            token_env=str(_get(t, "token_env", "") or ""),
            token_in_keyring=bool(_get(t, "token_in_keyring", False)),
            mapping=str(_get(t, "mapping", "") or _get(t, "mapping_path", "") or ""),
            last_receipt=max(receipts) if receipts else None,
            pending=sum(1 for b in mine if b.status == "queued"),
            failed=sum(1 for b in mine if b.status == "failed")))
    return sorted(rows, key=lambda r: r.name.casefold())


def counts(ctx: AppContext) -> tuple[int, int]:
    """(waiting, failed) bundles over all targets, for the status bar."""
    outbox = bundles(ctx)
    return (sum(1 for b in outbox if b.status == "queued"),
            sum(1 for b in outbox if b.status == "failed"))


def keyring_available() -> bool:
    from vernetool.security.identity_vault import system_keychain

    return system_keychain() is not None


# -- writing --------------------------------------------------------------------------------
def save_target(ctx: AppContext, form: TargetForm, *, replacing: TargetRow | None) -> None:
    """Add the target (or replace its settings), then keep a typed token in the keyring."""
    delivery = ctx.services.delivery
    kwargs: dict[str, Any] = {
        "kind": form.kind, "sends": form.sends,
        "path": form.path or None, "url": form.url or None,
        "token_env": form.token_env or None, "mapping": form.mapping or None,
    }
    if replacing is not None:
        delivery.targets.remove(replacing.name)
    delivery.targets.add(form.name, **kwargs)
    if form.token_in_keyring and form.token:
        delivery.set_token_in_keyring(form.name, form.token)


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
        return summary(delivery.sync(target, progress=progress, cancel=cancelled))

    return job


def summary(result: object) -> SyncSummary:
    outcomes = []
    for t in _get(result, "targets", ()) or ():
        errors = tuple(str(_get(b, "error", "") or _get(b, "last_error", "") or "")
                       for b in _get(t, "bundles", ()) or () if _get(b, "status") == "failed")
        outcomes.append(TargetOutcome(
            name=str(_get(t, "name")), delivered=int(_get(t, "delivered", 0) or 0),
            failed=int(_get(t, "failed", 0) or 0), pending=int(_get(t, "pending", 0) or 0),
            errors=tuple(e for e in errors if e)))
    return SyncSummary(tuple(outcomes))
