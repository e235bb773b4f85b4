"""Reading import files (CSV or XLSX) into rows of trimmed text keyed by canonical field name.

What every importer gets from here:

- CSV separated by comma, semicolon or tab (sniffed from the header line), UTF-8 with or
  without a BOM. Other encodings are refused with one clear message naming the row, rather
  than guessed: a wrong guess would import "Ã¦" for "æ" without anyone noticing.
- XLSX (the active sheet, cached values of formulas), recognised by content, not by name,
  read with python-calamine. Before it is read, a workbook is checked against ``XlsxLimits``
  (rows, columns, the used area, the unpacked size of each XML part): the zip's declared
  sizes, then one streaming pass over the sheet's XML, so a crafted file (one cell in column
  XFD, a row four million down, gigabytes of whitespace) is refused in seconds, with bounded
  memory, by one ``ImportFileError`` naming the limit. CSV files have the same row limit.
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
import functools
import io
import json
import logging
import operator
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
# a trailing unit in brackets: "(m²)", "[kg]"; not a quantity's own number: "Hp(10)", "Hp(0,07)"
_UNIT_SUFFIX = re.compile(r"\s*[(\[][^()\[\]]*[^\W\d_][^()\[\]]*[)\]]\s*$")
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
    if not text:
        return ""
    return text.lower() if text.isascii() else text.translate(_ASCII_FOLD)


def header_key(text: str) -> str:
    """``" Areal (m²) "`` → ``"areal"``, ``"E-post"`` → ``"epost"``, ``area_m2`` → ``aream2``."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _UNIT_SUFFIX.sub("", text) or text
    return _NOT_WORD.sub("", text.casefold())


@functools.lru_cache(maxsize=4096)  # a column of room types repeats a few words
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


def read_table(path: Path | str, schema: Schema, *, limits: XlsxLimits | None = None) -> Table:
    """Read a CSV or XLSX file; raises ``ImportFileError`` when the file as a whole is unusable
    (also when it holds more than ``limits`` allow: rows, columns, cells, XML size)."""
    limits = limits or LIMITS
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
        grid: Iterable[tuple[int, Sequence[object]]] = _xlsx_rows(source, limits)
    elif magic.startswith(_OLE_MAGIC):
        raise ImportFileError("file.old_excel", name=source.name)
    elif source.suffix.lower() in (".xlsx", ".xlsm"):
        raise ImportFileError("file.bad_workbook", name=source.name)
    elif source.suffix.lower() == ".json":
        grid = _json_rows(source.read_bytes(), source.name)
    else:
        grid = _csv_rows(source.read_bytes(), source.name)
    return _build_table(grid, schema, source.name, limits)


def _build_table(grid: Iterable[tuple[int, Sequence[object]]], schema: Schema, name: str,
                 limits: XlsxLimits) -> Table:
    """Rows of cells (text, or the values a workbook holds: only the cells of the columns
    used are turned into text) → the table."""
    headers: list[str] | None = None
    columns: dict[str, list[int]] = {}
    rows: list[TableRow] = []
    max_rows = limits.rows
    grid = iter(grid)
    for number, cells in grid:
        if number > max_rows:
            raise ImportFileError("file.too_many_rows", name=name, n=number, limit=max_rows)
        texts = [_text(c) for c in cells]
        if not "".join(texts).strip():
            continue
        headers = [_clean(c) for c in texts]
        for index, text in enumerate(headers):
            canonical = schema.match(text) if text else None
            if canonical:
                columns.setdefault(canonical, []).append(index)
        _check_columns(headers, columns, schema, number)
        break
    if headers is None:
        raise ImportFileError("file.empty", name=name)
    fast = _fast_row(columns) or (lambda number, cells: None)
    append = rows.append
    for number, cells in grid:  # the rows below the header
        if number > max_rows:
            raise ImportFileError("file.too_many_rows", name=name, n=number, limit=max_rows)
        row = fast(number, cells) or _row(number, cells, columns)
        if row.errors or any(row.values.values()) or "".join(map(_text, cells)).strip():
            append(row)  # a row with something in any column, used or not
    return Table(headers, columns, rows)


def _text(cell: object) -> str:
    return cell if type(cell) is str else cell_text(cell)


