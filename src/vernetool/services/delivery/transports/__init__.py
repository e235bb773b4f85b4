"""How a bundle reaches a target: a folder (a network share, a synced cloud folder) or an
HTTP(S) endpoint. ``deliver(target, bundle, token)`` makes one delivery attempt (HTTP: a few
quick tries) and returns an outcome (``domain.delivery.outcome``); it never raises for what
the target or the network did, and never puts the token into a reason.

The modules are imported only when a sync runs (urllib3 stays off the start-up path).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from vernetool.domain.delivery.outcome import Outcome


class BundleLike(Protocol):
    """What a transport needs of a queued bundle: its id (the idempotency key), bytes, hash."""

    @property
    def bundle_id(self) -> str: ...

    @property
    def zip(self) -> bytes: ...

    @property
    def sha256(self) -> str: ...


class TargetLike(Protocol):
    """What a transport needs of a target: its kind and where it points."""

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def path(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...


def deliver(target: TargetLike, bundle: BundleLike, token: str | None = None) -> Outcome:
    """One delivery of ``bundle`` to ``target`` by its kind (folder: no token)."""
    if target.kind == "folder":
        from vernetool.services.delivery.transports import folder

        return folder.deliver(target, bundle, token)
    if target.kind == "http":
        from vernetool.services.delivery.transports import http

        return http.deliver(target, bundle, token)
    raise ValueError(f"unknown target kind {target.kind!r}")
