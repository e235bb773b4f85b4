"""H/EUH/P statements as real safety data sheets and registers spell them."""

from __future__ import annotations

import pytest

from vernetool.domain.chemicals.statements import (
    base_code,
    is_hazard,
    known_codes,
    parse_statements,
    parts,
    statement_text,
)
from vernetool.domain.errors import ValidationError
from vernetool.i18n import translator


@pytest.mark.parametrize(("text", "codes"), [
    ("H225, H319 og H336", ["H225", "H319", "H336"]),                 # acetone, a register cell
    ("H225, H319 and H336, EUH066", ["H225", "H319", "H336", "EUH066"]),
    ("H 350", ["H350"]),
    ("h360fd", ["H360FD"]),
    ("H300 + H330", ["H300+H330"]),
    ("H225; H301+H311+H331; H370", ["H225", "H301+H311+H331", "H370"]),  # methanol
    ("H301 + H311 + H331\nH314\nH317\nH335\nH341\nH350\nH370",          # formaldehyde 37 %
     ["H301+H311+H331", "H314", "H317", "H335", "H341", "H350", "H370"]),
    ("H302+H332 / H315 / H317 / H334 / H341 / H350i / H360D / H372 / H410",  # nickel sulphate
     ["H302+H332", "H315", "H317", "H334", "H341", "H350i", "H360D", "H372", "H410"]),
    ("euh066", ["EUH066"]), ("EUH 208", ["EUH208"]), ("euh201a", ["EUH201A"]),
    ("H350I", ["H350i"]), ("h350i", ["H350i"]),
    ("H360Df", ["H360Df"]), ("H360Fd", ["H360Fd"]), ("H360DF", ["H360Df"]),
    ("h360df", ["H360Df"]), ("H360FD", ["H360FD"]), ("h360f", ["H360F"]), ("H360d", ["H360D"]),
    ("H361FD", ["H361fd"]), ("H361D", ["H361d"]), ("h361f", ["H361f"]), ("H361df", ["H361fd"]),
    ("P280, P301+P310, P305 + P351 + P338", ["P280", "P301+P310", "P305+P351+P338"]),
    ("H360 Fd, H361 d", ["H360Fd", "H361d"]), ("H360 FD og H350", ["H360FD", "H350"]),
    ("H330+H300", ["H300+H330"]),                       # parts in another order
    ("H315+H319+H335", ["H315", "H319", "H335"]),       # no such combination: the parts
    ("H225 Meget brannfarlig væske og damp. H319 Gir alvorlig øyeirritasjon.",
     ["H225", "H319"]),                                 # texts after the codes
    ("H225, H225, h225", ["H225"]),
    ("", []), ("Ikke klassifisert", []),
])
def test_real_spellings_are_normalised(text: str, codes: list[str]) -> None:
    assert parse_statements(text) == codes


@pytest.mark.parametrize(("text", "code"), [
    ("H225, H999", "H999"), ("H227", "H227"),            # a GHS-only code is not in the EU list
    ("H360fD", "H360fD"), ("H350x", "H350x"), ("H225, H22S", "H22S"), ("H319og H336", "H319og"),
    ("P999", "P999"), ("euh 999", "euh999"), ("H 3 19", "H3"), ("H302+H999", "H999"),
])
def test_an_unknown_code_is_named(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_statements(text, "statements")
    assert (refused.value.code, refused.value.field) == ("hazard.unknown", "statements")
    assert refused.value.params == {"code": code}
    assert code in translator("nb").render(refused.value.code, **refused.value.params)


def test_every_code_of_the_eu_list_parses_to_itself() -> None:
    for code in known_codes():
        if "[" in code:  # "P370+P380+P375[+P378]": an optional part, not a code to write
            continue
        assert parse_statements(code) == [code], code
        assert parse_statements(code.lower()) in ([code], [code.replace("Fd", "FD")]), code


def test_texts_come_from_the_shipped_list() -> None:
    assert statement_text("H225") == "Highly flammable liquid and vapour."
    assert statement_text("H300+H330").startswith("Fatal if swallowed")
    assert statement_text("EUH066").startswith("Repeated exposure may cause skin dryness")
    assert "fertility" in statement_text("H360Fd") and "unborn" in statement_text("H360Fd")
    assert statement_text("H315+H319") == (statement_text("H315") + " "
                                            + statement_text("H319"))
    assert statement_text("H999") == ""
    assert len(known_codes()) == 252


def test_hazard_or_precaution_parts_and_base() -> None:
    assert is_hazard("H225") and is_hazard("EUH066") and is_hazard("H300+H330")
    assert not is_hazard("P280") and not is_hazard("P301+P310")
    assert parts("H301+H311+H331") == ("H301", "H311", "H331")
    assert parts("H225") == ("H225",)
    assert [base_code(c) for c in ("H360Df", "H350i", "EUH201A", "H225")] == [
        "H360", "H350", "EUH201", "H225"]


def test_texts_leave_out_the_eu_lists_instructions_to_the_sheets_author() -> None:
    """"<state route of exposure if …>" is for the one writing a sheet, not for a reader."""
    from vernetool.domain.chemicals.statements import known_codes

    assert statement_text("H350") == "May cause cancer."
    assert statement_text("H373") == (
        "May cause damage to organs through prolonged or repeated exposure.")
    assert statement_text("EUH208") == (
        "Contains a sensitising substance. May produce an allergic reaction.")
    for code in known_codes():
        assert "<" not in statement_text(code) and ">" not in statement_text(code), code
