"""The room card (romkort) as an A4 door sign (PDF), laid out after NTNU's romkort and meant
to be read from two metres.

From the top: a blue band with the building and room number in large type, the room's
name, building, unit and a QR code naming the room (``domain.room_qr``); the GHS pictograms
and the warning signs (ionising radiation, laser beam, biological hazard) large, each with
its meaning under it; the activity and the special hazards; the hazards that make the room
unsafe to enter after an incident in a red box; pressurised gas (max litres, max cylinders,
central gas supply), flammable liquids of category 1 and 2 (max litres, the categories
defined in small print) and the gas alarm as large figures; toxic liquids, shared with
another organisation (and the coordination agreement), alert needs and other information;
the room responsible and the deputy with their phones. A field left empty prints "—", so a
reader sees that it was considered. The footer gives the day printed, the day the card was
last changed and the QR code's text.

The card is printed as stored (what the room responsible accepted), never the registers'
proposal. Every piece of user text is escaped (``<b>`` prints as typed). The page never
overflows silently: the card is set at full size when it fits one page, else at the largest
of a few smaller sizes that fits, and when even the smallest does not (pages of "other
information"), it continues on a second page with a running header and "Page 1 of 2".

The pictograms and signs are the PNGs rendered once from the bundled SVGs
(``scripts/render_ghs_png.py``): reports use no Qt, and reportlab reads no SVG.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from vernetool import __version__
from vernetool.domain.organisation import RoomCard
from vernetool.i18n import LANGUAGES, translator, using_language
from vernetool.i18n.labels import ghs_pictogram_label
from vernetool.paths import resource_path
from vernetool.reports import pdf
from vernetool.reports.dates import report_date

__all__ = ["SIGNS", "CardSheet", "Contact", "qr_matrix", "write_room_card"]

PREFIX = "report.roomcard."
SIGNS = ("radiation", "laser", "biohazard")
SIGN_FILES = {"radiation": "ISO_7010_W003", "laser": "ISO_7010_W004",
              "biohazard": "ISO_7010_W009"}
PAGE_WIDTH: float = A4[0]
PAGE_HEIGHT: float = A4[1]
MARGIN = 14 * mm
BOTTOM = 18 * mm                    # room for the footer's two lines
WIDTH = PAGE_WIDTH - 2 * MARGIN     # 182 mm
QR_SIZE = 34 * mm
MIN_SCALE = 0.6   # the smallest the card is set at to fit one page (values still 9 pt)
NAME_CHARS = 120                    # a name in the header or the contacts box
PHONE_CHARS = 40
RED_HEX = "#b3261e"
RED = colors.HexColor(RED_HEX)
RED_TINT = colors.HexColor("#fbe9e7")
GREY_HEX = "#555555"
GREY = colors.HexColor(GREY_HEX)
BRAND_HEX = "#" + pdf.BRAND.hexval()[2:]
TILE = colors.HexColor("#eef3f9")
WHITE_SOFT = colors.HexColor("#dce8f5")


@dataclass(frozen=True)
class Contact:
    """A room responsible (or deputy) as the card prints them."""

    name: str
    phone: str = ""


@dataclass(frozen=True)
class CardSheet:
    """What the door sign shows: the stored card of a room and the facts around it."""

    building_code: str
    room_number: str
    card: RoomCard
    room_name: str = ""
    building_name: str = ""
    campus: str = ""
    unit: str = ""                           # "IKJ Institutt for kjemi", "" when none
    warning_signs: tuple[str, ...] = ()      # of SIGNS, in that order
    responsible: Contact | None = None
    deputy: Contact | None = None
    updated: dt.date | None = None           # the day the stored card was last changed
    printed: dt.date | None = None           # default: today
    qr_text: str = ""                        # default: domain.room_qr.room_qr_text


class Words:
    """The card's words (``report.roomcard.<key>``) in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._words = translator(self.lang)

    def __getitem__(self, key: str) -> str:
        return self._words.render(PREFIX + key)

    def format(self, key: str, **params: Any) -> str:
        return self._words.render(PREFIX + key, **params)

    def page(self, number: int, total: int) -> str:
        return (f"{self._words.render('report.page')} {number} "
                f"{self._words.render('report.of')} {total}")

    def date(self, day: dt.date) -> str:
        return report_date(day, self.lang)

    def number(self, value: float) -> str:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        if self.lang == "nb":  # 1 250,5
            text = text.replace(",", "\u00a0").replace(".", ",")
        return text

    def yes_no(self, value: bool) -> str:
        return self["yes"] if value else self["no"]

    def pictogram(self, code: str) -> str:
        with using_language(self.lang):
            return ghs_pictogram_label(code)


