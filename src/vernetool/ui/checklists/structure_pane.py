"""The Checklists area's middle pane: version, the tree, structure buttons and saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from vernetool.i18n import tr
from vernetool.services.checklists.templates import TemplateSummary
from vernetool.ui.checklists.forms import MUTED
from vernetool.ui.checklists.template_tree import TemplateTree
from vernetool.ui.common.flow_layout import flowing
from vernetool.ui.common.labels import format_date


class StructurePane(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        hfont = self.heading.font()
        hfont.setBold(True)
        hfont.setPointSizeF(hfont.pointSizeF() * 1.15)
        self.heading.setFont(hfont)
        self.versions = QComboBox()
        self.versions.setObjectName("versions")
        # room for a three-digit version however narrow the pane: the facts beside it wrap
        self.versions.setMinimumContentsLength(3)
        self.versions.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.version_info = QLabel()
        self.version_info.setStyleSheet(MUTED)
        self.version_info.setWordWrap(True)
        self.tree = TemplateTree()
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

        mid = QVBoxLayout(self)
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
        mid.addLayout(flowing(structure))  # the buttons wrap in a narrow pane
        mid.addWidget(self.save_note)
        saving = QHBoxLayout()
        saving.addStretch(1)
        saving.addWidget(self.discard_button)
        saving.addWidget(self.save_button)
        mid.addLayout(saving)

    def show_versions(self, versions: list[TemplateSummary], base_id: int | None) -> None:
        """The version box: every stored version, ``base_id`` chosen, with its facts."""
        self.versions.clear()
        self.version_info.clear()
        for v in versions:
            self.versions.addItem(str(v.version), v.id)
            if v.id == base_id:
                self.versions.setCurrentIndex(self.versions.count() - 1)
                facts = []
                if v.builtin:
                    facts.append(tr("built-in"))
                if v.used:
                    facts.append(tr("used by rounds"))
                facts.append(tr("created {date}").format(
                    date=format_date(dt.date.fromisoformat(v.created_at[:10]))))
                self.version_info.setText(" · ".join(facts))
        if base_id is None:
            self.version_info.setText(tr("new checklist, not saved yet"))
