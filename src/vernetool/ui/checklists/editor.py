"""The Checklists area: edit checklist templates, save them as new versions, import/export JSON.

Edits go to a working copy of one stored version; "Save as new version" stores it as the next
version of the key. Stored versions never change, so a round keeps the checklist it used.
The parts: the list of checklists (``template_list``), the middle pane (``structure_pane``),
the tree and forms that edit the copy (``structure_editor``), file import/export
(``template_files``); this view holds the working copy, its versions and saving.
"""

from __future__ import annotations

import copy
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import language, tr
from vernetool.services import Change, Topic
from vernetool.services.checklists.templates import Item, Section, Template
from vernetool.services.errors import ValidationError
from vernetool.ui.checklists.draft import Node
from vernetool.ui.checklists.messages import ask, ask_key, ask_save_discard, warn
from vernetool.ui.checklists.structure_editor import NodeForms, StructureEditor
from vernetool.ui.checklists.structure_pane import StructurePane
from vernetool.ui.checklists.template_files import export_checklist, import_checklist, import_note
from vernetool.ui.checklists.template_list import ROLE, TemplateListPane
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.own_writes import OwnWrites
from vernetool.ui.common.screen_fit import scroll_body

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
        self._own_write = OwnWrites()  # our own saves: the view refreshes itself after them

        self.list_pane = TemplateListPane()
        self.templates = self.list_pane.templates
        self.show_retired = self.list_pane.show_retired
        self.pane = StructurePane()
        self.tree = self.pane.tree
        self.versions = self.pane.versions
        self.save_button = self.pane.save_button
        self.save_note = self.pane.save_note

        self.forms = NodeForms()
        self.template_form = self.forms.template_form
        self.section_form = self.forms.section_form
        self.item_form = self.forms.item_form
        self.structure = StructureEditor(self.pane, self.forms)
        self.structure.edited.connect(self._edited)
        self.structure.node_changed.connect(self._update_state)
        # the form scrolls up and down; its pane is never narrower than its fields need
        scroll = scroll_body(self.forms)

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
        lst.new_button.clicked.connect(self.new_template)
        lst.import_button.clicked.connect(self.import_file)
        lst.export_button.clicked.connect(self.export_file)
        lst.retire_button.clicked.connect(self.retire_or_restore)
        pane.save_button.clicked.connect(self.save)
        pane.discard_button.clicked.connect(self.discard)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        edit = self.structure
        for keys, slot in ((QKeySequence(QKeySequence.StandardKey.Save), self.save),
                           (QKeySequence("Insert"), edit.add_item),
                           (QKeySequence("Shift+Insert"), edit.add_section),
                           (QKeySequence("Alt+Up"), lambda: edit.move_node(-1)),
                           (QKeySequence("Alt+Down"), lambda: edit.move_node(1))):
            QShortcut(keys, self, context=scope).activated.connect(slot)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree,
                  context=Qt.ShortcutContext.WidgetShortcut).activated.connect(edit.remove_node)
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
        if self._own_write:
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
        self.structure.show(self.draft)
        self._update_version_box()
        self._update_state()

    def current_node(self) -> Node | None:
        return self.structure.current_node()

    def _edited(self) -> None:
        self.dirty = True
        self._update_state()

    def _update_state(self) -> None:
        pane, lst = self.pane, self.list_pane
        has = self.draft is not None
        lst.export_button.setEnabled(has and self.base_id is not None and not self.dirty)
        lst.retire_button.setEnabled(has and self.base_id is not None)
        retired = bool(self.draft and self.draft.retired)
        lst.retire_button.setText(tr("Res&tore") if retired else tr("Re&tire"))
        self.structure.update_buttons()
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
