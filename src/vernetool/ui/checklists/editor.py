"""The Checklists area: edit checklist templates, save them as new versions, import/export JSON.

Edits go to a working copy of one stored version; "Save as new version" stores it as the next
version of the key. Stored versions never change, so a round keeps the checklist it used.
"""

from __future__ import annotations

import copy
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.db import templates as store
from vernetool.domain.checklists import Template, validate_template
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.checklists.forms import MUTED, ItemForm, SectionForm, TemplateForm
from vernetool.ui.checklists.template_list import TemplateListMixin
from vernetool.ui.checklists.template_tree import TemplateTreeMixin
from vernetool.ui.common.buttons import translate_buttons

log = logging.getLogger(__name__)


class TemplateEditorView(TemplateListMixin, TemplateTreeMixin, QWidget):
    """Edit checklist templates: list (template_editor_list), tree (template_editor_tree), forms."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.draft: Template | None = None
        self.base_id: int | None = None     # the stored version the draft started from
        self.dirty = False
        self._loading = False

        # Left: the templates.
        left = self._build_list_pane()

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

    # --- the working copy ----------------------------------------------------------------

    def _set_draft(self, template: Template | None, base_id: int | None) -> None:
        self.draft = copy.deepcopy(template)
        self.base_id = base_id
        self.dirty = False
        self._rebuild_tree(())
        self._update_version_box()
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
