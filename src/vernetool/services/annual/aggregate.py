"""Aggregating the units' answers for the HSE section (``vernetool annual aggregate`` and the
Annual reporting area).

Reads answers files (``*.json``) and delivered bundles (``*.zip`` whose manifest's kind is
``annual``; the answers files inside under ``annual/``), from folders (the folder target's
inbox) or named one by one. Every file is read and every problem collected before anything
is reported; a file with a problem is never counted:

- a loose answers file for another year, or a unit answered twice, is an error; in a bundle,
  answers for another year or not yet submitted are left out (an inbox holds every year's
  bundles), and a unit's later bundle from the same source database replaces its earlier one
  (a corrected resubmission; listed as superseded);
- an answer the questionnaire cannot count (unknown question or code, an expired question, a
  follow-up without its parent calling for it) is an error naming the file and the question.

Needs no database: ``AnnualAggregateService(None)`` serves the command line.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.domain.annual.aggregate import Aggregate, aggregate
from vernetool.domain.annual.answers import AnswersFile, answers_from_json, problems
from vernetool.domain.annual.questionnaire import Questionnaire
from vernetool.domain.errors import ValidationError
from vernetool.services.annual.questionnaires import questionnaire_for

if TYPE_CHECKING:
    from vernetool.services.store import Store

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

BUNDLE_FOLDER = "annual/"
TOMBSTONES = "deleted.json"


class AggregateCancelled(Exception):
    """``cancel()`` said stop: nothing is aggregated."""


@dataclass(frozen=True)
class FileProblem:
    """A problem with one file (a bundle entry is ``bundle.zip:annual/3.json``): the question
    it is about (None for the file as a whole), a message code and its parameters."""

    file: str
    question: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceFile:
    """One unit's answers as read: where from (a file, or a bundle's entry), and for a
    bundle its source database and creation time."""

    file: str
    answers: AnswersFile
    bundle_id: str | None = None
    database_id: str | None = None
    created_at: str = ""


@dataclass(frozen=True)
class Superseded:
    unit_code: str
    file: str
    by: str


@dataclass
class AggregateResult:
    current: Aggregate
    previous: Aggregate | None
    files: list[SourceFile]
    not_answered: list[tuple[str, str]]
    errors: list[FileProblem]
    superseded: list[Superseded] = field(default_factory=list)
    previous_errors: list[FileProblem] = field(default_factory=list)
    based_on_year: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.previous_errors


@dataclass
class _Read:
    sources: list[SourceFile] = field(default_factory=list)
    errors: list[FileProblem] = field(default_factory=list)
    # read but never counted (a unit twice): their answers are still checked, so every
    # problem of a file is said at once, not one after the other as they are fixed
    held_back: list[SourceFile] = field(default_factory=list)


class AnnualAggregateService:
    def __init__(self, store: Store | None = None) -> None:
        self.store = store

    # -- what to aggregate ---------------------------------------------------------------------
    def aggregate(self, paths: Sequence[Path], year: int, compare: Sequence[Path] | None = None,
                  expected_units: Sequence[tuple[str, str]] | None = None,
                  progress: ProgressFn | None = None,
                  cancel: CancelFn | None = None) -> AggregateResult:
        """The year's aggregate of the answers under ``paths`` (and, with ``compare``, the
        previous year's beside it); ``errors`` lists every problem found (then nothing should
        be reported as the year's figures)."""
        questionnaire = questionnaire_for(year)
        files = collect_files(paths)
        earlier = collect_files(compare) if compare else []
        total = len(files) + len(earlier)
        done = [0]

        def step() -> None:
            if cancel is not None and cancel():
                raise AggregateCancelled
            done[0] += 1
            if progress is not None:
                progress(done[0], total)

        current, superseded = _read_year(files, year, step)
        counted = _check(current, questionnaire)
        result = AggregateResult(aggregate(questionnaire, [s.answers for s in counted]), None,
                                 counted, [], _by_file(current.errors), superseded,
                                 based_on_year=questionnaire.based_on_year)
        if compare:
            before_q = questionnaire_for(year - 1)
            before, _ = _read_year(earlier, year - 1, step)
            kept = _check(before, before_q)
            result.previous = aggregate(before_q, [s.answers for s in kept])
            result.previous_errors = _by_file(before.errors)
        if expected_units is not None:
            have = {s.answers.unit_code for s in counted}
            result.not_answered = [(c, n) for c, n in expected_units if c not in have]
        return result

    def store_units(self) -> list[tuple[str, str]]:
        """The units of the open database as (code, name): who is expected to answer."""
        if self.store is None:
            return []
        from vernetool.services.organisation.units import UnitsService

        return [(u.code, u.name) for u in UnitsService(self.store).units()]


# -- reading ------------------------------------------------------------------------------------

def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The ``*.json`` and ``*.zip`` files named or inside the folders named (not recursive),
    each once, in name order per folder; a name that does not exist raises
    ``FileNotFoundError``."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix.lower() in (".json", ".zip")))
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(2, "No such file or directory", str(path))
    return list(dict.fromkeys(found))


