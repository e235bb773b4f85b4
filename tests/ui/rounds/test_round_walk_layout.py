"""The walk on a small laptop screen: the checklist keeps most of the height even when the
room has earlier findings to re-check and photos."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QStyle

from tests.ui.round_helpers import make_round
from vernetool.context import AppContext
from vernetool.db.rounds import findings, rounds
from vernetool.domain.rounds import Finding, RoundPlan, Severity
from vernetool.ui.rounds.photo_strip import THUMB
from vernetool.ui.rounds.walk.view import RoundWalkView

TODAY = dt.date(2027, 3, 2)


def _walk_with_rechecks_and_photos(qtbot, ctx: AppContext, tmp_path: Path,  # type: ignore[no-untyped-def]
                                   size: tuple[int, int], photos: int) -> RoundWalkView:
    setup = make_round(ctx.conn)
    first = rounds.round_rooms(ctx.conn, setup.round_id)[0]
    for text in ("Brannslukker mangler", "Skittent vindu", "Kabler over gulvet"):
        findings.save_finding(ctx.conn, Finding(text, Severity.HIGH, action="Rydd",
                                                deadline=dt.date(2026, 6, 1),
                                                round_room_id=first.id), "test")
    plan = RoundPlan("HMS-runde 2027", dt.date(2027, 3, 1), "IKJ", room_ids=setup.room_ids)
    new_round = rounds.create_round(ctx.conn, plan, "test",
                                    default_template={"office": setup.template_id})
    view = RoundWalkView(ctx, new_round, today=TODAY)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    pictures = []
    for n in range(photos):
        image = QImage(120, 90, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv(n * 25 % 360, 200, 200))
        path = tmp_path / f"p{n}.png"
        assert image.save(str(path))
        pictures.append(path)
    assert view.add_photo_files(pictures) == photos
    view.notice.hide()
    QApplication.processEvents()
    return view


def test_small_laptop_keeps_most_of_the_height_for_the_checklist(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _walk_with_rechecks_and_photos(qtbot, ctx, tmp_path, (1024, 640), photos=3)
    assert len(view.carried_cards) == 3 and view.photos.count() == 3
    assert view.carried_panel.isVisible() and "3 earlier findings to re-check" in \
        view.carried_toggle.text()
    # short screen: the re-check panel starts as its count line, the photos as one row
    assert not view.carried_scroll.isVisible()
    assert view.photos.height() <= THUMB + 14 + view.photos.style().pixelMetric(
        QStyle.PixelMetric.PM_ScrollBarExtent)
    assert view.checklist.viewport().height() >= 0.55 * view.height()


def test_recheck_panel_opens_compact_and_by_keyboard(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _walk_with_rechecks_and_photos(qtbot, ctx, tmp_path, (1024, 640), photos=12)
    view.activateWindow()
    view.checklist.setFocus()
    qtbot.keyClick(view.checklist, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert view.carried_scroll.isVisible()
    assert view.carried_cards[0].note.hasFocus()
    # one line per finding, the panel as high as its lines: no blank band under the last
    line = view.carried_cards[0].height()
    assert all(card.height() <= line for card in view.carried_cards)
    assert line < 2.2 * view.carried_cards[0].fontMetrics().height() + 16
    assert view.carried_scroll.height() <= 3 * line + 2 * 3
    assert view.carried_scroll.widget().height() <= 3 * line + 2 * 3
    # even open, the checklist keeps the larger part of the room pane
    assert view.checklist.viewport().height() >= 0.4 * view.height()
    view.carried_cards[1].keep_button.click()
    assert "2 earlier findings to re-check" in view.carried_toggle.text()
    qtbot.keyClick(view.checklist, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert view.carried_scroll.isHidden() and view.checklist.hasFocus()


def test_tall_screen_shows_the_findings_to_re_check_open(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _walk_with_rechecks_and_photos(qtbot, ctx, tmp_path, (1400, 900), photos=1)
    assert view.carried_scroll.isVisible()
    assert view.checklist.viewport().height() >= 0.55 * view.height()


def test_a_long_value_label_leaves_room_for_the_comment_on_a_small_laptop(
        qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Trial (issue 7): at 1024×600 "Anslått mengde brannfarlig væske (liter):" squeezed the
    comment field of the walk to a few letters; the label now gives way, with an ellipsis."""
    setup = make_round(ctx.conn)
    view = RoundWalkView(ctx, setup.round_id, today=TODAY)
    qtbot.addWidget(view)
    view.resize(850, 520)   # the area's size in a 1024×600 window
    view.show()
    qtbot.waitExposed(view)
    index = next(n for n, row in enumerate(view.rows) if row.has_value)
    view.set_current(index)
    editor = view.editor
    long_label = "Anslått mengde brannfarlig væske i rommet, kategori 1 og 2 (liter):"
    editor.value_label.setText(long_label)
    qtbot.wait(20)
    assert editor.value.isVisible()
    assert editor.comment.width() >= 200
    # the whole label can be read: shown whole (the value moved under the comment), or
    # drawn ending in "…" with the whole text in its tooltip
    assert not editor.value_label.is_elided() or editor.value_label.toolTip() == long_label
    view.resize(1800, 700)   # a wide screen shows it whole
    qtbot.waitUntil(lambda: not editor.value_label.is_elided())
