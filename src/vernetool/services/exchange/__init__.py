"""File exchange: importing a spreadsheet into the store and exporting a register to a file."""

from __future__ import annotations

from vernetool.exchange.result import ImportCancelled, ImportFileError, ImportResult, RowError

__all__ = ["ImportCancelled", "ImportFileError", "ImportResult", "RowError"]
