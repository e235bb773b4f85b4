"""Deviations from and to files: the canonical deviation CSV/XLSX of DESIGN.md.

Columns: ``reported_at`` (YYYY-MM-DD or DD.MM.YYYY), ``type`` (improvement | hazard |
near_miss | accident; Norwegian words such as ``Nestenulykke``, ``Farlig forhold``,
``Ulykke/personskade``, ``Forbedringsforslag`` accepted), ``title``, ``description``,
``room`` (``BUILDING:ROOM`` or a room number that is unique in the register; anything else is
kept as free text for a place not in the register), ``unit`` (code; unknown units are
created), ``category``, ``subcategory``, ``potential_consequence`` (1-5), ``probability``
(1-5), ``status`` (Norwegian ``Registrert``, ``Godkjent``, ``Avvist``, ``Overført``,
``Under behandling``, ``Lukket`` ... accepted; empty = closed when ``closed_at`` is given,
else registered), ``closed_at``, ``injury`` (yes/no), ``nav_reported`` (yes/no), ``absence``
(none | le3 | gt3 | unknown; empty = none), ``medical_treatment`` and ``reassigned``
(yes | no | unknown; empty = unknown), ``fatality`` (yes/no). Optional extra columns:
``external_id`` (alias ``id``, ``Saksnummer``), ``occurred_at``, ``closing_deadline``,
``actual_consequence``, ``immediate_action``, ``cause``, ``reporter``, ``rejected_reason``,
``transferred_to``. Required: ``reported_at``, ``type``, ``title``.

Matching (DESIGN.md "Canonical deviation CSV": every row is its own report, and
re-importing a file changes nothing):

- a row with an ``external_id`` matches the stored deviation with that id; the same id twice
  in one file is a row error;
- a row without one matches on its key, reported_at + type + title + room (title and room
  compared case-insensitively), and on its order among the file's rows with that key: the
  n-th such row (counting only rows that are imported or unchanged) is the n-th stored
  deviation with that key, oldest first. Two people reporting the same alarm in the same room
  on one day are two rows, two reports; a re-import finds each again in the same order. In a
  file with an id column, a row whose id cell is empty matches only deviations stored without
  an id (those with one belong to their id);
- a column the file lacks keeps the stored value; an identical row writes nothing.

Imported status fields are historical data: they are set as given (the status history says
"imported"), without the workflow's rules; a closed row needs ``closed_at``.

Export: the same columns plus ``actions`` (the measures, one per line). Personal data —
``reporter``, ``transferred_to`` and the names of the measures' responsibles — is left out
unless ``include_personal_data``. Every text cell in CSV/XLSX is formula-neutralised by
``vernetool.exchange.writers``.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vernetool.db.deviations import actions as dev_actions
from vernetool.db.deviations import records as repo
from vernetool.db.deviations import settings as dev_settings
from vernetool.db.deviations.queries import DeviationFilter, DeviationSort, query_deviations
from vernetool.db.organisation.units import ensure_unit
from vernetool.domain.deviations.aliases import (
    parse_absence,
    parse_bool,
    parse_status,
    parse_tristate,
    parse_type,
)
from vernetool.domain.deviations.rules import (
    Absence,
    Action,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    TriState,
    check_scale,
    validate_deviation,
)
from vernetool.domain.errors import ValidationError
from vernetool.exchange.importing import Cancel, Checker, Progress, checked_texts, import_file
from vernetool.exchange.result import ImportResult
from vernetool.exchange.tabular import UNIT_HEADERS, Schema, TableRow, nocase
from vernetool.exchange.writers import write_records

#: The canonical columns of DESIGN.md, in order.
CANONICAL = ("reported_at", "type", "title", "description", "room", "unit", "category",
             "subcategory", "potential_consequence", "probability", "status", "closed_at",
             "injury", "nav_reported", "absence", "medical_treatment", "reassigned", "fatality")
EXTRA = ("external_id", "occurred_at", "closing_deadline", "actual_consequence",
         "immediate_action", "cause", "rejected_reason")
PERSONAL = ("reporter", "transferred_to")
COLUMNS = (*CANONICAL, *EXTRA, "actions")

SCHEMA = Schema({
    "external_id": ("Saksnummer", "id", "Ekstern id", "Saksnr", "Sak nr", "Referanse",
                    "Reference", "EQS id", "Case number", "Løpenummer"),
    "reported_at": ("Meldt dato", "Registrert dato", "Dato", "Meldt", "Registrert",
                    "Innmeldt", "Innmeldt dato", "Reported", "Reported date", "Date"),
    "occurred_at": ("Hendelsesdato", "Tidspunkt", "Tidspunkt for hendelse", "Occurred",
                    "Event date"),
    "type": ("Meldingstype", "Hendelsestype", "Sakstype", "Report type"),
    "title": ("Tittel", "Overskrift", "Kort beskrivelse", "Emne", "Subject"),
    "description": ("Beskrivelse", "Hva skjedde", "Hendelsesbeskrivelse"),
    "room": ("Rom", "Romnr", "Romnummer", "Sted", "Lokasjon", "Location", "Place"),
    "unit": UNIT_HEADERS,
    "category": ("Kategori", "Hovedkategori", "Main category"),
    "subcategory": ("Underkategori", "Sub category"),
    "actual_consequence": ("Faktisk konsekvens", "Actual severity"),
    "potential_consequence": ("Potensiell konsekvens", "Alvorlighetsgrad", "Konsekvens",
                              "Severity", "Potential severity", "Potential"),
    "probability": ("Sannsynlighet", "Likelihood"),
    "status": ("Saksstatus", "State"),
    "closing_deadline": ("Frist", "Lukkefrist", "Frist for lukking", "Deadline"),
    "closed_at": ("Lukket dato", "Lukket", "Dato lukket", "Avsluttet", "Avsluttet dato",
                  "Closed", "Closed date"),
    "immediate_action": ("Strakstiltak", "Umiddelbare tiltak", "Immediate measures"),
    "cause": ("Årsak", "Årsaker", "Causes"),
    "reporter": ("Meldt av", "Innmelder", "Melder", "Reported by"),
    "rejected_reason": ("Begrunnelse for avvisning", "Avvisningsgrunn", "Reason rejected"),
    "transferred_to": ("Overført til", "Transferred"),
    "injury": ("Personskade", "Skade", "Personal injury"),
    "nav_reported": ("Meldt til NAV", "NAV", "NAV meldt", "Meldt NAV", "Reported to NAV"),
    "absence": ("Fravær", "Sykefravær", "Sick leave"),
    "medical_treatment": ("Medisinsk behandling", "Legebehandling", "Behandling"),
    "reassigned": ("Omplassering", "Omplassert", "Redusert arbeidsevne", "Reduced capacity",
                   "Reassignment"),
    "fatality": ("Dødsfall", "Død", "Dødsulykke", "Fatal"),
}, required=("reported_at", "type", "title"))

_INJURY_FIELDS = ("nav_reported", "absence", "medical_treatment", "reassigned", "fatality")
# What an injury cell may say on a row without an injury.
_EMPTY_INJURY_VALUES = frozenset({"", "no", "nei", "none", "ingen", "unknown", "ukjent", "0"})
_LIMITS = {"title": 300, "external_id": 100, "room": 200, "unit": 40, "category": 200,
           "subcategory": 200, "reporter": 200, "transferred_to": 200,
           "description": 20_000, "cause": 20_000, "immediate_action": 20_000,
           "rejected_reason": 2_000}
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_TIME = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})[ T](\d{1,2})[:.](\d{2})$")


def parse_datetime(text: str, field_name: str) -> dt.datetime | None:
    """``2024-03-05``, ``05.03.2024``, ``5.3.2024``, with an optional ``HH:MM``."""
    value = text.strip()
    if not value:
        return None
    try:
        if m := _ISO.match(value):
            return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0))
        if m := _DMY.match(value):
            return dt.datetime(int(m[3]), int(m[2]), int(m[1]))
        if m := _DMY_TIME.match(value):
            return dt.datetime(int(m[3]), int(m[2]), int(m[1]), int(m[4]), int(m[5]))
    except ValueError:
        raise ValidationError("value.not_a_real_date", field_name, text=value) from None
    raise ValidationError("value.not_a_date", field_name, text=value)


def parse_date(text: str, field_name: str) -> dt.date | None:
    moment = parse_datetime(text, field_name)
    return moment.date() if moment else None


def parse_scale(text: str, field_name: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if value.endswith((".0", ",0")):
        value = value[:-2]
    # isdecimal, not isdigit: '²' and '①' are "digits" int() refuses; a decimal digit of
    # another script ('٣') is a real 3. A scale is one digit: the length cap keeps int() safe.
    if not value.isdecimal() or len(value) > 9:
        raise ValidationError("value.not_scale_text", field_name, text=text)
    number = int(value)
    check_scale(field_name, number)
    return number


#: reported_at, type, title and room of a deviation, as rows without an id are matched on
_Key = tuple[str, str, str, str]


def _natural_key(reported_at: dt.date, type_: DeviationType, title: str, room: str) -> _Key:
    return (reported_at.isoformat(), type_.value, title.strip().casefold(),
            room.strip().casefold())


@dataclass(frozen=True)
class _RoomRef:
    room_id: int | None
    room_text: str


class _DeviationRows:
    """Prepares each row against the stored deviations, read once at the start."""

    def __init__(self, conn: sqlite3.Connection, table_has: Callable[[str], bool],
                 actor: str) -> None:
        self.conn = conn
        self.has = table_has
        self.actor = actor
        self.by_external: dict[str, int] = {}
        # The stored deviations a row without an id may match, per key, oldest first; with an
        # id column in the file only those stored without an id.
        self.by_key: dict[_Key, list[int]] = {}
        ids_in_file = table_has("external_id")
        for r in conn.execute(
                "SELECT d.id, d.external_id, d.reported_at, d.type, d.title, CASE WHEN r.id "
                "IS NULL THEN d.room_text ELSE b.code || ':' || r.number END AS room "
                "FROM deviation d LEFT JOIN room r ON r.id = d.room_id "
                "LEFT JOIN building b ON b.id = r.building_id ORDER BY d.id"):
            if r["external_id"]:
                self.by_external[r["external_id"]] = r["id"]
                if ids_in_file:
                    continue
            self.by_key.setdefault(_natural_key(dt.date.fromisoformat(r["reported_at"]),
                                                DeviationType(r["type"]), r["title"],
                                                r["room"]), []).append(r["id"])
        # How many rows of this file with each key have been imported or found unchanged:
        # the next such row matches the stored deviation at that position.
        self.key_rows: dict[_Key, int] = {}
        self.rooms_by_label: dict[str, tuple[int, str]] = {}
        self.rooms_by_number: dict[str, list[tuple[int, str]]] = {}
        for r in conn.execute("SELECT r.id, b.code, r.number FROM room r "
                              "JOIN building b ON b.id = r.building_id"):
            label = f"{r['code']}:{r['number']}"
            self.rooms_by_label[nocase(label)] = (r["id"], label)
            self.rooms_by_number.setdefault(nocase(r["number"]), []).append((r["id"], label))
        self.units = {nocase(r["code"]): r["id"] for r in conn.execute("SELECT id, code FROM unit")}
        self.categories = {c.name.casefold(): c.name for c in dev_settings.list_categories(
            conn, include_inactive=True)}
        self.subcategories = {s.name.casefold(): s.name for c in dev_settings.list_categories(
            conn, include_inactive=True) for s in c.subcategories}
        self.seen_external: dict[str, int] = {}

    def _room(self, text: str) -> tuple[_RoomRef, str]:
        """(reference, label used in the natural key)."""
        if not text:
            return _RoomRef(None, ""), ""
        found = self.rooms_by_label.get(nocase(text.replace(" ", "")))
        if found is None:
            candidates = self.rooms_by_number.get(nocase(text), [])
            found = candidates[0] if len(candidates) == 1 else None
        if found is not None:
            return _RoomRef(found[0], ""), found[1]
        return _RoomRef(None, text), text

    def prepare(self, row: TableRow) -> Callable[[], bool] | None:
        check = Checker()
        text = checked_texts(check, row, _LIMITS)
        reported = check.run(lambda: parse_date(row.get("reported_at"), "reported_at"), None)
        if reported is None and not row.get("reported_at"):
            check.add("reported_at", "deviation.reported_missing")
        dev_type: DeviationType | None = None
        if row.get("type"):
            dev_type = check.run(lambda: parse_type(row.get("type")), None)
        else:
            check.add("type", "deviation.type_missing")
        if not row.get("title"):
            check.add("title", "deviation.title_missing")
        occurred = check.run(lambda: parse_datetime(row.get("occurred_at"), "occurred_at"),
                             None)
        scales = {f: check.run(lambda f=f: parse_scale(row.get(f), f), None)  # type: ignore[misc]
                  for f in ("actual_consequence", "potential_consequence", "probability")}
        closed_at = check.run(lambda: parse_date(row.get("closed_at"), "closed_at"), None)
        deadline = check.run(lambda: parse_date(row.get("closing_deadline"),
                                                "closing_deadline"), None)
        status: DeviationStatus | None = None
        if row.get("status"):
            status = check.run(lambda: parse_status(row.get("status")), None)
        injury = self._injury(row, check)
        check.raise_if_any()
        assert reported is not None and dev_type is not None

        room_ref, room_key = self._room(text["room"])
        key = _natural_key(reported, dev_type, text["title"], room_key)
        external = text["external_id"] or None
        if external:
            if external in self.seen_external:
                check.add("external_id", "deviation.twice", id=external,
                          row=self.seen_external[external])
            existing_id = self.by_external.get(external)
        else:
            existing_id = self._nth_with_key(key)
        check.raise_if_any()

        stored = repo.get_deviation(self.conn, existing_id) if existing_id else None
        base = stored or Deviation(dev_type, text["title"], reported)
        given: dict[str, Any] = {
            "type": dev_type, "title": text["title"], "reported_at": reported,
            "external_id": external if self.has("external_id") else base.external_id,
        }
        for name in ("description", "immediate_action", "cause", "rejected_reason",
                     "transferred_to", "subcategory"):
            if self.has(name):
                given[name] = text[name]
        if self.has("category"):
            given["category"] = self.categories.get(text["category"].casefold(),
                                                    text["category"])
        if self.has("subcategory"):
            given["subcategory"] = self.subcategories.get(text["subcategory"].casefold(),
                                                          text["subcategory"])
        if self.has("reporter"):
            given["reporter"] = text["reporter"] or None
        if self.has("occurred_at"):
            given["occurred_at"] = occurred
        for name, value in scales.items():
            if self.has(name):
                given[name] = value
        if self.has("room"):
            given["room_id"], given["room_text"] = room_ref.room_id, room_ref.room_text
        unit_code = text["unit"]
        if self.has("unit"):
            given["unit_id"] = self.units.get(nocase(unit_code)) if unit_code else None
        if injury is not False:
            given["injury"] = injury
        if self.has("closing_deadline"):
            given["closing_deadline"] = deadline
        if self.has("status") or self.has("closed_at"):
            if status is None:
                status = DeviationStatus.CLOSED if closed_at else DeviationStatus.REGISTERED
            given["status"] = status
            given["closed_at"] = closed_at
            if status is DeviationStatus.CLOSED and closed_at is None:
                if stored is not None and stored.closed_at is not None and \
                        not self.has("closed_at"):
                    given["closed_at"] = stored.closed_at
                else:
                    check.add("closed_at", "deviation.closed_needs_date")
            elif status is not DeviationStatus.CLOSED and closed_at is not None:
                check.add("closed_at", "deviation.import_status_has_date", status=status.value)
        # The status/closing date problems above are what validate_deviation would say
        # again about the same cell: report each once.
        check.raise_if_any()
        new = replace(base, **given)
        check.run(lambda: validate_deviation(new), None)
        check.raise_if_any()
        if external:
            self.seen_external[external] = row.number
        # The row has passed every check: it takes its position among the rows with its key
        # now (every row is prepared before any is written, so the count cannot wait for the
        # write; a row refused above is not counted).
        self._count_key_row(external, key)
        if stored is not None and _same(stored, new) and not (
                unit_code and nocase(unit_code) not in self.units):
            return None

        def write() -> bool:
            dev = new
            if unit_code and self.has("unit") and dev.unit_id is None:
                # a unit new to the store: created by the first row that names it (every
                # row is prepared before any is written, so later rows learn it only here)
                if nocase(unit_code) not in self.units:
                    self.units[nocase(unit_code)] = ensure_unit(self.conn, unit_code)
                dev = replace(dev, unit_id=self.units[nocase(unit_code)])
            if stored is None:
                dev_id = repo.create_deviation(self.conn, dev, actor=self.actor,
                                               source="import")
                if external:
                    self.by_external[external] = dev_id
                return True
            assert stored.id is not None
            changed = repo.update_deviation(self.conn, replace(
                dev, status=stored.status, closing_deadline=stored.closing_deadline,
                rejected_reason=stored.rejected_reason, transferred_to=stored.transferred_to,
                closed_at=stored.closed_at), actor=self.actor)
            changed = repo.import_status(self.conn, stored.id, dev, actor=self.actor) or changed
            return changed

        return write

    def _nth_with_key(self, key: _Key) -> int | None:
        """The stored deviation the next row with ``key`` (and no id) is, or None: a new one."""
        stored = self.by_key.get(key, [])
        position = self.key_rows.get(key, 0)
        return stored[position] if position < len(stored) else None

    def _count_key_row(self, external: str | None, key: _Key) -> None:
        """A row without an id has been imported or found unchanged: the next row with the
        same key is the next stored deviation with it. Rows with errors are not counted, so
        fixing one and importing again still lines the rows up with what is stored."""
        if not external:
            self.key_rows[key] = self.key_rows.get(key, 0) + 1

    def _injury(self, row: TableRow, check: Checker) -> Injury | bool | None:
        """The row's injury; ``None`` = no injury; ``False`` = the file says nothing."""
        has_columns = self.has("injury") or any(self.has(f) for f in _INJURY_FIELDS)
        if not has_columns:
            return False
        flag = check.run(lambda: parse_bool(row.get("injury"), "injury")
                         if row.get("injury") else None, None)
        details = any(row.get(f) for f in _INJURY_FIELDS)
        if flag is False or (flag is None and not details):
            if flag is False and details and any(
                    row.get(f).casefold() not in _EMPTY_INJURY_VALUES
                    for f in _INJURY_FIELDS):
                check.add("injury", "deviation.injury_details_without_injury")
            return None
        return Injury(
            nav_reported=check.run(lambda: parse_bool(row.get("nav_reported"), "nav_reported")
                                   if row.get("nav_reported") else False, False),
            absence=check.run(lambda: parse_absence(row.get("absence"))
                              if row.get("absence") else Absence.NONE, Absence.NONE),
            medical_treatment=check.run(
                lambda: parse_tristate(row.get("medical_treatment"), "medical_treatment")
                if row.get("medical_treatment") else TriState.UNKNOWN, TriState.UNKNOWN),
            reassigned=check.run(lambda: parse_tristate(row.get("reassigned"), "reassigned")
                                 if row.get("reassigned") else TriState.UNKNOWN,
                                 TriState.UNKNOWN),
            fatality=check.run(lambda: parse_bool(row.get("fatality"), "fatality")
                               if row.get("fatality") else False, False),
        )


