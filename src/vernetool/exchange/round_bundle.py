"""Round bundles: a round exported from one laptop (a .zip of a JSON manifest and the photos)
and merged into the same round on another (``db/round_bundles.py`` has the merge rules).

The zip holds ``manifest.json`` and ``photos/<sha256><ext>``; the manifest carries the sha256 of
every photo. Merging verifies each photo against its sha256, refuses a bundle with any entry
that could write outside the store (``../``, absolute paths, drive letters), and copies photos
only into the content-addressed store. The database part runs in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from vernetool.attachments import MAX_BYTES, AttachmentError, path_for, store_bytes
from vernetool.db.connection import atomic
from vernetool.db.rounds.bundles import MergeResult, merge_snapshot, snapshot
from vernetool.domain.errors import ValidationError
from vernetool.exchange.writers import atomic_path

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 200 * 1024 * 1024
_PHOTO_NAME = re.compile(r"^photos/[0-9a-f]{64}(\.[a-z0-9]{1,8})?$")

__all__ = ["BundleError", "MergeResult", "export_bundle", "merge_bundle"]


class BundleError(ValidationError):
    """A bundle that cannot be merged (damaged, tampered with, or not a round bundle)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code, "bundle", **params)


def export_bundle(conn: sqlite3.Connection, round_id: int, out: Path, data_dir: Path) -> Path:
    """Write the round as a bundle to ``out`` (a .zip), atomically; returns ``out``."""
    manifest = snapshot(conn, round_id)
    files: list[tuple[str, Path]] = []
    for photo in manifest["photos"]:
        try:
            source = path_for(data_dir, photo["sha256"], photo["extension"])
        except AttachmentError:
            source = None
        if source is not None and source.is_file():
            photo["file"] = f"photos/{photo['sha256']}{photo['extension']}"
            files.append((photo["file"], source))
        else:
            photo["file"] = None  # the file is gone here; the other side may still have it
    with atomic_path(out) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, default=str))
        for name, source in dict(files).items():
            # photos are compressed already; storing them keeps the export fast
            zf.write(source, name, compress_type=zipfile.ZIP_STORED)
    return Path(out)


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return False
    parts = PurePosixPath(name).parts
    return ".." not in parts and not PurePosixPath(name).is_absolute()


def _sha256(zf: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with zf.open(name) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    for info in zf.infolist():
        if not _safe_name(info.filename):
            raise BundleError("bundle.unsafe_name", name=info.filename)
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise BundleError("bundle.no_manifest") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise BundleError("bundle.manifest_too_large")
    try:
        data = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError("bundle.manifest_not_json", error=str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("round"), dict):
        raise BundleError("bundle.not_a_bundle")
    return data


def _check_photos(zf: zipfile.ZipFile, data: dict[str, Any], data_dir: Path) -> list[str]:
    """Verify every photo file against its sha256; drop photos nobody has the file of."""
    names = set(zf.namelist())
    kept, skipped = [], []
    for photo in data.get("photos", []):
        sha, ext, name = photo.get("sha256", ""), photo.get("extension", ""), photo.get("file")
        try:
            local = path_for(data_dir, sha, ext)
        except AttachmentError:
            raise BundleError("bundle.photo_bad_name", name=f"{sha}{ext}") from None
        if name:
            if not _PHOTO_NAME.match(name) or name != f"photos/{sha}{ext}" or name not in names:
                raise BundleError("bundle.photo_missing", name=name)
            if zf.getinfo(name).file_size > MAX_BYTES:
                raise BundleError("bundle.photo_too_large", name=name)
            if _sha256(zf, name) != sha:
                raise BundleError("bundle.photo_mismatch", name=name)
            kept.append(photo)
        elif local.is_file():
            kept.append(photo)
        else:
            skipped.append(f"photo {sha[:12]}…: the file is in neither bundle nor store")
    data["photos"] = kept
    return skipped


def merge_bundle(conn: sqlite3.Connection, bundle_path: Path, data_dir: Path, actor: str
                 ) -> MergeResult:
    """Merge a bundle into the store (the same round, matched by uid; created if missing)."""
    try:
        zf = zipfile.ZipFile(bundle_path)
    except zipfile.BadZipFile:
        raise BundleError("bundle.not_a_zip", name=Path(bundle_path).name) from None
    with zf:
        data = _read_manifest(zf)
        skipped = _check_photos(zf, data, data_dir)
        with atomic(conn):
            result = merge_snapshot(conn, data, actor, source=Path(bundle_path).name)
            for photo in result.photo_files:
                target = path_for(data_dir, photo["sha256"], photo["extension"])
                if target.is_file() or not photo.get("file"):
                    continue
                content = zf.read(photo["file"])
                stored = store_bytes(data_dir, content, f"{photo['sha256']}{photo['extension']}")
                if stored.sha256 != photo["sha256"]:  # read twice: verify again
                    raise BundleError("bundle.photo_changed", name=photo["file"])
    result.skipped.extend(skipped)
    return result
