"""The values the delivery service hands out and takes in.

- ``Payload``: what a kind's builder (``payloads/<kind>.py``) makes of the changed records —
  the data files of one bundle and how many records it holds.
- ``QueuedBundle``: a bundle as the outbox keeps it (``domain.delivery.model.Bundle``).
- ``OutgoingBundle``: what a transport gets: the id (idempotency key), the zip, its sha256.
- ``SyncResult``: what one sync did, per target (DESIGN's ``sync`` JSON: ``to_json()``).
- ``OutboxView``: queued, delivered (with receipts) and failed bundles (``vernetool outbox``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vernetool.domain.delivery.model import Bundle, BundleStatus, Target

QueuedBundle = Bundle

__all__ = ["BundleReport", "OutboxView", "OutgoingBundle", "Payload", "PayloadFile",
           "QueuedBundle", "SyncProgress", "SyncResult", "Target", "TargetReport"]


@dataclass(frozen=True)
class PayloadFile:
    """One data file of a bundle: its path inside the zip, its bytes, the records in it."""

    path: str
    data: bytes
    rows: int


@dataclass(frozen=True)
class Payload:
    """The data files of one bundle. ``rows``: the records the bundle carries (changed
    records plus tombstones, each once, however many files show it); 0 = nothing to send."""

    files: list[PayloadFile]
    rows: int


@dataclass(frozen=True)
class OutgoingBundle:
    """What a transport needs (``transports.BundleLike``)."""

    bundle_id: str
    kind: str
    sha256: str
    zip: bytes


@dataclass(frozen=True)
class BundleReport:
    """One bundle in the ``sync`` JSON."""

    bundle_id: str
    kind: str
    rows: int
    status: str
    receipt: Any = None
    error: str = ""          # why it failed or waits (not in DESIGN's JSON; for the screen)
    not_sent: bool = False   # not tried: the target's token could not be found (counted failed)

    def to_json(self) -> dict[str, Any]:
        return {"bundle_id": self.bundle_id, "kind": self.kind, "rows": self.rows,
                "status": self.status, "receipt": self.receipt}


@dataclass
class TargetReport:
    """One target in the ``sync`` JSON: bundles delivered and failed by this sync, bundles
    still pending (queued) after it, and each bundle this sync queued or tried."""

    name: str
    delivered: int = 0
    failed: int = 0
    pending: int = 0
    bundles: list[BundleReport] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "delivered": self.delivered, "failed": self.failed,
                "pending": self.pending, "bundles": [b.to_json() for b in self.bundles]}


@dataclass
class SyncResult:
    targets: list[TargetReport] = field(default_factory=list)
    cancelled: bool = False

    @property
    def any_failed(self) -> bool:
        return any(t.failed for t in self.targets)

    def to_json(self) -> dict[str, Any]:
        """Exactly DESIGN's shape: ``{"targets": [{"name", "delivered", "failed",
        "pending", "bundles": [{"bundle_id", "kind", "rows", "status", "receipt"}]}]}``."""
        return {"targets": [t.to_json() for t in self.targets]}


@dataclass(frozen=True)
class SyncProgress:
    """Told to ``sync(progress=...)`` before each step: ``done`` of ``total`` bundles."""

    done: int
    total: int
    target: str
    kind: str
    bundle_id: str


def _bundle_json(bundle: Bundle) -> dict[str, Any]:
    return {"bundle_id": bundle.bundle_id, "target": bundle.target, "kind": bundle.kind.value,
            "created_at": bundle.created_at, "rows": bundle.rows, "size_bytes": bundle.size_bytes,
            "sha256": bundle.sha256, "since": bundle.since_bundle,
            "status": bundle.status.value, "attempts": bundle.attempts,
            "next_attempt_at": bundle.next_attempt_at, "last_error": bundle.last_error or None,
            "delivered_at": bundle.delivered_at, "receipt": bundle.receipt}


@dataclass(frozen=True)
class OutboxView:
    """The outbox: bundles waiting (queued), delivered with their receipts, failed, and the
    discarded ones; each list newest first."""

    queued: list[Bundle]
    delivered: list[Bundle]
    failed: list[Bundle]
    discarded: list[Bundle] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return len(self.queued)

    def to_json(self) -> dict[str, Any]:
        """``{"queued": [...], "delivered": [...], "failed": [...], "discarded": [...]}``,
        each bundle as ``{"bundle_id", "target", "kind", "created_at", "rows", "size_bytes",
        "sha256", "since", "status", "attempts", "next_attempt_at", "last_error",
        "delivered_at", "receipt"}``."""
        return {"queued": [_bundle_json(b) for b in self.queued],
                "delivered": [_bundle_json(b) for b in self.delivered],
                "failed": [_bundle_json(b) for b in self.failed],
                "discarded": [_bundle_json(b) for b in self.discarded]}

    @staticmethod
    def status_of(bundle: Bundle) -> BundleStatus:
        return bundle.status
