"""Charts of the deviation statistics with matplotlib's Figure API (never pyplot).

Each function returns a ``matplotlib.figure.Figure``: the UI embeds it in a
``FigureCanvasQTAgg(figure)``, the PDF report saves it with ``figure_png``. matplotlib is
imported inside the functions, so importing this module costs nothing at start-up.

For the UI: ``deviation_figures(conn, year, as_of=, lang=)`` → {"month", "category",
"severity", "injuries"} → Figure, or the single functions on data from
``vernetool.stats.deviation_stats``. Texts are in Norwegian (``lang="nb"``) or English.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vernetool.i18n import LANGUAGES, translator, using_language
from vernetool.i18n.labels import consequence_label, deviation_type_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TYPE_ORDER = ("accident", "near_miss", "hazard", "improvement")
TYPE_COLOURS = {"accident": "#c0392b", "near_miss": "#e67e22", "hazard": "#00509e",
                "improvement": "#27ae60"}
SEVERITY_COLOURS = ("#7fb77e", "#c4d96f", "#f2c14e", "#e67e22", "#c0392b", "#b0b7c3")
BRAND = "#00509e"

#: the chart's own words (``chart.deviation.<key>``); types and severities are the UI's labels
CHART_KEYS = ("month_title", "count", "category_title", "severity_title", "injuries_title",
              "uncategorised", "not_reported_to_nav", "absence_le3", "absence_gt3",
              "absence_unknown", "no_absence", "fatalities", "months")


def words(lang: str) -> dict[str, str]:
    """Every word the charts use, in ``lang`` (nb or en; anything else: en)."""
    language = lang if lang in LANGUAGES else "en"
    t = translator(language)
    table = {key: t.render(f"chart.deviation.{key}") for key in CHART_KEYS}
    with using_language(language):  # this thread only: charts are drawn in background jobs
        table.update({type_: deviation_type_label(type_) for type_ in TYPE_ORDER})
        table.update({f"sev{n}": consequence_label(n) for n in range(1, 6)})
        table["sevunknown"] = consequence_label(None)
    return table


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure  # lazy: only when a chart is drawn

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig


def _style(ax: Any, value_axis: str = "y") -> None:
    from matplotlib.ticker import MaxNLocator

    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    axis = ax.yaxis if value_axis == "y" else ax.xaxis
    axis.set_major_locator(MaxNLocator(integer=True))


def _title(ax: Any, text: str) -> None:
    """The chart's title, starting at the figure's left edge rather than the axes' (whose
    left edge moves right past long category names): a title with a unit's code then
    still fits a narrow chart, and every chart's title starts at the same place."""
    from matplotlib.transforms import blended_transform_factory

    title = ax.set_title(text, fontsize=10, color=BRAND, loc="left")
    title.set_transform(blended_transform_factory(ax.figure.transFigure, title.get_transform()))
    title.set_x(0.01)


def _label_bars(ax: Any, bars: Any) -> None:
    ax.bar_label(bars, fontsize=7, padding=2)


