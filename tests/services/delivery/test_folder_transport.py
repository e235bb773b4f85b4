"""Folder delivery into a real temporary folder: .part, rename, verify; a re-run after a kill;
a different file under the bundle's name; a share that is down; a folder that refuses us."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tests.services.delivery.conftest import Target, make_bundle
from vernetool.domain.delivery.outcome import Delivered, Failed, Retry
from vernetool.services.delivery.transports import deliver as deliver_any
from vernetool.services.delivery.transports import folder


def _target(path: Path) -> Target:
    return Target("share", "folder", path=str(path))


def test_delivered_by_part_rename_and_verify(tmp_path: Path) -> None:
    bundle = make_bundle()
    outcome = folder.deliver(_target(tmp_path), bundle)
    final = tmp_path / f"{bundle.bundle_id}.zip"
    assert isinstance(outcome, Delivered)
    assert sorted(p.name for p in tmp_path.iterdir()) == [final.name]  # no .part left
    assert final.read_bytes() == bundle.zip
    assert outcome.receipt["path"] == str(final)
    assert outcome.receipt["sha256"] == bundle.sha256 == hashlib.sha256(
        final.read_bytes()).hexdigest()
    assert outcome.receipt["bytes"] == len(bundle.zip)
    assert datetime.fromisoformat(outcome.receipt["delivered_at"]).tzinfo is not None
    json.dumps(outcome.receipt)  # stored as JSON


def test_a_leftover_part_from_a_killed_run_is_written_again(tmp_path: Path) -> None:
    bundle = make_bundle()
    part = tmp_path / f"{bundle.bundle_id}.zip.part"
    part.write_bytes(bundle.zip[: len(bundle.zip) // 3])  # the kill came mid-write
    outcome = deliver_any(_target(tmp_path), bundle)
    assert isinstance(outcome, Delivered)
    assert not part.exists()
    assert (tmp_path / f"{bundle.bundle_id}.zip").read_bytes() == bundle.zip


def test_already_delivered_is_delivered_again_without_a_second_write(tmp_path: Path) -> None:
    bundle = make_bundle()
    first = folder.deliver(_target(tmp_path), bundle)
    final = tmp_path / f"{bundle.bundle_id}.zip"
    os.utime(final, (1_700_000_000, 1_700_000_000))
    before = final.stat()
    again = folder.deliver(_target(tmp_path), bundle)  # a re-run after a kill before the receipt
    assert isinstance(first, Delivered) and isinstance(again, Delivered)
    assert again.receipt["sha256"] == bundle.sha256
    assert again.receipt["delivered_at"] == "2023-11-14T22:13:20+00:00"  # when it got there
    after = final.stat()
    assert (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)
    assert [p.name for p in tmp_path.iterdir()] == [final.name]


def test_a_different_file_under_the_bundles_name_is_never_overwritten(tmp_path: Path) -> None:
    bundle = make_bundle()
    final = tmp_path / f"{bundle.bundle_id}.zip"
    final.write_bytes(b"someone else's zip")
    outcome = folder.deliver(_target(tmp_path), bundle)
    assert isinstance(outcome, Failed) and outcome.code == "delivery.conflict"
    assert final.name in outcome.reason
    assert final.read_bytes() == b"someone else's zip"
    assert [p.name for p in tmp_path.iterdir()] == [final.name]


def test_a_share_that_is_down_is_tried_again_later(tmp_path: Path) -> None:
    outcome = folder.deliver(_target(tmp_path / "share" / "hse"), make_bundle())
    assert isinstance(outcome, Retry) and outcome.code == "delivery.folder_missing"
    assert "hse" in outcome.reason
    assert not (tmp_path / "share").exists()  # not made locally in the share's place


def test_a_queued_bundle_that_does_not_match_its_hash_is_not_delivered(tmp_path: Path) -> None:
    bundle = make_bundle()
    broken = type(bundle)(bundle.bundle_id, bundle.zip + b"x", bundle.sha256)
    outcome = folder.deliver(_target(tmp_path), broken)
    assert isinstance(outcome, Failed) and outcome.code == "delivery.corrupt"
    assert list(tmp_path.iterdir()) == []


@contextmanager
def _as_nobody() -> Iterator[None]:
    """Root writes anywhere: check permissions as nobody for a moment (effective uid only,
    so the test process gets root back)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_permission_denied_needs_a_person() -> None:
    base = Path(tempfile.mkdtemp(prefix="vernetool-share-"))  # /tmp: reachable by nobody
    try:
        base.chmod(0o755)
        share = base / "readonly"
        share.mkdir(mode=0o555)
        with _as_nobody():
            outcome = folder.deliver(_target(share), make_bundle())
        assert isinstance(outcome, Failed) and outcome.code == "delivery.permission"
        assert "ermission denied" in outcome.reason
        assert list(share.iterdir()) == []
    finally:
        shutil.rmtree(base, ignore_errors=True)
