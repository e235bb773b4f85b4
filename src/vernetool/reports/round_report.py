"""The HSE round report (PDF): cover, summary with a chart, meeting notes, the action plan,
earlier findings re-checked, findings per room with photo thumbnails, and the rooms visited.

Every piece of user text goes through ``pdf.para``/``pdf.text`` (a comment ``<b>`` prints as
``<b>``). Photos are scaled down with Pillow before they are embedded, so a round with a
hundred camera pictures stays fast to write and small to send.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from vernetool.attachments import AttachmentError, path_for
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import report_data as round_reports
from vernetool.db.rounds import rounds as rounds_db
from vernetool.db.rounds.checklists import items_per_room
from vernetool.domain.rounds import (
    ActionStatus,
    Finding,
    FindingStatus,
    ParticipantRole,
    Severity,
    VisitStatus,
    action_plan_order,
    own_description,
)
from vernetool.reports import pdf
from vernetool.reports.round_words import Words

log = logging.getLogger(__name__)

WIDTH = 174 * mm - 12  # A4 minus the page margins and the frame's 6 pt padding
THUMB_PX = 300
# A photo is decoded only below this many pixels (after JPEG's reduced decoding): a
# 20000 × 20000 PNG of a few MB would take 1.2 GB and minutes; the report shows a placeholder.
MAX_PHOTO_PIXELS = 60_000_000
RED = colors.HexColor("#b3261e")
RED_FILL = colors.HexColor("#fbe9e7")
MUTED = colors.HexColor("#555555")
SEVERITY_COLOURS = {"low": "#f2c744", "medium": "#f08c00", "high": "#c92a2a"}
Thumb = tuple[io.BytesIO, int, int]  # a JPEG in memory, its width and height in pixels
ANSWER_COLOURS = {"ok": "#2f9e44", "improve": "#f08c00", "not_relevant": "#868e96",
                  "none": "#dee2e6"}


@dataclass
class _Data:
    round: Any
    rooms: list[rounds_db.RoundRoom]
    findings: list[Finding]
    answers: dict[str, int]
    items_total: int
    items_answered: int
    rooms_done: int
    answered_by_room: dict[int, int]
    photos: dict[int, list[findings_db.Photo]]
    comments: dict[int, list[round_reports.AnswerComment]]
    earlier: list[round_reports.EarlierFinding]
    unit_answers: list[round_reports.UnitAnswer]
    items_by_room: dict[int, int]                # round room id → items its checklist asks
    statements: dict[int, tuple[str, str]]       # item id → its statement in nb and en

    @property
    def unit_entry(self) -> rounds_db.RoundRoom | None:
        return next((r for r in self.rooms if r.is_unit), None)

    @property
    def real_rooms(self) -> list[rounds_db.RoundRoom]:
        return [r for r in self.rooms if not r.is_unit]


def _collect(conn: sqlite3.Connection, round_id: int, lang: str) -> _Data:
    the_round = rounds_db.get_round(conn, round_id)
    per_room = items_per_room(conn, round_id)
    prog = rounds_db.progress(conn, round_id, per_room)
    findings = findings_db.findings_for_round(conn, round_id, lang)
    earlier = round_reports.earlier_findings(conn, round_id, lang)
    items = {f.item_id for f in [*findings, *(e.finding for e in earlier)]
             if f.item_id is not None}
    return _Data(
        round=the_round, rooms=rounds_db.round_rooms(conn, round_id),
        findings=findings,
        answers=round_reports.answer_totals(conn, round_id),
        items_total=prog.items_total, items_answered=prog.items_answered,
        rooms_done=prog.rooms_done,
        answered_by_room=rounds_db.answer_counts(conn, round_id),
        photos=round_reports.photos_by_room(conn, round_id),
        comments=round_reports.comments_by_room(conn, round_id, lang),
        earlier=earlier,
        unit_answers=round_reports.unit_answers(conn, round_id, lang),
        items_by_room=per_room, statements=round_reports.item_texts(conn, items))




def write_round_report(conn: sqlite3.Connection, round_id: int, out: Path, lang: str = "nb",
                       data_dir: Path | None = None, today: dt.date | None = None) -> Path:
    """Write the round's report to ``out`` (atomically) and return the path.

    ``data_dir`` is the folder holding ``attachments/`` (default: the database's folder).
    """
    words = Words(lang)
    folder = data_dir or round_reports.database_folder(conn) or Path(".")
    day = today or dt.date.today()
    data = _collect(conn, round_id, words.lang)
    sheet = _styles()
    story: list[Any] = []
    story += _cover(data, words, sheet)
    story += _summary(data, words, sheet, day)
    story += _notes(data, words, sheet)
    story += _action_plan(data, words, sheet, day)
    story += _earlier(data, words, sheet)
    number = 5
    if data.unit_entry is not None:
        story += _unit(data, words, sheet, folder, day, number)
        number += 1
    # after the unit's section (often a short page of its findings) the rooms go on there
    story += _rooms(data, words, sheet, folder, day, number, new_page=data.unit_entry is None)
    story += _overview(data, words, sheet, number + 1)
    r = data.round
    unit = " ".join(x for x in (r.unit_code or "", r.unit_name) if x)
    frame = pdf.PageFrame(f"{words['report_title']} · {unit}" if unit else words["report_title"],
                          _period(r, words), words.lang, made=day)
    return pdf.build_pdf(Path(out), story, frame)


# -- styles and small helpers ------------------------------------------------------------------
def _styles() -> StyleSheet1:
    sheet = pdf.styles()
    sheet.add(ParagraphStyle("CoverKicker", parent=sheet["Normal"], fontName=sheet["Title"]
                             .fontName, fontSize=13, leading=16, textColor=pdf.BRAND))
    sheet.add(ParagraphStyle("CoverTitle", parent=sheet["Title"], fontSize=24, leading=29,
                             alignment=0, spaceAfter=4))
    sheet.add(ParagraphStyle("CoverUnit", parent=sheet["Normal"], fontSize=13, leading=17,
                             textColor=colors.HexColor("#333333"), spaceAfter=10))
    sheet.add(ParagraphStyle("Key", parent=sheet["Cell"], fontName=sheet["Title"].fontName,
                             fontSize=9.5, leading=12, textColor=MUTED))
    sheet.add(ParagraphStyle("Value", parent=sheet["Cell"], fontSize=9.5, leading=12))
    sheet.add(ParagraphStyle("CellMuted", parent=sheet["Cell"], textColor=MUTED, fontSize=7.5,
                             leading=9.5))
    sheet.add(ParagraphStyle("CellRed", parent=sheet["Cell"], textColor=RED,
                             fontName=sheet["Title"].fontName))
    sheet.add(ParagraphStyle("CellNum", parent=sheet["Cell"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Caption", parent=sheet["Small"], fontSize=7, leading=8.5))
    sheet.add(ParagraphStyle("Body", parent=sheet["BodyText"], fontSize=9.5, leading=13))
    sheet.add(ParagraphStyle("RoomHead", parent=sheet["Heading3"], textColor=pdf.BRAND,
                             fontSize=11, leading=14, spaceBefore=10, spaceAfter=2,
                             keepWithNext=1))
    sheet["Heading1"].keepWithNext = 1
    sheet["Heading1"].fontSize = 16
    sheet["Heading1"].leading = 20
    sheet["Heading1"].spaceBefore = 14
    sheet["Heading1"].spaceAfter = 8
    sheet["Heading2"].keepWithNext = 1
    sheet["Heading2"].fontSize = 12
    sheet["Heading2"].leading = 15
    return sheet


def _period(r: Any, words: Words) -> str:
    start = words.date(r.start_date)
    return f"{start} – {words.date(r.end_date)}" if r.end_date and r.end_date != r.start_date \
        else start


def _h1(number: int, title: str, sheet: StyleSheet1, new_page: bool = False) -> list[Any]:
    heading = Paragraph(f"{number}&nbsp;&nbsp;{pdf.text(title)}", sheet["Heading1"])
    return [PageBreak() if new_page else CondPageBreak(40 * mm), heading]


def _key_values(pairs: list[tuple[str, str]], sheet: StyleSheet1, key_width: float = 38 * mm
                ) -> Table:
    rows = [[pdf.para(k, sheet["Key"]), pdf.para(v, sheet["Value"])] for k, v in pairs]
    tbl = Table(rows, colWidths=[key_width, WIDTH - key_width], hAlign="LEFT", splitInRow=1)
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LINEBELOW", (0, 0), (-1, -1), 0.4, pdf.GRID),
                             ("TOPPADDING", (0, 0), (-1, -1), 4),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                             ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return tbl


def _table(header: list[str], rows: list[list[Any]], widths: list[float],
           sheet: StyleSheet1) -> Table:
    """``pdf.table`` whose rows may also split inside a cell: a comment longer than a page
    must continue on the next page instead of stopping the report."""
    tbl = pdf.table(header, rows, widths, sheet)
    tbl.splitInRow = 1
    return tbl


def _cols(*widths_mm: float) -> list[float]:
    """Column widths given in mm for a 174 mm line, scaled to the frame's width."""
    scale = WIDTH / sum(widths_mm)
    return [w * scale for w in widths_mm]


def _room_label(room: rounds_db.RoundRoom) -> str:
    return f"{room.building_code}:{room.number}"


def _finding_place(f: Finding, words: Words) -> str:
    """The room column of a finding: BUILDING:ROOM, or 'The unit' for the unit-wide list."""
    return f.room_label or (words["unit_short"] if f.unit_wide else "")


def _checkpoint(f: Finding, data: _Data) -> str:
    """The checklist statement the finding was made on, in the report's language (the other
    language when that one is empty); "" for a finding made outside a checklist item."""
    nb, en = data.statements.get(f.item_id or 0, ("", ""))
    return f.item_text or en or nb


def _described(f: Finding, data: _Data, words: Words) -> str:
    """What was found: the finding's own description, never its checkpoint again."""
    own = own_description(f.description, data.statements.get(f.item_id or 0, ()))
    return own or words["not_described"]


def _finding_markup(f: Finding, data: _Data, words: Words, *, severity: bool = False,
                    muted: bool = False) -> str:
    """The finding and its checkpoint as two labelled lines ("Funn: …", "Sjekkpunkt: …")."""
    label = pdf.text(words["col_finding"])
    if severity:
        label += f" ({pdf.text(words.code('severity', f.severity))})"
    found = f"<b>{label}:</b> {pdf.text(_described(f, data, words))}"
    if muted:
        found = f'<font size="7.5" color="#555555">{found}</font>'
    if f.register_label:   # the register entry the finding concerns
        colour = ' color="#555555"' if muted else ""
        found += (f'<br/><font size="7.5"{colour}><b>{pdf.text(words["concerns"])}:</b> '
                  f"{pdf.text(f.register_label)}</font>")
    checkpoint = _checkpoint(f, data)
    if not checkpoint:
        return found
    return (f'{found}<br/><font size="7.5" color="#555555"><b>{pdf.text(words["checkpoint"])}:'
            f"</b> {pdf.text(checkpoint)}</font>")


def _overdue(f: Finding, day: dt.date) -> bool:
    return f.is_overdue(day)


def _severity_cell(value: Severity, words: Words, sheet: StyleSheet1) -> Paragraph:
    colour = SEVERITY_COLOURS.get(value.value, "#868e96")
    return Paragraph(f'<font color="{colour}">■</font> {pdf.text(words.code("severity", value))}',
                     sheet["Cell"])


# -- sections -----------------------------------------------------------------------------------
def _cover(data: _Data, words: Words, sheet: StyleSheet1) -> list[Any]:
    r = data.round
    story: list[Any] = [Spacer(1, 18 * mm), para_kicker(words["round_report"], sheet),
                        Spacer(1, 3 * mm),
                        pdf.para(r.title or words["report_title"], sheet["CoverTitle"])]
    unit = " – ".join(x for x in (r.unit_code or "", r.unit_name) if x)
    if unit:
        story.append(pdf.para(unit, sheet["CoverUnit"]))
    pairs = [(words["unit"], unit or words["none_given"]),
             (words["period"], _period(r, words)),
             (words["status"], words.code("round_status", r.status)),
             (words["scope"], words["rooms_plus_unit" if data.unit_entry else "rooms_n"]
              .format(n=len(data.real_rooms)))]
    if r.completed_at:
        pairs.append((words["completed"], words.stamp(r.completed_at)))
    story += [Spacer(1, 6 * mm), _key_values(pairs, sheet), Spacer(1, 10 * mm),
              Paragraph(pdf.text(words["participants"]), sheet["Heading2"])]
    if r.participants:
        rows = [[p.name, words.code("role", p.role)] for p in r.participants]
        story.append(_table([words["name"], words["role"]], rows,
                               [WIDTH * 0.55, WIDTH * 0.45], sheet))
    else:
        story.append(pdf.para(words["no_participants"], sheet["Body"]))
    story += [Spacer(1, 8 * mm), _signatures(data, words, sheet), PageBreak()]
    return story


#: who signs the report: the line manager, who is responsible, and the safety rep
SIGNING_ROLES = (ParticipantRole.LINE_MANAGER, ParticipantRole.SAFETY_REP)


def _signatures(data: _Data, words: Words, sheet: StyleSheet1) -> KeepTogether:
    """A place for the line manager's and the safety rep's date and signature: one box for
    each participant in those roles, an unnamed box for a role nobody was registered in."""
    signers: list[tuple[str, str]] = []
    for role in SIGNING_ROLES:
        names = [p.name for p in data.round.participants if p.role is role] or [""]
        signers += [(words.code("role", role), name) for name in names]
    gap = 6 * mm
    box_width = (WIDTH - gap) / 2
    boxes = [_signature_box(role, name, words, sheet, box_width) for role, name in signers]
    if len(boxes) % 2:
        boxes.append("")
    rows = [[boxes[i], "", boxes[i + 1]] for i in range(0, len(boxes), 2)]
    grid = Table(rows, colWidths=[box_width, gap, box_width], hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
    return KeepTogether([Paragraph(pdf.text(words["signatures"]), sheet["Heading2"]),
                         pdf.para(words["signatures_intro"], sheet["Small"]),
                         Spacer(1, 3 * mm), grid])


def _signature_box(role: str, name: str, words: Words, sheet: StyleSheet1, width: float
                   ) -> Table:
    """Role and name, then a line to write the date on and a line to sign on."""
    date_width = 30 * mm
    line = 12 * mm  # room to write above each line
    rows = [[pdf.para(role, sheet["Key"]), "", ""],
            [pdf.para(name or words["name_blank"], sheet["Value" if name else "CellMuted"]),
             "", ""],
            ["", "", ""],
            [pdf.para(words["date"], sheet["Caption"]), "",
             pdf.para(words["signature"], sheet["Caption"])]]
    box = Table(rows, colWidths=[date_width, 4 * mm, width - date_width - 4 * mm],
                rowHeights=[None, None, line, None], hAlign="LEFT")
    box.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0)), ("SPAN", (0, 1), (-1, 1)),
                             ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 1),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                             ("LINEBELOW", (0, 2), (0, 2), 0.6, colors.black),
                             ("LINEBELOW", (2, 2), (2, 2), 0.6, colors.black)]))
    return box


