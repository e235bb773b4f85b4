"""The yearly deviation report (PDF), shaped like section 2.2 of the HSE annual report:
registered and closed reports per type as of a date (table 1), the charts per month,
category and severity, personal injuries (table 2), H1/H2 with hours worked, and the events
whose potential consequence was very serious or catastrophic.

``write_deviation_report(conn, year, out, lang, as_of=, hours=)`` writes it atomically.
Every piece of user text (titles, categories) goes through ``pdf.para``/``pdf.table``, so a
title ``<b>Brann</b>`` prints as typed.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Paragraph, Spacer

from vernetool.db.deviations.settings import get_hours_worked, list_categories
from vernetool.domain.deviations.h_values import h_values
from vernetool.i18n import LANGUAGES, translator
from vernetool.reports import pdf
from vernetool.reports.dates import report_date
from vernetool.stats import deviation_charts as charts
from vernetool.stats.deviation_stats import (
    deviation_stats,
    monthly_by_type,
    reports_by_type,
    serious_events,
    year_injuries,
)

WIDTH = 174 * mm - 12  # A4 minus the page margins and the frame's padding
# No chart may be taller than this: a page's frame is ~252 mm high, and a section heading and
# its sentence go above the chart (an image taller than the frame is reportlab's LayoutError).
MAX_CHART_HEIGHT = 200 * mm
# The category chart shows at most this many bars (about 130 mm high at full width); a year
# with more categories shows the largest ones and one "other categories" bar, and lists the
# grouped ones with their counts under the chart, so every figure stays in the report.
MAX_CATEGORY_BARS = 20
_OTHER = "\x00other"  # the key of the grouped bar (no category name holds NUL)

class _Words:
    """The report's sentences (``report.deviation.<key>`` in ``vernetool.i18n``) in ``lang``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._words = translator(self.lang)
        self.chart_words = charts.words(self.lang)

    def __getitem__(self, key: str) -> str:
        code = f"report.deviation.{key}"
        if not self._words.has_message(code):
            raise KeyError(key)
        return self._words.render(code)

    def date(self, day: dt.date) -> str:
        return report_date(day, self.lang)

    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        if self.lang == "nb":  # 12 760 814,98
            text = text.replace(",", "\u00a0").replace(".", ",")
        return text

    def type_name(self, value: str) -> str:
        return self.chart_words[value]


def _styles() -> StyleSheet1:
    sheet = pdf.styles()
    sheet.add(ParagraphStyle("Kicker", parent=sheet["Normal"], fontName=sheet["Title"].fontName,
                             fontSize=11, leading=14, textColor=pdf.BRAND))
    sheet.add(ParagraphStyle("DocTitle", parent=sheet["Title"], fontSize=20, leading=25,
                             alignment=0, spaceAfter=2))
    sheet.add(ParagraphStyle("Sub", parent=sheet["Normal"], fontSize=11, leading=14,
                             spaceAfter=8))
    sheet.add(ParagraphStyle("Body", parent=sheet["BodyText"], fontSize=9.5, leading=13))
    sheet.add(ParagraphStyle("Caption", parent=sheet["Small"], fontSize=7.5, leading=9.5,
                             spaceBefore=3, spaceAfter=8))
    sheet.add(ParagraphStyle("CellBold", parent=sheet["Cell"],
                             fontName=sheet["Title"].fontName))
    sheet.add(ParagraphStyle("CellIndent", parent=sheet["Cell"], leftIndent=10))
    sheet["Heading1"].fontSize = 14
    sheet["Heading1"].leading = 18
    sheet["Heading1"].spaceBefore = 12
    sheet["Heading1"].keepWithNext = 1
    return sheet


