"""The exposure register's words: field names, routes, and dates written out in words."""

from __future__ import annotations

import datetime as dt

from vernetool.domain.chemicals.model import ExposureRoute
from vernetool.i18n import language, tr


def exposure_field_label(field: str) -> str:
    """The name of an exposure entry's field as the dialog and its errors say it."""
    labels = {
        "person": tr("Name"),
        "identity_number": tr("Identity number"),
        "position": tr("Position"),
        "workplace": tr("Workplace"),
        "room": tr("Room"),
        "product": tr("Product"),
        "route": tr("Route"),
        "concentration": tr("Concentration"),
        "exposure_start": tr("Start date"),
        "exposure_end": tr("End date"),
        "duration": tr("Duration"),
    }
    return labels.get(field, field)


def route_label(route: ExposureRoute) -> str:
    labels = {
        ExposureRoute.INHALATION: tr("Inhalation (breathing in)"),
        ExposureRoute.SKIN: tr("Skin or eye contact"),
        ExposureRoute.INGESTION: tr("Ingestion (swallowing)"),
        ExposureRoute.OTHER: tr("Other"),
    }
    return labels[route]


def route_short_label(route: ExposureRoute) -> str:
    """The route in a table cell."""
    labels = {
        ExposureRoute.INHALATION: tr("Inhalation"),
        ExposureRoute.SKIN: tr("Skin/eyes"),
        ExposureRoute.INGESTION: tr("Ingestion"),
        ExposureRoute.OTHER: tr("Other"),
    }
    return labels[route]


def month_name(month: int) -> str:
    names = (tr("January"), tr("February"), tr("March"), tr("April"), tr("May"), tr("June"),
             tr("July"), tr("August"), tr("September"), tr("October"), tr("November"),
             tr("December"))
    return names[month - 1]


def date_in_words(day: dt.date) -> str:
    """"14. mars 2085" in Bokmål, "14 March 2085" in English."""
    if language() == "nb":
        return f"{day.day}. {month_name(day.month)} {day.year}"
    return f"{day.day} {month_name(day.month)} {day.year}"