def para_kicker(value: str, sheet: StyleSheet1) -> Paragraph:
    return pdf.para(value.upper(), sheet["CoverKicker"])


def _summary(data: _Data, words: Words, sheet: StyleSheet1, day: dt.date) -> list[Any]:
    own_open = [f for f in data.findings if f.status is FindingStatus.OPEN
                and f.action_status is not ActionStatus.DONE]
    overdue = [f for f in data.findings if _overdue(f, day)]
    kpis = [(words["rooms_done"], words.of(data.rooms_done, len(data.rooms))),
            (words["items_answered"], words.of(data.items_answered, data.items_total)),
            (words["findings_total"], str(len(data.findings))),
            (words["open_actions"], str(len(own_open))),
            (words["overdue_actions"], str(len(overdue)))]
    answer_counts = _answer_counts(data)
    total = sum(answer_counts.values()) or 1
    num = sheet["CellNum"]
    answer_rows = [[words.code("answer", None if code == "none" else code), pdf.para(n, num),
                    pdf.para(words.percent(100 * n / total), num)]
                   for code, n in answer_counts.items()]
    severity_counts = _severity_counts(data)
    severity_rows = [[_severity_cell(Severity(code), words, sheet), pdf.para(n, num)]
                     for code, n in severity_counts.items()]
    left = _table([words["chart_answers"], words["count"], words["share"]], answer_rows,
                     [40 * mm, 20 * mm, 20 * mm], sheet)
    right = _table([words["col_severity"], words["count"]], severity_rows,
                      [45 * mm, 20 * mm], sheet)
    pair = Table([[left, right]], colWidths=[WIDTH * 0.55, WIDTH * 0.45], hAlign="LEFT")
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story = _h1(1, words["summary"], sheet)
    story += [_key_values(kpis, sheet, 60 * mm), Spacer(1, 6 * mm), pair, Spacer(1, 6 * mm),
              _chart(answer_counts, severity_counts, words)]
    return story


