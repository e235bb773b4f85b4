"""Changing a target's settings (the Sync screen's Edit): the same target, its receipts and
watermarks kept; a wrong value names its field and changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.domain.errors import ValidationError


def test_an_edited_target_keeps_its_receipts_and_sends_only_what_is_new(
        ctx: AppContext, tmp_path: Path) -> None:
    services = ctx.services
    services.deviations.record(Deviation(DeviationType.HAZARD, "Wet floor", dt.date(2025, 6, 2)))
    first, second = tmp_path / "old", tmp_path / "new"
    first.mkdir()
    second.mkdir()
    before = services.delivery.targets.add("HSE", kind="folder", path=str(first),
                                           sends=("deviations",))
    assert services.delivery.sync().targets[0].delivered == 1
    after = services.delivery.targets.update("HSE", kind="folder", path=str(second),
                                             sends=("deviations", "sources"))
    assert (after.id, after.path) == (before.id, str(second))
    assert [s.value for s in after.sends] == ["deviations", "sources"]
    assert services.delivery.sync().targets[0].delivered == 0   # nothing new: no resend
    assert list(second.iterdir()) == []

    with pytest.raises(ValidationError) as refused:
        services.delivery.targets.update("HSE", kind="http", url="ftp://example.org",
                                         sends=("deviations",))
    assert refused.value.field == "url"
    assert services.delivery.targets.get("HSE").path == str(second)   # unchanged
