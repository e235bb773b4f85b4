"""CAS numbers of real substances: form, check digit, lists for mixtures."""

from __future__ import annotations

import pytest

from vernetool.domain.chemicals.cas import normalise_cas, parse_cas_list
from vernetool.domain.errors import ValidationError
from vernetool.i18n import translator

REAL = {"methanol": "67-56-1", "acetone": "67-64-1", "water": "7732-18-5",
        "formaldehyde": "50-00-0", "nickel sulphate hexahydrate": "10101-97-0",
        "benzene": "71-43-2", "toluene": "108-88-3", "dichloromethane": "75-09-2",
        "N,N-dimethylformamide": "68-12-2", "boric acid": "10043-35-3",
        "sodium hydroxide": "1310-73-2", "pentachlorophenol": "87-86-5"}


@pytest.mark.parametrize("cas", REAL.values())
def test_real_numbers_pass(cas: str) -> None:
    assert normalise_cas(cas) == cas


@pytest.mark.parametrize(("written", "cas"), [
    (" 67-64-1 ", "67-64-1"), ("67 - 64 - 1", "67-64-1"), ("67\u201364\u20131", "67-64-1"),
    ("7732\u221218\u22125", "7732-18-5"), ("7732185", "7732-18-5"),
    ("0000067-64-1", "67-64-1"), ("10101\u201097\u20100", "10101-97-0")])
def test_spaces_dashes_and_padding_are_accepted(written: str, cas: str) -> None:
    assert normalise_cas(written) == cas


def test_a_wrong_check_digit_names_the_number() -> None:
    with pytest.raises(ValidationError) as refused:
        normalise_cas("67-64-2")
    assert (refused.value.code, refused.value.field) == ("cas.check_digit", "cas")
    assert refused.value.params == {"number": "67-64-2"}
    assert "67-64-2" in translator("nb").render(refused.value.code, **refused.value.params)


@pytest.mark.parametrize("text", ["", "abc", "67-6-1", "67-641-1", "1-23-4", "12345678-12-1",
                                  "67-64-1-1", "CAS 67-64-1"])
def test_other_shapes_are_a_format_error(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        normalise_cas(text, "components")
    assert (refused.value.code, refused.value.field) == ("cas.format", "components")
    assert refused.value.params == {"number": text.strip()}


def test_a_mixture_carries_several() -> None:
    assert parse_cas_list("50-00-0; 67-56-1;7732-18-5") == ["50-00-0", "67-56-1", "7732-18-5"]
    assert parse_cas_list("50-00-0, 67-56-1\n7732-18-5 / 50-00-0") == [
        "50-00-0", "67-56-1", "7732-18-5"]
    assert parse_cas_list("67 - 56 - 1 7732\u201318\u20135") == ["67-56-1", "7732-18-5"]
    assert parse_cas_list("") == []
    assert parse_cas_list(" - ") == []


def test_one_bad_number_in_a_mixture_is_named() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_cas_list("50-00-0; 67-56-2")
    assert refused.value.code == "cas.check_digit"
    assert refused.value.params == {"number": "67-56-2"}
