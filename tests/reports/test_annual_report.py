"""The annual HSE reporting tables as PDF: the seed's 2024 figures with 2023 beside (section 5.1
of the HSE annual report) in Bokmål and English, "—" where a question was not asked, the
routines as one table, a chart per scale question, the units missing, and no heading left
alone at a page's foot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.reports.annual_seed import SCALE_2024, seed_result
from vernetool.domain.annual.aggregate import Aggregate, QuestionCount
from vernetool.reports.annual_report import AnnualReportCancelled, write_aggregate_pdf
from vernetool.services.annual.questionnaires import questionnaire_for

MISSING = [("IES", "Institutt for <b>elkraft</b> & energi"), ("ZZ", "Senter for =SUM(A1)")]
DAY = dt.date(2026, 12, 2)


def _pages(path: Path) -> list[str]:
    """Each page's text with white space (no-break spaces too) collapsed to one space."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def _write(tmp_path: Path, lang: str, **kwargs: object) -> list[str]:
    result = seed_result(not_answered=MISSING, **kwargs)  # type: ignore[arg-type]
    out = write_aggregate_pdf(result, questionnaire_for(2024), tmp_path / f"a_{lang}.pdf",
                              lang, made=DAY)
    return _pages(out)


@pytest.fixture(scope="module")
def nb(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _write(tmp_path_factory.mktemp("nb"), "nb")


@pytest.fixture(scope="module")
def en(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _write(tmp_path_factory.mktemp("en"), "en")


def test_the_seeds_figures_in_bokmal(nb: list[str]) -> None:
    text = " ".join(nb)
    assert nb[0].startswith("HMS-årsrapportering 2024 73 av 75 enheter har svart")
    assert "2023 ved siden av til sammenligning (74 enheter svarte da)" in nb[0]
    for expected in (
        # 2: 52 / 19 / 2 → 71.2 / 26.0 / 2.7, with 2023's 54 / 17 / 3 beside
        "2 Har enheten fastsatt egne HMS-/arbeidsmiljømål? 2024 2023 Svar Antall Prosent "
        "Antall Prosent Ja 52 71,2 % 54 73,0 % Nei 19 26,0 % 17 23,0 % "
        "Vet ikke 2 2,7 % 3 4,1 % Svarte 73 74",
        # 7a of the 50 that answered yes to 7 (2023: 48)
        "7a Oppfølgingsspørsmål: Er risikovurdering av arbeidsmiljø i omstillingsprosessen "
        "gjennomført og dokumentert? Stilt de 50 som svarte «Ja» på 7 (2023: 48).",
        "Ja 34 68,0 % 18 37,5 % Nei 16 32,0 % 28 58,3 %",
        # 30a of 63: 6.3 / 19.0 / 44.4 / 22.2 / 7.9
        "Stilt de 63 som svarte «Ja» på 30.",
        "1 – i svært liten grad 4 6,3 % — — 2 – i liten grad 12 19,0 % — — "
        "3 – i stor grad 28 44,4 % — — 4 – i svært stor grad 14 22,2 % — — "
        "Vet ikke 5 7,9 % — — Svarte 63 —",
        "4 I hvilken grad har enheten oppdaterte risikovurderinger",
        "Fritekst tas ikke med her (71 enheter svarte).",
        "Side 1 av ", "vernetool", "02.12.2026",
    ):
        assert expected in text, expected
    assert "report.annual" not in text


def test_the_routines_are_one_table_with_both_years(nb: list[str]) -> None:
    text = " ".join(nb)
    start = text.index("24a–f Oppfølgingsspørsmål: Har enheten rutiner som sørger for at:")
    table = text[start:text.index("25 Håndteres")]
    assert "Stilt de 24 som svarte «Ja» på 24 (2023: 23)." in table
    assert "(Antall svar) Ja Ikke aktuelt Nei Ja Ikke aktuelt Nei" in table
    assert "ved bruk av strålekilder? 23 1 0 22 1 0" in table
    # 24b was UTGÅTT in 2024: 2023's figures only
    assert "24b UTGÅTT: det gjennomføres målrettet helseundersøkelse" in table
    assert "lovkrav utløser dette? — — — 14 7 2" in table
    assert "retningslinjer? 8 16 0 8 14 1" in table
    bio = text[text.index("26a–f"):]
    # 26b was new and 26a UTGÅTT, yet the routines were asked in both years
    assert "Stilt de 16 som svarte «Ja» på 26 (2023: 16)." in bio
    assert "(Antall svar) Ja Vet ikke Nei Ja Vet ikke Nei" in bio
    # 26b was new in 2024
    assert "biologiske faktorer? 16 0 0 — — —" in bio


def test_a_question_missing_in_the_previous_year_shows_a_dash(nb: list[str]) -> None:
    text = " ".join(nb)
    six = text[text.index("6 Er det planlagt"):text.index("7 Har enheten vært")]
    assert "Ja 60 82,2 % — — Nei 13 17,8 % — — Vet ikke 0 0,0 % — — Svarte 73 —" in six
    assert "— spørsmålet ble ikke stilt i 2023." in six
    # a question asked both years has no such line
    two = text[text.index("2 Har enheten"):text.index("3 Har enheten")]
    assert "—" not in two


def test_the_units_missing_are_listed_as_typed(nb: list[str]) -> None:
    last = nb[-1]
    assert "Enheter som ikke har svart" in last
    assert "2 av de 75 enhetene har ikke sendt inn svar:" in last
    assert "IES Institutt for <b>elkraft</b> & energi" in last
    assert "ZZ Senter for =SUM(A1)" in last


def test_english(en: list[str]) -> None:
    text = " ".join(en)
    assert en[0].startswith("Annual HSE reporting 2024 73 of 75 units have answered")
    for expected in (
        "Answer Count Percent Count Percent Yes 52 71.2% 54 73.0% No 19 26.0% 17 23.0%",
        "7a Follow-up question: Has a risk assessment of the working environment",
        "Asked of the 50 that answered “Yes” to 7 (2023: 48).",
        "Yes 34 68.0% 18 37.5%",
        "4 – to a very large extent 14 22.2% — —",
        "— the question was not asked in 2023.",
        "24b DISCONTINUED: targeted health examinations",
        "Free text is not shown here (71 units answered).",
        "Units that have not answered", "Page 1 of ", "2026-12-02",
    ):
        assert expected in text, expected
    assert "Ja" not in text.split() and "report.annual" not in text


def test_a_chart_per_scale_question(tmp_path: Path) -> None:
    out = write_aggregate_pdf(seed_result(), questionnaire_for(2024), tmp_path / "a.pdf", "nb")
    reader = PdfReader(out)
    assert sum(len(page.images) for page in reader.pages) == len(SCALE_2024)
    for page in reader.pages:  # each chart on the page of its question
        text = page.extract_text() or ""
        charts = len(page.images)
        headings = sum(1 for qid in SCALE_2024 if f"\n{qid}  " in f"\n{text}")
        assert charts == headings, text[:200]


def test_no_heading_is_left_at_the_foot_of_a_page(nb: list[str]) -> None:
    """A section's title is on the page of its first question, and a question's heading on
    the page of its table."""
    questionnaire = questionnaire_for(2024)
    for section in questionnaire.sections:
        title = section.title["nb"]
        first = questionnaire.text(section.questions[0], "nb")[:40]
        page = next(p for p in nb if title in p)
        assert first.split(" ", 1)[1] in page, title
    frame = "HMS-årsrapportering 2024 73 av 75 enheter har svart vernetool"
    for page in nb:  # the page's body (the header and footer are drawn last) ends in figures
        body = page.rsplit(frame, 1)[0].rstrip()
        assert not body.endswith(("?", ":")), body[-120:]


def test_without_a_previous_year_the_year_stands_alone(tmp_path: Path) -> None:
    result = seed_result(previous=False)
    pages = _pages(write_aggregate_pdf(result, questionnaire_for(2024), tmp_path / "a.pdf",
                                       "nb", expected=73))
    text = " ".join(pages)
    assert pages[0].startswith("HMS-årsrapportering 2024 73 av 73 enheter har svart")
    assert "Svar Antall Prosent Ja 52 71,2 % Nei 19 26,0 % Vet ikke 2 2,7 % Svarte 73" in text
    assert "2023" not in text.replace("november 2023", "")   # question 8's own words
    assert "Antall Prosent Antall" not in text and "ikke stilt i 2023" not in text
    assert "Alle enhetene som skulle svare, har svart." in text


def test_units_asked_that_did_not_answer_are_counted(tmp_path: Path) -> None:
    """7a asked of the 50 that answered yes to 7, but answered by 48: two did not answer."""
    result = seed_result(previous=False)
    questions = dict(result.current.questions)
    questions["7a"] = QuestionCount(48, {"yes": 32, "no": 16, "dont_know": 0},
                                    {"yes": 66.7, "no": 33.3, "dont_know": 0.0})
    result.current = Aggregate(2024, 73, questions)
    text = " ".join(_pages(write_aggregate_pdf(result, questionnaire_for(2024),
                                               tmp_path / "a.pdf", "en")))
    assert "Yes 32 66.7% No 16 33.3% Don't know 0 0.0% Not answered 2 Answered 48" in text
    assert "No list of the units expected to answer was given" in text


def test_cancel_writes_nothing_and_progress_reaches_the_end(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "a.pdf"
    with pytest.raises(AnnualReportCancelled):
        write_aggregate_pdf(seed_result(), questionnaire_for(2024), out, "nb",
                            progress=lambda d, t: seen.append((d, t)),
                            cancel=lambda: len(seen) >= 3)
    assert not out.exists() and list(tmp_path.iterdir()) == []
    seen.clear()
    write_aggregate_pdf(seed_result(), questionnaire_for(2024), out, "nb",
                        progress=lambda d, t: seen.append((d, t)))
    assert out.exists()
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1] > 30


def test_a_year_without_its_own_questionnaire_says_whose_questions(tmp_path: Path) -> None:
    """2026 is asked with the 2024 questions ({year} filled in as 2026); the report says so."""
    questionnaire = questionnaire_for(2026)
    assert questionnaire.based_on_year == 2024
    current = seed_result(previous=False).current
    result = seed_result(previous=False)
    result.current = Aggregate(2026, current.units, current.questions)
    text = " ".join(_pages(write_aggregate_pdf(result, questionnaire, tmp_path / "a.pdf",
                                               "nb")))
    assert text.startswith("HMS-årsrapportering 2026 73 enheter har svart")
    assert "Det finnes ikke noe eget skjema for 2026: spørsmålene er de fra 2024." in text
    assert "3 Har enheten utarbeidet en HMS-handlingsplan for 2026?" in text
