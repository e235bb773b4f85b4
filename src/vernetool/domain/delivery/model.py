"""The records of delivery as plain types: a target, a bundle in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from vernetool.domain.delivery.kinds import Sends, TargetKind


class BundleStatus(StrEnum):
    QUEUED = "queued"          # waiting for its (next) attempt
    DELIVERED = "delivered"    # a receipt came back
    FAILED = "failed"          # refused for good (a 4xx, a folder that cannot be written);
                               # kept until a person re-queues or discards it
    DISCARDED = "discarded"    # a person gave it up; its changes go in the next bundle


@dataclass(frozen=True)
class Target:
    id: int
    name: str
    kind: TargetKind
    path: str                     # folder targets
    url: str                      # http targets
    sends: tuple[Sends, ...]
    token_env: str                # the environment variable holding the token, or ''
    token_in_keyring: bool        # the token is in the OS keyring (never in the database)
    mapping: dict[str, Any] | None  # the target's field mapping, None = the defaults
    created_at: str
    removed_at: str | None = None

    @property
    def address(self) -> str:
        return self.path if self.kind is TargetKind.FOLDER else self.url


@dataclass(frozen=True)
class Bundle:
    """A bundle as the outbox keeps it (the zip bytes are read only to send it)."""

    bundle_id: str
    target: str
    kind: Sends
    created_at: str
    since_seq: int
    upto_seq: int
    since_bundle: str | None     # the delivered bundle it follows (manifest "since")
    rows: int
    sha256: str                  # of the zip
    size_bytes: int
    status: BundleStatus
    attempts: int
    attempted_at: str | None
    next_attempt_at: str | None
    last_error: str
    receipt: Any                 # the receipt (parsed JSON) once delivered
    delivered_at: str | None
