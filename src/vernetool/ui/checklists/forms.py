"""The forms of the checklist template editor: template, section and item fields."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.domain.checklists import (
    RECORDED_FACTS,
    Item,
    Section,
    Template,
    ValueKind,
    check_condition,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import RoomType
from vernetool.i18n import tr
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import (
    condition_fact_label,
    condition_label,
    room_type_label,
)
from vernetool.ui.common.screen_fit import NarrowForm
from vernetool.ui.shell import theme

MUTED = theme.text_colour(theme.MUTED)
ERROR = theme.text_colour(theme.INVALID)


def condition_text(condition: str) -> str:
    """A condition in words: 'Asked only where the room has: Pressurised gas … or …'."""
    condition = condition.strip()
    if not condition:
        return tr("Asked in every room the item applies to.")
    try:
        check_condition(condition)
    except ValidationError as exc:
        return exc.message
    return tr("Asked only where the room has: {facts}").format(facts=condition_label(condition))


def value_kind_label(kind: ValueKind | str) -> str:
    labels = {ValueKind.NONE: tr("No value"), ValueKind.NUMBER: tr("Number"),
              ValueKind.TEXT: tr("Text")}
    return labels.get(ValueKind(kind), str(kind))


class RoomTypeChecks(QWidget):
    """One check box per room type."""

    changed = Signal()

    def __init__(self, hint: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = FlowLayout(spacing=12)  # two or more a line; one on a narrow pane
        self.boxes: dict[RoomType, QCheckBox] = {}
        for room_type in RoomType:
            box = QCheckBox(room_type_label(room_type))
            box.setObjectName(f"roomType_{room_type.value}")
            box.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(box)
            self.boxes[room_type] = box
        layout.addLayout(grid)
        note = QLabel(hint)
        note.setStyleSheet(MUTED)
        note.setWordWrap(True)
        layout.addWidget(note)

    def value(self) -> frozenset[RoomType]:
        return frozenset(t for t, box in self.boxes.items() if box.isChecked())

    def set_value(self, types: frozenset[RoomType]) -> None:
        for room_type, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(room_type in types)
            box.blockSignals(False)


def _line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    return edit


def _text(name: str, lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _form() -> QFormLayout:
    return NarrowForm()  # labels above the fields in a narrow pane


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


class TemplateForm(QWidget):
    """Name, description and room types of the template being edited."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._template: Template | None = None
        layout = QVBoxLayout(self)
        self.heading = _heading(tr("Checklist"))
        layout.addWidget(self.heading)
        form = _form()
        self.name_nb = _line("name_nb")
        self.name_en = _line("name_en")
        self.description_nb = _text("description_nb", 6)
        self.description_en = _text("description_en", 6)
        self.room_types = RoomTypeChecks(tr("New rounds use this checklist for rooms of the "
                                            "checked types. None checked: the checklist is for "
                                            "the unit as a whole and is answered once per "
                                            "round."))
        form.addRow(tr("Name (Norwegian):"), self.name_nb)
        form.addRow(tr("Name (English):"), self.name_en)
        form.addRow(tr("Description (Norwegian):"), self.description_nb)
        form.addRow(tr("Description (English):"), self.description_en)
        form.addRow(tr("Room types:"), self.room_types)
        layout.addLayout(form)
        layout.addStretch(1)
        for edit in (self.name_nb, self.name_en):
            edit.textEdited.connect(self._store)
        for text in (self.description_nb, self.description_en):
            text.textChanged.connect(self._store)
        self.room_types.changed.connect(self._store)

    def load(self, template: Template) -> None:
        self._template = None
        # the key is an identifier for files, not words: shown on request only
        self.heading.setToolTip(tr("Identifier in exported files: {key}").format(
            key=template.key))
        self.name_nb.setText(template.name_nb)
        self.name_en.setText(template.name_en)
        self.description_nb.setPlainText(template.description_nb)
        self.description_en.setPlainText(template.description_en)
        self.room_types.set_value(template.room_types)
        self._template = template

    def _store(self) -> None:
        t = self._template
        if t is None:
            return
        t.name_nb, t.name_en = self.name_nb.text(), self.name_en.text()
        t.description_nb = self.description_nb.toPlainText()
        t.description_en = self.description_en.toPlainText()
        t.room_types = self.room_types.value()
        self.edited.emit()


class SectionForm(QWidget):
    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._section: Section | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(tr("Section")))
        form = _form()
        self.title_nb = _line("title_nb")
        self.title_en = _line("title_en")
        form.addRow(tr("Title (Norwegian):"), self.title_nb)
        form.addRow(tr("Title (English):"), self.title_en)
        layout.addLayout(form)
        layout.addStretch(1)
        self.title_nb.textEdited.connect(self._store)
        self.title_en.textEdited.connect(self._store)

    def load(self, section: Section) -> None:
        self._section = None
        self.title_nb.setText(section.title_nb)
        self.title_en.setText(section.title_en)
        self._section = section

    def _store(self) -> None:
        if self._section is not None:
            self._section.title_nb = self.title_nb.text()
            self._section.title_en = self.title_en.text()
            self.edited.emit()


