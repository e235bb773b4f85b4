"""``vernetool annual aggregate`` refuses what it cannot count: every problem of every file on
its own stderr line naming the file and the question, exit 1, nothing on stdout. Bundles from
the folder target's inbox are read too (a later bundle from the same database replaces a
unit's earlier one); the units that have not answered are listed from --expected or --db."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.cli.annual.seed_files import answers_file
from vernetool.cli import main
from vernetool.db.connection import atomic
from vernetool.db.migrations import open_store
from vernetool.db.organisation.units import ensure_unit

GOOD = {"1": "yes", "2": "yes", "7": "yes", "7a": "yes", "7b": "no", "24": "no",
        "12": "Faste møter med HMS-koordinator"}


def write(folder: Path, name: str, data: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def good_units(folder: Path, *codes: str) -> None:
    for code in codes:
        write(folder, f"{code}.json", answers_file(2024, code, GOOD))


def aggregate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    code = main(["--lang", "en", "annual", "aggregate", "--year", "2024", *args])
    out, err = capsys.readouterr()
    return code, out, [line for line in err.splitlines() if line]


def bundle(folder: Path, name: str, entries: dict[str, Any], *, database_id: str,
           created_at: str, kind: str = "annual") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    manifest: dict[str, Any] = {"schema": "vernetool.bundle/1", "bundle_id": str(uuid.uuid4()),
                "target": "hms", "kind": kind, "created_at": created_at,
                "source": {"database_id": database_id, "unit": None}, "since": None,
                "files": []}
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for entry, data in entries.items():
            zf.writestr(entry, json.dumps(data))
    return path


@pytest.mark.parametrize(("name", "content", "question", "words"), [
    ("other-year.json", answers_file(2023, "X", {"1": "yes"}), None, "for 2023, not 2024"),
    ("bad-code.json", answers_file(2024, "X", {**GOOD, "7b": "maybe"}), "7b",
     "'maybe' is not one of"),
    ("wrong-code.json", answers_file(2024, "X", {**GOOD, "2": "not_applicable"}), "2",
     "is not an answer to this question"),
    ("orphan.json", answers_file(2024, "X", {**GOOD, "7": "no"}), "7a",
     "asked only when 7 is yes"),
    ("unknown.json", answers_file(2024, "X", {**GOOD, "31": "yes"}), "31",
     "no such question"),
    ("expired.json", answers_file(2024, "X", {**GOOD, "24": "yes", "24b": "yes"}), "24b",
     "no longer asked"),
    ("broken.json", '{"schema": "vernetool.annual-answers/1", ', None, "not readable JSON"),
    ("shape.json", {"schema": "vernetool.annual-answers/1", "year": 2024}, None,
     "'unit' is missing"),
])
def test_each_refusal_names_the_file_and_question(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: Any,
        question: str | None, words: str) -> None:
    inbox = tmp_path / "inbox"
    good_units(inbox, "A", "B")
    bad = write(inbox, name, content)
    code, out, err = aggregate(capsys, str(inbox))
    assert (code, out) == (1, "")
    assert len(err) == 1, err
    prefix = f"vernetool: {bad}: " + (f"question {question}: " if question else "")
    assert err[0].startswith(prefix), err[0]
    assert words in err[0]


def test_a_unit_twice_is_refused_and_neither_counted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    good_units(inbox, "A", "B")
    write(inbox, "B-again.json", answers_file(2024, "B", GOOD))
    code, out, err = aggregate(capsys, str(inbox))
    assert (code, out) == (1, "")
    assert err == [f"vernetool: {inbox / 'B.json'}: unit B has answered twice "
                   f"(also in {inbox / 'B-again.json'}); neither is counted"]


def test_a_unit_twice_still_has_its_answers_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every problem at once: the bad code of a file that is also a duplicate is said now,
    not only after the duplicate is removed."""
    inbox = tmp_path / "inbox"
    good_units(inbox, "A", "B")
    write(inbox, "B-again.json", answers_file(2024, "B", {**GOOD, "2": "maybe"}))
    code, out, err = aggregate(capsys, str(inbox))
    assert (code, out) == (1, "")
    assert len(err) == 2
    assert any("unit B has answered twice" in line for line in err)
    assert any(f"{inbox / 'B-again.json'}: question 2:" in line and "maybe" in line
               for line in err)


def test_every_problem_of_every_file_is_reported_in_norwegian_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    good_units(inbox, "A")
    write(inbox, "C.json", answers_file(2024, "C", {**GOOD, "2": "ja", "7": "no"}))
    write(inbox, "D.json", answers_file(2023, "D", GOOD))
    code = main(["--lang", "nb", "annual", "aggregate", "--year", "2024", str(inbox)])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert (code, out) == (1, "")
    assert lines == [
        f"vernetool: {inbox / 'C.json'}: spørsmål 2: «ja» er ikke en av spørsmålets "
        "svarkoder (yes, no, dont_know)",
        f"vernetool: {inbox / 'C.json'}: spørsmål 7a: besvart, men det stilles bare når 7 er "
        "yes, og 7 er «no»",
        f"vernetool: {inbox / 'D.json'}: svarene gjelder 2023, ikke 2024"]


def test_the_previous_years_files_are_checked_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good_units(tmp_path / "2024", "A")
    bad = write(tmp_path / "2023", "A.json", answers_file(2023, "A", {"1": "yes", "6": "yes"}))
    code, out, err = aggregate(capsys, "--compare", str(tmp_path / "2023"),
                               str(tmp_path / "2024"))
    assert (code, out) == (1, "")
    assert err == [f"vernetool: {bad}: question 6: the questionnaire has no such question"]


