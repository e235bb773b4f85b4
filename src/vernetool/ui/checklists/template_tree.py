"""The Checklists area's tree of the working copy: the template, its sections and items."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from vernetool.i18n import language, tr
from vernetool.services.checklists.templates import Item, Section, Template
from vernetool.ui.checklists.draft import Node
from vernetool.ui.checklists.forms import condition_text
from vernetool.ui.common.labels import condition_label, room_type_label

ROLE = Qt.ItemDataRole.UserRole


def _short(text: str, limit: int = 70) -> str:  # three wrapped lines in a narrow pane
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def section_text(section: Section) -> str:
    title = section.title(language()) or tr("(untitled section)")
    return f"{title} ({len(section.items)})"


def item_texts(item: Item) -> tuple[str, str]:
    text = _short(item.text(language())) or tr("(no question yet)")
    applies = condition_label(item.condition)
    if item.room_types:
        types = ", ".join(room_type_label(t) for t in sorted(item.room_types))
        applies = f"{applies} · {types}" if applies else types
    return text, applies


def node_of(entry: QTreeWidgetItem) -> Node:
    return tuple(entry.data(0, ROLE))


class _WrappingDelegate(QStyledItemDelegate):
    """A row as high as its text wrapped in its column (QTreeView asks the delegate for a
    height without telling it the column's width, so ``setWordWrap`` alone wraps nothing)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = self.tree.columnWidth(index.column()) - 8
        if index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= depth * self.tree.indentation()
        if not text or width <= 20:
            return hint
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else self.tree.font())
        bound = metrics.boundingRect(QRect(0, 0, width, 100_000),
                                     int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), bound.height() + 4))


class TemplateTree(QTreeWidget):
    """Shows a template; ``show_template`` rebuilds it without reporting each new row."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("templateTree")
        self.setHeaderLabels([tr("Sections and items"), tr("Condition")])
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 150)
        header.setStretchLastSection(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # wrapped, not elided: at 1024 pixels the pane is ~270 wide, and three items read
        # "The fume hood …" (a row's height follows its text)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(_WrappingDelegate(self))
        # a column of another width wraps into other row heights: lay the rows out again
        header.sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        """The condition column gives way in a narrow pane: the items' text comes first."""
        self.setColumnWidth(1, max(60, min(150, self.viewport().width() // 3)))
        super().resizeEvent(event)

    def show_template(self, template: Template, select: Node) -> QTreeWidgetItem:
        """Rebuild the tree and make ``select`` (or the template) current; returns that row."""
        self.blockSignals(True)
        self.clear()
        lang = language()
        root = QTreeWidgetItem([template.name(lang) or template.key, ""])
        root.setData(0, ROLE, ())
        font = root.font(0)
        font.setBold(True)
        root.setFont(0, font)
        self.addTopLevelItem(root)
        wanted = root
        for s_index, section in enumerate(template.sections):
            s_node = QTreeWidgetItem(root, [section_text(section), ""])
            s_node.setData(0, ROLE, (s_index,))
            s_node.setFont(0, font)
            if select == (s_index,):
                wanted = s_node
            for i_index, item in enumerate(section.items):
                i_node = QTreeWidgetItem(s_node, list(item_texts(item)))
                i_node.setToolTip(0, item.text(lang))
                i_node.setToolTip(1, condition_text(item.condition))
                i_node.setData(0, ROLE, (s_index, i_index))
                if select == (s_index, i_index):
                    wanted = i_node
        self.expandAll()
        self.setCurrentItem(wanted)
        self.blockSignals(False)
        return wanted

    def current_node(self) -> Node | None:
        current = self.currentItem()
        return None if current is None else node_of(current)

    def update_current(self, template: Template) -> None:
        """The current row's texts after a field of its node changed."""
        current = self.currentItem()
        if current is None:
            return
        node = node_of(current)
        if not node:
            current.setText(0, template.name(language()) or template.key)
        elif len(node) == 1:
            current.setText(0, section_text(template.sections[node[0]]))
        else:
            texts = item_texts(template.sections[node[0]].items[node[1]])
            current.setText(0, texts[0])
            current.setText(1, texts[1])
