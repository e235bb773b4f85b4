"""The walk view: one key per answer, committed at once; findings, comments, photos, resume."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QLabel

from tests.ui.round_helpers import make_round
from vernetool.context import AppContext
from vernetool.db.migrations import open_store
from vernetool.db.rounds import findings, rounds
from vernetool.domain.rounds import Finding, RoundPlan, RoundStatus, Severity, VisitStatus
from vernetool.ui.rounds.walk.view import RoundWalkView

TODAY = dt.date(2026, 3, 2)


def fresh_answers(db_path: Path, round_room_id: int) -> dict[int, rounds.AnswerRecord]:
    other = open_store(db_path)
    try:
        return rounds.answers_for_room(other, round_room_id)
    finally:
        other.close()


@pytest.fixture
def setup(ctx: AppContext):  # type: ignore[no-untyped-def]
    return make_round(ctx.conn)


def make_view(qtbot, ctx: AppContext, round_id: int) -> RoundWalkView:  # type: ignore[no-untyped-def]
    view = RoundWalkView(ctx, round_id, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    return view


def test_keys_answer_advance_and_commit_at_once(qtbot, ctx, setup, db_path) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, ctx, setup.round_id)
    room = view.room
    assert room is not None and view.current_row == 0
    assert "0 of 3 rooms done · 0 of 12 items answered" in view.progress_label.text()
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert view.current_row == 1
    qtbot.keyClick(view.checklist, Qt.Key.Key_3)
    assert view.current_row == 2
    answers = fresh_answers(db_path, room.id)
    by_code = {view.rows[i].item.id: view.rows[i].item.code for i in range(4)}
    stored = {by_code[k]: v.answer for k, v in answers.items()}
    assert stored == {"t.1": "ok", "t.2": "not_relevant"}
    assert "2 of 12 items answered" in view.progress_label.text()
    assert view.rows[0].buttons["ok"].isChecked()
    assert rounds.get_round(ctx.conn, setup.round_id).status is RoundStatus.IN_PROGRESS
    # arrows move without answering, Enter goes on
    qtbot.keyClick(view.checklist, Qt.Key.Key_Up)
    assert view.current_row == 1
    qtbot.keyClick(view.checklist, Qt.Key.Key_Return)
    assert view.current_row == 2


def test_key_2_opens_a_finding_to_describe_and_saving_creates_it(qtbot, ctx, setup,  # type: ignore[no-untyped-def]
                                                                  db_path) -> None:
    view = make_view(qtbot, ctx, setup.round_id)
    view.comment.setText("Kabler over gulvet")  # the item editor edits the current row
    view.flush()
    qtbot.keyClick(view.checklist, Qt.Key.Key_2)
    dialog = view.finding_dialog
    assert dialog is not None and dialog.isVisible()
    # what was found is the walker's to write: not the statement of how things should be
    assert dialog.description.toPlainText() == ""
    assert dialog.focusWidget() is dialog.description
    heading = dialog.heading.text()
    assert "The room is tidy" in heading or "Rommet er ryddig" in heading  # the checkpoint
    assert "Kabler over gulvet" in heading  # and the comment, to write from
    dialog.accept()  # required: nothing is saved without a description
    assert view.finding_dialog is dialog and not findings.findings_for_round(
        ctx.conn, setup.round_id)
    dialog.description.setPlainText("Skjøteledninger ligger løst over gangveien")
    assert dialog.responsible.person_id() == setup.person_id
    assert dialog.selected_deadline() == TODAY + dt.timedelta(days=30)
    dialog.action.setPlainText("Legg kablene i kabelkanal")
    dialog.set_severity(Severity.HIGH)
    dialog.accept()
    assert view.finding_dialog is None
    saved = findings.findings_for_round(ctx.conn, setup.round_id)
    assert len(saved) == 1
    f = saved[0]
    assert f.description == "Skjøteledninger ligger løst over gangveien"
    assert f.action == "Legg kablene i kabelkanal" and f.severity is Severity.HIGH
    assert f.responsible_name == "Kari Nordmann" and f.item_id == view.rows[0].item.id
    assert view.current_row == 1  # moved on after the finding
    assert view.rows[0].finding is not None and not view.rows[0].finding_label.isHidden()
    answers = fresh_answers(db_path, view.room.id)  # type: ignore[union-attr]
    assert answers[view.rows[0].item.id].answer == "improve"  # type: ignore[index]


def test_comment_and_value_are_stored(qtbot, ctx, setup, db_path) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, ctx, setup.round_id)
    view.checklist.setFocus()
    view.edit_comment()
    row = view.rows[0]
    assert view.focusWidget() is view.comment and view.editor.row is row
    qtbot.keyClicks(view.comment, "Støv på hyllene")
    # the typing pause commits it, without leaving the field
    qtbot.waitUntil(lambda: fresh_answers(db_path, view.room.id).get(  # type: ignore[union-attr]
        row.item.id) is not None, timeout=3000)
    assert fresh_answers(db_path, view.room.id)[row.item.id].comment == "Støv på hyllene"  # type: ignore[union-attr,index]
    assert fresh_answers(db_path, view.room.id)[row.item.id].answer is None  # type: ignore[union-attr,index]
    # Down in the field moves to the next item
    assert row.comment_text == "Støv på hyllene" and "Støv på hyllene" in row.note.text()
    qtbot.keyClick(view.comment, Qt.Key.Key_Down)
    assert view.current_row == 1 and view.focusWidget() is view.checklist
    assert view.comment.text() == "" and view.value.isHidden()
    view.set_current(2)
    value_row = view.rows[2]
    assert not view.value.isHidden() and view.editor.row is value_row
    view.value.setText("21,5")
    view.flush()
    assert fresh_answers(db_path, view.room.id)[value_row.item.id].value_number == 21.5  # type: ignore[union-attr,index]
    assert "21,5" in value_row.note.text()
    view.value.setText("varm")
    view.flush()
    assert "number" in view.notice.text()
    assert fresh_answers(db_path, view.room.id)[value_row.item.id].value_number == 21.5  # type: ignore[union-attr,index]


def test_room_done_moves_on_and_reopening_resumes(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, ctx, setup.round_id)
    first = view.room
    for _ in range(4):
        qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    view.room_done()
    assert view.room_index == 1
    assert "1 of 3 rooms done · 4 of 12 items answered" in view.progress_label.text()
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    stored = rounds.round_rooms(ctx.conn, setup.round_id)
    assert stored[0].status is VisitStatus.DONE and stored[0].id == first.id  # type: ignore[union-attr]
    view.close()
    again = make_view(qtbot, ctx, setup.round_id)
    assert again.room_index == 1 and again.current_row == 2
    assert "1 of 3 rooms done · 6 of 12 items answered" in again.progress_label.text()
    again.go_room(2)
    assert again.room_index == 2


def test_carried_findings_are_shown_and_recheck_closes_them(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    first_room = rounds.round_rooms(ctx.conn, setup.round_id)[0]
    old = Finding("Brannslukker mangler", Severity.HIGH, action="Skaff slukker",
                  deadline=dt.date(2026, 1, 1), round_room_id=first_room.id)
    old_id = findings.save_finding(ctx.conn, old, "test")
    kept = Finding("Skittent vindu", round_room_id=first_room.id)
    kept_id = findings.save_finding(ctx.conn, kept, "test")
    plan = RoundPlan("HMS-runde 2027", dt.date(2027, 3, 1), "IKJ",
                     room_ids=setup.room_ids)
    new_round = rounds.create_round(ctx.conn, plan, "test",
                                    default_template={"office": setup.template_id})
    view = make_view(qtbot, ctx, new_round)
    assert not view.carried_box.isHidden()
    assert len(view.carried_cards) == 2
    card = next(c for c in view.carried_cards if c.finding.id == old_id)
    assert "OVERDUE" in card.findChildren(QLabel)[1].text()
    card.note.setText("Slukker montert")
    card.close_button.click()
    assert findings.get_finding(ctx.conn, old_id).status.value == "closed"
    checks = findings.rechecks_for_round(ctx.conn, new_round)
    assert checks[old_id].note == "Slukker montert"
    card = next(c for c in view.carried_cards if c.finding.id == kept_id)
    card.keep_button.click()
    assert findings.get_finding(ctx.conn, kept_id).status.value == "open"
    assert findings.rechecks_for_round(ctx.conn, new_round)[kept_id].outcome.value == "kept"
    closed_card = next(c for c in view.carried_cards if c.finding.id == old_id)
    assert not closed_card.outcome.isHidden()
    assert "Closed" in closed_card.outcome.text()


def _png(path: Path, colour: str = "#3070b0") -> Path:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def test_dropping_an_image_stores_it_and_shows_a_thumbnail(qtbot, ctx, setup,  # type: ignore[no-untyped-def]
                                                          tmp_path) -> None:
    view = make_view(qtbot, ctx, setup.round_id)
    picture = _png(tmp_path / "lekkasje.png")
    not_picture = tmp_path / "notes.txt"
    not_picture.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture)), QUrl.fromLocalFile(str(not_picture))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(view.room_pane.files_dropped):
        view.room_pane.dropEvent(event)
    photos = findings.photos_for_room(ctx.conn, view.room.id)  # type: ignore[union-attr]
    assert len(photos) == 1
    sha = photos[0].sha256
    stored = ctx.data_dir / "attachments" / sha[:2] / f"{sha}.png"
    assert stored.is_file() and stored.read_bytes() == picture.read_bytes()
    assert photos[0].original_name == "lekkasje.png"
    assert view.photos.count() == 1
    assert not view.photos.item(0).icon().isNull()
    # the same picture again is stored once
    assert view.add_photo_files([picture]) == 1
    assert view.photos.count() == 1
    view.photos.setCurrentRow(0)
    view.remove_selected_photo()
    assert view.photos.count() == 0
    assert findings.photos_for_room(ctx.conn, view.room.id) == []  # type: ignore[union-attr]


def test_reported_round_is_read_only(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    for status in (RoundStatus.IN_PROGRESS, RoundStatus.COMPLETED, RoundStatus.REPORTED):
        rounds.set_status(ctx.conn, setup.round_id, status, "test")
    view = make_view(qtbot, ctx, setup.round_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert rounds.answers_for_room(ctx.conn, view.room.id) == {}  # type: ignore[union-attr]
    assert "reported" in view.notice.text()


def test_answers_survive_without_the_view(ctx, setup, db_path) -> None:  # type: ignore[no-untyped-def]
    room = rounds.round_rooms(ctx.conn, setup.round_id)[0]
    item_id = ctx.conn.execute("SELECT min(id) FROM checklist_item").fetchone()[0]
    rounds.save_answer(ctx.conn, room.id, item_id, "test", answer="ok")
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT answer FROM round_answer").fetchone()[0] == "ok"
    other.close()


def test_first_answer_shows_the_round_in_progress(qtbot, ctx, setup) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, ctx, setup.round_id)
    assert "Planned" in view.subtitle.text()
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert "In progress" in view.subtitle.text()
