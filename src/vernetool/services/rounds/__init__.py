"""HSE rounds as use cases: planning, the walk, findings, photos, the action plan, bundles.

The row types the screens show are re-exported here, so ``ui/`` never imports ``db/``.
"""

from __future__ import annotations

from vernetool.db.organisation.rooms import RoomFilter
from vernetool.db.rounds.findings import Photo, Recheck
from vernetool.db.rounds.rounds import AnswerRecord, RoundRoom, RoundSummary
from vernetool.db.templates import TemplateSummary

__all__ = ["AnswerRecord", "Photo", "Recheck", "RoomFilter", "RoundRoom", "RoundSummary",
           "TemplateSummary"]
