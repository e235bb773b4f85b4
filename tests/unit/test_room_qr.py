"""The room card's QR text names the room and reads back to the same building and room."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.domain.room_qr import NAME_CHARS, parse_room_qr, room_qr_text


def test_the_text_of_a_lab() -> None:
    text = room_qr_text("KJ1", "313", "Instrumentlab (GC-MS)")
    assert text == "vernetool:room:KJ1:313\nInstrumentlab (GC-MS)"
    assert parse_room_qr(text) == ("KJ1", "313")


def test_a_room_without_a_name_has_one_line() -> None:
    assert room_qr_text("REALF", "D2-108") == "vernetool:room:REALF:D2-108"


def test_colons_and_spaces_are_encoded_and_norwegian_letters_kept() -> None:
    text = room_qr_text("SØR:A", "1 2", "Lab")
    assert text.split("\n")[0] == "vernetool:room:S%C3%98R%3AA:1%202"
    assert parse_room_qr(text) == ("SØR:A", "1 2")
    assert room_qr_text("SØR", "U1").split("\n")[0] == "vernetool:room:SØR:U1"


def test_a_long_name_is_cut_and_white_space_folded() -> None:
    name = room_qr_text("A", "1", "Lab\n  with " + "x" * 200).split("\n")[1]
    assert len(name) == NAME_CHARS and name.endswith("…") and name.startswith("Lab with x")


def test_other_texts_are_not_rooms() -> None:
    for text in ("", "https://example.org", "vernetool:room:KJ1", "vernetool:room::1",
                 "vernetool:room:A:1:2", "vernetool:person:A:1"):
        assert parse_room_qr(text) is None


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20),
       st.text(max_size=30))
def test_any_building_and_room_read_back(building: str, number: str, name: str) -> None:
    assert parse_room_qr(room_qr_text(building, number, name)) == (building, number)
