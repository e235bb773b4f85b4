"""The chemical register from and to files: one row per holding (DESIGN.md "Canonical
chemicals file"); the layouts a file may have are in ``chemical_layouts``.

Import, row by row (a row is imported whole or reported with its spreadsheet row number):

- ``room``: a location path or ``BUILDING:ROOM`` (see ``chemical_layouts``). A row for a room
  this database does not hold is **skipped and counted** in ``skipped``, before anything else
  in it is checked (the central extract covers the whole faculty; a room responsible's
  database holds their rooms). With ``create_rooms`` such a room is created instead (type
  "other", its building and campus when new).
- ``product`` + ``supplier`` are the product's natural key (case-insensitive). The first row
  of a product in the file gives its CAS numbers, statements, signal word and SDS; a later
  row of the same product that says something else in one of those columns is an error on
  that row, naming the earlier one (a later row that leaves the cell empty is fine).
- ``cas``: one or more numbers (``;``, ``,``, ``/`` or spaces between), each with its check
  digit verified. ``hazard_statements``: real-world spellings (``H225, H319 og H336``,
  ``H 350``, ``h360fd``, ``H301+H311+H331``, P codes too) normalised; an unknown code is an
  error naming it. ``signal_word``: ``Fare``/``Danger``, ``Advarsel``/``Warning`` (empty,
  ``-``, ``Ingen``: none).
- ``quantity`` (decimal comma accepted, ``2.5E+00`` too; a quantity in words is an error),
  ``unit`` (normalised by the domain: ``liter`` → ``L``), ``containers`` (a whole number).
- ``status``: ``I bruk``/``in_use`` (also ``available``, ``0``) or ``Avhendet``/
  ``disposed`` (also ``Kassert``, ``1``, Chimithèque's ``archive?`` = ``true``). A disposed
  holding keeps the date it was disposed on: ``disposed_on`` when the file gives one, else
  the date already stored, else **today** (the day of the import).
- ``sds_url``/``sds_file`` (``Sikkerhetsdatablad``: a URL or a file name), ``sds_revised``
  (``2021-11-05``, ``05.11.2021``, ``Revisjon: 05.11.2021``), ``sds_language`` (``nb``,
  ``Norsk``, ``Engelsk``, ``English`` …; another language's name → ``other``): stored as a
  link row in the product's SDS history (``chemical_sds``) when a URL or file name is given
  and it differs from the product's newest sheet. (A file name is kept as the link's text;
  the file itself is not read: attach it in the product dialog.)
- holding = product + room + storage place: a second row with the same key is an error
  naming the first. A column the file lacks keeps the stored value; a row identical to what
  is stored writes nothing, so re-importing a file reports 0 imported.

Speed: every row is prepared against the store read once (rooms, products, holdings), with
the cell texts that repeat (the product cells, the holding cells, locations) parsed once per
distinct combination; the writes then go in bulk (``executemany``) in one transaction, the
holdings through ``upsert_checked_holdings`` (their values were checked here, cell by cell).

Export: the canonical columns plus ``pictograms`` (GHS codes from the H codes, CLP article
26 applied) and ``exposure_register`` (yes/no, §31-1), every holding, disposed ones too.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import re
import sqlite3
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.db.chemicals.common import HOLDING
from vernetool.db.chemicals.products import PreparedProduct
from vernetool.domain.chemicals.model import (
    Component,
    HoldingStatus,
    ProductInput,
    SignalWord,
)
from vernetool.domain.errors import Phrase, ValidationError
from vernetool.exchange.chemical_layouts import (
    FIELDS,
    SCHEMA,
    RoomGuess,
    RoomIndex,
    read_mapping,
    split_location,
)
from vernetool.exchange.importing import (
    Cancel,
    Checker,
    Problem,
    Progress,
    RowProblems,
    checked_texts,
    import_file,
)
from vernetool.exchange.result import ImportResult
from vernetool.exchange.tabular import (
    Schema,
    TableRow,
    alias_table,
    nocase,
    parse_choice,
    parse_decimal,
    value_key,
)
from vernetool.exchange.writers import write_records

if TYPE_CHECKING:
    from vernetool.db.chemicals.holdings import CheckedHolding

#: The export's columns: the canonical file's, then what the domain derives.
COLUMNS = (*FIELDS, "pictograms", "exposure_register")

_LIMITS = {"product": 300, "supplier": 200, "place": 200, "room": 500, "sds_url": 2000,
           "sds_file": 500}
_ROOM_LIMIT, _PLACE_LIMIT = _LIMITS["room"], _LIMITS["place"]

SIGNAL_WORDS: dict[str, SignalWord | None] = alias_table({
    "fare": SignalWord.DANGER, "danger": SignalWord.DANGER, "gefahr": SignalWord.DANGER,
    "danger!": SignalWord.DANGER,
    "advarsel": SignalWord.WARNING, "warning": SignalWord.WARNING,
    "achtung": SignalWord.WARNING, "attention": SignalWord.WARNING,
    "ingen": None, "none": None, "-": None, "ikke relevant": None, "n/a": None,
})
_NO_SIGNAL = {"", "_"}  # value_key of "-", "—", "–"

STATUSES: dict[str, HoldingStatus] = alias_table({
    "in_use": HoldingStatus.IN_USE, "in use": HoldingStatus.IN_USE,
    "i bruk": HoldingStatus.IN_USE, "aktiv": HoldingStatus.IN_USE,
    "active": HoldingStatus.IN_USE, "available": HoldingStatus.IN_USE,
    "tilgjengelig": HoldingStatus.IN_USE, "på lager": HoldingStatus.IN_USE,
    "0": HoldingStatus.IN_USE, "false": HoldingStatus.IN_USE, "nei": HoldingStatus.IN_USE,
    "no": HoldingStatus.IN_USE, "yes": HoldingStatus.DISPOSED,
    "disposed": HoldingStatus.DISPOSED, "avhendet": HoldingStatus.DISPOSED,
    "kassert": HoldingStatus.DISPOSED, "destruert": HoldingStatus.DISPOSED,
    "brukt opp": HoldingStatus.DISPOSED, "oppbrukt": HoldingStatus.DISPOSED,
    "destroyed": HoldingStatus.DISPOSED, "1": HoldingStatus.DISPOSED,
    "true": HoldingStatus.DISPOSED, "ja": HoldingStatus.DISPOSED,
    "archived": HoldingStatus.DISPOSED, "arkivert": HoldingStatus.DISPOSED,
})
_STATUS_WORDS = Phrase("value.choices.holding_status")

_DATE_PREFIX = re.compile(r"^\s*(revisjon(sdato)?|revidert|rev\.?|revision( date)?|"
                          r"revised|dato|date|utgitt|versjon|version)\s*[:.]?\s*",
                          re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T][\d:.]+)?$")
_SCIENTIFIC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$")
_URL = re.compile(r"^(https?|ftp)://", re.IGNORECASE)
_DISPOSED = HoldingStatus.DISPOSED


def parse_date(text: str, field_name: str) -> dt.date | None:
    """``2021-11-05``, ``05.11.2021``, ``5/11/2021``, ``Revisjon: 05.11.2021`` → a date;
    ``""`` (and Go's zero date ``0001-01-01``) → None; anything else is an error."""
    value = _DATE_PREFIX.sub("", text).strip()
    if not value:
        return None
    try:
        if m := _ISO.match(value):
            found = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return None if found.year == 1 else found
        if m := _DMY.match(value):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        raise ValidationError("value.not_a_real_date", field_name, text=text) from None
    raise ValidationError("value.not_a_date", field_name, text=text)


def parse_quantity(text: str, field_name: str = "quantity") -> tuple[float | None, str]:
    """A quantity ≥ 0 and the unit written in the same cell, if any: ``48,5``, ``1 000``,
    ``2,5 L``, Chimithèque's ``2.5E+00``; a quantity in words is an error."""
    from vernetool.domain.chemicals.quantities import split_quantity

    value = text.strip()
    if not value:
        return None, ""
    if _SCIENTIFIC.match(value):
        number = float(value)
        if number < 0:
            raise ValidationError("value.below_minimum", field_name, text=text, minimum=0)
        return number, ""
    return split_quantity(value, field_name)


def parse_containers(text: str) -> int | None:
    number = parse_decimal(text, "containers", minimum=0)
    if number is None:
        return None
    if not number.is_integer() or number > 1_000_000:
        raise ValidationError("chemical.containers_whole", "containers", text=text)
    return int(number)


def parse_signal_word(text: str) -> SignalWord | None:
    key = value_key(text)
    if key in _NO_SIGNAL:
        return None
    if key in SIGNAL_WORDS:
        return SIGNAL_WORDS[key]
    raise ValidationError("value.not_one_of", "signal_word", text=text,
                          allowed=Phrase("value.choices.signal_words"))


def parse_language(text: str) -> str:
    """An SDS language as stored: nb, nn, en, sv, da, de or other ("" when not given)."""
    from vernetool.domain.chemicals.sds import normalise_language

    return normalise_language(text)


def parse_revised(text: str) -> dt.date | None:
    """An SDS revision date: ``2021-11-05``, ``05.11.2021``, ``Revisjon: 05.11.2021`` …"""
    from vernetool.domain.chemicals.sds import parse_revision_date

    return parse_revision_date(text, "sds_revised") if text.strip() else None


# -- what the store holds, read once ------------------------------------------------------

@dataclass(frozen=True)
class _Sds:
    url: str
    revised: dt.date | None
    language: str


@dataclass
class _ProductData:
    """What a row says about its product; None/False = the file has no such column."""

    name: str
    supplier: str
    cas: tuple[str, ...] | None = None
    codes: tuple[str, ...] | None = None          # H, EUH and P, in the file's order
    signal_word: SignalWord | bool | None = False  # False: not given
    sds: _Sds | bool | None = False                # False: not given

    key: tuple[str, str] = ("", "")   # nocase(name), nocase(supplier)
    #: the product's first row's data this was last compared with, and the first column in
    #: which it says something else ("" when none): once per distinct product cells
    compared: _ProductData | None = field(default=None, compare=False, repr=False)
    difference: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        self.key = (nocase(self.name), nocase(self.supplier))


@dataclass
class _StoredProduct:
    id: int
    components: tuple[Component, ...]
    codes: tuple[str, ...]                      # H and EUH first, then P, as stored
    signal_word: SignalWord | None
    #: what ``PreparedProduct`` would have to be for the product to be unchanged
    state: tuple[object, ...]
    sds_url: str
    sds: _Sds | None


@dataclass
class _ProductPlan:
    """A product as this import leaves it: written when ``changed``."""

    data: _ProductData
    row: int
    prepared: PreparedProduct
    stored: _StoredProduct | None
    changed: bool
    sds_changed: bool
    id: int | None = None


#: where a row's holding is: (room id or None, the room to create or None, the place, the
#: key of room + place a second row of the same product must not repeat)
_Where = tuple[int | None, RoomGuess | None, str, tuple[object, str]]


class _HoldingWrite:
    """One row's write: its product's plan (written when this row is the product's first
    and it changed) and its holding (None when the holding is as stored)."""

    __slots__ = ("guess", "holding", "place", "product", "room_id", "writes_product")

    def __init__(self, product: _ProductPlan, writes_product: bool, room_id: int | None,
                 guess: RoomGuess | None, place: str,
                 holding: tuple[float | None, str, int | None, HoldingStatus,
                                dt.date | None] | None) -> None:
        self.product = product
        self.writes_product = writes_product
        self.room_id = room_id
        self.guess = guess
        self.place = place
        self.holding = holding

    def __call__(self) -> bool:  # pragma: no cover - write_many writes every row
        raise NotImplementedError


def _state(signal: str, pictograms: str, exposure: int, search: str,
           parts: tuple[object, ...]) -> tuple[object, ...]:
    return (signal, pictograms, int(exposure), search, parts)


def _prepared_state(p: PreparedProduct) -> tuple[object, ...]:
    parts = (tuple((c.cas, c.name, c.concentration) for c in p.components),
             (*p.hazard_codes, *p.precautionary_codes))
    return _state(p.signal_word.value if p.signal_word else "", ",".join(p.pictograms),
                  int(p.exposure_register), p.search_text, parts)


def _load_rooms(conn: sqlite3.Connection) -> RoomIndex:
    index = RoomIndex()
    for room_id, code, number, name in conn.execute(
            "SELECT r.id, b.code, r.number, b.name FROM room r "
            "JOIN building b ON b.id = r.building_id"):
        index.add(room_id, code, number, name)
    return index


def _load_products(conn: sqlite3.Connection) -> dict[tuple[str, str], _StoredProduct]:
    comps: dict[int, list[Component]] = {}
    for pid, number, name, concentration in conn.execute(
            "SELECT product_id, cas, name, concentration FROM chemical_component "
            "ORDER BY product_id, position"):
        comps.setdefault(pid, []).append(Component(number, name, concentration))
    codes: dict[int, list[str]] = {}
    for pid, code in conn.execute(
            "SELECT product_id, code FROM chemical_statement ORDER BY product_id, kind, "
            "position"):
        codes.setdefault(pid, []).append(code)
    sheets: dict[int, _Sds] = {}
    for pid, url, revised, language in conn.execute(
            "SELECT s.product_id, s.url, s.revised_on, s.language FROM chemical_sds s "
            "WHERE s.id = (SELECT max(id) FROM chemical_sds t "
            "WHERE t.product_id = s.product_id)"):
        sheets[pid] = _Sds(url, dt.date.fromisoformat(revised) if revised else None,
                           language)
    by_key: dict[tuple[str, str], _StoredProduct] = {}
    for pid, name, supplier, signal, pictograms, exposure, sds_url, search in conn.execute(
            "SELECT id, name, supplier, signal_word, pictograms, exposure_register, sds_url, "
            "search_text FROM chemical_product"):
        components = tuple(comps.get(pid, ()))
        stored_codes = tuple(codes.get(pid, ()))
        parts = (tuple((c.cas, c.name, c.concentration) for c in components), stored_codes)
        by_key[(nocase(name), nocase(supplier))] = _StoredProduct(
            pid, components, stored_codes, SignalWord(signal) if signal else None,
            _state(signal, pictograms, exposure, search, parts), sds_url, sheets.get(pid))
    return by_key


def _load_holdings(conn: sqlite3.Connection) -> dict[tuple[int, int, str], tuple[Any, ...]]:
    """(product, room, place) → (quantity, unit, containers, status, disposed_on)."""
    return {(pid, rid, nocase(place)): (qty, unit, containers, HoldingStatus(status),
                                        dt.date.fromisoformat(disposed) if disposed else None)
            for pid, rid, place, qty, unit, containers, status, disposed in conn.execute(
                "SELECT product_id, room_id, place, quantity, unit, containers, status, "
                "disposed_on FROM chemical_holding")}


class _Cache(dict[str, Any]):
    """Parsed cell texts (a value, or the ValidationError the text gives) by text."""

    def __init__(self, parse: Callable[[str], Any]) -> None:
        super().__init__()
        self.parse = parse

    def get_or_raise(self, text: str) -> Any:
        try:
            found = self[text]
        except KeyError:
            try:
                found = self.parse(text)
            except ValidationError as exc:
                found = exc
            if len(self) < 100_000:
                self[text] = found
        if isinstance(found, ValidationError):
            raise found
        return found


def _normalise_unit(text: str) -> str:
    from vernetool.domain.chemicals.quantities import normalise_unit

    return normalise_unit(text) if text.strip() else ""


def _parse_statements(text: str) -> tuple[str, ...]:
    from vernetool.domain.chemicals.statements import parse_statements

    return tuple(parse_statements(text, "hazard_statements"))


def _parse_cas(text: str) -> tuple[str, ...]:
    from vernetool.domain.chemicals.cas import parse_cas_list

    return tuple(parse_cas_list(text, "cas"))


def _spaces(text: str) -> str:
    return text if "  " not in text else " ".join(text.split())


# -- the row handler ----------------------------------------------------------------------

class _ChemicalRows:
    """Prepares each row against what the store holds, read once at the start."""

    def __init__(self, conn: sqlite3.Connection, table_has: Callable[[str], bool], *,
                 actor: str, create_rooms: bool, today: dt.date) -> None:
        self.conn = conn
        self.actor = actor
        self.create_rooms = create_rooms
        #: rows skipped for a room this database does not hold, by room (and their labels)
        self.unknown_rooms: dict[str, int] = {}
        self.unknown_labels: dict[str, str] = {}
        self.today = today
        self.rooms = _load_rooms(conn)
        self.products = _load_products(conn)
        self.holdings = _load_holdings(conn)
        self.plans: dict[tuple[str, str], _ProductPlan] = {}
        self.seen: dict[tuple[tuple[str, str], tuple[object, str]], int] = {}
        self.locations: dict[tuple[str, str], _Where | None] = {}
        self.product_cells: dict[tuple[str, ...], _ProductData | list[Problem]] = {}
        self.cas = _Cache(_parse_cas)
        self.statements = _Cache(_parse_statements)
        self.units = _Cache(_normalise_unit)
        self.quantities = _Cache(_quantity)
        self.containers = _Cache(parse_containers)
        self.statuses = _Cache(_status)
        self.archived = _Cache(_archived)
        self.dates = _Cache(lambda text: parse_date(text, "disposed_on"))
        self.signals = _Cache(parse_signal_word)
        self.has = {name: table_has(name) for name in (
            "cas", "hazard_statements", "signal_word", "sds_url", "sds_file", "sds_revised",
            "sds_language", "quantity", "unit", "containers", "status", "disposed_on",
            "archived")}
        self.has_sds = any(self.has[n] for n in ("sds_url", "sds_file", "sds_revised",
                                                  "sds_language"))
        # the cells that say what the product is, and those that say what the holding is:
        # each combination is parsed once (a file repeats them many times)
        self.product_names = [n for n in _PRODUCT_FIELDS if n == "product" or table_has(n)]
        self.product_fields = _getter(self.product_names)
        self.holding_names = [n for n in _HOLDING_FIELDS if table_has(n)]
        self.holding_fields = _getter(self.holding_names)
        self.holding_cells: dict[tuple[str, ...], tuple[Any, ...] | list[Problem]] = {}

    def unknown_label(self, text: str) -> str:
        """A room this database does not hold, as the person is told of it: BUILDING:ROOM
        when the location names one, else the cell as written."""
        guess = self.rooms.guess(split_location(text))
        label = f"{guess.building}:{guess.number}" if guess is not None else text
        if len(self.unknown_labels) < 100_000:
            self.unknown_labels[text] = label
        return label

    def _location(self, text: str, place: str) -> _Where | None:
        """Where a row's location and place cells put the holding (None: a room this
        database does not hold), with the place as the store keeps it (single spaces)."""
        parts = split_location(text)
        found = self.rooms.find(parts, place)
        if found is not None:
            room_id, place = found
            place = " ".join(place.split())
            return room_id, None, place, (room_id, nocase(place))
        guess = self.rooms.guess(parts, place) if self.create_rooms else None
        if guess is None:
            return None
        place = " ".join(guess.place.split())
        return None, guess, place, (_guess_key(guess), nocase(place))

    def prepare(self, row: TableRow) -> _HoldingWrite | None:
        values = row.values
        get = values.get
        room_text = get("room", "")
        product_text = get("product", "")
        place_text = get("place", "")
        if not room_text or not product_text or len(room_text) > _ROOM_LIMIT or len(
                place_text) > _PLACE_LIMIT:
            self._refuse_names(values)
        key = (room_text, place_text)
        try:
            location = self.locations[key]
        except KeyError:
            location = self._location(room_text, place_text)
            if len(self.locations) < 100_000:
                self.locations[key] = location
        if location is None:  # a room this database does not hold: skipped, counted
            label = self.unknown_labels.get(room_text) or self.unknown_label(room_text)
            self.unknown_rooms[label] = self.unknown_rooms.get(label, 0) + 1
            return None
        room_id, guess, place, where = location

        # the cells that say what the product is, and those that say what the holding is,
        # each parsed once per distinct combination (a file repeats them many times)
        product_cells = self.product_fields(values)
        data = self.product_cells.get(product_cells)
        if data is None:
            data = self._product_data(dict(zip(self.product_names, product_cells,
                                               strict=True)))
            if len(self.product_cells) < 100_000:
                self.product_cells[product_cells] = data
        holding_cells = self.holding_fields(values)
        given = self.holding_cells.get(holding_cells)
        if given is None:
            given = self._holding_values(dict(zip(self.holding_names, holding_cells,
                                                  strict=True)))
            if isinstance(given, tuple):
                given = self._finish_holding(given)
            if len(self.holding_cells) < 100_000:
                self.holding_cells[holding_cells] = given
        if data.__class__ is not _ProductData or given.__class__ is not tuple or len(
                place) > _PLACE_LIMIT:
            problems: list[Problem] = []
            if isinstance(data, list):
                problems.extend(data)
            if isinstance(given, list):
                problems.extend(given)
            if len(place) > _LIMITS["place"]:
                problems.append(("place", "import.text_too_long",
                                 {"n": len(place), "limit": _LIMITS["place"]}))
            raise RowProblems(problems)
        assert isinstance(data, _ProductData) and isinstance(given, tuple)
        quantity, unit, containers, status, disposed_on = given

        key2 = data.key
        plan = self.plans.get(key2)
        holding_key = (key2, where)
        writes_product = False
        if plan is not None and plan.data is not data and data.compared is not plan.data:
            # once per distinct product cells: what they say that the first row did not
            data.compared, data.difference = plan.data, _differs(plan.data, data)
        if plan is None or (plan.data is not data and data.difference) or \
                holding_key in self.seen:
            check = Checker()
            if plan is not None and plan.data is not data and data.difference:
                check.add(data.difference, "chemical.product_differs", product=data.name,
                          row=plan.row)
            if holding_key in self.seen:
                label = self.rooms.labels.get(room_id, "") if room_id is not None else (
                    f"{guess.building}:{guess.number}" if guess else "")
                check.add("place" if place else "room", "chemical.holding_twice",
                          product=data.name, room=label, place=place,
                          row=self.seen[holding_key])
            if plan is None and not check.problems:
                plan = self._plan(data, row.number, check)
                writes_product = plan is not None and (plan.changed or plan.sds_changed)
            check.raise_if_any()
        assert plan is not None
        self.seen[holding_key] = row.number

        stored = None
        if plan.stored is not None and room_id is not None:
            stored = self.holdings.get((plan.stored.id, room_id, where[1]))
        if stored is not None:
            has = self.has
            if not has["quantity"]:
                quantity = stored[0]
            if not has["unit"] and not unit:
                unit = stored[1]
            if not has["containers"]:
                containers = stored[2]
            if not (has["status"] or has["archived"]):
                status = stored[3]
        if status is _DISPOSED:
            if disposed_on is None:
                disposed_on = stored[4] if stored is not None and stored[4] else self.today
        else:
            disposed_on = None
        holding: tuple[float | None, str, int | None, HoldingStatus, dt.date | None] | \
            None = (quantity, unit, containers, status, disposed_on)
        if stored is not None and stored == holding:
            holding = None
        if holding is None and not writes_product:
            return None
        return _HoldingWrite(plan, writes_product, room_id, guess, place, holding)

    def _refuse_names(self, values: dict[str, str]) -> None:
        """The row lacks its room or product, or one is too long: its errors."""
        check = Checker()
        checked_texts(check, TableRow(0, values), {
            k: _LIMITS[k] for k in ("room", "place", "product")})
        if not values.get("room"):
            check.add("room", "chemical.room_missing")
        if not values.get("product"):
            check.add("product", "chemical.product_missing")
        check.raise_if_any()

    def _product_data(self, cells: dict[str, str]) -> _ProductData | list[Problem]:
        """The product columns of a row, checked (or what is wrong with them)."""
        product, supplier, cas, statements, signal, sds_url, sds_file, revised, language = (
            cells.get(name, "") for name in _PRODUCT_FIELDS)
        has = self.has
        check = Checker()
        texts = checked_texts(check, TableRow(0, {
            "product": product, "supplier": supplier, "sds_url": sds_url,
            "sds_file": sds_file}), {k: _LIMITS[k] for k in (
                "product", "supplier", "sds_url", "sds_file")})
        data = _ProductData(_spaces(texts["product"]), _spaces(texts["supplier"]))
        if has["cas"]:
            data.cas = check.run(lambda: self.cas.get_or_raise(cas), ())
        if has["hazard_statements"]:
            data.codes = check.run(lambda: self.statements.get_or_raise(statements), ())
        if has["signal_word"]:
            data.signal_word = check.run(lambda: self.signals.get_or_raise(signal), None)
        if self.has_sds:
            link = texts["sds_url"] or texts["sds_file"]
            sheet_revised = check.run(lambda: parse_revised(revised), None)
            data.sds = _Sds(link, sheet_revised, parse_language(language)) if link else None
        return check.problems or data

    def _holding_values(self, values: dict[str, str]) -> tuple[Any, ...] | list[Problem]:
        """(quantity, unit, containers, status, disposed_on) of a row (or its problems);
        each cell text parsed once (a column repeats a few units, statuses, counts)."""
        get = values.get
        try:
            return (*self.quantities.get_or_raise(get("quantity", "")),
                    self.units.get_or_raise(get("unit", "")),
                    self.containers.get_or_raise(get("containers", "")),
                    self.statuses.get_or_raise(get("status", "")),
                    self.archived.get_or_raise(get("archived", "")),
                    self.dates.get_or_raise(get("disposed_on", "")))
        except ValidationError:
            pass
        check = Checker()
        for name, cache in (("quantity", self.quantities), ("unit", self.units),
                            ("containers", self.containers), ("status", self.statuses),
                            ("disposed_on", self.dates)):
            check.run(lambda cache=cache, name=name:  # type: ignore[misc]
                      cache.get_or_raise(get(name, "")), None)
        return check.problems

    @staticmethod
    def _finish_holding(parsed: tuple[Any, ...]) -> tuple[Any, ...]:
        """(quantity, unit in the quantity cell, unit, containers, status, archived,
        disposed_on) → (quantity, unit, containers, status, disposed_on)."""
        quantity, cell_unit, unit, containers, status, archived, disposed_on = parsed
        if archived:
            status = HoldingStatus.DISPOSED
        return quantity, unit or cell_unit, containers, status, disposed_on

    def _plan(self, data: _ProductData, row: int, check: Checker) -> _ProductPlan | None:
        """The product of a row that is the first of it in the file (None: refused)."""
        from vernetool.db.chemicals.products import prepare_product

        stored = self.products.get((nocase(data.name), nocase(data.supplier)))
        components = tuple(Component(c) for c in data.cas) if data.cas is not None else (
            stored.components if stored else ())
        codes = data.codes if data.codes is not None else (stored.codes if stored else ())
        signal = data.signal_word if data.signal_word is not False else (
            stored.signal_word if stored else None)
        assert not isinstance(signal, bool)
        sds = data.sds if isinstance(data.sds, _Sds) else None
        url = sds.url if sds is not None and _URL.match(sds.url) else ""
        try:
            prepared = prepare_product(ProductInput(data.name, data.supplier, components,
                                                    codes, signal, url))
        except ValidationError as exc:
            check.add("product" if exc.field == "name" else exc.field, exc.code,
                      **exc.params)
            return None
        # the product's link is news only when neither the product nor its current sheet
        # has it (a sheet linked on screen or by the demo keeps its URL on the sheet alone)
        changed = stored is None or _prepared_state(prepared) != stored.state or (
            bool(url) and url != stored.sds_url
            and (stored.sds is None or url != stored.sds.url))
        sds_changed = sds is not None and (stored is None or stored.sds != sds)
        plan = _ProductPlan(data, row, prepared, stored, changed, sds_changed,
                            stored.id if stored else None)
        self.plans[(nocase(data.name), nocase(data.supplier))] = plan
        return plan

    # -- the writes, all at once ----------------------------------------------------------

    def write_many(self, writes: Sequence[Callable[[], bool]]) -> None:
        from vernetool.db.chemicals.holdings import upsert_checked_holdings
        from vernetool.db.chemicals.products import upsert_products
        from vernetool.db.chemicals.sds import add_linked_sheets

        rows = [w for w in writes if isinstance(w, _HoldingWrite)]
        conn = self.conn
        rooms = self._create_rooms([w.guess for w in rows if w.guess is not None])
        plans = [w.product for w in rows if w.writes_product]
        changed = [p for p in plans if p.changed]
        for plan, pid in zip(changed, upsert_products(
                conn, [p.prepared for p in changed], actor=self.actor), strict=True):
            plan.id = pid
        sheets: list[tuple[int, str, dt.date | None, str]] = []
        for plan in plans:
            if plan.sds_changed and isinstance(plan.data.sds, _Sds):
                assert plan.id is not None
                sds = plan.data.sds
                sheets.append((plan.id, sds.url, sds.revised, sds.language))
        add_linked_sheets(conn, sheets, actor=self.actor)
        # every value was checked as add_holding checks it while the row was prepared
        # (units normalised, places with single spaces, quantities and containers >= 0,
        # a disposed holding's date): the store writes them as they are
        items: list[CheckedHolding] = []
        append = items.append
        disposed = HoldingStatus.DISPOSED
        for write in rows:
            if write.holding is None:
                continue
            room_id = write.room_id
            if room_id is None:
                assert write.guess is not None
                room_id = rooms[_guess_key(write.guess)]
            product_id = write.product.id
            assert product_id is not None
            quantity, unit, containers, status, disposed_on = write.holding
            append((product_id, room_id, write.place, quantity, unit, containers,
                    status.value, disposed_on.isoformat() if status is disposed
                    and disposed_on is not None else None))
        upsert_checked_holdings(conn, items, actor=self.actor)

    def _create_rooms(self, guesses: Sequence[RoomGuess]) -> dict[tuple[str, str], int]:
        if not guesses:
            return {}
        from vernetool.db.organisation.rooms import find_room, save_room
        from vernetool.domain.organisation import Room, RoomType

        made: dict[tuple[str, str], int] = {}
        for guess in guesses:
            key = _guess_key(guess)
            if key in made:
                continue
            found = find_room(self.conn, guess.building, guess.number)
            if found is not None and found.id is not None:
                made[key] = found.id
                continue
            room_id, _ = save_room(self.conn, Room(
                guess.building, guess.number, RoomType.OTHER,
                building_name=guess.building_name, campus=guess.campus))
            made[key] = room_id
        return made


_PLAIN_NUMBER = re.compile(r"^\d{1,12}(?:[.,]\d{1,12})?$")


def _quantity(text: str) -> tuple[float | None, str]:
    if _PLAIN_NUMBER.match(text):
        return float(text.replace(",", ".")), ""
    return parse_quantity(text)


def _status(text: str) -> HoldingStatus:
    if not text:
        return HoldingStatus.IN_USE
    return parse_choice(text, "status", STATUSES, _STATUS_WORDS)


def _archived(text: str) -> bool:
    """Chimithèque's ``archive?``: ``true`` = the storage is archived (disposed)."""
    return STATUSES.get(value_key(text)) is HoldingStatus.DISPOSED


_HOLDING_FIELDS = ("quantity", "unit", "containers", "status", "archived", "disposed_on")
_PRODUCT_FIELDS = ("product", "supplier", "cas", "hazard_statements", "signal_word", "sds_url",
                   "sds_file", "sds_revised", "sds_language")


def _getter(names: Sequence[str]) -> Callable[[dict[str, str]], tuple[str, ...]]:
    """A row's cells of these fields as a tuple (the fields are columns of the file)."""
    if not names:
        return lambda values: ()
    pick = operator.itemgetter(*names)
    if len(names) == 1:
        return lambda values: (pick(values),)
    return pick


def _guess_key(guess: RoomGuess | None) -> tuple[str, str]:
    assert guess is not None
    return nocase(guess.building), nocase(guess.number)


def _differs(first: _ProductData, later: _ProductData) -> str:
    """The first product column in which a later row says something else, or "" (an empty
    cell in the later row says nothing: the product's first row gave it)."""
    for name, a, b in (("cas", first.cas, later.cas),
                       ("hazard_statements", first.codes, later.codes),
                       ("signal_word", first.signal_word, later.signal_word),
                       ("sds_url", first.sds, later.sds)):
        if b in ((), None, False):
            continue
        if a != b:
            return name
    return ""


def import_chemicals(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                     actor: str, progress: Progress | None = None,
                     cancel: Cancel | None = None, mapping: Path | str | None = None,
                     create_rooms: bool = False, today: dt.date | None = None,
                     **_: Any) -> ImportResult:
    """Import a chemicals CSV/XLSX file (see the module docstring and
    ``chemical_layouts``); raises ``ImportFileError`` when the file as a whole is unusable
    (columns missing, a bad mapping file) and ``ImportCancelled`` when ``cancel()`` said so."""
    schema: Schema = read_mapping(mapping) if mapping else SCHEMA
    day = today or dt.date.today()
    handlers: list[_ChemicalRows] = []

    def handler(has: Any) -> _ChemicalRows:
        handlers.append(_ChemicalRows(conn, has, actor=actor or "import",
                                      create_rooms=create_rooms, today=day))
        return handlers[-1]

    result = import_file(conn, path, schema, handler, entity=HOLDING, strict=strict,
                         actor=actor, progress=progress, cancel=cancel)
    if handlers:  # the rows skipped for their room, by room (the last preparation's)
        result.skipped_rooms = dict(sorted(handlers[-1].unknown_rooms.items()))
    return result


# -- export -------------------------------------------------------------------------------

_EXPORT = (
    "SELECT b.code, r.number, h.place, h.product_id, h.quantity, h.unit, h.containers, "
    "h.status, h.disposed_on, h.id, h.updated_at "
    "FROM chemical_holding h JOIN room r ON r.id = h.room_id "
    "JOIN building b ON b.id = r.building_id "
    "JOIN chemical_product p ON p.id = h.product_id "
    "{where}ORDER BY b.code, r.number, h.place, p.name, p.supplier, h.id")


def _product_columns(conn: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    """Each product's export columns (read once, not once per holding)."""
    cas: dict[int, list[str]] = {}
    for pid, number in conn.execute(
            "SELECT product_id, cas FROM chemical_component ORDER BY product_id, position"):
        cas.setdefault(pid, []).append(number)
    codes: dict[int, list[str]] = {}
    for pid, code in conn.execute("SELECT product_id, code FROM chemical_statement "
                                  "ORDER BY product_id, kind, position"):
        codes.setdefault(pid, []).append(code)
    sheets = {pid: (url, name, revised, language) for pid, url, name, revised, language in
              conn.execute("SELECT s.product_id, s.url, s.original_name, s.revised_on, "
                           "s.language FROM chemical_sds s WHERE s.id = (SELECT max(id) "
                           "FROM chemical_sds t WHERE t.product_id = s.product_id)")}
    products: dict[int, dict[str, Any]] = {}
    for pid, name, supplier, signal, pictograms, exposure in conn.execute(
            "SELECT id, name, supplier, signal_word, pictograms, exposure_register "
            "FROM chemical_product"):
        url, original, revised, language = sheets.get(pid, ("", "", None, ""))
        products[pid] = {
            "product": name, "supplier": supplier, "cas": ";".join(cas.get(pid, ())),
            "hazard_statements": ", ".join(codes.get(pid, ())), "signal_word": signal,
            "sds_url": url or "", "sds_file": original or "", "sds_revised": revised or "",
            "sds_language": language or "", "pictograms": pictograms,
            "exposure_register": "yes" if exposure else "no"}
    return products


def chemical_records(conn: sqlite3.Connection, holding_ids: Collection[int] | None = None
                     ) -> list[dict[str, Any]]:
    """Every holding (disposed ones too), or those with ``holding_ids``, as a dict with the
    canonical field names (and ``holding_id``, ``product_id``, ``updated_at``)."""
    products = _product_columns(conn)
    if holding_ids is None:
        cursor = conn.execute(_EXPORT.format(where=""))
    else:
        cursor = conn.execute(_EXPORT.format(
            where="WHERE h.id IN (SELECT value FROM json_each(?)) "),
            (json.dumps(sorted(holding_ids)),))
    return [{"room": f"{code}:{number}", "place": place, **products[pid],
             "quantity": quantity, "unit": unit, "containers": containers, "status": status,
             "disposed_on": disposed_on or "", "holding_id": hid, "product_id": pid,
             "updated_at": updated_at}
            for code, number, place, pid, quantity, unit, containers, status, disposed_on,
            hid, updated_at in cursor]


def export_chemicals(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                     include_personal_data: bool = False, **_: Any) -> int:
    """Write every holding to ``out`` as csv, xlsx or json; returns the number written.
    The register holds no personal data: ``include_personal_data`` changes nothing."""
    return write_records(out, fmt, COLUMNS, chemical_records(conn), sheet_title="Chemicals")
