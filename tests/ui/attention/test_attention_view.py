"""The Needs-attention screen on a real database: the tree groups the problems per unit and
room with the right counts, the families, the safety rep's view, the unit filter and the
search filter, the as-of date, the detail says what to do, and the checks run again when
data changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTreeWidgetItem

from tests.ui.attention.conftest import AS_OF, wait_checked
from vernetool.context import AppContext
from vernetool.domain.checks import CheckCode, Target
from vernetool.services import Change, Topic
from vernetool.ui.attention.problems import SAFETY_REP, SAFETY_REP_CODES
from vernetool.ui.attention.view import AttentionView


def make_view(qtbot: Any, ctx: AppContext, **kwargs: Any) -> AttentionView:
    view = AttentionView(ctx, today=AS_OF, **kwargs)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.activated()
    wait_checked(qtbot, view)
    return view


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [item.child(i) for i in range(item.childCount())]


def tree(view: AttentionView) -> dict[str, Any]:
    """{unit text: (count text, {child text: count text or [problem titles]})}"""
    found: dict[str, Any] = {}
    for i in range(view.tree.topLevelItemCount()):
        unit = view.tree.topLevelItem(i)
        assert unit is not None
        rows: dict[str, Any] = {}
        for child in children(unit):
            if child.childCount():
                rows[child.text(0)] = (child.text(1),
                                       sorted(c.text(0) for c in children(child)))
            else:
                rows.setdefault("", []).append(child.text(0))
        found[unit.text(0)] = (unit.text(1), rows)
    return found


def select_code(view: AttentionView, code: CheckCode) -> None:
    [problem] = [p for p in view.shown_problems() if p.code is code]
    assert view.select_problem(problem)


def test_the_tree_groups_per_unit_then_room_with_counts(qtbot: Any,
                                                        problems_db: AppContext) -> None:
    view = make_view(qtbot, problems_db)
    assert view.error is None
    assert tree(view) == {
        "U1 — Unit one": ("7 problems", {
            "Room B:101": ("6 problems", sorted([
                "No safety data sheet", "No exposure register entry",
                "Source not notified to DSA", "No workers register entry",
                "No vaccination offer", "Overdue measure"])),
            "Room B:102": ("1 problem", ["Overdue measure"])}),
        "U2 — Unit two": ("5 problems", {
            "": ["No HSE round this year"],
            "Room B:201": ("4 problems", sorted([
                "No room card", "No room responsible", "Leak test overdue",
                "Cabinet certification overdue"]))}),
    }
    assert "12 problems in 3 rooms" in view.status.text()


def test_the_safety_reps_view_and_the_families_filter(qtbot: Any,
                                                      problems_db: AppContext) -> None:
    view = make_view(qtbot, problems_db)
    view.family.setCurrentIndex(view.family.findData(SAFETY_REP))
    shown = {p.code for p in view.shown_problems()}
    assert shown <= SAFETY_REP_CODES
    assert shown == {CheckCode.EXPOSURE_MISSING, CheckCode.SOURCE_NOT_NOTIFIED,
                     CheckCode.BIO_REGISTER_MISSING, CheckCode.ACTION_OVERDUE,
                     CheckCode.ROUND_MISSING,
                     CheckCode.ROOMCARD_MISSING, CheckCode.RESPONSIBLE_MISSING,
                     CheckCode.LEAK_TEST_OVERDUE, CheckCode.CABINET_CERTIFICATION_OVERDUE}
    assert "10 of 12 problems shown" in view.status.text()
    view.family.setCurrentIndex(view.family.findData("radiation"))
    assert sorted(p.code.value for p in view.shown_problems()) == [
        "leak_test_overdue", "source_not_notified"]
    assert list(tree(view)) == ["U1 — Unit one", "U2 — Unit two"]
    view.family.setCurrentIndex(view.family.findData("follow_up"))
    assert [(p.code.value, p.room) for p in view.shown_problems()] == [
        ("round_missing", ""), ("action_overdue", "B:101"), ("action_overdue", "B:102")]


def test_the_unit_filter_and_the_search(qtbot: Any, problems_db: AppContext) -> None:
    view = make_view(qtbot, problems_db)
    assert [view.unit_combo.itemData(i) for i in range(view.unit_combo.count())] == [
        None, "U1", "U2"]
    view.unit_combo.setCurrentIndex(view.unit_combo.findData("U2"))
    assert {p.unit for p in view.shown_problems()} == {"U2"}
    assert list(tree(view)) == ["U2 — Unit two"]
    view.unit_combo.setCurrentIndex(0)
    view.filter_edit.setText("benzen")
    view.apply_filter()
    assert [p.code for p in view.shown_problems()] == [CheckCode.EXPOSURE_MISSING]
    view.filter_edit.setText("cabinet scanlaf")   # the words of the title and the subject
    view.apply_filter()
    assert [p.code for p in view.shown_problems()] == [
        CheckCode.CABINET_CERTIFICATION_OVERDUE]


def test_the_detail_says_what_to_do_and_where(qtbot: Any, problems_db: AppContext) -> None:
    view = make_view(qtbot, problems_db)
    select_code(view, CheckCode.SOURCE_NOT_NOTIFIED)
    detail = view.detail
    assert detail.title.text() == "Source not notified to DSA"
    assert detail.where.text() == "U1 — Unit one · Room B:101"
    assert "is notifiable and has no DSA source id" in detail.message.text()
    assert "Notify the source to DSA" in detail.todo.text()
    assert detail.go_button.text() == "Open the source in the radiation register"
    assert detail.go_button.isEnabled()
    # a room row: its problems counted, and the way to the room
    unit = view.tree.topLevelItem(1)
    assert unit is not None
    room = next(c for c in children(unit) if c.text(0) == "Room B:201")
    view.tree.setCurrentItem(room)
    assert "1 × No room card" in detail.message.text()
    assert detail.target == Target("room_screen", 3, 3)


def test_enter_and_the_button_go_to_the_target(qtbot: Any, problems_db: AppContext) -> None:
    went: list[Target] = []
    view = make_view(qtbot, problems_db, navigate=lambda t: went.append(t) or True)
    select_code(view, CheckCode.VACCINE_OFFER_MISSING)
    item = view.tree.currentItem()
    assert item is not None
    view.tree.itemActivated.emit(item, 0)           # Enter or a double-click
    view.detail.go_button.click()
    assert [t.kind for t in went] == ["bio_worker", "bio_worker"]
    assert went[0].id == 7


def test_the_as_of_date_runs_the_checks_for_that_day(qtbot: Any,
                                                     problems_db: AppContext) -> None:
    view = make_view(qtbot, problems_db)
    view.as_of.setDate(QDate(2026, 5, 1))       # the finding and the measure not yet due
    wait_checked(qtbot, view)
    assert CheckCode.ACTION_OVERDUE not in {p.code for p in view.shown_problems()}


def test_a_change_runs_the_checks_again(qtbot: Any, problems_db: AppContext) -> None:
    view = make_view(qtbot, problems_db)
    view.show()
    qtbot.waitExposed(view)
    before = view._checked_at
    with problems_db.conn:
        problems_db.conn.execute(
            "INSERT INTO room_responsibility (room_id, person_id, kind, valid_from)"
            " VALUES (3, 1, 'responsible', '2020-01-01')")
    problems_db.services.notifier.publish([Change(Topic.RESPONSIBILITIES)])
    qtbot.waitUntil(lambda: view._checked_at != before and not view.running, timeout=30_000)
    assert CheckCode.RESPONSIBLE_MISSING not in {p.code for p in view.shown_problems()}
    assert "11 problems" in view.status.text()


def test_a_change_while_hidden_waits_until_the_area_is_shown(
        qtbot: Any, problems_db: AppContext) -> None:
    view = make_view(qtbot, problems_db)
    before = view._checked_at
    problems_db.services.notifier.publish([Change(Topic.HOLDINGS)])
    assert view._stale and not view.running
    view.activated()
    wait_checked(qtbot, view)
    assert view._checked_at != before and not view._stale


def test_a_big_tree_fills_its_units_and_rooms_when_they_are_opened(
        qtbot: Any, problems_db: AppContext, monkeypatch: Any) -> None:
    from vernetool.ui.attention import view as module

    monkeypatch.setattr(module, "EXPAND_ALL_LIMIT", 2)
    monkeypatch.setattr(module, "EXPAND_UNITS_LIMIT", 1)
    view = make_view(qtbot, problems_db)
    units = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    assert [(u.text(0), u.text(1), u.childCount(), u.isExpanded())
            for u in units if u is not None] == [
        ("U1 — Unit one", "7 problems", 0, False), ("U2 — Unit two", "5 problems", 0, False)]
    u2 = units[1]
    assert u2 is not None
    u2.setExpanded(True)                                    # the person opens it
    assert [c.text(0) for c in children(u2)] == ["No HSE round this year", "Room B:201"]
    room = children(u2)[1]
    assert room.childCount() == 0 and room.text(1) == "4 problems"
    room.setExpanded(True)
    assert room.childCount() == 4
    # a problem in a unit not opened yet is found and shown
    select_code(view, CheckCode.SOURCE_NOT_NOTIFIED)
    assert view.detail.title.text() == "Source not notified to DSA"
    current = view.tree.currentItem()
    assert current is not None and current.parent() is not None
    assert current.parent().text(0) == "Room B:101"
    # kept across a new run of the checks
    view.check()
    wait_checked(qtbot, view)
    assert view.detail.title.text() == "Source not notified to DSA"
