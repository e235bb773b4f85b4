"""Importing rooms: Norwegian files, row errors, idempotence, one transaction, strict, cancel."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from vernetool.db.organisation.rooms import find_room, list_rooms
from vernetool.domain.organisation import RoomType
from vernetool.exchange import rooms_io
from vernetool.exchange.result import ImportCancelled, ImportResult
from vernetool.exchange.rooms_io import import_rooms

DATA = Path(__file__).parents[2] / "data" / "import"


def _write(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")
    return path


def _snapshot(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(
        "SELECT r.id, b.code, b.name, b.updated_at, r.number, r.name, r.type, r.floor, "
        "r.area_m2, r.unit_id, r.search_text, r.updated_at FROM room r "
        "JOIN building b ON b.id = r.building_id ORDER BY r.id")]


def _counts(conn: sqlite3.Connection) -> tuple[int, ...]:
    return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("room", "building", "unit", "campus"))


def _check_buckets(result: ImportResult, data_rows: int) -> None:
    assert result.imported + result.skipped + result.error_rows == data_rows


def test_norwegian_semicolon_bom_file(conn: sqlite3.Connection) -> None:
    result = import_rooms(conn, DATA / "rooms_semicolon_bom.csv", actor="tester")
    assert result.to_json() == {"imported": 9, "skipped": 0, "errors": []}
    lab = find_room(conn, "SB1", "102")
    assert lab is not None
    assert (lab.name, lab.type, lab.area_m2, lab.unit_code, lab.floor) == (
        "Kjemilab – organisk syntese", RoomType.LAB, 48.5, "NV-IKJ", "1")
    assert (lab.building_name, lab.campus) == ("Sentralbygg 1", "Gløshaugen")
    types = {r.number: r.type for r in list_rooms(conn)}
    assert types == {
        "101": RoomType.OFFICE, "102": RoomType.LAB, "U012": RoomType.WORKSHOP,
        "D1-185": RoomType.STORAGE, "D2-040": RoomType.EXAM_TREATMENT,
        "3.114": RoomType.ANIMAL_ROOM, "T-01": RoomType.GREENHOUSE,
        "A-110": RoomType.COMMON_AREA, "A-111": RoomType.COMMON_AREA}
    workshop = find_room(conn, "SB1", "U012")
    assert workshop is not None and workshop.floor == "-1"
    greenhouse = find_room(conn, "Øya helsehus", "T-01")
    assert greenhouse is not None and greenhouse.area_m2 is None
    units = {r["code"] for r in conn.execute("SELECT code FROM unit")}
    assert units == {"IVT-HMS", "NV-IKJ", "IV-IMA", "MH-ISB", "MH-KBM", "NV-IBI", "SU-ISS"}


def test_canonical_comma_file(conn: sqlite3.Connection) -> None:
    result = import_rooms(conn, DATA / "rooms_comma.csv", actor="tester")
    assert result.imported == 9 and not result.errors
    foyer = find_room(conn, "HH", "1.000")
    assert foyer is not None and foyer.name == "Foyer, main entrance"
    assert foyer.type is RoomType.COMMON_AREA and foyer.area_m2 == 200
    plant = find_room(conn, "HH", "X-9")
    assert plant is not None and plant.unit_code is None and plant.area_m2 is None


def test_reimport_changes_nothing(conn: sqlite3.Connection) -> None:
    import_rooms(conn, DATA / "rooms_semicolon_bom.csv", actor="tester")
    import_rooms(conn, DATA / "rooms_comma.csv", actor="tester")
    before, counts = _snapshot(conn), _counts(conn)
    again = import_rooms(conn, DATA / "rooms_semicolon_bom.csv", actor="tester")
    assert again.to_json() == {"imported": 0, "skipped": 9, "errors": []}
    again = import_rooms(conn, DATA / "rooms_comma.csv", actor="tester")
    assert (again.imported, again.skipped) == (0, 9)
    assert _snapshot(conn) == before
    assert _counts(conn) == counts


def test_match_is_case_insensitive_on_the_natural_key(conn: sqlite3.Connection,
                                                      tmp_path: Path) -> None:
    import_rooms(conn, _write(tmp_path / "a.csv", "building,room,name\nSB1,U1,Lager\n"),
                 actor="t")
    result = import_rooms(conn, _write(tmp_path / "b.csv", "building,room,name\nsb1,u1,Lager\n"),
                          actor="t")
    assert (result.imported, result.skipped) == (0, 1)
    assert _counts(conn)[0] == 1


def test_changed_rows_are_updated_and_counted(conn: sqlite3.Connection,
                                              tmp_path: Path) -> None:
    import_rooms(conn, DATA / "rooms_comma.csv", actor="t")
    text = (DATA / "rooms_comma.csv").read_text(encoding="utf-8")
    text = text.replace("Laser lab,lab,2,60", "Laser lab,lab,2,61,5".replace("61,5", '"61,5"'))
    text = text.replace(",Helsehuset,", ",Helsehuset (nytt navn),")
    result = import_rooms(conn, _write(tmp_path / "changed.csv", text), actor="t")
    laser = find_room(conn, "EL1", "E-210")
    assert laser is not None and laser.area_m2 == 61.5
    foyer = find_room(conn, "HH", "1.000")
    assert foyer is not None and foyer.building_name == "Helsehuset (nytt navn)"
    # row 3 changed the area, row 6 renamed building HH (its later rows match it then)
    assert (result.imported, result.skipped) == (2, 7)


def test_a_building_with_two_names_in_one_file_is_an_error(conn: sqlite3.Connection,
                                                          tmp_path: Path) -> None:
    path = _write(tmp_path / "names.csv", "Bygg;Byggnavn;Campus;Romnr\nA;Alfa;Øya;1\n"
                  "A;;;2\nA;Alfa;Øya;3\nA;Beta;Øya;4\nA;Alfa;Dragvoll;5\n")
    result = import_rooms(conn, path, actor="t")
    assert [(e.row, e.field) for e in result.errors] == [(5, "building_name"), (6, "campus")]
    assert "'Alfa' in row 2" in result.errors[0].message
    assert result.imported == 3


def test_absent_columns_keep_stored_values(conn: sqlite3.Connection, tmp_path: Path) -> None:
    import_rooms(conn, DATA / "rooms_semicolon_bom.csv", actor="t")
    result = import_rooms(conn, _write(tmp_path / "names.csv",
                                       "Bygg;Romnr;Romnavn\nSB1;102;Organisk lab\n"), actor="t")
    assert result.imported == 1
    lab = find_room(conn, "SB1", "102")
    assert lab is not None
    assert (lab.name, lab.type, lab.area_m2, lab.unit_code, lab.building_name) == (
        "Organisk lab", RoomType.LAB, 48.5, "NV-IKJ", "Sentralbygg 1")


BAD = """Bygg;Romnr;Romnavn;Romtype;Etasje;Areal (m²);Enhet
SB1;101;Kontor;Kontor;1;18,5;IVT
SB1;102;Lab;Kjeller;1;20;IVT
SB1;103;Lab;lab;1;-4;IVT
;104;Uten bygg;lab;1;5;IVT
SB1;105;Areal feil;lab;1;tjue;IVT

