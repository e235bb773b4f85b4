"""What an import reports back: counts, row errors, and the exceptions an import can end with.

Counting rule (every data row lands in exactly one bucket):

- ``imported``: rows that inserted or changed a record;
- ``skipped``: rows without errors that changed nothing — identical to what is stored, or,
  when ``--strict`` rejected the file, every good row (nothing was written);
- rows with errors are listed in ``errors`` (a row may have several, one per field).

So ``imported + skipped + (distinct rows in errors) == data rows`` of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import field as _field
from typing import Any


def _render(code: str, params: dict[str, Any]) -> str:
    from vernetool.i18n import render  # lazy: the words are needed only when shown

    return render(code, **params)


@dataclass(frozen=True)
class RowError:
    """A row that was not imported: its spreadsheet row number (header = 1), field, and the
    reason as a message code with parameters (``vernetool.i18n`` turns it into words)."""

    row: int
    field: str
    code: str
    params: dict[str, Any] = _field(default_factory=dict)

    @property
    def message(self) -> str:
        """The reason in the current language."""
        return _render(self.code, self.params)

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}

    def to_data(self) -> dict[str, Any]:
        """The error with its code and parameters (for a view that renders it itself)."""
        return {"row": self.row, "field": self.field, "code": self.code,
                "params": dict(self.params)}


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: True when ``strict`` was asked and errors made the import write nothing.
    rejected: bool = False
    #: rows counted in ``skipped`` because their room is not in this database, by room
    #: ("K4:110": 3) — told to the person; not part of the JSON DESIGN.md fixes
    skipped_rooms: dict[str, int] = field(default_factory=dict)

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def to_data(self) -> dict[str, Any]:
        """Like ``to_json`` with each error as code + parameters instead of words."""
        data: dict[str, Any] = {"imported": self.imported, "skipped": self.skipped,
                                "errors": [e.to_data() for e in self.errors]}
        if self.skipped_rooms:
            data["skipped_rooms"] = dict(self.skipped_rooms)
        return data

    def to_json(self) -> dict[str, Any]:
        """Exactly the shape DESIGN.md fixes for ``vernetool import``."""
        return {"imported": self.imported, "skipped": self.skipped,
                "errors": [e.to_json() for e in self.errors]}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not readable, not UTF-8, columns missing).

    Nothing was imported. ``code``/``params`` name the problem; ``str()`` is one line a
    person understands, in the current language.
    """

    def __init__(self, code: str, /, *, row: int | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = {"row": row, **params} if row is not None else params
        self.row = row

    @property
    def message(self) -> str:
        return _render(self.code, self.params)

    def __str__(self) -> str:
        return self.message


class ImportCancelled(Exception):
    """The user cancelled the import; everything it had done was rolled back."""

    def __init__(self, done: int = 0, total: int = 0) -> None:
        super().__init__("import.cancelled")
        self.done = done
        self.total = total

    def __str__(self) -> str:
        return _render("import.cancelled", {"done": self.done, "total": self.total})
