"""The data's proposals are read once per unit and kept while the registers are unchanged:
answering (a write to the annual tables only) does not read them again, and any other write,
in this process or by another one, makes the next form read them afresh."""

from __future__ import annotations

import sqlite3

import pytest

from tests.services.annual.annual_fixtures import make_unit
from vernetool.context import AppContext
from vernetool.services import Topic
from vernetool.services.annual import answering


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the reads of the unit's facts."""
    count: list[int] = []
    real = answering.unit_proposals

    def counted(*args: object, **kwargs: object) -> object:
        count.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(answering, "unit_proposals", counted)
    return count


def test_answering_reads_the_registers_once(ctx: AppContext, reads: list[int]) -> None:
    make_unit(ctx)
    annual = ctx.services.annual
    annual.form(2024, "IKJ")
    annual.set_answer(2024, "IKJ", "2", "yes")
    annual.set_answer(2024, "IKJ", "10", "no")
    annual.confirm_prefilled(2024, "IKJ", ["24"])
    annual.set_names(2024, "IKJ", "Leder", "Verneombud")
    form = annual.form(2024, "IKJ")
    assert len(reads) == 1
    assert (form.answers["2"].answer, form.answers["10"].answer) == ("yes", "no")
    annual.form(2024, "IFY")
    assert len(reads) == 2, "another unit has proposals of its own"


def test_a_register_change_in_this_process_is_seen_at_once(
        ctx: AppContext, reads: list[int]) -> None:
    ids = make_unit(ctx)
    annual = ctx.services.annual
    assert annual.form(2024, "IKJ").answers["24e"].answer == "yes"
    with ctx.services.annual.store.write(Topic.SOURCES) as conn:
        conn.execute("UPDATE radiation_source SET dsa_id = '' WHERE id = ?", (ids["source"],))
    assert annual.form(2024, "IKJ").answers["24e"].answer == "no"
    assert len(reads) == 2


def test_a_register_change_by_another_process_is_seen(
        ctx: AppContext, reads: list[int]) -> None:
    ids = make_unit(ctx)
    annual = ctx.services.annual
    assert annual.form(2024, "IKJ").answers["24e"].answer == "yes"
    other = sqlite3.connect(ctx.db_path)
    with other:
        other.execute("UPDATE radiation_source SET notifiable = 0 WHERE id = ?",
                      (ids["source"],))
    other.close()
    assert annual.form(2024, "IKJ").answers["24e"].answer == "not_applicable"
    assert len(reads) == 2
