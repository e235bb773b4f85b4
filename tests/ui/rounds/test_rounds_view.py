"""The rounds area: the list, opening the walk with Enter, status changes, the report."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.ui.round_helpers import make_round
from vernetool.db.rounds import rounds
from vernetool.domain.rounds import RoundStatus
from vernetool.i18n import set_language
from vernetool.ui.rounds.rounds_view import RoundsView


def make_view(qtbot, ctx) -> RoundsView:  # type: ignore[no-untyped-def]
    view = RoundsView(ctx, today=dt.date(2026, 3, 2))
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    return view


def test_list_walk_and_back(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=2)
    view = make_view(qtbot, ctx)
    assert view.model.rowCount() == 1
    assert view.model.index(0, 3).data() == "Planned"
    assert view.model.index(0, 4).data() == "0 of 2"
    assert view.walk_button.text() == "Start the &walk"
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.stack.currentWidget() is view.walk
    qtbot.keyClick(view.walk.checklist, Qt.Key.Key_1)
    view.walk.back.click()
    assert view.stack.currentWidget() is view.list_page
    assert view.model.index(0, 3).data() == "In progress"
    assert view.selected_round_id() == setup.round_id
    view.walk.action_plan_requested.emit(setup.round_id)
    assert view.stack.currentWidget() is view.plan


def test_status_changes_are_persisted(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=1)
    view = make_view(qtbot, ctx)
    assert not view.complete_action.isEnabled()
    assert not view.change_status(RoundStatus.COMPLETED)  # planned → completed is refused
    assert "cannot" in view.notice.text()
    rounds.set_status(ctx.conn, setup.round_id, RoundStatus.IN_PROGRESS, "t")
    view.refresh()
    assert view.complete_action.isEnabled()
    assert not view.change_status(RoundStatus.COMPLETED)  # items not answered: asked first
    box = view.completion_box
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Complete anyway").click()
    assert rounds.get_round(ctx.conn, setup.round_id).status is RoundStatus.COMPLETED
    view.refresh()
    assert view.reported_action.isEnabled()
    assert view.change_status(RoundStatus.REPORTED)
    assert rounds.get_round(ctx.conn, setup.round_id).status is RoundStatus.REPORTED
    assert not view.edit_button.isEnabled()


def test_report_pdf_is_written_off_the_gui_thread(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_round(ctx.conn, rooms=2)
    view = make_view(qtbot, ctx)
    out = tmp_path / "runde.pdf"
    view.write_report(out=out)
    assert view.runner is not None
    with qtbot.waitSignal(view.runner.finished, timeout=20000):
        pass
    assert out.read_bytes().startswith(b"%PDF")
    assert "runde.pdf" in view.notice.text()


def test_norwegian_labels(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    make_round(ctx.conn, rooms=1)
    set_language("nb")
    try:
        view = make_view(qtbot, ctx)
        assert view.model.index(0, 3).data() == "Planlagt"
        assert view.model.headerData(5, Qt.Orientation.Horizontal) == "Åpne funn"
    finally:
        set_language("en")


def test_bundle_export_and_merge_list_conflicts(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    setup = make_round(ctx.conn, rooms=1)
    room = rounds.round_rooms(ctx.conn, setup.round_id)[0]
    item_id = ctx.conn.execute("SELECT min(i.id) FROM checklist_item i JOIN checklist_section s "
                               "ON s.id = i.section_id WHERE s.template_id = ?",
                               (setup.template_id,)).fetchone()[0]
    rounds.save_answer(ctx.conn, room.id, item_id, "Ola", answer="ok", comment="ryddig")
    view = make_view(qtbot, ctx)
    assert view.bundle_button is not None
    out = tmp_path / "runde.zip"
    view.export_bundle(out=out)
    with qtbot.waitSignal(view.runner.finished, timeout=20000):  # type: ignore[union-attr]
        pass
    assert out.is_file() and "runde.zip" in view.notice.text()
    # edited here after the export: merging the older bundle keeps this edit and lists it
    rounds.save_answer(ctx.conn, room.id, item_id, "Kari", answer="improve", comment="støv")
    view.merge_bundle(out)
    with qtbot.waitSignal(view.runner.finished, timeout=20000):  # type: ignore[union-attr]
        pass
    assert rounds.answers_for_room(ctx.conn, room.id)[item_id].answer == "improve"
    assert "merged" in view.notice.text()
    assert "1 conflicting" in view.notice.text()
    details = view.merge_box.detailedText()
    assert "Answer in KJ:101" in details and "ryddig" in details