# -- the pieces --------------------------------------------------------------------------------

def pictogram_png(code: str) -> Path | None:
    """The bundled PNG of a GHS pictogram ("GHS02"), None for an unknown code."""
    if not (len(code) == 5 and code.startswith("GHS") and code[3:].isdigit()):
        return None
    path = resource_path("pictograms", "png", f"{code}.png")
    return path if path.exists() else None


def sign_png(sign: str) -> Path | None:
    """The bundled PNG of a warning sign ("radiation", "laser", "biohazard")."""
    name = SIGN_FILES.get(sign)
    if name is None:
        return None
    path = resource_path("warning_signs", "png", f"{name}.png")
    return path if path.exists() else None


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of ``text`` as rows of dark (True) and light modules, without the quiet
    zone (segno, error correction at least M)."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code drawn as vector squares on white, with a quiet zone of four modules."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text, self.size = text, size
        self.matrix = qr_matrix(text)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.matrix) + 8
        module = self.size / count
        canv = self.canv
        canv.setFillColor(colors.white)
        canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canv.setFillColor(colors.black)
        for y, row in enumerate(self.matrix):
            x = 0
            while x < len(row):
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < len(row) and row[x]:
                    x += 1
                # one rectangle per run of dark modules; a hair wider so no seams show
                canv.rect((start + 4) * module, self.size - (y + 5) * module,
                          (x - start) * module + 0.05, module + 0.05, stroke=0, fill=1)


@dataclass(frozen=True)
class _Look:
    """Sizes at one scale of the card."""

    scale: float

    def __call__(self, points: float) -> float:
        return points * self.scale


class _Styles:
    def __init__(self, look: _Look) -> None:
        sheet = pdf.styles()
        font = sheet["Normal"].fontName
        self.bold = bold = sheet["Title"].fontName
        self.font = font
        s = look
        self.kicker = ParagraphStyle("Kicker", fontName=bold, fontSize=s(12), leading=s(15),
                                     textColor=WHITE_SOFT)
        self.title = ParagraphStyle("CardTitle", fontName=bold, fontSize=s(46),
                                    leading=s(52), textColor=colors.white)
        self.room_name = ParagraphStyle("RoomName", fontName=bold, fontSize=s(20),
                                        leading=s(24), textColor=colors.white)
        self.building = ParagraphStyle("Building", fontName=font, fontSize=s(13),
                                       leading=s(17), textColor=WHITE_SOFT)
        self.unit = ParagraphStyle("Unit", fontName=bold, fontSize=s(15), leading=s(19),
                                   textColor=colors.white)
        self.caption = ParagraphStyle("Caption", fontName=font, fontSize=s(11),
                                      leading=s(13), alignment=TA_CENTER)
        self.label_size = s(10.5)   # a field's label, set in its value's paragraph
        self.value = ParagraphStyle("Value", fontName=font, fontSize=s(15), leading=s(19),
                                    alignment=TA_LEFT, autoLeading="min", spaceBefore=s(9))
        self.alarm = ParagraphStyle("Alarm", fontName=font, fontSize=s(15), leading=s(19),
                                    textColor=colors.black, backColor=RED_TINT,
                                    borderColor=RED, borderWidth=s(2.2),
                                    borderPadding=(s(7), s(8), s(8), s(8)),
                                    spaceBefore=s(14), spaceAfter=s(10))
        self.tile_head = ParagraphStyle("TileHead", fontName=bold, fontSize=s(10.5),
                                        leading=s(13), textColor=pdf.BRAND)
        self.tile_label = ParagraphStyle("TileLabel", fontName=font, fontSize=s(9.5),
                                         leading=s(11.5), textColor=GREY)
        self.tile_value = ParagraphStyle("TileValue", fontName=bold, fontSize=s(24),
                                         leading=s(28))
        self.small = ParagraphStyle("SmallPrint", fontName=font, fontSize=7.5, leading=9.5,
                                    textColor=GREY)
        self.person_role = ParagraphStyle("Role", fontName=bold, fontSize=s(10.5),
                                          leading=s(13), textColor=pdf.BRAND)
        self.person = ParagraphStyle("Person", fontName=bold, fontSize=s(17), leading=s(21))
        self.phone = ParagraphStyle("Phone", fontName=bold, fontSize=s(22), leading=s(27))
        self.empty = ParagraphStyle("Empty", fontName=font, fontSize=s(17), leading=s(21),
                                    textColor=GREY)
        self.no_person = ParagraphStyle("NoPerson", fontName=bold, fontSize=s(14),
                                        leading=s(18), textColor=RED)


