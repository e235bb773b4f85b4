"""The radiation sources register from and to files (DESIGN.md "Canonical radiation sources
file"); one row per source.

Import, row by row (a row is imported whole or reported with its spreadsheet row number):

- ``kind`` (``sealed_source`` … ``other``; ``Kapslet kilde``, ``Åpen kilde``,
  ``Røntgenapparat``, ``Laser`` … accepted), ``nuclide`` (``Cs-137``; ``137Cs``, ``Cs137``,
  ``cs-137`` accepted; a spelling that names no nuclide, or one without a half-life in the
  reference data, is an error), ``activity`` + ``activity_unit`` (Bq … TBq, µCi/uCi, mCi, Ci;
  ``370 MBq`` in one cell works too; decimal comma accepted), ``reference_date``. Sealed and
  open sources need a nuclide; the others have none.
- ``laser_class`` (1, 1M, 1C, 2, 2M, 3R, 3B, 4; ``Klasse 3B``, ``IV`` accepted): a laser
  without its class, or a class on what is no laser, is an error.
- ``dsa_status``: DSA's eleven statuses in DSA's own words (``I bruk``, ``Ikke i bruk/På
  lager``, ``Savnet`` …) or the canonical values; a change goes into the status history.
- ``notifiable`` (yes/no, ``Ja``/``Nei``): the user's answer; the kinds that always are
  notifiable (X-ray, accelerators, class 4 lasers, IPL, MRI) stay so.
- ``room``: ``BUILDING:ROOM`` (or a location path); a room this database does not hold is an
  error. ``responsible``: a person's name or e-mail (linked when it names one person).
- The source's key: its DSA id when the file gives one that is stored; else make + serial
  number; a source with neither (an open source) matches on kind, nuclide, activity,
  reference date and room. A key twice in one file is an error naming the earlier row. A
  column the file lacks keeps the stored value; a row as stored writes nothing, so
  re-importing a file changes nothing.

Export: the canonical columns plus ``notifiable_reason``, ``activity_bq`` (at the reference
date) and ``activity_now_bq`` (decayed to ``as_of``, default today); disposed sources too.
``--format dsa`` writes the notifiable sources in the layout of DSA's notification (make,
model, serial number, technical specification, year, dealer, use, location …), with DSA's
Norwegian headers and words; as XLSX when the file name ends in ``.xlsx``, JSON for
``.json``, else CSV.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.domain.errors import ValidationError
from vernetool.exchange.chemical_layouts import RoomIndex, split_location
from vernetool.exchange.chemicals_io import parse_date
from vernetool.exchange.importing import Cancel, Checker, Progress, checked_texts, import_file
from vernetool.exchange.result import ImportResult
from vernetool.exchange.tabular import Schema, TableRow, nocase, parse_bool, parse_decimal
from vernetool.exchange.writers import write_records

if TYPE_CHECKING:
    from vernetool.domain.radiation.model import SourceInput

FIELDS = ("kind", "name", "nuclide", "activity", "activity_unit", "reference_date", "make",
          "model", "serial_number", "technical_specification", "year", "dealer", "use",
          "laser_class", "room", "location", "responsible", "dsa_id", "dsa_status",
          "notifiable", "leak_test_last", "leak_test_interval_months", "waste_pickup_on",
          "notes")
COLUMNS = (*FIELDS, "notifiable_reason", "activity_bq", "activity_now_bq", "disposed_on")

SCHEMA = Schema({
    "kind": ("Type", "Kildetype", "Kategori", "Kildekategori", "Source type", "Kind"),
    "name": ("Navn", "Betegnelse", "Beskrivelse", "Name", "Description"),
    "nuclide": ("Nuklide", "Isotop", "Radionuklide", "Nuclide", "Isotope", "Radionuclide"),
    "activity": ("Aktivitet", "Aktivitet ved referansedato", "Activity"),
    "activity_unit": ("Enhet", "Aktivitetsenhet", "Unit", "Activity unit"),
    "reference_date": ("Referansedato", "Ref.dato", "Refdato", "Kalibreringsdato",
                       "Reference date", "Calibration date"),
    "make": ("Fabrikat", "Produsent", "Merke", "Manufacturer", "Make"),
    "model": ("Modell", "Typebetegnelse", "Model"),
    "serial_number": ("Serienummer", "Serienr", "Serial number", "Serial", "S/N", "SN"),
    "technical_specification": ("Teknisk spesifikasjon", "Spesifikasjon", "Tekniske data",
                                "Technical specification", "Specification"),
    "year": ("Produksjonsår", "År", "Årsmodell", "Byggeår", "Year", "Year of manufacture"),
    "dealer": ("Forhandler", "Leverandør", "Dealer", "Supplier", "Vendor"),
    "use": ("Bruksområde", "Bruk", "Formål", "Anvendelse", "Use", "Purpose"),
    "laser_class": ("Laserklasse", "Klasse", "Laser class", "Class"),
    "room": ("Rom", "Romnr", "Romnummer", "Lokasjon", "Room"),
    "location": ("Plassering", "Oppbevaringssted", "Sted", "Location", "Place"),
    "responsible": ("Ansvarlig", "Kildeansvarlig", "Strålevernkoordinator", "Responsible"),
    "dsa_id": ("DSA-id", "DSA id", "DSA-nummer", "DSA nr", "Kilde-id", "Kildeid",
               "DSA source id", "Source id"),
    "dsa_status": ("DSA-status", "Status", "DSA status"),
    "notifiable": ("Meldepliktig", "Meldepliktig til DSA", "Notifiable"),
    "leak_test_last": ("Siste lekkasjetest", "Lekkasjetest", "Sist lekkasjetestet",
                       "Last leak test", "Leak test"),
    "leak_test_interval_months": ("Lekkasjetestintervall", "Testintervall",
                                  "Intervall (måneder)", "Leak test interval"),
    "waste_pickup_on": ("Avfall hentes", "Hentedato avfall", "Waste pickup",
                        "Waste pick-up"),
    "notes": ("Merknader", "Merknad", "Kommentar", "Notes", "Remarks"),
}, required=("kind",))

_LIMITS = {"name": 200, "make": 200, "model": 200, "serial_number": 100,
           "technical_specification": 1000, "dealer": 200, "use": 500, "room": 500,
           "location": 200, "responsible": 200, "dsa_id": 50, "notes": 2000}


# -- what the store holds, read once ---------------------------------------------------------

@dataclass(frozen=True)
class _Stored:
    id: int
    values: tuple[object, ...]     # the stored columns, as ``PreparedSource.values()``
    input: SourceInput


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _load_sources(conn: sqlite3.Connection) -> list[_Stored]:
    from vernetool.db.radiation.sources import COLUMNS as STORED
    from vernetool.domain.radiation.model import SourceInput
    from vernetool.domain.radiation.sources import DsaStatus, LaserClass, SourceKind

    values = {r[0]: tuple(r[1:]) for r in conn.execute(
        f"SELECT id, {STORED} FROM radiation_source")}
    stored: list[_Stored] = []
    for r in conn.execute(
            "SELECT id, kind, name, nuclide, activity, activity_unit, reference_date, make, "
            "model, serial_number, technical_specification, year, dealer, use, laser_class, "
            "room_id, responsible_id, responsible, location, dsa_id, dsa_status, "
            "notifiable_stated, leak_test_last, leak_test_interval_months, waste_pickup_on, "
            "notes FROM radiation_source ORDER BY id"):
        source = SourceInput(
            kind=SourceKind(r[1]), name=r[2], nuclide=r[3],
            activity=Decimal(r[4]) if r[4] else None, activity_unit=r[5],
            reference_date=_date(r[6]), make=r[7], model=r[8], serial_number=r[9],
            technical_specification=r[10], year=r[11], dealer=r[12], use=r[13],
            laser_class=LaserClass(r[14]) if r[14] else None, room_id=r[15],
            responsible_id=r[16], responsible=r[17], location=r[18], dsa_id=r[19],
            dsa_status=DsaStatus(r[20]) if r[20] else None,
            notifiable=None if r[21] is None else bool(r[21]),
            leak_test_last=_date(r[22]), leak_test_interval_months=r[23],
            waste_pickup_on=_date(r[24]), notes=r[25])
        stored.append(_Stored(r[0], values[r[0]], source))
    return stored


def _persons(conn: sqlite3.Connection) -> dict[str, list[tuple[int, str]]]:
    """nocase(name or e-mail) → [(person id, name)]."""
    found: dict[str, list[tuple[int, str]]] = {}
    for pid, name, email in conn.execute("SELECT id, name, email FROM person"):
        found.setdefault(nocase(" ".join(name.split())), []).append((pid, name))
        if email:
            found.setdefault(nocase(email.strip()), []).append((pid, name))
    return found


def load_rooms(conn: sqlite3.Connection) -> RoomIndex:
    index = RoomIndex()
    for room_id, code, number, name in conn.execute(
            "SELECT r.id, b.code, r.number, b.name FROM room r "
            "JOIN building b ON b.id = r.building_id"):
        index.add(room_id, code, number, name)
    return index


def find_room(rooms: RoomIndex, text: str, field: str = "room") -> int | None:
    """The room a cell names (``BUILDING:ROOM``, a path); "" → None; unknown → an error."""
    if not text:
        return None
    found = rooms.find(split_location(text), "")
    if found is None:
        raise ValidationError("register.room_unknown", field, room=text)
    return found[0]


# -- parsing one row ---------------------------------------------------------------------------

def _activity(check: Checker, values: dict[str, str]) -> tuple[Decimal | None, str]:
    from vernetool.domain.radiation.activity import parse_activity

    text, unit = values.get("activity", ""), values.get("activity_unit", "")
    if not text:
        if unit:
            from vernetool.domain.radiation.activity import normalise_unit

            check.run(lambda: normalise_unit(unit), "")
        return None, ""
    activity = check.run(lambda: parse_activity(text, unit or None), None)
    if activity is None:
        return None, ""
    return activity.value, activity.unit


def _year(text: str) -> int | None:
    number = parse_decimal(text, "year")
    if number is None:
        return None
    if not number.is_integer() or not 1850 <= number <= 2200:
        raise ValidationError("source.year_invalid", "year", year=text)
    return int(number)


def _interval(text: str) -> int | None:
    from vernetool.domain.radiation.sources import check_leak_test_interval

    number = parse_decimal(text, "leak_test_interval_months", units=("måneder", "mnd",
                                                                     "months"))
    if number is None:
        return None
    if not number.is_integer():
        raise ValidationError("source.leak_test_interval_invalid",
                              "leak_test_interval_months", months=text)
    check_leak_test_interval(int(number))
    return int(number)


class _SourceRows:
    def __init__(self, conn: sqlite3.Connection, has: Callable[[str], bool],
                 actor: str) -> None:
        self.conn = conn
        self.actor = actor
        self.has = has
        self.rooms = load_rooms(conn)
        self.persons = _persons(conn)
        self.stored = _load_sources(conn)
        self.by_dsa = {nocase(s.input.dsa_id): s for s in self.stored if s.input.dsa_id}
        self.by_serial = {(nocase(s.input.make), nocase(s.input.serial_number)): s
                          for s in self.stored if s.input.serial_number}
        self.by_content: dict[tuple[object, ...], _Stored] = {}
        for s in self.stored:
            if not s.input.serial_number and not s.input.dsa_id:
                self.by_content.setdefault(_content_key(s.input), s)
        self.seen: dict[tuple[object, ...], int] = {}

    def parse(self, row: TableRow) -> SourceInput:
        """The row as a checked ``SourceInput`` (every field problem raised at once)."""
        from vernetool.domain.radiation.model import SourceInput
        from vernetool.domain.radiation.nuclides import half_life_seconds, normalise_nuclide
        from vernetool.domain.radiation.sources import (
            check_laser_class,
            needs_nuclide,
            parse_dsa_status,
            parse_laser_class,
            parse_source_kind,
        )

        check = Checker()
        values = row.values
        text = checked_texts(check, row, _LIMITS)
        kind = check.run(lambda: parse_source_kind(values.get("kind", "")), None)
        nuclide = ""
        if values.get("nuclide"):
            nuclide = check.run(lambda: normalise_nuclide(values["nuclide"]), "")
            if nuclide:
                check.run(lambda: half_life_seconds(nuclide), 0.0)
        activity, unit = _activity(check, values)
        reference = check.run(lambda: parse_date(values.get("reference_date", ""),
                                                 "reference_date"), None)
        laser_class = None
        if values.get("laser_class"):
            laser_class = check.run(lambda: parse_laser_class(values["laser_class"]), None)
        status = None
        if values.get("dsa_status"):
            status = check.run(lambda: parse_dsa_status(values["dsa_status"]), None)
        notifiable = check.run(lambda: parse_bool(values.get("notifiable", ""),
                                                  "notifiable"), None)
        year = check.run(lambda: _year(values.get("year", "")), None)
        leak_last = check.run(lambda: parse_date(values.get("leak_test_last", ""),
                                                 "leak_test_last"), None)
        interval = check.run(lambda: _interval(values.get("leak_test_interval_months", "")),
                             None)
        pickup = check.run(lambda: parse_date(values.get("waste_pickup_on", ""),
                                              "waste_pickup_on"), None)
        room_id = check.run(lambda: find_room(self.rooms, text["room"]), None)
        # what a row must say (a column the file lacks: the stored source's value, checked
        # by the store's own rules below)
        if kind is not None:
            if needs_nuclide(kind) and self.has("nuclide") and not values.get("nuclide"):
                check.add("nuclide", "source.nuclide_required")
            if activity is not None and reference is None and self.has(
                    "reference_date") and not values.get("reference_date"):
                check.add("reference_date", "source.reference_date_required")
            if self.has("laser_class") and (not values.get("laser_class")
                                            or laser_class is not None):
                check.run(lambda: check_laser_class(kind, laser_class), None)
        check.raise_if_any()
        assert kind is not None
        responsible = " ".join(text["responsible"].split())
        people = self.persons.get(nocase(responsible), []) if responsible else []
        responsible_id = people[0][0] if len(people) == 1 else None
        if responsible_id is not None:
            responsible = people[0][1]
        return SourceInput(
            kind=kind, nuclide=nuclide, activity=activity, activity_unit=unit,
            reference_date=reference, make=text["make"], model=text["model"],
            serial_number=text["serial_number"],
            technical_specification=text["technical_specification"], year=year,
            dealer=text["dealer"], use=text["use"], laser_class=laser_class, room_id=room_id,
            responsible_id=responsible_id, responsible=responsible,
            location=text["location"], dsa_id=text["dsa_id"], dsa_status=status,
            notifiable=notifiable, leak_test_last=leak_last,
            leak_test_interval_months=interval, waste_pickup_on=pickup, name=text["name"],
            notes=text["notes"])

    def _match(self, source: SourceInput) -> tuple[tuple[object, ...], _Stored | None]:
        by_dsa = self.by_dsa.get(nocase(source.dsa_id)) if source.dsa_id else None
        by_serial = (self.by_serial.get((nocase(source.make), nocase(source.serial_number)))
                     if source.serial_number else None)
        if by_dsa is not None and by_serial is not None and by_dsa.id != by_serial.id:
            raise ValidationError("source.key_conflict", "dsa_id", dsa_id=source.dsa_id,
                                  serial_number=source.serial_number)
        stored = by_dsa or by_serial
        if source.serial_number:
            key: tuple[object, ...] = ("serial", nocase(source.make),
                                       nocase(source.serial_number))
        elif source.dsa_id:
            key = ("dsa", nocase(source.dsa_id))
        else:
            key = ("content", *_content_key(source))
            stored = self.by_content.get(_content_key(source))
        if stored is not None:
            key = ("id", stored.id)
        return key, stored

    def prepare(self, row: TableRow) -> Callable[[], bool] | None:
        source = self.parse(row)
        key, stored = self._match(source)
        if key in self.seen:
            raise ValidationError("source.twice", "serial_number", row=self.seen[key])
        self.seen[key] = row.number
        from vernetool.db.radiation.sources import prepare_source
        from vernetool.domain.radiation.sources import notifiability

        if stored is not None:
            source = self._keep_absent(source, stored.input)
            if source.dsa_status is None:  # an empty status keeps the current one
                source = replace(source, dsa_status=stored.input.dsa_status)
        if source.notifiable and notifiability(source.kind, source.laser_class).notifiable:
            # "yes" for a kind that always is notifiable says nothing (an export's column)
            source = replace(source, notifiable=stored.input.notifiable if stored else None)
        prepared = prepare_source(source)  # the store's own checks: a row error here
        if stored is not None:
            if prepared.values() == stored.values:
                return None
            source_id = stored.id

            def update() -> bool:
                from vernetool.db.radiation.sources import update_source

                return update_source(self.conn, source_id, prepared, actor=self.actor)

            return update

        def insert() -> bool:
            from vernetool.db.radiation.sources import insert_source

            insert_source(self.conn, prepared, actor=self.actor)
            return True

        return insert

    def _keep_absent(self, source: SourceInput, stored: SourceInput) -> SourceInput:
        """A column the file lacks keeps the stored value."""
        keep: dict[str, Any] = {}
        for name in FIELDS:
            if self.has(name):
                continue
            if name == "activity_unit" or name == "activity":
                if not self.has("activity"):
                    keep["activity"] = stored.activity
                    keep["activity_unit"] = stored.activity_unit
                continue
            if name == "room":
                keep["room_id"] = stored.room_id
            elif name == "responsible":
                keep["responsible"] = stored.responsible
                keep["responsible_id"] = stored.responsible_id
            else:
                keep[name] = getattr(stored, name)
        return replace(source, **keep) if keep else source


def _content_key(source: SourceInput) -> tuple[object, ...]:
    activity = source.activity
    if activity is not None and not isinstance(activity, Decimal):
        from vernetool.domain.radiation.activity import parse_number

        activity = parse_number(activity)
    return (source.kind.value, source.nuclide,
            None if activity is None else activity.normalize(), source.activity_unit,
            source.reference_date, source.room_id, nocase(source.name),
            nocase(source.model))


def import_sources(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                   actor: str, progress: Progress | None = None,
                   cancel: Cancel | None = None, **_: Any) -> ImportResult:
    """Import a radiation sources file (see the module docstring)."""
    from vernetool.db.radiation.common import SOURCE

    return import_file(conn, path, SCHEMA,
                       lambda has: _SourceRows(conn, has, actor or "import"),
                       entity=SOURCE, strict=strict, actor=actor, progress=progress,
                       cancel=cancel)


# -- export ------------------------------------------------------------------------------------

def _now_bq(activity_bq: float | None, nuclide: str, reference: dt.date | None,
            as_of: dt.date) -> float | None:
    from vernetool.domain.radiation.activity import activity_at

    if activity_bq is None or not nuclide or reference is None:
        return None
    try:
        return activity_at(activity_bq, nuclide, reference, as_of)
    except ValidationError:  # a nuclide without a half-life: no figure rather than a wrong one
        return None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def source_records(conn: sqlite3.Connection, as_of: dt.date,
                   source_ids: Collection[int] | None = None) -> list[dict[str, Any]]:
    """Every source (disposed ones too), or those with ``source_ids``, with the canonical
    field names (and ``source_id``)."""
    records: list[dict[str, Any]] = []
    where = ""
    params: tuple[str, ...] = ()
    if source_ids is not None:
        where = "WHERE s.id IN (SELECT value FROM json_each(?)) "
        params = (json.dumps(sorted(source_ids)),)
    for r in conn.execute(
            "SELECT s.kind, s.name, s.nuclide, s.activity, s.activity_unit, "
            "s.reference_date, s.make, s.model, s.serial_number, s.technical_specification, "
            "s.year, s.dealer, s.use, s.laser_class, "
            "CASE WHEN s.room_id IS NULL THEN '' ELSE b.code || ':' || r.number END, "
            "s.location, coalesce(p.name, s.responsible), s.dsa_id, s.dsa_status, "
            "s.notifiable, s.leak_test_last, s.leak_test_interval_months, "
            "s.waste_pickup_on, s.notes, s.notifiable_reason, s.activity_bq, s.disposed_on, "
            "s.id FROM radiation_source s LEFT JOIN room r ON r.id = s.room_id "
            "LEFT JOIN building b ON b.id = r.building_id "
            "LEFT JOIN person p ON p.id = s.responsible_id "
            f"{where}ORDER BY s.kind, s.nuclide, s.make, s.serial_number, s.id", params):
        reference = _date(r[5])
        records.append({
            "kind": r[0], "name": r[1], "nuclide": r[2],
            "activity": _number(Decimal(r[3])) if r[3] else None,
            "activity_unit": r[4], "reference_date": r[5] or "", "make": r[6],
            "model": r[7], "serial_number": r[8], "technical_specification": r[9],
            "year": r[10], "dealer": r[11], "use": r[12], "laser_class": r[13],
            "room": r[14], "location": r[15], "responsible": r[16] or "", "dsa_id": r[17],
            "dsa_status": r[18], "notifiable": None if r[19] is None else bool(r[19]),
            "leak_test_last": r[20] or "", "leak_test_interval_months": r[21],
            "waste_pickup_on": r[22] or "", "notes": r[23], "notifiable_reason": r[24],
            "activity_bq": r[25],
            "activity_now_bq": _now_bq(r[25], r[2], reference, as_of),
            "disposed_on": r[26] or "", "source_id": r[27]})
    return records


#: DSA's notification: our field → the form's Norwegian header
DSA_COLUMNS = (
    ("dsa_id", "DSA-id"), ("kind", "Kildetype"), ("make", "Fabrikat"), ("model", "Modell"),
    ("serial_number", "Serienummer"), ("technical_specification", "Teknisk spesifikasjon"),
    ("year", "Produksjonsår"), ("dealer", "Forhandler"), ("use", "Bruksområde"),
    ("location", "Plassering"), ("nuclide", "Nuklide"), ("activity", "Aktivitet"),
    ("activity_unit", "Enhet"), ("reference_date", "Referansedato"),
    ("laser_class", "Laserklasse"), ("responsible", "Ansvarlig"),
    ("dsa_status", "Status"), ("notifiable_reason", "Meldepliktig fordi"),
)


def dsa_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The notifiable sources still held (or missing) in DSA's layout and words (nb)."""
    return [{header: row[name] for name, header in DSA_COLUMNS} for row in dsa_rows(records)]


