"""The printable list of a storage place (A4 PDF): what is kept in a cabinet or on a shelf, to
hang on its door or take on an HSE round.

One section per storage place of the room (or just the one asked for): a row per holding in
use — product and supplier, CAS numbers, the GHS pictograms, H/EUH codes, signal word,
quantity, containers, the safety data sheet's revision date and state — and a legend with
the pictograms' meaning and the hazard statements' texts. Disposed holdings are never listed.

The pictograms are the PNGs rendered once from the bundled SVGs (``resources/pictograms/png``,
``scripts/render_ghs_png.py``): reports use no Qt and reportlab reads no SVG without svglib.
The data comes in as plain values (``StorageList``), built by the chemicals service; every
piece of user text goes through ``pdf.para``/``pdf.table``, so ``<b>`` prints as typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from vernetool.domain.chemicals.model import Holding, Product, SignalWord
from vernetool.i18n import LANGUAGES, translator, using_language
from vernetool.i18n.labels import ghs_pictogram_label
from vernetool.paths import resource_path
from vernetool.reports import pdf
from vernetool.reports.dates import report_date

if TYPE_CHECKING:
    from vernetool.domain.chemicals.segregation import ConflictGroup

PREFIX = "report.storage."
ICON = 7.0 * mm          # one pictogram in a table cell
ICONS_PER_LINE = 3
LEGEND_ICON = 9.0 * mm
SMALL_GREY = "#555555"
SDS_STATES = ("missing", "old", "language")   # vernetool.domain.chemicals.sds.SdsState values
WARNING_RED = "#a4262c"       # the segregation box's edge and title
WARNING_TINT = "#fdf0ef"      # ... and its background
NAMES_SHOWN = 8               # of a side of a segregation problem, then "and 12 more"


@dataclass(frozen=True)
class ListRow:
    """One holding in use with its product and the states of the product's current SDS."""

    holding: Holding
    product: Product
    sds_states: frozenset[str] = frozenset()   # "missing", "old", "language"


@dataclass(frozen=True)
class PlaceSection:
    place: str                    # "" for holdings with no storage place named
    rows: tuple[ListRow, ...]
    problems: tuple[ConflictGroup, ...] = ()   # incompatible products side by side


@dataclass(frozen=True)
class StorageList:
    """What the list shows: the room, its unit and one section per storage place."""

    room_label: str               # "KJ1:101"
    room_name: str
    building_name: str
    unit: str                     # "IKJ Institutt for kjemi", "" when the room has none
    sections: tuple[PlaceSection, ...]
    statements: tuple[tuple[str, str], ...] = ()   # (code, text) of every H code listed
    printed: dt.date | None = None


