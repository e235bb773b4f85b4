"""Export a round's action plan (tiltaksplan) as XLSX or CSV, with the column names in the
language asked for and actions past their deadline marked (a column, and red in XLSX).

CSV is UTF-8 with BOM and ``;`` (what Norwegian Excel opens); every text cell of both formats
goes through ``writers.safe_text`` (``=HYPERLINK(...)`` → ``'=HYPERLINK(...)``), XLSX text
cells are written as strings, never formulas.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from vernetool.db.rounds.findings import findings_for_round
from vernetool.domain.rounds import action_plan_order
from vernetool.exchange.writers import atomic_path, write_csv, xlsx_cell
from vernetool.reports.round_words import Words

FORMATS = ("xlsx", "csv")
# (word key of the column, field of the row)
COLUMNS = (("col_action", "action"), ("col_responsible", "responsible"),
           ("col_deadline", "deadline"), ("col_status", "status"), ("col_finding", "finding"),
           ("col_room", "room"), ("col_severity", "severity"), ("col_overdue", "overdue"),
           ("col_register", "register"))


def action_plan_rows(conn: sqlite3.Connection, round_id: int, lang: str = "nb",
                     today: dt.date | None = None) -> list[dict[str, Any]]:
    """The action plan as rows of translated words (keys: the fields of ``COLUMNS``), in the
    report's order: severity (high first), then deadline."""
    words = Words(lang)
    day = today or dt.date.today()
    rows = []
    for f in sorted(findings_for_round(conn, round_id, words.lang), key=action_plan_order):
        rows.append({
            "action": f.action, "responsible": f.responsible_name, "deadline": f.deadline,
            "status": words.code("action_status", f.action_status),
            "finding": f.description,
            "room": f.room_label or (words["unit_short"] if f.unit_wide else ""),
            "severity": words.code("severity", f.severity),
            "overdue": words["yes"] if f.is_overdue(day) else words["no"],
            "register": f.register_label,
            "_overdue": f.is_overdue(day)})
    return rows


def export_action_plan(conn: sqlite3.Connection, round_id: int, out: Path, fmt: str,
                       lang: str = "nb", today: dt.date | None = None) -> int:
    """Write the round's action plan to ``out``; returns the number of actions written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (use one of: {', '.join(FORMATS)})")
    words = Words(lang)
    rows = action_plan_rows(conn, round_id, words.lang, today)
    header = [words[key] for key, _ in COLUMNS]
    if fmt == "csv":
        records = [{words[key]: row[name] for key, name in COLUMNS} for row in rows]
        return write_csv(out, header, records)
    return _write_xlsx(Path(out), header, rows, words)


def _write_xlsx(out: Path, header: list[str], rows: list[dict[str, Any]], words: Words) -> int:
    from openpyxl import Workbook  # lazy: only when a workbook is written
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=words["sheet_action_plan"][:31])
    widths = (50, 24, 12, 12, 50, 12, 12, 10, 30)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    bold, white = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="00509E")
    head = [xlsx_cell(sheet, name) for name in header]
    for cell in head:
        cell.font, cell.fill = bold, white
    sheet.append(head)
    red_fill = PatternFill("solid", fgColor="FBE9E7")
    red_font = Font(bold=True, color="B3261E")
    top = Alignment(vertical="top", wrap_text=True)
    date_format = "DD.MM.YYYY" if words.lang == "nb" else "YYYY-MM-DD"
    for row in rows:
        deadline = row["deadline"]
        line = [xlsx_cell(sheet, deadline if name == "deadline" and
                          isinstance(deadline, dt.date) else row[name])
                for _, name in COLUMNS]
        line[2].number_format = date_format
        for cell in line:
            cell.alignment = top
        if row["_overdue"]:
            for cell in line:
                cell.fill = red_fill
            line[2].font = line[7].font = red_font
        sheet.append(line)
    with atomic_path(out) as temp:
        book.save(temp)
    return len(rows)
