"""kill -9 during ``vernetool sync``: the process is killed while a real localhost server
holds its request; the next ``vernetool sync`` delivers the same bundle with the same
Idempotency-Key, and the server — which dedupes by key, as a real one does — holds exactly one
copy and never saw two different bodies for one key. A sync after the receipt sends nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.services.delivery import central
from vernetool.cli import COMMANDS, main
from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Absence, Deviation, DeviationType, Injury, TriState
from vernetool.settings import Settings

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
    # TEMPORARY (transport helper): until w12/outbox's `target` and `sync` commands are merged
    pytest.mark.skipif(not {"target", "sync", "outbox"} <= set(COMMANDS),
                       reason="vernetool target/sync/outbox not merged yet (w12/outbox)"),
]

TOKEN = "kill-test-token-42"


def _database(path: Path, settings: Settings, titles: list[str]) -> None:
    context = AppContext.open(path, settings)
    try:
        for title in titles:
            context.services.deviations.record(Deviation(
                type=DeviationType.ACCIDENT, title=title, reported_at=dt.date(2026, 11, 30),
                injury=Injury(True, Absence.GT3, TriState.YES, TriState.NO)))
    finally:
        context.close()


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CENTRAL_TOKEN": TOKEN}


def _sync(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "vernetool", "sync", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(), stdin=subprocess.DEVNULL)


def _finish(process: subprocess.Popen[str]) -> tuple[int, dict[str, object], str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, (json.loads(out) if out.strip() else {}), err


def _manifest(body: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(body)) as bundle:
        return dict(json.loads(bundle.read("manifest.json")))


@pytest.mark.parametrize("stored_before_kill", [True, False],
                         ids=["server-stored-it", "server-lost-it"])
def test_a_sync_killed_mid_delivery_is_completed_by_the_next_with_the_same_key(
        tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str],
        stored_before_kill: bool) -> None:
    db = tmp_path / "hse.sqlite"
    _database(db, settings, ["Cut by broken glass", "Acid splash on the bench"])
    # the first request is held (the server either stored the body already, or not yet)
    held = central.hang(60, then=central.store()) if stored_before_kill else central.hang(60)
    with central.running(held) as server:
        assert main(["target", "add", "central", "--db", str(db), "--kind", "http",
                     "--url", server.url, "--sends", "deviations",
                     "--token-env", "CENTRAL_TOKEN"]) == 0
        capsys.readouterr()

        first = _sync(db)
        try:
            assert server.arrived.wait(60), "the sync never reached the server"
        finally:
            os.kill(first.pid, signal.SIGKILL)
        assert first.wait(30) == -signal.SIGKILL
        first.communicate()  # close the killed process's pipes
        server.release.set()  # the held request is answered into a closed socket

        code, report, err = _finish(_sync(db))
        assert code == 0, err
        assert TOKEN not in err

        # a third sync: the receipt is there, nothing new, nothing sent
        code_again, again, err_again = _finish(_sync(db))
        assert code_again == 0, err_again

    assert len(server.received) == 2 and all(r.whole for r in server.received)
    first_request, second_request = server.received
    key = first_request.headers["idempotency-key"]
    assert second_request.headers["idempotency-key"] == key
    assert second_request.body == first_request.body  # the same bytes
    assert {r.headers["authorization"] for r in server.received} == {f"Bearer {TOKEN}"}
    assert server.conflicts == []  # never two different bodies for one key
    assert list(server.stored) == [key]  # exactly one copy
    manifest = _manifest(server.stored[key])
    assert manifest["bundle_id"] == key and manifest["kind"] == "deviations"

    (target,) = report["targets"]  # type: ignore[misc]
    assert target["name"] == "central" and target["delivered"] == 1
    assert target["failed"] == 0 and target["pending"] == 0
    (bundle,) = target["bundles"]
    assert bundle["bundle_id"] == key and bundle["status"] == "delivered"
    assert bundle["rows"] == 2
    assert bundle["receipt"]["key"] == key

    (target_again,) = again["targets"]  # type: ignore[misc]
    assert target_again["delivered"] == 0 and target_again["bundles"] == []

    assert main(["outbox", "--db", str(db)]) == 0
    outbox = capsys.readouterr().out
    assert outbox.count(key) >= 1 and TOKEN not in outbox
