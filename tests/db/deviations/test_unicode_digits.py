"""Unicode "digits" in a deviation's consequence or probability (``²``, ``③``, ``①``): a
clear error on that row and field, or the right value for a real decimal digit of another
script (``٣`` = 3) — never a rejected file or a crash (property test)."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vernetool.db.deviations.queries import DeviationFilter, query_deviations
from vernetool.db.deviations.records import get_deviation
from vernetool.domain.errors import ValidationError
from vernetool.exchange.deviations_io import import_deviations, parse_scale

HEADER = "Meldt dato;Type;Tittel;Alvorlighetsgrad;Sannsynlighet\n"
_counter = itertools.count()
# numbers of every kind (decimal digits of any script, superscripts, circled, fractions,
# Roman numerals) plus an ASCII digit now and then
NUMBERISH = st.text(alphabet=st.one_of(
    st.characters(whitelist_categories=("Nd", "No", "Nl")), st.sampled_from("0123456789")),
    min_size=1, max_size=3)


def _expected(text: str) -> int | None:
    """What a person means, per Python's own idea of a decimal number; None = an error."""
    if text.isdecimal() and 1 <= int(text) <= 5:
        return int(text)
    return None


@pytest.mark.parametrize(("text", "value"), [
    ("3", 3), ("\u0663", 3), ("\uff13", 3), ("\u00b2", None), ("\u00b3", None),
    ("\u2460", None), ("\u2163", None), ("\u00bd", None), ("3.0", 3), ("9" * 5000, None)])
def test_parse_scale(text: str, value: int | None) -> None:
    if value is None:
        with pytest.raises(ValidationError) as info:
            parse_scale(text, "probability")
        assert info.value.field == "probability"
    else:
        assert parse_scale(text, "probability") == value


@given(consequence=NUMBERISH, probability=NUMBERISH)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_unicode_digits_are_a_row_error_or_the_right_value(
        conn: sqlite3.Connection, tmp_path: Path, consequence: str, probability: str) -> None:
    n = next(_counter)
    source = tmp_path / "avvik.csv"
    source.write_text(HEADER + f"2024-03-05;Nestenulykke;Rad {n};{consequence};{probability}\n"
                      f"2024-03-06;Nestenulykke;God {n};3;2\n", encoding="utf-8")
    result = import_deviations(conn, source, actor="t")  # never raises for the whole file
    fields = {e.field for e in result.errors if e.row == 2}
    assert all(e.row == 2 and e.message for e in result.errors)
    want = {"potential_consequence": _expected(consequence),
            "probability": _expected(probability)}
    assert fields == {f for f, v in want.items() if v is None}
    titles = {r.title: r.id for r in query_deviations(conn, DeviationFilter(text=f"{n}"))}
    assert f"God {n}" in titles  # the good row is imported all the same
    if not fields:
        dev = get_deviation(conn, titles[f"Rad {n}"])
        assert dev is not None
        assert (dev.potential_consequence, dev.probability) == (
            want["potential_consequence"], want["probability"])
    else:
        assert f"Rad {n}" not in titles