def _answer_counts(data: _Data) -> dict[str, int]:
    counts = {code: data.answers.get(code, 0) for code in ("ok", "improve", "not_relevant")}
    counts["none"] = max(data.items_total - data.items_answered, 0)
    return counts


def _severity_counts(data: _Data) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in data.findings:
        counts[f.severity.value] += 1
    return counts


def _chart(answers: dict[str, int], severities: dict[str, int], words: Words) -> Image:
    """Two bar charts drawn with matplotlib's Figure API (no pyplot), placed as a PNG."""
    from matplotlib.figure import Figure  # lazy: only when a report is written

    fig = Figure(figsize=(7.0, 2.3), dpi=160, facecolor="white")
    fig.subplots_adjust(left=0.17, right=0.97, wspace=0.75, top=0.86, bottom=0.14)
    for index, (title, counts, palette, kind) in enumerate((
            (words["chart_answers"], answers, ANSWER_COLOURS, "answer"),
            (words["chart_severity"], severities, SEVERITY_COLOURS, "severity"))):
        ax = fig.add_subplot(1, 2, index + 1)
        labels = [words.code(kind, None if code == "none" else code) for code in counts]
        values = list(counts.values())
        bars = ax.barh(labels[::-1], values[::-1],
                       color=[palette[c] for c in list(counts)[::-1]], height=0.6)
        ax.bar_label(bars, padding=3, fontsize=7.5)
        ax.set_title(title, fontsize=9, loc="left", color="#00509e", fontweight="bold")
        ax.tick_params(labelsize=7.5, length=0)
        ax.set_xlim(0, max([*values, 1]) * 1.18)
        ax.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.spines["left"].set_color("#c5ccd6")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=160)
    buffer.seek(0)
    return Image(buffer, width=WIDTH, height=WIDTH * 2.3 / 7.0)


