"""The chemical files vernetool reads, recognised by their header row (no mapping needed).

Every layout names the canonical fields of DESIGN.md ("Canonical chemicals file") in its own
words; one ``Schema`` holds all of them, so a file is read once and its headers say which
layout it is:

- **central**: the central chemical register's Excel extract (EcoOnline / Workplace Safety)
  with Norwegian headers: ``Lokasjon`` (a location path, see below), ``Produktnavn``,
  ``Leverandør``, ``CAS-nr``, ``Faresetninger``, ``Signalord``, ``Mengde``, ``Enhet``,
  ``Antall beholdere``, ``Sikkerhetsdatablad``, ``SDB revisjonsdato``, ``SDB språk``,
  ``Status``.
- **canonical**: our own field names (``room``, ``place``, ``product``, ``supplier``,
  ``cas``, ``hazard_statements``, ``signal_word``, ``quantity``, ``unit``, ``containers``,
  ``sds_url``/``sds_file``, ``sds_revised``, ``sds_language``, ``status``, plus
  ``disposed_on``); what ``vernetool export chemicals`` writes (its extra ``pictograms`` and
  ``exposure_register`` columns are derived, and ignored on import).
- **cheminventory**: ChemInventory's inventory export, by its API field names or the labels
  of its export (``Container Name``/``name``, ``Container Size``/``size``, ``Unit``,
  ``Supplier``, ``Substance CAS``/``cas``, ``GHS H-codes``/``hcodes``, ``Location``,
  ``disposed`` — "1" means disposed). Its ``id``, ``barcode``, ``smiles``, formula, weight,
  dates and comments are not register fields and are ignored.
- **chimitheque**: Chimithèque's storages CSV. Its real export (gochimitheque,
  ``StoragesToCSV``) has English snake-case headers, not French ones: ``storage_id``,
  ``product_name``, ``product_cas_number`` (older versions ``product_casnumber``),
  ``product_specificity``, ``store_location`` (``storelocation``: the store location's full
  path, parts joined by ``/``), ``quantity`` (Go's ``%E`` form: ``2.5E+00``), ``unit``,
  ``barecode``, ``supplier``, the dates, ``exit_date`` (taken as the disposal date),
  ``comment``, ``reference``, ``batch_number``, ``to_destroy?``, ``archive?`` (``true`` =
  archived: taken as disposed). The storages CSV carries no hazard statements (Chimithèque
  keeps them on the product). The French words of its user interface (``Produit``,
  ``Emplacement``, ``Quantité``, ``Unité``, ``Fournisseur``, ``Numéro CAS``) are accepted
  too, for a hand-made or translated sheet.
- anything else through a **mapping file** (``--mapping FILE``, see ``read_mapping``).

**Location paths** (the ``room`` field, ``Lokasjon``, ``Location``, ``store_location``):
``Campus > BUILDING > ROOM > PLACE`` with ``>`` (also ``»``, ``→``, or ``/`` when there is no
``>``) between the parts; or ``BUILDING:ROOM`` (the place then comes from ``place``). What is
accepted, tried in this order against the rooms the database holds:

1. the last part is the storage place, the one before it the room, the one before that the
   building; then the path ending at the room (no place); then rooms higher up (the parts
   after it become the place, joined by ``>``);
2. the building part may be a code (``D2``), a name the database knows (``Realfagbygget``)
   or both, the code in parentheses (``Realfagbygget (D2)``);
3. the room part may be the number alone (``142``) or carry the building code in front
   (``D2-142``, ``D2 142``, ``D2.142``): both the full label and the number after the code
   are tried in that building, and a code in front of the number finds its building even when
   the building part names something else.

A path that matches no room is a room this database does not hold (skipped and counted, or
created with ``--create-rooms``: the last three parts are taken as building, room and place,
the part before them as the campus; the building code is the one in parentheses, else the
code in front of the room number, else the building part itself).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vernetool.exchange.result import ImportFileError
from vernetool.exchange.tabular import Schema, header_key, nocase

#: The canonical fields, in the order of the canonical file (and of the export).
FIELDS = ("room", "place", "product", "supplier", "cas", "hazard_statements", "signal_word",
          "quantity", "unit", "containers", "sds_url", "sds_file", "sds_revised",
          "sds_language", "status", "disposed_on")
#: Fields a file may have besides the canonical ones (Chimithèque's archive flag).
EXTRA_FIELDS = ("archived",)
#: What a file must have, whatever its layout.
REQUIRED = ("product", "room")


@dataclass(frozen=True)
class Layout:
    """One kind of file: its name and the headers that mean each field."""

    key: str
    headers: Mapping[str, Sequence[str]]
    #: header keys (``header_key``) that, all present, say a file is of this layout
    signature: tuple[frozenset[str], ...] = ()


CENTRAL = Layout("central", {
    "room": ("Lokasjon", "Plassering", "Lagringssted"),
    "place": ("Lagerplass", "Oppbevaringssted", "Skap"),
    "product": ("Produktnavn", "Produkt", "Handelsnavn"),
    "supplier": ("Leverandør", "Produsent", "Leverandor"),
    "cas": ("CAS-nr", "CAS nr", "CAS-nummer", "CAS"),
    "hazard_statements": ("Faresetninger", "H-setninger", "Fareutsagn", "H-koder"),
    "signal_word": ("Signalord",),
    "quantity": ("Mengde", "Antall/mengde"),
    "unit": ("Enhet", "Måleenhet", "Mengdeenhet"),
    "containers": ("Antall beholdere", "Beholdere", "Antall"),
    "sds_url": ("Sikkerhetsdatablad", "SDB", "Datablad", "SDB-lenke"),
    "sds_revised": ("SDB revisjonsdato", "Revisjonsdato", "SDB dato"),
    "sds_language": ("SDB språk", "Språk"),
    "status": ("Status",),
    "disposed_on": ("Avhendet dato", "Avhendingsdato", "Kassert dato"),
}, (frozenset({"lokasjon", "produktnavn"}),))

CANONICAL = Layout("canonical", {name: () for name in (*FIELDS, *EXTRA_FIELDS)},
                   (frozenset({"room", "product"}),))

CHEMINVENTORY = Layout("cheminventory", {
    "product": ("Container Name", "name"),
    "quantity": ("Container Size", "size"),
    "unit": ("Unit",),
    "supplier": ("Supplier",),
    "cas": ("Substance CAS", "cas"),
    "hazard_statements": ("GHS H-codes", "hcodes", "H-codes"),
    "room": ("Location",),
    "status": ("disposed",),
}, (frozenset({"containername", "location"}), frozenset({"name", "location", "hcodes"}),
    frozenset({"name", "location", "size"})))

CHIMITHEQUE = Layout("chimitheque", {
    "product": ("product_name", "Produit", "Nom du produit"),
    "cas": ("product_cas_number", "product_casnumber", "Numéro CAS", "N° CAS", "CAS number"),
    "room": ("store_location", "storelocation", "Emplacement", "Entrepôt",
             "Lieu de stockage"),
    "quantity": ("Quantité",),
    "unit": ("Unité",),
    "supplier": ("Fournisseur",),
    "disposed_on": ("exit_date", "Date de sortie"),
    "archived": ("archive?", "Archivé"),
}, (frozenset({"productname", "storelocation"}), frozenset({"productname", "store_location"}),
    frozenset({"produit", "emplacement"})))

LAYOUTS = (CENTRAL, CHEMINVENTORY, CHIMITHEQUE, CANONICAL)


def _merged(layouts: Iterable[Layout]) -> dict[str, tuple[str, ...]]:
    fields: dict[str, list[str]] = {name: [] for name in (*FIELDS, *EXTRA_FIELDS)}
    for layout in layouts:
        for name, headers in layout.headers.items():
            fields[name].extend(h for h in headers if h not in fields[name])
    return {name: tuple(headers) for name, headers in fields.items()}


#: Every layout's headers in one schema (the first alias of a field is the Norwegian word).
SCHEMA = Schema(_merged(LAYOUTS), required=REQUIRED)


def identify(headers: Sequence[str]) -> str:
    """Which layout a header row is: "central", "cheminventory", "chimitheque" or
    "canonical" (anything our schema reads that is not one of the others)."""
    keys = {header_key(h) for h in headers if h.strip()}
    keys |= {h.strip().casefold().replace("?", "") for h in headers if h.strip()}
    for layout in (CENTRAL, CHEMINVENTORY, CHIMITHEQUE):
        if any(signature <= keys for signature in layout.signature):
            return layout.key
    return CANONICAL.key


# -- mapping files ------------------------------------------------------------------------

MAX_MAPPING_BYTES = 1024 * 1024


def read_mapping(path: Path | str) -> Schema:
    """A mapping file → the schema that reads the file it describes.

    JSON: ``{"Their header": "our_field", ...}``, or the same object under ``"columns"``.
    CSV (``;`` or ``,``): two columns, their header then our field, one pair per line; a
    first line ``column;field`` (or ``header;field``) is a header and skipped. Our fields are
    the canonical names (``room``, ``product`` …; see ``FIELDS``); several of their columns
    may map to one field (the first non-empty cell wins). The canonical names themselves are
    always understood too. A field we do not know, or a file that is neither, is a file
    error naming it.
    """
    source = Path(path)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise ImportFileError("file.missing", path=str(source)) from None
    except OSError as exc:
        raise ImportFileError("file.unreadable", path=str(source),
                              error=str(exc.strerror or exc)) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise ImportFileError("mapping.bad", name=source.name, error="too large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("file.not_utf8", name=source.name) from None
    pairs = _json_pairs(text, source.name) if text.lstrip().startswith(("{", "[")) \
        else _csv_pairs(text, source.name)
    known = set(FIELDS) | set(EXTRA_FIELDS)
    fields: dict[str, list[str]] = {name: [] for name in (*FIELDS, *EXTRA_FIELDS)}
    for theirs, ours in pairs:
        target = ours.strip()
        if target not in known:
            raise ImportFileError("mapping.unknown_field", name=source.name, column=theirs,
                                  field=target, fields=", ".join(FIELDS))
        if not theirs.strip():
            raise ImportFileError("mapping.bad", name=source.name,
                                  error=f"an empty column name for {target}")
        fields[target].append(theirs.strip())
    if not any(fields.values()):
        raise ImportFileError("mapping.bad", name=source.name, error="no columns mapped")
    final = {name: tuple(headers) for name, headers in fields.items()}
    try:
        return Schema(final, required=REQUIRED)
    except ValueError as exc:  # one of their headers mapped to two fields
        raise ImportFileError("mapping.bad", name=source.name, error=str(exc)) from None


def _json_pairs(text: str, name: str) -> list[tuple[str, str]]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFileError("mapping.bad", name=name, error=str(exc)[:200]) from None
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ImportFileError("mapping.bad", name=name,
                              error='expected {"their column": "our field", ...}')
    return list(data.items())


def _csv_pairs(text: str, name: str) -> list[tuple[str, str]]:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    pairs: list[tuple[str, str]] = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < 2:
            raise ImportFileError("mapping.bad", name=name,
                                  error=f"line {number}: two columns expected")
        theirs, ours = cells[0].strip(), cells[1].strip()
        if number == 1 and ours.casefold() in ("field", "felt", "our_field", "vernetool"):
            continue
        pairs.append((theirs, ours))
    return pairs


# -- location paths -----------------------------------------------------------------------

_SEPARATORS = (">", "»", "→", "/", "\\")
_PAREN_CODE = re.compile(r"^(.*?)\s*[(\[]\s*([^()\[\]]+?)\s*[)\]]\s*$")
_CODE_PREFIX = re.compile(r"^([^\s\-.:/]+)[\s\-.:]+(.+)$")


def split_location(text: str) -> list[str]:
    """``"Gløshaugen > Realfagbygget (D2) > D2-142 > Syreskap 1"`` → its four parts;
    ``"D2:142"`` → ``["D2:142"]`` (one part: building and room)."""
    for separator in _SEPARATORS:
        if separator in text:
            return [p.strip() for p in text.split(separator) if p.strip()]
    return [text.strip()] if text.strip() else []


@dataclass(frozen=True)
class RoomGuess:
    """A room to create (``--create-rooms``) from a path no stored room matched."""

    building: str
    building_name: str
    campus: str
    number: str
    place: str


@dataclass
class RoomIndex:
    """The rooms a database holds, for finding the room a location names (built once)."""

    rooms: dict[tuple[str, str], int] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)        # nocase(code) → code
    names: dict[str, str] = field(default_factory=dict)        # nocase(name) → code
    labels: dict[int, str] = field(default_factory=dict)       # room id → "CODE:NUMBER"
    #: (building part, room part) → room id or None: a path's parts repeat on many rows
    found: dict[tuple[str | None, str], int | None] = field(default_factory=dict,
                                                           repr=False)

    def add(self, room_id: int, code: str, number: str, building_name: str = "") -> None:
        self.rooms[(nocase(code), nocase(number))] = room_id
        self.codes[nocase(code)] = code
        if building_name:
            self.names.setdefault(nocase(building_name), code)
        self.labels[room_id] = f"{code}:{number}"
        self.found.clear()

    def _codes_of(self, part: str) -> list[str]:
        """The building codes a building part may mean (known ones first)."""
        found: list[str] = []
        text = part.strip()
        paren = _PAREN_CODE.match(text)
        if paren:
            found.append(paren.group(2))
            if nocase(paren.group(1)) in self.names:
                found.append(self.names[nocase(paren.group(1))])
        if nocase(text) in self.codes:
            found.append(self.codes[nocase(text)])
        if nocase(text) in self.names:
            found.append(self.names[nocase(text)])
        return found

    def _in_building(self, code: str, label: str) -> int | None:
        key = nocase(code)
        room = self.rooms.get((key, nocase(label)))
        if room is not None:
            return room
        for sep in ("-", " ", ".", ":"):
            prefix = key + sep
            if nocase(label).startswith(prefix):
                room = self.rooms.get((key, nocase(label[len(prefix):].strip())))
                if room is not None:
                    return room
        return None

    def _room(self, building_part: str | None, label: str) -> int | None:
        key = (building_part, label)
        try:
            return self.found[key]
        except KeyError:
            pass
        room = self._find_room(building_part, label)
        if len(self.found) < 100_000:
            self.found[key] = room
        return room

    def _find_room(self, building_part: str | None, label: str) -> int | None:
        for code in self._codes_of(building_part) if building_part else []:
            room = self._in_building(code, label)
            if room is not None:
                return room
        prefix = _CODE_PREFIX.match(label)
        if prefix and nocase(prefix.group(1)) in self.codes:
            return self.rooms.get((nocase(prefix.group(1)), nocase(prefix.group(2))))
        return None

    def find(self, parts: Sequence[str], place: str = "") -> tuple[int, str] | None:
        """(room id, storage place) for a location's parts, or None when no stored room
        matches; ``place`` is the place column's text (it wins over a place in the path)."""
        if not parts:
            return None
        if len(parts) == 1:
            text = parts[0]
            if ":" in text:
                code, _, number = text.partition(":")
                room = self.rooms.get((nocase(code.strip()), nocase(number.strip())))
                if room is not None:
                    return room, place
            room = self._room(None, text)
            return (room, place) if room is not None else None
        last = len(parts) - 1
        for index in (last - 1, last, *range(last - 2, -1, -1)):
            if index < 0:
                continue
            building = parts[index - 1] if index > 0 else None
            room = self._room(building, parts[index])
            if room is not None:
                return room, place or " > ".join(parts[index + 1:])
        return None

    def guess(self, parts: Sequence[str], place: str = "") -> RoomGuess | None:
        """The room a path names when none is stored: building, room and place are its last
        three parts (two: building and room), the part before them the campus."""
        if len(parts) == 1 and ":" in parts[0]:
            code, _, number = parts[0].partition(":")
            if code.strip() and number.strip():
                return RoomGuess(code.strip(), "", "", number.strip(), place)
            return None
        if len(parts) < 2:
            return None
        if len(parts) == 2:
            building, label, in_path, campus = parts[0], parts[1], "", ""
        else:
            building, label, in_path = parts[-3], parts[-2], parts[-1]
            campus = parts[-4] if len(parts) >= 4 else ""
        name = building
        paren = _PAREN_CODE.match(building)
        prefix = _CODE_PREFIX.match(label)
        if paren:
            name, code = paren.group(1).strip(), paren.group(2).strip()
        elif prefix and nocase(self.names.get(nocase(building), "")) == nocase(
                prefix.group(1)):
            code = self.names[nocase(building)]
        elif nocase(building) in self.codes:
            code, name = self.codes[nocase(building)], ""
        elif nocase(building) in self.names:
            code = self.names[nocase(building)]
        elif prefix and len(prefix.group(1)) <= 10 and any(c.isdigit() or c.isupper()
                                                          for c in prefix.group(1)):
            code = prefix.group(1)
        else:
            code, name = building, ""
        number = label
        for sep in ("-", " ", ".", ":"):
            if nocase(label).startswith(nocase(code) + sep) and len(label) > len(code) + 1:
                number = label[len(code) + 1:].strip()
                break
        return RoomGuess(code, name if nocase(name) != nocase(code) else "", campus, number,
                         place or in_path)
