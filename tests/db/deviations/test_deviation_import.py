"""Deviation import and export: bad rows with row/field, idempotence, aliases, XLSX,
formula neutralisation and personal data left out."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from vernetool.db.deviations import actions as dev_actions
from vernetool.db.deviations import records as repo
from vernetool.db.deviations.queries import DeviationFilter, count_deviations, query_deviations
from vernetool.db.organisation.rooms import save_room
from vernetool.domain.deviations.rules import Absence, Action, DeviationStatus, DeviationType
from vernetool.domain.organisation import Room, RoomType
from vernetool.exchange.deviations_io import export_deviations, import_deviations
from vernetool.exchange.result import ImportFileError


def _csv(path: Path, text: str, bom: bool = True) -> Path:
    path.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    return path


def test_bad_rows_are_reported_with_row_and_field(conn: sqlite3.Connection,
                                                  tmp_path: Path) -> None:
    source = _csv(tmp_path / "avvik.csv", (
        "Meldt dato;Type;Tittel;Alvorlighetsgrad;Status;Lukket dato;Personskade;Fravær\n"
        "05.03.2024;Nestenulykke;Gassflaske falt;3;Registrert;;;\n"
        "31.02.2024;Nestenulykke;Umulig dato;3;;;;\n"
        "2024-03-06;Brannøvelse;Ukjent type;9;;;;\n"
        "\n"
        "2024-03-07;Farlig forhold;Lukket uten dato;2;Lukket;;;\n"
        "2024-03-08;Nestenulykke;Skade på nestenulykke;2;;;ja;> 3 dager\n"
        "2024-03-09;Ulykke;Kutt i finger;2;Lukket;10.03.2024;ja;≤ 3 dager\n"
        "2024-03-10;Ulykke;Registrert men lukket dato;2;Godkjent;11.03.2024;;\n"))
    result = import_deviations(conn, source, actor="t")
    errors = {(e.row, e.field) for e in result.errors}
    assert errors == {(3, "reported_at"), (4, "type"), (4, "potential_consequence"),
                      (6, "closed_at"), (7, "injury"), (9, "closed_at")}
    assert all(e.message for e in result.errors)
    # each problem once: a closed row without its date is one error, not two
    assert len(result.errors) == len(errors)
    assert [e.field for e in result.errors if e.row == 6] == ["closed_at"]
    assert result.imported == 2 and result.skipped == 0
    titles = {r.title for r in query_deviations(conn)}
    assert titles == {"Gassflaske falt", "Kutt i finger"}
    dev = repo.get_deviation(conn, query_deviations(
        conn, DeviationFilter(text="kutt"))[0].id)
    assert dev is not None and dev.status is DeviationStatus.CLOSED
    assert dev.closed_at == dt.date(2024, 3, 10)
    assert dev.injury is not None and dev.injury.absence is Absence.LE3


def test_strict_imports_nothing_and_missing_columns_fail_the_file(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    source = _csv(tmp_path / "a.csv", "reported_at,type,title\n2024-01-02,hazard,OK\n"
                  "2024-01-03,hazard,\n", bom=False)
    result = import_deviations(conn, source, actor="t", strict=True)
    assert result.imported == 0 and result.skipped == 1
    assert [(e.row, e.field) for e in result.errors] == [(3, "title")]
    assert count_deviations(conn) == 0
    with pytest.raises(ImportFileError) as err:
        import_deviations(conn, _csv(tmp_path / "b.csv", "Dato;Tittel\n2024-01-01;x\n"),
                          actor="t")
    assert "type" in str(err.value)


def test_reimport_matches_and_updates(conn: sqlite3.Connection, tmp_path: Path) -> None:
    save_room(conn, Room("GL", "A-101", RoomType.LAB))
    text = ("reported_at;type;title;room;unit;status;closed_at\n"
            "2024-04-01;hazard;Lekkasje;GL:A-101;IE;registered;\n"
            "2024-04-01;hazard;Lekkasje;Kantina;IE;registered;\n")
    source = _csv(tmp_path / "a.csv", text)
    assert import_deviations(conn, source, actor="t").imported == 2
    again = import_deviations(conn, source, actor="t")
    assert (again.imported, again.skipped, again.errors) == (0, 2, [])
    rows = {r.room_label: r for r in query_deviations(conn)}
    assert set(rows) == {"GL:A-101", "Kantina"}  # one in the register, one free text
    _csv(source, text.replace("registered;\n", "lukket;2024-04-20\n", 1))
    third = import_deviations(conn, source, actor="t")
    assert (third.imported, third.skipped) == (1, 1)
    closed = repo.get_deviation(conn, rows["GL:A-101"].id)
    assert closed is not None and closed.closed_at == dt.date(2024, 4, 20)
    assert repo.status_history(conn, closed.id)[-1].source == "import"  # type: ignore[arg-type]
    # The same key twice in a file is two reports: the first row is the stored one (it
    # reopens it), the second a new one, and a re-import finds both again.
    dup = _csv(tmp_path / "dup.csv", text.replace("Kantina", "GL:A-101"))
    result = import_deviations(conn, dup, actor="t")
    assert (result.imported, result.skipped, result.errors) == (2, 0, [])
    assert [r.room_label for r in query_deviations(conn)].count("GL:A-101") == 2
    again = import_deviations(conn, dup, actor="t")
    assert (again.imported, again.skipped, again.errors) == (0, 2, [])


def test_xlsx_import_with_real_dates(conn: sqlite3.Connection, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Saksnummer", "Meldt dato", "Type", "Tittel", "Sannsynlighet"])
    sheet.append(["EQS-1", dt.datetime(2024, 2, 29), "Ulykke", "Fall i trapp", 3])
    sheet.append(["EQS-2", "01.03.2024", "forbedringsforslag", "Bedre skilting", None])
    path = tmp_path / "eqs.xlsx"
    book.save(path)
    result = import_deviations(conn, path, actor="t")
    assert (result.imported, result.errors) == (2, [])
    dev = repo.find_by_external_id(conn, "EQS-1")
    assert dev is not None and dev.reported_at == dt.date(2024, 2, 29)
    assert dev.type is DeviationType.ACCIDENT and dev.probability == 3


def _setup_export(conn: sqlite3.Connection) -> None:
    from vernetool.domain.deviations.rules import Deviation, StatusChange

    dev_id = repo.create_deviation(conn, Deviation(
        DeviationType.HAZARD, "=cmd|' /C calc'!A0", dt.date(2024, 5, 1),
        description="+SUM(1,2)", cause="@evil", reporter="Kari Nordmann",
        immediate_action="-1+2"), actor="t")
    repo.change_status(conn, dev_id, StatusChange(DeviationStatus.ACCEPTED,
                                                  closing_deadline=dt.date(2024, 6, 1)),
                       actor="t")
    dev_actions.add_action(conn, dev_id, Action("Sikre kabel", "Ola Hansen",
                                                deadline=dt.date(2024, 5, 20)), actor="t")


def test_csv_export_neutralises_formulas_and_leaves_out_personal_data(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    _setup_export(conn)
    out = tmp_path / "avvik.csv"
    assert export_deviations(conn, out, "csv") == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    row = rows[0]
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["description"] == "'+SUM(1,2)" and row["cause"] == "'@evil"
    assert row["immediate_action"] == "'-1+2"
    text = raw.decode("utf-8-sig")
    assert "Kari" not in text and "Ola Hansen" not in text and "reporter" not in text
    assert "Sikre kabel" in row["actions"]
    # Re-importing our own export changes nothing.
    result = import_deviations(conn, out, actor="t")
    assert (result.imported, result.errors) == (0, [])
    with_personal = tmp_path / "med.csv"
    export_deviations(conn, with_personal, "csv", include_personal_data=True)
    personal = with_personal.read_text(encoding="utf-8-sig")
    assert "Kari Nordmann" in personal and "Ola Hansen" in personal


def test_xlsx_and_json_exports(conn: sqlite3.Connection, tmp_path: Path) -> None:
    _setup_export(conn)
    out = tmp_path / "avvik.xlsx"
    export_deviations(conn, out, "xlsx")
    sheet = load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert values["title"] == "'=cmd|' /C calc'!A0"
    assert values["description"] == "'+SUM(1,2)"
    assert all(c.data_type != "f" for c in sheet[2])
    assert "reporter" not in header
    assert not any("Kari" in str(v) or "Ola" in str(v) for v in values.values())
    js = tmp_path / "avvik.json"
    export_deviations(conn, js, "json")
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data[0]["title"] == "=cmd|' /C calc'!A0" and data[0]["status"] == "in_progress"
    assert "reporter" not in data[0]
