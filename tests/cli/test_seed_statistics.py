"""THE key check of the deviation log: a log built from the seed's published 2024 numbers
(NTNU HMS-årsrapport 2024, section 2.2, tables 1 and 2, footnotes 2-4) goes in through
``vernetool import deviations`` and ``vernetool stats`` gives the seed's tables back, with
H1 = 1,9 for 12 760 814.98 hours worked, and no H2 (the seed could not compute it).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db.migrations import open_store

# Table 1. Footnote 2 dates the closed counts "Pr. 15.01.24", evidently meaning 15.01.2025
# (a 2024 report cannot be closed before the year it covers); DESIGN.md uses 2025-01-15.
DEVIATIONS_REGISTERED, DEVIATIONS_CLOSED = 994, 742
IMPROVEMENTS_REGISTERED, IMPROVEMENTS_CLOSED = 97, 65
AS_OF = dt.date(2025, 1, 15)
# Table 2: personal injuries.
NOT_NAV = 77
NAV_LE3, NAV_GT3, NAV_UNKNOWN, NAV_NONE = 18, 6, 0, 9
FATALITIES = 0
HOURS = 12_760_814.98  # footnote 4
CATASTROPHIC = 11      # footnote 3

HEADER = ["Saksnummer", "Meldt dato", "Type", "Tittel", "Beskrivelse", "Rom", "Enhet",
          "Kategori", "Alvorlighetsgrad", "Sannsynlighet", "Status", "Lukket dato",
          "Personskade", "Meldt til NAV", "Fravær", "Medisinsk behandling", "Omplassering",
          "Dødsfall"]
TYPE_WORDS = {"hazard": "Farlig forhold", "near_miss": "Nestenulykke",
              "accident": "Ulykke/personskade", "improvement": "Forbedringsforslag"}
ABSENCE_WORDS = {"none": "Ingen", "le3": "≤ 3 dager", "gt3": "> 3 dager",
                 "unknown": "Ukjent varighet"}
OPEN_WORDS = ["Registrert", "Godkjent", "Under behandling"]


def _day(rng: random.Random, year: int = 2024) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(366 if year == 2024 else 365))


def _date_text(day: dt.date, n: int) -> str:
    return day.strftime("%d.%m.%Y") if n % 2 else day.isoformat()  # both forms in one file


def seed_rows() -> list[list[str]]:
    """Rows that carry exactly the seed's counts, plus rows just outside 2024."""
    rng = random.Random(2024)
    injuries = (["no_nav:none"] * NOT_NAV + ["nav:le3"] * NAV_LE3 + ["nav:gt3"] * NAV_GT3
                + ["nav:unknown"] * NAV_UNKNOWN + ["nav:none"] * NAV_NONE)
    kinds = (["accident"] * len(injuries)
             + ["hazard", "near_miss"] * ((DEVIATIONS_REGISTERED - len(injuries)) // 2))
    assert len(kinds) == DEVIATIONS_REGISTERED
    rows: list[list[str]] = []

    def closed_flags(registered: int, closed: int) -> list[str]:
        # closed by the as-of date, closed after it (not counted), and still open
        late = 20 if registered > 100 else 3
        flags = ["closed"] * closed + ["late"] * late + ["open"] * (registered - closed - late)
        rng.shuffle(flags)
        return flags

    def add(n: int, kind: str, flag: str, injury: str | None, year: int = 2024) -> None:
        reported = _day(rng, year)
        if flag == "closed":
            latest = min(AS_OF, reported + dt.timedelta(days=60))
            closed = reported + dt.timedelta(days=rng.randrange((latest - reported).days + 1))
            status, closed_text = rng.choice(["Lukket", "lukket", "closed", ""]), \
                _date_text(closed, n + 1)
        elif flag == "late":
            status, closed_text = "Lukket", _date_text(AS_OF + dt.timedelta(days=1 + n % 30), n)
        else:
            status, closed_text = OPEN_WORDS[n % 3], ""
        cells = {"id": f"EQS-{year}-{n:04d}", "date": _date_text(reported, n),
                 "type": TYPE_WORDS[kind], "title": f"Hendelse {n} ({kind})",
                 "severity": str(rng.choice([1, 1, 2, 2, 2, 3, 4])),
                 "status": status, "closed": closed_text}
        injury_cells = ["nei", "", "", "", "", ""]
        if injury is not None:
            nav, absence = injury.split(":")
            injury_cells = ["ja", "ja" if nav == "nav" else "nei", ABSENCE_WORDS[absence], "",
                            "", "nei"]
        rows.append([cells["id"], cells["date"], cells["type"], cells["title"],
                     "=HYPERLINK(\"http://x\")" if n == 5 else "Beskrivelse",
                     "", "IE-IDI", "Bygning og materiell", cells["severity"], "2",
                     cells["status"], cells["closed"], *injury_cells])

    injury_iter = iter(injuries)
    for n, (kind, flag) in enumerate(zip(kinds, closed_flags(DEVIATIONS_REGISTERED,
                                                             DEVIATIONS_CLOSED), strict=True)):
        add(n, kind, flag, next(injury_iter) if kind == "accident" else None)
    for n, flag in enumerate(closed_flags(IMPROVEMENTS_REGISTERED, IMPROVEMENTS_CLOSED),
                             start=DEVIATIONS_REGISTERED):
        add(n, "improvement", flag, None)
    for n in range(CATASTROPHIC):  # footnote 3: potentially catastrophic for people
        rows[n * 37][8] = "5"
    # Just outside the year: must not be counted (year boundaries by reported_at).
    for n, day in enumerate([dt.date(2023, 12, 31), dt.date(2025, 1, 1)]):
        rows.append([f"EDGE-{n}", day.strftime("%d.%m.%Y"), "Ulykke", f"Grensetilfelle {n}",
                     "", "", "", "Annet", "3", "2", "Lukket", day.isoformat(),
                     "ja", "ja", "> 3 dager", "", "", "ja"])
    return rows


def write_seed_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(seed_rows())


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(list(args)) == 0, capsys.readouterr().err
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


def test_seed_tables_1_and_2_and_h1(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                    ) -> None:
    db = tmp_path / "seed.sqlite"
    source = tmp_path / "eqs-2024.csv"
    write_seed_csv(source)
    total_rows = DEVIATIONS_REGISTERED + IMPROVEMENTS_REGISTERED + 2
    open_store(db).close()
    result = _run(capsys, "import", "deviations", "--db", str(db), str(source))
    assert result == {"imported": total_rows, "skipped": 0, "errors": []}

    stats = _run(capsys, "stats", "--db", str(db), "--year", "2024", "--hours", str(HOURS),
                 "--as-of", AS_OF.isoformat())
    assert stats["year"] == 2024 and stats["as_of"] == "2025-01-15"
    assert stats["reports"] == {  # table 1
        "deviations": {"registered": 994, "closed": 742},
        "improvements": {"registered": 97, "closed": 65},
        "total": {"registered": 1091, "closed": 807},
    }
    assert stats["injuries"] == {  # table 2
        "total": 110, "not_reported_to_nav": 77, "reported_to_nav": 33,
        "absence_le3": 18, "absence_gt3": 6, "absence_unknown": 0, "no_absence": 9,
        "fatalities": 0,
    }
    assert stats["hours_worked"] == HOURS
    assert stats["h1"] == 1.9
    assert stats["h2"] is None
    assert "injuries without absence" in str(stats["h2_missing_reason"])
    by_severity = stats["by_severity"]
    assert isinstance(by_severity, dict) and by_severity["5"] == CATASTROPHIC
    assert sum(by_severity.values()) == 994
    by_month = stats["by_month"]
    assert isinstance(by_month, dict) and list(by_month) == [f"{m:02d}" for m in range(1, 13)]
    assert sum(by_month.values()) == 994

    # Re-importing the same file changes nothing, and the numbers stay.
    again = _run(capsys, "import", "deviations", "--db", str(db), str(source))
    assert again == {"imported": 0, "skipped": total_rows, "errors": []}
    assert _run(capsys, "stats", "--db", str(db), "--year", "2024", "--hours", str(HOURS),
                "--as-of", "2025-01-15") == stats

    # Later, the reports closed after 15.01.2025 are counted too (20 + 3 of them).
    later = _run(capsys, "stats", "--db", str(db), "--year", "2024", "--hours", str(HOURS),
                 "--as-of", "2025-12-31")
    assert later["reports"]["total"] == {"registered": 1091,  # type: ignore[index]
                                         "closed": 807 + 23}