def read_expected(path: Path) -> list[tuple[str, str]]:
    """The units expected to answer: one code per line, or CSV ``code;name`` (or
    ``code,name``); blank lines, ``#`` comments and a ``code`` header are skipped."""
    text = path.read_text(encoding="utf-8-sig")
    units: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        delimiter = ";" if ";" in line else ","
        cells = next(csv.reader(io.StringIO(line), delimiter=delimiter))
        code = cells[0].strip() if cells else ""
        if not code or code.lower() in ("code", "kode", "unit", "enhet"):
            continue
        units.setdefault(code, cells[1].strip() if len(cells) > 1 else "")
    return list(units.items())


def _read_year(files: Sequence[Path], year: int,
               step: Callable[[], None]) -> tuple[_Read, list[Superseded]]:
    read = _Read()
    loose: list[SourceFile] = []
    bundled: list[SourceFile] = []
    for path in files:
        step()
        if path.suffix.lower() == ".zip":
            bundled.extend(_read_bundle(path, year, read.errors))
        else:
            source = _read_loose(path, year, read.errors)
            if source is not None:
                loose.append(source)
    bundled, superseded = _latest_per_source(bundled)
    seen: dict[str, str] = {}
    for source in loose + bundled:
        code = source.answers.unit_code
        if code in seen:
            read.errors.append(FileProblem(source.file, None, "annual.unit_twice",
                                           {"unit": code, "other": seen[code]}))
            read.held_back.append(source)
            continue
        seen[code] = source.file
        read.sources.append(source)
    # a unit twice: neither file is counted
    twice = {p.params["unit"] for p in read.errors if p.code == "annual.unit_twice"}
    read.held_back += [s for s in read.sources if s.answers.unit_code in twice]
    read.sources = [s for s in read.sources if s.answers.unit_code not in twice]
    return read, superseded


def _parse(raw: bytes, name: str, errors: list[FileProblem]) -> AnswersFile | None:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        errors.append(FileProblem(name, None, "annual.file_not_json", {"error": str(error)}))
        return None
    try:
        return answers_from_json(data)
    except ValidationError as error:
        errors.append(FileProblem(name, None, error.code, dict(error.params)))
        return None


def _read_loose(path: Path, year: int, errors: list[FileProblem]) -> SourceFile | None:
    answers = _parse(path.read_bytes(), str(path), errors)
    if answers is None:
        return None
    if answers.year != year:
        errors.append(FileProblem(str(path), None, "annual.other_year",
                                  {"found": answers.year, "year": year}))
        return None
    return SourceFile(str(path), answers)


def _read_bundle(path: Path, year: int, errors: list[FileProblem]) -> list[SourceFile]:
    """The submitted answers for ``year`` in an annual bundle; other kinds of bundle: none."""
    try:
        with zipfile.ZipFile(path) as bundle:
            try:
                manifest = json.loads(bundle.read("manifest.json").decode("utf-8"))
            except KeyError:
                errors.append(FileProblem(str(path), None, "annual.bundle_no_manifest", {}))
                return []
            if not isinstance(manifest, dict) or manifest.get("kind") != "annual":
                return []
            source = manifest.get("source") or {}
            found = []
            for name in sorted(bundle.namelist()):
                if not name.startswith(BUNDLE_FOLDER) or not name.endswith(".json"):
                    continue
                label = f"{path}:{name}"
                answers = _parse(bundle.read(name), label, errors)
                if answers is None or answers.year != year or not answers.submitted_at:
                    continue
                found.append(SourceFile(label, answers, str(manifest.get("bundle_id", "")),
                                        str(source.get("database_id", "")),
                                        str(manifest.get("created_at", ""))))
            return found
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError) as error:
        errors.append(FileProblem(str(path), None, "annual.bundle_unreadable",
                                  {"error": str(error)}))
        return []


def _latest_per_source(sources: list[SourceFile]) -> tuple[list[SourceFile], list[Superseded]]:
    """Per (source database, unit) the answers of the latest bundle; the earlier ones
    superseded."""
    latest: dict[tuple[str | None, str], SourceFile] = {}
    superseded: list[Superseded] = []
    for source in sorted(sources, key=lambda s: (s.created_at, s.answers.submitted_at or "")):
        key = (source.database_id, source.answers.unit_code)
        if key in latest:
            superseded.append(Superseded(key[1], latest[key].file, source.file))
        latest[key] = source
    return list(latest.values()), superseded


def _check(read: _Read, questionnaire: Questionnaire) -> list[SourceFile]:
    """The files whose answers can all be counted; the others' problems go to the errors."""
    counted = []
    for source in read.sources + read.held_back:
        found = problems(questionnaire, source.answers.answers)
        for problem in found:
            read.errors.append(FileProblem(source.file, problem.question, problem.code,
                                           dict(problem.params)))
        if not found and source in read.sources:
            counted.append(source)
    return counted


def _by_file(errors: list[FileProblem]) -> list[FileProblem]:
    """File by file (in name order), each file's problems in the questionnaire's order."""
    return sorted(errors, key=lambda problem: problem.file)
