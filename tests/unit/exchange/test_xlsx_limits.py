"""XLSX bombs: a workbook over the limits is refused in seconds, with bounded memory, with a
message naming the limit, and nothing is imported."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vernetool.db.migrations import open_store
from vernetool.exchange.result import ImportFileError
from vernetool.exchange.rooms_io import SCHEMA as ROOMS
from vernetool.exchange.rooms_io import import_rooms
from vernetool.exchange.tabular import XlsxLimits, read_table

_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
    '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
         'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships"><sheets><sheet name="Rooms" sheetId="1" '
         'r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
              'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
              '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
              'Target="worksheets/sheet1.xml"/></Relationships>')


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header() -> str:
    return f'<row r="1">{_cell("A1", "Bygg")}{_cell("B1", "Romnr")}</row>'


def workbook(path: Path, sheet_data: str) -> Path:
    """A minimal XLSX whose only sheet holds ``sheet_data`` (the inside of <sheetData>)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _TYPES)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _BOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        book.writestr("xl/worksheets/sheet1.xml",
                      f"{_HEAD}<sheetData>{sheet_data}</sheetData></worksheet>")
    return path


def _refused(path: Path, code: str, limits: XlsxLimits | None = None) -> ImportFileError:
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        read_table(path, ROOMS, limits=limits)
    assert caught.value.code == code, caught.value
    assert time.perf_counter() - started < 10
    return caught.value


def test_a_plain_workbook_made_the_same_way_is_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "ok.xlsx", _header() + '<row r="3">'
                    + _cell("A3", "SB1") + '<c r="B3"><v>101</v></c></row>')
    table = read_table(path, ROOMS)
    assert [(r.number, r.values) for r in table.rows] == [(3, {"building": "SB1",
                                                                "room": "101"})]


def test_one_cell_in_column_xfd_is_refused_naming_the_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "xfd.xlsx", _header() + '<row r="2">' + _cell("A2", "SB1")
                    + _cell("B2", "1") + _cell("XFD2", "x") + "</row>")
    error = _refused(path, "file.too_many_columns")
    assert "XFD" in str(error) and "1000" in str(error)


def test_columns_without_references_are_counted(tmp_path: Path) -> None:
    cells = "".join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(60))
    path = workbook(tmp_path / "wide.xlsx", _header() + f"<row>{cells}</row>")
    _refused(path, "file.too_many_columns", XlsxLimits(columns=50))


def test_rows_over_the_limit_are_refused(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}">{_cell(f"A{n}", "SB1")}{_cell(f"B{n}", str(n))}</row>'
                   for n in range(2, 60))
    path = workbook(tmp_path / "rows.xlsx", _header() + rows)
    assert len(read_table(path, ROOMS).rows) == 58
    error = _refused(path, "file.too_many_rows", XlsxLimits(rows=40))
    assert "40" in str(error)


def test_a_row_four_million_down_is_refused_at_once(tmp_path: Path) -> None:
    """The real shape: a tiny file whose last row is number 4,000,000."""
    path = workbook(tmp_path / "deep.xlsx", _header() + '<row r="4000000">'
                    + _cell("A4000000", "x") + "</row>")
    _refused(path, "file.too_many_rows")


def test_a_cell_placed_far_below_its_row_is_found(tmp_path: Path) -> None:
    path = workbook(tmp_path / "liar.xlsx", _header() + '<row r="2">'
                    + _cell("A3999999", "x") + "</row>")
    _refused(path, "file.too_many_rows")


def test_a_corner_cell_making_a_huge_area_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "corner.xlsx", _header() + '<row r="200000">'
                    + _cell("ZZ200000", "x") + "</row>")
    error = _refused(path, "file.too_many_cells")
    assert "200000" in str(error) and "702" in str(error)


def test_a_sheet_that_unpacks_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    whitespace = " " * (2 * 1024 * 1024)  # 2 MB of whitespace (a few KB packed)
    path = workbook(tmp_path / "blank.xlsx", _header() + whitespace)
    assert path.stat().st_size < 20_000
    _refused(path, "file.sheet_too_large", XlsxLimits(xml_bytes=1024 * 1024))
    assert read_table(path, ROOMS).rows == []  # under the real limit: read, fast


def test_whitespace_cells_over_the_area_are_refused(tmp_path: Path) -> None:
    blank = "".join(f'<row r="{n}">{_cell(f"A{n}", "   ")}{_cell(f"B{n}", " ")}</row>'
                    for n in range(2, 400))
    path = workbook(tmp_path / "spaces.xlsx", _header() + blank)
    _refused(path, "file.too_many_cells", XlsxLimits(cells=500))


