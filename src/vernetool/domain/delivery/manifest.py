"""The bundle's ``manifest.json`` exactly as DESIGN fixes it:

``{"schema": "vernetool.bundle/1", "bundle_id": uuid, "target": name, "kind": what,
"created_at": ISO time, "source": {"database_id": uuid, "unit": code}, "since": the receipt
it follows (the bundle id of the previous delivered bundle) or null, "files": [{"path",
"sha256", "rows"}]}``
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vernetool.domain.delivery.kinds import Sends
from vernetool.domain.errors import ValidationError

SCHEMA = "vernetool.bundle/1"
MANIFEST_PATH = "manifest.json"
KEYS = ("schema", "bundle_id", "target", "kind", "created_at", "source", "since", "files")
FILE_KEYS = ("path", "sha256", "rows")
SOURCE_KEYS = ("database_id", "unit")

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@dataclass(frozen=True)
class ManifestFile:
    path: str
    sha256: str
    rows: int

    @classmethod
    def of(cls, path: str, data: bytes, rows: int) -> ManifestFile:
        return cls(path, hashlib.sha256(data).hexdigest(), rows)


def build(*, bundle_id: str, target: str, kind: Sends | str, created_at: str,
          database_id: str, unit: str | None, since: str | None,
          files: Sequence[ManifestFile]) -> dict[str, Any]:
    """The manifest dict, keys in DESIGN's order; ``validate`` holds for it."""
    manifest: dict[str, Any] = {
        "schema": SCHEMA,
        "bundle_id": bundle_id,
        "target": target,
        "kind": str(Sends(kind)),
        "created_at": created_at,
        "source": {"database_id": database_id, "unit": unit},
        "since": since,
        "files": [{"path": f.path, "sha256": f.sha256, "rows": f.rows} for f in files],
    }
    validate(manifest)
    return manifest


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _bad(key: str, **params: Any) -> ValidationError:
    return ValidationError("delivery.manifest_invalid", key, key=key, **params)


def validate(manifest: Mapping[str, Any]) -> None:
    """Raise ``ValidationError("delivery.manifest_invalid", key)`` at the first key that is
    missing, extra or of the wrong shape."""
    if set(manifest) != set(KEYS):
        odd = sorted(set(manifest) ^ set(KEYS))
        raise _bad(odd[0])
    if manifest["schema"] != SCHEMA:
        raise _bad("schema")
    if not _is_uuid(manifest["bundle_id"]):
        raise _bad("bundle_id")
    if not isinstance(manifest["target"], str) or not manifest["target"].strip():
        raise _bad("target")
    if manifest["kind"] not in {s.value for s in Sends}:
        raise _bad("kind")
    if not isinstance(manifest["created_at"], str) or not _ISO_TIME.match(manifest["created_at"]):
        raise _bad("created_at")
    source = manifest["source"]
    if not isinstance(source, Mapping) or set(source) != set(SOURCE_KEYS):
        raise _bad("source")
    if not _is_uuid(source["database_id"]):
        raise _bad("source.database_id")
    if source["unit"] is not None and not isinstance(source["unit"], str):
        raise _bad("source.unit")
    if manifest["since"] is not None and not _is_uuid(manifest["since"]):
        raise _bad("since")
    files = manifest["files"]
    if not isinstance(files, list):
        raise _bad("files")
    seen: set[str] = set()
    for entry in files:
        if not isinstance(entry, Mapping) or set(entry) != set(FILE_KEYS):
            raise _bad("files")
        path = entry["path"]
        if (not isinstance(path, str) or not path or path == MANIFEST_PATH or path in seen
                or path.startswith("/") or "\\" in path or ".." in path.split("/")):
            raise _bad("files.path", path=str(path))
        seen.add(path)
        if not isinstance(entry["sha256"], str) or not _SHA256.match(entry["sha256"]):
            raise _bad("files.sha256", path=path)
        rows = entry["rows"]
        if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
            raise _bad("files.rows", path=path)
