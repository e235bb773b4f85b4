"""Two laptops, one round: export a bundle, merge both ways, conflicts, idempotence, safety."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.db.round_fixtures import item_ids, make_rooms, make_round, make_template
from vernetool.attachments import path_for, store_bytes
from vernetool.cli import main
from vernetool.db.migrations import open_store
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.domain.rounds import Finding, Severity
from vernetool.exchange.round_bundle import BundleError, export_bundle, merge_bundle

UID = "11111111-2222-3333-4444-555555555555"


@dataclass
class Laptop:
    name: str
    folder: Path
    conn: sqlite3.Connection

    @property
    def round_id(self) -> int:
        found = rounds_db.find_round_by_uid(self.conn, UID)
        assert found is not None
        return found

    def round_room(self, index: int) -> int:
        return rounds_db.round_rooms(self.conn, self.round_id)[index].id

    def item(self, index: int) -> int:
        room = rounds_db.round_rooms(self.conn, self.round_id)[0]
        return item_ids(self.conn, room.template_id)[index]

    def answers(self) -> dict[tuple[str, str], tuple[str | None, str]]:
        return {(r[0], r[1]): (r[2], r[3]) for r in self.conn.execute(
            "SELECT ro.number, i.code, a.answer, a.comment FROM round_answer a "
            "JOIN round_room rr ON rr.id = a.round_room_id JOIN room ro ON ro.id = rr.room_id "
            "JOIN checklist_item i ON i.id = a.item_id")}

    def send(self, other: Laptop) -> object:
        bundle = export_bundle(self.conn, self.round_id, self.folder / f"from-{self.name}.zip",
                               self.folder)
        return merge_bundle(other.conn, bundle, other.folder, other.name)


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    a = Laptop("a", tmp_path / "a", open_store(tmp_path / "a" / "vernetool.sqlite"))
    b = Laptop("b", tmp_path / "b", open_store(tmp_path / "b" / "vernetool.sqlite"))
    template = make_template(a.conn)
    make_round(a.conn, make_rooms(a.conn, 4), template, uid=UID)
    make_rooms(b.conn, 4)  # the same rooms exist on both; the checklist only on laptop a
    yield a, b
    a.conn.close()
    b.conn.close()


def test_round_is_created_from_the_bundle(laptops: tuple[Laptop, Laptop]) -> None:
    a, b = laptops
    result = a.send(b)
    assert result.created_round and result.rooms_added == 4 and result.templates_added == 1
    assert len(rounds_db.round_rooms(b.conn, b.round_id)) == 4
    assert [p.name for p in rounds_db.get_round(b.conn, b.round_id).participants] == [
        "Kari Leder", "Ola Verneombud", "Per Labingeniør"]


def test_answers_of_different_rooms_meet_on_both_laptops(
        laptops: tuple[Laptop, Laptop]) -> None:
    a, b = laptops
    a.send(b)
    rounds_db.save_answer(a.conn, a.round_room(0), a.item(0), "a", answer="ok")
    rounds_db.save_answer(a.conn, a.round_room(0), a.item(1), "a", answer="improve",
                          comment="Mangler skilt")
    rounds_db.save_answer(b.conn, b.round_room(1), b.item(0), "b", answer="not_relevant")
    to_b, to_a = a.send(b), b.send(a)
    assert to_b.answers_added == 2 and to_a.answers_added == 1
    assert not to_b.conflicts and not to_a.conflicts
    assert a.answers() == b.answers()
    assert len(a.answers()) == 3
    assert a.answers()[("100", "test-basic.order.2")] == ("improve", "Mangler skilt")


def test_same_answer_changed_on_both_newest_wins_and_conflict_keeps_the_loser(
        laptops: tuple[Laptop, Laptop]) -> None:
    a, b = laptops
    a.send(b)
    rounds_db.save_answer(a.conn, a.round_room(2), a.item(0), "a", answer="ok",
                          comment="Alt i orden")
    rounds_db.save_answer(b.conn, b.round_room(2), b.item(0), "b", answer="improve",
                          comment="Brannslukker mangler")  # later: the newest edit
    to_a = b.send(a)
    assert to_a.answers_updated == 1
    assert a.answers()[("102", "test-basic.order.1")] == ("improve", "Brannslukker mangler")
    [conflict] = to_a.conflicts
    assert conflict["kind"] == "answer" and conflict["lost_side"] == "local"
    assert conflict["lost"]["answer"] == "ok" and conflict["lost"]["comment"] == "Alt i orden"
    stored = json.loads(a.conn.execute("SELECT summary FROM round_merge ORDER BY id DESC"
                                       ).fetchone()[0])
    assert stored["conflicts"][0]["lost"]["comment"] == "Alt i orden"
    # the other way round: b keeps its newer answer, and still lists a's as the loser
    to_b = a.send(b)
    assert to_b.answers_updated == 0
    assert b.answers()[("102", "test-basic.order.1")] == ("improve", "Brannslukker mangler")
    assert to_b.conflicts == []  # a holds b's value now: nothing differs


def test_merging_twice_changes_nothing(laptops: tuple[Laptop, Laptop]) -> None:
    a, b = laptops
    rounds_db.save_answer(a.conn, a.round_room(0), a.item(0), "a", answer="ok")
    findings_db.save_finding(a.conn, Finding("Skap ulåst", Severity.HIGH, "Lås skapet",
                                             "Per", round_room_id=a.round_room(0)), "a")
    bundle = export_bundle(a.conn, a.round_id, a.folder / "x.zip", a.folder)
    first = merge_bundle(b.conn, bundle, b.folder, "b")
    assert first.changes > 0
    merges = b.conn.execute("SELECT count(*) FROM round_merge").fetchone()[0]
    dump = list(b.conn.iterdump())
    second = merge_bundle(b.conn, bundle, b.folder, "b")
    assert second.changes == 0 and not second.conflicts
    assert b.conn.execute("SELECT count(*) FROM round_merge").fetchone()[0] == merges
    assert list(b.conn.iterdump()) == dump


def test_a_known_conflict_is_not_recorded_again(laptops: tuple[Laptop, Laptop]) -> None:
    a, b = laptops
    a.send(b)
    rounds_db.save_answer(b.conn, b.round_room(0), b.item(0), "b", answer="ok")
    rounds_db.save_answer(a.conn, a.round_room(0), a.item(0), "a", answer="improve")
    bundle = export_bundle(b.conn, b.round_id, b.folder / "old.zip", b.folder)
    first = merge_bundle(a.conn, bundle, a.folder, "a")  # a's answer is newer: it stays
    assert len(first.conflicts) == 1 and first.conflicts[0]["lost_side"] == "bundle"
    assert first.changes == 0
    again = merge_bundle(a.conn, bundle, a.folder, "a")
    assert again.conflicts == [] and again.known_conflicts == 1
    assert a.conn.execute("SELECT count(*) FROM round_merge").fetchone()[0] == 1


def test_findings_merge_by_uid_newest_wins(laptops: tuple[Laptop, Laptop]) -> None:
    a, b = laptops
    fid = findings_db.save_finding(a.conn, Finding(
        "Skap ulåst", Severity.HIGH, "Lås skapet", "Per", round_room_id=a.round_room(1),
        item_id=a.item(2)), "a")
    uid = findings_db.get_finding(a.conn, fid).uid
    a.send(b)
    on_b = b.conn.execute("SELECT id FROM round_finding WHERE uid = ?", (uid,)).fetchone()[0]
    finding = findings_db.get_finding(b.conn, on_b)
    assert finding.item_text == "Orden punkt 3"  # the item found by its code
    finding.action = "Bytt lås og merk skapet"
    findings_db.save_finding(b.conn, finding, "b")
    result = b.send(a)
    assert result.findings_updated == 1
    assert findings_db.get_finding(a.conn, fid).action == "Bytt lås og merk skapet"
    assert result.conflicts[0]["lost"]["action"] == "Lås skapet"


def test_photos_arrive_in_the_store(laptops: tuple[Laptop, Laptop]) -> None:
    a, b = laptops
    content = _jpeg()
    stored = store_bytes(a.folder, content, "dør.jpg")
    findings_db.add_photo(a.conn, a.round_room(0), stored.sha256, stored.extension,
                          stored.original_name, stored.size_bytes, caption="Blokkert dør")
    result = a.send(b)
    assert result.photos_added == 1
    target = path_for(b.folder, stored.sha256, stored.extension)
    assert target.read_bytes() == content
    [photo] = findings_db.photos_for_room(b.conn, b.round_room(0))
    assert photo.caption == "Blokkert dør" and photo.original_name == "dør.jpg"


def _jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def _rewrite(bundle: Path, target: Path, extra: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if info.filename not in extra:
                dst.writestr(info.filename, src.read(info.filename))
        for name, data in extra.items():
            dst.writestr(name, data)
    return target


def test_a_zip_entry_outside_the_store_is_rejected_and_nothing_written(
        laptops: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    a, b = laptops
    rounds_db.save_answer(a.conn, a.round_room(0), a.item(0), "a", answer="ok")
    bundle = export_bundle(a.conn, a.round_id, a.folder / "x.zip", a.folder)
    evil = _rewrite(bundle, tmp_path / "evil.zip", {"../../evil": b"gotcha",
                                                    "/abs/evil": b"gotcha"})
    with pytest.raises(BundleError, match="unsafe file name"):
        merge_bundle(b.conn, evil, b.folder, "b")
    assert not (tmp_path / "evil").exists() and not (b.folder.parent / "evil").exists()
    assert b.conn.execute("SELECT count(*) FROM hse_round").fetchone()[0] == 0
    assert not (b.folder / "attachments").exists()


def test_a_photo_that_does_not_match_its_sha256_is_rejected(
        laptops: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    a, b = laptops
    stored = store_bytes(a.folder, _jpeg(), "x.jpg")
    findings_db.add_photo(a.conn, a.round_room(0), stored.sha256, stored.extension,
                          stored.original_name, stored.size_bytes)
    bundle = export_bundle(a.conn, a.round_id, a.folder / "x.zip", a.folder)
    name = f"photos/{stored.sha256}{stored.extension}"
    tampered = _rewrite(bundle, tmp_path / "t.zip", {name: b"something else"})
    with pytest.raises(BundleError, match="sha256"):
        merge_bundle(b.conn, tampered, b.folder, "b")
    assert b.conn.execute("SELECT count(*) FROM hse_round").fetchone()[0] == 0


def test_rooms_missing_here_are_reported(laptops: tuple[Laptop, Laptop], tmp_path: Path
                                         ) -> None:
    a, _ = laptops
    c = open_store(tmp_path / "c" / "vernetool.sqlite")
    try:
        make_rooms(c, 2)  # rooms 100 and 101 only
        bundle = export_bundle(a.conn, a.round_id, a.folder / "x.zip", a.folder)
        result = merge_bundle(c, bundle, tmp_path / "c", "c")
        assert result.created_round and result.rooms_added == 2
        assert sorted(result.missing_rooms) == ["B1:102", "B1:103"]
    finally:
        c.close()


def test_cli_export_and_merge(laptops: tuple[Laptop, Laptop], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    a, b = laptops
    rounds_db.save_answer(a.conn, a.round_room(0), a.item(0), "a", answer="ok")
    out = tmp_path / "cli.zip"
    assert main(["round", "export-bundle", "--db", str(a.folder / "vernetool.sqlite"),
                 "--round", str(a.round_id), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["round", "merge-bundle", "--db", str(b.folder / "vernetool.sqlite"),
                 str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["created_round"] is True and printed["answers_added"] == 1
    assert main(["round", "merge-bundle", "--db", str(b.folder / "vernetool.sqlite"),
                 str(tmp_path / "nothing.zip")]) == 1


def test_two_copies_of_the_demo_converge_after_merging_both_ways(tmp_path: Path) -> None:
    import shutil

    from vernetool.db.rounds.bundles import snapshot
    from vernetool.db.rounds.checklists import checklist_for_room
    from vernetool.demo.builder import build_demo
    from vernetool.domain.rounds import RecheckOutcome

    build_demo(tmp_path / "a" / "vernetool.sqlite")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    a = open_store(tmp_path / "a" / "vernetool.sqlite")
    b = open_store(tmp_path / "b" / "vernetool.sqlite")
    try:
        rid = rounds_db.latest_round_id(a)
        assert rid is not None
        pending = [r for r in rounds_db.round_rooms(a, rid) if r.status.value == "pending"]

        def answer(conn: sqlite3.Connection, index: int, who: str, value: str) -> None:
            room = pending[index]
            for item in [i for _, s in checklist_for_room(conn, room.id) for i in s][:5]:
                rounds_db.save_answer(conn, room.id, item.id or 0, who, answer=value)

        answer(a, 0, "a", "ok")
        answer(b, 1, "b", "ok")
        answer(a, 2, "a", "ok")
        answer(b, 2, "b", "not_relevant")  # the same answers, changed later on b
        carried = findings_db.carried_findings(b, rid, pending[3].room_id)
        assert carried
        findings_db.recheck(b, carried[0].id or 0, rid, RecheckOutcome.CLOSED, "b", "OK nå")
        rounds_db.update_notes(a, rid, closing="Notat fra a")

        def send(src: sqlite3.Connection, dst: sqlite3.Connection, name: str) -> object:
            bundle = export_bundle(src, rid, tmp_path / f"{name}.zip", tmp_path / name[0])
            return merge_bundle(dst, bundle, tmp_path / name[-1], name)

        first, second = send(a, b, "a2b"), send(b, a, "b2a")
        assert first.changes and second.changes and len(second.conflicts) == 5
        again = [send(a, b, "a2b"), send(b, a, "b2a")]
        assert [r.changes for r in again] == [0, 0]
        assert snapshot(a, rid) == snapshot(b, rid)
        assert findings_db.get_finding(a, carried[0].id or 0).status.value == "closed"
        assert rounds_db.get_round(b, rid).closing_notes == "Notat fra a"
    finally:
        a.close()
        b.close()
