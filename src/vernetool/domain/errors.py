"""Errors the domain raises for input a person can correct."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value a person entered breaks a rule; ``field`` names the field it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message