def dsa_rows(records: list[dict[str, Any]], *, include_disposed: bool = False
             ) -> list[dict[str, Any]]:
    """The notifiable sources in DSA's words (nb), keyed by the fields of ``DSA_COLUMNS``
    (plus ``source_id`` and ``disposed_on``); disposed ones only with ``include_disposed``
    (a delivery tells DSA a source left, with its status)."""
    from vernetool.domain.radiation.sources import (
        dsa_status_phrase,
        notifiable_reason_phrase,
        source_kind_phrase,
    )
    from vernetool.i18n import translator

    words = translator("nb")
    rows: list[dict[str, Any]] = []
    for record in records:
        if not record["notifiable"] or (record["disposed_on"] and not include_disposed):
            continue
        spec = record["technical_specification"] or _specification(record)
        where = ", ".join(p for p in (record["room"], record["location"]) if p)
        row = {
            "dsa_id": record["dsa_id"],
            "kind": words.render(source_kind_phrase(record["kind"]).code),
            "make": record["make"], "model": record["model"],
            "serial_number": record["serial_number"], "technical_specification": spec,
            "year": record["year"], "dealer": record["dealer"],
            "use": record["use"], "location": where,
            "nuclide": record["nuclide"], "activity": record["activity"],
            "activity_unit": record["activity_unit"],
            "reference_date": record["reference_date"],
            "laser_class": record["laser_class"], "responsible": record["responsible"],
            "dsa_status": (words.render(dsa_status_phrase(record["dsa_status"]).code)
                           if record["dsa_status"] else ""),
            "notifiable_reason": words.render(
                notifiable_reason_phrase(record["notifiable_reason"]).code),
            "source_id": record.get("source_id"), "disposed_on": record["disposed_on"],
        }
        rows.append(row)
    return rows


def _specification(record: dict[str, Any]) -> str:
    """What DSA asks as the technical specification, from the register's fields."""
    if record["nuclide"]:
        activity = record["activity"]
        text = str(record["nuclide"])
        if activity is not None:
            number = f"{activity}".replace(".", ",")
            text += f", {number} {record['activity_unit']}"
        if record["reference_date"]:
            text += f" ({record['reference_date']})"
        return text
    if record["laser_class"]:
        return f"Laserklasse {record['laser_class']}"
    return ""



def export_sources(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                   include_personal_data: bool = False, as_of: dt.date | None = None,
                   **_: Any) -> int:
    """Write every source to ``out`` (csv, xlsx, json; ``dsa``: the notifiable sources in
    DSA's notification layout); ``activity_now_bq`` at ``as_of`` (default today)."""
    records = source_records(conn, as_of or dt.date.today())
    if fmt == "dsa":
        suffix = Path(out).suffix.lower()
        real = "xlsx" if suffix == ".xlsx" else "json" if suffix == ".json" else "csv"
        return write_records(out, real, [h for _, h in DSA_COLUMNS], dsa_records(records),
                             sheet_title="DSA")
    return write_records(out, fmt, COLUMNS, records, sheet_title="Sources")
