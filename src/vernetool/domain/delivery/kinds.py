"""What a target sends (``--sends``): the kinds of bundle, and the records behind each.

A kind's bundle is cut from the change log entries of its ``entities`` (the names the
triggers of migration 11 log under).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from vernetool.domain.errors import ValidationError


class Sends(StrEnum):
    DEVIATIONS = "deviations"
    CHEMICALS = "chemicals"
    SOURCES = "sources"
    ROUNDS = "rounds"
    ANNUAL = "annual"


#: the change log entities each kind is built from
ENTITIES: dict[Sends, tuple[str, ...]] = {
    Sends.DEVIATIONS: ("deviation",),
    Sends.CHEMICALS: ("chemical_holding", "chemical_product"),
    Sends.SOURCES: ("radiation_source",),
    Sends.ROUNDS: ("hse_round",),
    Sends.ANNUAL: ("annual_report",),       # a report, when it is submitted (schema 12)
}


class TargetKind(StrEnum):
    FOLDER = "folder"
    HTTP = "http"


def parse_sends(text: str | Iterable[str], field: str = "sends") -> tuple[Sends, ...]:
    """``"deviations, sources"`` (or a list of them) → the kinds in the order of ``Sends``,
    each once; an unknown word or none at all is a ``ValidationError`` naming ``field``."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    words = [p.strip().lower() for p in parts if p.strip()]
    if not words:
        raise ValidationError("delivery.sends_empty", field,
                              choices=", ".join(s.value for s in Sends))
    known = {s.value: s for s in Sends}
    for word in words:
        if word not in known:
            raise ValidationError("delivery.sends_unknown", field, value=word,
                                  choices=", ".join(s.value for s in Sends))
    chosen = {known[w] for w in words}
    return tuple(s for s in Sends if s in chosen)


def sends_text(sends: Iterable[Sends]) -> str:
    """The stored form: ``"deviations,sources"``."""
    return ",".join(s.value for s in sends)
