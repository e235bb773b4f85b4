"""Round bundles: a round exported from one laptop (a .zip of a JSON manifest and the photos)
and merged into the same round on another (``db/round_bundles.py`` has the merge rules).

The zip holds ``manifest.json`` and ``photos/<sha256><ext>``; the manifest carries the sha256 of
every photo. Merging verifies each photo against its sha256, refuses a bundle with any entry
that could write outside the store (``../``, absolute paths, drive letters), and copies photos
only into the content-addressed store. The database part runs in one transaction.

A bundle comes from another machine, so it is checked completely before anything is merged,
and any problem is one ``BundleError`` with nothing merged: every entry stored or deflated
(not encrypted, no other compression), no name twice, sizes within limits, CRCs right (a
damaged entry is an error, not a traceback), and the manifest fits ``MANIFEST_SHAPE`` (types,
sizes, dates that are dates, known statuses) — ``db/rounds/bundles.py`` may then rely on it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from vernetool.attachments import MAX_BYTES, AttachmentError, path_for, store_bytes
from vernetool.db.connection import atomic
from vernetool.db.rounds.bundles import FORMAT, VERSION, MergeResult, merge_snapshot, snapshot
from vernetool.domain.actions import ActionStatus
from vernetool.domain.checklists import Answer
from vernetool.domain.errors import ValidationError
from vernetool.domain.room_registers import REGISTER_KINDS
from vernetool.domain.rounds import (
    FindingSeverity,
    FindingStatus,
    ParticipantRole,
    RecheckOutcome,
    RoundStatus,
    VisitStatus,
)
from vernetool.exchange import schema
from vernetool.exchange.schema import Flag, Items, Number, Obj, Text, Whole
from vernetool.exchange.templates_io import TEMPLATE_SHAPE
from vernetool.exchange.writers import atomic_path

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_PHOTO_NAME = re.compile(r"^photos/[0-9a-f]{64}(\.[a-z0-9]{1,8})?$")
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what export_bundle writes


def _choices(kind: Any) -> frozenset[str]:
    return frozenset(member.value for member in kind)


# Sizes: generous for what a person types (a note of 50,000 characters), tight for codes.
_ID, _CODE, _NAME = Text(100), Text(100, nullable=True), Text(500)
_NOTE, _EMAIL = Text(50_000), Text(320, nullable=True)
_DATE, _TIME = Text(10, form="date"), Text(40, form="timestamp")
_PLACE: dict[str, schema.Shape] = {"building": _CODE, "number": _CODE,
                                   "unit": Flag(nullable=True)}
_FINDING = Obj({
    "uid": _ID, "round_uid": Text(100, nullable=True), **_PLACE, "item_code": _CODE,
    "description": _NOTE, "severity": Text(20, choices=_choices(FindingSeverity)),
    "action": _NOTE, "responsible_name": _NAME, "deadline": Text(10, True, form="date"),
    "action_status": Text(20, choices=_choices(ActionStatus)),
    "status": Text(20, choices=_choices(FindingStatus)),
    "closed_at": Text(40, True, form="timestamp"), "follow_up_notes": _NOTE,
    "closed_round_uid": Text(100, nullable=True), "carried_from_uid": Text(100, nullable=True),
    "responsible_email": _EMAIL, "created_at": _TIME, "updated_at": _TIME,
    # the register entry the finding concerns (schema 10; absent in older bundles)
    "register_kind": Text(20, nullable=True, choices=frozenset(REGISTER_KINDS)),
    "register_id": Whole(1, 2**63 - 1, nullable=True), "register_label": _NAME},
    frozenset({"uid", "building", "number", "description", "severity", "action",
               "responsible_name", "deadline", "action_status", "status", "closed_at",
               "follow_up_notes", "created_at", "updated_at"}))
MANIFEST_SHAPE = Obj({
    "format": Text(100), "version": Whole(1),
    "round": Obj({
        "uid": _ID, "unit_code": Text(64, nullable=True), "unit_name": Text(500, nullable=True),
        "updated_at": _TIME, "title": _NAME, "start_date": _DATE,
        "end_date": Text(10, True, form="date"),
        "status": Text(20, choices=_choices(RoundStatus)), "pre_meeting_notes": _NOTE,
        "closing_notes": _NOTE, "started_at": Text(40, True, form="timestamp"),
        "completed_at": Text(40, True, form="timestamp"),
        "reported_at": Text(40, True, form="timestamp")},
        frozenset({"uid", "updated_at", "title", "start_date", "status"})),
    "participants": Items(Obj({
        "name": _NAME, "role": Text(40, choices=_choices(ParticipantRole)),
        "position": Whole(-100_000, 100_000, nullable=True), "email": _EMAIL},
        frozenset({"name", "role"})), 500),
    "templates": Items(Obj({"key": Text(100), "version": Whole(1, 1_000_000),
                            "template": TEMPLATE_SHAPE},
                           frozenset({"key", "version", "template"})), 200),
    "rooms": Items(Obj({
        **_PLACE, "position": Whole(-1_000_000, 1_000_000), "template_key": Text(100),
        "template_version": Whole(1, 1_000_000),
        "status": Text(20, choices=_choices(VisitStatus)), "note": _NOTE,
        "visited_at": Text(40, True, form="timestamp"), "updated_at": _TIME},
        frozenset({"building", "number", "position", "template_key", "template_version",
                   "status", "note", "visited_at", "updated_at"})), 20_000),
    "answers": Items(Obj({
        **_PLACE, "item_code": Text(200), "answer": Text(20, True, _choices(Answer)),
        "value_number": Number(nullable=True),
        "value_text": _NOTE, "comment": _NOTE, "answered_by": _NAME, "answered_at": _TIME},
        frozenset({"building", "number", "item_code", "answered_by", "answered_at"})),
        1_000_000),
    "findings": Items(_FINDING, 100_000),
    "earlier_findings": Items(_FINDING, 100_000),
    "rechecks": Items(Obj({
        "finding_uid": _ID, "outcome": Text(20, choices=_choices(RecheckOutcome)),
        "note": _NOTE, "checked_by": _NAME, "checked_at": _TIME},
        frozenset({"finding_uid", "outcome", "note", "checked_by", "checked_at"})), 100_000),
    "photos": Items(Obj({
        **_PLACE, "sha256": Text(64, form="sha256"),
        "extension": Text(9, form="extension"), "original_name": _NAME,
        "size_bytes": Whole(0, MAX_BYTES), "caption": Text(5000), "item_code": _CODE,
        "finding_uid": Text(100, nullable=True), "created_at": _TIME,
        "file": Text(200, nullable=True)},
        frozenset({"building", "number", "sha256", "extension", "original_name",
                   "size_bytes", "caption", "created_at"})), 100_000),
}, frozenset({"format", "version", "round"}))

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


@contextmanager
def _reading(name: str) -> Iterator[None]:
    """A damaged entry (bad CRC, truncated data, a lying header) is a BundleError."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            OSError) as exc:
        raise BundleError("bundle.damaged", name=name, error=str(exc) or type(exc).__name__
                          ) from None


