"""Photos of a room, closing notes, and the files written off the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.services.rounds.conftest import Setup
from vernetool.attachments import AttachmentError
from vernetool.domain.rounds import Finding, Severity
from vernetool.services import Change, Topic

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_photos_are_stored_linked_and_unlinked(setup: Setup, tmp_path: Path) -> None:
    room = setup.services.rounds.round_rooms(setup.round_id)[0]
    picture = tmp_path / "lekkasje.png"
    picture.write_bytes(PNG)
    photo_id = setup.services.round_photos.add(room.id, picture)
    photos = setup.services.round_photos.for_room(room.id)
    assert [(p.id, p.original_name) for p in photos] == [(photo_id, "lekkasje.png")]
    assert setup.services.round_photos.path_of(photos[0].sha256, photos[0].extension).is_file()
    setup.services.round_photos.remove(room.id, photo_id)
    assert setup.services.round_photos.for_room(room.id) == []
    assert setup.changes == [Change(Topic.PHOTOS, (room.id,))] * 2


def test_a_file_that_is_no_picture_is_refused(setup: Setup, tmp_path: Path) -> None:
    room = setup.services.rounds.round_rooms(setup.round_id)[0]
    text = tmp_path / "notes.txt"
    text.write_text("not a picture", encoding="utf-8")
    with pytest.raises(AttachmentError):
        setup.services.round_photos.add(room.id, text)
    assert setup.services.round_photos.for_room(room.id) == [] and setup.changes == []


def test_closing_notes_and_export(setup: Setup, tmp_path: Path) -> None:
    setup.services.action_plan.save_closing_notes(setup.round_id, "Neste runde i mars")
    assert setup.services.rounds.get_round(setup.round_id).closing_notes == "Neste runde i mars"
    assert setup.changes == [Change(Topic.ROUNDS, (setup.round_id,))]
    room = setup.services.rounds.round_rooms(setup.round_id)[0]
    setup.services.findings.save(Finding("Skitten vask", Severity.LOW, action="Vask",
                                         deadline=dt.date(2026, 4, 1), round_room_id=room.id))
    out = tmp_path / "plan.csv"
    assert setup.services.action_plan.export(setup.round_id, out, "csv", "nb") == 1
    assert "Vask" in out.read_text(encoding="utf-8-sig")


def test_bundle_round_trip(setup: Setup, tmp_path: Path) -> None:
    room = setup.services.rounds.round_rooms(setup.round_id)[0]
    item = setup.services.walk.room_content(room.id, "nb").sections[0][1][0]
    setup.services.walk.answer(room.id, item.id or 0, "ok")
    out = setup.services.round_bundles.export(setup.round_id, tmp_path / "runde.zip")
    assert out.is_file()
    setup.changes.clear()
    result = setup.services.round_bundles.merge(out)
    assert result.round_id == setup.round_id
    assert {c.topic for c in setup.changes} == {Topic.ROUNDS, Topic.FINDINGS, Topic.PHOTOS}