def _chart(figure: Any) -> Image:
    """The figure at the text width, or smaller when that would be taller than a page."""
    data = charts.figure_png(figure)
    width, height = figure.get_size_inches()
    scale = min(WIDTH / width, MAX_CHART_HEIGHT / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def group_categories(by_category: dict[str, int], limit: int = MAX_CATEGORY_BARS
                     ) -> tuple[dict[str, int], dict[str, int]]:
    """(bars, grouped): at most ``limit`` bars, in their order; past that, the ``limit - 1``
    categories with most reports and one ``_OTHER`` bar summing ``grouped`` (the rest)."""
    if len(by_category) <= limit:
        return dict(by_category), {}
    order = list(by_category)
    ranked = sorted(order, key=lambda name: (-by_category[name], order.index(name)))
    kept = set(ranked[:limit - 1])
    bars = {name: by_category[name] for name in order if name in kept}
    grouped = {name: by_category[name] for name in order if name not in kept}
    bars[_OTHER] = sum(grouped.values())
    return bars, grouped


def _section(title: str, sheet: StyleSheet1) -> list[Any]:
    return [CondPageBreak(45 * mm), pdf.para(title, sheet["Heading1"])]


def write_deviation_report(conn: sqlite3.Connection, year: int, out: Path | str,
                           lang: str = "nb", *, as_of: dt.date | None = None,
                           hours: float | None = None) -> Path:
    """Write the yearly deviation report for ``year`` (status as of ``as_of``, default today)
    to ``out`` and return the path."""
    words = _Words(lang)
    as_of = as_of or dt.date.today()
    sheet = _styles()
    stats = deviation_stats(conn, year, as_of=as_of, hours=hours)
    fmt = {"year": year, "as_of": words.date(as_of)}
    labels: dict[str, str] = {}
    for category in list_categories(conn, include_inactive=True):
        labels[category.name] = category.label(words.lang)
        labels.update({sub.name: sub.label(words.lang) for sub in category.subcategories})

    story: list[Any] = [
        pdf.para(words["kicker"].upper(), sheet["Kicker"]), Spacer(1, 2 * mm),
        pdf.para(words["title"].format(**fmt), sheet["DocTitle"]),
        pdf.para(words["subtitle"].format(**fmt), sheet["Sub"]),
        pdf.para(words["intro"].format(**fmt), sheet["Body"]),
    ]
    story += _reports_section(conn, year, as_of, stats, words, sheet, fmt)
    story += _section(words["s_month"], sheet)
    story.append(_chart(charts.figure_per_month(monthly_by_type(conn, year, as_of=as_of),
                                                year=year, lang=words.lang)))
    story += _category_section(stats, words, sheet, labels, year)
    story += _injury_section(conn, year, as_of, stats, words, sheet, fmt)
    story += _serious_section(conn, year, as_of, words, sheet, labels)
    frame = pdf.PageFrame(words["frame"].format(**fmt), words["subtitle"].format(**fmt),
                          words.lang)
    return pdf.build_pdf(Path(out), story, frame)


def _reports_section(conn: sqlite3.Connection, year: int, as_of: dt.date,
                     stats: dict[str, Any], words: _Words, sheet: StyleSheet1,
                     fmt: dict[str, Any]) -> list[Any]:
    reports = stats["reports"]
    rows = [[words[key], str(reports[key]["registered"]), str(reports[key]["closed"])]
            for key in ("deviations", "improvements")]
    rows.append([Paragraph(pdf.text(words["total"]), sheet["CellBold"]),
                 Paragraph(str(reports["total"]["registered"]), sheet["CellBold"]),
                 Paragraph(str(reports["total"]["closed"]), sheet["CellBold"])])
    table1 = pdf.table([words["t1_category"], words["t1_registered"],
                        words["t1_closed"].format(**fmt)], rows,
                       [WIDTH * 0.5, WIDTH * 0.25, WIDTH * 0.25], sheet)
    per_type = reports_by_type(conn, year, as_of=as_of)
    type_rows = [[words.type_name(t), str(per_type[t]["registered"]),
                  str(per_type[t]["closed"])] for t in charts.TYPE_ORDER]
    table_types = pdf.table([words["type"], words["registered"], words["closed"]], type_rows,
                            [WIDTH * 0.5, WIDTH * 0.25, WIDTH * 0.25], sheet)
    return [*_section(words["s_reports"], sheet),
            KeepTogether([table1, pdf.para(words["t1_caption"].format(**fmt),
                                           sheet["Caption"])]),
            pdf.para(words["by_type"], sheet["Heading3"]), table_types]


def _category_section(stats: dict[str, Any], words: _Words, sheet: StyleSheet1,
                      labels: dict[str, str], year: int) -> list[Any]:
    severity = stats["by_severity"]
    bars, grouped = group_categories(stats["by_category"])
    other = words["other_categories"].format(n=len(grouped))
    story: list[Any] = [
        *_section(words["s_category"], sheet),
        pdf.para(words["category_text"], sheet["Body"]), Spacer(1, 3 * mm),
        _chart(charts.figure_per_category(bars, year=year, lang=words.lang,
                                          labels={**labels, _OTHER: other}))]
    if grouped:
        rows = [[labels.get(name, name) if name else words["uncategorised"], str(count)]
                for name, count in grouped.items()]
        story += [Spacer(1, 2 * mm),
                  pdf.para(words["other_text"].format(shown=len(bars) - 1, n=len(grouped),
                                                      other=other), sheet["Body"]),
                  Spacer(1, 2 * mm),
                  pdf.table([words["col_category"], words["t2_count"]], rows,
                            [WIDTH * 0.75, WIDTH * 0.25], sheet)]
    return [*story, Spacer(1, 4 * mm),
            _chart(charts.figure_per_severity(severity, year=year, lang=words.lang)),
            pdf.para(words["catastrophic_text"].format(n=severity["5"], m=severity["4"]),
                     sheet["Body"])]


def _injury_section(conn: sqlite3.Connection, year: int, as_of: dt.date,
                    stats: dict[str, Any], words: _Words, sheet: StyleSheet1,
                    fmt: dict[str, Any]) -> list[Any]:
    inj = stats["injuries"]
    indent = sheet["CellIndent"]
    rows: list[list[Any]] = [
        [words["not_nav"], str(inj["not_reported_to_nav"])],
        [words["nav"].format(n=inj["reported_to_nav"]), ""],
        [pdf.para(words["le3"], indent), str(inj["absence_le3"])],
        [pdf.para(words["gt3"], indent), str(inj["absence_gt3"])],
        [pdf.para(words["unknown"], indent), str(inj["absence_unknown"])],
        [pdf.para(words["none"], indent), str(inj["no_absence"])],
        [words["fatalities"], str(inj["fatalities"])],
        [Paragraph(pdf.text(words["total"]), sheet["CellBold"]),
         Paragraph(str(inj["total"]), sheet["CellBold"])],
    ]
    table2 = pdf.table([words["t2_head"], words["t2_count"]], rows,
                       [WIDTH * 0.75, WIDTH * 0.25], sheet)
    story: list[Any] = [*_section(words["s_injuries"], sheet),
                        pdf.para(words["injuries_text"].format(n=inj["total"], year=year),
                                 sheet["Body"]), Spacer(1, 3 * mm),
                        KeepTogether([table2, pdf.para(words["t2_caption"].format(**fmt),
                                                       sheet["Caption"])])]
    if inj["total"]:
        story.append(_chart(charts.figure_injuries(inj, year=year, lang=words.lang)))

    hours = stats["hours_worked"]
    values = h_values(year_injuries(conn, year, as_of=as_of),
                      hours if hours is not None else get_hours_worked(conn, year))
    dash = words["not_computed"]
    h_row = [words.number(hours, 2) if hours is not None else dash,
             words.number(values.h1, 1) if values.h1 is not None else dash,
             words.number(values.h2, 1) if values.h2 is not None else dash]
    story += [*_section(words["s_h"], sheet), pdf.para(words["h_text"], sheet["Body"]),
              Spacer(1, 3 * mm),
              pdf.table([words["hours"], words["h1"], words["h2"]], [h_row],
                        [WIDTH * 0.4, WIDTH * 0.3, WIDTH * 0.3], sheet)]
    missing = values.h2_missing
    if missing is not None:
        key = "h_missing_hours" if missing.code == "hours_unknown" else "h_missing_treatment"
        story += [Spacer(1, 2 * mm),
                  pdf.para(words[key].format(n=missing.count, year=year), sheet["Body"])]
    return story


def _serious_section(conn: sqlite3.Connection, year: int, as_of: dt.date, words: _Words,
                     sheet: StyleSheet1, labels: dict[str, str]) -> list[Any]:
    events = serious_events(conn, year, as_of=as_of)
    story: list[Any] = [*_section(words["s_serious"], sheet),
                        pdf.para(words["serious_text"], sheet["Body"]), Spacer(1, 3 * mm)]
    if not events:
        return [*story, pdf.para(words["no_serious"], sheet["Body"])]
    rows = [[e.title, words.date(e.reported_at),
             " / ".join(labels.get(c, c) for c in (e.category, e.subcategory) if c)
             or words["uncategorised"],
             words[f"sev{e.potential_consequence}"], words[f"status_{e.status.value}"]]
            for e in events]
    story.append(pdf.table([words["col_title"], words["col_date"], words["col_category"],
                            words["col_potential"], words["col_status"]], rows,
                           [WIDTH * 0.31, WIDTH * 0.14, WIDTH * 0.25, WIDTH * 0.16,
                            WIDTH * 0.14], sheet))
    return story
