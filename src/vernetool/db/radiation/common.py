"""What the radiation repositories share: the audit entity names and small helpers."""

from __future__ import annotations

from vernetool.db.chemicals.common import (
    NOW_SQL,
    escape_like,
    iso,
    like_clauses,
    nocase,
    room_labels,
    search_words,
    to_date,
)

SOURCE = "radiation_source"
LEAK_TEST = "radiation_leak_test"
WORKER = "radiation_worker"
DOSE = "radiation_dose"

__all__ = ["DOSE", "LEAK_TEST", "NOW_SQL", "SOURCE", "WORKER", "escape_like", "iso",
           "like_clauses", "nocase", "room_labels", "search_words", "to_date"]
