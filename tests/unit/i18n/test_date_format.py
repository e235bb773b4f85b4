"""``{x:date}`` in a message: the house's date in each language."""

from __future__ import annotations

import datetime as dt

from vernetool.i18n import translator


def test_an_iso_date_is_written_the_norwegian_way_in_bokmal() -> None:
    nb = translator("nb").render("annual.prefill.deviations_found", n=3, year=2026,
                                 latest="2026-11-29")
    assert "29.11.2026" in nb and "2026-11-29" not in nb


def test_english_keeps_the_iso_date_and_a_date_object_works_too() -> None:
    en = translator("en").render("annual.prefill.deviations_found", n=1, year=2026,
                                 latest=dt.date(2026, 1, 5))
    assert "(latest 2026-01-05)" in en and "1 deviation reported" in en


def test_a_value_that_is_not_a_date_is_left_as_it_is() -> None:
    assert "(siste –)" in translator("nb").render("annual.prefill.deviations_found", n=2,
                                                  year=2026, latest="–")


def test_one_source_reads_in_the_singular() -> None:
    en = translator("en").render("annual.prefill.dsa_none_notifiable", n=1)
    assert en.startswith("1 source, and it is not") and "1 sources" not in en
