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
import re
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db.migrations import open_store

SEED = Path(__file__).parents[2] / "data" / "seed_2024_section_2_2.txt"


def seed_numbers() -> dict[str, float]:
    """Every number of tables 1 and 2, H1, hours worked and footnote 3, read from the seed's
    own text (so this test cannot drift from what the HSE section published)."""
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines()

    def cells(label: str, after: str = "") -> list[int]:
        start = lines.index(after) if after else 0
        line = next(x for x in lines[start:] if x.startswith(label + "\t"))
        return [int(c) for c in line.split("\t")[1:] if c.strip()]

    def one(pattern: str) -> str:
        found = re.search(pattern, text)
        assert found is not None, pattern
        return found.group(1)

    table2 = "\tAntall"
    return {
        "deviations_registered": cells("Uønskede hendelser og avvik")[0],
        "deviations_closed": cells("Uønskede hendelser og avvik")[1],
        "improvements_registered": cells("Forbedringsforslag")[0],
        "improvements_closed": cells("Forbedringsforslag")[1],
        "total_registered": cells("Totalt")[0], "total_closed": cells("Totalt")[1],
        "not_nav": cells("Mindre alvorlige personskader – ikke meldt til NAV", table2)[0],
        "nav": int(one(r"til NAV \((\d+)\):")),
        "le3": cells("Skade med sykefravær ≤ 3 dager", table2)[0],
        "gt3": cells("Skade med sykefravær > 3 dager", table2)[0],
        "unknown": cells("Skade med sykefravær av ukjent varighet", table2)[0],
        "none": cells("Skade uten sykefravær", table2)[0],
        "injuries": cells("Totalt", table2)[0],
        "injuries_in_text": int(one(r"Det er registrert (\d+) personskader")),
        "h1": float(one(r"H1-verdi beregnes til (\d+,\d)").replace(",", ".")),
        "hours": float(one(r"arbeidede timer ved NTNU i 2024; ([\d .]+\d)").replace(" ", "")),
        "catastrophic": int(one(r"³ (\d+) meldinger er kategorisert med potensielt "
                                r"katastrofale")),
    }

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


def test_the_numbers_here_are_the_seeds() -> None:
    """The generator below uses the published numbers, and they add up as published."""
    seed = seed_numbers()
    assert (seed["deviations_registered"], seed["deviations_closed"]) == (
        DEVIATIONS_REGISTERED, DEVIATIONS_CLOSED) == (994, 742)
    assert (seed["improvements_registered"], seed["improvements_closed"]) == (
        IMPROVEMENTS_REGISTERED, IMPROVEMENTS_CLOSED) == (97, 65)
    assert (seed["total_registered"], seed["total_closed"]) == (1091, 807)
    assert (seed["not_nav"], seed["le3"], seed["gt3"], seed["unknown"], seed["none"]) == (
        NOT_NAV, NAV_LE3, NAV_GT3, NAV_UNKNOWN, NAV_NONE) == (77, 18, 6, 0, 9)
    assert seed["nav"] == NAV_LE3 + NAV_GT3 + NAV_UNKNOWN + NAV_NONE == 33
    assert seed["injuries"] == seed["injuries_in_text"] == NOT_NAV + seed["nav"] == 110
    assert seed["hours"] == HOURS and seed["h1"] == 1.9
    assert seed["catastrophic"] == CATASTROPHIC == 11


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
    seed = seed_numbers()
    assert stats["year"] == 2024 and stats["as_of"] == "2025-01-15"
    assert stats["reports"] == {  # table 1, every cell as the seed prints it
        "deviations": {"registered": seed["deviations_registered"],
                       "closed": seed["deviations_closed"]},
        "improvements": {"registered": seed["improvements_registered"],
                         "closed": seed["improvements_closed"]},
        "total": {"registered": seed["total_registered"], "closed": seed["total_closed"]},
    }
    assert stats["injuries"] == {  # table 2, every cell as the seed prints it
        "total": seed["injuries"], "not_reported_to_nav": seed["not_nav"],
        "reported_to_nav": seed["nav"], "absence_le3": seed["le3"],
        "absence_gt3": seed["gt3"], "absence_unknown": seed["unknown"],
        "no_absence": seed["none"], "fatalities": 0,
    }
    assert stats["hours_worked"] == HOURS
    assert stats["h1"] == seed["h1"] == 1.9
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


def test_seed_report_lists_the_catastrophic_events(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Footnote 3: the yearly PDF names the events with catastrophic potential (title, date,
    category, status), and says how many there are."""
    from pypdf import PdfReader

    db, source, out = tmp_path / "seed.sqlite", tmp_path / "eqs.csv", tmp_path / "avvik.pdf"
    write_seed_csv(source)
    open_store(db).close()
    _run(capsys, "import", "deviations", "--db", str(db), str(source))
    assert main(["report", "deviations", "--db", str(db), "--year", "2024", "--out", str(out),
                 "--lang", "nb"]) == 0, capsys.readouterr().err
    lines = [line.strip() for page in PdfReader(out).pages
             for line in (page.extract_text() or "").splitlines()]
    text = " ".join(" ".join(lines).split())
    seed = seed_numbers()
    assert f"{int(seed['catastrophic'])} meldinger er vurdert med potensielt katastrofale" in text
    rows = seed_rows()
    catastrophic = [r for r in rows[:DEVIATIONS_REGISTERED] if r[8] == "5"]
    assert len(catastrophic) == seed["catastrophic"]
    statuses = "Registrert|Akseptert|Under behandling|Lukket"
    for row in catastrophic:
        day = row[1] if "." in row[1] else dt.date.fromisoformat(row[1]).strftime("%d.%m.%Y")
        pattern = (rf"{re.escape(row[3])} {day} Bygning og materiell 5 – Katastrofal "
                   rf"({statuses})")
        assert re.search(pattern, text), pattern
    assert text.count("5 – Katastrofal") == seed["catastrophic"]
