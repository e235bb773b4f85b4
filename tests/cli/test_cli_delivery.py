"""``vernetool target add|list|remove|token``, ``sync`` and ``outbox``: DESIGN's JSON, exit
codes 0/1/2, validation errors naming the field, a real folder and a real localhost server,
and the token never in the database or the log."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.services.delivery import central
from vernetool import paths
from vernetool.cli import main
from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.services.delivery import Payload, PayloadFile, payloads
from vernetool.settings import Settings

TOKEN = "s3cret-token-do-not-leak-7f3a"


@pytest.fixture(autouse=True)
def deviations_builder() -> Iterator[None]:
    """The real deviations payload once it exists; until then a small one of ids."""
    try:
        payloads.builder_for("deviations")
        yield
        return
    except payloads.NoBuilderError:
        pass

    def build(conn: Any, target: Any, since_seq: int, upto_seq: int) -> Payload:
        from vernetool.db.delivery.changes import changes

        found = changes(conn, "deviation", since_seq, upto_seq)
        data = json.dumps({"ids": found.upserts, "deleted": found.deletes}).encode()
        rows = len(found.upserts) + len(found.deletes)
        return Payload([PayloadFile("deviations.json", data, rows)], rows)

    payloads.register("deviations", build)
    yield
    payloads.unregister("deviations")


@pytest.fixture
def db(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "hse.sqlite"
    context = AppContext.open(path, settings)
    try:
        for title in ("Glass i vasken", "Syresøl på benken"):
            context.services.deviations.record(
                Deviation(DeviationType.HAZARD, title, dt.date(2026, 11, 2)))
    finally:
        context.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_target_add_list_and_remove(db: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, added, _ = run(capsys, "target", "add", "HMS-seksjonen", "--db", str(db), "--kind",
                         "folder", "--path", str(tmp_path / "out"), "--sends",
                         "deviations,rounds")
    assert code == 0
    assert added == {"name": "HMS-seksjonen", "kind": "folder",
                     "path": str(tmp_path / "out"), "url": None,
                     "sends": ["deviations", "rounds"], "token_env": None, "token": None,
                     "mapping": False, "created_at": added["created_at"]}
    code, _, _ = run(capsys, "target", "add", "EQS", "--db", str(db), "--kind", "http",
                     "--url", "https://eqs.example.no/api/bundles", "--sends", "deviations",
                     "--token-env", "EQS_TOKEN")
    assert code == 0
    code, listed, _ = run(capsys, "target", "list", "--db", str(db))
    assert code == 0 and [t["name"] for t in listed] == ["EQS", "HMS-seksjonen"]
    assert listed[0]["token"] == "env" and listed[0]["token_env"] == "EQS_TOKEN"
    code, removed, _ = run(capsys, "target", "remove", "EQS", "--db", str(db))
    assert code == 0 and removed == {"removed": "EQS", "kept_as_history": False}
    code, listed, _ = run(capsys, "target", "list", "--db", str(db))
    assert [t["name"] for t in listed] == ["HMS-seksjonen"]


@pytest.mark.parametrize(("args", "field"), [
    (["--kind", "ftp", "--path", "x", "--sends", "deviations"], "kind"),
    (["--kind", "folder", "--sends", "deviations"], "path"),
    (["--kind", "http", "--sends", "deviations"], "url"),
    (["--kind", "http", "--url", "ftp://x", "--sends", "deviations"], "url"),
    (["--kind", "http", "--url", "https://u:p@x.no/", "--sends", "deviations"], "url"),
    (["--kind", "folder", "--path", "x", "--sends", "deviations,people"], "sends"),
    (["--kind", "http", "--url", "https://x.no", "--sends", "deviations",
      "--token-env", "NOT A NAME"], "token_env"),
    (["--kind", "folder", "--path", "x", "--sends", "deviations", "--mapping",
      "/no/such/mapping.json"], "mapping"),
])
def test_a_bad_target_is_one_line_naming_the_field_exit_1(
        db: Path, capsys: pytest.CaptureFixture[str], args: list[str], field: str) -> None:
    code, out, err = run(capsys, "target", "add", "x", "--db", str(db), "--lang", "en", *args)
    assert code == 1 and out is None
    assert err.startswith(f"vernetool: {field}: ") and err.count("\n") == 1


def test_a_usage_error_is_exit_2(db: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["target", "add", "x", "--db", str(db), "--path", "x"])   # no --kind/--sends
    assert caught.value.code == 2


def test_a_second_target_of_the_same_name_is_refused(db: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    args = ["target", "add", "hms", "--db", str(db), "--kind", "folder", "--path",
            str(tmp_path), "--sends", "deviations", "--lang", "en"]
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args[:2], "HMS", *args[3:])
    assert code == 1 and err.startswith("vernetool: name: ") and "already exists" in err


def test_sync_prints_designs_json_and_a_second_sync_sends_nothing(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "central"
    out.mkdir()
    run(capsys, "target", "add", "hms", "--db", str(db), "--kind", "folder", "--path",
        str(out), "--sends", "deviations")
    code, report, err = run(capsys, "sync", "--db", str(db))
    assert code == 0, err
    assert list(report) == ["targets"]
    (target,) = report["targets"]
    assert list(target) == ["name", "delivered", "failed", "pending", "bundles"]
    assert (target["name"], target["delivered"], target["failed"], target["pending"]) == (
        "hms", 1, 0, 0)
    (bundle,) = target["bundles"]
    assert list(bundle) == ["bundle_id", "kind", "rows", "status", "receipt"]
    assert bundle["kind"] == "deviations" and bundle["rows"] == 2
    assert bundle["status"] == "delivered" and bundle["receipt"]["sha256"]
    assert (out / f"{bundle['bundle_id']}.zip").is_file()

    code, again, _ = run(capsys, "sync", "--db", str(db), "--target", "hms")
    assert code == 0 and again == {"targets": [{"name": "hms", "delivered": 0, "failed": 0,
                                                "pending": 0, "bundles": []}]}
    assert len(list(out.iterdir())) == 1

    code, outbox, _ = run(capsys, "outbox", "--db", str(db))
    assert code == 0 and list(outbox) == ["queued", "delivered", "failed", "discarded"]
    (delivered,) = outbox["delivered"]
    assert delivered["bundle_id"] == bundle["bundle_id"]
    assert delivered["receipt"] == bundle["receipt"] and delivered["target"] == "hms"
    assert set(delivered) == {"bundle_id", "target", "kind", "created_at", "rows",
                              "size_bytes", "sha256", "since", "status", "attempts",
                              "next_attempt_at", "last_error", "delivered_at", "receipt"}

    # a target with history is kept as removed, and its name can be used again
    code, removed, _ = run(capsys, "target", "remove", "hms", "--db", str(db))
    assert removed == {"removed": "hms", "kept_as_history": True}
    assert run(capsys, "outbox", "--db", str(db))[1]["delivered"][0]["target"] == "hms"
    assert run(capsys, "target", "add", "hms", "--db", str(db), "--kind", "folder",
               "--path", str(out), "--sends", "deviations")[0] == 0


def test_a_refused_bundle_fails_with_the_servers_reason_then_is_requeued(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CENTRAL_TOKEN", TOKEN)
    with central.running(central.reply(400, {"error": "unknown field 'absence'"})) as server:
        run(capsys, "target", "add", "central", "--db", str(db), "--kind", "http", "--url",
            server.url, "--sends", "deviations", "--token-env", "CENTRAL_TOKEN")
        code, report, err = run(capsys, "sync", "--db", str(db), "--lang", "en")
        assert code == 1
        (target,) = report["targets"]
        assert target["failed"] == 1 and target["delivered"] == 0
        (bundle,) = target["bundles"]
        assert bundle["status"] == "failed" and bundle["receipt"] is None
        assert "unknown field 'absence'" in err and TOKEN not in err
        code, outbox, _ = run(capsys, "outbox", "--db", str(db))
        assert "unknown field 'absence'" in outbox["failed"][0]["last_error"]

        code, outbox, _ = run(capsys, "outbox", "--db", str(db), "--requeue",
                              bundle["bundle_id"])
        assert code == 0 and outbox["queued"][0]["bundle_id"] == bundle["bundle_id"]
        code, report, err = run(capsys, "sync", "--db", str(db))
        assert code == 0, err
        assert report["targets"][0]["bundles"][0]["receipt"]["key"] == bundle["bundle_id"]
    keys = server.keys()
    assert keys == [bundle["bundle_id"]] * 2
    assert server.received[0].body == server.received[1].body
    assert {r.headers["authorization"] for r in server.received} == {f"Bearer {TOKEN}"}

    # the token is in neither the database nor the log
    for file in db.parent.glob(db.name + "*"):
        assert TOKEN.encode() not in file.read_bytes(), file
    logs = paths.data_dir() / "logs"
    for file in logs.glob("*.log*") if logs.is_dir() else []:
        assert TOKEN not in file.read_text(encoding="utf-8", errors="replace"), file


def test_a_missing_token_variable_is_named_and_nothing_is_sent(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_SUCH_TOKEN_VAR", raising=False)
    with central.running() as server:
        run(capsys, "target", "add", "central", "--db", str(db), "--kind", "http", "--url",
            server.url, "--sends", "deviations", "--token-env", "NO_SUCH_TOKEN_VAR")
        code, report, err = run(capsys, "sync", "--db", str(db), "--lang", "en")
    assert code == 1 and "NO_SUCH_TOKEN_VAR" in err
    assert server.received == []
    (target,) = report["targets"]
    assert target["failed"] == 1 and target["pending"] == 1


def test_without_a_keyring_the_token_command_says_so(db: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, "target", "add", "central", "--db", str(db), "--kind", "http", "--url",
        "https://central.example.no/bundles", "--sends", "deviations")
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(TOKEN + "\n"))
    code, out, err = run(capsys, "target", "token", "central", "--db", str(db), "--lang", "en")
    assert code == 1 and out is None
    assert err.startswith("vernetool: token: ") and "keyring" in err and TOKEN not in err
