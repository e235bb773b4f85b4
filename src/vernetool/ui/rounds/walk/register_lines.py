"""The room's register figures in words, beside the walk's items that ask about them:
"Registered: 0.5 L cat. 1, 12.5 L cat. 2 — card allows 5 L / 20 L"."""

from __future__ import annotations

from vernetool.domain.organisation import RoomCard
from vernetool.domain.room_registers import (
    RegisterFigures,
    SourceFigure,
    figure_facts,
    over_the_card,
)
from vernetool.i18n import tr, trn
from vernetool.i18n.labels import some_names
from vernetool.ui.common.labels import format_date, format_number

_NAME_LENGTH = 32   # product names carry grades ("for analysis EMSURE® ACS,ISO,Reag. Ph Eur")


def _short(names: tuple[str, ...]) -> list[str]:
    return [n if len(n) <= _NAME_LENGTH else n[:_NAME_LENGTH - 1].rstrip(" ,;") + "…"
            for n in names]


def _litres(value: float | None) -> str:
    return tr("{n} L").format(n=format_number(round(value or 0.0, 2)))


def _flammable(figures: RegisterFigures, card: RoomCard) -> str:
    text = tr("Registered: {cat1} cat. 1, {cat2} cat. 2").format(
        cat1=_litres(figures.flammable_cat1_litres), cat2=_litres(figures.flammable_cat2_litres))
    if figures.flammable_unconverted:
        text += " " + trn("(+{n} holding not in litres)", "(+{n} holdings not in litres)",
                          figures.flammable_unconverted).format(n=figures.flammable_unconverted)
    if card.flammable_cat1_max_litres is None and card.flammable_cat2_max_litres is None:
        return text + " — " + tr("no limit on the room card")
    allowed = " / ".join(
        _litres(v) if v is not None else "–"
        for v in (card.flammable_cat1_max_litres, card.flammable_cat2_max_litres))
    if over_the_card(figures, card) & {"flammable_cat1", "flammable_cat2"}:
        return text + " — ⚠ " + tr("more than the card allows ({allowed})").format(
            allowed=allowed)
    return text + " — " + tr("card allows {litres}").format(litres=allowed)


def _gas(figures: RegisterFigures, card: RoomCard) -> str:
    if not figures.gas_cylinders:
        text = tr("Registered: no gas cylinders")
    else:
        text = trn("Registered: {n} gas cylinder ({names})",
                   "Registered: {n} gas cylinders ({names})", figures.gas_cylinders).format(
            n=figures.gas_cylinders, names=some_names(_short(figures.gas_products), 4))
    if card.gas_max_cylinders is None:
        return text + " — " + tr("no limit on the room card")
    if "gas" in over_the_card(figures, card):
        return text + " — ⚠ " + tr("more than the card allows ({allowed})").format(
            allowed=card.gas_max_cylinders)
    return text + " — " + tr("card allows {n}").format(n=card.gas_max_cylinders)


def _source(source: SourceFigure) -> str:
    from vernetool.ui.registers.radiation.words import activity_text

    main = " ".join(p for p in (source.nuclide, source.name) if p) or source.kind
    if source.serial_number:
        main += " " + tr("SN {serial}").format(serial=source.serial_number)
    if source.activity_now_bq is not None:
        main += ", " + tr("{activity} now").format(
            activity=activity_text(source.activity_now_bq))
    if source.leak_test_overdue:
        main += ", " + tr("leak test overdue since {date}").format(
            date=format_date(source.leak_test_next_due))
    elif source.leak_test_next_due is not None:
        main += ", " + tr("leak test due {date}").format(
            date=format_date(source.leak_test_next_due))
    return main


def _laser(source: SourceFigure) -> str:
    main = source.name or tr("Laser")
    if source.serial_number:
        main += " " + tr("SN {serial}").format(serial=source.serial_number)
    if source.laser_class:
        main += ", " + tr("class {c}").format(c=source.laser_class)
    return main


def fact_line(fact: str, figures: RegisterFigures, card: RoomCard) -> str:
    """One fact's figures in words ('' for a fact the registers have no figures for)."""
    if fact == "flammable":
        return _flammable(figures, card)
    if fact == "gas":
        return _gas(figures, card)
    if fact == "cmr":
        return (tr("CMR products ({n}): {names}").format(
            n=len(figures.cmr_products), names=some_names(_short(figures.cmr_products), 3))
                if figures.cmr_products else tr("Registered: no CMR products"))
    if fact == "toxic":
        return (tr("Acutely toxic, GHS06 ({n}): {names}").format(
            n=len(figures.toxic_products), names=some_names(_short(figures.toxic_products), 3))
            if figures.toxic_products else tr("Registered: no acutely toxic products"))
    if fact == "chemicals":
        return trn("Registered: {n} product", "Registered: {n} products",
                   figures.products).format(n=figures.products)
    if fact == "radiation":
        if not figures.sources:
            return tr("Registered: no radiation sources")
        return tr("Sources: {list}").format(
            list=some_names([_source(s) for s in figures.sources], 3))
    if fact == "laser":
        if not figures.lasers:
            return tr("Registered: no lasers")
        return tr("Lasers: {list}").format(list=some_names([_laser(s) for s in figures.lasers],
                                                              3))
    if fact == "biological":
        if not figures.agents:
            return tr("Registered: no biological agents")
        return tr("Agents: {list}").format(list=some_names(
            [tr("{name} (group {group})").format(name=name, group=group)
             for name, group in figures.agents], 4))
    return ""


def item_lines(condition: str, figures: RegisterFigures, card: RoomCard) -> str:
    """The figures for the register facts an item's condition names, one line each."""
    return "\n".join(line for fact in figure_facts(condition)
                     if (line := fact_line(fact, figures, card)))
