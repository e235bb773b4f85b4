"""Reading import files (CSV or XLSX) into rows of trimmed text keyed by canonical field name.

What every importer gets from here:

- CSV separated by comma, semicolon or tab (sniffed from the header line), UTF-8 with or
  without a BOM. Other encodings are refused with one clear message naming the row, rather
  than guessed: a wrong guess would import "Ã¦" for "æ" without anyone noticing.
- XLSX (first/active sheet, cached values of formulas), recognised by content, not by name.
- Row numbers as the user sees them in the spreadsheet or editor: the header is row 1 (or
  the first non-blank row), blank rows are skipped but keep their number.
- Header matching that ignores case, spaces, ``-``/``_`` and a trailing unit in parentheses
  (``Areal (m²)`` matches ``areal``), with each kind's own alias table (``Schema``).
- Cells trimmed; the apostrophe our exports put before ``= + - @`` (formula guard) removed,
  so an exported file imports back unchanged; cells longer than Excel's limit are row errors.
- Cell parsers for the values importers share: decimals with a decimal comma, yes/no,
  choices with alias tables (``parse_decimal``, ``parse_bool``, ``parse_choice``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from vernetool.domain.errors import Phrase, ValidationError
from vernetool.exchange.result import ImportFileError, RowError

#: Excel's own limit for one cell; anything longer did not come from a spreadsheet.
MAX_CELL_CHARS = 32_767
MAX_FILE_BYTES = 256 * 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other MS Office binaries)
_UNIT_SUFFIX = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_NOT_WORD = re.compile(r"[\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")
log = logging.getLogger(__name__)


# the headers every register file may use for the unit column (the first is the Norwegian word)
UNIT_HEADERS = ("Enhet", "Enhetskode", "Unit code", "Org enhet", "Orgenhet")
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def nocase(text: str | None) -> str:
    """Fold the way SQLite's NOCASE does (ASCII letters only), so keys match the store's."""
    return (text or "").translate(_ASCII_FOLD)


def header_key(text: str) -> str:
    """``" Areal (m²) "`` → ``"areal"``, ``"E-post"`` → ``"epost"``, ``area_m2`` → ``aream2``."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _UNIT_SUFFIX.sub("", text) or text
    return _NOT_WORD.sub("", text.casefold())


