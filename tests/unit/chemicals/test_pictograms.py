"""Pictograms and signal words of real products (classifications from suppliers' SDSs)."""

from __future__ import annotations

import pytest

from tests.unit.chemicals.products import (
    ACETIC_ACID,
    ACETONE,
    ARGON,
    BENZENE,
    BORIC_ACID,
    DICHLOROMETHANE,
    DIETHYL_ETHER,
    DMF,
    FORMALDEHYDE_37,
    HEXANE,
    HYDROGEN_PEROXIDE_30,
    METHANOL,
    NICKEL_SULPHATE,
    NITRIC_ACID_65,
    POTASSIUM_DICHROMATE,
    SODIUM,
    SODIUM_HYDROXIDE,
    TOLUENE,
)
from vernetool.domain.chemicals.model import SignalWord
from vernetool.domain.chemicals.pictograms import (
    check_signal_word,
    expected_signal_word,
    pictograms_for,
)
from vernetool.domain.chemicals.statements import known_codes, parse_statements
from vernetool.domain.errors import ValidationError
from vernetool.i18n import translator


def pictograms(text: str) -> tuple[str, ...]:
    return pictograms_for(parse_statements(text))


@pytest.mark.parametrize(("text", "expected"), [
    (METHANOL, ("GHS02", "GHS06", "GHS08")),
    (ACETONE, ("GHS02", "GHS07")),
    (NICKEL_SULPHATE, ("GHS07", "GHS08", "GHS09")),
    (FORMALDEHYDE_37, ("GHS05", "GHS06", "GHS08")),
    (BENZENE, ("GHS02", "GHS07", "GHS08")),
    (TOLUENE, ("GHS02", "GHS07", "GHS08")),
    (DICHLOROMETHANE, ("GHS07", "GHS08")),
    (DMF, ("GHS02", "GHS07", "GHS08")),
    (BORIC_ACID, ("GHS08",)),
    (SODIUM_HYDROXIDE, ("GHS05",)),
    (HYDROGEN_PEROXIDE_30, ("GHS05", "GHS07")),      # GHS07 from H302, not irritation: stays
    (NITRIC_ACID_65, ("GHS03", "GHS05")),
    (SODIUM, ("GHS02", "GHS05")),
    (HEXANE, ("GHS02", "GHS07", "GHS08", "GHS09")),
    (ARGON, ("GHS04",)),
    (ACETIC_ACID, ("GHS02", "GHS05")),
    (DIETHYL_ETHER, ("GHS02", "GHS07")),
    (POTASSIUM_DICHROMATE, ("GHS03", "GHS05", "GHS06", "GHS08", "GHS09")),
    ("H241", ("GHS01", "GHS02")), ("H205", ()), ("H412, EUH208", ()), ("H362", ()),
])
def test_real_products(text: str, expected: tuple[str, ...]) -> None:
    assert pictograms(text) == expected


def test_article_26_precedence() -> None:
    assert pictograms("H301, H302") == ("GHS06",)                    # GHS06 removes GHS07
    assert pictograms("H331, H335") == ("GHS06",)
    assert pictograms("H314, H315, H319") == ("GHS05",)              # irritation under GHS05
    assert pictograms("H318, H315, H335") == ("GHS05", "GHS07")      # but not STOT SE 3
    assert pictograms("H318, H317") == ("GHS05", "GHS07")            # nor sensitisation
    assert pictograms("H334, H317, H315, H319") == ("GHS08",)        # GHS08 for H334
    assert pictograms("H334, H317, H336") == ("GHS07", "GHS08")      # H336 keeps GHS07
    assert pictograms("H372, H315") == ("GHS07", "GHS08")            # GHS08 not from H334
    assert pictograms("H302+H332, H334") == ("GHS07", "GHS08")


def test_suffixed_and_combined_codes_map_like_their_parts() -> None:
    for code in ("H350i", "H360F", "H360D", "H360FD", "H360Fd", "H360Df",
                 "H361f", "H361d", "H361fd"):
        assert pictograms_for([code]) == ("GHS08",), code
    assert pictograms_for(["H300+H310+H330"]) == ("GHS06",)
    assert pictograms_for(["H302+H312+H332"]) == ("GHS07",)
    assert pictograms_for(["P280", "P301+P310"]) == ()


def test_every_h_code_of_the_eu_list_has_a_row() -> None:
    from vernetool.domain.chemicals import pictograms as module
    from vernetool.domain.chemicals.statements import base_code, parts

    h_codes = {base_code(p) for code in known_codes() if code.startswith("H")
               for p in parts(code)}
    assert h_codes <= set(module._LABELS), sorted(h_codes - set(module._LABELS))


@pytest.mark.parametrize(("text", "word"), [
    (METHANOL, SignalWord.DANGER), (ACETONE, SignalWord.DANGER),
    (NICKEL_SULPHATE, SignalWord.DANGER), (FORMALDEHYDE_37, SignalWord.DANGER),
    (DICHLOROMETHANE, SignalWord.WARNING), ("H226, H302, H319", SignalWord.WARNING),
    ("H361d, H373", SignalWord.WARNING), ("H411", None), ("H412, EUH066", None), ("", None),
    ("H336", SignalWord.WARNING), ("H290", SignalWord.WARNING), ("H280", SignalWord.WARNING),
    ("H242", SignalWord.WARNING), ("H224", SignalWord.DANGER), ("H318", SignalWord.DANGER),
    ("H334", SignalWord.DANGER), ("H360Df", SignalWord.DANGER), ("H350i", SignalWord.DANGER),
    ("EUH380", SignalWord.DANGER), ("EUH381", SignalWord.WARNING), ("P280", None),
])
def test_expected_signal_word(text: str, word: SignalWord | None) -> None:
    assert expected_signal_word(parse_statements(text)) is word


def test_a_weaker_word_is_refused_and_named() -> None:
    codes = parse_statements(METHANOL)
    with pytest.raises(ValidationError) as refused:
        check_signal_word(SignalWord.WARNING, codes)
    assert (refused.value.code, refused.value.field) == ("chemical.signal_word", "signal_word")
    assert str(refused.value) == ("the signal word 'Warning' does not fit the hazard "
                                  "statements, which call for 'Danger'")
    assert translator("nb").render(refused.value.code, **refused.value.params) == (
        "varselordet «Advarsel» passer ikke med faresetningene, som krever «Fare»")


def test_a_word_where_no_code_calls_for_one_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        check_signal_word(SignalWord.WARNING, parse_statements("H412, EUH066"))
    assert "no signal word" in str(refused.value)


def test_fitting_stronger_or_missing_words_pass() -> None:
    check_signal_word(SignalWord.DANGER, parse_statements(METHANOL))
    check_signal_word(SignalWord.WARNING, parse_statements(DICHLOROMETHANE))
    check_signal_word(SignalWord.DANGER, parse_statements("H242"))  # organic peroxide type C
    check_signal_word(None, parse_statements(METHANOL))
    check_signal_word(None, [])
