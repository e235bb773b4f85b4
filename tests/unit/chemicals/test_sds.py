"""SDS states (missing, old, language) and revision dates as sheets print them."""

from __future__ import annotations

from datetime import date

import pytest

from vernetool.domain.chemicals.sds import (
    SdsState,
    normalise_language,
    parse_revision_date,
    sds_states,
)
from vernetool.domain.errors import ValidationError

TODAY = date(2026, 12, 2)


def test_a_product_without_a_sheet_is_missing_only() -> None:
    assert sds_states(False, None, "", TODAY) == {SdsState.MISSING}


def test_a_recent_norwegian_or_english_sheet_is_fine() -> None:
    for language in ("nb", "nn", "en"):
        assert sds_states(True, date(2025, 3, 1), language, TODAY) == frozenset()


def test_old_after_the_configured_age() -> None:
    assert sds_states(True, date(2023, 12, 2), "nb", TODAY) == frozenset()  # exactly 3 years
    assert sds_states(True, date(2023, 12, 1), "nb", TODAY) == {SdsState.OLD}
    assert sds_states(True, date(2022, 1, 5), "nb", TODAY, max_age_years=5) == frozenset()
    assert sds_states(True, date(2024, 2, 29), "en", date(2025, 3, 1), 1) == {SdsState.OLD}
    assert sds_states(True, None, "nb", TODAY) == {SdsState.OLD}  # no date: cannot show age


def test_other_or_unrecorded_languages_are_flagged() -> None:
    assert sds_states(True, date(2025, 1, 1), "sv", TODAY) == {SdsState.LANGUAGE}
    assert sds_states(True, date(2025, 1, 1), "de", TODAY) == {SdsState.LANGUAGE}
    assert sds_states(True, date(2025, 1, 1), "", TODAY) == {SdsState.LANGUAGE}
    assert sds_states(True, date(2019, 1, 1), "other", TODAY) == {SdsState.OLD,
                                                                   SdsState.LANGUAGE}


@pytest.mark.parametrize(("text", "language"), [
    ("Norsk", "nb"), ("norsk bokmål", "nb"), ("Bokmål", "nb"), ("NO", "nb"), ("nb", "nb"),
    ("Nynorsk", "nn"), ("Engelsk", "en"), ("English", "en"), ("EN", "en"), ("Svensk", "sv"),
    ("Dansk", "da"), ("Tysk", "de"), ("Deutsch", "de"), ("Finsk", "other"), ("", ""),
    ("  ", ""),
])
def test_languages_as_registers_write_them(text: str, language: str) -> None:
    assert normalise_language(text) == language


@pytest.mark.parametrize(("text", "day"), [
    ("Revisjon: 05.11.2021", date(2021, 11, 5)),
    ("Revisjonsdato: 5.11.2021", date(2021, 11, 5)),
    ("Revisjonsdato 05/11/21", date(2021, 11, 5)),
    ("Revision date: 2021-11-05", date(2021, 11, 5)),
    ("Utarbeidet: 2019-01-15  Revisjon: 05.11.2021", date(2019, 1, 15)),  # the first date
    ("Revidert 5. november 2021", date(2021, 11, 5)),
    ("Revision date: November 5, 2021", date(2021, 11, 5)),
    ("Revision: 5 Nov 2021", date(2021, 11, 5)),
    ("Bearbeitungsdatum: 05.11.2021 Version 3.1", date(2021, 11, 5)),
    ("05-11-2021", date(2021, 11, 5)),
    ("2021-11-05", date(2021, 11, 5)),
])
def test_revision_dates_as_sheets_print_them(text: str, day: date) -> None:
    assert parse_revision_date(text) == day


@pytest.mark.parametrize("text", ["", "Revisjon: ukjent", "31.02.2021", "Versjon 3.1",
                                  "13/13/2021"])
def test_no_revision_date_is_an_error_naming_the_text(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_revision_date(text)
    assert (refused.value.code, refused.value.field) == ("sds.revision_date", "sds_revised")
    assert refused.value.params == {"text": text}
