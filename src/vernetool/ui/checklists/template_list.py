"""The Checklists area's left pane: the list of checklists and the buttons under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import language, tr, trn
from vernetool.services.checklists.templates import TemplateSummary

ROLE = Qt.ItemDataRole.UserRole


class TemplateListPane(QWidget):
    """Shows the newest version of each checklist; the editor reacts to its widgets."""

    def __init__(self) -> None:
        super().__init__()
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
        layout = QVBoxLayout(self)
        title = QLabel(tr("Checklists"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self.templates, 1)
        layout.addWidget(self.show_retired)
        for row in ((self.new_button, self.import_button),
                    (self.export_button, self.retire_button)):
            buttons = QHBoxLayout()
            for button in row:
                buttons.addWidget(button)
            layout.addLayout(buttons)

    def fill(self, summaries: list[TemplateSummary]) -> None:
        """Show ``summaries`` without reporting a change of the current row."""
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
            entry.setToolTip(trn("{n} item", "{n} items", s.item_count).format(n=s.item_count))
            self.templates.addItem(entry)
        self.templates.blockSignals(False)

    def keys(self) -> list[str]:
        return [str(self.templates.item(row).data(ROLE)) for row in range(self.templates.count())]

    def select_quietly(self, item: QListWidgetItem | None) -> None:
        """Go back to ``item`` without reporting it (the user chose to stay)."""
        self.templates.blockSignals(True)
        if item is None:
            self.templates.clearSelection()
        else:
            self.templates.setCurrentItem(item)
        self.templates.blockSignals(False)
