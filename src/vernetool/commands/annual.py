"""``vernetool annual``: the yearly HSE reporting questionnaire.

``annual aggregate`` reads the units' answers files and delivered bundles and prints
DESIGN.md's JSON (with ``--out``, the seed-like tables as PDF or XLSX too); it needs no
database. Every problem in every file is printed, one line each on stderr ("file: question
7b: …"), and then nothing is counted: exit 1, nothing on stdout.

``annual prefill`` writes a unit's answers file from a database (``commands.annual_prefill``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.cli import CliError
from vernetool.commands.common import open_services, print_json
from vernetool.i18n import render

if TYPE_CHECKING:
    from vernetool.services.annual.aggregate import AggregateResult, FileProblem

# --out suffix → (module, function) of the writer: the reports and exchange layers
WRITERS = {
    ".pdf": ("vernetool.reports.annual_report", "write_aggregate_pdf"),
    ".xlsx": ("vernetool.exchange.annual_xlsx", "write_aggregate_xlsx"),
}


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    annual = subparsers.add_parser("annual", help="the yearly HSE reporting questionnaire")
    verbs = annual.add_subparsers(dest="verb", metavar="VERB", required=True)
    agg = verbs.add_parser(
        "aggregate", parents=[common],
        help="count the units' answers (files or delivered bundles) and print the JSON",
        description="Reads the units' answers files (*.json) and delivered bundles (*.zip) "
                    "from the folders or files named, and prints the count and percent per "
                    "answer for each question. Any problem (another year, a unit twice, an "
                    "unknown code, a follow-up answered without its parent) is printed with "
                    "the file and the question, and nothing is counted (exit 1). Needs no "
                    "database; --db only names the units expected to answer.")
    agg.add_argument("--year", type=int, required=True, metavar="YYYY")
    agg.add_argument("--compare", action="append", type=Path, metavar="FILE_OR_DIR",
                     help="the previous year's answers, shown beside (repeat for more)")
    agg.add_argument("--expected", type=Path, metavar="FILE",
                     help="the units expected to answer: one code per line, or CSV "
                          "code;name (those missing are listed as not answered)")
    agg.add_argument("--out", type=Path, metavar="FILE.pdf|FILE.xlsx",
                     help="also write the tables as PDF or XLSX")
    agg.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    pre = verbs.add_parser(
        "prefill", parents=[common],
        help="write a unit's answers file, pre-filled from the database",
        description="Writes the unit's answers file for the year (DESIGN.md): its stored "
                    "answers over what the data tells; where each pre-filled answer came "
                    "from is printed on stderr.")
    pre.add_argument("--year", type=int, required=True, metavar="YYYY")
    pre.add_argument("--unit", required=True, metavar="CODE")
    pre.add_argument("--out", required=True, type=Path, metavar="FILE.json")
    pre.add_argument("--line-manager", dest="line_manager", metavar="NAME")
    pre.add_argument("--safety-rep", dest="safety_rep", metavar="NAME")
    return ["annual"]


def run(args: argparse.Namespace) -> int:
    if not 1900 <= args.year <= 2999:
        raise CliError("cli.bad_year", year=args.year)
    runners: dict[str, Callable[[argparse.Namespace], int]] = {
        "aggregate": _aggregate, "prefill": _prefill}
    return runners[args.verb](args)


def _prefill(args: argparse.Namespace) -> int:
    from vernetool.commands import annual_prefill

    return annual_prefill.run(args)


def _language(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or "nb"


def _aggregate(args: argparse.Namespace) -> int:
    from vernetool.services.annual.aggregate import AnnualAggregateService, read_expected

    writer = _writer(args.out) if args.out else None
    db = getattr(args, "db", None)
    expected: list[tuple[str, str]] | None
    if db and args.expected:
        raise CliError("cli.annual_expected_and_db")
    if db:
        with open_services(args) as services:
            expected = services.annual_aggregate.store_units()
    else:
        expected = read_expected(args.expected) if args.expected else None
    result = AnnualAggregateService(None).aggregate(
        args.paths, args.year, compare=args.compare, expected_units=expected)
    if not result.ok:
        for problem in result.errors + result.previous_errors:
            print(f"vernetool: {problem_line(problem)}", file=sys.stderr)
        return 1
    if result.based_on_year != args.year:
        _note("annual.based_on_year", year=args.year, based_on=result.based_on_year)
    for old in result.superseded:
        _note("cli.annual_superseded", unit=old.unit_code, file=old.file, by=old.by)
    if writer is not None:
        from vernetool.services.annual.questionnaires import questionnaire_for

        writer(result, questionnaire_for(args.year), args.out, _language(args),
               expected=None if expected is None else len(expected))
        _note("cli.annual_tables_written", path=str(args.out))
    print_json(result_json(result, expected is not None))
    return 0


def _note(code: str, **params: Any) -> None:
    print(f"vernetool: {render(code, **params)}", file=sys.stderr)


def result_json(result: AggregateResult, with_expected: bool) -> dict[str, Any]:
    """DESIGN.md's JSON, plus "previous" (with --compare), "not_answered" (with the expected
    units) and "superseded" (when a later bundle replaced a unit's earlier one)."""
    data = result.current.to_json()
    if result.based_on_year != result.current.year:
        data["based_on_year"] = result.based_on_year
    if result.previous is not None:
        data["previous"] = result.previous.to_json()
    if with_expected:
        data["not_answered"] = [{"code": c, "name": n} for c, n in result.not_answered]
    if result.superseded:
        data["superseded"] = [{"unit": s.unit_code, "file": s.file, "by": s.by}
                              for s in result.superseded]
    return data


def problem_line(problem: FileProblem) -> str:
    """"file: question 7b: what is wrong" (without a question: "file: what is wrong")."""
    message = render(problem.code, **problem.params)
    if problem.question is None:
        return render("cli.annual_problem", file=problem.file, message=message)
    return render("cli.annual_question_problem", file=problem.file,
                  question=problem.question, message=message)


def _writer(out: Path) -> Callable[..., Any]:
    """The function writing ``out``'s format (imported now, so a missing one is refused
    before anything is read)."""
    suffix = out.suffix.lower()
    if suffix not in WRITERS:
        raise CliError("cli.annual_out_format", path=str(out))
    module_name, function = WRITERS[suffix]
    writer: Callable[..., Any] = getattr(importlib.import_module(module_name), function)
    return writer
