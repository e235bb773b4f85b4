"""The open archive on the real demo database: the manifest's SHA-256s hold, every table is
there with its rows, no identity number (clear or sealed) leaves without being asked for,
with the choice they are there and audited, a database rebuilt from it equals the original
table by table, formulas are neutralised, and a cancel leaves nothing behind."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from vernetool.cli import main
from vernetool.db.connection import atomic
from vernetool.db.migrations import open_store
from vernetool.demo.builder import build_demo
from vernetool.demo.vault import DEMO_PASSPHRASE
from vernetool.security.identity_vault import ENV_PASSPHRASE, IdentityVault
from vernetool.services import Services, Store
from vernetool.services.exchange.archive import ArchiveCancelled
from vernetool.services.exchange.archive_restore import ArchiveRefused, restore_archive

TODAY = dt.date(2026, 3, 2)
SECRET = ("identity_cipher", "identity_index")
IDENTITY_TABLES = ("exposure_entry", "radiation_worker", "bio_worker")


class _Meta:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM app_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        raise AssertionError("read only")


def _services(path: Path) -> Services:
    return Services(Store.open(path, lambda: "tester"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, seed=2024, today=TODAY)
    return path


@pytest.fixture(scope="module")
def numbers(demo: Path) -> dict[str, list[tuple[bytes, str, str]]]:
    """Per identity table: (cipher, index, number in clear) of each sealed number."""
    found: dict[str, list[tuple[bytes, str, str]]] = {}
    with closing(sqlite3.connect(demo)) as conn:
        vault = IdentityVault(keychain=None)
        vault.unlock(_Meta(conn), DEMO_PASSPHRASE)
        for table in IDENTITY_TABLES:
            found[table] = [(bytes(c), str(i), vault.open(bytes(c))) for c, i in conn.execute(
                f"SELECT identity_cipher, identity_index FROM {table} "
                "WHERE identity_cipher IS NOT NULL")]
    assert all(found.values())
    return found


@pytest.fixture(scope="module")
def plain(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plain") / "archive.zip"
    services = _services(demo)
    try:
        services.archive.write(out, today=TODAY)
    finally:
        services.store.close()
    return out


@pytest.fixture(scope="module")
def with_identity(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    copy = tmp_path_factory.mktemp("ident") / "demo.sqlite"
    with closing(sqlite3.connect(demo)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    out = copy.with_name("archive-with-numbers.zip")
    os.environ[ENV_PASSPHRASE] = DEMO_PASSPHRASE
    services = _services(copy)
    try:
        services.archive.write(out, include_identity=True, today=TODAY)
    finally:
        services.store.close()
        os.environ.pop(ENV_PASSPHRASE, None)
    yield out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _table_rows(path: Path, table: str, drop: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in drop]
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1, 2"
                            if len(columns) > 1 else f"SELECT * FROM {table} ORDER BY 1")
        return [tuple(r) for r in rows
                if not (table == "app_meta" and str(r[0]).startswith("identity."))]


def _tables(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted(r[1] for r in conn.execute("PRAGMA table_list")
                      if r[2] == "table" and not r[1].startswith("sqlite_"))


# -- what is in it ---------------------------------------------------------------------------

def test_manifest_lists_every_file_with_its_sha256(plain: Path, demo: Path) -> None:
    members = _members(plain)
    manifest = json.loads(members.pop("manifest.json"))
    assert manifest["schema"] == "vernetool.archive/1"
    assert manifest["include_identity"] is False
    with closing(sqlite3.connect(demo)) as conn:
        assert manifest["database_id"] == conn.execute(
            "SELECT value FROM app_meta WHERE key = 'database_id'").fetchone()[0]
        assert manifest["schema_version"] == conn.execute("PRAGMA user_version").fetchone()[0]
    listed = {e["path"]: e for e in manifest["files"]}
    assert set(listed) == set(members)      # nothing unlisted, nothing missing
    for name, data in members.items():
        assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert listed[name]["bytes"] == len(data)


def test_every_table_is_there_with_its_rows(plain: Path, demo: Path) -> None:
    members = _members(plain)
    manifest = json.loads(members["manifest.json"])
    tables = _tables(demo)
    assert sorted(manifest["tables"]) == tables
    schema = json.loads(members["schema.json"])
    for table in tables:
        expected = len(_table_rows(demo, table))
        assert manifest["tables"][table] == expected, table
        records = json.loads(members[f"data/{table}.json"])
        assert len(records) == expected, table
        lines = list(csv.reader(io.StringIO(members[f"data/{table}.csv"].decode("utf-8-sig")),
                                delimiter=";"))
        assert len(lines) == expected + 1, table
        described = schema["tables"][table]
        assert described["description"], f"{table} has no description in resources/archive"
        assert described["rows"] == expected
    assert members["data/deviation.csv"].startswith(b"\xef\xbb\xbf")  # BOM for Excel
    assert b"CREATE TABLE deviation" in members["schema.sql"]
    fks = schema["tables"]["room"]["foreign_keys"]
    assert {"columns": ["building_id"], "table": "building", "references": ["id"],
            "on_delete": "RESTRICT"} in fks
    assert "English" in members["README.txt"].decode() and "Norsk" in members["README.txt"].decode()


def test_files_reports_and_workbooks(plain: Path, demo: Path) -> None:
    members = _members(plain)
    with closing(sqlite3.connect(demo)) as conn:
        stored = conn.execute("SELECT sha256, extension, original_name FROM attachment").fetchall()
        completed = conn.execute("SELECT count(*) FROM hse_round "
                                 "WHERE status IN ('completed', 'reported')").fetchone()[0]
    assert stored
    index = list(csv.DictReader(io.StringIO(members["files/index.csv"].decode("utf-8-sig")),
                                delimiter=";"))
    assert {(r["sha256"], r["original_name"]) for r in index} == {(s, o) for s, _, o in stored}
    for sha, ext, _ in stored:
        assert hashlib.sha256(members[f"files/{sha}{ext}"]).hexdigest() == sha
    pdfs = [n for n in members if n.startswith("reports/rounds/") and n.endswith(".pdf")]
    assert len(pdfs) == completed >= 1
    assert all(members[n].startswith(b"%PDF") for n in pdfs)
    assert any(n.startswith("reports/deviations/") for n in members)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(members["xlsx/deviations.xlsx"]), read_only=True)
    assert sum(1 for _ in book.worksheets[0].iter_rows()) \
        == len(_table_rows(demo, "deviation")) + 1


# -- identity numbers -------------------------------------------------------------------------

def test_no_identity_number_without_the_choice(
        plain: Path, numbers: dict[str, list[tuple[bytes, str, str]]]) -> None:
    members = _members(plain)
    blob = b"\n".join(members.values())
    # the workbooks and PDFs are compressed inside: look at their own members too
    for name, data in members.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                blob += b"".join(inner.read(n) for n in inner.namelist())
    for table, sealed in numbers.items():
        for cipher, index, number in sealed:
            assert number.encode() not in blob, table
            assert base64.b64encode(cipher) not in blob
            assert cipher not in blob
            assert index.encode() not in blob
        records = json.loads(members[f"data/{table}.json"])
        assert all("identity_cipher" not in r and "identity_index" not in r
                   and "identity_number" not in r for r in records)
        assert all(r["identity_masked"].endswith("*****") for r in records
                   if r["identity_masked"])
    meta = json.loads(members["data/app_meta.json"])
    assert not [r for r in meta if r["key"].startswith("identity.")]


def test_identity_numbers_on_request_and_audited(
        with_identity: Path, numbers: dict[str, list[tuple[bytes, str, str]]]) -> None:
    members = _members(with_identity)
    assert json.loads(members["manifest.json"])["include_identity"] is True
    for table, sealed in numbers.items():
        records = json.loads(members[f"data/{table}.json"])
        assert sorted(r["identity_number"] for r in records if r["identity_number"]) \
            == sorted(n for _, _, n in sealed)
        assert all("identity_cipher" not in r for r in records)
        for cipher, index, _ in sealed:
            assert base64.b64encode(cipher) not in members[f"data/{table}.json"]
            assert index.encode() not in members[f"data/{table}.json"]
    with zipfile.ZipFile(io.BytesIO(members["xlsx/exposure.xlsx"])) as inner:
        sheet = b"".join(inner.read(n) for n in inner.namelist())
    assert numbers["exposure_entry"][0][2].encode() in sheet
    with closing(sqlite3.connect(with_identity.with_name("demo.sqlite"))) as conn:
        audited = conn.execute("SELECT actor, details FROM audit_log WHERE entity = 'archive' "
                               "AND action = 'export_identity'").fetchall()
    assert len(audited) == 1
    assert audited[0][0] == "tester"
    details = json.loads(audited[0][1])
    assert details["file"] == with_identity.name
    assert details["numbers"] == sum(len(v) for v in numbers.values())


# -- rebuilding -------------------------------------------------------------------------------

def test_restore_rebuilds_every_table(plain: Path, demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "rebuilt.sqlite"
    summary = restore_archive(plain, target)
    assert summary.identity_not_restored == 0
    assert _tables(target) == _tables(demo)
    for table in _tables(demo):
        drop = SECRET if table in IDENTITY_TABLES else ()
        assert _table_rows(target, table, drop) == _table_rows(demo, table, drop), table
    with closing(sqlite3.connect(target)) as conn:
        # identity numbers do not come back from an archive made without them
        for table in IDENTITY_TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table} "
                                "WHERE identity_cipher IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with closing(sqlite3.connect(demo)) as conn:
        word = conn.execute("SELECT title FROM deviation ORDER BY id LIMIT 1").fetchone()[0] \
            .split()[0]
        query = "SELECT count(*) FROM deviation_fts WHERE deviation_fts MATCH ?"
        expected = conn.execute(query, (word,)).fetchone()[0]
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute(query, (word,)).fetchone()[0] == expected >= 1
    # and it opens as a vernetool database
    services = _services(target)
    try:
        assert services.deviation_queries is not None
    finally:
        services.store.close()


def test_restore_seals_the_numbers_again(with_identity: Path, tmp_path: Path,
                                         numbers: dict[str, list[tuple[bytes, str, str]]],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rebuilt.sqlite"
    monkeypatch.setenv(ENV_PASSPHRASE, "a new passphrase")
    summary = restore_archive(with_identity, target)
    assert summary.identity_numbers == sum(len(v) for v in numbers.values())
    with closing(sqlite3.connect(target)) as conn:
        vault = IdentityVault(keychain=None)
        vault.unlock(_Meta(conn), "a new passphrase")
        for table, sealed in numbers.items():
            found = sorted(vault.open(bytes(c)) for (c,) in conn.execute(
                f"SELECT identity_cipher FROM {table} WHERE identity_cipher IS NOT NULL"))
            assert found == sorted(n for _, _, n in sealed)


def test_a_damaged_archive_is_refused_and_writes_nothing(plain: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(damaged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "data/room.json":
                data = data.replace(b'"lab"', b'"office"', 1)
            dst.writestr(name, data)
    target = tmp_path / "rebuilt.sqlite"
    with pytest.raises(ArchiveRefused) as refused:
        restore_archive(damaged, target)
    assert refused.value.code == "archive.damaged"
    assert refused.value.params["file"] == "data/room.json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.zip"]


def test_cli_archive_and_restore(plain: Path, demo: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.zip"
    assert main(["archive", "--db", str(demo), "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["archive"] == str(out)
    assert printed["rows"] == sum(json.loads(_members(out)["manifest.json"])["tables"].values())
    target = tmp_path / "new.sqlite"
    assert main(["restore", "--db", str(target), str(out)]) == 0
    assert "rebuilt" in capsys.readouterr().out or target.exists()
    assert _table_rows(target, "room") == _table_rows(demo, "room")
    assert main(["restore", "--db", str(target), str(out)]) == 1  # never over a database
    assert "exists already" in capsys.readouterr().err
    locked = ["archive", "--db", str(demo), "--out", str(tmp_path / "x.zip"),
              "--include-identity"]
    assert main(locked) == 1      # no passphrase, no terminal: refused, nothing written
    assert not (tmp_path / "x.zip").exists()


# -- formulas and atomicity --------------------------------------------------------------------

FORMULA = "=HYPERLINK(\"http://x\";\"click\")"


def test_formulas_are_neutralised_and_json_keeps_the_text(tmp_path: Path) -> None:
    path = tmp_path / "small.sqlite"
    with closing(open_store(path)) as conn, atomic(conn):
        conn.execute("INSERT INTO building (code, name) VALUES ('K5', ?)", (FORMULA,))
        conn.execute("INSERT INTO room (building_id, number, name, type) "
                     "VALUES (1, '101', ?, 'lab')", ("@SUM(A1)",))
    out = tmp_path / "small.zip"
    services = _services(path)
    try:
        services.archive.write(out)
    finally:
        services.store.close()
    members = _members(out)
    rows = list(csv.DictReader(io.StringIO(members["data/building.csv"].decode("utf-8-sig")),
                               delimiter=";"))
    assert rows[0]["name"] == "'" + FORMULA
    assert json.loads(members["data/building.json"])[0]["name"] == FORMULA
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(members["xlsx/rooms.xlsx"])).worksheets[0]
    names = [c.value for row in sheet.iter_rows() for c in row]
    assert "'@SUM(A1)" in names
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    target = tmp_path / "back.sqlite"
    restore_archive(out, target)
    assert _table_rows(target, "building") == _table_rows(path, "building")


def test_a_cancel_leaves_no_half_file(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "archive.zip"
    out.write_bytes(b"an earlier archive")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    services = _services(demo)
    try:
        with pytest.raises(ArchiveCancelled):
            services.archive.write(out, progress=progress, cancel=lambda: len(seen) >= 5)
    finally:
        services.store.close()
    assert len(seen) == 5
    assert out.read_bytes() == b"an earlier archive"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.zip"]


def test_restore_refuses_what_is_not_an_archive(tmp_path: Path) -> None:
    fake = tmp_path / "fake.zip"
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"schema": "vernetool.bundle/1"}))
    with pytest.raises(ArchiveRefused) as refused:
        restore_archive(fake, tmp_path / "x.sqlite")
    assert refused.value.code == "archive.not_archive"
    assert not (tmp_path / "x.sqlite").exists()


def test_reports_are_those_of_the_last_three_years(demo: Path, tmp_path: Path) -> None:
    """The PDFs are renderings (``vernetool report`` makes older ones again): bounded."""
    out = tmp_path / "later.zip"
    services = _services(demo)
    try:
        services.archive.write(out, today=dt.date(TODAY.year + 5, 1, 1))
    finally:
        services.store.close()
    names = _members(out)
    assert not [n for n in names if n.startswith("reports/")]
    assert "data/hse_round.json" in names and "xlsx/deviations.xlsx" in names