_COMPARED = ("type", "title", "reported_at", "description", "occurred_at", "room_id",
             "room_text", "unit_id", "reporter", "category", "subcategory",
             "actual_consequence", "potential_consequence", "probability", "immediate_action",
             "cause", "status", "closing_deadline", "rejected_reason", "transferred_to",
             "closed_at", "external_id", "injury")


def _same(a: Deviation, b: Deviation) -> bool:
    def norm(dev: Deviation, name: str) -> Any:
        value = getattr(dev, name)
        if isinstance(value, str):
            return value.strip()
        if name == "occurred_at" and value is not None:
            return value.replace(second=0, microsecond=0)
        return value

    return all(norm(a, n) == norm(b, n) for n in _COMPARED)


def import_deviations(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                      actor: str, progress: Progress | None = None,
                      cancel: Cancel | None = None) -> ImportResult:
    """Import a deviation CSV/XLSX file (see the module docstring); raises ``ImportFileError``
    when the file as a whole is unusable and ``ImportCancelled`` when ``cancel()`` said so."""
    return import_file(conn, path, SCHEMA,
                       lambda has: _DeviationRows(conn, has, actor or "import"),
                       entity="deviation", strict=strict, actor=actor, progress=progress,
                       cancel=cancel)


# --- export ---------------------------------------------------------------------------