def _p(value: object, style: ParagraphStyle, limit: int = pdf.MAX_TEXT_CHARS) -> Paragraph:
    return Paragraph(pdf.text(value, limit), style)


def _fitted(style: ParagraphStyle, text: str, width: float, smallest: float
            ) -> ParagraphStyle:
    """``style`` with its size cut down (not below ``smallest``) until ``text`` fits
    ``width`` on one line."""
    size = style.fontSize
    while size > smallest and stringWidth(text, style.fontName, size) > width:
        size = max(smallest, size - 1)
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}Fitted", parent=style, fontSize=size,
                          leading=size * style.leading / style.fontSize)


def _header(data: CardSheet, words: Words, st: _Styles, look: _Look, qr_text: str) -> Table:
    text_width = WIDTH - QR_SIZE - 2 * look(8) - 16
    title = " ".join(x for x in (data.building_code, data.room_number) if x)
    title = pdf.clip(title, 40)
    where = " · ".join(pdf.clip(x, NAME_CHARS) for x in (data.building_name, data.campus)
                       if x)
    lines: list[Any] = [_p(words["kicker"].upper(), st.kicker),
                        _p(title, _fitted(st.title, title, text_width, 16))]
    if data.room_name:
        lines.append(_p(data.room_name, st.room_name, NAME_CHARS))
    if where:
        lines.append(_p(where, st.building))
    lines.append(Spacer(1, look(5)))
    unit = data.unit or "—"
    lines.append(Paragraph(f"{pdf.text(words['unit'])}: {pdf.text(unit, NAME_CHARS)}",
                           st.unit))
    band = Table([[lines, QrCode(qr_text, QR_SIZE)]],
                 colWidths=[WIDTH - QR_SIZE - 2 * look(8), QR_SIZE + 2 * look(8)])
    band.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), pdf.BRAND),
        ("VALIGN", (0, 0), (0, 0), "TOP"), ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (0, 0), look(12)), ("RIGHTPADDING", (1, 0), (1, 0), look(10)),
        ("TOPPADDING", (0, 0), (-1, -1), look(9)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), look(11)),
    ]))
    return band


def _hazard_items(data: CardSheet, words: Words) -> list[tuple[Path, float, str]]:
    """(PNG, height/width, meaning) of each pictogram and sign on the card."""
    items: list[tuple[Path, float, str]] = []
    for code in sorted(dict.fromkeys(data.card.pictograms)):
        path = pictogram_png(code)
        if path is not None:
            items.append((path, 1.0, words.pictogram(code)))
    for sign in SIGNS:
        path = sign_png(sign) if sign in data.warning_signs else None
        if path is not None:
            items.append((path, 524 / 600, words[f"sign.{sign}"]))
    return items


