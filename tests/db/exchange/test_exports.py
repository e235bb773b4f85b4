"""Exporting rooms and persons: canonical columns, safe cells, and files that import back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from vernetool.db.migrations import open_store
from vernetool.db.organisation.persons import save_person
from vernetool.db.organisation.rooms import save_room
from vernetool.domain.organisation import Person, Role, Room, RoomType
from vernetool.exchange.persons_io import export_persons, import_persons, person_records
from vernetool.exchange.rooms_io import export_rooms, import_rooms, room_records

DATA = Path(__file__).parents[2] / "data" / "import"
ROOM_COLUMNS = ["building", "building_name", "campus", "room", "name", "type", "floor",
                "area_m2", "unit"]


@pytest.fixture
def filled(conn: sqlite3.Connection) -> sqlite3.Connection:
    import_rooms(conn, DATA / "rooms_semicolon_bom.csv", actor="t")
    import_rooms(conn, DATA / "rooms_comma.csv", actor="t")
    save_room(conn, Room("SB1", "=1+2", RoomType.OTHER, name='=HYPERLINK("http://x","klikk")',
                         floor="-2", area_m2=0.0, unit_code="@unit"))
    import_persons(conn, DATA / "persons.csv", actor="t")
    save_person(conn, Person("-Strek, Ola", "ola.strek@ntnu.no", "+4799999999", "NV",
                             frozenset({Role.STUDENT}), active=False))
    return conn


def _fresh(tmp_path: Path, name: str) -> sqlite3.Connection:
    return open_store(tmp_path / name)


def test_rooms_csv_is_norwegian_excel_friendly_and_safe(filled: sqlite3.Connection,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "rooms.csv"
    assert export_rooms(filled, out, "csv") == 19
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ";".join(ROOM_COLUMNS)
    assert "SB1;Sentralbygg 1;Gløshaugen;102;Kjemilab – organisk syntese;lab;1;48,5;NV-IKJ" \
        in lines
    formula_row = next(line for line in lines if "HYPERLINK" in line)
    assert formula_row == ("SB1;Sentralbygg 1;Gløshaugen;'=1+2;"
                           "\"'=HYPERLINK(\"\"http://x\"\",\"\"klikk\"\")\";other;-2;0;'@unit")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rooms_round_trip(filled: sqlite3.Connection, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"rooms.{fmt}"
    export_rooms(filled, out, fmt)
    other = _fresh(tmp_path, "other.sqlite")
    try:
        result = import_rooms(other, out, actor="t")
        assert result.errors == [] and result.imported == 19
        assert room_records(other) == room_records(filled)
        again = import_rooms(filled, out, actor="t")  # exporting then importing: no change
        assert (again.imported, again.skipped) == (0, 19)
    finally:
        other.close()


def test_rooms_xlsx_layout(filled: sqlite3.Connection, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "rooms.xlsx"
    export_rooms(filled, out, "xlsx")
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == ROOM_COLUMNS
    assert sheet[1][0].font.bold and sheet.freeze_panes == "A2"
    values = {(r[0], r[3]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[("SB1", "102")][7] == 48.5  # a number, not text
    formula = values[("SB1", "'=1+2")]
    assert formula[4] == "'=HYPERLINK(\"http://x\",\"klikk\")"
    assert formula[6] == "-2"
    assert sheet.column_dimensions["E"].width > 20


def test_rooms_json_is_canonical(filled: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "rooms.json"
    assert export_rooms(filled, out, "json") == 19
    data = json.loads(out.read_text(encoding="utf-8"))
    assert all(list(item) == ROOM_COLUMNS for item in data)
    lab = next(i for i in data if i["room"] == "102")
    assert lab == {"building": "SB1", "building_name": "Sentralbygg 1",
                   "campus": "Gløshaugen", "room": "102",
                   "name": "Kjemilab – organisk syntese", "type": "lab", "floor": "1",
                   "area_m2": 48.5, "unit": "NV-IKJ"}
    formula = next(i for i in data if i["room"] == "=1+2")
    assert formula["name"] == '=HYPERLINK("http://x","klikk")'  # JSON is not a spreadsheet
    plant = next(i for i in data if i["room"] == "X-9")
    assert plant["unit"] is None and plant["area_m2"] is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_persons_round_trip(filled: sqlite3.Connection, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"persons.{fmt}"
    assert export_persons(filled, out, fmt, include_personal_data=True) == 6
    other = _fresh(tmp_path, "other.sqlite")
    try:
        result = import_persons(other, out, actor="t")
        assert result.errors == [] and result.imported == 6
        assert person_records(other) == person_records(filled)
    finally:
        other.close()
    again = import_persons(filled, out, actor="t")
    assert (again.imported, again.skipped) == (0, 6)


def test_persons_csv_and_json_content(filled: sqlite3.Connection, tmp_path: Path) -> None:
    export_persons(filled, tmp_path / "p.csv", "csv", include_personal_data=True)
    lines = (tmp_path / "p.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "name;email;phone;unit;roles;active"
    assert "Kari Nordmann;kari.nordmann@ntnu.no;'+47 735 90 001;NV-IKJ;safety_rep,employee;yes" \
        in lines
    assert "'-Strek, Ola;ola.strek@ntnu.no;'+4799999999;NV;student;no" in lines
    export_persons(filled, tmp_path / "p.json", "json", include_personal_data=True)
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    kari = next(p for p in data if p["name"] == "Kari Nordmann")
    assert kari == {"name": "Kari Nordmann", "email": "kari.nordmann@ntnu.no",
                    "phone": "+47 735 90 001", "unit": "NV-IKJ",
                    "roles": ["safety_rep", "employee"], "active": True}
    per = next(p for p in data if p["name"] == "Per Ærø")
    assert per["email"] is None


def test_persons_export_leaves_out_contact_details_by_default(filled: sqlite3.Connection,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    export_persons(filled, out, "csv")
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "name;unit;roles;active"
    assert "@" not in text and "735" not in text
    assert "Kari Nordmann;NV-IKJ;safety_rep,employee;yes" in text.splitlines()
    export_persons(filled, tmp_path / "p.json", "json")
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert all(set(item) == {"name", "unit", "roles", "active"} for item in data)
    # importing it back matches everyone on name within unit: no duplicates, nothing lost
    before = person_records(filled)
    again = import_persons(filled, out, actor="t")
    assert (again.imported, again.skipped, again.errors) == (0, 6, [])
    assert person_records(filled) == before


def test_export_replaces_atomically_and_refuses_missing_folder(filled: sqlite3.Connection,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "rooms.csv"
    out.write_text("old content", encoding="utf-8")
    export_rooms(filled, out, "csv")
    assert out.read_text(encoding="utf-8-sig").startswith("building;")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    with pytest.raises(FileNotFoundError):
        export_rooms(filled, tmp_path / "missing" / "rooms.csv", "csv")
    with pytest.raises(IsADirectoryError):
        export_rooms(filled, tmp_path, "csv")


def test_empty_database_exports_a_header_only(conn: sqlite3.Connection, tmp_path: Path) -> None:
    assert export_rooms(conn, tmp_path / "r.csv", "csv") == 0
    expected = b"\xef\xbb\xbf" + ";".join(ROOM_COLUMNS).encode() + b"\r\n"
    assert (tmp_path / "r.csv").read_bytes() == expected
    assert export_persons(conn, tmp_path / "p.json", "json") == 0
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8")) == []
