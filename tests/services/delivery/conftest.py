"""Bundles and targets as the transports see them (the outbox's rows have these fields)."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Bundle:
    bundle_id: str
    zip: bytes
    sha256: str


@dataclass(frozen=True)
class Target:
    name: str
    kind: str
    path: str | None = None
    url: str | None = None


def make_bundle(rows: int = 3) -> Bundle:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", '{"schema": "vernetool.bundle/1"}')
        archive.writestr("deviations.csv", "\ufeffid;title\n" + "".join(
            f"{n};avvik {n}\n" for n in range(rows)))
    data = buffer.getvalue()
    return Bundle(str(uuid.uuid4()), data, hashlib.sha256(data).hexdigest())