class Words:
    """The list's words (``report.storage.<key>``) in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._words = translator(self.lang)

    def __getitem__(self, key: str) -> str:
        return self._words.render(PREFIX + key)

    def format(self, key: str, **params: Any) -> str:
        return self._words.render(PREFIX + key, **params)

    def date(self, day: dt.date) -> str:
        return report_date(day, self.lang)

    def number(self, value: float) -> str:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
        if self.lang == "nb":  # 1 250,5
            text = text.replace(",", "\u00a0").replace(".", ",")
        return text

    def signal_word(self, word: SignalWord | None) -> str:
        return self[f"signal.{word.value}"] if word is not None else ""

    def pictogram(self, code: str) -> str:
        with using_language(self.lang):
            return ghs_pictogram_label(code)

    def segregation(self, group: ConflictGroup) -> tuple[str, str, str]:
        """("Oxidiser beside flammable", "Potassium permanganate", "Acetone, … and 3 more")."""
        from vernetool.i18n.labels import segregation_pair_label, some_names

        with using_language(self.lang):
            return (segregation_pair_label(group.first, group.second),
                    some_names(group.first_products, NAMES_SHOWN),
                    some_names(group.second_products, NAMES_SHOWN))


class Pictograms(Flowable):  # type: ignore[misc]
    """GHS pictograms side by side, ``per_line`` to a line, and an optional caption under
    them (the signal word) in ``font``."""

    def __init__(self, codes: tuple[str, ...], size: float = ICON,
                 per_line: int = ICONS_PER_LINE, caption: str = "",
                 font: tuple[str, float] = ("Helvetica", 8.5)) -> None:
        super().__init__()
        self.codes = tuple(c for c in codes if pictogram_png(c) is not None)
        self.size, self.per_line = size, per_line
        self.caption, self.font = caption, font

    def _icons_height(self) -> float:
        return -(-len(self.codes) // self.per_line) * self.size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        columns = min(len(self.codes), self.per_line)
        caption = self.font[1] * 1.3 if self.caption else 0
        gap = 2 if self.codes and self.caption else 0
        return columns * self.size, self._icons_height() + gap + caption

    def draw(self) -> None:
        _, height = self.wrap(0, 0)
        for index, code in enumerate(self.codes):
            path = pictogram_png(code)
            assert path is not None
            line, column = divmod(index, self.per_line)
            self.canv.drawImage(str(path), column * self.size,
                                height - (line + 1) * self.size, self.size, self.size,
                                mask="auto")
        if self.caption:
            self.canv.setFont(*self.font)
            self.canv.drawString(0, self.font[1] * 0.3, self.caption)


def pictogram_png(code: str) -> Path | None:
    """The bundled PNG of a GHS pictogram ("GHS02"), or None for an unknown code."""
    if not (code.startswith("GHS") and code[3:].isdigit()):
        return None
    path = resource_path("pictograms", "png", f"{code}.png")
    return path if path.exists() else None


def _styles() -> StyleSheet1:
    sheet = pdf.styles()
    bold = sheet["Title"].fontName
    sheet.add(ParagraphStyle("Kicker", parent=sheet["Normal"], fontName=bold, fontSize=10,
                             leading=13, textColor=pdf.BRAND))
    sheet.add(ParagraphStyle("DocTitle", parent=sheet["Title"], fontSize=18, leading=22,
                             alignment=0, spaceAfter=2))
    sheet.add(ParagraphStyle("Sub", parent=sheet["Normal"], fontSize=10, leading=13,
                             spaceAfter=2))
    sheet.add(ParagraphStyle("Place", parent=sheet["Heading2"], fontSize=13, leading=16,
                             spaceBefore=8, spaceAfter=4, keepWithNext=1))
    sheet.add(ParagraphStyle("CellBold", parent=sheet["Cell"], fontName=bold))
    sheet.add(ParagraphStyle("Legend", parent=sheet["Cell"], fontSize=8, leading=10))
    sheet.add(ParagraphStyle("WarningTitle", parent=sheet["Cell"], fontName=bold,
                             textColor=WARNING_RED))
    return sheet


# -- the cells ------------------------------------------------------------------------------

def _small(value: str) -> str:
    """Escaped user text in the small grey type of a second line."""
    return f'<font size="7.5" color="{SMALL_GREY}">{pdf.text(value)}</font>'


def _product_cell(row: ListRow, sheet: StyleSheet1) -> Paragraph:
    markup = f"<b>{pdf.text(row.product.name)}</b>"
    if row.product.supplier:
        markup += "<br/>" + _small(row.product.supplier)
    return Paragraph(markup, sheet["Cell"])


def _quantity(row: ListRow, words: Words) -> str:
    holding = row.holding
    if holding.quantity is None:
        return holding.unit
    return f"{words.number(holding.quantity)}\u00a0{holding.unit}".strip()


def _quantity_cell(row: ListRow, words: Words, sheet: StyleSheet1) -> Paragraph:
    markup = pdf.text(_quantity(row, words))
    count = row.holding.containers
    if count is not None:
        markup += "<br/>" + _small(words.format("containers", n=count))
    return Paragraph(markup, sheet["Cell"])


def _sds_cell(row: ListRow, words: Words, sheet: StyleSheet1) -> Paragraph:
    sds = row.product.sds
    lines: list[str] = []
    if sds is not None and sds.revised_on is not None:
        lines.append(pdf.text(words.date(sds.revised_on)))
    states = [words[f"sds.{state}"] for state in SDS_STATES if state in row.sds_states]
    if states:
        lines.append(_small(", ".join(states)))
    elif sds is not None and sds.revised_on is None:
        lines.append(_small(words["sds.no_date"]))
    return Paragraph("<br/>".join(lines), sheet["Cell"])


# column widths: 174 mm of A4 between the margins, less the frame's padding
WIDTHS = tuple(w * mm for w in (40, 23, 27, 31, 23, 25))


def _problems_box(section: PlaceSection, words: Words, sheet: StyleSheet1) -> Table:
    """The place's segregation problems in a red-edged box: a title, then one line per pair
    of classes with the products of each side (escaped user text)."""
    cell = sheet["Cell"]
    lines: list[Any] = [pdf.para(words["segregation.title"], sheet["WarningTitle"])]
    for group in section.problems:
        pair, first, second = words.segregation(group)
        lines.append(Paragraph(f"<b>{pdf.text(pair)}:</b> {pdf.text(first)} / "
                               f"{pdf.text(second)}", cell))
    lines.append(pdf.para(words["segregation.advice"], sheet["Legend"]))
    box = Table([[line] for line in lines], colWidths=[sum(WIDTHS)], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1, colors.HexColor(WARNING_RED)),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(WARNING_TINT)),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, -1), (-1, -1), 4)]))
    return box


def _section(section: PlaceSection, words: Words, sheet: StyleSheet1) -> list[Any]:
    title = section.place or words["no_place"]
    header = [words["col.product"], words["col.cas"], words["col.pictograms"],
              words["col.hazards"], words["col.quantity"], words["col.sds"]]
    cell = sheet["Cell"]
    rows = []
    for row in section.rows:
        rows.append([
            _product_cell(row, sheet),
            pdf.para("\n".join(row.product.cas), cell),
            Pictograms(row.product.pictograms,
                       caption=words.signal_word(row.product.signal_word),
                       font=(cell.fontName, cell.fontSize)),
            pdf.para(", ".join(row.product.hazard_codes), cell),
            _quantity_cell(row, words, sheet),
            _sds_cell(row, words, sheet),
        ])
    table = pdf.table(header, rows, col_widths=WIDTHS, sheet=sheet)
    count = words.format("count", n=len(section.rows))
    story: list[Any] = [CondPageBreak(40 * mm),
                        pdf.para(f"{title} — {count}", sheet["Place"])]
    if section.problems:
        story += [_problems_box(section, words, sheet), Spacer(1, 2 * mm)]
    story.append(table if rows else pdf.para(words["empty_place"], sheet["Small"]))
    return story


def _legend(data: StorageList, words: Words, sheet: StyleSheet1) -> list[Any]:
    codes = sorted({code for section in data.sections for row in section.rows
                    for code in row.product.pictograms if pictogram_png(code) is not None})
    story: list[Any] = [CondPageBreak(50 * mm), pdf.para(words["legend"], sheet["Place"])]
    if codes:
        rows = [[Pictograms((code,), LEGEND_ICON, 1), pdf.para(code, sheet["Legend"]),
                 pdf.para(words.pictogram(code), sheet["Legend"])] for code in codes]
        table = Table(rows, colWidths=[LEGEND_ICON + 4 * mm, 16 * mm, 60 * mm],
                          hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 1),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        story.append(KeepTogether([table]))
        story.append(Spacer(1, 3 * mm))
    sds = "; ".join(f"{words[f'sds.{state}']}: {words[f'sds.{state}.explained']}"
                    for state in SDS_STATES)
    story.append(pdf.para(f"{words['sds.abbreviation']}; {sds}", sheet["Legend"]))
    if data.statements:
        story.append(Spacer(1, 3 * mm))
        story.append(pdf.para(words["statements"], sheet["CellBold"]))
        for code, statement in data.statements:
            story.append(pdf.para(f"{code}: {statement}", sheet["Legend"]))
    return story


def write_storage_place_list(data: StorageList, out: Path | str, lang: str = "nb") -> Path:
    """Write the list to ``out`` (atomically) in ``lang`` and return the path."""
    words = Words(lang)
    sheet = _styles()
    printed = data.printed or dt.date.today()
    room = f"{data.room_label} {data.room_name}".strip()
    places = [s.place or words["no_place"] for s in data.sections]
    title = (words.format("title_one", place=places[0]) if len(places) == 1
             else words.format("title_room", room=room))
    where = ", ".join(x for x in (data.building_name, room) if x)
    story: list[Any] = [
        pdf.para(words["kicker"].upper(), sheet["Kicker"]), Spacer(1, 1.5 * mm),
        pdf.para(title, sheet["DocTitle"]),
        pdf.para(f"{words['room']}: {where}", sheet["Sub"]),
    ]
    if data.unit:
        story.append(pdf.para(f"{words['unit']}: {data.unit}", sheet["Sub"]))
    story.append(pdf.para(f"{words['printed']}: {words.date(printed)}", sheet["Sub"]))
    story.append(Spacer(1, 2 * mm))
    if not data.sections:
        story.append(pdf.para(words["empty_room"], sheet["Normal"]))
    for section in data.sections:
        story += _section(section, words, sheet)
    story += _legend(data, words, sheet)
    frame = pdf.PageFrame(title=f"{words['kicker']} · {room}",
                          subtitle=places[0] if len(places) == 1 else "", lang=words.lang,
                          made=printed)
    return pdf.build_pdf(Path(out), story, frame)
