"""The annual HSE reporting tables as XLSX, for the HSE section to work on further:

- "Tabeller" / "Tables": the PDF's tables (``reports.annual_tables``), one block per question:
  answer | {year} count | percent | {previous} count | percent, counts as numbers and percents
  as numbers formatted ``0.0 %`` (so 71.2 % is the number 0.712); the routines 24a–f and
  26a–f as one block each (counts per answer, both years); "—" where a question was not asked;
- "Svar per enhet" / "Answers per unit": a row per unit (code, name, submitted), a column per
  question id, the raw answers with the codes as their labels ("Ja", "3 – i stor grad");
- "Ikke svart" / "Not answered": the expected units without a file.

Every text cell goes through ``writers.xlsx_cell`` (formula text neutralised: a unit named
``=HYPERLINK(…)`` is written as ``'=HYPERLINK(…)``, as text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from vernetool.exchange.writers import atomic_path, xlsx_cell
from vernetool.reports.annual_tables import (
    DASH,
    AnnualTables,
    AnnualWords,
    Figures,
    GroupBlock,
    QuestionBlock,
    TextBlock,
    annual_tables,
)

BRAND = "00509E"


def write_aggregate_xlsx(result: Any, questionnaire: Any, path: Path | str,
                         lang: str = "nb", *, expected: int | None = None) -> Path:
    """Write the three sheets to ``path`` (atomically) and return the path (``expected``: as
    for ``reports.annual_report.write_aggregate_pdf``)."""
    from openpyxl import Workbook  # lazy: only when a workbook is written

    tables = annual_tables(result, questionnaire, lang, expected=expected)
    book = Workbook(write_only=True)
    _tables_sheet(book, tables)
    _units_sheet(book, tables, questionnaire, _answer_files(result))
    _missing_sheet(book, tables)
    out = Path(path)
    with atomic_path(out) as temp:
        book.save(temp)
    return out


class _Styles:
    def __init__(self, words: AnnualWords) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.title = Font(bold=True, size=14, color=BRAND)
        self.heading = Font(bold=True, size=11)
        self.section = Font(bold=True, size=12, color=BRAND)
        self.muted = Font(italic=True, color="555555")
        self.head_font = Font(bold=True, color="FFFFFF")
        self.head_fill = PatternFill("solid", fgColor=BRAND)
        self.bold = Font(bold=True)
        self.top_line = Border(top=Side(style="thin", color=BRAND))
        self.right = Alignment(horizontal="right")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.percent = "0.0 %" if words.lang == "nb" else "0.0%"


def _cell(sheet: Any, value: Any, font: Any = None, fill: Any = None, number_format: str = "",
          alignment: Any = None, border: Any = None) -> Any:
    cell = xlsx_cell(sheet, value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    return cell


# -- the tables --------------------------------------------------------------------------------
def _tables_sheet(book: Any, tables: AnnualTables) -> None:
    from openpyxl.utils import get_column_letter

    words = tables.words
    style = _Styles(words)
    sheet = book.create_sheet(title=words["sheet_tables"][:31])
    widths = [70] + [13] * 6
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_cell(sheet, words.render("title", year=tables.year), style.title)])
    units = (words.render("units_of_expected", answered=tables.units, expected=tables.expected)
             if tables.expected is not None else words.render("units_answered", n=tables.units))
    sheet.append([_cell(sheet, units)])
    if tables.previous_year is not None:
        sheet.append([_cell(sheet, words.render("compared", previous=tables.previous_year,
                                                n=tables.previous_units or 0))])
    if tables.based_on_year != tables.year:
        sheet.append([_cell(sheet, words.render("based_on", year=tables.year,
                                                based_on=tables.based_on_year))])
    sheet.append([_cell(sheet, words["percent_note"], style.muted)])
    for section in tables.sections:
        sheet.append([])
        if section.title:
            sheet.append([_cell(sheet, section.title, style.section)])
        for block in section.blocks:
            if isinstance(block, TextBlock):
                sheet.append([_cell(sheet, f"{block.id}  {block.text}", style.heading)])
                sheet.append([_cell(sheet, block.note, style.muted)])
            elif isinstance(block, GroupBlock):
                _group_rows(sheet, block, tables, style)
            else:
                _question_rows(sheet, block, tables, style)
            sheet.append([])


def _heading(block: QuestionBlock | GroupBlock, text: str, followup: bool, expired: bool,
             words: AnnualWords) -> str:
    lead = ""
    if expired:
        lead += f"{words['expired']}: "
    if followup:
        lead += f"{words['followup']}: "
    return f"{block.id}  {lead}{text}"


def _header(sheet: Any, labels: Iterable[str], style: _Styles) -> list[Any]:
    return [_cell(sheet, label, style.head_font, style.head_fill) for label in labels]


def _figures(sheet: Any, figures: Figures, style: _Styles, font: Any = None) -> list[Any]:
    if figures.count is None:
        return [_cell(sheet, DASH, alignment=style.right),
                _cell(sheet, DASH, alignment=style.right)]
    percent = None if figures.percent is None else round(figures.percent / 100, 4)
    return [_cell(sheet, figures.count, font),
            _cell(sheet, percent, font, number_format=style.percent)]


def _question_rows(sheet: Any, block: QuestionBlock, tables: AnnualTables, style: _Styles
                   ) -> None:
    words = tables.words
    sheet.append([_cell(sheet, _heading(block, block.text, block.followup, block.expired,
                                        words), style.heading)])
    if block.asked_of:
        sheet.append([_cell(sheet, block.asked_of, style.muted)])
    years = [tables.year] + ([tables.previous_year] if tables.previous_year else [])
    head = [words["col_answer"]]
    for year in years:
        head += [f"{year} {words['col_count']}", f"{year} {words['col_percent']}"]
    sheet.append(_header(sheet, head, style))
    for row in block.rows:
        line = [_cell(sheet, row.label), *_figures(sheet, row.current, style)]
        if row.previous is not None:
            line += _figures(sheet, row.previous, style)
        sheet.append(line)
    pairs = [(block.not_answered, block.answered),
             (block.not_answered_previous, block.answered_previous)][:len(years)]
    if any(missing for missing, _ in pairs):
        line = [_cell(sheet, words["not_answered_row"], style.muted)]
        for missing, answered in pairs:
            line += [_cell(sheet, DASH if answered is None else missing or 0, style.muted,
                           alignment=style.right), _cell(sheet, None)]
        sheet.append(line)
    total = [_cell(sheet, words["answered_row"], style.bold, border=style.top_line)]
    for answered in (block.answered, block.answered_previous)[:len(years)]:
        total += [_cell(sheet, DASH if answered is None else answered, style.bold,
                        alignment=style.right, border=style.top_line),
                  _cell(sheet, None, border=style.top_line)]
    sheet.append(total)


def _group_rows(sheet: Any, block: GroupBlock, tables: AnnualTables, style: _Styles) -> None:
    words = tables.words
    sheet.append([_cell(sheet, _heading(block, block.intro, True, False, words),
                        style.heading)])
    if block.asked_of:
        sheet.append([_cell(sheet, block.asked_of, style.muted)])
    years = [tables.year] + ([tables.previous_year] if tables.previous_year else [])
    head = [words["counts_only"]]
    for year in years:
        head += [f"{year} {label}" for label in block.labels]
    sheet.append(_header(sheet, head, style))
    for row in block.rows:
        text = f"{row.id}  {words['expired']}: {row.text}" if row.expired \
            else f"{row.id}  {row.text}"
        line = [_cell(sheet, text, alignment=style.wrap)]
        for counts in (row.current, row.previous)[:len(years)]:
            line += [_cell(sheet, DASH if counts is None else counts[code],
                           alignment=style.right) for code in block.codes]
        sheet.append(line)


# -- the answers per unit and the units missing ------------------------------------------------
def _answer_files(result: Any) -> list[Any]:
    """The answers files the aggregate counted (``AnswersFile``), however the result holds them
    (the file itself, or a loaded file carrying it)."""
    found = []
    for item in getattr(result, "files", None) or []:
        for name in ("answers_file", "file", "answers"):
            inner = getattr(item, name, None)
            if inner is not None and hasattr(inner, "unit_code"):
                item = inner
                break
        if hasattr(item, "unit_code"):
            found.append(item)
    return sorted(found, key=lambda af: str(af.unit_code))


def _units_sheet(book: Any, tables: AnnualTables, questionnaire: Any,
                 files: list[Any]) -> None:
    from openpyxl.utils import get_column_letter

    words = tables.words
    style = _Styles(words)
    sheet = book.create_sheet(title=words["sheet_units"][:31])
    ids = [q.id for q in questionnaire.questions if not getattr(q, "expired", False)]
    kinds = {q.id: q.kind for q in questionnaire.questions}
    widths = [14, 40, 18] + [40 if kinds.get(qid) == "text" else 12 for qid in ids]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "D2"
    head = [words["col_unit_code"], words["col_unit_name"], words["col_submitted"], *ids]
    sheet.append(_header(sheet, head, style))
    for af in files:
        answers: Mapping[str, str] = getattr(af, "answers", {}) or {}
        line = [_cell(sheet, af.unit_code), _cell(sheet, getattr(af, "unit_name", "")),
                _cell(sheet, _stamp(getattr(af, "submitted_at", None)))]
        for qid in ids:
            answer = answers.get(qid)
            if answer is None or kinds.get(qid) == "text":
                line.append(_cell(sheet, answer))
            else:
                line.append(_cell(sheet, questionnaire.label(answer, words.lang)))
        sheet.append(line)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(files) + 1}"


def _stamp(value: Any) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:16].replace("T", " ")


def _missing_sheet(book: Any, tables: AnnualTables) -> None:
    from openpyxl.utils import get_column_letter

    words = tables.words
    style = _Styles(words)
    sheet = book.create_sheet(title=words["sheet_missing"][:31])
    for index, width in enumerate((14, 60), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(_header(sheet, [words["col_unit_code"], words["col_unit_name"]], style))
    for code, name in tables.not_answered:
        sheet.append([_cell(sheet, code), _cell(sheet, name)])
    if tables.expected is None:
        sheet.append([_cell(sheet, words["no_expected"], style.muted)])
    elif not tables.not_answered:
        sheet.append([_cell(sheet, words["all_answered"], style.muted)])
