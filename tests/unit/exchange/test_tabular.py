"""Reading CSV/XLSX import files: encodings, separators, headers, row numbers, cell parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Role, RoomType
from vernetool.exchange.persons_io import SCHEMA as PERSONS
from vernetool.exchange.persons_io import parse_roles
from vernetool.exchange.result import ImportFileError, ImportResult, RowError
from vernetool.exchange.rooms_io import ROOM_TYPES
from vernetool.exchange.rooms_io import SCHEMA as ROOMS
from vernetool.exchange.tabular import (
    MAX_CELL_CHARS,
    cell_text,
    header_key,
    parse_bool,
    parse_choice,
    parse_decimal,
    read_table,
    sniff_delimiter,
)

DATA = Path(__file__).parents[2] / "data" / "import"


@pytest.mark.parametrize(("header", "field"), [
    ("Bygg", "building"), (" BYGGKODE ", "building"), ("building", "building"),
    ("Byggnavn", "building_name"), ("building_name", "building_name"),
    ("Campus", "campus"), ("Romnr", "room"), ("Romnummer", "room"), ("room", "room"),
    ("Romnavn", "name"), ("Romtype", "type"), ("Type", "type"), ("Etasje", "floor"),
    ("Areal (m²)", "area_m2"), ("areal", "area_m2"), ("area_m2", "area_m2"),
    ("Area (m2)", "area_m2"), ("Areal m²", "area_m2"), ("Enhet", "unit"), ("ENHET ", "unit"),
])
def test_room_headers_match_norwegian_and_canonical_names(header: str, field: str) -> None:
    assert ROOMS.match(header) == field


@pytest.mark.parametrize(("header", "field"), [
    ("Navn", "name"), ("E-post", "email"), ("Epost", "email"), ("e_post", "email"),
    ("E-mail", "email"), ("Telefon", "phone"), ("Mobil", "phone"), ("Roller", "roles"),
    ("Rolle", "roles"), ("Enhet", "unit"),
])
def test_person_headers(header: str, field: str) -> None:
    assert PERSONS.match(header) == field


def test_unknown_header_is_not_matched() -> None:
    assert ROOMS.match("Kommentar") is None
    assert header_key("  Areal (m²) ") == "areal"


def test_sniff_delimiter() -> None:
    assert sniff_delimiter("Bygg;Romnr;Romnavn\r\nA;1;x") == ";"
    assert sniff_delimiter("building,room,name\nA,1,x") == ","
    assert sniff_delimiter("building\troom\nA\t1") == "\t"
    # separators inside quotes do not count
    assert sniff_delimiter('"a;b;c",room\nx,y') == ","
    assert sniff_delimiter("building\nA") == ","


def test_semicolon_bom_file_with_blank_row_keeps_spreadsheet_row_numbers() -> None:
    table = read_table(DATA / "rooms_semicolon_bom.csv", ROOMS)
    assert table.headers[0] == "Bygg"  # the BOM is not part of the first header
    assert set(table.columns) == {"building", "building_name", "campus", "room", "name",
                                  "type", "floor", "area_m2", "unit"}
    numbers = [r.number for r in table.rows]
    assert numbers == [2, 3, 4, 6, 7, 8, 9, 10, 11]  # row 5 is blank in the file
    assert table.rows[0].values["campus"] == "Gløshaugen"
    assert table.rows[7].values["name"] == "Fellesareal; kjøkken og pauserom"


def test_cells_are_trimmed_and_the_formula_guard_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("building ; room ;name\n  A1 ;\t101 ;'=SUM(A1)\nB;'-2;'plain\n",
                    encoding="utf-8")
    rows = read_table(path, ROOMS).rows
    assert rows[0].values == {"building": "A1", "room": "101", "name": "=SUM(A1)"}
    assert rows[1].values["room"] == "-2"
    assert rows[1].values["name"] == "'plain"  # an apostrophe before normal text is data


def test_not_utf8_is_one_clear_error_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes("Bygg;Romnr;Romnavn\nA;1;Kontor\nB;2;Møterom\n".encode("cp1252"))
    with pytest.raises(ImportFileError) as caught:
        read_table(path, ROOMS)
    assert caught.value.row == 3
    assert "not UTF-8" in str(caught.value)
    assert "row 3" in str(caught.value)


def test_utf16_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes("Bygg;Romnr\nA;1\n".encode("utf-16"))
    with pytest.raises(ImportFileError, match="UTF-16"):
        read_table(path, ROOMS)


def test_missing_required_columns_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Navn;Etasje\nx;1\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_table(path, ROOMS)
    message = str(caught.value)
    assert "building (Bygg)" in message and "room (Romnr)" in message
    assert "'Navn'" in message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    with pytest.raises(ImportFileError, match="empty"):
        read_table(path, ROOMS)


def test_huge_cell_is_a_row_error_and_other_rows_are_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    huge = "x" * (MAX_CELL_CHARS * 5)  # also larger than the csv module's default limit
    path.write_text(f"building,room,name\nA,1,{huge}\nA,2,ok\n", encoding="utf-8")
    rows = read_table(path, ROOMS).rows
    error = rows[0].errors[0]
    assert rows[0].errors == [RowError(2, "name", error.code, error.params)]
    assert "at most 32,767" in rows[0].errors[0].message
    assert rows[1].values["name"] == "ok" and not rows[1].errors


def test_two_columns_for_one_field_first_non_empty_wins(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Navn;Telefon;Mobil\nKari;;99887766\nOla;73590000;41414141\n",
                    encoding="utf-8")
    rows = read_table(path, PERSONS).rows
    assert [r.values["phone"] for r in rows] == ["99887766", "73590000"]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_values_become_text_and_row_numbers_are_kept(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "rooms.xlsx", [
        ["Bygg", "Romnr", "Areal (m²)", "Etasje"],
        ["SB1", 101, 48.5, 2.0],
        [None, None, None, None],
        ["SB1", "U-1", 12, -1],
    ])
    table = read_table(path, ROOMS)
    assert [(r.number, r.values["room"], r.values["area_m2"], r.values["floor"])
            for r in table.rows] == [(2, "101", "48.5", "2"), (4, "U-1", "12", "-1")]


def test_xlsx_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "really-a-workbook.csv", [["building", "room"], ["A", "1"]])
    assert read_table(path, ROOMS).rows[0].values == {"building": "A", "room": "1"}


def test_old_xls_and_broken_xlsx_are_refused(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ImportFileError, match=r"\.xls"):
        read_table(xls, ROOMS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        read_table(broken, ROOMS)
    text = tmp_path / "text.xlsx"
    text.write_text("building,room\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        read_table(text, ROOMS)


def test_cell_text() -> None:
    import datetime as dt

    assert cell_text(101.0) == "101"
    assert cell_text(48.5) == "48.5"
    assert cell_text(True) == "yes"
    assert cell_text(dt.datetime(2024, 5, 1)) == "2024-05-01"
    assert cell_text(None) == ""


@pytest.mark.parametrize(("text", "value"), [
    ("48,5", 48.5), ("48.5", 48.5), ("1 234,5", 1234.5), ("1\u00a0234", 1234.0),
    ("0", 0.0), ("", None), (" 12 m² ", 12.0), ("35,0", 35.0),
])
def test_parse_decimal(text: str, value: float | None) -> None:
    assert parse_decimal(text, "area_m2", minimum=0, units=("m²", "m2")) == value


@pytest.mark.parametrize("text", ["abc", "1.234,5", "4,8,5", "=1+2", "nan", "inf"])
def test_parse_decimal_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_decimal(text, "area_m2")
    assert caught.value.field == "area_m2"
    assert "is not a number" in caught.value.message


def test_parse_decimal_minimum() -> None:
    with pytest.raises(ValidationError, match="lowest allowed"):
        parse_decimal("-3,5", "area_m2", minimum=0)


@pytest.mark.parametrize(("text", "room_type"), [
    ("Laboratorium", RoomType.LAB), ("lab", RoomType.LAB), ("Kontor", RoomType.OFFICE),
    ("Verksted", RoomType.WORKSHOP), ("Lager", RoomType.STORAGE),
    ("Eksamen/behandling", RoomType.EXAM_TREATMENT),
    ("exam treatment", RoomType.EXAM_TREATMENT), ("exam_treatment", RoomType.EXAM_TREATMENT),
    ("Dyrerom", RoomType.ANIMAL_ROOM), ("Veksthus", RoomType.GREENHOUSE),
    ("Fellesareal", RoomType.COMMON_AREA), ("common area", RoomType.COMMON_AREA),
    ("Common Area", RoomType.COMMON_AREA), ("COMMON_AREA", RoomType.COMMON_AREA),
    ("Annet", RoomType.OTHER),
])
def test_room_type_aliases(text: str, room_type: RoomType) -> None:
    assert parse_choice(text, "type", ROOM_TYPES, []) is room_type


def test_unknown_room_type_names_the_allowed_values() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_choice("Kjeller", "type", ROOM_TYPES, [t.value for t in RoomType])
    assert caught.value.field == "type"
    assert "'Kjeller'" in caught.value.message and "common_area" in caught.value.message


def test_roles() -> None:
    assert parse_roles("Verneombud, ansatt") == {Role.SAFETY_REP, Role.EMPLOYEE}
    assert parse_roles("romansvarlig; Linjeleder") == {Role.ROOM_RESPONSIBLE,
                                                        Role.LINE_MANAGER}
    assert parse_roles("nærmeste leder og student") == {Role.LINE_MANAGER, Role.STUDENT}
    assert parse_roles("safety_rep,room_responsible") == {Role.SAFETY_REP,
                                                           Role.ROOM_RESPONSIBLE}
    assert parse_roles("room responsible") == {Role.ROOM_RESPONSIBLE}
    assert parse_roles("") == frozenset()
    with pytest.raises(ValidationError, match="'sjef' is not one of: Safety representative, "):
        parse_roles("ansatt, sjef")


def test_parse_bool() -> None:
    assert parse_bool("Ja", "x") is True
    assert parse_bool("no", "x") is False
    assert parse_bool("", "x") is None
    with pytest.raises(ValidationError):
        parse_bool("kanskje", "x")


def test_result_json_shape() -> None:
    result = ImportResult(imported=2, skipped=1, errors=[RowError(4, "type", "bad")])
    assert result.to_json() == {"imported": 2, "skipped": 1,
                                "errors": [{"row": 4, "field": "type", "message": "bad"}]}


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.9])
def test_damaged_xlsx_is_a_file_error_not_a_crash(tmp_path: Path, cut: float) -> None:
    good = _xlsx(tmp_path / "good.xlsx", [["Bygg", "Romnr"], *[["A", n] for n in range(300)]])
    data = bytearray(good.read_bytes())
    start = int(len(data) * cut)
    data[start:start + 64] = bytes(64)  # zeros in the middle of the compressed parts
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        read_table(damaged, ROOMS)