def _sha256(zf: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with _reading(name), zf.open(name) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_entries(zf: zipfile.ZipFile) -> None:
    """Every entry safe to name, unencrypted, stored or deflated, and named once."""
    seen: set[str] = set()
    for info in zf.infolist():
        if not _safe_name(info.filename):
            raise BundleError("bundle.unsafe_name", name=info.filename)
        if info.filename in seen:
            raise BundleError("bundle.duplicate_name", name=info.filename)
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise BundleError("bundle.entry_encrypted", name=info.filename)
        if info.compress_type not in _COMPRESSIONS:
            raise BundleError("bundle.entry_compression", name=info.filename,
                              method=info.compress_type)


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    _check_entries(zf)
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise BundleError("bundle.no_manifest") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise BundleError("bundle.manifest_too_large")
    with _reading(MANIFEST):
        raw = zf.read(MANIFEST)
    try:
        data = schema.loads(raw.decode("utf-8"), field_name="manifest")
    except (ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, ValidationError):
            raise BundleError("bundle.manifest_invalid", error=exc) from None
        raise BundleError("bundle.manifest_not_json", error=str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("round"), dict) \
            or data.get("format") != FORMAT:
        raise BundleError("bundle.not_a_bundle")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise BundleError("bundle.newer")
    try:
        schema.check(MANIFEST_SHAPE, data, "")
    except schema.SchemaError as exc:
        raise BundleError("bundle.manifest_invalid", error=exc) from None
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
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        raise BundleError("bundle.not_a_zip", name=Path(bundle_path).name) from None
    with zf:
        data = _read_manifest(zf)
        skipped = _check_photos(zf, data, data_dir)
        try:
            with atomic(conn):
                result = merge_snapshot(conn, data, actor, source=Path(bundle_path).name)
                for photo in result.photo_files:
                    target = path_for(data_dir, photo["sha256"], photo["extension"])
                    if target.is_file() or not photo.get("file"):
                        continue
                    with _reading(photo["file"]):
                        content = zf.read(photo["file"])
                    stored = store_bytes(data_dir, content,
                                         f"{photo['sha256']}{photo['extension']}")
                    if stored.sha256 != photo["sha256"]:  # read twice: verify again
                        raise BundleError("bundle.photo_changed", name=photo["file"])
        except sqlite3.IntegrityError as exc:  # data the shape allows but the tables refuse
            raise BundleError("bundle.rejected_by_store", error=str(exc)) from None
    result.skipped.extend(skipped)
    return result
