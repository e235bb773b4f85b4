"""Round screens follow changes made elsewhere (another screen, a merged bundle) and keep the
walker where they were."""

from __future__ import annotations

import datetime as dt

from tests.ui.round_helpers import make_round
from vernetool.context import AppContext
from vernetool.domain.rounds import Finding, Severity
from vernetool.ui.rounds.action_plan.view import ActionPlanView
from vernetool.ui.rounds.walk.view import RoundWalkView

TODAY = dt.date(2026, 3, 2)


def test_walk_shows_a_finding_recorded_elsewhere_and_stays_at_its_item(qtbot, ctx: AppContext  # type: ignore[no-untyped-def]
                                                                        ) -> None:
    setup = make_round(ctx.conn)
    view = RoundWalkView(ctx, setup.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.go_room(1)
    view.set_current(2)
    room, row = view.room, view.rows[3]
    assert room is not None and row.finding is None
    ctx.services.findings.save(Finding("Trekk fra vinduet", Severity.LOW, round_room_id=room.id,
                                       item_id=row.item.id))
    qtbot.waitUntil(lambda: view.rows[3].finding is not None)
    assert view.rows[3].finding is not None
    assert view.rows[3].finding.description == "Trekk fra vinduet"
    assert (view.room_index, view.current_row) == (1, 2)


def test_walk_ignores_its_own_answers(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn)
    view = RoundWalkView(ctx, setup.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    first = view.rows[0]
    qtbot.keyClick(view.checklist, "1")
    qtbot.wait(20)
    assert view.rows[0] is first and view.current_row == 1   # not rebuilt


def test_action_plan_lists_a_finding_recorded_elsewhere(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=2)
    view = ActionPlanView(ctx, setup.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 0
    room = ctx.services.rounds.round_rooms(setup.round_id)[0]
    ctx.services.findings.save(Finding("Rømningsvei blokkert", Severity.HIGH,
                                       action="Fjerne esker", round_room_id=room.id))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert "1 action" in view.summary.text()


def test_walk_follows_a_new_room_responsible_assigned_in_the_rooms_area(qtbot, ctx: AppContext  # type: ignore[no-untyped-def]
                                                                         ) -> None:
    """Trial (issue 7): after a new responsible was assigned in Rooms, the open walk still
    named the old one — and gave new findings to the old one by default."""
    from vernetool.domain.organisation import Person, ResponsibilityKind

    setup = make_round(ctx.conn)
    view = RoundWalkView(ctx, setup.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.go_room(1)
    view.set_current(2)
    room = view.room
    assert room is not None and view.state.responsible is not None
    assert view.state.responsible.person_name == "Kari Nordmann"
    new_id = ctx.services.persons.save(Person("Per Ny", "per.ny@example.no", unit_code="IKJ"))
    ctx.services.responsibilities.assign(room.room_id, new_id, ResponsibilityKind.RESPONSIBLE,
                                         TODAY)
    qtbot.waitUntil(lambda: view.state.responsible is not None
                    and view.state.responsible.person_name == "Per Ny")
    assert "Per Ny" in view.header.info.text()
    assert (view.room_index, view.current_row) == (1, 2)   # the walker stays where they were
