"""Action-plan export: translated headers, BOM + ';' CSV, formula neutralisation, overdue."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.db.round_fixtures import make_rooms, make_round, make_template, round_room_ids
from vernetool.db.rounds import findings as findings_db
from vernetool.domain.rounds import Finding, Severity
from vernetool.exchange.action_plan_io import export_action_plan

TODAY = dt.date(2026, 6, 15)
NB = ["Tiltak", "Ansvarlig", "Frist", "Status", "Funn", "Rom", "Alvorlighet", "Forfalt",
      "Registeroppføring"]
EN = ["Action", "Responsible", "Deadline", "Status", "Finding", "Room", "Severity", "Overdue",
      "Register entry"]


@pytest.fixture
def round_id(conn: sqlite3.Connection) -> int:
    rid = make_round(conn, make_rooms(conn, 2), make_template(conn))
    rooms = round_room_ids(conn, rid)
    findings_db.save_finding(conn, Finding(
        "Lenke i teksten", Severity.HIGH, '=HYPERLINK("http://evil.example","klikk")',
        "Per Hansen", deadline=dt.date(2026, 1, 10), round_room_id=rooms[0]), "t")
    findings_db.save_finding(conn, Finding(
        "Manglende merking", Severity.LOW, "Merk flaskene", "@Kari",
        deadline=dt.date(2026, 12, 1), round_room_id=rooms[1]), "t")
    return rid


def test_csv_has_bom_semicolons_norwegian_header_and_neutralised_formulas(
        conn: sqlite3.Connection, round_id: int, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    assert export_action_plan(conn, round_id, out, "csv", "nb", today=TODAY) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(";") == NB
    assert lines[1].startswith("\"'=HYPERLINK(")  # quoted because of the comma inside
    assert ";'@Kari;" in lines[2]
    assert lines[1].endswith(";Ja;") and lines[2].endswith(";Nei;")  # Forfalt, no entry
    assert "Høy" in lines[1] and ";Ikke startet;" in lines[1]  # the app's word


def test_csv_in_english(conn: sqlite3.Connection, round_id: int, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    export_action_plan(conn, round_id, out, "csv", "en", today=TODAY)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(";") == EN
    assert lines[1].endswith(";Yes;") and "High" in lines[1]


@pytest.mark.parametrize(("lang", "header"), [("nb", NB), ("en", EN)])
def test_xlsx_header_formula_and_overdue_fill(conn: sqlite3.Connection, round_id: int,
                                              tmp_path: Path, lang: str,
                                              header: list[str]) -> None:
    out = tmp_path / f"plan-{lang}.xlsx"
    assert export_action_plan(conn, round_id, out, "xlsx", lang, today=TODAY) == 2
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == header
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\",\"klikk\")"
    assert sheet.cell(row=2, column=1).data_type == "s"  # text, never a formula
    assert rows[2][1] == "'@Kari"
    assert rows[1][2] == dt.datetime(2026, 1, 10)  # a real date cell
    assert sheet.cell(row=2, column=1).fill.fgColor.rgb.endswith("FBE9E7")  # overdue: red
    assert sheet.cell(row=3, column=1).fill.fgColor.rgb in ("00000000", None)


def test_unknown_format_is_refused(conn: sqlite3.Connection, round_id: int,
                                   tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export_action_plan(conn, round_id, tmp_path / "x.pdf", "pdf")


def test_cli_exports_the_latest_rounds_plan(conn: sqlite3.Connection, round_id: int,
                                            db_path: Path, tmp_path: Path) -> None:
    from vernetool.cli import main

    out = tmp_path / "plan.csv"
    assert main(["round", "action-plan", "--db", str(db_path), "--round", "latest",
                 "--format", "csv", "--out", str(out), "--lang", "en"]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].split(";") == EN
    assert main(["round", "action-plan", "--db", str(db_path), "--round", "42",
                 "--format", "csv", "--out", str(out)]) == 1
