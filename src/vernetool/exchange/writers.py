"""Writing records (dicts with canonical field names) to CSV, XLSX or JSON, safely.

- CSV: UTF-8 with BOM and ``;`` by default (what Norwegian Excel opens correctly), with
  decimal commas when the separator is ``;`` (``48,5``), decimal points otherwise.
- XLSX: one sheet, bold frozen header row, an autofilter and column widths that fit.
- JSON: an array of objects with the canonical field names; numbers stay numbers, lists
  stay lists, nothing is altered (JSON is for scripts, not spreadsheets).
- Every text cell of every CSV and XLSX export goes through one sanitiser, ``safe_text``,
  applied last: it first removes what no cell should hold (control characters but tab and
  line breaks, DEL, C1 controls, lone surrogates), then gives a leading apostrophe to text a
  spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` or their full-width forms,
  also after leading white space; or a leading tab or CR). So ``"\x01=cmd|' /C calc'!A0"``
  is written as ``'=cmd|' /C calc'!A0``. The importers remove the apostrophe again, so an
  export imports back unchanged. A plain negative number such as floor ``-1`` is left alone
  (it cannot be a formula). Numbers stay numbers. XLSX text cells are written as strings
  explicitly (never as formulas) and cut at Excel's 32,767 characters.
- Files are written atomically: to a temporary file beside the target, then renamed, so a
  reader (or a synced folder) never sees half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FORMATS = ("csv", "xlsx", "json")
XLSX_MAX_CHARS = 32767  # Excel refuses a longer cell
# What a spreadsheet would run as a formula (the full-width forms too: some spreadsheets
# fold them to ASCII).
_FORMULA_CHARS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NEGATIVE_NUMBER = re.compile(r"^-[0-9]+([.,][0-9]+)?$")
# Characters no exported cell keeps: C0 controls but tab/LF/CR (XML 1.0, and so XLSX, cannot
# hold them), DEL, C1 controls, lone surrogates (not encodable) and the XML non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def safe_text(value: str) -> str:
    """The one sanitiser of every CSV/XLSX text cell: strip unsafe characters, *then* guard
    against formulas (``=SUM(A1)`` → ``'=SUM(A1)``), so no character can hide a formula."""
    text = _UNSAFE.sub("", value)
    head = text.lstrip()
    if head.startswith(_FORMULA_CHARS) and not _NEGATIVE_NUMBER.match(head):
        return "'" + head  # the importers trim leading white space anyway
    if text.startswith(("\t", "\r")):
        return "'" + text
    return text


def write_records(path: Path | str, fmt: str, columns: Sequence[str],
                  records: Iterable[Mapping[str, Any]], *, delimiter: str = ";",
                  sheet_title: str = "Data") -> int:
    """Write ``records`` with exactly ``columns``, in that order; returns the record count."""
    if fmt == "csv":
        return write_csv(path, columns, records, delimiter=delimiter)
    if fmt == "xlsx":
        return write_xlsx(path, columns, records, sheet_title=sheet_title)
    if fmt == "json":
        return write_json(path, columns, records)
    raise ValueError(f"unknown format '{fmt}' (use one of: {', '.join(FORMATS)})")


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only when the block succeeds."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(temp, mode)
        with temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _number_text(value: float, decimal_comma: bool) -> str:
    text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return text.replace(".", ",") if decimal_comma else text


def _text(value: Any, *, decimal_comma: bool = False) -> str:
    """A value as CSV/XLSX text, through ``safe_text``."""
    if type(value) is str:  # the common case first (a subclass, e.g. StrEnum, goes below)
        return safe_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value, decimal_comma)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return safe_text(",".join(str(v) for v in value))
    return safe_text(str(value))


def cell_text(value: Any, *, decimal_comma: bool = False) -> str:
    """A value as one CSV cell writes it (numbers, dates, lists; text through
    ``safe_text``)."""
    return _text(value, decimal_comma=decimal_comma)


def write_csv(path: Path | str, columns: Sequence[str], records: Iterable[Mapping[str, Any]],
              *, delimiter: str = ";", bom: bool = True) -> int:
    encoding = "utf-8-sig" if bom else "utf-8"
    with atomic_path(path) as temp, temp.open("w", encoding=encoding, newline="") as fh:
        return _csv_rows(fh, columns, records, delimiter)


def csv_bytes(columns: Sequence[str], records: Iterable[Mapping[str, Any]], *,
              delimiter: str = ";", bom: bool = True) -> tuple[bytes, int]:
    """The CSV ``write_csv`` would write, as bytes (for files that go into a zip), and the
    number of records."""
    buffer = io.StringIO(newline="")
    count = _csv_rows(buffer, columns, records, delimiter)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8"), count


def _csv_rows(fh: Any, columns: Sequence[str], records: Iterable[Mapping[str, Any]],
              delimiter: str) -> int:
    decimal_comma = delimiter == ";"
    count = 0
    writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_text(c) for c in columns])
    for record in records:
        writer.writerow([_text(record.get(c), decimal_comma=decimal_comma) for c in columns])
        count += 1
    return count


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """A write-only cell for ``value``: numbers and dates as themselves, everything else as
    sanitised text marked explicitly as a string (openpyxl would make ``=…`` a formula)."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)) \
            or isinstance(value, dt.date | dt.datetime | dt.time):
        return WriteOnlyCell(sheet, value=value)
    text = _text(value)[:XLSX_MAX_CHARS]
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _xlsx_width(value: Any) -> int:
    return 0 if value is None else len(str(value))


def write_xlsx(path: Path | str, columns: Sequence[str], records: Iterable[Mapping[str, Any]],
               *, sheet_title: str = "Data") -> int:
    from openpyxl import Workbook  # lazy: only when a workbook is written
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title[:31] or "Data")
    rows = [[xlsx_cell(sheet, _xlsx_plain(r.get(c))) for c in columns] for r in records]
    for index, name in enumerate(columns, start=1):
        sample = [_xlsx_width(row[index - 1].value) for row in rows[:2000]]
        width = max([len(name) + 3, *sample]) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 60)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = xlsx_cell(sheet, name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    with atomic_path(path) as temp:
        book.save(temp)
    return len(rows)


def _xlsx_plain(value: Any) -> Any:
    """Dates are written as ISO text in the record exports (what the importers read back)."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def write_json(path: Path | str, columns: Sequence[str],
               records: Iterable[Mapping[str, Any]]) -> int:
    data = [{c: _json_value(r.get(c)) for c in columns} for r in records]
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8", newline="\n") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return len(data)


def _json_value(value: Any) -> Any:
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value