def test_a_bomb_imports_nothing(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "db.sqlite")
    path = workbook(tmp_path / "xfd.xlsx", _header() + '<row r="2">' + _cell("A2", "SB1")
                    + _cell("B2", "1") + _cell("XFD2", "x") + "</row>")
    with pytest.raises(ImportFileError, match="XFD"):
        import_rooms(conn, path, actor="test")
    assert conn.execute("SELECT count(*) FROM room").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM building").fetchone()[0] == 0
    conn.close()


def test_the_corner_bomb_stays_in_bounded_memory(tmp_path: Path) -> None:
    """Read in a child process: its peak memory is what the refusal cost."""
    path = workbook(tmp_path / "corner.xlsx", _header() + '<row r="1"/>'
                    + '<row r="250000">' + _cell("AA250000", "x") + _cell("ALL1", "y")
                    + "</row>")
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory read from /proc (Linux)")
    # VmHWM, not ru_maxrss: Linux carries the forking parent's peak over into ru_maxrss
    script = (
        "import json, re, sys\n"
        "from vernetool.exchange.result import ImportFileError\n"
        "from vernetool.exchange.rooms_io import SCHEMA\n"
        "from vernetool.exchange.tabular import read_table\n"
        "try:\n    read_table(sys.argv[1], SCHEMA)\n    code = None\n"
        "except ImportFileError as exc:\n    code = exc.code\n"
        "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())\n"
        "print(json.dumps([code, int(peak.group(1))]))\n")
    src = Path(__file__).parents[3] / "src"
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                         text=True, timeout=120, env={"PYTHONPATH": str(src)}, check=True)
    code, peak_kb = json.loads(out.stdout)
    assert code == "file.too_many_cells"
    assert peak_kb < 300 * 1024, f"{peak_kb // 1024} MB"


_REFS = st.tuples(st.integers(2, 5000), st.integers(1, 3000))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(_REFS, min_size=1, max_size=6), implicit=st.booleans())
def test_any_placement_of_cells_is_read_or_refused_by_a_limit(
        tmp_path: Path, cells: list[tuple[int, int]], implicit: bool) -> None:
    """Fuzz: cells anywhere, with or without references: the sheet is read within the limits
    or refused with one of the limit codes; never anything else."""
    from vernetool.exchange.tabular import _colname

    limits = XlsxLimits(rows=2000, columns=800, cells=200_000)
    rows = []
    for row, col in sorted(set(cells)):
        ref = "" if implicit else f' r="{_colname(col)}{row}"'
        rows.append(f'<row r="{row}"><c{ref} t="inlineStr"><is><t>v</t></is></c></row>')
    path = workbook(tmp_path / "fuzz.xlsx", _header() + "".join(rows))
    max_row = max(r for r, _ in cells)
    max_col = 2 if implicit else max(2, *(c for _, c in cells))
    try:
        read_table(path, ROOMS, limits=limits)
    except ImportFileError as exc:
        assert exc.code in {"file.too_many_rows", "file.too_many_columns",
                            "file.too_many_cells"}, exc
        assert max_row > limits.rows or max_col > limits.columns or \
            max_row * max(max_col, 26) > limits.cells
    else:
        assert max_row <= limits.rows and max_col <= limits.columns


def test_a_cell_a_little_below_the_last_row_is_found(tmp_path: Path) -> None:
    """A cell whose row has as many digits as the last row's, but is past the limit."""
    rows = "".join(f'<row r="{n}">{_cell(f"A{n}", "SB1")}{_cell(f"B{n}", str(n))}</row>'
                   for n in range(2, 30))
    path = workbook(tmp_path / "below.xlsx", _header() + rows + '<row r="30">'
                    + _cell("A95", "x") + "</row>")
    error = _refused(path, "file.too_many_rows", XlsxLimits(rows=60))
    assert "95" in str(error)
    assert read_table(path, ROOMS, limits=XlsxLimits(rows=100)).rows[-1].number == 95


def test_a_lower_case_reference_far_to_the_right_is_found(tmp_path: Path) -> None:
    path = workbook(tmp_path / "lower.xlsx", _header() + '<row r="2">' + _cell("A2", "SB1")
                    + _cell("B2", "1") + _cell("xfd2", "x") + "</row>")
    error = _refused(path, "file.too_many_columns")
    assert "XFD" in str(error)


def test_a_wide_sheet_in_the_common_shape_is_read(tmp_path: Path) -> None:
    cells = "".join(_cell(f"{c}2", "x") for c in ("C", "Z", "AA", "AZ"))
    path = workbook(tmp_path / "wide.xlsx", _header() + '<row r="2">' + _cell("A2", "SB1")
                    + _cell("B2", "1") + cells + "</row>")
    assert [r.values for r in read_table(path, ROOMS).rows] == [
        {"building": "SB1", "room": "1"}]
    _refused(path, "file.too_many_columns", XlsxLimits(columns=50))