def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def deviation_records(conn: sqlite3.Connection, *, include_personal_data: bool = False,
                      flt: DeviationFilter | None = None) -> list[dict[str, Any]]:
    """Every deviation (or those ``flt`` selects) as dicts with the canonical field names."""
    ids = [r.id for r in query_deviations(conn, flt or DeviationFilter(),
                                               sort=DeviationSort.REPORTED_AT,
                                               descending=False)]
    records: list[dict[str, Any]] = []
    for dev_id in ids:
        dev = repo.get_deviation(conn, dev_id)
        assert dev is not None
        injury = dev.injury
        record: dict[str, Any] = {
            "reported_at": dev.reported_at.isoformat(), "type": dev.type.value,
            "title": dev.title, "description": dev.description,
            "room": dev.room_label or dev.room_text, "unit": dev.unit_code,
            "category": dev.category, "subcategory": dev.subcategory,
            "potential_consequence": dev.potential_consequence,
            "probability": dev.probability, "status": dev.status.value,
            "closed_at": dev.closed_at.isoformat() if dev.closed_at else None,
            "injury": _yes_no(injury is not None),
            "nav_reported": _yes_no(injury.nav_reported) if injury else None,
            "absence": injury.absence.value if injury else None,
            "medical_treatment": injury.medical_treatment.value if injury else None,
            "reassigned": injury.reassigned.value if injury else None,
            "fatality": _yes_no(injury.fatality) if injury else None,
            "external_id": dev.external_id,
            "occurred_at": dev.occurred_at.strftime("%Y-%m-%d %H:%M")
            if dev.occurred_at else None,
            "closing_deadline": dev.closing_deadline.isoformat()
            if dev.closing_deadline else None,
            "actual_consequence": dev.actual_consequence,
            "immediate_action": dev.immediate_action, "cause": dev.cause,
            "rejected_reason": dev.rejected_reason,
            "actions": _actions_text(dev_actions.list_actions(conn, dev_id), include_personal_data),
        }
        if include_personal_data:
            record["reporter"] = dev.reporter
            record["transferred_to"] = dev.transferred_to
        records.append(record)
    return records


def _actions_text(actions: Iterable[Action], personal: bool) -> str:
    lines = []
    for action in actions:
        parts = [action.status.value]
        if action.deadline:
            parts.append(f"deadline {action.deadline.isoformat()}")
        if personal and action.responsible_name:
            parts.append(action.responsible_name)
        lines.append(f"{action.description} ({', '.join(parts)})")
    return "\n".join(lines)


def export_deviations(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                      include_personal_data: bool = False,
                      flt: DeviationFilter | None = None) -> int:
    """Write the deviations to ``out`` as csv, xlsx or json; returns the number written.

    Personal data (reporter, transferred to, names of responsibles) only with
    ``include_personal_data``.
    """
    columns = (*COLUMNS, *PERSONAL) if include_personal_data else COLUMNS
    records = deviation_records(conn, include_personal_data=include_personal_data, flt=flt)
    return write_records(out, fmt, columns, records, sheet_title="Deviations")
