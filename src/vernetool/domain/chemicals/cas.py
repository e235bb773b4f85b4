"""CAS registry numbers: the ``NNNNNNN-NN-N`` form and its check digit.

The check digit is the sum of the other digits, each times its position counted from the
right, mod 10 (python-stdnum's ``casrn`` computes it). Spaces and typographic dashes are
accepted and dropped; padded numbers ("0000067-64-1") lose their leading zeros.
"""

from __future__ import annotations

import re

from stdnum import casrn

from vernetool.domain.errors import ValidationError

# hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign, small hyphen-minus
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d", "-"))
_FORM = re.compile(r"[1-9]\d{1,6}-\d{2}-\d")
_SEPARATORS = re.compile(r"[;,/\s]+")


def normalise_cas(text: str, field: str = "cas") -> str:
    """``text`` as a checked CAS number, or ``cas.format`` / ``cas.check_digit`` naming it."""
    given = text.strip()
    number = "".join(given.translate(_DASHES).split())
    if number.isdigit() and 5 <= len(number) <= 10:  # written without its dashes
        number = f"{number[:-3]}-{number[-3:-1]}-{number[-1]}"
    number = number.lstrip("0")
    if not _FORM.fullmatch(number):
        raise ValidationError("cas.format", field, number=given)
    if casrn.calc_check_digit(number[:-1]) != number[-1]:
        raise ValidationError("cas.check_digit", field, number=number)
    return number


def parse_cas_list(text: str, field: str = "cas") -> list[str]:
    """The CAS numbers of a product (a mixture has several), separated by ``;``, ``,``, ``/``,
    spaces or new lines; each checked, duplicates dropped, order kept. A cell holding only
    dashes (a common "none") gives an empty list."""
    joined = re.sub(r"\s*-\s*", "-", text.translate(_DASHES))
    numbers: list[str] = []
    for token in _SEPARATORS.split(joined):
        if not token.strip("-"):
            continue
        number = normalise_cas(token, field)
        if number not in numbers:
            numbers.append(number)
    return numbers
