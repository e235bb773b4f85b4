"""ExchangeService: importing a file (own connection, any thread) and exporting to a file."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.db.organisation import persons as person_repo
from vernetool.services import Change, Services, Topic
from vernetool.services.exchange import ImportCancelled, ImportFileError, ImportResult
from vernetool.services.organisation import Person

PEOPLE_CSV = (
    "\ufeffNavn;E-post;Telefon;Enhet;Roller\n"
    "Åse Ødegård;ase@ntnu.no;735 94 120;IKJ;safety_rep\n"
    "Bjørn Æsøy;bjorn@ntnu.no;;IKJ;room_responsible,employee\n"
    "Uten Adresse;ikke-en-adresse;;IKJ;employee\n"
)


@pytest.fixture
def services(ctx: AppContext) -> Services:
    return ctx.services


@pytest.fixture
def changes(services: Services) -> Iterator[list[Change]]:
    seen: list[Change] = []
    unsubscribe = services.subscribe(seen.append)
    yield seen
    unsubscribe()


@pytest.fixture
def people_file(tmp_path: Path) -> Path:
    path = tmp_path / "personer.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    return path


def test_import_writes_the_good_rows_and_tells_listeners(
        services: Services, ctx: AppContext, changes: list[Change], people_file: Path) -> None:
    result = services.exchange.import_file("persons", people_file)
    assert (result.imported, result.skipped, result.error_rows) == (2, 0, 1)
    assert sorted(p.name for p in person_repo.list_persons(ctx.conn)) == [
        "Bjørn Æsøy", "Åse Ødegård"]
    assert [c.topic for c in changes] == [Topic.PERSONS, Topic.UNITS]
    changes.clear()
    again = services.exchange.import_file("persons", people_file)
    assert (again.imported, again.skipped) == (0, 2)
    assert changes == []  # nothing changed, nothing to refresh


def test_strict_import_of_a_file_with_errors_writes_nothing(
        services: Services, ctx: AppContext, changes: list[Change], people_file: Path) -> None:
    result = services.exchange.import_file("persons", people_file, strict=True)
    assert result.rejected and result.imported == 0
    assert person_repo.count_persons(ctx.conn) == 0
    assert changes == []


def test_an_unusable_or_cancelled_import_writes_nothing(
        services: Services, ctx: AppContext, changes: list[Change], people_file: Path,
        tmp_path: Path) -> None:
    bad = tmp_path / "feil.csv"
    bad.write_text("hei;og;hå\n1;2;3\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        services.exchange.import_file("rooms", bad)
    with pytest.raises(ImportCancelled):
        services.exchange.import_file("persons", people_file, cancel=lambda: True)
    assert person_repo.count_persons(ctx.conn) == 0
    assert changes == []


def test_import_runs_off_the_calling_thread_and_reports_progress(
        services: Services, ctx: AppContext, people_file: Path) -> None:
    outcome: list[ImportResult | BaseException] = []
    progress: list[tuple[int, int]] = []

    def job() -> None:
        try:
            outcome.append(services.exchange.import_file(
                "persons", people_file, progress=lambda done, total: progress.append(
                    (done, total))))
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=job)
    worker.start()
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], ImportResult)
    assert outcome[0].imported == 2
    assert progress and progress[-1][0] == progress[-1][1]
    assert person_repo.count_persons(ctx.conn) == 2  # visible on the GUI's connection


def test_export_reads_through_its_own_connection(services: Services, ctx: AppContext,
                                                 tmp_path: Path) -> None:
    services.persons.save(Person("Chen Li", "chen@ntnu.no", "735 00 000", "IBI"))
    out = tmp_path / "people.json"
    assert services.exchange.export_file("persons", out, "json") == 1
    plain = json.loads(out.read_text(encoding="utf-8"))
    assert plain[0]["name"] == "Chen Li" and not plain[0].get("email")
    assert services.exchange.export_file("persons", out, "json",
                                         include_personal_data=True) == 1
    assert json.loads(out.read_text(encoding="utf-8"))[0]["email"] == "chen@ntnu.no"
    assert {"rooms", "persons", "deviations"} <= set(services.exchange.export_kinds())
    assert services.exchange.import_kinds() == sorted(services.exchange.import_kinds())
