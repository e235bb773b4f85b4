"""Content-addressed file store for photos and attachments inside the data folder.

A file is stored once under ``<data folder>/attachments/<sha[:2]>/<sha256><.ext>``. The name it
had on the user's disk is kept only as text in the database, so an imported file name can
never write outside the store.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vernetool.domain.errors import ValidationError

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".heic",
                              ".tif", ".tiff"})
MAX_BYTES = 50 * 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")
_EXT = re.compile(r"^\.[a-z0-9]{1,8}$")


class AttachmentError(ValidationError):
    """A file that cannot be attached (missing, too large, not a picture ...)."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code, "attachment", **params)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    extension: str
    original_name: str
    size_bytes: int


def store_root(data_dir: Path) -> Path:
    return data_dir / "attachments"


def safe_extension(name: str) -> str:
    ext = Path(name).suffix.lower()
    return ext if _EXT.match(ext) else ""


def path_for(data_dir: Path, sha256: str, extension: str) -> Path:
    if not _SHA.match(sha256) or (extension and not _EXT.match(extension)):
        raise AttachmentError("attachment.bad_name", name=f"{sha256}{extension}")
    return store_root(data_dir) / sha256[:2] / f"{sha256}{extension}"


def store_bytes(data_dir: Path, content: bytes, original_name: str) -> StoredFile:
    if len(content) > MAX_BYTES:
        raise AttachmentError("attachment.too_large", name=original_name,
                              limit=MAX_BYTES // (1024 * 1024))
    sha = hashlib.sha256(content).hexdigest()
    ext = safe_extension(original_name)
    target = path_for(data_dir, sha, ext)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return StoredFile(sha, ext, Path(original_name).name[:255], len(content))


def store_file(data_dir: Path, source: Path, *, images_only: bool = False) -> StoredFile:
    if not source.is_file():
        raise AttachmentError("attachment.no_file", path=str(source))
    if images_only and source.suffix.lower() not in IMAGE_EXTENSIONS:
        raise AttachmentError("attachment.not_a_picture", name=source.name)
    if source.stat().st_size > MAX_BYTES:
        raise AttachmentError("attachment.too_large", name=source.name,
                              limit=MAX_BYTES // (1024 * 1024))
    return store_bytes(data_dir, source.read_bytes(), source.name)


def copy_out(data_dir: Path, sha256: str, extension: str, target: Path) -> Path:
    shutil.copyfile(path_for(data_dir, sha256, extension), target)
    return target