class ItemForm(QWidget):
    """Every field of one checklist item."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._item: Item | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(tr("Checklist item")))
        form = _form()
        self.code = _line("code")
        self.code.setToolTip(tr("A stable identifier, unique in the checklist, e.g. "
                                "lab.gas.secured"))
        self.text_nb = _text("text_nb")
        self.text_en = _text("text_en")
        self.guidance_nb = _text("guidance_nb")
        self.guidance_en = _text("guidance_en")
        self.value_kind = QComboBox()
        self.value_kind.setObjectName("value_kind")
        for kind in ValueKind:
            self.value_kind.addItem(value_kind_label(kind), kind.value)
        self.value_label_nb = _line("value_label_nb")
        self.value_label_en = _line("value_label_en")
        self.room_types = RoomTypeChecks(tr("None checked: the item applies to every room "
                                            "type the checklist is used for."))
        # The condition in words; its expression (and the item's code) behind "advanced".
        self.condition = QComboBox()
        self.condition.setObjectName("condition")
        self.condition.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.condition.setMinimumContentsLength(18)
        self.condition.addItem(tr("(always)"), "")
        for fact in RECORDED_FACTS:
            self.condition.addItem(condition_fact_label(fact), fact)
        self._fixed_conditions = self.condition.count()
        self.condition_code = _line("condition_code")
        self.condition_code.setPlaceholderText(tr("always"))
        self.condition_help = QLabel()
        self.condition_help.setWordWrap(True)
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setObjectName("advancedToggle")
        self.advanced_toggle.setText(tr("Identifier and condition as text"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced = QWidget()
        advanced = _form()
        advanced.setContentsMargins(0, 0, 0, 0)
        self.advanced.setLayout(advanced)
        self.advanced.setVisible(False)
        self.advanced_toggle.toggled.connect(self._show_advanced)
        form.addRow(tr("Question (Norwegian):"), self.text_nb)
        form.addRow(tr("Question (English):"), self.text_en)
        form.addRow(tr("Guidance (Norwegian):"), self.guidance_nb)
        form.addRow(tr("Guidance (English):"), self.guidance_en)
        form.addRow(tr("Value to record:"), self.value_kind)
        form.addRow(tr("Value label (Norwegian):"), self.value_label_nb)
        form.addRow(tr("Value label (English):"), self.value_label_en)
        form.addRow(tr("Room types:"), self.room_types)
        form.addRow(tr("Condition:"), self.condition)
        form.addRow("", self.condition_help)
        form.addRow(self.advanced_toggle)
        form.addRow(self.advanced)
        advanced.addRow(tr("Identifier:"), self.code)
        advanced.addRow(tr("Condition as text:"), self.condition_code)
        note = QLabel(tr("A condition names facts from the room card and the registers: one "
                         "fact, several separated by | (any of them), or ! before a fact (the "
                         "room does not have it)."))
        note.setStyleSheet(MUTED)
        note.setWordWrap(True)
        advanced.addRow("", note)
        layout.addLayout(form)
        layout.addStretch(1)
        for edit in (self.code, self.value_label_nb, self.value_label_en):
            edit.textEdited.connect(self._store)
        for text in (self.text_nb, self.text_en, self.guidance_nb, self.guidance_en):
            text.textChanged.connect(self._store)
        self.value_kind.currentIndexChanged.connect(self._store)
        self.room_types.changed.connect(self._store)
        self.condition.activated.connect(self._pick_condition)
        self.condition_code.textEdited.connect(self._type_condition)

    def load(self, item: Item) -> None:
        self._item = None
        self.code.setText(item.code)
        self.text_nb.setPlainText(item.text_nb)
        self.text_en.setPlainText(item.text_en)
        self.guidance_nb.setPlainText(item.guidance_nb)
        self.guidance_en.setPlainText(item.guidance_en)
        self.value_kind.setCurrentIndex(max(0, self.value_kind.findData(
            ValueKind(item.value_kind).value)))
        self.value_label_nb.setText(item.value_label_nb)
        self.value_label_en.setText(item.value_label_en)
        self.room_types.set_value(item.room_types)
        self.condition_code.setText(item.condition)
        self._show_condition(item.condition)
        self._update_state(item)
        self._item = item

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown
                                          else Qt.ArrowType.RightArrow)

    def _show_condition(self, condition: str) -> None:
        """Select the condition's words in the list; one not in it gets an entry of its own."""
        condition = condition.strip()
        while self.condition.count() > self._fixed_conditions:
            self.condition.removeItem(self.condition.count() - 1)
        index = self.condition.findData(condition)
        if index < 0:
            try:
                check_condition(condition)
                words = condition_label(condition)
            except ValidationError:
                words = tr("(a condition that is not valid)")
            self.condition.addItem(words, condition)
            index = self.condition.count() - 1
        self.condition.setCurrentIndex(index)

    def _pick_condition(self, index: int) -> None:
        """A condition chosen in words: the text field follows with its expression."""
        self.condition_code.setText(str(self.condition.itemData(index) or ""))
        self._store()

    def _type_condition(self, text: str) -> None:
        self._show_condition(text)
        self._store()

    def _condition_value(self) -> str:
        return self.condition_code.text().strip()

    def _update_state(self, item: Item) -> None:
        has_value = ValueKind(item.value_kind) != ValueKind.NONE
        self.value_label_nb.setEnabled(has_value)
        self.value_label_en.setEnabled(has_value)
        self.condition_help.setText(condition_text(item.condition))
        try:
            check_condition(item.condition)
            self.condition_help.setStyleSheet(MUTED)
        except ValidationError:
            self.condition_help.setStyleSheet(ERROR)

    def _store(self) -> None:
        item = self._item
        if item is None:
            return
        item.code = self.code.text().strip()
        item.text_nb, item.text_en = self.text_nb.toPlainText(), self.text_en.toPlainText()
        item.guidance_nb = self.guidance_nb.toPlainText()
        item.guidance_en = self.guidance_en.toPlainText()
        item.value_kind = ValueKind(self.value_kind.currentData())
        item.value_label_nb = self.value_label_nb.text()
        item.value_label_en = self.value_label_en.text()
        item.room_types = self.room_types.value()
        item.condition = self._condition_value()
        self._update_state(item)
        self.edited.emit()
