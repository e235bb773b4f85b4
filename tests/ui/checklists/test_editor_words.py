"""The checklist editor shows conditions, keys and codes in words (issue 8, points 9 and 11):
the codes stay editable behind "Identifier and condition as text"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.domain.checklists import REGISTER_FACTS, Template, condition_holds, room_facts
from vernetool.domain.organisation import RoomCard
from vernetool.ui.checklists.editor import TemplateEditorView
from vernetool.ui.checklists.forms import condition_text


@pytest.fixture
def bokmal() -> Iterator[None]:
    i18n.set_language("nb")
    yield
    i18n.set_language("en")


def _node_of(template: Template, condition: str) -> tuple[int, int]:
    for s, section in enumerate(template.sections):
        for i, item in enumerate(section.items):
            if item.condition == condition:
                return s, i
    raise AssertionError(condition)


def _visible_texts(widget: QWidget) -> list[str]:
    texts = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in widget.findChildren(QLineEdit) if w.isVisible()]
    texts += [w.currentText() for w in widget.findChildren(QComboBox) if w.isVisible()]
    return texts


def _open(qtbot: QtBot, ctx: AppContext) -> TemplateEditorView:
    view = TemplateEditorView(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    keys = [view.templates.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(view.templates.count())]
    view.templates.setCurrentRow(keys.index("laboratory"))
    return view


def _select(view: TemplateEditorView, node: tuple[int, ...]) -> None:
    current = view.tree.topLevelItem(0)
    for index in node:
        current = current.child(index)
    view.tree.setCurrentItem(current)


def test_item_condition_and_code_are_shown_in_words(qtbot: QtBot, ctx: AppContext,
                                                    bokmal: None) -> None:
    view = _open(qtbot, ctx)
    assert view.draft is not None
    node = _node_of(view.draft, "toxic|pictogram:GHS06")
    item = view.draft.sections[node[0]].items[node[1]]
    _select(view, node)
    form = view.item_form
    shown = " ".join(_visible_texts(form))
    assert "pictogram:" not in shown and "toxic|" not in shown and item.code not in shown
    assert form.condition.currentText() == (
        "Giftige væsker eller Farepiktogram «Akutt giftig» (GHS06) på romkortet eller et "
            "produkt i bruk")
    assert form.condition_help.text().startswith("Spørres bare der rommet har: Giftige væsker")
    tree_row = view.tree.currentItem()
    assert "pictogram:" not in tree_row.text(1) and "Giftige væsker" in tree_row.text(1)
    # the template's key is not shown as a field either
    _select(view, ())
    assert "laboratory" not in " ".join(_visible_texts(view.template_form))
    assert "laboratory" in view.template_form.heading.toolTip()


def test_codes_stay_editable_behind_the_advanced_toggle(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx)
    assert view.draft is not None
    node = _node_of(view.draft, "gas")
    _select(view, node)
    form = view.item_form
    assert not form.code.isVisible() and not form.condition_code.isVisible()
    form.advanced_toggle.click()
    assert form.code.isVisible() and form.condition_code.text() == "gas"
    form.condition_code.setText("gas|!shared")
    form.condition_code.textEdited.emit("gas|!shared")
    item = view.draft.sections[node[0]].items[node[1]]
    assert item.condition == "gas|!shared" and view.dirty
    assert form.condition.currentText() == (
        "Pressurised gas (cylinders or central gas supply) or not: "
        "Shared with another organisation")
    # picking words in the list writes the expression
    index = form.condition.findData("laser")
    form.condition.setCurrentIndex(index)
    form.condition.activated.emit(index)
    assert item.condition == "laser" and form.condition_code.text() == "laser"


def test_register_facts_are_offered_in_words(qtbot: QtBot, ctx: AppContext) -> None:
    """Issue 11: the registers establish 'chemicals' and 'cmr' now; the editor offers them
    and no longer says they never hold."""
    view = _open(qtbot, ctx)
    offered = {view.item_form.condition.itemData(i)
               for i in range(view.item_form.condition.count())}
    assert set(REGISTER_FACTS) <= offered
    assert "never true" not in condition_text("cmr|pictogram:GHS08")
    assert "CMR products in use" in condition_text("cmr|pictogram:GHS08")
    assert not condition_holds("cmr", room_facts(RoomCard()))


def test_the_items_wrap_in_a_narrow_tree(qtbot: QtBot, ctx: AppContext) -> None:
    """At 1024x600 the tree pane is ~270 px: the items were cut to "The fume hood …" three
    times over (issue 8 trial). They wrap, and the row grows to hold the text."""
    view = _open(qtbot, ctx)
    view.resize(1000, 560)
    tree = view.tree
    tree.setFixedWidth(280)
    qtbot.waitExposed(view)
    qtbot.wait(50)
    section = tree.topLevelItem(0).child(1)
    fume = [section.child(i) for i in range(section.childCount())
            if section.child(i).text(0).startswith("The fume hood")]
    assert len(fume) >= 3
    line = tree.fontMetrics().lineSpacing()
    for row in fume:
        height = tree.visualItemRect(row).height()
        width = tree.columnWidth(0) - tree.indentation() * 2
        lines = -(-tree.fontMetrics().horizontalAdvance(row.text(0)) // max(width, 1))
        assert lines >= 2 and height >= 2 * line, (row.text(0), height, width)
