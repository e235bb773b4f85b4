"""The seed's log as an export without case numbers, in which reports repeat date, type, title
and room (several people reporting the same event): every row is a report, so ``vernetool
stats`` still gives the seed's table 1, and a re-import changes nothing."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from tests.cli.deviations.test_seed_statistics import (
    AS_OF,
    DEVIATIONS_REGISTERED,
    HEADER,
    IMPROVEMENTS_REGISTERED,
    seed_numbers,
    seed_rows,
)
from vernetool.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(list(args)) == 0, capsys.readouterr().err
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


def test_seed_log_without_ids_and_with_repeated_reports(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = seed_rows()
    for row in rows:  # "Hendelse 17 (hazard)" → "Hendelse (hazard)": titles repeat
        row[3] = re.sub(r" \d+ ", " ", row[3])
    keys = [(row[1], row[2], row[3], row[5]) for row in rows]
    assert len(set(keys)) < len(keys) - 50, "the log must repeat reports"
    source = tmp_path / "eqs-uten-saksnr.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADER[1:])
        writer.writerows(row[1:] for row in rows)
    db = tmp_path / "seed.sqlite"
    total = DEVIATIONS_REGISTERED + IMPROVEMENTS_REGISTERED + 2
    assert _run(capsys, "import", "deviations", "--db", str(db), str(source)) == {
        "imported": total, "skipped": 0, "errors": []}
    stats = _run(capsys, "stats", "--db", str(db), "--year", "2024", "--as-of",
                 AS_OF.isoformat())
    seed = seed_numbers()
    assert stats["reports"] == {
        "deviations": {"registered": seed["deviations_registered"],
                       "closed": seed["deviations_closed"]},
        "improvements": {"registered": seed["improvements_registered"],
                         "closed": seed["improvements_closed"]},
        "total": {"registered": seed["total_registered"], "closed": seed["total_closed"]},
    }
    assert _run(capsys, "import", "deviations", "--db", str(db), str(source)) == {
        "imported": 0, "skipped": total, "errors": []}
    assert _run(capsys, "stats", "--db", str(db), "--year", "2024", "--as-of",
                AS_OF.isoformat()) == stats