def figure_per_month(by_type: Mapping[str, Mapping[str, int]], *, year: int,
                     lang: str = "nb") -> Figure:
    """Stacked bars: reports per month, one colour per type (``monthly_by_type``)."""
    w = words(lang)
    fig = _figure(7.2, 3.2)
    ax = fig.add_subplot()
    months = [f"{m:02d}" for m in range(1, 13)]
    x = list(range(12))
    bottom = [0] * 12
    for type_ in TYPE_ORDER:
        values = [int(by_type.get(type_, {}).get(m, 0)) for m in months]
        ax.bar(x, values, bottom=bottom, color=TYPE_COLOURS[type_], label=w[type_], width=0.7)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for xi, total in zip(x, bottom, strict=True):
        if total:
            ax.annotate(str(total), (xi, total), ha="center", va="bottom", fontsize=7,
                        xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(x, w["months"].split())
    ax.set_ylabel(w["count"], fontsize=8)
    _title(ax, w["month_title"].format(year=year))
    ax.legend(fontsize=7, frameon=False, ncols=4, loc="upper center",
              bbox_to_anchor=(0.5, -0.1))
    # room above the highest stack for its total: the empty bars stacked on top would pin
    # the axis to it (sticky edges), and the total would run into the title
    ax.set_ylim(0, max(1.0, max(bottom) * 1.15))
    _style(ax)
    return fig


def chart_text(text: str, width: int = 38) -> str:
    """A user-given name as a chart label: printed as typed (matplotlib would read ``$…$`` as
    mathematics) and wrapped, so a long imported category never runs into the bars."""
    import textwrap

    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return "\n".join(lines).replace("$", r"\$")


def figure_per_category(by_category: Mapping[str, int], *, year: int, lang: str = "nb",
                        labels: Mapping[str, str] | None = None) -> Figure:
    """Horizontal bars per main category (``by_category``); ``labels`` translates names."""
    w = words(lang)
    names = list(by_category)
    shown = [chart_text((labels or {}).get(n, n)) if n else w["uncategorised"] for n in names]
    values = [int(by_category[n]) for n in names]
    fig = _figure(7.2, 0.5 + 0.38 * max(len(names), 3))
    ax = fig.add_subplot()
    y = list(range(len(names)))[::-1]
    bars = ax.barh(y, values, color=BRAND, height=0.6)
    _label_bars(ax, bars)
    ax.set_yticks(y, shown)
    _title(ax, w["category_title"].format(year=year))
    ax.margins(x=0.1)
    _style(ax, "x")
    return fig


def figure_per_severity(by_severity: Mapping[str, int], *, year: int, lang: str = "nb"
                        ) -> Figure:
    """Bars per potential consequence 1-5 and "not assessed" (``by_severity``)."""
    w = words(lang)
    keys = ["1", "2", "3", "4", "5", "unknown"]
    fig = _figure(7.2, 3.0)
    ax = fig.add_subplot()
    x = list(range(len(keys)))
    bars = ax.bar(x, [int(by_severity.get(k, 0)) for k in keys], color=SEVERITY_COLOURS,
                  width=0.65)
    _label_bars(ax, bars)
    ax.set_xticks(x, [f"{k}\n{w['sev' + k]}" if k != "unknown" else w["sevunknown"]
                      for k in keys])
    ax.set_ylabel(w["count"], fontsize=8)
    _title(ax, w["severity_title"].format(year=year))
    ax.margins(y=0.12)
    _style(ax)
    return fig


INJURY_KEYS = ("not_reported_to_nav", "absence_le3", "absence_gt3", "absence_unknown",
               "no_absence", "fatalities")


def figure_injuries(injuries: Mapping[str, int], *, year: int, lang: str = "nb") -> Figure:
    """Horizontal bars of the injury breakdown (seed table 2)."""
    w = words(lang)
    fig = _figure(7.2, 2.8)
    ax = fig.add_subplot()
    y = list(range(len(INJURY_KEYS)))[::-1]
    colours = ["#7fb77e", "#f2c14e", "#e67e22", "#b0b7c3", "#00509e", "#333333"]
    bars = ax.barh(y, [int(injuries.get(k, 0)) for k in INJURY_KEYS], color=colours,
                   height=0.6)
    _label_bars(ax, bars)
    ax.set_yticks(y, [w[k] for k in INJURY_KEYS])
    _title(ax, w["injuries_title"].format(year=year))
    ax.margins(x=0.1)
    _style(ax, "x")
    return fig


def deviation_figures(conn: sqlite3.Connection, year: int, *, as_of: dt.date | None = None,
                      lang: str = "nb", stats: Mapping[str, object] | None = None,
                      unit: str | None = None) -> dict[str, Figure]:
    """The four charts of a year: "month", "category", "severity", "injuries" (of ``unit``
    and its sub-units when given)."""
    from vernetool.db.deviations.settings import list_categories
    from vernetool.stats.deviation_stats import deviation_stats, monthly_by_type

    data = stats if stats is not None else deviation_stats(conn, year, as_of=as_of, unit=unit)
    labels = {c.name: c.label(lang) for c in list_categories(conn, include_inactive=True)}
    figures = {
        "month": figure_per_month(monthly_by_type(conn, year, as_of=as_of, unit=unit),
                                  year=year, lang=lang),
        "category": figure_per_category(data["by_category"], year=year,  # type: ignore[arg-type]
                                        lang=lang, labels=labels),
        "severity": figure_per_severity(data["by_severity"], year=year,  # type: ignore[arg-type]
                                        lang=lang),
        "injuries": figure_injuries(data["injuries"], year=year,  # type: ignore[arg-type]
                                    lang=lang),
    }
    if unit:  # the title says whose numbers these are
        for figure in figures.values():
            axes = figure.axes[0]
            _title(axes, f"{axes.get_title(loc='left')} – {unit.strip()}")
    return figures


def figure_png(fig: Figure, *, dpi: int = 160) -> bytes:
    """The figure as PNG bytes (for reports), drawn with the Agg canvas."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def figure_svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    return buffer.getvalue()
