"""The deviation settings (categories, hours worked, risk matrix) and the list queries as the
area uses them: one call for a page, the counts and a deviation's whole detail."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import (
    Action,
    Deviation,
    DeviationStatus,
    DeviationType,
    RiskMatrix,
)
from vernetool.domain.errors import ValidationError
from vernetool.services import Change, Services, Topic
from vernetool.services.deviations.queries import DeviationFilter, DeviationSort

TODAY = dt.date(2025, 6, 16)


def test_hours_worked_are_saved_and_announced(services: Services,
                                              changes: list[Change]) -> None:
    settings = services.deviation_settings
    settings.set_hours_worked(2024, 1_000_000.5)
    assert settings.hours_worked(2024) == 1_000_000.5
    with pytest.raises(ValidationError):
        settings.set_hours_worked(2024, -3)
    assert settings.hours_worked(2024) == 1_000_000.5
    settings.set_hours_worked(2024, None)
    assert settings.hours_worked(2024) is None
    assert changes == [Change(Topic.DEVIATION_SETTINGS)] * 2


def test_categories_and_risk_matrix(services: Services, changes: list[Change]) -> None:
    settings = services.deviation_settings
    names = [c.name for c in settings.categories()]
    assert "Annet" in names
    new_id = settings.add_category("Laboratorieutstyr", name_en="Lab equipment")
    assert "Laboratorieutstyr" in [c.name for c in settings.categories()]
    with pytest.raises(ValidationError):
        settings.add_category("Laboratorieutstyr")
    settings.set_category_active(new_id, False)
    assert "Laboratorieutstyr" not in [c.name for c in settings.categories()]
    assert "Laboratorieutstyr" in [c.name for c in settings.categories(include_inactive=True)]
    settings.set_risk_matrix(RiskMatrix(6, 12))
    assert settings.risk_matrix() == RiskMatrix(6, 12)
    assert changes == [Change(Topic.DEVIATION_SETTINGS)] * 3


def test_page_counts_and_details(services: Services, ctx: AppContext) -> None:
    late = services.deviations.record(Deviation(DeviationType.HAZARD, "Blocked exit",
                                                dt.date(2025, 5, 2)))
    services.deviation_workflow.accept(late, dt.date(2025, 6, 1), today=dt.date(2025, 5, 3))
    services.deviation_measures.add(late, Action("Move the pallets", "Ola"), today=TODAY)
    services.deviations.record(Deviation(DeviationType.IMPROVEMENT, "Better signs",
                                         dt.date(2025, 4, 1)))
    queries = services.deviation_queries

    rows = queries.page(sort=DeviationSort.TITLE, descending=False, today=TODAY)
    assert [r.title for r in rows] == ["Better signs", "Blocked exit"]
    assert [r.overdue for r in rows] == [False, True]
    overdue = DeviationFilter(overdue_only=True)
    assert queries.count(overdue, today=TODAY) == 1
    counts = queries.status_counts(overdue, today=TODAY)
    assert (counts["registered"], counts["in_progress"], counts["overdue"]) == (1, 1, 1)

    details = queries.details(late, today=TODAY)
    assert details is not None and details.overdue
    assert details.deviation.status is DeviationStatus.IN_PROGRESS
    assert [a.description for a in details.actions] == ["Move the pallets"]
    assert [h.to_status.value for h in details.history] == ["registered", "accepted",
                                                            "in_progress"]
    assert details.attachments == [] and details.attachment_paths == {}
    assert queries.details(9999) is None
