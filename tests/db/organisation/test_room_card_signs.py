"""Schema 9: the room card's warning signs — stored, read back, and backfilled from the card's
texts when a database of schema 8 is opened (a real SQLite file), but only where the room's
registers call for the sign too."""

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
    ("106", "UV-stråling fra lampe", "Optikklab", ""),
    ("107", "Laserpeker", "Undervisning", "Biologisk materiale"),
]
#: what the registers of schema 8 hold per room: (kind, laser class) of held sources and the
#: risk groups of the agents in use — 106 has none, 107 a class 2 laser and a group 1 agent
_SOURCES = {"101": [("sealed_source", ""), ("laser", "4")], "104": [("sealed_source", "")],
            "105": [("xray", "")], "107": [("laser", "2")]}
_AGENTS = {"102": 2, "105": 2, "107": 1}


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
            for kind, laser_class in _SOURCES.get(number, []):
                raw.execute("INSERT INTO radiation_source (kind, laser_class, room_id) "
                            "VALUES (?, ?, ?)", (kind, laser_class, rid))
            if number in _AGENTS:
                aid = raw.execute("INSERT INTO bio_agent (name, agent_type, risk_group) "
                                  "VALUES (?, 'bacterium', ?)",
                                  (f"Agent {number}", _AGENTS[number])).lastrowid
                raw.execute("INSERT INTO bio_agent_use (agent_id, room_id) VALUES (?, ?)",
                            (aid, rid))
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
                         "104": ("radiation",), "105": ("radiation", "biohazard"),
                         "106": (), "107": ()}
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
