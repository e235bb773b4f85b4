"""The annual HSE reporting tables as a PDF, set like section 5.1 of the HSE annual report:
per question its text as the heading, a table Svar | {year} Antall | Prosent | {previous}
Antall | Prosent, the follow-ups with how many they were asked of, the routines 24a–f and 26a–f
as one table each, a bar chart per scale question (this year beside last, in percent), the
free-text question only named, and the units that have not answered listed at the end.

``write_aggregate_pdf(result, questionnaire, path, lang)`` writes it atomically; the figures
come from ``reports.annual_tables`` (shared with the XLSX). Every text from outside (unit names
and codes, and the questionnaire's words) goes through ``pdf.text``/``pdf.para``.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from vernetool.reports import pdf
from vernetool.reports.annual_tables import (
    DASH,
    AnnualReportCancelled,
    AnnualTables,
    AnnualWords,
    CancelFn,
    Figures,
    GroupBlock,
    ProgressFn,
    QuestionBlock,
    TextBlock,
    annual_tables,
)

__all__ = ["AnnualReportCancelled", "write_aggregate_pdf"]

WIDTH = 174 * mm - 12  # A4 minus the page margins and the frame's padding
NUMBER_COLUMN = 20 * mm
PERCENT_COLUMN = 22 * mm
GROUP_COLUMN = 17.5 * mm
MUTED = colors.HexColor("#555555")
HEAD_SOFT = colors.HexColor("#dce6f2")
CURRENT_COLOUR = "#00509e"    # the house blue (pdf.BRAND)
PREVIOUS_COLOUR = "#a9bfd8"   # the same blue, lighter: last year behind this year
CHART_WIDTH_IN = 6.7


def write_aggregate_pdf(result: Any, questionnaire: Any, path: Path | str, lang: str = "nb",
                        progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                        *, expected: int | None = None, made: dt.date | None = None) -> Path:
    """Write the aggregate's tables to ``path`` (atomically) and return the path.

    ``result`` is the ``AggregateResult`` of ``ctx.services.annual_aggregate.aggregate``;
    ``progress(done, total)`` is called per question, ``cancel()`` looked at between them
    (``AnnualReportCancelled``: nothing was written). ``expected``: how many units were
    asked to answer (the expected-units list's length), for "73 av 73 enheter har svart".
    """
    tables = annual_tables(result, questionnaire, lang, cancel=cancel, expected=expected)
    words = tables.words
    sheet = _styles()
    story: list[Any] = _front(tables, sheet)
    blocks = tables.blocks
    total = len(blocks) + 1
    done = 0
    for section in tables.sections:
        # the section's heading goes with its first question: never alone at a page's foot
        lead: list[Any] = [pdf.para(section.title, sheet["Heading1"])] if section.title else []
        for block in section.blocks:
            if cancel is not None and cancel():
                raise AnnualReportCancelled
            story.append(KeepTogether([*lead, *_block(block, tables, sheet)]))
            lead = []
            done += 1
            if progress is not None:
                progress(done, total)
    story += _not_answered(tables, sheet)
    title = words.render("title", year=tables.year)
    frame = pdf.PageFrame(title, _units_line(tables), words.lang, made=made)
    if cancel is not None and cancel():
        raise AnnualReportCancelled
    out = pdf.build_pdf(Path(path), story, frame)
    if progress is not None:
        progress(total, total)
    return out


# -- styles ------------------------------------------------------------------------------------
def _styles() -> StyleSheet1:
    sheet = pdf.styles()
    bold = sheet["Title"].fontName
    sheet.add(ParagraphStyle("DocTitle", parent=sheet["Title"], fontSize=20, leading=25,
                             alignment=0, spaceAfter=4))
    sheet.add(ParagraphStyle("Sub", parent=sheet["Normal"], fontSize=11, leading=14,
                             spaceAfter=2))
    sheet.add(ParagraphStyle("Body", parent=sheet["BodyText"], fontSize=9.5, leading=13))
    sheet.add(ParagraphStyle("QHead", parent=sheet["Normal"], fontName=bold, fontSize=10,
                             leading=13, spaceBefore=10, spaceAfter=3,
                             textColor=colors.HexColor("#1a1a1a")))
    sheet.add(ParagraphStyle("Asked", parent=sheet["Small"], fontSize=8.5, leading=11,
                             spaceAfter=3))
    sheet.add(ParagraphStyle("Note", parent=sheet["Small"], fontSize=7.5, leading=9.5,
                             spaceBefore=2))
    sheet.add(ParagraphStyle("CellNum", parent=sheet["Cell"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("CellBold", parent=sheet["Cell"], fontName=bold))
    sheet.add(ParagraphStyle("CellBoldNum", parent=sheet["CellNum"], fontName=bold))
    sheet.add(ParagraphStyle("CellMuted", parent=sheet["Cell"], textColor=MUTED))
    sheet.add(ParagraphStyle("CellMutedNum", parent=sheet["CellNum"], textColor=MUTED))
    sheet.add(ParagraphStyle("HeadNum", parent=sheet["HeadCell"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("HeadYear", parent=sheet["HeadCell"], alignment=TA_CENTER))
    # the routines' answer columns are narrow: "Not applicable" must break between words
    sheet.add(ParagraphStyle("HeadNumSmall", parent=sheet["HeadNum"], fontSize=7.5,
                             leading=9))
    sheet["Heading1"].fontSize = 14
    sheet["Heading1"].leading = 18
    sheet["Heading1"].spaceBefore = 14
    sheet["Heading1"].spaceAfter = 2
    sheet["Heading1"].keepWithNext = 1
    return sheet


def _p(value: object, style: ParagraphStyle) -> Paragraph:
    return pdf.para(value, style)


# -- front and end -----------------------------------------------------------------------------
def _units_line(tables: AnnualTables) -> str:
    words = tables.words
    if tables.expected is not None:
        return words.render("units_of_expected", answered=tables.units,
                            expected=tables.expected)
    return words.render("units_answered", n=tables.units)


def _front(tables: AnnualTables, sheet: StyleSheet1) -> list[Any]:
    words = tables.words
    story: list[Any] = [
        _p(words.render("title", year=tables.year), sheet["DocTitle"]),
        _p(_units_line(tables), sheet["Sub"]),
    ]
    if tables.previous_year is not None:
        story.append(_p(words.render("compared", previous=tables.previous_year,
                                     n=tables.previous_units or 0), sheet["Sub"]))
    story.append(Spacer(1, 2 * mm))
    if tables.based_on_year != tables.year:
        story.append(_p(words.render("based_on", year=tables.year,
                                     based_on=tables.based_on_year), sheet["Body"]))
    story.append(_p(words["percent_note"], sheet["Body"]))
    return story


def _not_answered(tables: AnnualTables, sheet: StyleSheet1) -> list[Any]:
    words = tables.words
    story: list[Any] = [CondPageBreak(50 * mm),
                        _p(words["not_answered_title"], sheet["Heading1"]), Spacer(1, 2 * mm)]
    if tables.expected is None:
        return [*story, _p(words["no_expected"], sheet["Body"])]
    if not tables.not_answered:
        return [*story, _p(words["all_answered"], sheet["Body"])]
    story.append(_p(words.render("not_answered_text", n=len(tables.not_answered),
                                 expected=tables.expected), sheet["Body"]))
    story.append(Spacer(1, 2 * mm))
    story.append(pdf.table([words["col_unit_code"], words["col_unit_name"]],
                           [[code, name] for code, name in tables.not_answered],
                           [32 * mm, WIDTH - 32 * mm], sheet))
    return story


# -- one question ------------------------------------------------------------------------------
def _block(block: QuestionBlock | GroupBlock | TextBlock, tables: AnnualTables,
           sheet: StyleSheet1) -> list[Any]:
    """The question's heading, table and chart: kept together on one page by the caller."""
    if isinstance(block, TextBlock):
        return [_heading(block.id, block.text, False, False, tables.words, sheet),
                _p(block.note, sheet["Asked"])]
    if isinstance(block, GroupBlock):
        return _group(block, tables, sheet)
    parts: list[Any] = [_heading(block.id, block.text, block.followup, block.expired,
                                 tables.words, sheet)]
    if block.asked_of:
        parts.append(_p(block.asked_of, sheet["Asked"]))
    parts.append(_question_table(block, tables, sheet))
    note = _dash_note(tables, current=block.answered is None,
                      previous=tables.previous_year is not None
                      and block.answered_previous is None)
    if note:
        parts.append(_p(note, sheet["Note"]))
    if block.kind == "scale" and block.answered:
        parts += [Spacer(1, 2 * mm), _scale_chart(block, tables)]
    return parts


def _heading(qid: str, text: str, followup: bool, expired: bool, words: AnnualWords,
             sheet: StyleSheet1) -> Paragraph:
    lead = f"<font color='{CURRENT_COLOUR}'>{pdf.text(qid)}</font>&nbsp;&nbsp;"
    if expired:
        lead += f"{pdf.text(words['expired'])}: "
    if followup:
        lead += f"{pdf.text(words['followup'])}: "
    return Paragraph(lead + pdf.text(text), sheet["QHead"])


def _dash_note(tables: AnnualTables, *, current: bool, previous: bool) -> str:
    words = tables.words
    years = [str(y) for y, missing in ((tables.year, current),
                                       (tables.previous_year, previous)) if missing]
    if not years:
        return ""
    return words.render("not_asked_note", dash=DASH, years=f" {words['and']} ".join(years))


def _year_header(tables: AnnualTables, first: str, span: int, sheet: StyleSheet1
                 ) -> list[Any]:
    row: list[Any] = [_p(first, sheet["HeadCell"]), _p(str(tables.year), sheet["HeadYear"])]
    row += [""] * (span - 1)
    if tables.previous_year is not None:
        row += [_p(str(tables.previous_year), sheet["HeadYear"])] + [""] * (span - 1)
    return row


def _cells(figures: Figures, words: AnnualWords, sheet: StyleSheet1, bold: bool = False
           ) -> list[Any]:
    style = sheet["CellBoldNum"] if bold else sheet["CellNum"]
    return [_p(words.count(figures.count), style),
            _p(words.percent(figures.percent) if figures.count is not None else DASH, style)]


def _question_table(block: QuestionBlock, tables: AnnualTables, sheet: StyleSheet1) -> Table:
    words = tables.words
    compare = tables.previous_year is not None
    years = 2 if compare else 1
    data: list[list[Any]] = [_year_header(tables, "", 2, sheet)]
    head = [_p(words["col_answer"], sheet["HeadCell"])]
    head += [_p(words["col_count"], sheet["HeadNum"]),
             _p(words["col_percent"], sheet["HeadNum"])] * years
    data.append(head)
    for row in block.rows:
        line = [_p(row.label, sheet["Cell"]), *_cells(row.current, words, sheet)]
        if row.previous is not None:
            line += _cells(row.previous, words, sheet)
        data.append(line)
    extra_rows = 0
    missing = [block.not_answered, block.not_answered_previous if compare else None]
    if any(m for m in missing):
        line = [_p(words["not_answered_row"], sheet["CellMuted"])]
        for count, asked in ((block.not_answered, block.answered),
                             (block.not_answered_previous, block.answered_previous)
                             )[:years]:
            line += [_p(DASH if asked is None else str(count or 0), sheet["CellMutedNum"]),
                     ""]
        data.append(line)
        extra_rows += 1
    total = [_p(words["answered_row"], sheet["CellBold"])]
    for answered in (block.answered, block.answered_previous)[:years]:
        total += [_p(words.count(answered), sheet["CellBoldNum"]), ""]
    data.append(total)
    extra_rows += 1
    label_width = WIDTH - 2 * (NUMBER_COLUMN + PERCENT_COLUMN)
    widths = [label_width] + [NUMBER_COLUMN, PERCENT_COLUMN] * years
    table = Table(data, colWidths=widths, repeatRows=2, hAlign="LEFT")
    table.setStyle(_table_style(data, spans=[(1, 2)] * years, first_body=2,
                                total_rows=extra_rows))
    return table


def _table_style(data: list[list[Any]], spans: list[tuple[int, int]], first_body: int,
                 total_rows: int = 0) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, first_body - 1), pdf.BRAND),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, first_body), (-1, -1), 0.4, pdf.GRID),
        ("BOX", (0, 0), (-1, -1), 0.4, pdf.GRID),
        ("LINEBELOW", (1, 0), (-1, 0), 0.4, HEAD_SOFT),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    column = 1
    for _, width in spans:
        commands.append(("SPAN", (column, 0), (column + width - 1, 0)))
        if column > 1:  # a line between the years
            commands.append(("LINEBEFORE", (column, 0), (column, -1), 1.2, pdf.BRAND))
        column += width
    body_end = len(data) - total_rows
    for index in range(first_body + 1, body_end, 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), pdf.ZEBRA))
    if total_rows:
        commands.append(("LINEABOVE", (0, body_end), (-1, body_end), 0.9, pdf.BRAND))
        for index in range(body_end, len(data)):  # count and percent as one cell
            for start in range(1, len(data[0]), 2):
                commands.append(("SPAN", (start, index), (start + 1, index)))
    return TableStyle(commands)


