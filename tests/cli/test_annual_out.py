"""``vernetool annual aggregate --out FILE.pdf|FILE.xlsx``: the tables written from real answers
files, with the previous year beside (--compare) and the units expected (--expected)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from vernetool.cli import main
from vernetool.domain.annual.answers import AnswersFile, answers_to_json

UNITS = [("IKJ", "Institutt for kjemi"), ("IFY", "Institutt for fysikk"),
         ("IMT", "Institutt for materialteknologi"), ("IES", "Institutt for elkraft")]


def _write(folder: Path, year: int, answers: dict[str, dict[str, str]]) -> Path:
    folder.mkdir()
    names = dict(UNITS)
    for code, given in answers.items():
        af = AnswersFile(year, code, names[code], "Leder", "Verneombud",
                         f"{year}-11-20T10:00:00+01:00", given)
        (folder / f"{code}.json").write_text(json.dumps(answers_to_json(af)), "utf-8")
    return folder


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    now = _write(tmp_path / "2024", 2024, {
        "IKJ": {"1": "yes", "2": "yes", "6": "no", "7": "yes", "7a": "yes", "7b": "no",
                "14": "4", "12": "Vi har faste møter"},
        "IFY": {"1": "yes", "2": "no", "6": "yes", "7": "no", "14": "3"},
        "IMT": {"1": "yes", "2": "yes", "6": "yes", "7": "yes", "7a": "no", "14": "4"},
    })
    before = _write(tmp_path / "2023", 2023, {
        "IKJ": {"1": "yes", "2": "no", "7": "no", "14": "2"},
        "IFY": {"1": "yes", "2": "yes", "7": "yes", "7a": "dont_know", "14": "3"},
    })
    expected = tmp_path / "units.csv"
    expected.write_text("code;name\n" + "".join(f"{c};{n}\n" for c, n in UNITS), "utf-8")
    return now, before, expected


def test_the_pdf(folders: tuple[Path, Path, Path], tmp_path: Path,
                 capsys: pytest.CaptureFixture[str]) -> None:
    now, before, expected = folders
    out = tmp_path / "tables.pdf"
    assert main(["annual", "aggregate", "--year", "2024", "--compare", str(before),
                 "--expected", str(expected), "--out", str(out), "--lang", "nb",
                 str(now)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["questions"]["2"]["percent"]["yes"] == 66.7
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert text.startswith("HMS-årsrapportering 2024 3 av 4 enheter har svart")
    assert "Ja 2 66,7 % 1 50,0 % Nei 1 33,3 % 1 50,0 %" in text
    assert "Ja 2 66,7 % — — Nei 1 33,3 % — —" in text           # 6: new in 2024
    assert "Stilt de 2 som svarte «Ja» på 7 (2023: 1)." in text
    assert "Fritekst tas ikke med her (1 enhet svarte)." in text
    assert "1 av de 4 enhetene har ikke sendt inn svar: Kode Enhet IES Institutt for elkraft" \
        in text
    # a chart per scale question answered (only 14 here)
    assert sum(len(p.images) for p in PdfReader(out).pages) == 1


def test_the_xlsx_in_english(folders: tuple[Path, Path, Path], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    now, before, expected = folders
    out = tmp_path / "tables.xlsx"
    assert main(["annual", "aggregate", "--year", "2024", "--compare", str(before),
                 "--expected", str(expected), "--out", str(out), "--lang", "en",
                 str(now)]) == 0
    capsys.readouterr()
    book = load_workbook(out)
    rows = [tuple(r) for r in book["Tables"].iter_rows(values_only=True)]
    assert rows[1][0] == "3 of 4 units have answered"
    assert ("Yes", 2, 0.667, 1, 0.5, None, None) in rows
    units = [tuple(r) for r in book["Answers per unit"].iter_rows(values_only=True)]
    assert [r[0] for r in units[1:]] == ["IFY", "IKJ", "IMT"]
    assert [tuple(r) for r in book["Not answered"].iter_rows(values_only=True)] == [
        ("Code", "Unit"), ("IES", "Institutt for elkraft")]