def _hazards(data: CardSheet, words: Words, st: _Styles, look: _Look) -> list[Any]:
    items = _hazard_items(data, words)
    if not items:
        return [_field(words["hazard_symbols"], "", st, words["no_symbols"])]
    per_line = len(items) if len(items) <= 6 else -(-len(items) // 2)
    size = look((36 if len(items) <= 4 else 30 if len(items) <= 5 else 26) * mm)
    size = min(size, WIDTH / per_line - 4 * mm)
    cell = min(WIDTH / per_line, size + 26 * mm)   # two signs are not set 9 cm apart
    grids: list[Any] = []
    for start in range(0, len(items), per_line):   # a shorter last line is centred
        chunk = items[start:start + per_line]
        icons: list[Any] = [Image(str(path), size, size * ratio) for path, ratio, _ in chunk]
        captions: list[Any] = [_p(label, st.caption) for _, _, label in chunk]
        grid = Table([icons, captions], colWidths=[cell] * len(chunk), hAlign="CENTER")
        grid.setStyle(TableStyle([
            ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("VALIGN", (0, 1), (-1, 1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), look(2)), ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
            ("BOTTOMPADDING", (0, 1), (-1, 1), look(6)),
        ]))
        grids.append(grid)
    return [Spacer(1, look(8)), *grids]


def _field(label: str, value: str, st: _Styles, empty: str = "—") -> Paragraph:
    """A label in small blue capitals over its value, in one paragraph so that a long text
    wraps and splits across a page like any other (never a label alone at a page's foot)."""
    head = (f'<font name="{st.bold}" size="{st.label_size:.1f}" '
            f'color="{BRAND_HEX}">{pdf.text(label.upper())}</font><br/>')
    if not value.strip():
        return Paragraph(f'{head}<font color="{GREY_HEX}">{pdf.text(empty)}</font>', st.value)
    return Paragraph(head + pdf.text(value), st.value)


def _litres(value: float | None, words: Words) -> str:
    return "—" if value is None else f"{words.number(value)} L"


def _figures(card: RoomCard, words: Words, st: _Styles, look: _Look) -> list[Any]:
    """Gas, flammable liquids and gas alarm as large figures in two rows of three tiles."""

    def tile(label: str, value: str) -> list[Any]:
        return [_p(label, st.tile_label), _p(value, st.tile_value)]

    cylinders = "—" if card.gas_max_cylinders is None else str(card.gas_max_cylinders)
    rows: list[list[Any]] = [
        [_p(words["gas"].upper(), st.tile_head), "", ""],
        [tile(words["gas_max_litres"], _litres(card.gas_max_litres, words)),
         tile(words["gas_max_cylinders"], cylinders),
         tile(words["central_gas_supply"], words.yes_no(card.central_gas_supply))],
        [_p(words["flammable"].upper(), st.tile_head), "",
         _p(words["gas_alarm"].upper(), st.tile_head)],
        [tile(words["flammable_cat1"], _litres(card.flammable_cat1_max_litres, words)),
         tile(words["flammable_cat2"], _litres(card.flammable_cat2_max_litres, words)),
         tile(words["gas_alarm_system"], words.yes_no(card.gas_alarm))],
    ]
    gap = look(4)
    table = Table(rows, colWidths=[WIDTH / 3] * 3, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)), ("SPAN", (0, 2), (1, 2)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 1), (-1, 1), TILE), ("BACKGROUND", (0, 3), (-1, 3), TILE),
        ("LINEAFTER", (0, 1), (1, 1), gap, colors.white),
        ("LINEAFTER", (0, 3), (1, 3), gap, colors.white),
        ("LEFTPADDING", (0, 0), (-1, -1), look(7)), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, 0), 0), ("LEFTPADDING", (0, 2), (-1, 2), 0),
        ("TOPPADDING", (0, 0), (-1, -1), look(5)), ("BOTTOMPADDING", (0, 0), (-1, -1), look(6)),
        ("TOPPADDING", (0, 2), (-1, 2), look(10)),
        ("BOTTOMPADDING", (0, 0), (-1, 0), look(3)),
        ("BOTTOMPADDING", (0, 2), (-1, 2), look(3)),
    ]))
    return [Spacer(1, look(6)), KeepTogether([table, Spacer(1, 3),
                                               _p(words["categories"], st.small)])]


def _shared(card: RoomCard, words: Words) -> str:
    answer = words.yes_no(card.shared_with_other_org)
    agreement = card.coordination_agreement.strip()
    if agreement:
        return f"{answer}. {words.format('agreement', text=agreement)}"
    return answer