# -- the routines (24a–f, 26a–f) ---------------------------------------------------------------
def _group(block: GroupBlock, tables: AnnualTables, sheet: StyleSheet1) -> list[Any]:
    words = tables.words
    compare = tables.previous_year is not None
    width = len(block.codes)
    data: list[list[Any]] = [_year_header(tables, "", width, sheet)]
    head = [_p(words["counts_only"], sheet["HeadCell"])]
    head += [_p(label, sheet["HeadNumSmall"]) for label in block.labels] * (2 if compare
                                                                             else 1)
    data.append(head)
    missing_now = missing_then = False
    for row in block.rows:
        text = f"<b>{pdf.text(row.id)}</b>&nbsp;&nbsp;"
        if row.expired:
            text += f"<b>{pdf.text(words['expired'])}:</b> "
        line: list[Any] = [Paragraph(text + pdf.text(row.text), sheet["Cell"])]
        for counts in (row.current, row.previous)[:2 if compare else 1]:
            if counts is None:
                line += [_p(DASH, sheet["CellMutedNum"])] * width
            else:
                line += [_p(str(counts[code]), sheet["CellNum"]) for code in block.codes]
        missing_now |= row.current is None
        missing_then |= compare and row.previous is None
        data.append(line)
    years = 2 if compare else 1
    count_width = min(GROUP_COLUMN, (WIDTH - 62 * mm) / (width * years))
    widths = [WIDTH - count_width * width * years] + [count_width] * width * years
    table = Table(data, colWidths=widths, repeatRows=2, hAlign="LEFT")
    style = _table_style(data, spans=[(1, width)] * years, first_body=2)
    style.add("LEFTPADDING", (1, 0), (-1, -1), 2)
    style.add("RIGHTPADDING", (1, 0), (-1, -1), 4)
    table.setStyle(style)
    parts: list[Any] = [_heading(block.number, block.intro, True, False, words, sheet)]
    if block.asked_of:
        parts.append(_p(block.asked_of, sheet["Asked"]))
    parts.append(table)
    note = _dash_note(tables, current=missing_now, previous=missing_then)
    if note:
        parts.append(_p(note, sheet["Note"]))
    return parts