SB1;101;Dobbel;Kontor;1;18,5;IVT
SB1;106;Bra;Laboratorium;2;30,5;IVT
SB1;107;To feil;Gang;1;x;IVT
"""


def test_good_rows_imported_bad_rows_reported(conn: sqlite3.Connection, tmp_path: Path) -> None:
    result = import_rooms(conn, _write(tmp_path / "bad.csv", BAD, bom=True), actor="t")
    errors = [(e.row, e.field) for e in result.errors]
    assert errors == [(3, "type"), (4, "area_m2"), (5, "building"), (6, "area_m2"),
                      (8, "room"), (10, "type"), (10, "area_m2")]
    by_row = {e.row: e.message for e in result.errors}
    assert "'Kjeller' is not one of: Office, Laboratory" in by_row[3]
    assert "'tjue' is not a number" in by_row[6]
    assert "row 2" in by_row[8]
    assert result.imported == 2 and result.skipped == 0
    _check_buckets(result, 8)
    assert sorted(r.number for r in list_rooms(conn)) == ["101", "106"]
    assert find_room(conn, "SB1", "101").name == "Kontor"  # type: ignore[union-attr]


def test_strict_imports_nothing_when_any_row_is_bad(conn: sqlite3.Connection,
                                                    tmp_path: Path) -> None:
    result = import_rooms(conn, _write(tmp_path / "bad.csv", BAD), strict=True, actor="t")
    assert result.rejected
    assert result.imported == 0 and result.skipped == 2 and len(result.errors) == 7
    assert _counts(conn) == (0, 0, 0, 0)
    entry = conn.execute("SELECT action, details FROM audit_log WHERE entity = 'room'"
                         ).fetchone()
    assert entry["action"] == "import_rejected"
    assert json.loads(entry["details"])["error_rows"] == 6


def test_strict_with_a_good_file_imports(conn: sqlite3.Connection) -> None:
    result = import_rooms(conn, DATA / "rooms_comma.csv", strict=True, actor="t")
    assert not result.rejected and result.imported == 9


def test_unexpected_failure_leaves_the_database_as_it_was(
        conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    import_rooms(conn, DATA / "rooms_comma.csv", actor="t")
    before, counts = _snapshot(conn), _counts(conn)
    audit_before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    real = rooms_io._RoomRows.write_many
    calls = []

    def failing(self: rooms_io._RoomRows, writes: list[object]) -> None:
        calls.append(len(writes))
        real(self, writes)  # type: ignore[arg-type]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rooms_io._RoomRows, "write_many", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_rooms(conn, DATA / "rooms_semicolon_bom.csv", actor="t")
    assert len(calls) == 1 and calls[0] > 0  # the rows were written before the failure ...
    assert _snapshot(conn) == before  # ... and rolled back with everything else
    assert _counts(conn) == counts
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_before
    assert not conn.in_transaction


def _many_rooms(path: Path, n: int) -> Path:
    lines = ["building;room;type;area_m2"] + [f"B{i % 7};{i};lab;{i},5" for i in range(n)]
    return _write(path, "\n".join(lines) + "\n")


def test_progress_and_cancel(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = _many_rooms(tmp_path / "many.csv", 450)
    seen: list[tuple[int, int]] = []
    result = import_rooms(conn, path, actor="t", progress=lambda d, t: seen.append((d, t)))
    assert result.imported == 450
    assert seen == [(0, 450), (200, 450), (400, 450), (450, 450)]

    conn.execute("DELETE FROM room")
    checks: list[int] = []

    def cancel() -> bool:
        checks.append(1)
        return len(checks) >= 3  # cancelled at the third check, after 400 rows

    with pytest.raises(ImportCancelled) as caught:
        import_rooms(conn, path, actor="t", cancel=cancel)
    assert (caught.value.done, caught.value.total) == (400, 450)
    assert _counts(conn)[0] == 0
    assert not conn.in_transaction


def test_one_audit_entry_per_import_with_counts(conn: sqlite3.Connection) -> None:
    import_rooms(conn, DATA / "rooms_comma.csv", actor="kari")
    import_rooms(conn, DATA / "rooms_comma.csv", actor="kari")
    rows = conn.execute("SELECT actor, action, details FROM audit_log WHERE entity = 'room' "
                        "ORDER BY id").fetchall()
    assert [(r["actor"], r["action"]) for r in rows] == [("kari", "import"),
                                                         ("kari", "import")]
    assert [json.loads(r["details"])["imported"] for r in rows] == [9, 0]
    assert json.loads(rows[1]["details"])["skipped"] == 9
    assert json.loads(rows[0]["details"])["file"] == "rooms_comma.csv"


def test_xlsx_import_with_numbers_blank_rows_and_errors(conn: sqlite3.Connection,
                                                        tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Bygg", "Byggnavn", "Romnr", "Romnavn", "Romtype", "Etasje", "Areal (m²)",
                  "Enhet"])
    sheet.append(["SB1", "Sentralbygg 1", 101, "Kontor", "Kontor", 1, 18.5, "IVT"])
    sheet.append([])
    sheet.append(["SB1", "Sentralbygg 1", 102, "Lab", "Laboratorium", 1, "48,5", "IVT"])
    sheet.append(["SB1", "Sentralbygg 1", 103, "Feil", "Bad", 1, -1, "IVT"])
    path = tmp_path / "rooms.xlsx"
    book.save(path)
    result = import_rooms(conn, path, actor="t")
    assert result.imported == 2
    assert [(e.row, e.field) for e in result.errors] == [(5, "type"), (5, "area_m2")]
    room = find_room(conn, "SB1", "101")
    assert room is not None and room.area_m2 == 18.5 and room.floor == "1"
    again = import_rooms(conn, path, actor="t")
    assert (again.imported, again.skipped) == (0, 2)


def test_formula_text_is_kept_as_text(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = _write(tmp_path / "f.csv", 'building,room,name\nA,1,"=HYPERLINK(""x"")"\n'
                                      "A,2,'=1+2\n")
    result = import_rooms(conn, path, actor="t")
    assert result.imported == 2
    assert find_room(conn, "A", "1").name == '=HYPERLINK("x")'  # type: ignore[union-attr]
    assert find_room(conn, "A", "2").name == "=1+2"  # type: ignore[union-attr]


def test_too_long_text_is_a_row_error(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = _write(tmp_path / "long.csv", f"building,room,name\nA,1,{'x' * 500}\nA,2,ok\n")
    result = import_rooms(conn, path, actor="t")
    assert [(e.row, e.field) for e in result.errors] == [(2, "name")]
    assert result.imported == 1