def _fast_row(columns: dict[str, list[int]]) -> Callable[[int, Sequence[object]],
                                                         TableRow | None] | None:
    """What ``_row`` does, for the common row (one column per field, printable text, no
    apostrophe, nothing near the cell limit) with C-speed steps; None for any other row."""
    if not columns or any(len(indexes) != 1 for indexes in columns.values()):
        return None
    names = list(columns)
    indexes = [i[0] for i in columns.values()]
    last = max(indexes)
    if len(indexes) > 1:
        pick: Callable[[Sequence[object]], Sequence[object]] = operator.itemgetter(*indexes)
    else:
        only = indexes[0]

        def pick(cells: Sequence[object]) -> Sequence[object]:
            return (cells[only],)

    numbers = _NumberTexts()

    def row(number: int, cells: Sequence[object]) -> TableRow | None:
        if len(cells) <= last:
            return None
        texts = [c if c.__class__ is str else numbers[c] if c.__class__ is float
                 else cell_text(c) for c in pick(cells)]
        joined = "".join(texts)
        if not joined.isprintable() or "'" in joined or len(joined) > MAX_CELL_CHARS:
            return None
        return TableRow(number, dict(zip(names, map(str.strip, texts), strict=True)))

    return row


class _NumberTexts(dict[float, str]):
    """``cell_text`` of the numbers a workbook holds, each worked out once (a column of
    counts or quantities repeats a few values). Floats only: ``True == 1.0``, and a bool's
    text is not a number's."""

    def __missing__(self, value: float) -> str:
        text = cell_text(value)
        if len(self) < 10_000:
            self[value] = text
        return text


def _check_columns(headers: list[str], columns: dict[str, list[int]], schema: Schema,
                   number: int) -> None:
    missing = [f for f in schema.required if f not in columns]
    if not missing:
        return
    found: str | Phrase = ", ".join(repr(h) for h in headers if h) or Phrase("file.no_headers")
    names = ", ".join(schema.describe(f) for f in missing)
    raise ImportFileError("file.missing_columns", row=number, n=len(missing), names=names,
                          found=found)


def _row(number: int, cells: Sequence[object], columns: dict[str, list[int]]) -> TableRow:
    row = TableRow(number, {})
    values = row.values
    width = len(cells)
    for canonical, indexes in columns.items():
        value = ""
        for index in indexes:  # several columns meaning one field: the first non-empty wins
            cell = cells[index] if index < width else ""
            if type(cell) is not str:
                cell = cell_text(cell)
            if cell:
                # _clean(), inlined: this runs for every cell of a big file
                value = (cell if cell.isprintable() else _CONTROL.sub("", cell)).strip()
                if value[:1] == "'" and len(value) > 1 and value[1] in _FORMULA_START:
                    value = value[1:].strip()
                if value:
                    break
        if len(value) > MAX_CELL_CHARS:
            row.errors.append(RowError(number, canonical, "import.cell_too_long",
                                       {"n": len(value), "limit": MAX_CELL_CHARS}))
            value = ""
        values[canonical] = value
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


def _json_rows(data: bytes, name: str) -> Iterator[tuple[int, list[str]]]:
    """What ``export KIND --format json`` writes, read back: an array of objects with the
    canonical field names. It becomes a table whose header is every key in the order first
    met; record k is row k + 1, the row the same record has in the CSV export."""
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError("file.not_utf8_row", row=1, name=name) from None
    except json.JSONDecodeError as exc:
        raise ImportFileError("file.bad_json", name=name, line=exc.lineno,
                              error=exc.msg) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ImportFileError("file.json_not_records", name=name)
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(str(k) for k in record))
    header = list(keys)
    yield 1, header
    for number, record in enumerate(records, start=2):
        yield number, [_json_cell(record.get(key)) for key in header]


def _json_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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

@dataclass(frozen=True)
class XlsxLimits:
    """What a workbook may hold before it is refused (a crafted file must fail in seconds,
    with bounded memory, not take gigabytes: the reader keeps the sheet's used area, rows ×
    columns, in memory)."""

    rows: int = 250_000
    columns: int = 1_000
    #: the used area, rows × columns (≈ 40 bytes each while reading)
    cells: int = 10_000_000
    #: each XML part read (the sheet, the shared strings, the styles), decompressed
    xml_bytes: int = 256 * 1024 * 1024


LIMITS = XlsxLimits()

_CHUNK = 1 << 20
_MAX_TAG = 1 << 20


