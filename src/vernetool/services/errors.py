"""The errors a service call may raise that the caller is expected to handle.

``ValidationError``: input the person can correct (a code, a field and parameters).
``StoreError``: a known problem with the database file (``StoreProblem`` says which).
Any other exception is a bug and goes to the crash dialog (UI) or a traceback (CLI).
"""

from __future__ import annotations

from vernetool.db.errors import StoreError, StoreProblem
from vernetool.domain.errors import ValidationError

__all__ = ["StoreError", "StoreProblem", "ValidationError"]