def _notes(data: _Data, words: Words, sheet: StyleSheet1) -> list[Any]:
    story = _h1(2, f"{words['pre_meeting']} / {words['closing_meeting']}", sheet)
    for title, value in ((words["pre_meeting"], data.round.pre_meeting_notes),
                         (words["closing_meeting"], data.round.closing_notes)):
        story.append(pdf.para(title, sheet["Heading2"]))
        story.append(pdf.para(value.strip() or words["no_notes"], sheet["Body"]))
    return story


def _action_plan(data: _Data, words: Words, sheet: StyleSheet1, day: dt.date) -> list[Any]:
    story = _h1(3, words["action_plan"], sheet, new_page=True)
    if not data.findings:
        return [*story, pdf.para(words["no_findings"], sheet["Body"])]
    story.append(pdf.para(words["action_plan_intro"], sheet["Small"]))
    story.append(Spacer(1, 3 * mm))
    rows: list[list[Any]] = []
    overdue_rows: list[int] = []
    for number, f in enumerate(sorted(data.findings, key=action_plan_order), start=1):
        late = _overdue(f, day)
        if late:
            overdue_rows.append(number)
        action = Paragraph(
            f"{pdf.text(f.action or words['none_given'])}<br/>"
            + _finding_markup(f, data, words, severity=True, muted=True), sheet["Cell"])
        rows.append([str(number), action, f.responsible_name or words["none_given"],
                     pdf.para(words.date(f.deadline), sheet["CellRed" if late else "Cell"]),
                     words.code("action_status", f.action_status), _finding_place(f, words)])
    header = [words["col_no"], words["col_action"], words["col_responsible"],
              words["col_deadline"], words["col_status"], words["col_room"]]
    tbl = _table(header, rows, _cols(12, 64, 29, 24, 23, 22), sheet)  # "No." on one line
    tbl.setStyle(TableStyle([("BACKGROUND", (0, n), (-1, n), RED_FILL) for n in overdue_rows]))
    story.append(tbl)
    return story


