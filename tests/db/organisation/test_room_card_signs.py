"""Schema 9: the room card's warning signs — stored, read back, and backfilled from the card's
texts when a database of schema 8 is opened (a real SQLite file)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from vernetool.db.connection import atomic
from vernetool.db.migrations import build_schema, latest_version, open_store, schema_version
from vernetool.db.organisation.room_cards import cards, get_card, save_card
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import RoomCard

#: (room number, special hazards, activity, other information) of the cards stored under 8
_OLD_CARDS = [
    ("101", "Ioniserende stråling, laser klasse 4", "Isotoplab", ""),
    ("102", "", "Cellelab", "Biologisk materiale, smittefare"),
    ("103", "Brannfarlige væsker", "Syntese", ""),
    ("104", "STRÅLEKILDE I SKAP", "", ""),
    ("105", "", "X-ray diffraction", "Biosafety cabinet class II"),
]


def _schema8_file(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as raw:
        build_schema(raw, 8)
        raw.execute("INSERT INTO building (id, code) VALUES (1, 'K5')")
        for number, hazards, activity, other in _OLD_CARDS:
            rid = raw.execute("INSERT INTO room (building_id, number) VALUES (1, ?)",
                              (number,)).lastrowid
            raw.execute("INSERT INTO room_card (room_id, special_hazards, activity_type, "
                        "other_info, pictograms) VALUES (?, ?, ?, ?, 'GHS02')",
                        (rid, hazards, activity, other))
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 8


def test_schema8_cards_are_kept_and_their_signs_backfilled(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    _schema8_file(db)
    conn = open_store(db)
    try:
        assert schema_version(conn) == latest_version() >= 9
        numbers = dict(conn.execute("SELECT r.id, r.number FROM room r"))
        signs = {numbers[rid]: card.warning_signs for rid, card in cards(conn).items()}
        assert signs == {"101": ("radiation", "laser"), "102": ("biohazard",), "103": (),
                         "104": ("radiation",), "105": ("radiation", "biohazard")}
        kept = get_card(conn, next(r for r, n in numbers.items() if n == "103"))
        assert kept.special_hazards == "Brannfarlige væsker"
        assert kept.pictograms == ("GHS02",)
    finally:
        conn.close()


def test_signs_round_trip_in_the_card_order(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "v.sqlite")
    try:
        with atomic(conn):
            conn.execute("INSERT INTO building (id, code) VALUES (1, 'K5')")
            rid = int(conn.execute("INSERT INTO room (building_id, number) VALUES (1, '1')")
                      .lastrowid or 0)
        card = RoomCard(pictograms=("GHS02",), warning_signs=("biohazard", "radiation"))
        with atomic(conn):
            assert save_card(conn, rid, card, "tester")
        assert get_card(conn, rid).warning_signs == ("radiation", "biohazard")
        assert conn.execute("SELECT warning_signs FROM room_card").fetchone()[0] == (
            "radiation,biohazard")
        with atomic(conn):
            assert not save_card(conn, rid, get_card(conn, rid), "tester")
        with pytest.raises(ValidationError) as caught, atomic(conn):
            save_card(conn, rid, RoomCard(warning_signs=("skull",)), "tester")
        assert caught.value.code == "room_card.unknown_sign"
    finally:
        conn.close()
