"""The annual HSE reporting tables as XLSX, read back: the seed's counts as numbers and the
percents as numbers formatted as percent, "—" where a question was not asked, the routines as
one block, the answers per unit with the codes as labels, the units missing; formula text
neutralised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.reports.annual_seed import seed_result
from vernetool.domain.annual.answers import AnswersFile
from vernetool.exchange.annual_xlsx import write_aggregate_xlsx
from vernetool.services.annual.questionnaires import questionnaire_for

FILES = [
    AnswersFile(2024, "IKJ", "Institutt for kjemi", "Kari Leder", "Ola Verneombud",
                "2024-11-20T10:15:00+01:00",
                {"1": "yes", "2": "dont_know", "4": "3", "7": "yes", "7a": "no",
                 "12": "=HYPERLINK(\"http://evil\")"}),
    AnswersFile(2024, "=cmd", "@Senter", "A", "B", None, {"1": "no"}),
]
MISSING = [("IES", "+Institutt for elkraft")]


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _block(rows: list[tuple[Any, ...]], heading: str, length: int) -> list[tuple[Any, ...]]:
    start = next(i for i, row in enumerate(rows) if str(row[0] or "").startswith(heading))
    return rows[start:start + length]


@pytest.fixture(scope="module")
def book_nb(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("x") / "annual.xlsx"
    write_aggregate_xlsx(seed_result(not_answered=MISSING, files=FILES),
                         questionnaire_for(2024), out, "nb")
    return load_workbook(out)


def test_the_tables_hold_the_seeds_numbers(book_nb: Any) -> None:
    assert book_nb.sheetnames == ["Tabeller", "Svar per enhet", "Ikke svart"]
    sheet = book_nb["Tabeller"]
    rows = _rows(sheet)
    assert rows[0][0] == "HMS-årsrapportering 2024"
    assert rows[1][0] == "73 av 74 enheter har svart"
    two = _block(rows, "2  Har enheten fastsatt", 7)
    assert two[1][:5] == ("Svar", "2024 Antall", "2024 Prosent", "2023 Antall", "2023 Prosent")
    assert two[2][:5] == ("Ja", 52, 0.712, 54, 0.73)
    assert two[3][:5] == ("Nei", 19, 0.26, 17, 0.23)
    assert two[4][:5] == ("Vet ikke", 2, 0.027, 3, 0.041)
    assert two[5][:5] == ("Svarte", 73, None, 74, None)
    seven_a = _block(rows, "7a  Oppfølgingsspørsmål:", 4)
    assert seven_a[1][0] == "Stilt de 50 som svarte «Ja» på 7 (2023: 48)."
    assert seven_a[3][:5] == ("Ja", 34, 0.68, 18, 0.375)
    thirty_a = _block(rows, "30a  Oppfølgingsspørsmål:", 9)
    assert [r[2] for r in thirty_a[3:8]] == [0.063, 0.19, 0.444, 0.222, 0.079]
    # the percent cells are numbers shown as percent
    start = next(i for i, row in enumerate(rows, 1) if row[0] == "Ja" and row[1] == 52)
    assert sheet.cell(start, 3).number_format == "0.0 %"
    assert sheet.cell(start, 2).data_type == "n"


def test_a_question_missing_in_the_previous_year_shows_a_dash(book_nb: Any) -> None:
    rows = _rows(book_nb["Tabeller"])
    six = _block(rows, "6  Er det planlagt", 6)
    assert six[2][:5] == ("Ja", 60, 0.822, "—", "—")
    assert six[5][:4] == ("Svarte", 73, None, "—")


def test_the_routines_are_one_block(book_nb: Any) -> None:
    rows = _rows(book_nb["Tabeller"])
    block = _block(rows, "24a–f  Oppfølgingsspørsmål: Har enheten rutiner", 9)
    assert block[1][0] == "Stilt de 24 som svarte «Ja» på 24 (2023: 23)."
    assert block[2] == ("(Antall svar)", "2024 Ja", "2024 Ikke aktuelt", "2024 Nei",
                        "2023 Ja", "2023 Ikke aktuelt", "2023 Nei")
    assert block[3][1:] == (23, 1, 0, 22, 1, 0)
    assert block[4][0].startswith("24b  UTGÅTT:") and block[4][1:] == ("—",) * 3 + (14, 7, 2)
    assert block[8][0].startswith("24f") and block[8][1:] == (8, 16, 0, 8, 14, 1)


def test_answers_per_unit_with_labels_and_neutralised_text(book_nb: Any) -> None:
    sheet = book_nb["Svar per enhet"]
    rows = _rows(sheet)
    head = list(rows[0])
    assert head[:3] == ["Kode", "Enhet", "Sendt inn"]
    assert "24b" not in head and "26a" not in head  # UTGÅTT in 2024
    col = {name: index for index, name in enumerate(head)}
    by_code = {row[0]: row for row in rows[1:]}
    assert list(by_code) == ["'=cmd", "IKJ"]
    ikj = by_code["IKJ"]
    assert (ikj[col["1"]], ikj[col["2"]], ikj[col["4"]], ikj[col["7a"]]) == (
        "Ja", "Vet ikke", "3 – i stor grad", "Nei")
    assert ikj[col["12"]] == "'=HYPERLINK(\"http://evil\")"
    assert ikj[col["Sendt inn"]] == "2024-11-20 10:15"
    assert by_code["'=cmd"][1] == "'@Senter" and by_code["'=cmd"][col["2"]] is None
    assert all(cell.data_type == "s" for cell in sheet[3][:3])


def test_units_not_answered(book_nb: Any) -> None:
    assert _rows(book_nb["Ikke svart"]) == [("Kode", "Enhet"), ("IES", "'+Institutt for elkraft")]


def test_english_and_no_comparison(tmp_path: Path) -> None:
    out = write_aggregate_xlsx(seed_result(previous=False), questionnaire_for(2024),
                               tmp_path / "a.xlsx", "en", expected=73)
    book = load_workbook(out)
    assert book.sheetnames == ["Tables", "Answers per unit", "Not answered"]
    rows = _rows(book["Tables"])
    assert rows[1][0] == "73 of 73 units have answered"
    two = _block(rows, "2  Has the unit set its own", 6)
    assert two[1][:4] == ("Answer", "2024 Count", "2024 Percent", None)
    assert two[2][:4] == ("Yes", 52, 0.712, None)
    assert _rows(book["Not answered"])[1] == ("Every unit expected to answer has answered.",
                                              None)
    start = next(i for i, row in enumerate(rows, 1) if row[0] == "Yes" and row[1] == 52)
    assert book["Tables"].cell(start, 3).number_format == "0.0%"
