"""``ctx.services.annual_aggregate``: the same aggregation the command runs, with progress and
cancel for the area's task runner; without a database too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.annual.seed_files import answers_for, seed_counts, write_files
from vernetool.context import AppContext
from vernetool.services.annual.aggregate import (
    AggregateCancelled,
    AnnualAggregateService,
    collect_files,
)
from vernetool.services.annual.questionnaires import questionnaire_for


def seed_folder(folder: Path, year: int) -> Path:
    seed = seed_counts(year)
    write_files(folder, year, answers_for(questionnaire_for(year), seed["units"],
                                          seed["questions"]))
    return folder


def test_the_service_reports_progress_and_the_units_of_the_database(
        ctx: AppContext, tmp_path: Path) -> None:
    from vernetool.db.organisation.units import ensure_unit

    with ctx.services.store.write() as conn:
        ensure_unit(conn, "U001", "Enhet 1")
        ensure_unit(conn, "EXTRA", "Ekstra enhet")
    service = ctx.services.annual_aggregate
    seen: list[tuple[int, int]] = []
    result = service.aggregate([seed_folder(tmp_path / "2024", 2024)], 2024,
                               compare=[seed_folder(tmp_path / "2023", 2023)],
                               expected_units=service.store_units(),
                               progress=lambda done, total: seen.append((done, total)))
    assert result.ok and result.errors == []
    assert seen[-1] == (73 + 74, 73 + 74) and len(seen) == 147
    assert result.current.units == 73 and result.previous is not None
    assert result.previous.units == 74
    assert result.not_answered == [("EXTRA", "Ekstra enhet")]
    assert len(result.files) == 73 and result.files[0].answers.unit_code == "U001"


def test_cancel_stops_before_anything_is_counted(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "2024", 2024)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(AggregateCancelled):
        AnnualAggregateService(None).aggregate([folder], 2024, cancel=cancel)
    assert len(calls) == 6


def test_collect_files_takes_json_and_zip_once_each(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.zip").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    assert collect_files([tmp_path, tmp_path / "a.json"]) == [tmp_path / "a.json",
                                                              tmp_path / "b.zip"]
