"""The Checklists area: edit checklist templates, save them as new versions, import/export JSON.

Edits go to a working copy of one stored version; "Save as new version" stores it as the next
version of the key. Stored versions never change, so a round keeps the checklist it used.
The parts: the list of checklists (``template_list``), the version box, tree and buttons
(``structure_pane``), the forms of the chosen node (``forms``); this view holds the working
copy and connects them.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import language, tr
from vernetool.services import Change, Topic
from vernetool.services.checklists.templates import Item, Section, Template
from vernetool.services.errors import ValidationError
from vernetool.ui.checklists import draft as structure
from vernetool.ui.checklists.draft import Node
from vernetool.ui.checklists.forms import ItemForm, SectionForm, TemplateForm
from vernetool.ui.checklists.messages import ask, ask_key, ask_save_discard, warn
from vernetool.ui.checklists.structure_pane import StructurePane
from vernetool.ui.checklists.template_files import export_checklist, import_checklist, import_note
from vernetool.ui.checklists.template_list import ROLE, TemplateListPane
from vernetool.ui.checklists.template_tree import node_of
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported

log = logging.getLogger(__name__)


class TemplateEditorView(QWidget):
    """Edit checklist templates: list (templateList), tree (templateTree), forms."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.checklists = ctx.services.checklists
        self.draft: Template | None = None
        self.base_id: int | None = None     # the stored version the draft started from
        self.dirty = False
        self._writing = False

        self.list_pane = TemplateListPane()
        self.templates = self.list_pane.templates
        self.show_retired = self.list_pane.show_retired
        self.pane = StructurePane()
        self.tree = self.pane.tree
        self.versions = self.pane.versions
        self.save_button = self.pane.save_button
        self.save_note = self.pane.save_note

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
        splitter.addWidget(self.list_pane)
        splitter.addWidget(self.pane)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([230, 500, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self._connect()
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on([Topic.TEMPLATES], self._templates_changed)
        self.refresh()

    def _connect(self) -> None:
        pane, lst = self.pane, self.list_pane
        self.templates.currentItemChanged.connect(self._template_chosen)
        self.show_retired.toggled.connect(lambda _on: self.refresh())
        self.versions.activated.connect(self._version_chosen)
        self.tree.currentItemChanged.connect(self._node_chosen)
        lst.new_button.clicked.connect(self.new_template)
        lst.import_button.clicked.connect(self.import_file)
        lst.export_button.clicked.connect(self.export_file)
        lst.retire_button.clicked.connect(self.retire_or_restore)
        pane.add_section_button.clicked.connect(self.add_section)
        pane.add_item_button.clicked.connect(self.add_item)
        pane.remove_button.clicked.connect(self.remove_node)
        pane.up_button.clicked.connect(lambda: self.move_node(-1))
        pane.down_button.clicked.connect(lambda: self.move_node(1))
        pane.save_button.clicked.connect(self.save)
        pane.discard_button.clicked.connect(self.discard)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence(QKeySequence.StandardKey.Save), self.save),
                           (QKeySequence("Insert"), self.add_item),
                           (QKeySequence("Shift+Insert"), self.add_section),
                           (QKeySequence("Alt+Up"), lambda: self.move_node(-1)),
                           (QKeySequence("Alt+Down"), lambda: self.move_node(1))):
            QShortcut(keys, self, context=scope).activated.connect(slot)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree,
                  context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self.remove_node)
        self.setTabOrder(self.templates, self.tree)

    # --- the list of checklists and their versions ----------------------------------------

    def refresh(self, select_key: str | None = None) -> None:
        """Reload the list; keeps the working copy when it has unsaved changes."""
        key = select_key or (self.draft.key if self.draft else None)
        summaries = self.checklists.latest(include_retired=self.show_retired.isChecked())
        self.list_pane.fill(summaries)
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

    def _templates_changed(self, _change: Change) -> None:
        """Another screen changed the checklists: show them, on the version being viewed."""
        if self._writing:
            return
        base = self.base_id
        self.refresh()
        if (not self.dirty and base is not None and base != self.base_id
                and self.draft is not None
                and base in {v.id for v in self.checklists.versions(self.draft.key)}):
            self._open(base)

    def _template_chosen(self, current: QListWidgetItem | None,
                         previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = str(current.data(ROLE))
        if self.draft is not None and key == self.draft.key:
            return
        if not self._may_leave_draft():
            self.list_pane.select_quietly(previous)
            return
        self._open_latest(key)

    def _open_latest(self, key: str) -> None:
        versions = self.checklists.versions(key)
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
        self._set_draft(self.checklists.get(template_id), template_id)

    def _update_version_box(self) -> None:
        if self.draft is None:
            self.versions.clear()
            self.pane.version_info.clear()
            return
        self.pane.show_versions(self.checklists.versions(self.draft.key), self.base_id)

    # --- the working copy ----------------------------------------------------------------

    def _set_draft(self, template: Template | None, base_id: int | None) -> None:
        self.draft = copy.deepcopy(template)
        self.base_id = base_id
        self.dirty = False
        self._rebuild_tree(())
        self._update_version_box()
        self._update_state()

    def _rebuild_tree(self, select: Node) -> None:
        if self.draft is None:
            self.tree.clear()
            self.pane.heading.setText(tr("No checklist chosen"))
            self.forms.setEnabled(False)
            return
        self.forms.setEnabled(True)
        self._node_chosen(self.tree.show_template(self.draft, select), None)
        self.pane.heading.setText(self.draft.name(language()) or self.draft.key)

    def current_node(self) -> Node | None:
        return self.tree.current_node()

    def _node_chosen(self, current: QTreeWidgetItem | None,
                     _previous: QTreeWidgetItem | None) -> None:
        if self.draft is None or current is None:
            return
        node = node_of(current)
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
        if self.draft is not None:
            self.tree.update_current(self.draft)
            if self.current_node() == ():
                self.pane.heading.setText(self.draft.name(language()) or self.draft.key)
        self._update_state()

    def _update_state(self) -> None:
        pane, lst = self.pane, self.list_pane
        has = self.draft is not None
        node = self.current_node() if has else None
        lst.export_button.setEnabled(has and self.base_id is not None and not self.dirty)
        lst.retire_button.setEnabled(has and self.base_id is not None)
        retired = bool(self.draft and self.draft.retired)
        lst.retire_button.setText(tr("Res&tore") if retired else tr("Re&tire"))
        pane.add_section_button.setEnabled(has)
        pane.add_item_button.setEnabled(has and bool(self.draft and self.draft.sections))
        pane.remove_button.setEnabled(bool(node))
        pane.up_button.setEnabled(bool(node) and node is not None and node[-1] > 0)
        pane.down_button.setEnabled(self.draft is not None
                                    and structure.can_move_down(self.draft, node))
        pane.save_button.setEnabled(self.dirty)
        pane.discard_button.setEnabled(self.dirty)
        self.versions.setEnabled(not self.dirty)
        if self.draft is None:
            self.save_note.clear()
            return
        versions = self.checklists.versions(self.draft.key)
        next_version = (versions[0].version if versions else 0) + 1
        note = tr("Saving stores this as version {n}. Rounds keep the version they used."
                  ).format(n=next_version)
        if self.dirty:
            note = tr("Unsaved changes.") + " " + note
        self.save_note.setText(note)

    # --- structure ------------------------------------------------------------------------

    def _changed_structure(self, select: Node | None) -> None:
        if select is not None:
            self.dirty = True
            self._rebuild_tree(select)

    def add_section(self) -> None:
        if self.draft is None:
            return
        self._changed_structure(structure.add_section(self.draft, self.current_node() or ()))
        self.section_form.title_nb.setFocus()
        self.section_form.title_nb.selectAll()

    def add_item(self) -> None:
        if self.draft is None or not self.draft.sections:
            return
        self._changed_structure(structure.add_item(self.draft, self.current_node() or ()))
        self.item_form.text_nb.setFocus()

    def remove_node(self) -> None:
        node = self.current_node()
        if self.draft is None or not node:
            return
        if len(node) == 1:
            section = self.draft.sections[node[0]]
            question = tr("Remove the section '{title}' and its {n} items?").format(
                title=section.title(language()), n=len(section.items))
            if section.items and not ask(self, tr("Remove section"), question):
                return
        self._changed_structure(structure.remove(self.draft, node))

    def move_node(self, delta: int) -> None:
        node = self.current_node()
        if self.draft is None or not node:
            return
        moved = structure.move(self.draft, node, delta)
        if moved is not None:
            self._changed_structure(moved)
            self.tree.setFocus()

    # --- saving and the other actions -----------------------------------------------------

    def save(self) -> bool:
        if self.draft is None or not self.dirty:
            return True
        with reported(self, tr("The checklist cannot be saved")) as outcome:
            try:
                with self._own_write():
                    template_id = self.checklists.save_version(self.draft)
            except ValidationError as exc:
                warn(self, tr("The checklist cannot be saved"), exc.message)
                return False
        if not outcome:
            return False
        self.dirty = False
        key = self.draft.key
        self._open(template_id)
        self.refresh(key)
        saved = self.draft.version if self.draft else 0
        self.save_note.setText(tr("Saved as version {n}.").format(n=saved))
        return True

    @contextmanager
    def _own_write(self) -> Iterator[None]:
        """Our own write: the change notice is ignored, the view refreshes itself after."""
        self._writing = True
        try:
            yield
        finally:
            self._writing = False

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
        choice = ask_save_discard(self)
        if choice == QMessageBox.StandardButton.Save:
            return self.save()
        if choice == QMessageBox.StandardButton.Discard:
            self.dirty = False
            return True
        return False

    def new_template(self) -> None:
        if not self._may_leave_draft():
            return
        key = ask_key(self)
        if not key:
            return
        if self.checklists.exists(key):
            warn(self, tr("New checklist"),
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
        with self._own_write():
            result = import_checklist(self, self.checklists)
        if result is None:
            return
        self.dirty = False
        self.draft = None
        self.refresh(result.key)
        self.save_note.setText(import_note(result))

    def export_file(self) -> None:
        if self.draft is None or self.base_id is None:
            return
        suggested = f"{self.draft.key}-v{self.draft.version}.json"
        written = export_checklist(self, self.checklists, self.base_id, suggested)
        if written:
            self.save_note.setText(tr("Exported to {file}.").format(file=written))

    def retire_or_restore(self) -> None:
        if self.draft is None or self.base_id is None:
            return
        key = self.draft.key
        if not self.draft.retired and not ask(
                self, tr("Retire checklist"),
                tr("Retire '{name}'? New rounds will not offer it; rounds that used it keep it."
                   ).format(name=self.draft.name(language()))):
            return
        change = self.checklists.restore if self.draft.retired else self.checklists.retire
        with self._own_write(), reported(self) as outcome:
            change(key)
        if not outcome:
            return
        self.dirty = False
        self.draft = None
        self.refresh(key)
