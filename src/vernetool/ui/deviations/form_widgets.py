"""Small fields of the deviation form: the type combo, the time edit, scales and field names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QPlainTextEdit, QWidget

from vernetool.domain.deviations.rules import DeviationType, TriState
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.i18n.labels import deviation_field_label
from vernetool.ui.common.labels import deviation_type_label, tristate_label

TYPE_ORDER = (DeviationType.IMPROVEMENT, DeviationType.HAZARD, DeviationType.NEAR_MISS,
              DeviationType.ACCIDENT)


def field_label(name: str) -> str:
    """The form's name for a field a ``ValidationError`` names: the form's own captions where
    they differ from the field's usual name."""
    captions = {"occurred_at": tr("When"), "reported_at": tr("Reported"), "room": tr("Where")}
    return captions.get(name) or deviation_field_label(name)


def error_text(exc: ValidationError) -> str:
    return f"{field_label(exc.field)}: {exc.message}"


class TypeCombo(QComboBox):
    """The four deviation types; keys 1-4 choose directly, letters search as in any combo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for number, kind in enumerate(TYPE_ORDER, start=1):
            self.addItem(deviation_type_label(kind), kind.value)
            self.setItemData(number - 1, tr("Key {n}").format(n=number),
                             Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(tr("Keys 1-4 or the first letters choose the type"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if text in ("1", "2", "3", "4") and plain:
            self.setCurrentIndex(int(text) - 1)
            return
        super().keyPressEvent(event)

    def selected(self) -> DeviationType:
        return DeviationType(self.currentData())

    def set_selected(self, kind: DeviationType) -> None:
        self.setCurrentIndex(self.findData(kind.value))


class WhenEdit(QDateTimeEdit):
    """Date and time; Tab leaves the field (instead of walking its five sections), the
    arrow keys and typing change it."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def scale_combo(label: object, none_text: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(none_text, None)
    for n in range(1, 6):
        combo.addItem(f"{n} – {label(n)}", n)  # type: ignore[operator]
    return combo


def tristate_combo() -> QComboBox:
    combo = QComboBox()
    for state in (TriState.UNKNOWN, TriState.YES, TriState.NO):
        combo.addItem(tristate_label(state.value), state.value)
    return combo


def text_edit(lines: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)