def _earlier(data: _Data, words: Words, sheet: StyleSheet1) -> list[Any]:
    story = _h1(4, words["rechecked"], sheet)
    if not data.earlier:
        return [*story, pdf.para(words["no_rechecked"], sheet["Body"])]
    story += [pdf.para(words["rechecked_intro"], sheet["Small"]), Spacer(1, 3 * mm)]
    rows = []
    for e in data.earlier:
        f, check = e.finding, e.recheck
        outcome = words.code("recheck", check.outcome if check else None)
        finding = Paragraph(
            f"{_finding_markup(f, data, words)}<br/><font size='7.5' color='#555555'>"
            f"<b>{pdf.text(words['col_action'])}:</b> "
            f"{pdf.text(f.action or words['none_given'])}</font>", sheet["Cell"])
        rows.append([_finding_place(f, words), finding, words.date(e.from_date),
                     words.date(f.deadline), outcome, check.note if check else ""])
    header = [words["col_room"], words["col_finding"], words["from_round"],
              words["col_deadline"], words["outcome"], words["note"]]
    story.append(_table(header, rows,
                           _cols(18, 58, 24, 24, 26, 24), sheet))
    return story


def _findings_table(found: list[Finding], data: _Data, words: Words, sheet: StyleSheet1,
                    day: dt.date) -> Table:
    rows = []
    for f in found:
        what = Paragraph(_finding_markup(f, data, words), sheet["Cell"])
        rows.append([what, _severity_cell(f.severity, words, sheet),
                     f.action or words["none_given"], f.responsible_name,
                     pdf.para(words.date(f.deadline),
                              sheet["CellRed" if _overdue(f, day) else "Cell"])])
    return _table(
        [words["col_finding"], words["col_severity"], words["col_action"],
         words["col_responsible"], words["col_deadline"]], rows,
        _cols(52, 24, 44, 29, 25), sheet)


