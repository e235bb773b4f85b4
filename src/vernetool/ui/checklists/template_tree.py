"""The Checklists area's section/item tree: show the working copy, change its structure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from vernetool.domain.checklists import Item, Section
from vernetool.i18n import language, tr
from vernetool.ui.checklists.forms import condition_text
from vernetool.ui.common.labels import room_type_label

Node = tuple[int, ...]   # () the template, (s,) a section, (s, i) an item
ROLE = Qt.ItemDataRole.UserRole


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class TemplateTreeMixin:
    """The tree of sections and items of TemplateEditorView (uses its attributes)."""

    def _rebuild_tree(self, select: Node) -> None:
        self._loading = True
        self.tree.clear()
        draft = self.draft
        if draft is None:
            self._loading = False
            self.heading.setText(tr("No checklist chosen"))
            self.forms.setEnabled(False)
            return
        self.forms.setEnabled(True)
        lang = language()
        root = QTreeWidgetItem([draft.name(lang) or draft.key, ""])
        root.setData(0, ROLE, ())
        font = root.font(0)
        font.setBold(True)
        root.setFont(0, font)
        self.tree.addTopLevelItem(root)
        wanted: QTreeWidgetItem = root
        for s_index, section in enumerate(draft.sections):
            s_node = QTreeWidgetItem(root, [self._section_text(section), ""])
            s_node.setData(0, ROLE, (s_index,))
            s_node.setFont(0, font)
            if select == (s_index,):
                wanted = s_node
            for i_index, item in enumerate(section.items):
                i_node = QTreeWidgetItem(s_node, list(self._item_texts(item)))
                i_node.setToolTip(0, item.text(lang))
                i_node.setToolTip(1, condition_text(item.condition))
                i_node.setData(0, ROLE, (s_index, i_index))
                if select == (s_index, i_index):
                    wanted = i_node
        self.tree.expandAll()
        self._loading = False
        self.tree.setCurrentItem(wanted)
        self._node_chosen(wanted, None)
        self.heading.setText(draft.name(lang) or draft.key)

    def _section_text(self, section: Section) -> str:
        title = section.title(language()) or tr("(untitled section)")
        return f"{title} ({len(section.items)})"

    def _item_texts(self, item: Item) -> tuple[str, str]:
        text = _short(item.text(language())) or tr("(no question yet)")
        applies = item.condition
        if item.room_types:
            types = ", ".join(room_type_label(t) for t in sorted(item.room_types))
            applies = f"{applies} · {types}" if applies else types
        return text, applies

    def current_node(self) -> Node | None:
        current = self.tree.currentItem()
        if current is None:
            return None
        return tuple(current.data(0, ROLE))

    def _node_chosen(self, current: QTreeWidgetItem | None,
                     _previous: QTreeWidgetItem | None) -> None:
        if self._loading or self.draft is None or current is None:
            return
        node: Node = tuple(current.data(0, ROLE))
        if not node:
            self.template_form.load(self.draft)
            self.forms.setCurrentWidget(self.template_form)
        elif len(node) == 1:
            self.section_form.load(self.draft.sections[node[0]])
            self.forms.setCurrentWidget(self.section_form)
        else:
            self.item_form.load(self.draft.sections[node[0]].items[node[1]])
            self.forms.setCurrentWidget(self.item_form)
        self._update_state()

    def _edited(self) -> None:
        """A field changed the working copy: show it in the tree."""
        self.dirty = True
        current = self.tree.currentItem()
        node = self.current_node()
        if current is not None and node is not None and self.draft is not None:
            if not node:
                current.setText(0, self.draft.name(language()) or self.draft.key)
                self.heading.setText(current.text(0))
            elif len(node) == 1:
                current.setText(0, self._section_text(self.draft.sections[node[0]]))
            else:
                texts = self._item_texts(self.draft.sections[node[0]].items[node[1]])
                current.setText(0, texts[0])
                current.setText(1, texts[1])
        self._update_state()

    def _can_move_down(self, node: Node | None) -> bool:
        if not node or self.draft is None:
            return False
        if len(node) == 1:
            return node[0] < len(self.draft.sections) - 1
        return node[1] < len(self.draft.sections[node[0]].items) - 1

    def add_section(self) -> None:
        if self.draft is None:
            return
        node = self.current_node() or ()
        at = node[0] + 1 if node else len(self.draft.sections)
        self.draft.sections.insert(at, Section("Ny seksjon", "New section"))
        self.dirty = True
        self._rebuild_tree((at,))
        self.section_form.title_nb.setFocus()
        self.section_form.title_nb.selectAll()

    def add_item(self) -> None:
        if self.draft is None or not self.draft.sections:
            return
        node = self.current_node() or ()
        if not node:
            s_index, at = 0, len(self.draft.sections[0].items)
        elif len(node) == 1:
            s_index, at = node[0], len(self.draft.sections[node[0]].items)
        else:
            s_index, at = node[0], node[1] + 1
        self.draft.sections[s_index].items.insert(at, Item(self._new_code(), "", ""))
        self.dirty = True
        self._rebuild_tree((s_index, at))
        self.item_form.text_nb.setFocus()

    def _new_code(self) -> str:
        assert self.draft is not None
        used = {i.code for i in self.draft.items()}
        n = len(used) + 1
        while f"{self.draft.key}.{n}" in used:
            n += 1
        return f"{self.draft.key}.{n}"

    def remove_node(self) -> None:
        node = self.current_node()
        if self.draft is None or not node:
            return
        if len(node) == 1:
            section = self.draft.sections[node[0]]
            question = tr("Remove the section '{title}' and its {n} items?").format(
                title=section.title(language()), n=len(section.items))
            if section.items and not self._ask(tr("Remove section"), question):
                return
            del self.draft.sections[node[0]]
            select: Node = (min(node[0], len(self.draft.sections) - 1),) \
                if self.draft.sections else ()
        else:
            items = self.draft.sections[node[0]].items
            del items[node[1]]
            select = (node[0], min(node[1], len(items) - 1)) if items else (node[0],)
        self.dirty = True
        self._rebuild_tree(select)

    def move_node(self, delta: int) -> None:
        node = self.current_node()
        if self.draft is None or not node:
            return
        if len(node) == 1:
            rows: list[Section] | list[Item] = self.draft.sections
        else:
            rows = self.draft.sections[node[0]].items
        here, there = node[-1], node[-1] + delta
        if not 0 <= there < len(rows):
            return
        rows[here], rows[there] = rows[there], rows[here]  # type: ignore[assignment]
        self.dirty = True
        self._rebuild_tree((*node[:-1], there))
        self.tree.setFocus()