def _colnum(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


class _SheetScan:
    """Streams a sheet's XML once, before the reader sees it: counts the decompressed bytes
    and finds the last row and column any cell occupies, refusing at the first limit.

    A chunk in the common shape (every ``<row>`` and ``<c>`` with ``r=`` first, no namespace
    prefix: what Excel, LibreOffice and the Python writers produce) is checked with a few
    C-speed searches: the rows' numbers, and one search for a cell in a column past Z or
    in a row with more digits than the last row's; a chunk with such a cell has every cell
    reference read, and any other chunk is tokenised exactly. A cell in the common shape
    may then still sit below the last row, up to the next power of ten (``row_bound``):
    when that bound could break a limit, ``exact`` asks for a second, exact pass.
    """

    #: every <row> tag: its number, or b"" when it has no r= first
    _ROWS = re.compile(rb'<row(?: r="(\d+)")?(?=[\s/>])')
    _CELL_REFS = re.compile(rb'<c r="([A-Z]+)(\d+)')
    _CELL_NO_REF = re.compile(rb'<c(?! r=")[\s/>]')
    _PREFIXED = re.compile(rb':(?:c|row)[\s/>]')
    _TOKEN = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>')
    _REF = re.compile(rb'\sr\s*=\s*["\']\s*([A-Za-z]*)(\d*)')

    def __init__(self, limits: XlsxLimits, name: str, *, exact: bool = False) -> None:
        self.limits = limits
        self.name = name
        self.exact = exact
        self.size = 0
        self.tail = b""
        self.row = 0
        self.col = 0
        self.max_row = 0
        self.max_col = 0
        #: every cell of the common-shape chunks is in a row below this (not exactly known)
        self.row_bound = 0
        self._plain: dict[int, re.Pattern[bytes]] = {}

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limits.xml_bytes:
            raise _too_large(self.name, self.size, self.limits)
        data = self.tail + chunk
        cut = data.rfind(b"<")
        if cut >= 0 and data.find(b">", cut) < 0:  # a tag cut in two: keep it for later
            data, self.tail = data[:cut], data[cut:]
            if len(self.tail) > _MAX_TAG:
                raise ImportFileError("file.bad_xlsx", name=self.name, error="tag too long")
        else:
            self.tail = b""
        self._chunk(data)
        self._check()

    def finish(self) -> None:
        self._exact(self.tail)
        self._check()

    @property
    def needs_exact_pass(self) -> bool:
        """Whether a cell below the last row but under ``row_bound`` could break a limit."""
        bound = max(self.row_bound, self.max_row)
        return bound > self.max_row and (
            bound > self.limits.rows or bound * self.max_col > self.limits.cells)

    def _chunk(self, data: bytes) -> None:
        """The common shape (every row and cell tag with r= first, no prefixed tags; <cols>,
        <rowBreaks> ... are neither) with a few C-speed searches, anything else exactly."""
        rows = self._ROWS.findall(data)
        if b"" in rows or self._PREFIXED.search(data):
            self._exact(data)
            return
        if rows:
            self.row = int(rows[-1])
            self.max_row = max(self.max_row, max(map(int, rows)))
        self.col = 0
        digits = len(str(self.max_row))
        if not self.exact and not self._unusual_cell(digits).search(data):
            if b"<c " in data:
                # columns A-Z, rows of at most as many digits as the last row's
                self.max_col = max(self.max_col, 26)
                self.row_bound = max(self.row_bound, 10 ** digits - 1)
            return
        # a cell past column Z, or deeper, or of another shape: every reference read
        refs = self._CELL_REFS.findall(data)
        if self._CELL_NO_REF.search(data) or len(refs) != data.count(b'<c r="'):
            self._exact(data)
            return
        for letters, number in refs:
            self.max_col = max(self.max_col, _colnum(letters))
            self.max_row = max(self.max_row, int(number))

    def _unusual_cell(self, digits: int) -> re.Pattern[bytes]:
        """A cell tag that does not start with a reference of one letter A-Z and at most
        ``digits`` digits."""
        found = self._plain.get(digits)
        if found is None:
            found = self._plain[digits] = re.compile(
                rb'<c(?! r="[A-Z]\d{1,%d}")[\s/>]' % digits)
        return found

    def _exact(self, data: bytes) -> None:
        for match in self._TOKEN.finditer(data):
            kind, attrs = match.groups()
            ref = self._REF.search(attrs)
            letters, digits = (ref.group(1), ref.group(2)) if ref else (b"", b"")
            if kind == b"row":
                self.row = int(digits) if digits else self.row + 1
                self.col = 0
            else:
                self.col = _colnum(letters) if letters else self.col + 1
                if digits:
                    self.max_row = max(self.max_row, int(digits))
                self.max_col = max(self.max_col, self.col)
            self.max_row = max(self.max_row, self.row)
            if self.max_row > self.limits.rows or self.max_col > self.limits.columns:
                self._check()

    def _check(self) -> None:
        limits = self.limits
        if self.max_row > limits.rows:
            raise ImportFileError("file.too_many_rows", name=self.name, n=self.max_row,
                                  limit=limits.rows)
        if self.max_col > limits.columns:
            raise ImportFileError("file.too_many_columns", name=self.name,
                                  column=_colname(self.max_col), n=self.max_col,
                                  limit=limits.columns)
        if self.max_row * self.max_col > limits.cells:
            raise ImportFileError("file.too_many_cells", name=self.name, rows=self.max_row,
                                  columns=self.max_col, limit=limits.cells)


def _colname(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _too_large(name: str, size: int, limits: XlsxLimits) -> ImportFileError:
    return ImportFileError("file.sheet_too_large", name=name, n=max(size // (1024 * 1024), 1),
                           limit=limits.xml_bytes // (1024 * 1024))


_SHEET = re.compile(rb'<(?:[\w.-]+:)?sheet\b[^>]*>')
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_RELATIONSHIP = re.compile(rb'<(?:[\w.-]+:)?Relationship\b[^>]*>')
_ACTIVE_TAB = re.compile(rb'\bactiveTab\s*=\s*["\'](\d+)')


def _attrs(tag: bytes) -> dict[str, str]:
    return {m.group(1).decode("utf-8", "replace").rsplit(":", 1)[-1]:
            (m.group(2) if m.group(2) is not None else m.group(3) or b"").decode(
                "utf-8", "replace") for m in _ATTR.finditer(tag)}


def _active_sheet(book: zipfile.ZipFile, limits: XlsxLimits,
                  name: str) -> tuple[int, str | None]:
    """The active sheet's position and its part's name in the zip (None when not found)."""
    workbook = _read_part(book, "xl/workbook.xml", limits, name)
    sheets = [_attrs(tag) for tag in _SHEET.findall(workbook)]
    active = _ACTIVE_TAB.search(workbook)
    index = int(active.group(1)) if active else 0
    if not 0 <= index < len(sheets):
        index = 0
    if not sheets:
        return 0, None
    rels: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in book.NameToInfo:
        for tag in _RELATIONSHIP.findall(
                _read_part(book, "xl/_rels/workbook.xml.rels", limits, name)):
            attrs = _attrs(tag)
            rels[attrs.get("Id", "")] = attrs.get("Target", "")
    target = rels.get(sheets[index].get("id", ""), "")
    part = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return index, posixpath.normpath(part) if target else None


def _read_part(book: zipfile.ZipFile, part: str, limits: XlsxLimits, name: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    with book.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limits.xml_bytes:
                raise _too_large(name, size, limits)
            chunks.append(chunk)
    return b"".join(chunks)


def _check_workbook(path: Path, limits: XlsxLimits) -> int:
    """Refuse a workbook over the limits before the reader sees it; the active sheet's index."""
    name = path.name
    with zipfile.ZipFile(path) as book:
        for info in book.infolist():  # what the zip itself declares: refused at once
            if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.xml_bytes:
                raise _too_large(name, info.file_size, limits)
        index, sheet = _active_sheet(book, limits, name)
        for info in book.infolist():
            # Every other XML part is unpacked once (the declared size may lie: count what
            # comes out), which also checks its CRC: a damaged part is found here.
            if info.filename.endswith((".xml", ".rels")) and info.filename != sheet:
                with book.open(info) as stream:
                    size = 0
                    while chunk := stream.read(_CHUNK):
                        size += len(chunk)
                        if size > limits.xml_bytes:
                            raise _too_large(name, size, limits)
        if sheet is not None and sheet in book.NameToInfo:
            scan = _scan_sheet(book, sheet, _SheetScan(limits, name))
            if scan.needs_exact_pass:  # rare: a big sheet near a limit
                _scan_sheet(book, sheet, _SheetScan(limits, name, exact=True))
    return index


def _scan_sheet(book: zipfile.ZipFile, sheet: str, scan: _SheetScan) -> _SheetScan:
    with book.open(sheet) as stream:
        while chunk := stream.read(_CHUNK):
            scan.feed(chunk)
    scan.finish()
    return scan


def _xlsx_rows(path: Path,
               limits: XlsxLimits = LIMITS) -> Iterator[tuple[int, Sequence[object]]]:
    from python_calamine import CalamineWorkbook  # lazy: only when a workbook is imported

    try:
        index = _check_workbook(path, limits)
        book = CalamineWorkbook.from_path(str(path))
        try:
            if index >= len(book.sheet_names):
                index = 0
            sheet = book.get_sheet_by_index(index)
            # iter_rows() starts at the sheet's first row (row 1), whatever is blank above;
            # the values are turned into text later, only in the columns used
            rows = list(sheet.iter_rows())
        finally:
            book.close()
    except ImportFileError:
        raise
    except (FileNotFoundError, PermissionError) as exc:
        raise ImportFileError("file.unreadable", path=str(path),
                              error=str(exc.strerror or exc)) from None
    except Exception as exc:
        # A damaged zip/XML fails in many ways (zlib.error, BadZipFile, CalamineError,
        # XmlError, KeyError ...): all of them mean "unreadable", none is a bug of ours.
        log.info("cannot read workbook %s", path, exc_info=True)
        raise ImportFileError("file.bad_xlsx", name=path.name,
                              error=type(exc).__name__) from None
    yield from enumerate(rows, start=1)


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
    if _NUMBER.match(value):  # the common case: a plain number
        number = float(value)
        if minimum is not None and number < minimum:
            raise ValidationError("value.below_minimum", field_name, text=text,
                                  minimum=minimum)
        return number
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
