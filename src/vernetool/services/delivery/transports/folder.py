"""Folder delivery (DESIGN "Exports and sync"): write ``<bundle_id>.zip.part`` in the target
folder, flush and fsync it, rename it to ``<bundle_id>.zip``, fsync the folder, then read the
file back; delivered when its sha256 is the bundle's.

A re-run after a kill finds either a leftover ``.part`` (written again) or the finished file:
the same sha256 is delivered (not written twice), a different one is refused — a file under a
bundle's name is never overwritten. A missing or unreachable folder (a share that is down) is
tried again later; permission denied needs a person.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.domain.delivery.outcome import Delivered, Failed, Outcome, Retry, shorten

if TYPE_CHECKING:
    from vernetool.services.delivery.transports import BundleLike, TargetLike

CHUNK = 1 << 20
# errors a person has to fix (the folder refuses us); anything else may pass (a share back up)
REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS}


def deliver(target: TargetLike, bundle: BundleLike, token: str | None = None) -> Outcome:
    """Write ``bundle`` into ``target.path`` (``token`` is not used by folders)."""
    del token
    if not target.path:
        return Failed("no folder", code="delivery.folder_missing")
    if hashlib.sha256(bundle.zip).hexdigest() != bundle.sha256:
        return Failed("the queued bundle does not match its sha256", code="delivery.corrupt")
    folder = Path(target.path)
    final = folder / f"{bundle.bundle_id}.zip"
    part = folder / f"{bundle.bundle_id}.zip.part"
    try:
        if not folder.is_dir():
            return Retry(f"folder not reachable: {folder}", code="delivery.folder_missing")
        if final.exists():
            return _already_there(final, bundle)
        _write_synced(part, bundle.zip)
        try:
            _rename_no_overwrite(part, final)
        except FileExistsError:  # another sync finished first, between the check and here
            part.unlink(missing_ok=True)
            return _already_there(final, bundle)
        _sync_folder(folder)
        digest, size = _sha256_of(final)
        if digest != bundle.sha256:  # our own write came back wrong: remove it, write again
            final.unlink(missing_ok=True)
            return Retry(f"read back {digest[:12]}… instead of {bundle.sha256[:12]}…",
                         code="delivery.verify")
        return Delivered(_receipt(final, digest, size, datetime.now(UTC)))
    except OSError as error:
        return _outcome_of(error)


def _already_there(final: Path, bundle: BundleLike) -> Outcome:
    digest, size = _sha256_of(final)
    if digest != bundle.sha256:
        return Failed(f"{final.name} already exists with different content",
                      code="delivery.conflict")
    when = datetime.fromtimestamp(final.stat().st_mtime, UTC)
    return Delivered(_receipt(final, digest, size, when))


def _receipt(final: Path, digest: str, size: int, when: datetime) -> dict[str, Any]:
    return {"path": str(final), "sha256": digest, "bytes": size,
            "delivered_at": when.isoformat(timespec="seconds")}


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as out:  # a leftover .part from a killed run is ours: written anew
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _rename_no_overwrite(source: Path, destination: Path) -> None:
    """Rename ``source`` to ``destination``, raising FileExistsError if it is there already
    (Windows refuses by itself; elsewhere a hard link is the atomic no-overwrite rename, and
    shares without hard links fall back to a checked rename)."""
    if sys.platform == "win32":
        os.rename(source, destination)
        return
    try:
        os.link(source, destination)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno in REFUSED:
            raise
        if destination.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(destination)) from error
        os.rename(source, destination)
        return
    source.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX; Windows and some shares cannot open a folder)."""
    if sys.platform == "win32":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # a share that does not sync folders: the file itself is synced
    finally:
        os.close(handle)


def _sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _outcome_of(error: OSError) -> Outcome:
    reason = shorten(f"{error.strerror or type(error).__name__}: {error.filename or ''}")
    if error.errno in REFUSED or isinstance(error, PermissionError):
        return Failed(reason, code="delivery.permission")
    if error.errno == errno.ENOSPC:
        return Retry(reason, code="delivery.disk_full")
    return Retry(reason, code="delivery.folder_missing")
