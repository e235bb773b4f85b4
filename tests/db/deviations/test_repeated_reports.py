"""Every row of a deviation log is its own report (DESIGN.md "Canonical deviation CSV"): rows
that share date, type, title and room are all imported, an ``id`` column is the key when the
file has one, and re-importing a file still changes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vernetool.db.deviations import records as repo
from vernetool.db.deviations.queries import count_deviations, query_deviations
from vernetool.db.migrations import open_store
from vernetool.db.organisation.rooms import save_room
from vernetool.domain.organisation import Room, RoomType
from vernetool.exchange.deviations_io import export_deviations, import_deviations


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


# Two people report the same alarm in the same room on one day, twice over; one more report
# of it the next day, and one elsewhere.
ALARM_LOG = [
    "Meldt dato;Type;Tittel;Rom;Beskrivelse;Alvorlighetsgrad",
    "12.03.2024;Farlig forhold;Brannalarm gikk;GL:A-101;Meldt av Kari;2",
    "12.03.2024;Farlig forhold;Brannalarm gikk;GL:A-101;Meldt av Ola;2",
    "12.03.2024;Farlig forhold;brannalarm gikk;gl:a-101;Meldt av Per;3",
    "13.03.2024;Farlig forhold;Brannalarm gikk;GL:A-101;Dagen etter;2",
    "12.03.2024;Farlig forhold;Brannalarm gikk;Kantina;Et annet sted;2",
]


@pytest.fixture
def lab(conn: sqlite3.Connection) -> sqlite3.Connection:
    save_room(conn, Room("GL", "A-101", RoomType.LAB))
    return conn


def test_rows_that_share_date_type_title_and_room_are_all_imported(
        lab: sqlite3.Connection, tmp_path: Path) -> None:
    source = _csv(tmp_path / "avvik.csv", ALARM_LOG)
    first = import_deviations(lab, source, actor="t")
    assert (first.imported, first.skipped, first.errors) == (5, 0, [])
    descriptions = sorted(repo.get_deviation(lab, r.id).description  # type: ignore[union-attr]
                          for r in query_deviations(lab))
    assert descriptions == ["Dagen etter", "Et annet sted", "Meldt av Kari", "Meldt av Ola",
                            "Meldt av Per"]
    again = import_deviations(lab, source, actor="t")
    assert (again.imported, again.skipped, again.errors) == (0, 5, [])
    assert count_deviations(lab) == 5


def test_a_changed_row_updates_its_own_report_among_equals(
        lab: sqlite3.Connection, tmp_path: Path) -> None:
    source = _csv(tmp_path / "avvik.csv", ALARM_LOG)
    import_deviations(lab, source, actor="t")
    ids = [r.id for r in query_deviations(lab, descending=False)]
    changed = [*ALARM_LOG]
    changed[2] = changed[2].replace(";2", ";4")  # Ola's report gets a higher severity
    result = import_deviations(lab, _csv(source, changed), actor="t")
    assert (result.imported, result.skipped, result.errors) == (1, 4, [])
    ola = repo.get_deviation(lab, ids[1])
    assert ola is not None and ola.description == "Meldt av Ola"
    assert ola.potential_consequence == 4
    assert count_deviations(lab) == 5


def test_a_row_fixed_after_an_error_does_not_duplicate_the_others(
        lab: sqlite3.Connection, tmp_path: Path) -> None:
    broken = [*ALARM_LOG]
    broken[1] = broken[1].replace(";2", ";9")  # Kari's row: severity out of range
    source = _csv(tmp_path / "avvik.csv", broken)
    first = import_deviations(lab, source, actor="t")
    assert (first.imported, [(e.row, e.field) for e in first.errors]) == (
        4, [(2, "potential_consequence")])
    again = import_deviations(lab, source, actor="t")
    assert (again.imported, again.skipped, len(again.errors)) == (0, 4, 1)
    fixed = import_deviations(lab, _csv(source, ALARM_LOG), actor="t")
    assert fixed.errors == [] and count_deviations(lab) == 5
    assert sorted(repo.get_deviation(lab, r.id).description  # type: ignore[union-attr]
                  for r in query_deviations(lab))[2:] == ["Meldt av Kari", "Meldt av Ola",
                                                          "Meldt av Per"]
    final = import_deviations(lab, source, actor="t")
    assert (final.imported, final.skipped) == (0, 5)


def test_an_id_column_is_the_key(lab: sqlite3.Connection, tmp_path: Path) -> None:
    lines = ["id;" + ALARM_LOG[0]] + [f"EQS-{n};{line}" for n, line in enumerate(ALARM_LOG[1:])]
    lines.append(";" + ALARM_LOG[1])  # no id: its own report, matched among id-less ones
    source = _csv(tmp_path / "eqs.csv", lines)
    first = import_deviations(lab, source, actor="t")
    assert (first.imported, first.errors) == (6, [])
    assert repo.find_by_external_id(lab, "EQS-1") is not None
    renamed = [*lines]
    renamed[2] = renamed[2].replace("Brannalarm gikk", "Brannalarm i lab")  # same id, new title
    second = import_deviations(lab, _csv(source, renamed), actor="t")
    assert (second.imported, second.skipped, second.errors) == (1, 5, [])
    dev = repo.find_by_external_id(lab, "EQS-1")
    assert dev is not None and dev.title == "Brannalarm i lab"
    assert count_deviations(lab) == 6
    twice = _csv(tmp_path / "twice.csv", [lines[0], lines[1], lines[1]])
    result = import_deviations(lab, twice, actor="t")
    assert [(e.row, e.field, e.code) for e in result.errors] == [
        (3, "external_id", "deviation.twice")]


def test_a_file_without_ids_finds_reports_imported_with_ids(
        lab: sqlite3.Connection, tmp_path: Path) -> None:
    with_ids = ["id;" + ALARM_LOG[0]] + [f"EQS-{n};{line}"
                                         for n, line in enumerate(ALARM_LOG[1:])]
    import_deviations(lab, _csv(tmp_path / "eqs.csv", with_ids), actor="t")
    result = import_deviations(lab, _csv(tmp_path / "plain.csv", ALARM_LOG), actor="t")
    assert (result.imported, result.skipped, result.errors) == (0, 5, [])
    assert repo.find_by_external_id(lab, "EQS-0") is not None  # kept its id


def test_an_export_without_ids_reimports_unchanged(lab: sqlite3.Connection,
                                                   tmp_path: Path) -> None:
    import_deviations(lab, _csv(tmp_path / "avvik.csv", ALARM_LOG), actor="t")
    out = tmp_path / "eksport.csv"
    assert export_deviations(lab, out, "csv") == 5
    result = import_deviations(lab, out, actor="t")
    assert (result.imported, result.skipped, result.errors) == (0, 5, [])


_DAYS = st.sampled_from(["2024-03-12", "12.03.2024", "2024-03-13"])
_TYPES = st.sampled_from(["hazard", "Farlig forhold", "near_miss"])
_TITLES = st.sampled_from(["Alarm", "alarm", "Lekkasje"])
_ROOMS = st.sampled_from(["", "Kantina", "kantina"])
_NOTES = st.text(alphabet="abc ", max_size=4)
_ROWS = st.lists(st.tuples(_DAYS, _TYPES, _TITLES, _ROOMS, _NOTES), min_size=1, max_size=12)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_ROWS)
def test_any_log_imports_every_row_and_reimports_unchanged(
        tmp_path: Path, rows: list[tuple[str, ...]]) -> None:
    """Property: a log of any repeats imports one report per row; importing it again, or
    after a later row was appended, never duplicates or changes a report."""
    with closing(open_store(":memory:")) as conn:
        lines = ["reported_at;type;title;room;description",
                 *(";".join(row) for row in rows)]
        source = _csv(tmp_path / "log.csv", lines)
        first = import_deviations(conn, source, actor="t")
        assert (first.imported, first.errors) == (len(rows), [])
        again = import_deviations(conn, source, actor="t")
        assert (again.imported, again.skipped, again.errors) == (0, len(rows), [])
        grown = import_deviations(conn, _csv(source, [*lines, lines[1]]), actor="t")
        assert (grown.imported, grown.skipped) == (1, len(rows))
        assert count_deviations(conn) == len(rows) + 1
