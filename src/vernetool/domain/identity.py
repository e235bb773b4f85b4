"""Norwegian identity numbers: fødselsnummer and D-nummer, checked and masked.

Eleven digits: the birth date (DDMMYY; a D-nummer adds 4 to the first digit), a three-digit
individual number that also tells the century, and two mod-11 check digits. Errors never
carry the number itself, so it cannot end up in a log or a message.
"""

from __future__ import annotations

from datetime import date

from vernetool.domain.errors import ValidationError

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _compact(text: str) -> str:
    return "".join(text.split())


def control_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 control digit over ``digits``; None where no digit fits (remainder 1)."""
    remainder = sum(w * int(d) for w, d in zip(weights, digits, strict=False)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit


def birth_date(digits: str) -> date | None:
    """The birth date an 11-digit number encodes (D-nummer: day + 40), None if there is none."""
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    individual = int(digits[6:9])
    if day > 40:  # D-nummer
        day -= 40
    if individual < 500:
        year += 1900
    elif individual < 750 and year >= 54:
        year += 1800
    elif year < 40:
        year += 2000
    elif individual >= 900:
        year += 1900
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def check_identity_number(text: str, field: str = "identity_number") -> str:
    """The number as 11 digits (spaces dropped), or ``identity.invalid`` (not 11 digits, no
    real birth date) / ``identity.check_digit`` (a mod-11 control digit does not match)."""
    digits = _compact(text)
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        raise ValidationError("identity.invalid", field)
    if birth_date(digits) is None:
        raise ValidationError("identity.invalid", field)
    first = control_digit(digits[:9], _WEIGHTS_1)
    second = control_digit(digits[:10], _WEIGHTS_2)
    if first is None or second is None or (first, second) != (int(digits[9]), int(digits[10])):
        raise ValidationError("identity.check_digit", field)
    return digits


def mask_identity(number: str) -> str:
    """What a screen shows: the birth date part and five stars ("010190*****")."""
    digits = _compact(number)
    return digits[:6] + "*" * max(len(digits) - 6, 0)
