"""The working copy's tree and forms: choose a node, edit its fields, change the structure.

The editor view owns the working copy and saving; this part shows the copy it is given,
changes it in place and says so with ``edited`` (``node_changed`` when another node is
chosen), so the view can mark it unsaved and update its buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QTreeWidgetItem

from vernetool.i18n import language, tr
from vernetool.services.checklists.templates import Template
from vernetool.ui.checklists import draft as structure
from vernetool.ui.checklists.draft import Node
from vernetool.ui.checklists.forms import ItemForm, SectionForm, TemplateForm
from vernetool.ui.checklists.messages import ask
from vernetool.ui.checklists.structure_pane import StructurePane
from vernetool.ui.checklists.template_tree import node_of


class NodeForms(QStackedWidget):
    """The fields of the chosen node: the template's, a section's or an item's."""

    def __init__(self) -> None:
        super().__init__()
        self.template_form = TemplateForm()
        self.section_form = SectionForm()
        self.item_form = ItemForm()
        for form in (self.template_form, self.section_form, self.item_form):
            self.addWidget(form)

    def show_node(self, template: Template, node: Node) -> None:
        if not node:
            self.template_form.load(template)
            self.setCurrentWidget(self.template_form)
        elif len(node) == 1:
            self.section_form.load(template.sections[node[0]])
            self.setCurrentWidget(self.section_form)
        else:
            self.item_form.load(template.sections[node[0]].items[node[1]])
            self.setCurrentWidget(self.item_form)


class StructureEditor(QObject):
    edited = Signal()         # the working copy changed: a field or the structure
    node_changed = Signal()   # another node is current

    def __init__(self, pane: StructurePane, forms: NodeForms) -> None:
        super().__init__(pane)
        self.pane = pane
        self.tree = pane.tree
        self.forms = forms
        self.template: Template | None = None
        self.tree.currentItemChanged.connect(self._node_chosen)
        for form in (forms.template_form, forms.section_form, forms.item_form):
            form.edited.connect(self._form_edited)
        pane.add_section_button.clicked.connect(self.add_section)
        pane.add_item_button.clicked.connect(self.add_item)
        pane.remove_button.clicked.connect(self.remove_node)
        pane.up_button.clicked.connect(lambda: self.move_node(-1))
        pane.down_button.clicked.connect(lambda: self.move_node(1))

    def show(self, template: Template | None, select: Node = ()) -> None:
        """Show ``template`` (edited in place from now on) with ``select`` chosen."""
        self.template = template
        if template is None:
            self.tree.clear()
            self.pane.heading.setText(tr("No checklist chosen"))
            self.forms.setEnabled(False)
            return
        self.forms.setEnabled(True)
        self._node_chosen(self.tree.show_template(template, select), None)
        self.pane.heading.setText(template.name(language()) or template.key)

    def current_node(self) -> Node | None:
        return self.tree.current_node()

    def update_buttons(self) -> None:
        template = self.template
        node = self.current_node() if template is not None else None
        self.pane.add_section_button.setEnabled(template is not None)
        self.pane.add_item_button.setEnabled(template is not None and bool(template.sections))
        self.pane.remove_button.setEnabled(bool(node))
        self.pane.up_button.setEnabled(node is not None and bool(node) and node[-1] > 0)
        self.pane.down_button.setEnabled(template is not None
                                         and structure.can_move_down(template, node))

    def _node_chosen(self, current: QTreeWidgetItem | None,
                     _previous: QTreeWidgetItem | None) -> None:
        if self.template is None or current is None:
            return
        self.forms.show_node(self.template, node_of(current))
        self.node_changed.emit()

    def _form_edited(self) -> None:
        """A field changed the working copy: show it in the tree."""
        if self.template is not None:
            self.tree.update_current(self.template)
            if self.current_node() == ():
                self.pane.heading.setText(self.template.name(language()) or self.template.key)
        self.edited.emit()

    def _changed(self, select: Node) -> None:
        self.show(self.template, select)
        self.edited.emit()

    def add_section(self) -> None:
        if self.template is None:
            return
        self._changed(structure.add_section(self.template, self.current_node() or ()))
        self.forms.section_form.title_nb.setFocus()
        self.forms.section_form.title_nb.selectAll()

    def add_item(self) -> None:
        if self.template is None:
            return
        added = structure.add_item(self.template, self.current_node() or ())
        if added is not None:
            self._changed(added)
            self.forms.item_form.text_nb.setFocus()

    def remove_node(self) -> None:
        node = self.current_node()
        if self.template is None or not node:
            return
        if len(node) == 1:
            section = self.template.sections[node[0]]
            question = tr("Remove the section '{title}' and its {n} items?").format(
                title=section.title(language()), n=len(section.items))
            if section.items and not ask(self.pane, tr("Remove section"), question):
                return
        self._changed(structure.remove(self.template, node))

    def move_node(self, delta: int) -> None:
        node = self.current_node()
        if self.template is None or not node:
            return
        moved = structure.move(self.template, node, delta)
        if moved is not None:
            self._changed(moved)
            self.tree.setFocus()