# -- the chart of a scale question -------------------------------------------------------------
def _scale_chart(block: QuestionBlock, tables: AnnualTables) -> Image:
    """Horizontal bars per answer in percent, this year (house blue) above last (lighter)."""
    from matplotlib.figure import Figure  # lazy: only when a report is written
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    from vernetool.stats.deviation_charts import chart_text

    words = tables.words
    rows = block.rows
    previous = tables.previous_year is not None and block.answered_previous is not None
    height = 0.45 + 0.25 * len(rows) * (1.5 if previous else 1.0)
    fig = Figure(figsize=(CHART_WIDTH_IN, height), dpi=160, facecolor="white")
    ax = fig.add_subplot()
    positions = list(range(len(rows)))[::-1]
    bar = 0.38 if previous else 0.6
    series = [(str(tables.year), [r.current.percent or 0.0 for r in rows], CURRENT_COLOUR,
               bar / 2 if previous else 0.0)]
    if previous:
        series.append((str(tables.previous_year),
                       [(r.previous.percent or 0.0) if r.previous else 0.0 for r in rows],
                       PREVIOUS_COLOUR, -bar / 2))
    for label, values, colour, offset in series:
        bars = ax.barh([p + offset for p in positions], values, height=bar, color=colour,
                       label=label)
        ax.bar_label(bars, labels=[words.percent(v) for v in values], padding=3,
                     fontsize=6.5, color="#333333")
    ax.set_yticks(positions, [chart_text(r.label, 30) for r in rows])
    ax.set_xlim(0, 112)
    ax.xaxis.set_major_locator(MultipleLocator(25))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda value, _pos: words.percent(value).replace(",0", "").replace(".0", "")
        if value <= 100 else ""))
    ax.tick_params(labelsize=7, length=0)
    ax.grid(axis="x", color="#e3e7ed", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#c5ccd6")
    ax.legend(fontsize=7, frameon=False, loc="lower right", ncols=2, bbox_to_anchor=(1.0, 1.0),
              borderaxespad=0.2)
    fig.subplots_adjust(left=0.30, right=0.98, top=1 - 0.28 / height, bottom=0.25 / height)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=160)
    buffer.seek(0)
    image_width = min(WIDTH, CHART_WIDTH_IN * 72)
    return Image(buffer, width=image_width, height=image_width * height / CHART_WIDTH_IN)