def _contacts(data: CardSheet, words: Words, st: _Styles, look: _Look) -> Table:
    column = WIDTH / 2
    inner = column - look(10) - 6

    def person(role: str, contact: Contact | None, missing: str) -> list[Any]:
        lines: list[Any] = [_p(role.upper(), st.person_role)]
        if contact is None:
            lines.append(_p(missing, st.no_person if missing != "—" else st.empty))
            return lines
        lines.append(_p(contact.name, st.person, NAME_CHARS))
        if contact.phone.strip():
            # a phone number never breaks: one line, smaller type if it must
            phone = pdf.clip(" ".join(contact.phone.split()), PHONE_CHARS)
            phone = f"{words['phone']} {phone}".replace(" ", "\u00a0")
            lines.append(_p(phone, _fitted(st.phone, phone, inner, 9)))
        return lines

    cells = [person(words["responsible"], data.responsible, words["no_responsible"]),
             person(words["deputy"], data.deputy, "—")]
    table = Table([cells], colWidths=[column, column], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), look(2), pdf.BRAND),
        ("LINEAFTER", (0, 0), (0, 0), 0.6, pdf.GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), look(10)),
        ("TOPPADDING", (0, 0), (-1, -1), look(7)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), look(9)),
    ]))
    return table


def _story(data: CardSheet, words: Words, st: _Styles, look: _Look, qr_text: str
           ) -> list[Any]:
    """Everything but the contacts box (which ``_build`` sets at the foot of page 1)."""
    card = data.card
    story: list[Any] = [_header(data, words, st, look, qr_text)]
    story += _hazards(data, words, st, look)
    story.append(_field(words["activity"], card.activity_type, st))
    story.append(_field(words["special_hazards"], card.special_hazards, st))
    unsafe = card.unsafe_after_incident.strip()
    if unsafe:
        story.append(Paragraph(
            f'<font name="{st.bold}" color="{RED_HEX}">'
            f"{pdf.text(words['unsafe_after_incident'].upper())}</font><br/>"
            f'<font name="{st.bold}">{pdf.text(unsafe)}</font>', st.alarm))
    else:
        story.append(_field(words["unsafe_after_incident"], "", st))
    story += _figures(card, words, st, look)
    story.append(_field(words["toxic_liquids"], card.toxic_liquids, st))
    story.append(_field(words["shared"], _shared(card, words), st))
    story.append(_field(words["alert_needs"], card.alert_needs, st))
    story.append(_field(words["other_info"], card.other_info, st))
    return story


# -- the page ----------------------------------------------------------------------------------

def _canvas_class(data: CardSheet, words: Words, qr_text: str) -> type[rl_canvas.Canvas]:
    """A canvas that draws each page's footer (and a running header on the pages after the
    first) once it knows how many pages there are."""
    font = pdf.styles()["Normal"].fontName
    printed = words.format("printed", date=words.date(data.printed or dt.date.today()))
    updated = ("" if data.updated is None
               else words.format("updated", date=words.date(data.updated)))
    footer = " · ".join(x for x in (printed, updated) if x)
    qr_line = words.format("qr", text=qr_text.replace("\n", " · "))
    running = words.format("continued", room=" ".join(
        x for x in (data.building_code, data.room_number, data.room_name) if x))

    class CardCanvas(rl_canvas.Canvas):  # type: ignore[misc]
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
            self.saveState()
            self.setFillColor(GREY)
            self.setStrokeColor(pdf.GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN, 13 * mm, PAGE_WIDTH - MARGIN, 13 * mm)
            self.setFont(font, 8)
            self.drawString(MARGIN, 9.5 * mm, pdf.clip(footer, 110))
            self.setFont(font, 7)
            self.drawString(MARGIN, 6 * mm, pdf.clip(qr_line, 120))
            right = f"vernetool {__version__}"
            if total > 1:
                right = f"{words.page(self._pageNumber, total)} · {right}"
            self.setFont(font, 8)
            self.drawRightString(PAGE_WIDTH - MARGIN, 9.5 * mm, right)
            if self._pageNumber > 1:
                self.setFont(font, 9)
                self.drawString(MARGIN, PAGE_HEIGHT - 10 * mm, pdf.clip(running, 100))
                self.line(MARGIN, PAGE_HEIGHT - 12 * mm, PAGE_WIDTH - MARGIN,
                          PAGE_HEIGHT - 12 * mm)
            self.restoreState()

    return CardCanvas


