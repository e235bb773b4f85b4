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
from typing import Any


@dataclass(frozen=True)
class RowError:
    """A row that was not imported: its spreadsheet row number (header = 1), field, reason."""

    row: int
    field: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: True when ``strict`` was asked and errors made the import write nothing.
    rejected: bool = False

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def to_json(self) -> dict[str, Any]:
        """Exactly the shape DESIGN.md fixes for ``vernetool import``."""
        return {"imported": self.imported, "skipped": self.skipped,
                "errors": [e.to_json() for e in self.errors]}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not readable, not UTF-8, columns missing).

    Nothing was imported. ``str()`` is one line a person understands.
    """

    def __init__(self, message: str, *, row: int | None = None) -> None:
        super().__init__(message)
        self.row = row


class ImportCancelled(Exception):
    """The user cancelled the import; everything it had done was rolled back."""

    def __init__(self, done: int = 0, total: int = 0) -> None:
        super().__init__(f"import cancelled after {done} of {total} rows; nothing was imported")
        self.done = done
        self.total = total
