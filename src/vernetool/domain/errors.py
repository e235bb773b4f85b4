"""Errors the domain raises for input a person can correct: a code, a field and parameters.

The words live in the message catalogs (``resources/i18n/<lang>/messages.json``), keyed by the
code; ``message``/``str()`` render them in the current language through ``vernetool.i18n``.
"""

from __future__ import annotations

from typing import Any


class CodedMessage:
    """What coded errors share: their words are the catalog's sentence for ``code``."""

    code: str
    params: dict[str, Any]

    @property
    def message(self) -> str:
        from vernetool.i18n import render  # lazy: the domain stays free of catalogs at import

        return render(self.code, **self.params)

    def __str__(self) -> str:
        return self.message


class ValidationError(CodedMessage, ValueError):
    """A value a person entered breaks a rule.

    ``code`` names the rule ("room.exists"), ``field`` the field it is about, ``params`` the
    values the sentence needs (a parameter may itself be a ``ValidationError`` or ``Phrase``).
    """

    def __init__(self, code: str, field: str, /, **params: Any) -> None:
        super().__init__(code, field)
        self.code = code
        self.field = field
        self.params: dict[str, Any] = params

    def __repr__(self) -> str:
        return f"ValidationError({self.code!r}, {self.field!r}, **{self.params!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # subclasses take other arguments; rebuild any of them from code, field and params
        return _restore, (type(self), self.code, self.field, self.params)


def _restore(cls: type[ValidationError], code: str, field: str,
             params: dict[str, Any]) -> ValidationError:
    error = cls.__new__(cls)
    ValidationError.__init__(error, code, field, **params)
    return error


class NotFoundError(CodedMessage, LookupError):
    """Something a person named (a round id, a template key) does not exist: a code + params."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = params


class Phrase:
    """A piece of a message (code + parameters) rendered when the message is."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        from vernetool.i18n import render

        return render(self.code, **self.params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.code, self.params) == (other.code,
                                                                          other.params)

    def __hash__(self) -> int:
        return hash(self.code)

    def __repr__(self) -> str:
        return f"Phrase({self.code!r}, **{self.params!r})"
