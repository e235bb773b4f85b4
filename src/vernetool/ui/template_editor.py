"""The Checklists area: edit checklist templates, save them as new versions, import/export JSON.

Edits go to a working copy of one stored version; "Save as new version" stores it as the next
version of the key. Stored versions never change, so a round keeps the checklist it used.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.db import templates as store
from vernetool.domain.checklists import Item, Section, Template, validate_template
from vernetool.domain.errors import ValidationError
from vernetool.exchange import templates_io
from vernetool.ui.i18n import language, tr
from vernetool.ui.labels import room_type_label
from vernetool.ui.template_editor_forms import (
    MUTED,
    ItemForm,
    SectionForm,
    TemplateForm,
    condition_text,
)
from vernetool.ui.widgets.buttons import translate_buttons

log = logging.getLogger(__name__)

Node = tuple[int, ...]   # () the template, (s,) a section, (s, i) an item
ROLE = Qt.ItemDataRole.UserRole


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class TemplateEditorView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.draft: Template | None = None
        self.base_id: int | None = None     # the stored version the draft started from
        self.dirty = False
        self._loading = False

        # Left: the templates.
        self.templates = QListWidget()
        self.templates.setObjectName("templateList")
        self.templates.setAccessibleName(tr("Checklists"))
        self.templates.setWordWrap(True)
        self.templates.setSpacing(2)
        self.templates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.show_retired = QCheckBox(tr("Show &retired"))
        self.new_button = QPushButton(tr("&New…"))
        self.import_button = QPushButton(tr("&Import…"))
        self.export_button = QPushButton(tr("E&xport…"))
        self.retire_button = QPushButton(tr("Re&tire"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        title = QLabel(tr("Checklists"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        left_layout.addWidget(title)
        left_layout.addWidget(self.templates, 1)
        left_layout.addWidget(self.show_retired)
        for row in ((self.new_button, self.import_button),
                    (self.export_button, self.retire_button)):
            buttons = QHBoxLayout()
            for button in row:
                buttons.addWidget(button)
            left_layout.addLayout(buttons)

        # Middle: versions, the tree of sections and items, structure buttons, saving.
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        hfont = self.heading.font()
        hfont.setBold(True)
        hfont.setPointSizeF(hfont.pointSizeF() * 1.15)
        self.heading.setFont(hfont)
        self.versions = QComboBox()
        self.versions.setObjectName("versions")
        self.version_info = QLabel()
        self.version_info.setStyleSheet(MUTED)
        self.version_info.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("templateTree")
        self.tree.setHeaderLabels([tr("Sections and items"), tr("Condition")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, 150)
        self.tree.header().setStretchLastSection(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.add_section_button = QPushButton(tr("Add &section"))
        self.add_section_button.setToolTip(tr("Add a section after the selected one "
                                              "(Shift+Insert)"))
        self.add_item_button = QPushButton(tr("&Add item"))
        self.add_item_button.setToolTip(tr("Add an item after the selected one (Insert)"))
        self.remove_button = QPushButton(tr("Re&move"))
        self.remove_button.setToolTip(tr("Remove the selected section or item (Delete)"))
        self.up_button = QPushButton(tr("Move &up"))
        self.up_button.setToolTip("Alt+↑")
        self.down_button = QPushButton(tr("Move &down"))
        self.down_button.setToolTip("Alt+↓")
        self.save_button = QPushButton(tr("Save as ne&w version"))
        self.save_button.setObjectName("saveVersion")
        self.save_button.setToolTip("Ctrl+S")
        self.discard_button = QPushButton(tr("Discard &changes"))
        self.save_note = QLabel()
        self.save_note.setStyleSheet(MUTED)
        self.save_note.setWordWrap(True)

        middle = QWidget()
        mid = QVBoxLayout(middle)
        mid.addWidget(self.heading)
        version_row = QHBoxLayout()
        version_label = QLabel(tr("&Version:"))
        version_label.setBuddy(self.versions)
        version_row.addWidget(version_label)
        version_row.addWidget(self.versions)
        version_row.addWidget(self.version_info, 1)
        mid.addLayout(version_row)
        mid.addWidget(self.tree, 1)
        structure = QHBoxLayout()
        for button in (self.add_section_button, self.add_item_button, self.remove_button,
                       self.up_button, self.down_button):
            structure.addWidget(button)
        structure.addStretch(1)
        mid.addLayout(structure)
        mid.addWidget(self.save_note)
        saving = QHBoxLayout()
        saving.addStretch(1)
        saving.addWidget(self.discard_button)
        saving.addWidget(self.save_button)
        mid.addLayout(saving)

        # Right: the fields of the selected node.
        self.template_form = TemplateForm()
        self.section_form = SectionForm()
        self.item_form = ItemForm()
        self.forms = QStackedWidget()
        for form in (self.template_form, self.section_form, self.item_form):
            self.forms.addWidget(form)
            form.edited.connect(self._edited)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # on a small laptop the form may be wider than its pane: scroll rather than cut it off
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(self.forms)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([230, 500, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self.templates.currentItemChanged.connect(self._template_chosen)
        self.show_retired.toggled.connect(lambda _on: self.refresh())
        self.versions.activated.connect(self._version_chosen)
        self.tree.currentItemChanged.connect(self._node_chosen)
        self.new_button.clicked.connect(self.new_template)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.retire_button.clicked.connect(self.retire_or_restore)
        self.add_section_button.clicked.connect(self.add_section)
        self.add_item_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_node)
        self.up_button.clicked.connect(lambda: self.move_node(-1))
        self.down_button.clicked.connect(lambda: self.move_node(1))
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence.StandardKey.Save, self.save),
                           (QKeySequence("Insert"), self.add_item),
                           (QKeySequence("Shift+Insert"), self.add_section),
                           (QKeySequence("Alt+Up"), lambda: self.move_node(-1)),
                           (QKeySequence("Alt+Down"), lambda: self.move_node(1))):
            QShortcut(keys, self, context=scope).activated.connect(slot)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree,
                  context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self.remove_node)
        self.setTabOrder(self.templates, self.tree)
        self.refresh()

    # --- the list of templates ------------------------------------------------------------

    def refresh(self, select_key: str | None = None) -> None:
        """Reload the list; keeps the working copy when it has unsaved changes."""
        key = select_key or (self.draft.key if self.draft else None)
        summaries = store.latest_templates(self.ctx.conn,
                                           include_retired=self.show_retired.isChecked())
        self.templates.blockSignals(True)
        self.templates.clear()
        lang = language()
        for s in summaries:
            flags = [tr("version {n}").format(n=s.version)]
            if s.builtin:
                flags.append(tr("built-in"))
            if s.retired:
                flags.append(tr("retired"))
            entry = QListWidgetItem(f"{s.name(lang)}\n{' · '.join(flags)}")
            entry.setData(ROLE, s.key)
            entry.setToolTip(tr("{n} items").format(n=s.item_count))
            self.templates.addItem(entry)
        self.templates.blockSignals(False)
        keys = [s.key for s in summaries]
        if key in keys:
            self.templates.setCurrentRow(keys.index(key))
            if not self.dirty:
                self._open_latest(key)
            else:
                self._update_version_box()
        elif summaries and not self.dirty:
            self.templates.setCurrentRow(0)
            self._open_latest(keys[0])
        elif not summaries and not self.dirty:
            self._set_draft(None, None)

    def _template_chosen(self, current: QListWidgetItem | None,
                         previous: QListWidgetItem | None) -> None:
        if current is None or self._loading:
            return
        key = str(current.data(ROLE))
        if self.draft is not None and key == self.draft.key:
            return
        if not self._may_leave_draft():
            self.templates.blockSignals(True)
            self.templates.setCurrentItem(previous)
            self.templates.blockSignals(False)
            return
        self._open_latest(key)

    def _open_latest(self, key: str) -> None:
        versions = store.template_versions(self.ctx.conn, key)
        if versions:
            self._open(versions[0].id)

    def _version_chosen(self, index: int) -> None:
        template_id = int(self.versions.itemData(index))
        if template_id == self.base_id:
            return
        if not self._may_leave_draft():
            self._update_version_box()
            return
        self._open(template_id)

    def _open(self, template_id: int) -> None:
        template = store.get_template(self.ctx.conn, template_id)
        self._set_draft(template, template_id)

    def _set_draft(self, template: Template | None, base_id: int | None) -> None:
        self.draft = copy.deepcopy(template)
        self.base_id = base_id
        self.dirty = False
        self._rebuild_tree(())
        self._update_version_box()
        self._update_state()

    def _update_version_box(self) -> None:
        self.versions.clear()
        self.version_info.clear()
        if self.draft is None:
            return
        versions = store.template_versions(self.ctx.conn, self.draft.key)
        for v in versions:
            self.versions.addItem(str(v.version), v.id)
            if v.id == self.base_id:
                self.versions.setCurrentIndex(self.versions.count() - 1)
                facts = []
                if v.builtin:
                    facts.append(tr("built-in"))
                if v.used:
                    facts.append(tr("used by rounds"))
                facts.append(tr("created {date}").format(date=v.created_at[:10]))
                self.version_info.setText(" · ".join(facts))
        if self.base_id is None:
            self.version_info.setText(tr("new checklist, not saved yet"))

    # --- the tree -------------------------------------------------------------------------

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

    def _update_state(self) -> None:
        has = self.draft is not None
        node = self.current_node() if has else None
        self.export_button.setEnabled(has and self.base_id is not None and not self.dirty)
        self.retire_button.setEnabled(has and self.base_id is not None)
        retired = bool(self.draft and self.draft.retired)
        self.retire_button.setText(tr("Res&tore") if retired else tr("Re&tire"))
        self.add_section_button.setEnabled(has)
        self.add_item_button.setEnabled(has and bool(self.draft and self.draft.sections))
        self.remove_button.setEnabled(bool(node))
        self.up_button.setEnabled(bool(node) and node is not None and node[-1] > 0)
        self.down_button.setEnabled(bool(node) and self._can_move_down(node))
        self.save_button.setEnabled(self.dirty)
        self.discard_button.setEnabled(self.dirty)
        self.versions.setEnabled(not self.dirty)
        if self.draft is None:
            self.save_note.clear()
            return
        versions = store.template_versions(self.ctx.conn, self.draft.key)
        next_version = (versions[0].version if versions else 0) + 1
        note = tr("Saving stores this as version {n}. Rounds keep the version they used."
                  ).format(n=next_version)
        if self.dirty:
            note = tr("Unsaved changes.") + " " + note
        self.save_note.setText(note)

    def _can_move_down(self, node: Node | None) -> bool:
        if not node or self.draft is None:
            return False
        if len(node) == 1:
            return node[0] < len(self.draft.sections) - 1
        return node[1] < len(self.draft.sections[node[0]].items) - 1

    # --- changing the structure -----------------------------------------------------------

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

    # --- saving and the other actions -----------------------------------------------------

    def save(self) -> bool:
        if self.draft is None or not self.dirty:
            return True
        try:
            validate_template(self.draft)
            template_id = store.save_template_version(self.ctx.conn, self.draft,
                                                      self.ctx.actor, builtin=False)
        except ValidationError as exc:
            self._warn(tr("The checklist cannot be saved"), exc.message)
            return False
        self.dirty = False
        key = self.draft.key
        self._open(template_id)
        self.refresh(key)
        saved = self.draft.version if self.draft else 0
        self.save_note.setText(tr("Saved as version {n}.").format(n=saved))
        return True

    def discard(self) -> None:
        if self.base_id is not None:
            self._open(self.base_id)
        else:
            self._set_draft(None, None)
            self.refresh()

    def _may_leave_draft(self) -> bool:
        """Ask what to do with unsaved changes; False keeps the user where they are."""
        if not self.dirty:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, tr("Unsaved changes"),
                          tr("The checklist has unsaved changes. Save them as a new version?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        translate_buttons(box)
        discard = box.button(QMessageBox.StandardButton.Discard)
        if discard is not None:
            discard.setText(tr("&Discard"))
        choice = box.exec()
        if choice == QMessageBox.StandardButton.Save:
            return self.save()
        if choice == QMessageBox.StandardButton.Discard:
            self.dirty = False
            return True
        return False

    def new_template(self) -> None:
        if not self._may_leave_draft():
            return
        key, ok = QInputDialog.getText(
            self, tr("New checklist"),
            tr("A short key for the checklist (lower-case letters, digits, - and _), "
               "e.g. chemistry-lab:"))
        key = key.strip().lower()
        if not ok or not key:
            return
        if store.template_versions(self.ctx.conn, key):
            self._warn(tr("New checklist"),
                       tr("A checklist with the key '{key}' exists already.").format(key=key))
            return
        draft = Template(key=key, name_nb="Ny sjekkliste", name_en="New checklist",
                         sections=[Section("Generelt", "General", [Item(f"{key}.1", "", "")])])
        self._set_draft(draft, None)
        self.dirty = True
        self.templates.clearSelection()
        self._rebuild_tree(())
        self.template_form.name_nb.setFocus()
        self.template_form.name_nb.selectAll()

    def import_file(self) -> None:
        if not self._may_leave_draft():
            return
        name, _ = QFileDialog.getOpenFileName(self, tr("Import checklist"), "",
                                              tr("Checklists (*.json)"))
        if not name:
            return
        try:
            result = templates_io.import_template(self.ctx.conn, Path(name), self.ctx.actor)
        except ValidationError as exc:
            self._warn(tr("The checklist cannot be imported"), exc.message)
            return
        except OSError as exc:
            self._warn(tr("The checklist cannot be imported"), str(exc))
            return
        self.dirty = False
        self.draft = None
        self.refresh(result.key)
        if result.created:
            text = tr("Imported as '{key}', version {n}.").format(key=result.key,
                                                                 n=result.version)
        else:
            text = tr("Nothing new: version {n} of '{key}' has the same content.").format(
                key=result.key, n=result.version)
        self.save_note.setText(text)

    def export_file(self) -> None:
        if self.draft is None or self.base_id is None:
            return
        suggested = f"{self.draft.key}-v{self.draft.version}.json"
        name, _ = QFileDialog.getSaveFileName(self, tr("Export checklist"), suggested,
                                              tr("Checklists (*.json)"))
        if not name:
            return
        try:
            templates_io.export_template(self.ctx.conn, self.base_id, Path(name))
        except OSError as exc:
            self._warn(tr("The checklist cannot be exported"), str(exc))
            return
        self.save_note.setText(tr("Exported to {file}.").format(file=name))

    def retire_or_restore(self) -> None:
        if self.draft is None or self.base_id is None:
            return
        key = self.draft.key
        if self.draft.retired:
            store.restore_template(self.ctx.conn, key, self.ctx.actor)
        else:
            if not self._ask(tr("Retire checklist"),
                             tr("Retire '{name}'? New rounds will not offer it; rounds that "
                                "used it keep it.").format(name=self.draft.name(language()))):
                return
            store.retire_template(self.ctx.conn, key, self.ctx.actor)
        self.dirty = False
        self.draft = None
        self.refresh(key)

    def _ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        translate_buttons(box)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        translate_buttons(box)
        box.exec()
