"""Crafted round bundles: wrong types, null sha256, non-numeric versions, non-dates, huge
texts, encrypted / unknown-compression / damaged / huge zip entries. Each is one clear
BundleError and nothing is merged (all or nothing); fuzzed manifests likewise. Data that gets
in anyway (a decompression-bomb PNG is a valid photo; a title or date from an older merge)
does not stop ``report round``."""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.db.round_fixtures import item_ids, make_rooms, make_round, make_template
from vernetool.attachments import store_bytes
from vernetool.cli import main
from vernetool.db.migrations import open_store
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.domain.rounds import Finding, Severity
from vernetool.exchange.round_bundle import BundleError, export_bundle, merge_bundle
from vernetool.reports.round_report import write_round_report

UID = "11111111-2222-3333-4444-555555555555"
TABLES = ("hse_round", "round_room", "round_answer", "round_finding", "round_photo",
          "round_participant", "round_merge", "checklist_template", "attachment", "unit")


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A valid 1-bit PNG of ``width × height`` pixels in a few hundred KB."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


@dataclass
class Sides:
    a: sqlite3.Connection
    b: sqlite3.Connection
    a_dir: Path
    b_dir: Path
    bundle: Path
    manifest: dict[str, Any]

    def counts(self) -> dict[str, int]:
        return {t: self.b.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def files(self) -> list[Path]:
        return sorted(p for p in self.b_dir.rglob("*") if p.is_file()
                      and "attachments" in p.parts)


@pytest.fixture
def sides(tmp_path: Path) -> Iterator[Sides]:
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a, b = open_store(a_dir / "v.sqlite"), open_store(b_dir / "v.sqlite")
    template = make_template(a)
    rid = make_round(a, make_rooms(a, 2), template, uid=UID)
    rr = rounds_db.round_rooms(a, rid)[0].id
    rounds_db.save_answer(a, rr, item_ids(a, template)[0], "a", answer="improve",
                          comment="Kommentar")
    finding = findings_db.save_finding(a, Finding(
        "Dør blokkert", Severity.HIGH, "Rydd", "Per", deadline=dt.date(2026, 5, 1),
        round_room_id=rr), "a")
    stored = store_bytes(a_dir, _jpeg(), "dor.jpg")
    findings_db.add_photo(a, rr, stored.sha256, stored.extension, stored.original_name,
                          stored.size_bytes, caption="Dør", finding_id=finding)
    make_rooms(b, 2)
    bundle = export_bundle(a, rid, tmp_path / "good.zip", a_dir)
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    yield Sides(a, b, a_dir, b_dir, bundle, manifest)
    a.close()
    b.close()


def write_bundle(sides: Sides, path: Path, manifest: Any) -> Path:
    """The good bundle's photos with ``manifest`` (a dict, or JSON text)."""
    with zipfile.ZipFile(sides.bundle) as src, zipfile.ZipFile(path, "w") as dst:
        text = manifest if isinstance(manifest, str) else json.dumps(manifest)
        dst.writestr("manifest.json", text)
        for other in src.infolist():
            if other.filename != "manifest.json":
                dst.writestr(other, src.read(other.filename))
    return path


def assert_refused(sides: Sides, path: Path, words: str) -> None:
    before, files = sides.counts(), sides.files()
    with pytest.raises(BundleError) as info:
        merge_bundle(sides.b, path, sides.b_dir, "b")
    assert words in info.value.message, info.value.message
    assert "\n" not in info.value.message
    assert sides.counts() == before and sides.files() == files  # nothing merged


def _set(path: str | tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    """Set the value at ``path``: "photos.0.sha256", or the keys themselves (a fuzzed dict
    may have keys such as "", "0" or "a.b" that a dotted path cannot name)."""
    keys: tuple[str | int, ...] = (tuple(int(p) if p.isdecimal() else p
                                         for p in path.split("."))
                                   if isinstance(path, str) else path)

    def change(manifest: dict[str, Any]) -> None:
        *parents, last = keys
        node: Any = manifest
        for part in parents:
            node = node[part]
        node[last] = value
    return change


CRAFTED = [
    ("photos.0.sha256", None, "photos[0].sha256 must not be null"),
    ("photos.0.sha256", "../../etc", "photos[0].sha256: '../../etc' is not a sha256"),
    ("photos.0.size_bytes", "big", "photos[0].size_bytes must be a whole number"),
    ("version", "one", "version must be a whole number"),
    ("version", None, "version must not be null"),
    ("version", True, "version must be a whole number"),
    ("templates.0.version", "2", "templates[0].version must be a whole number"),
    ("rooms.0.template_version", 1.5, "rooms[0].template_version must be a whole number"),
    ("rooms", "x", "rooms must be a list"),
    ("rooms.0", 7, "rooms[0] must be an object"),
    ("answers.0.answer", "maybe", "answers[0].answer: 'maybe' is not one of"),
    ("round.uid", ["x"], "round.uid must be text"),
    ("round.title", "T" * 5_000_000, "round.title is 5000000 characters long"),
    ("round.unit_code", "U" * 100_000, "round.unit_code is 100000 characters long"),
    ("round.start_date", "not a date", "round.start_date: 'not a date' is not a date"),
    ("round.end_date", "2026-02-30", "round.end_date: '2026-02-30' is not a date"),
    ("findings.0.deadline", "snart", "findings[0].deadline: 'snart' is not a date"),
    ("findings.0.updated_at", 12, "findings[0].updated_at must be text"),
    ("participants.0.role", "boss", "participants[0].role: 'boss' is not one of"),
    ("templates.0.template.sections", {"a": 1}, "templates[0].template.sections must be"),
    ("round", [], "not a vernetool round bundle"),
]


@pytest.mark.parametrize(("path", "value", "words"), CRAFTED,
                         ids=[f"{p}={str(v)[:12]}" for p, v, _ in CRAFTED])
def test_a_crafted_manifest_is_one_clear_error_and_nothing_merged(
        sides: Sides, tmp_path: Path, path: str, value: Any, words: str) -> None:
    manifest = copy.deepcopy(sides.manifest)
    _set(path, value)(manifest)
    assert_refused(sides, write_bundle(sides, tmp_path / "x.zip", manifest), words)


def test_a_good_bundle_still_merges(sides: Sides) -> None:
    result = merge_bundle(sides.b, sides.bundle, sides.b_dir, "b")
    assert result.created_round and result.findings_added == 1 and result.photos_added == 1


def test_deeply_nested_and_broken_manifests(sides: Sides, tmp_path: Path) -> None:
    nested = json.dumps(sides.manifest)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert_refused(sides, write_bundle(sides, tmp_path / "n.zip", nested), "nested deeper")
    assert_refused(sides, write_bundle(sides, tmp_path / "j.zip", "{"), "not valid JSON")
    newer = copy.deepcopy(sides.manifest) | {"version": 99}
    assert_refused(sides, write_bundle(sides, tmp_path / "v.zip", newer), "newer vernetool")


def test_an_inconsistent_round_is_refused_by_the_store_and_nothing_merged(
        sides: Sides, tmp_path: Path) -> None:
    manifest = copy.deepcopy(sides.manifest)
    manifest["round"]["end_date"] = "2000-01-01"  # before the start: a CHECK of the table
    assert_refused(sides, write_bundle(sides, tmp_path / "x.zip", manifest),
                   "does not fit this database")


def _patch(path: Path, change: Callable[[bytearray], None]) -> Path:
    data = bytearray(path.read_bytes())
    change(data)
    path.write_bytes(bytes(data))
    return path


def _entry_headers(data: bytearray, name: bytes) -> tuple[int, int]:
    """Offsets of the local and the central header of the entry ``name``."""
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + length]) == name:
            local = struct.unpack_from("<I", data, central + 42)[0]
            return local, central
        central = data.find(b"PK\x01\x02", central + 4)
    raise AssertionError(name)