def _unit(data: _Data, words: Words, sheet: StyleSheet1, folder: Path, day: dt.date,
          number: int) -> list[Any]:
    """The unit-wide checklist (psychosocial and organisational): every item with its answer
    and comment, then its findings and photos."""
    entry = data.unit_entry
    assert entry is not None
    story = _h1(number, words["unit_section"], sheet, new_page=True)
    story += [pdf.para(words["unit_section_intro"], sheet["Small"]), Spacer(1, 3 * mm)]
    rows: list[list[Any]] = []
    section_rows: list[int] = []
    last_section = None
    for a in data.unit_answers:
        if a.section != last_section:
            last_section = a.section
            section_rows.append(len(rows) + 1)
            rows.append([pdf.para(a.section, sheet["Key"]), "", ""])
        comment = a.comment
        if a.value_number is not None or a.value_text:
            value = f"{a.value_number:g}" if a.value_number is not None else a.value_text
            comment = f"{value} · {comment}" if comment else value
        answer = words.code("answer", a.answer)
        rows.append([a.item_text, answer if a.answer else pdf.para(answer, sheet["CellMuted"]),
                     comment])
    tbl = _table([words["checkpoint"], words["answer"], words["comments"]], rows,
                 _cols(92, 26, 56), sheet)
    tbl.setStyle(TableStyle([cmd for n in section_rows for cmd in (
        ("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), colors.HexColor("#eef2f7")))]))
    story.append(tbl)
    found = [f for f in data.findings if f.round_room_id == entry.id]
    if found:
        story += [Spacer(1, 4 * mm), pdf.para(words["unit_findings"], sheet["Heading2"]),
                  _findings_table(found, data, words, sheet, day)]
    photos = data.photos.get(entry.id, [])
    if photos:
        thumbs = _thumbnails(photos, folder)
        story += [Spacer(1, 2 * mm), _photo_grid(photos, thumbs, words, sheet)]
    if entry.note.strip():
        story += [Spacer(1, 2 * mm), pdf.para(entry.note, sheet["Body"])]
    return story


def _rooms(data: _Data, words: Words, sheet: StyleSheet1, folder: Path, day: dt.date,
           number: int = 5, new_page: bool = True) -> list[Any]:
    story = _h1(number, words["room_findings"], sheet, new_page=new_page)
    by_room: dict[int, list[Finding]] = {}
    for f in data.findings:
        by_room.setdefault(f.round_room_id or 0, []).append(f)
    shown = 0
    thumbs = _thumbnails([p for room in data.real_rooms for p in data.photos.get(room.id, [])],
                         folder)
    for room in data.real_rooms:
        found, comments = by_room.get(room.id, []), data.comments.get(room.id, [])
        photos = data.photos.get(room.id, [])
        if not (found or comments or photos or room.note.strip()):
            continue
        shown += 1
        head = f"{_room_label(room)}  {room.room_name}".strip()
        facts = " · ".join(x for x in (words.code("room_type", room.room_type),
                                       words.code("visit", room.status)) if x)
        block: list[Any] = [pdf.para(head, sheet["RoomHead"]), pdf.para(facts, sheet["Small"]),
                            Spacer(1, 2 * mm)]
        if room.note.strip():
            block.append(pdf.para(room.note, sheet["Body"]))
        story.append(CondPageBreak(45 * mm))  # a room's heading never ends a page
        story.append(KeepTogether(block))
        if found:
            story.append(_findings_table(found, data, words, sheet, day))
        if comments:
            story.append(Spacer(1, 2 * mm))
            story.append(_table(
                [words["checkpoint"], words["answer"], words["comments"]],
                [[c.item_text, words.code("answer", c.answer), c.comment] for c in comments],
                _cols(68, 28, 78), sheet))
        if photos:
            story.append(Spacer(1, 2 * mm))
            story.append(_photo_grid(photos, thumbs, words, sheet))
    if not shown:
        story.append(pdf.para(words["no_room_findings"], sheet["Body"]))
    return story


def thumbnail(path: Path, max_px: int = THUMB_PX) -> Thumb | None:
    """A JPEG of at most ``max_px`` on the long side, or None when the file is unreadable."""
    from PIL import Image as PILImage  # lazy: only when a report has photos
    from PIL import ImageOps, UnidentifiedImageError

    try:
        with PILImage.open(path) as img:  # reads the header only
            img.draft("RGB", (max_px * 2, max_px * 2))  # JPEG: decode at a reduced size
            if img.width * img.height > MAX_PHOTO_PIXELS:  # a decompression bomb: refuse
                log.warning("photo %s not shown: %d × %d pixels", path, img.width, img.height)
                return None
            small = ImageOps.exif_transpose(img) or img
            small = small.convert("RGB")
            small.thumbnail((max_px, max_px))
            buffer = io.BytesIO()
            small.save(buffer, format="JPEG", quality=80, optimize=True)
            buffer.seek(0)
            return buffer, small.width, small.height
    except (OSError, UnidentifiedImageError, ValueError, PILImage.DecompressionBombError
            ) as exc:
        log.warning("cannot read photo %s: %s", path, exc)
        return None


def _thumbnails(photos: list[findings_db.Photo], folder: Path) -> dict[str, Thumb | None]:
    """All thumbnails of the report, made in a few threads (Pillow decodes without the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    def make(photo: findings_db.Photo) -> Thumb | None:
        try:
            source = path_for(folder, photo.sha256, photo.extension)
        except AttachmentError:
            return None
        return thumbnail(source) if source.is_file() else None

    unique = list({p.sha256: p for p in photos}.values())
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip((p.sha256 for p in unique), pool.map(make, unique), strict=True))


def _photo_grid(photos: list[findings_db.Photo], thumbs: dict[str, Thumb | None],
                words: Words, sheet: StyleSheet1) -> Table:
    per_row, cell_w = 4, WIDTH / 4
    box = cell_w - 6 * mm
    cells: list[Any] = []
    for photo in photos:
        thumb = thumbs.get(photo.sha256)
        if thumb is None:
            picture: Any = pdf.para(words["photo_missing"], sheet["Caption"])
        else:
            buffer, w, h = thumb
            scale = min(box / w, box / h)
            # a buffer of its own: the same photo may be shown in two rooms
            picture = Image(io.BytesIO(buffer.getvalue()), width=w * scale, height=h * scale)
        caption = photo.caption or photo.original_name
        cells.append([picture, pdf.para(caption, sheet["Caption"])])
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    tbl = Table(rows, colWidths=[cell_w] * per_row, hAlign="LEFT")
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("ALIGN", (0, 0), (-1, -1), "LEFT"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return tbl


def _answered_of(data: _Data, round_room_id: int, words: Words) -> str:
    """"25 av 27": items answered of those the room's checklist asks (an answer to an item
    that no longer applies is not counted, as in the summary)."""
    total = data.items_by_room.get(round_room_id, 0)
    return words.of(min(data.answered_by_room.get(round_room_id, 0), total), total)


def _overview(data: _Data, words: Words, sheet: StyleSheet1, number: int = 6) -> list[Any]:
    story = _h1(number, words["room_overview"], sheet)
    counts: dict[int, int] = {}
    for f in data.findings:
        counts[f.round_room_id or 0] = counts.get(f.round_room_id or 0, 0) + 1
    rows = []
    for room in data.real_rooms:
        status = words.code("visit", room.status)
        rows.append([_room_label(room), room.room_name, words.code("room_type", room.room_type),
                     status if room.status is not VisitStatus.PENDING else
                     pdf.para(status, sheet["CellMuted"]),
                     pdf.para(_answered_of(data, room.id, words), sheet["CellNum"]),
                     pdf.para(counts.get(room.id, 0), sheet["CellNum"])])
    story.append(_table(
        [words["col_room"], words["name"], words["room_type"], words["status"],
         words["answered"], words["col_finding"]], rows,
        _cols(20, 50, 32, 24, 24, 20), sheet))
    return story