def _build(target: Any, data: CardSheet, words: Words, look: _Look, qr_text: str) -> int:
    """Lay the card out at ``look``'s scale into ``target``; returns the number of pages.

    The room responsible and deputy are drawn at the foot of page 1 whatever follows, so
    the page on the door always says whom to call; the story flows above them and, when it
    must, on to later pages."""
    st = _Styles(look)
    contacts = _contacts(data, words, st, look)
    _, contacts_height = contacts.wrap(WIDTH, PAGE_HEIGHT)
    gap = look(10)
    first_bottom = BOTTOM + contacts_height + gap

    def draw_contacts(canv: rl_canvas.Canvas, _doc: Any) -> None:
        contacts.drawOn(canv, MARGIN, BOTTOM)

    title = f"{words['kicker']} {data.building_code}:{data.room_number}"
    doc = BaseDocTemplate(target, pagesize=A4, title=title, author="vernetool",
                          creator=f"vernetool {__version__}")
    first = Frame(MARGIN, first_bottom, WIDTH, PAGE_HEIGHT - MARGIN - first_bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="first")
    later = Frame(MARGIN, BOTTOM, WIDTH, PAGE_HEIGHT - 16 * mm - BOTTOM, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0, id="later")
    doc.addPageTemplates([
        PageTemplate("first", [first], onPage=draw_contacts, autoNextPageTemplate="later"),
        PageTemplate("later", [later])])
    doc.build(_story(data, words, st, look, qr_text),
              canvasmaker=_canvas_class(data, words, qr_text))
    return int(doc.page)


def _fits(data: CardSheet, words: Words, look: _Look, qr_text: str) -> bool:
    """Whether the card's story at ``look``'s scale fits page 1 above the contacts, measured
    without laying out a document (the final build checks it)."""
    st = _Styles(look)
    contacts_height: float = _contacts(data, words, st, look).wrap(WIDTH, PAGE_HEIGHT)[1]
    room = PAGE_HEIGHT - MARGIN - (BOTTOM + contacts_height + look(10))
    scratch = rl_canvas.Canvas(io.BytesIO(), pagesize=A4)   # some flowables measure on one
    return bool(_height(_story(data, words, st, look, qr_text), scratch) <= room)


def _height(flowables: list[Any], scratch: rl_canvas.Canvas) -> float:
    """The height the flowables take one under the other (a KeepTogether by its content:
    its own wrap claims the whole page when it is given more than it needs)."""
    used = 0.0
    for index, flowable in enumerate(flowables):
        if isinstance(flowable, KeepTogether):
            height = _height(list(flowable._content), scratch)
        else:
            height = flowable.wrapOn(scratch, WIDTH, PAGE_HEIGHT)[1]
        used += height + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if index else 0)
    return used


def _layout(data: CardSheet, words: Words) -> tuple[float, int, bytes]:
    """(scale, pages, PDF): the card at full size when it fits one page, else at the largest
    scale down to ``MIN_SCALE`` at which it does, else at ``MIN_SCALE`` on more pages."""
    qr_text = _qr_text(data)
    if _fits(data, words, _Look(1.0), qr_text):
        scale = 1.0
    elif not _fits(data, words, _Look(MIN_SCALE), qr_text):
        scale = MIN_SCALE
    else:
        low, high = MIN_SCALE, 1.0        # fits at low, not at high
        while high - low > 0.01:
            middle = (low + high) / 2
            low, high = (middle, high) if _fits(data, words, _Look(middle), qr_text) \
                else (low, middle)
        scale = low
    while True:   # the measure is close; the real layout has the last word
        buffer = io.BytesIO()
        pages = _build(buffer, data, words, _Look(scale), qr_text)
        if pages == 1 or scale <= MIN_SCALE:
            return scale, pages, buffer.getvalue()
        scale = max(MIN_SCALE, scale - 0.03)


def layout_scale(data: CardSheet, lang: str = "nb") -> tuple[float, int]:
    """(scale, pages) the card is written at (see ``_layout``)."""
    scale, pages, _ = _layout(data, Words(lang))
    return scale, pages


def _qr_text(data: CardSheet) -> str:
    if data.qr_text:
        return data.qr_text
    from vernetool.domain.room_qr import room_qr_text

    return room_qr_text(data.building_code, data.room_number, data.room_name)


def write_room_card(data: CardSheet, out: Path | str, lang: str = "nb") -> Path:
    """Write the door sign to ``out`` (atomically: a half-written PDF never replaces a good
    one) in ``lang``; returns the path."""
    _, _, document = _layout(data, Words(lang))
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(document)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