def value_key(text: str) -> str:
    """``"Eksamen/behandling"`` → ``eksamen_behandling``, ``"Common Area"`` → ``common_area``."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub("_", text).strip("_")


@dataclass(frozen=True)
class Schema:
    """The columns of one kind of file: canonical name → other names people write."""

    fields: Mapping[str, Sequence[str]]
    required: Sequence[str] = ()
    lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for canonical, aliases in self.fields.items():
            for name in (canonical, *aliases):
                key = header_key(name)
                if lookup.get(key, canonical) != canonical:
                    raise ValueError(f"header alias {name!r} means two fields")
                lookup[key] = canonical
        object.__setattr__(self, "lookup", lookup)

    def match(self, header: str) -> str | None:
        """The canonical field a column header means, or None for a column we do not use."""
        return self.lookup.get(header_key(header))

    def describe(self, canonical: str) -> str:
        """``building (Bygg)``: how a missing column is named in a message."""
        aliases = list(self.fields.get(canonical, ()))  # the first alias is the Norwegian word
        return f"{canonical} ({aliases[0]})" if aliases else canonical


@dataclass
class TableRow:
    """One non-blank data row: its spreadsheet number, canonical field → trimmed text."""

    number: int
    values: dict[str, str]
    errors: list[RowError] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass
class Table:
    headers: list[str]
    columns: dict[str, list[int]]
    rows: list[TableRow]

    def has(self, name: str) -> bool:
        """Whether the file has a column for this field (an absent column keeps stored data)."""
        return name in self.columns

    @property
    def ignored_headers(self) -> list[str]:
        used = {i for idx in self.columns.values() for i in idx}
        return [h for i, h in enumerate(self.headers) if i not in used and h.strip()]


def read_table(path: Path | str, schema: Schema) -> Table:
    """Read a CSV or XLSX file; raises ``ImportFileError`` when the file as a whole is unusable."""
    source = Path(path)
    try:
        size = source.stat().st_size
        with source.open("rb") as fh:
            magic = fh.read(8)
    except FileNotFoundError:
        raise ImportFileError("file.missing", path=str(source)) from None
    except IsADirectoryError:
        raise ImportFileError("file.is_folder", path=str(source)) from None
    except OSError as exc:
        raise ImportFileError("file.unreadable", path=str(source),
                              error=str(exc.strerror or exc)) from None
    if size > MAX_FILE_BYTES:
        raise ImportFileError("file.too_large", name=source.name, n=size // (1024 * 1024),
                              limit=MAX_FILE_BYTES // (1024 * 1024))
    if magic.startswith(_ZIP_MAGIC):
        grid: Iterable[tuple[int, list[str]]] = _xlsx_rows(source)
    elif magic.startswith(_OLE_MAGIC):
        raise ImportFileError("file.old_excel", name=source.name)
    elif source.suffix.lower() in (".xlsx", ".xlsm"):
        raise ImportFileError("file.bad_workbook", name=source.name)
    else:
        grid = _csv_rows(source.read_bytes(), source.name)
    return _build_table(grid, schema, source.name)


def _build_table(grid: Iterable[tuple[int, list[str]]], schema: Schema, name: str) -> Table:
    headers: list[str] | None = None
    columns: dict[str, list[int]] = {}
    rows: list[TableRow] = []
    for number, cells in grid:
        if not any(c.strip() for c in cells):
            continue
        if headers is None:
            headers = [_clean(c) for c in cells]
            for index, text in enumerate(headers):
                canonical = schema.match(text) if text else None
                if canonical:
                    columns.setdefault(canonical, []).append(index)
            _check_columns(headers, columns, schema, number)
            continue
        rows.append(_row(number, cells, columns))
    if headers is None:
        raise ImportFileError("file.empty", name=name)
    return Table(headers, columns, rows)


def _check_columns(headers: list[str], columns: dict[str, list[int]], schema: Schema,
                   number: int) -> None:
    missing = [f for f in schema.required if f not in columns]
    if not missing:
        return
    found: str | Phrase = ", ".join(repr(h) for h in headers if h) or Phrase("file.no_headers")
    names = ", ".join(schema.describe(f) for f in missing)
    raise ImportFileError("file.missing_columns", row=number, n=len(missing), names=names,
                          found=found)


def _row(number: int, cells: list[str], columns: dict[str, list[int]]) -> TableRow:
    row = TableRow(number, {})
    for canonical, indexes in columns.items():
        value = ""
        for index in indexes:  # several columns meaning one field: the first non-empty wins
            value = _clean(cells[index]) if index < len(cells) else ""
            if value:
                break
        if len(value) > MAX_CELL_CHARS:
            row.errors.append(RowError(number, canonical, "import.cell_too_long",
                                       {"n": len(value), "limit": MAX_CELL_CHARS}))
            value = ""
        row.values[canonical] = value
    return row


def _clean(cell: str) -> str:
    """Trim, drop control characters, and undo the formula guard our exports add."""
    text = (cell if cell.isprintable() else _CONTROL.sub("", cell)).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_START:
        text = text[1:].strip()
    return text


# --- CSV -------------------------------------------------------------------------------------

def _csv_rows(data: bytes, name: str) -> Iterator[tuple[int, list[str]]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("file.utf16", name=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = _record_count(data[:exc.start].decode("utf-8-sig", errors="replace"))
        raise ImportFileError("file.not_utf8_row", row=row, name=name) from None
    delimiter = sniff_delimiter(text)
    # Cells longer than the limit must become row errors, not a reader failure.
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(len(text) + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as exc:
        raise ImportFileError("file.bad_csv_row", row=number + 1, name=name,
                              error=str(exc)) from None


def _record_count(prefix: str) -> int:
    """The row (record) number the end of ``prefix`` falls in."""
    records = sum(1 for _ in csv.reader(io.StringIO(prefix, newline=""), strict=False))
    if not prefix or prefix.endswith(("\n", "\r")):
        records += 1
    return max(records, 1)


def sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: whichever occurs most in the header line outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            if any(counts.values()):
                break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


# --- XLSX ------------------------------------------------------------------------------------

def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # lazy: only when a workbook is imported

    try:
        with path.open("rb") as fh:  # a file object, so any file name is accepted
            book = load_workbook(fh, read_only=True, data_only=True)
            try:
                sheet = book.active if book.active is not None else book.worksheets[0]
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()  # some writers store wrong dimensions
                rows = [(n, [cell_text(v) for v in values])
                        for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
            finally:
                book.close()
    except ImportFileError:
        raise
    except (FileNotFoundError, PermissionError) as exc:
        raise ImportFileError("file.unreadable", path=str(path),
                              error=str(exc.strerror or exc)) from None
    except Exception as exc:
        # A damaged zip/XML fails in many ways (zlib.error, BadZipFile, KeyError, ParseError,
        # NotImplementedError ...): all of them mean "unreadable", none is a bug of ours.
        log.info("cannot read workbook %s", path, exc_info=True)
        raise ImportFileError("file.bad_xlsx", name=path.name,
                              error=type(exc).__name__) from None
    yield from rows


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a person sees: ``101.0`` → ``"101"``, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --- cell parsers ----------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_decimal(text: str, field_name: str, *, minimum: float | None = None,
                  units: Sequence[str] = ()) -> float | None:
    """``"48,5"``, ``"48.5"``, ``"1 234,5"`` → float; ``""`` → None; else ValidationError."""
    value = text.strip()
    if not value:
        return None
    for unit in units:
        if value.casefold().endswith(unit.casefold()):
            value = value[: -len(unit)].strip()
            break
    value = _SPACES.sub("", value).replace("\u2212", "-")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    if not _NUMBER.match(value):
        raise ValidationError("value.not_a_number", field_name, text=text)
    number = float(value)
    if minimum is not None and number < minimum:
        raise ValidationError("value.below_minimum", field_name, text=text, minimum=minimum)
    return number


_TRUE = {"yes", "y", "ja", "j", "true", "sann", "1", "x"}
_FALSE = {"no", "n", "nei", "false", "usann", "0"}


def parse_bool(text: str, field_name: str) -> bool | None:
    """yes/no, ja/nei, true/false, 1/0, x → bool; ``""`` → None."""
    key = value_key(text)
    if not key:
        return None
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValidationError("value.not_yes_no", field_name, text=text)


def alias_table(pairs: Mapping[str, T]) -> dict[str, T]:
    """An alias table keyed by ``value_key`` so lookups ignore case, spaces and punctuation."""
    return {value_key(k): v for k, v in pairs.items()}


def parse_choice(text: str, field_name: str, table: Mapping[str, T],
                 allowed: Sequence[str] | Phrase) -> T:
    """Look ``text`` up in an ``alias_table``; unknown values name the allowed ones (a
    ``Phrase`` names them in the language the message is shown in)."""
    found = table.get(value_key(text))
    if found is None:
        shown = allowed if isinstance(allowed, Phrase) else ", ".join(allowed)
        raise ValidationError("value.not_one_of", field_name, text=text, allowed=shown)
    return found
