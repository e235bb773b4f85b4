"""Writing CSV/XLSX/JSON: formula neutralising, Norwegian CSV defaults, atomic files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.exchange import writers
from vernetool.exchange.writers import safe_text, write_records

COLUMNS = ("text", "number", "items")
RECORDS = [
    {"text": "=HYPERLINK(\"http://evil\")", "number": 48.5, "items": ["a", "b"]},
    {"text": "+47 73 59 50 00", "number": 3, "items": []},
    {"text": "-1", "number": None, "items": ["@x"]},
    {"text": "@SUM(1)", "number": -2.25, "items": None},
    {"text": "\tTab", "number": 0, "items": None},
    {"text": "Møterom Ålesund", "number": 1e20, "items": None},
]


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-1", "-1"),
    ("-1,5", "-1,5"), ("Kontor", "Kontor"), ("", ""), ("a=b", "a=b"),
    # control characters are stripped first, so they cannot hide a formula
    ("\x01=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("\x1f+1", "'+1"), ("\x08@x", "'@x"),
    ("\x00\x7f\x85-x", "'-x"), ("  =1", "'=1"), ("\n=1", "'=1"), ("\uff1d1", "'\uff1d1"),
    ("a\x00b\ud800c", "abc"), ("-\u0661", "'-\u0661"), ("Linje 1\nLinje 2", "Linje 1\nLinje 2"),
])
def test_safe_text(text: str, safe: str) -> None:
    assert safe_text(text) == safe


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_safe_text_never_leaves_a_formula_or_a_control_character(text: str) -> None:
    safe = safe_text(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", safe)
    if not re.match(r"^-[0-9]+([.,][0-9]+)?$", safe):
        assert not safe.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b",
                                    "\uff0d", "\uff20"))
    assert safe_text(safe) == safe  # once is enough: the guard does not grow


def test_csv_is_utf8_bom_semicolon_with_decimal_comma(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert write_records(out, "csv", COLUMNS, RECORDS) == len(RECORDS)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "text;number;items"
    assert lines[1] == '"\'=HYPERLINK(""http://evil"")";48,5;a,b'
    assert lines[2] == "'+47 73 59 50 00;3;"
    assert lines[3] == "-1;;'@x"
    assert lines[4] == "'@SUM(1);-2,25;"
    assert lines[6] == "Møterom Ålesund;1e+20;"


def test_csv_with_comma_uses_decimal_point(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_records(out, "csv", COLUMNS, RECORDS[:1], delimiter=",")
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].endswith(',48.5,"a,b"')


def test_xlsx_header_bold_frozen_widths_numbers_and_neutralised_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "x.xlsx"
    write_records(out, "xlsx", COLUMNS, RECORDS, sheet_title="Rooms")
    book = load_workbook(out)
    sheet = book["Rooms"]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len(RECORDS[0]["text"])
    assert sheet["A2"].value == "'=HYPERLINK(\"http://evil\")"
    assert sheet["A2"].data_type == "s"  # text, not a formula
    assert sheet["B2"].value == 48.5 and sheet["B3"].value == 3
    assert sheet["C2"].value == "a,b"
    assert sheet["A4"].value == "-1"
    assert sheet.auto_filter.ref == "A1:C7"


def test_json_keeps_values_as_they_are(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    write_records(out, "json", COLUMNS, RECORDS)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data[0] == {"text": "=HYPERLINK(\"http://evil\")", "number": 48.5,
                       "items": ["a", "b"]}
    assert list(data[0]) == list(COLUMNS)
    assert data[2]["number"] is None


def test_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    out = tmp_path / "x.csv"
    out.write_text("old", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(writers, "_text", broken)
    with pytest.raises(RuntimeError):
        write_records(out, "csv", COLUMNS, RECORDS)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_missing_folder_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_records(tmp_path / "nope" / "x.csv", "csv", COLUMNS, RECORDS)
    with pytest.raises(ValueError, match="unknown format"):
        write_records(tmp_path / "x.txt", "txt", COLUMNS, RECORDS)
