"""``vernetool annual prefill --db PATH --year Y --unit CODE --out FILE [--line-manager NAME]
[--safety-rep NAME]``: the unit's answers file (DESIGN "Annual HSE reporting") as the database
has it — the stored answers over what the data proposes, only the questions asked — written
atomically (a temporary file, fsync, rename). Where each proposal came from goes to stderr,
one line per question; stdout gets a short JSON summary. Nothing is written to the database:
the names given here go into the file only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vernetool.commands.common import open_services, print_json
from vernetool.i18n import render


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with open_services(args) as services:
        annual = services.annual
        form = annual.form(args.year, args.unit)
        data = annual.write_answers_file(args.year, args.unit, out,
                                         line_manager=args.line_manager,
                                         safety_rep=args.safety_rep)
    if form.based_on_year != form.year:
        print(render("annual.based_on_year", year=form.year, based_on=form.based_on_year),
              file=sys.stderr)
    prefilled: list[str] = []
    for qid, state in form.answers.items():
        if not state.asked or state.prefill is None:
            continue
        source = state.source_text()
        if state.stored:
            line = render("cli.annual_prefill_stored", question=qid, answer=state.answer,
                          source=source)
        elif state.answer is not None:
            prefilled.append(qid)
            line = render("cli.annual_prefill_source", question=qid, answer=state.answer,
                          source=source)
        else:
            line = render("cli.annual_prefill_hint", question=qid, source=source)
        print(line, file=sys.stderr)
    print_json({"path": str(out), "year": form.year, "unit": form.unit_code,
                "status": form.status, "answers": len(data["answers"]),
                "prefilled": prefilled,
                "unanswered": [q for q in form.unanswered if q not in data["answers"]]})
    return 0
