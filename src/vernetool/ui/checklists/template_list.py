"""The Checklists area's template list: pick checklist and version; new, import, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.db import templates as store
from vernetool.domain.checklists import Item, Section, Template
from vernetool.domain.errors import ValidationError
from vernetool.exchange import templates_io
from vernetool.i18n import language, tr
from vernetool.ui.checklists.template_tree import ROLE


class TemplateListMixin:
    """The left pane and version box of TemplateEditorView (uses its attributes)."""

    def _build_list_pane(self) -> QWidget:
        """The left pane: the list of checklists and the buttons under it."""
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
        return left

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