def test_bundles_from_the_inbox_latest_per_database_and_unit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    db_a, db_b = str(uuid.uuid4()), str(uuid.uuid4())
    first = bundle(inbox, "1.zip", {"annual/1.json": answers_file(2024, "IKJ", {"1": "no"})},
                   database_id=db_a, created_at="2024-11-20T10:00:00+00:00")
    second = bundle(inbox, "2.zip", {"annual/1.json": answers_file(2024, "IKJ", {"1": "yes"}),
                                     "annual/2.json": answers_file(2023, "IKJ", {"1": "no"}),
                                     "annual/3.json": answers_file(2024, "IBI", {"1": "no"},
                                                                   submitted_at=None)},
                    database_id=db_a, created_at="2024-11-21T10:00:00+00:00")
    bundle(inbox, "3.zip", {"annual/9.json": answers_file(2024, "IFY", {"1": "yes"})},
           database_id=db_b, created_at="2024-11-19T10:00:00+00:00")
    bundle(inbox, "4.zip", {"deviations/1.json": {"title": "x"}}, database_id=db_b,
           created_at="2024-11-19T10:00:00+00:00", kind="deviations")
    code, out, err = aggregate(capsys, str(inbox))
    assert code == 0, err
    result = json.loads(out)
    assert result["units"] == 2            # IKJ once (the later bundle), IFY; no draft IBI
    assert result["questions"]["1"]["counts"] == {"yes": 2, "no": 0}
    assert result["superseded"] == [{"unit": "IKJ", "file": f"{first}:annual/1.json",
                                     "by": f"{second}:annual/1.json"}]
    assert err == [f"vernetool: IKJ: {first}:annual/1.json is replaced by the later "
                   f"{second}:annual/1.json"]


def test_the_same_unit_from_two_databases_is_a_unit_twice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    for n in (1, 2):
        bundle(inbox, f"{n}.zip", {"annual/1.json": answers_file(2024, "IKJ", {"1": "yes"})},
               database_id=str(uuid.uuid4()), created_at=f"2024-11-2{n}T10:00:00+00:00")
    code, out, err = aggregate(capsys, str(inbox))
    assert (code, out) == (1, "")
    assert len(err) == 1 and "unit IKJ has answered twice" in err[0]


def test_not_answered_from_an_expected_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good_units(tmp_path / "inbox", "IKJ", "IBI")
    plain = write(tmp_path, "units.txt", "# the units\nIKJ\nIFY\n\nIBI\nISM\n")
    code, out, _ = aggregate(capsys, "--expected", str(plain), str(tmp_path / "inbox"))
    assert code == 0
    assert json.loads(out)["not_answered"] == [{"code": "IFY", "name": ""},
                                               {"code": "ISM", "name": ""}]
    listed = write(tmp_path, "units.csv", "code;name\nIKJ;Institutt for kjemi\n"
                                          "IFY;Institutt for fysikk\n")
    code, out, _ = aggregate(capsys, "--expected", str(listed), str(tmp_path / "inbox"))
    assert json.loads(out)["not_answered"] == [{"code": "IFY",
                                                "name": "Institutt for fysikk"}]


def test_not_answered_from_a_databases_units(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "hms.sqlite"
    conn = open_store(db)
    with atomic(conn):
        ensure_unit(conn, "IKJ", "Institutt for kjemi")
        ensure_unit(conn, "IFY", "Institutt for fysikk")
    conn.close()
    good_units(tmp_path / "inbox", "IKJ")
    code, out, _ = aggregate(capsys, "--db", str(db), str(tmp_path / "inbox"))
    assert code == 0
    assert json.loads(out)["not_answered"] == [{"code": "IFY",
                                                "name": "Institutt for fysikk"}]
    code, out, err = aggregate(capsys, "--db", str(db), "--expected", str(db),
                               str(tmp_path / "inbox"))
    assert (code, out, err) == (1, "", ["vernetool: give either --expected or --db, not both"])


def test_a_year_without_a_questionnaire_of_its_own_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "inbox", "A.json", answers_file(2026, "A", GOOD))
    code = main(["--lang", "en", "annual", "aggregate", "--year", "2026",
                 str(tmp_path / "inbox")])
    out, err = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["based_on_year"] == 2024
    assert err == ("vernetool: 2026 has no questionnaire of its own: the questions of 2024 "
                   "are used\n")


def test_missing_path_and_bad_out_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = aggregate(capsys, str(tmp_path / "nowhere"))
    assert (code, out, err) == (1, "", [f"vernetool: no such file: {tmp_path / 'nowhere'}"])
    good_units(tmp_path / "inbox", "A")
    code, out, err = aggregate(capsys, "--out", str(tmp_path / "t.txt"),
                               str(tmp_path / "inbox"))
    assert (code, out) == (1, "")
    assert err == [f"vernetool: --out must name a .pdf or .xlsx file, not {tmp_path / 't.txt'}"]


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_out_writes_the_tables(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    good_units(tmp_path / "inbox", "A", "B")
    target = tmp_path / f"tables{suffix}"
    code, out, err = aggregate(capsys, "--out", str(target), str(tmp_path / "inbox"))
    assert code == 0, err
    assert json.loads(out)["units"] == 2
    assert target.stat().st_size > 0
