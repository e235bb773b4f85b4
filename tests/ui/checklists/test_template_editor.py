"""The checklist template editor: edit, save as a new version, structure changes, JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from vernetool.context import AppContext
from vernetool.db import templates as store
from vernetool.domain.checklists import ValueKind
from vernetool.domain.organisation import RoomType
from vernetool.ui.checklists.editor import TemplateEditorView


def _editor(qtbot: QtBot, ctx: AppContext, key: str = "office") -> TemplateEditorView:
    view = TemplateEditorView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    keys = [view.templates.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(view.templates.count())]
    assert keys == list(store.BUILTIN_KEYS)  # AppContext.open installed the built-ins
    view.templates.setCurrentRow(keys.index(key))
    return view


def _select(view: TemplateEditorView, node: tuple[int, ...]) -> None:
    current = view.tree.topLevelItem(0)
    for index in node:
        current = current.child(index)
    view.tree.setCurrentItem(current)


def test_edit_an_item_and_save_makes_a_new_version(qtbot: QtBot, ctx: AppContext) -> None:
    view = _editor(qtbot, ctx)
    assert view.draft is not None and view.draft.key == "office" and view.draft.version == 1
    v1_id = view.base_id
    _select(view, (0, 0))
    form = view.item_form
    assert view.forms.currentWidget() is form
    assert not view.save_button.isEnabled()
    form.text_en.selectAll()
    qtbot.keyClicks(form.text_en, "The desk can be raised and lowered")
    form.value_kind.setCurrentIndex(form.value_kind.findData("number"))
    form.value_label_nb.setText("Bordhøyde (cm)")
    form.value_label_nb.textEdited.emit("Bordhøyde (cm)")
    form.value_label_en.setText("Desk height (cm)")
    form.value_label_en.textEdited.emit("Desk height (cm)")
    form.room_types.boxes[RoomType.OFFICE].setChecked(True)
    form.condition_code.setText("!shared")
    form.condition_code.textEdited.emit("!shared")
    assert view.dirty and view.save_button.isEnabled()
    assert "The desk can be raised" in view.tree.currentItem().text(0)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not view.dirty
    versions = store.template_versions(ctx.conn, "office")
    assert [v.version for v in versions] == [2, 1] and not versions[0].builtin
    saved = store.get_template(ctx.conn, versions[0].id)
    assert saved is not None
    item = saved.sections[0].items[0]
    assert item.text_en == "The desk can be raised and lowered"
    assert item.value_kind == ValueKind.NUMBER and item.value_label_en == "Desk height (cm)"
    assert item.room_types == {RoomType.OFFICE} and item.condition == "!shared"
    old = store.get_template(ctx.conn, v1_id or 0)
    assert old is not None and old.sections[0].items[0].text_en != item.text_en
    assert view.base_id == versions[0].id and view.versions.currentText() == "2"
    assert "2" in view.save_note.text()


def test_invalid_edit_is_refused_with_a_message_naming_the_item(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    view = _editor(qtbot, ctx)
    _select(view, (0, 1))
    view.item_form.text_nb.clear()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert view.save() is False
    assert shown and "office.ergo.chair" in shown[0] and "Norwegian text" in shown[0]
    assert len(store.template_versions(ctx.conn, "office")) == 1
    view.discard()
    assert not view.dirty and view.draft is not None
    assert view.draft.sections[0].items[1].text_nb


def test_structure_add_move_remove_with_the_keyboard(qtbot: QtBot, ctx: AppContext) -> None:
    view = _editor(qtbot, ctx, "workshop")
    assert view.draft is not None
    first_section = len(view.draft.sections[0].items)
    _select(view, (0, 0))
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Insert)
    assert view.current_node() == (0, 1)
    assert len(view.draft.sections[0].items) == first_section + 1
    new = view.draft.sections[0].items[1]
    assert new.code.startswith("workshop.")
    qtbot.keyClicks(view.item_form.text_nb, "Nytt punkt")
    qtbot.keyClicks(view.item_form.text_en, "New item")
    _select(view, (0, 1))
    qtbot.keyClick(view.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert view.current_node() == (0, 0)
    assert view.draft.sections[0].items[0].text_en == "New item"
    qtbot.keyClick(view.tree, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_node() == (1,)
    assert view.draft.sections[1].title_en == "New section"
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Delete)  # an empty section goes without a question
    assert view.draft.sections[1].title_en != "New section"
    assert view.save()
    saved = store.get_template(ctx.conn, view.base_id or 0)
    assert saved is not None and saved.version == 2
    assert saved.sections[0].items[0].text_nb == "Nytt punkt"


def test_export_and_import_json(qtbot: QtBot, ctx: AppContext, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    view = _editor(qtbot, ctx, "psychosocial")
    out = tmp_path / "psy.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.export_file()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["template"]["key"] == "psychosocial"
    data["template"]["key"] = "psy-unit"
    data["template"]["name_en"] = "Our psychosocial checklist"
    out.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    view.import_file()
    assert view.draft is not None and view.draft.key == "psy-unit"
    assert view.templates.currentItem().data(Qt.ItemDataRole.UserRole) == "psy-unit"
    assert "psy-unit" in view.save_note.text()


def test_retire_and_restore(qtbot: QtBot, ctx: AppContext,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    view = _editor(qtbot, ctx, "workshop")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    view.retire_or_restore()
    assert "workshop" not in {s.key for s in store.latest_templates(ctx.conn)}
    view.show_retired.setChecked(True)
    keys = [view.templates.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(view.templates.count())]
    view.templates.setCurrentRow(keys.index("workshop"))
    assert view.draft is not None and view.draft.retired
    view.retire_or_restore()
    assert "workshop" in {s.key for s in store.latest_templates(ctx.conn)}


def test_a_checklist_saved_elsewhere_appears_without_losing_unsaved_edits(
        qtbot: QtBot, ctx: AppContext) -> None:
    view = _editor(qtbot, ctx, "office")
    _select(view, (0, 0))
    view.item_form.text_en.selectAll()
    qtbot.keyClicks(view.item_form.text_en, "Edited here")
    assert view.dirty
    imported = store.get_template(ctx.conn, store.latest_template_id(ctx.conn, "workshop") or 0)
    assert imported is not None
    ctx.services.checklists.save_version(replace(imported, key="workshop-b", name_en="Shop B"))
    keys = [view.templates.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(view.templates.count())]
    assert "workshop-b" in keys  # the list shows it at once
    assert view.dirty and view.draft is not None and view.draft.key == "office"
    assert view.draft.sections[0].items[0].text_en == "Edited here"


def test_a_version_being_viewed_stays_open_when_another_is_saved(
        qtbot: QtBot, ctx: AppContext) -> None:
    view = _editor(qtbot, ctx, "office")
    v1 = view.base_id
    assert v1 is not None
    template = store.get_template(ctx.conn, v1)
    assert template is not None
    ctx.services.checklists.save_version(replace(template, name_en="Office v2"))
    assert view.base_id == v1 and not view.dirty  # still on the version the user was viewing
    assert [view.versions.itemText(i) for i in range(view.versions.count())] == ["2", "1"]


def test_the_version_facts_show_the_date_as_the_language_writes_it(qtbot: QtBot,
                                                                   ctx: AppContext) -> None:
    """Trial (issue 7): the Bokmål editor said "opprettet 2026-12-02" while every other
    date in the UI reads 02.12.2026."""
    import datetime as dt
    import re

    from vernetool import i18n

    i18n.set_language("nb")
    try:
        view = _editor(qtbot, ctx)
        facts = view.pane.version_info.text()
    finally:
        i18n.set_language("en")
    assert "innebygd" in facts
    assert re.search(r"opprettet \d\d\.\d\d\.\d{4}$", facts), facts
    view.templates.setCurrentRow(1)
    view.templates.setCurrentRow(0)
    day = re.search(r"created (\S+)$", view.pane.version_info.text())
    assert day and dt.date.fromisoformat(day.group(1))
