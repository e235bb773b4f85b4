"""Hazard (H, EUH) and precautionary (P) statements: real-world spellings → EU codes.

Accepted: ``H225, H319 og H336``, ``H 350``, ``h360fd``, ``H360 Fd``, ``H300 + H330``,
``H301+H311+H331``, ``EUH066``, ``P305+P351+P338``; separated by commas, ``;``, ``/``, new
lines, "og", "and" or any other words (texts after the codes are ignored). Every code is
checked against the EU list shipped in ``resources/refdata/hpstatements-en-latest.json``
(CLP, incl. combined codes and suffixed codes); anything shaped like a code that is not in
the list is ``hazard.unknown`` naming it as written (without spaces).

Case carries meaning in the reprotoxicity suffixes (capital = category 1, small = category
2): ``H360Fd``, ``H360Df`` keep theirs. When a suffix is written all in one case the writer's
intention is unknown, and the form CLP uses is taken: ``h360fd``/``H360FD`` → ``H360FD``,
``h360df``/``H360DF`` → ``H360Df`` (the only D-first form), ``H361FD`` → ``H361fd``,
``H350I`` → ``H350i``.

A combined code in the EU list stays one code (``H300+H330``; parts in any order for H). A
combination the list does not have (``H315+H319``) is split into its parts, each checked:
nothing is lost and every code stays one the list knows.
"""

from __future__ import annotations

import json
import re
from functools import cache

from vernetool.domain.errors import ValidationError

_ATOM = r"(?:EUH|H|P)\s*\d{3}[A-Za-z]{0,2}"
_EDGE_BEFORE = r"(?<![A-Za-z0-9])"
_EDGE_AFTER = r"(?![A-Za-z0-9])"
_CODE = re.compile(rf"{_EDGE_BEFORE}{_ATOM}(?:\s*\+\s*{_ATOM})*{_EDGE_AFTER}", re.IGNORECASE)
_PARTS = re.compile(r"(EUH|H|P)\s*(\d{3})([A-Za-z]{0,2})", re.IGNORECASE)
# what is left after the codes but still looks like one: a typo, a GHS-only code, H22S …
_CODE_LIKE = re.compile(r"(?<![A-Za-z0-9])(?:EUH|H|P)\s*\d[\w]*", re.IGNORECASE)
_BASE = re.compile(r"(EUH|H|P)(\d{3})")
# "H360 FD", "H361 d": a reprotoxicity suffix written apart (F and D are never words)
_SUFFIX_APART = re.compile(r"(?<![A-Za-z0-9])(H\s*36[01])\s+([FfDd]{1,2})(?![A-Za-z0-9])",
                           re.IGNORECASE)


@cache
def _statements() -> dict[str, str]:
    """Code → English text from the shipped EU list (read once, on first use)."""
    from vernetool.paths import resource_path

    path = resource_path("refdata", "hpstatements-en-latest.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    texts: dict[str, str] = data["statements"]
    prefix = "latest/en/"
    return {code: texts.get(prefix + code, "") for code in data["codes"]}


def known_codes() -> frozenset[str]:
    """Every code of the EU list, combined codes included."""
    return frozenset(_statements())


def statement_text(code: str) -> str:
    """The English text of ``code`` as a reader sees it on a label; a combination outside the
    list joins its parts' texts; "" for a code the list does not have.

    The EU list's texts carry instructions to the sheet's author in angle brackets ("May
    cause cancer <state route of exposure if …>", "Contains <name of sensitising
    substance>"); a register that does not know the product's route or organs leaves the
    instructions out ("May cause cancer.") and names the placeholder ("Contains a
    sensitising substance.")."""
    texts = _statements()
    if code in texts:
        return _as_read(texts[code])
    if "+" in code:
        return " ".join(_as_read(t) for t in (texts.get(part, "") for part in code.split("+"))
                        if t)
    return ""


_INSTRUCTION = re.compile(r"\s*<\s*(?:or\s+)?state\b[^>]*>")
_PLACEHOLDER = re.compile(r"<\s*name of ([^>]*?)\s*>")


def _as_read(text: str) -> str:
    text = _PLACEHOLDER.sub(r"a \1", _INSTRUCTION.sub("", text))
    return re.sub(r"\s+([.,])", r"\1", " ".join(text.split()))


def is_hazard(code: str) -> bool:
    """H and EUH codes (hazard statements) as against P codes (precautionary statements)."""
    return code.upper().startswith(("H", "EUH"))


def parts(code: str) -> tuple[str, ...]:
    """The single codes of a (possibly combined) code: "H300+H330" → ("H300", "H330")."""
    return tuple(code.split("+"))


def base_code(code: str) -> str:
    """A single code without its suffix: "H360Df" → "H360", "H350i" → "H350"."""
    match = _BASE.match(code)
    return match.group(0) if match else code


def _h360_suffix(suffix: str) -> str:
    if suffix and (suffix.isupper() or suffix.islower()):  # case tells nothing
        return {"f": "F", "d": "D", "fd": "FD", "df": "Df"}.get(suffix.lower(), suffix)
    return suffix  # "Fd", "Df" as written; "fD" stays and is unknown


def _normalise_atom(prefix: str, number: str, suffix: str) -> str:
    prefix = prefix.upper()
    if prefix == "H" and number == "360":
        suffix = _h360_suffix(suffix)
    elif prefix == "H" and number == "361":
        suffix = {"df": "fd"}.get(suffix.lower(), suffix.lower())
    elif prefix == "H" and number == "350":
        suffix = suffix.lower()
    else:
        suffix = suffix.upper()
    return f"{prefix}{number}{suffix}"


def _known(code: str, written: str, field: str) -> str:
    if code not in _statements():
        raise ValidationError("hazard.unknown", field, code=written)
    return code


def _number(code: str) -> int:
    match = _BASE.match(code)
    return int(match.group(2)) if match else 0


def _resolve(group: str, field: str) -> list[str]:
    """One matched group of "+"-joined codes → the codes it stands for."""
    found = list(_PARTS.finditer(group))
    atoms = [_normalise_atom(*part.groups()) for part in found]
    if len(atoms) == 1:
        return [_known(atoms[0], "".join(found[0].group(0).split()), field)]
    texts = _statements()
    joined = "+".join(atoms)
    if joined in texts:
        return [joined]
    in_order = "+".join(sorted(atoms, key=_number))
    if is_hazard(atoms[0]) and in_order in texts:
        return [in_order]
    return [_known(atom, "".join(part.group(0).split()), field)
            for atom, part in zip(atoms, found, strict=True)]


def parse_statements(text: str, field: str = "hazard_statements") -> list[str]:
    """The normalised H/EUH/P codes in ``text``, in the order written, without duplicates.

    Raises ``ValidationError("hazard.unknown", field, code=…)`` for the first code (or
    code-shaped word) the EU list does not have.
    """
    text = _SUFFIX_APART.sub(r"\1\2", text)
    codes: list[str] = []
    leftover: list[str] = []
    position = 0
    for match in _CODE.finditer(text):
        leftover.append(text[position:match.start()])
        position = match.end()
        for code in _resolve(match.group(0), field):
            if code not in codes:
                codes.append(code)
    leftover.append(text[position:])
    for piece in leftover:
        odd = _CODE_LIKE.search(piece)
        if odd:
            raise ValidationError("hazard.unknown", field, code="".join(odd.group(0).split()))
    return codes