def test_encrypted_unknown_compression_damaged_and_huge_entries(
        sides: Sides, tmp_path: Path) -> None:
    def encrypted(data: bytearray) -> None:
        local, central = _entry_headers(data, b"manifest.json")
        data[local + 6] |= 0x1
        data[central + 8] |= 0x1

    bundle = _patch(write_bundle(sides, tmp_path / "e.zip", sides.manifest), encrypted)
    assert_refused(sides, bundle, "manifest.json is encrypted")

    def method(data: bytearray) -> None:
        local, central = _entry_headers(data, b"manifest.json")
        struct.pack_into("<H", data, local + 8, 99)
        struct.pack_into("<H", data, central + 10, 99)

    bundle = _patch(write_bundle(sides, tmp_path / "m.zip", sides.manifest), method)
    assert_refused(sides, bundle, "uses a compression vernetool does not write (99)")

    def crc(data: bytearray) -> None:
        local, _ = _entry_headers(data, b"manifest.json")
        start = local + 30 + sum(struct.unpack_from("<HH", data, local + 26))
        data[start + 5] ^= 0x20  # one flipped bit in the stored manifest

    bundle = _patch(write_bundle(sides, tmp_path / "c.zip", sides.manifest), crc)
    assert_refused(sides, bundle, "the bundle is damaged (manifest.json")

    def huge(data: bytearray) -> None:
        _, central = _entry_headers(data, b"manifest.json")
        struct.pack_into("<I", data, central + 24, 0xFFFF0000)

    bundle = _patch(write_bundle(sides, tmp_path / "h.zip", sides.manifest), huge)
    assert_refused(sides, bundle, "too large")

    photo = next(p["file"] for p in sides.manifest["photos"])

    def photo_crc(data: bytearray) -> None:
        local, _ = _entry_headers(data, photo.encode())
        start = local + 30 + sum(struct.unpack_from("<HH", data, local + 26))
        data[start + 100] ^= 0x01

    bundle = _patch(write_bundle(sides, tmp_path / "p.zip", sides.manifest), photo_crc)
    assert_refused(sides, bundle, "damaged")


