"""Structure edits of the editor's working copy, without Qt: where a change lands and what
is selected next."""

from __future__ import annotations

from vernetool.domain.checklists import Item, Section, Template
from vernetool.ui.checklists import draft


def _template() -> Template:
    return Template(key="lab", name_nb="Lab", name_en="Lab", sections=[
        Section("A", "A", [Item("lab.1", "a1", "a1"), Item("lab.2", "a2", "a2")]),
        Section("B", "B", [Item("lab.3", "b1", "b1")]),
    ])


def test_add_section_after_the_selected_one_or_last() -> None:
    t = _template()
    assert draft.add_section(t, (0, 1)) == (1,)
    assert [s.title_en for s in t.sections] == ["A", "New section", "B"]
    assert draft.add_section(t, ()) == (3,)


def test_add_item_after_the_item_or_last_in_the_section_with_a_free_code() -> None:
    t = _template()
    assert draft.add_item(t, (0, 0)) == (0, 1)
    assert t.sections[0].items[1].code == "lab.4"
    assert draft.add_item(t, (1,)) == (1, 1)
    assert draft.add_item(t, ()) == (0, 3)
    assert len({i.code for i in t.items()}) == 6
    assert draft.add_item(Template(key="x", name_nb="x", name_en="x"), ()) is None


def test_remove_selects_the_neighbour() -> None:
    t = _template()
    assert draft.remove(t, (0, 1)) == (0, 0)
    assert draft.remove(t, (0, 0)) == (0,)
    assert draft.remove(t, (1,)) == (0,)
    assert draft.remove(t, (0,)) == ()
    assert t.sections == []


def test_move_within_bounds_only() -> None:
    t = _template()
    assert draft.move(t, (0, 0), 1) == (0, 1)
    assert [i.code for i in t.sections[0].items] == ["lab.2", "lab.1"]
    assert draft.move(t, (0, 1), 1) is None
    assert draft.move(t, (1,), -1) == (0,)
    assert [s.title_en for s in t.sections] == ["B", "A"]
    assert draft.move(t, (), 1) is None
    assert draft.can_move_down(t, (0,)) and not draft.can_move_down(t, (1,))
    assert not draft.can_move_down(t, (1, 1)) and draft.can_move_down(t, (1, 0))
