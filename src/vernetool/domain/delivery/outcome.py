"""What one delivery attempt of a bundle came to: what a transport returns to the outbox.

- ``Delivered(receipt)``: the target has the bundle; ``receipt`` is what it answered (the HTTP
  body, or the folder's ``{"path", "sha256", "bytes", "delivered_at"}``). Only this marks a
  bundle delivered.
- ``Retry(reason, retry_after)``: not now (time-out, connection lost, 408/429/5xx, a share
  that is offline); the outbox keeps the bundle and tries again later, no sooner than
  ``retry_after`` seconds when the target said so.
- ``Failed(reason, status)``: the target refused it (another 4xx, permission denied, a
  different file already under the bundle's name); kept until a person re-queues or discards.

``code`` names the kind of problem for the words (messages.json: ``delivery.<code>``);
``reason`` is the detail — the server's own words, or the system's — shortened, on one line,
never holding a token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Delivered:
    receipt: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Retry:
    reason: str
    retry_after: float | None = None
    code: str = "delivery.retry"


@dataclass(frozen=True)
class Failed:
    reason: str
    status: int | None = None
    code: str = "delivery.failed"


Outcome = Delivered | Retry | Failed

REASON_LIMIT = 300


def shorten(text: str, limit: int = REASON_LIMIT) -> str:
    """One line of at most ``limit`` characters (a server may answer with a page of HTML)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
