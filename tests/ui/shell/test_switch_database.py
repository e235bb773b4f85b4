"""Opening another database never loses an edit still on its way into the old one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from tests.ui.round_helpers import make_round
from vernetool.app import Application
from vernetool.db.migrations import open_store
from vernetool.db.rounds import rounds
from vernetool.settings import Settings
from vernetool.ui.rounds.walk.view import RoundWalkView


def test_a_comment_being_typed_is_saved_before_switching_database(
        qtbot: Any, tmp_path: Path, settings: Settings) -> None:
    first = tmp_path / "first.sqlite"
    conn = open_store(first)
    setup = make_round(conn)
    conn.close()
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    settings.set("last_area", "rounds")
    app = Application(qapp, settings, "en")
    try:
        assert app.open(first)
        assert app.window is not None
        page = app.window.show_area("rounds")
        page.open_walk(setup.round_id)  # type: ignore[attr-defined]
        walk = page.findChild(RoundWalkView)
        assert walk is not None and walk.room is not None
        room_id, item_id = walk.room.id, walk.rows[0].item.id
        walk.edit_comment()
        qtbot.keyClicks(walk.comment, "Lekkasje under vasken")  # its save is still pending
        assert app.open(tmp_path / "second.sqlite")
    finally:
        if app.window is not None:
            app.window.close()
            app.window.deleteLater()
        if app.ctx is not None:
            app.ctx.close()
        app.apply_language("en")
    check = open_store(first)
    try:
        assert rounds.answers_for_room(check, room_id)[item_id].comment == "Lekkasje under vasken"
    finally:
        check.close()
