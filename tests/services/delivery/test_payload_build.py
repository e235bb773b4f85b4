"""The builders on the change log: only the records changed in (since, upto], tombstones for
deletions (not in a first bundle), nothing new sends nothing; and a real sync to a folder
target carries the payload's files under the target's mapping."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services.delivery.payload_fixtures import (
    ACTOR,
    PERSONAL,
    files_of,
    make_deviations,
    make_room,
    read_csv,
    read_json,
)
from vernetool.context import AppContext
from vernetool.db.delivery.changes import last_seq
from vernetool.domain.chemicals.model import Component, HoldingInput, ProductInput
from vernetool.domain.delivery.kinds import Sends, TargetKind
from vernetool.domain.delivery.model import Target
from vernetool.domain.organisation import Room, RoomType
from vernetool.services import Services
from vernetool.services.delivery import payloads
from vernetool.services.delivery.payloads import chemicals, deviations


def _target(mapping: dict[str, object] | None = None) -> Target:
    return Target(id=1, name="eqs", kind=TargetKind.FOLDER, path="/nowhere", url="",
                  sends=tuple(Sends), token_env="", token_in_keyring=False, mapping=mapping,
                  created_at="2026-11-20T08:00:00Z")


@pytest.fixture
def services(ctx: AppContext) -> Iterator[Services]:
    ctx.settings.set("user_name", ACTOR)
    yield ctx.services


def _db_id(conn: sqlite3.Connection) -> str:
    return str(conn.execute("SELECT value FROM app_meta WHERE key = 'database_id'"
                            ).fetchone()[0])


def test_only_the_deviation_edited_since_the_last_bundle(ctx: AppContext,
                                                         services: Services) -> None:
    ids = make_deviations(services, make_room(services))
    first = deviations.build(ctx.conn, _target(), 0, last_seq(ctx.conn))
    assert first.rows == 3
    files = files_of(first.files)
    assert len(read_csv(files["deviations.csv"])) == 3 and "deleted.json" not in files
    assert {f.path: f.rows for f in first.files}["measures.csv"] == 1
    mark = last_seq(ctx.conn)
    # nothing new: nothing to send
    assert deviations.build(ctx.conn, _target(), mark, last_seq(ctx.conn)).rows == 0
    dev = services.deviations.get(ids["hazard"])
    assert dev is not None
    dev.description = "Pallen er flyttet"
    services.deviations.update(dev)
    edited = deviations.build(ctx.conn, _target(), mark, last_seq(ctx.conn))
    db_id = _db_id(ctx.conn)
    assert edited.rows == 1
    [row] = read_csv(files_of(edited.files)["deviations.csv"])
    assert (row["id"], row["description"]) == (f"{db_id}:{ids['hazard']}", "Pallen er flyttet")


def test_a_deleted_deviation_is_a_tombstone_but_not_in_a_first_bundle(
        ctx: AppContext, services: Services) -> None:
    ids = make_deviations(services, make_room(services))
    mark = last_seq(ctx.conn)
    with services.store.write() as conn:
        conn.execute("DELETE FROM deviation WHERE id = ?", (ids["formula"],))
    later = deviations.build(ctx.conn, _target(), mark, last_seq(ctx.conn))
    assert later.rows == 1
    files = files_of(later.files)
    assert read_csv(files["deviations.csv"]) == []
    [gone] = read_json(files["deleted.json"])["deleted"]
    assert gone["id"] == f"{_db_id(ctx.conn)}:{ids['formula']}"
    assert dt.datetime.fromisoformat(gone["deleted_at"].replace("Z", "+00:00")).year >= 2026
    first = deviations.build(ctx.conn, _target(), 0, last_seq(ctx.conn))
    assert first.rows == 2 and "deleted.json" not in files_of(first.files)


def test_a_product_change_sends_its_holdings_again(ctx: AppContext,
                                                   services: Services) -> None:
    lab = services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
    other = services.rooms.save(Room("REALF", "D2-109", RoomType.LAB, "Lab 2"))
    acetone = services.chemicals.save_product(ProductInput("Aceton", "VWR",
                                                           (Component("67-64-1"),), ("H225",)))
    one = services.chemicals.add_holding(HoldingInput(acetone.id, lab, "Skap 1", 1, "L"))
    two = services.chemicals.add_holding(HoldingInput(acetone.id, other, "Skap 2", 2, "L"))
    mark = last_seq(ctx.conn)
    services.chemicals.save_product(ProductInput(
        "Aceton", "VWR", (Component("67-64-1"),), ("H225 H319 H336",)), acetone.id)
    built = chemicals.build(ctx.conn, _target(), mark, last_seq(ctx.conn))
    db_id = _db_id(ctx.conn)
    rows = read_csv(files_of(built.files)["chemicals.csv"])
    assert sorted(r["id"] for r in rows) == sorted([f"{db_id}:{one.id}", f"{db_id}:{two.id}"])
    assert all("H336" in r["hazard_statements"] for r in rows)


def test_every_kind_has_a_builder_registered() -> None:
    for kind in Sends:
        assert callable(payloads.builder_for(kind))


def test_a_sync_to_a_folder_carries_the_mapped_payload(ctx: AppContext, services: Services,
                                                       tmp_path: Path) -> None:
    make_deviations(services, make_room(services))
    folder = tmp_path / "eqs"
    folder.mkdir()
    mapping = tmp_path / "eqs-mapping.json"
    mapping.write_text(json.dumps({"deviations": {"columns": {"title": "Tittel"}}}), "utf-8")
    services.delivery.targets.add("eqs", kind="folder", path=str(folder), sends="deviations",
                                  mapping=mapping)
    result = services.delivery.sync()
    [target] = result.targets
    assert target.delivered == 1
    [zipped] = folder.glob("*.zip")
    with zipfile.ZipFile(io.BytesIO(zipped.read_bytes())) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        rows = read_csv(bundle.read("deviations.csv"))
        everything = b"".join(bundle.read(n) for n in bundle.namelist())
    assert {f["path"]: f["rows"] for f in manifest["files"]} == {
        "deviations.csv": 3, "measures.csv": 1, "history.csv": 6, "deviations.json": 3}
    assert sorted(r["Tittel"] for r in rows)[0] == "'=HYPERLINK(\"http://x\",\"klikk\")"
    text = everything.decode("utf-8", errors="replace").lower()
    assert not [w for w in PERSONAL if w.lower() in text]
    assert services.delivery.sync().targets[0].delivered == 0      # nothing new
