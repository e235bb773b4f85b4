"""The common frame of every vernetool PDF: A4, header and footer, "Side 1 av N" numbering,
tables whose header repeats on each page, and escaping of all user text.

User text is also cut to a size a report can hold (``MAX_TEXT_CHARS``, ending in "…"), and
the header line to what fits its width: a 5 MB title from a crafted bundle must give a report
with a shortened title, not hang reportlab for minutes or overflow a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from vernetool import __version__
from vernetool.i18n import LANGUAGES, translator
from vernetool.paths import resource_path
from vernetool.reports.dates import report_date

BRAND = colors.HexColor("#00509e")
ZEBRA = colors.HexColor("#f2f5f9")
GRID = colors.HexColor("#c5ccd6")

MAX_TEXT_CHARS = 20_000  # about six pages of running text
MAX_HEADER_CHARS = 90    # what the header line holds beside its subtitle

_fonts_registered: str | None = None


def _register_fonts() -> str:
    """DejaVu Sans (bundled) covers æøå, ≤, ≥ and °; Helvetica is the fallback."""
    global _fonts_registered
    if _fonts_registered:
        return _fonts_registered
    folder = resource_path("fonts")
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdfmetrics.registerFont(TTFont("VTSans", str(regular)))
        pdfmetrics.registerFont(TTFont("VTSans-Bold", str(bold)))
        pdfmetrics.registerFontFamily("VTSans", normal="VTSans", bold="VTSans-Bold",
                                      italic="VTSans", boldItalic="VTSans-Bold")
        _fonts_registered = "VTSans"
    else:
        _fonts_registered = "Helvetica"
    return _fonts_registered


def styles() -> StyleSheet1:
    font = _register_fonts()
    bold = "VTSans-Bold" if font == "VTSans" else "Helvetica-Bold"
    sheet = getSampleStyleSheet()
    for name in ("Normal", "BodyText", "Title", "Heading1", "Heading2", "Heading3"):
        sheet[name].fontName = bold if name.startswith(("Title", "Heading")) else font
    sheet["Title"].textColor = BRAND
    sheet["Heading1"].textColor = BRAND
    sheet["Heading2"].textColor = BRAND
    sheet.add(ParagraphStyle("Cell", parent=sheet["Normal"], fontSize=8.5, leading=10.5,
                             alignment=TA_LEFT))
    sheet.add(ParagraphStyle("HeadCell", parent=sheet["Cell"], fontName=bold,
                             textColor=colors.white))
    sheet.add(ParagraphStyle("Small", parent=sheet["Normal"], fontSize=8, leading=10,
                             textColor=colors.HexColor("#555555")))
    return sheet


def clip(value: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``value`` cut to ``limit`` characters, the cut marked with "…"."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def text(value: object, limit: int = MAX_TEXT_CHARS) -> str:
    """User text made safe for reportlab's mini-markup (``<b>`` prints as ``<b>``) and cut to
    ``limit`` characters."""
    if value is None:
        return ""
    return escape(clip(str(value), limit)).replace("\n", "<br/>")


def para(value: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text(value), style)


def table(header: Sequence[str], rows: Sequence[Sequence[object]],
          col_widths: Sequence[float] | None = None, sheet: StyleSheet1 | None = None
          ) -> Table:
    """A table of escaped text whose header row repeats on every page it spans."""
    sheet = sheet or styles()
    data: list[list[Any]] = [[para(h, sheet["HeadCell"]) for h in header]]
    for row in rows:
        data.append([cell if hasattr(cell, "wrap") else para(cell, sheet["Cell"])
                     for cell in row])
    tbl = Table(data, colWidths=list(col_widths) if col_widths else None, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), BRAND),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for index in range(2, len(data), 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
    tbl.setStyle(TableStyle(commands))
    return tbl


@dataclass(frozen=True)
class PageFrame:
    title: str
    subtitle: str = ""
    lang: str = "nb"
    made: dt.date | None = None   # the day in the footer (default: today)


def _numbered_canvas(frame: PageFrame) -> type[rl_canvas.Canvas]:
    """A canvas that knows the page count when it draws each footer ("Side 2 av 7")."""
    font = _register_fonts()
    words = translator(frame.lang if frame.lang in LANGUAGES else "en")
    page_word, of_word = words.render("report.page"), words.render("report.of")
    made = report_date(frame.made or dt.date.today(), frame.lang)

    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's camelCase name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_frame(total)
                super().showPage()
            super().save()

        def _draw_frame(self, total: int) -> None:
            width, height = A4
            self.saveState()
            self.setStrokeColor(BRAND)
            self.setLineWidth(0.6)
            self.line(18 * mm, height - 14 * mm, width - 18 * mm, height - 14 * mm)
            self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
            self.setFont(font, 8)
            self.setFillColor(colors.HexColor("#333333"))
            self.drawString(18 * mm, height - 12 * mm, clip(frame.title, MAX_HEADER_CHARS))
            if frame.subtitle:
                self.drawRightString(width - 18 * mm, height - 12 * mm,
                                     clip(frame.subtitle, MAX_HEADER_CHARS // 2))
            self.drawString(18 * mm, 10 * mm, f"vernetool {__version__} · {made}")
            self.drawRightString(width - 18 * mm, 10 * mm,
                                 f"{page_word} {self._pageNumber} {of_word} {total}")
            self.restoreState()

    return NumberedCanvas


def build_pdf(path: Path, story: list[Any], frame: PageFrame) -> Path:
    """Write the story to ``path`` atomically (a half-written PDF never replaces a good one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, title=frame.title,
                            author="vernetool", creator=f"vernetool {__version__}")
    try:
        doc.build(story, canvasmaker=_numbered_canvas(frame))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
