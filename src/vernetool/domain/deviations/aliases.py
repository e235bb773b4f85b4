"""Norwegian and English aliases for deviation values in imported files (type, status,
absence, yes/no/unknown): ``parse_type("Nestenulykke")`` → ``DeviationType.NEAR_MISS``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from vernetool.domain.deviations.rules import Absence, DeviationStatus, DeviationType, TriState
from vernetool.domain.errors import ValidationError

_T = TypeVar("_T")


def _key(value: str) -> str:
    return " ".join(value.casefold().replace("_", " ").replace("-", " ").replace("/", " ")
                    .split())


_TYPE_ALIASES: dict[str, DeviationType] = {
    **{_key(t.value): t for t in DeviationType},
    "improvement suggestion": DeviationType.IMPROVEMENT,
    "forbedringsforslag": DeviationType.IMPROVEMENT,
    "forbedring": DeviationType.IMPROVEMENT,
    "forslag": DeviationType.IMPROVEMENT,
    "hazardous condition": DeviationType.HAZARD,
    "observation": DeviationType.HAZARD,
    "farlig forhold": DeviationType.HAZARD,
    "farlige forhold": DeviationType.HAZARD,
    "farlig forhold observasjon": DeviationType.HAZARD,
    "observasjon": DeviationType.HAZARD,
    "avvik": DeviationType.HAZARD,
    "hms avvik": DeviationType.HAZARD,
    "uønsket forhold": DeviationType.HAZARD,
    "nestenulykke": DeviationType.NEAR_MISS,
    "nesten ulykke": DeviationType.NEAR_MISS,
    "nearmiss": DeviationType.NEAR_MISS,
    "ulykke": DeviationType.ACCIDENT,
    "personskade": DeviationType.ACCIDENT,
    "ulykke personskade": DeviationType.ACCIDENT,
    "skade": DeviationType.ACCIDENT,
    "injury": DeviationType.ACCIDENT,
    "personal injury": DeviationType.ACCIDENT,
    "accident personal injury": DeviationType.ACCIDENT,
}
_STATUS_ALIASES: dict[str, DeviationStatus] = {
    **{_key(s.value): s for s in DeviationStatus},
    "registrert": DeviationStatus.REGISTERED,
    "ny": DeviationStatus.REGISTERED,
    "meldt": DeviationStatus.REGISTERED,
    "innmeldt": DeviationStatus.REGISTERED,
    "new": DeviationStatus.REGISTERED,
    "open": DeviationStatus.REGISTERED,
    "akseptert": DeviationStatus.ACCEPTED,
    "godkjent": DeviationStatus.ACCEPTED,
    "mottatt": DeviationStatus.ACCEPTED,
    "approved": DeviationStatus.ACCEPTED,
    "avvist": DeviationStatus.REJECTED,
    "avslått": DeviationStatus.REJECTED,
    "overført": DeviationStatus.TRANSFERRED,
    "videresendt": DeviationStatus.TRANSFERRED,
    "forwarded": DeviationStatus.TRANSFERRED,
    "under behandling": DeviationStatus.IN_PROGRESS,
    "under arbeid": DeviationStatus.IN_PROGRESS,
    "pågår": DeviationStatus.IN_PROGRESS,
    "tiltak": DeviationStatus.IN_PROGRESS,
    "in progress": DeviationStatus.IN_PROGRESS,
    "lukket": DeviationStatus.CLOSED,
    "avsluttet": DeviationStatus.CLOSED,
    "ferdig": DeviationStatus.CLOSED,
    "done": DeviationStatus.CLOSED,
}
_ABSENCE_ALIASES: dict[str, Absence] = {
    **{_key(a.value): a for a in Absence},
    "ingen": Absence.NONE, "nei": Absence.NONE, "no": Absence.NONE, "0": Absence.NONE,
    "uten fravær": Absence.NONE, "uten sykefravær": Absence.NONE,
    "≤3": Absence.LE3, "≤ 3": Absence.LE3, "<=3": Absence.LE3, "<= 3": Absence.LE3,
    "≤ 3 dager": Absence.LE3, "≤3 dager": Absence.LE3, "<=3 dager": Absence.LE3,
    "inntil 3 dager": Absence.LE3, "1 3 dager": Absence.LE3, "le 3": Absence.LE3,
    ">3": Absence.GT3, "> 3": Absence.GT3, "> 3 dager": Absence.GT3, ">3 dager": Absence.GT3,
    "over 3 dager": Absence.GT3, "mer enn 3 dager": Absence.GT3, "gt 3": Absence.GT3,
    "ukjent": Absence.UNKNOWN, "ukjent varighet": Absence.UNKNOWN,
    "unknown duration": Absence.UNKNOWN,
}
_TRI_ALIASES: dict[str, TriState] = {
    "yes": TriState.YES, "ja": TriState.YES, "y": TriState.YES, "j": TriState.YES,
    "1": TriState.YES, "true": TriState.YES, "x": TriState.YES,
    "no": TriState.NO, "nei": TriState.NO, "n": TriState.NO, "0": TriState.NO,
    "false": TriState.NO,
    "unknown": TriState.UNKNOWN, "ukjent": TriState.UNKNOWN, "vet ikke": TriState.UNKNOWN,
    "?": TriState.UNKNOWN,
}


def _lookup(table: Mapping[str, _T], field_name: str, value: str, allowed: str) -> _T:
    found = table.get(_key(value))
    if found is None:
        raise ValidationError("value.not_one_of_list", field_name, text=value.strip(),
                              allowed=allowed)
    return found


def parse_type(value: str) -> DeviationType:
    return _lookup(_TYPE_ALIASES, "type", value, "improvement, hazard, near_miss, accident")


def parse_status(value: str) -> DeviationStatus:
    return _lookup(_STATUS_ALIASES, "status", value, ", ".join(s.value for s in DeviationStatus))


def parse_absence(value: str) -> Absence:
    return _lookup(_ABSENCE_ALIASES, "absence", value, "none, le3, gt3, unknown")


def parse_tristate(value: str, field_name: str) -> TriState:
    return _lookup(_TRI_ALIASES, field_name, value, "yes, no, unknown")


def parse_bool(value: str, field_name: str) -> bool:
    state = _lookup(_TRI_ALIASES, field_name, value, "yes, no")
    if state is TriState.UNKNOWN:
        raise ValidationError("value.must_be_yes_no", field_name, text=value.strip())
    return state is TriState.YES
