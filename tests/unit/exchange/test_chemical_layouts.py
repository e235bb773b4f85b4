"""Chemical file layouts: which layout a header row is, mapping files, location paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.exchange.chemical_layouts import (
    SCHEMA,
    RoomIndex,
    identify,
    read_mapping,
    split_location,
)
from vernetool.exchange.chemicals_io import (
    parse_containers,
    parse_date,
    parse_quantity,
    parse_signal_word,
)
from vernetool.exchange.result import ImportFileError


@pytest.mark.parametrize(("headers", "layout"), [
    (["Lokasjon", "Produktnavn", "Leverandør", "CAS-nr", "Faresetninger"], "central"),
    (["room", "place", "product", "supplier", "cas", "pictograms"], "canonical"),
    (["Barcode", "Container Name", "Container Size", "Unit", "Location"], "cheminventory"),
    (["id", "name", "size", "unit", "cas", "hcodes", "location", "disposed"], "cheminventory"),
    (["storage_id", "product_name", "product_cas_number", "store_location", "archive?"],
     "chimitheque"),
    (["storage_id", "product_name", "product_casnumber", "storelocation"], "chimitheque"),
])
def test_layouts_are_recognised_by_their_headers(headers: list[str], layout: str) -> None:
    assert identify(headers) == layout


@pytest.mark.parametrize(("header", "field"), [
    ("Lokasjon", "room"), ("CAS-nr", "cas"), ("SDB språk", "sds_language"),
    ("Antall beholdere", "containers"), ("GHS H-codes", "hazard_statements"),
    ("Substance CAS", "cas"), ("product_casnumber", "cas"), ("store_location", "room"),
    ("archive?", "archived"), ("exit_date", "disposed_on"), ("to_destroy?", None),
    ("Enhet", "unit"), ("Mengde", "quantity"),
])
def test_headers_mean_fields(header: str, field: str | None) -> None:
    assert SCHEMA.match(header) == field


def test_mapping_files(tmp_path: Path) -> None:
    as_json = tmp_path / "m.json"
    as_json.write_text(json.dumps({"Stoff": "product", "Rom": "room", "Mengd": "quantity"}),
                       encoding="utf-8")
    schema = read_mapping(as_json)
    assert (schema.match("Stoff"), schema.match("rom"), schema.match("room")) == (
        "product", "room", "room")
    as_csv = tmp_path / "m.csv"
    as_csv.write_text("column,field\nStoff,product\nRom,room\n", encoding="utf-8")
    assert read_mapping(as_csv).match("Stoff") == "product"
    for text, word in (('{"Stoff": "produkt"}', "'produkt'"), ("[1, 2]", "expected"),
                       ('{"Stoff": "product"', "cannot be used"), ("Stoff\n", "two columns")):
        bad = tmp_path / "bad.json"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFileError) as caught:
            read_mapping(bad)
        assert word in str(caught.value), (text, str(caught.value))
    with pytest.raises(ImportFileError):
        read_mapping(tmp_path / "missing.json")


@pytest.fixture
def rooms() -> RoomIndex:
    index = RoomIndex()
    index.add(1, "D2", "142", "Realfagbygget")
    index.add(2, "D2", "D2-150", "Realfagbygget")
    index.add(3, "K5", "201", "Kjemiblokk 5")
    return index


@pytest.mark.parametrize(("text", "place", "found"), [
    ("Gløshaugen > Realfagbygget (D2) > D2-142 > Syreskap 1", "", (1, "Syreskap 1")),
    ("Gløshaugen > Realfagbygget > D2-142 > Syreskap 1", "", (1, "Syreskap 1")),
    ("Gløshaugen > Realfagbygget (D2) > 142", "", (1, "")),
    ("Realfagbygget (D2) > D2-150 > Skap", "", (2, "Skap")),       # number stored with code
    ("Campus » Kjemiblokk 5 » K5 201 » Skap » Hylle 2", "", (3, "Skap > Hylle 2")),
    ("D2:142", "Skap 4", (1, "Skap 4")),
    ("d2-142", "", (1, "")),
    ("Chimie/D2/D2-142/Armoire", "", (1, "Armoire")),
    ("Gløshaugen > Realfagbygget (D2) > D2-142 > Syreskap 1", "Benk", (1, "Benk")),
    ("Gløshaugen > Kjemiblokk 4 (K4) > K4-110 > Skap", "", None),
    ("X9:1", "", None),
    ("", "", None),
])
def test_location_paths(rooms: RoomIndex, text: str, place: str,
                        found: tuple[int, str] | None) -> None:
    assert rooms.find(split_location(text), place) == found


def test_a_room_to_create(rooms: RoomIndex) -> None:
    guess = rooms.guess(split_location("Gløshaugen > Kjemiblokk 4 (K4) > K4-110 > Skap 2"))
    assert guess is not None
    assert (guess.building, guess.building_name, guess.campus, guess.number, guess.place) == (
        "K4", "Kjemiblokk 4", "Gløshaugen", "110", "Skap 2")
    guess = rooms.guess(split_location("Realfagbygget > D2-160 > Skap"))
    assert guess is not None and (guess.building, guess.number) == ("D2", "160")
    assert rooms.guess(split_location("X9:7")) is not None
    assert rooms.guess(["alone"]) is None


def test_cell_values() -> None:
    assert parse_quantity("2,5") == (2.5, "")
    assert parse_quantity("2,5 L") == (2.5, "L")
    assert parse_quantity("2.5E+00") == (2.5, "")
    assert parse_quantity("") == (None, "")
    with pytest.raises(ValidationError) as caught:
        parse_quantity("fem liter")
    assert caught.value.field == "quantity"
    assert parse_containers("3") == 3
    with pytest.raises(ValidationError):
        parse_containers("2,5")
    assert parse_date("Revisjon: 05.11.2021", "x").isoformat() == "2021-11-05"  # type: ignore[union-attr]
    assert parse_date("0001-01-01", "x") is None
    with pytest.raises(ValidationError):
        parse_date("31.02.2021", "x")
    assert parse_signal_word("Fare").value == "danger"  # type: ignore[union-attr]
    assert parse_signal_word("-") is None and parse_signal_word("Ingen") is None
    with pytest.raises(ValidationError):
        parse_signal_word("Farlig")