def test_cli_prints_one_line_without_a_traceback(sides: Sides, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    manifest = copy.deepcopy(sides.manifest)
    manifest["photos"][0]["sha256"] = None
    bundle = write_bundle(sides, tmp_path / "x.zip", manifest)
    db = sides.b_dir / "v.sqlite"
    assert main(["round", "merge-bundle", "--db", str(db), str(bundle)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "photos[0].sha256 must not be null" in err


# -- fuzzing: any value anywhere in the manifest ------------------------------------------------
JSON = st.recursive(st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
                    | st.floats() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)


def _paths(node: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found: list[tuple[str | int, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else []
    for key, value in items:
        path = (*prefix, key)
        if key in ("template",):
            continue  # the template body has its own property tests
        found.append(path)
        found += _paths(value, path)
    return found


@given(data=st.data())
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_fuzzed_manifests_merge_or_fail_cleanly(sides: Sides, tmp_path: Path,
                                                data: st.DataObject) -> None:
    manifest = copy.deepcopy(sides.manifest)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(manifest)))
        _set(path, data.draw(JSON))(manifest)
    bundle = write_bundle(sides, tmp_path / "f.zip", manifest)
    before, files = sides.counts(), sides.files()
    try:
        merge_bundle(sides.b, bundle, sides.b_dir, "b")
    except BundleError as exc:
        assert exc.message and "\n" not in exc.message
        assert sides.counts() == before and sides.files() == files


# -- what gets in anyway does not stop the report -----------------------------------------------
def test_report_round_with_a_bomb_photo_and_odd_stored_data(sides: Sides,
                                                            tmp_path: Path) -> None:
    a = sides.a
    rid = rounds_db.find_round_by_uid(a, UID)
    assert rid is not None
    rr = rounds_db.round_rooms(a, rid)[0].id
    stored = store_bytes(sides.a_dir, bomb_png(), "bombe.png")
    findings_db.add_photo(a, rr, stored.sha256, stored.extension, stored.original_name,
                          stored.size_bytes, caption="Bombe")
    bundle = export_bundle(a, rid, tmp_path / "bomb.zip", sides.a_dir)
    assert merge_bundle(sides.b, bundle, sides.b_dir, "b").photos_added == 2  # a valid file
    b_round = rounds_db.find_round_by_uid(sides.b, UID)
    # what an older vernetool let a crafted bundle merge
    sides.b.execute("UPDATE hse_round SET title = ?, end_date = 'not a date' WHERE id = ?",
                    ("Runde " + "T" * 5_000_000, b_round))
    sides.b.execute("UPDATE unit SET code = ?", ("U" * 100_000,))
    sides.b.execute("UPDATE round_finding SET deadline = 'snart'")
    sides.b.commit()
    started = time.monotonic()
    out = write_round_report(sides.b, b_round or 0, tmp_path / "r.pdf", "nb",
                             data_dir=sides.b_dir, today=dt.date(2026, 6, 1))
    assert time.monotonic() - started < 60
    text = " ".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert "(bildet mangler)" in text  # the bomb is not decoded: a placeholder
    assert "Dør blokkert" in text
    assert "Runde TTT" in text and "…" in text  # the title, cut
