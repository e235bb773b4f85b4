"""A date field that is typed as people type dates, and that Tab leaves.

``QDateEdit`` walks its day, month and year with Tab, and when a typed section is full it
moves on to the next section by itself. Typing a whole date (``2026-11-30``, ``30.11.2026``)
then goes wrong: the separator typed after a full section moves on a second time, and the
rest lands in the wrong section (``2026-12-11``). Here a separator typed right after such an
automatic move is taken as the one already made, and Tab (Shift+Tab) goes to the next
(previous) field of the form, as in every other field.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

SEPARATORS = ("-", ".", "/", " ")


class TypedDateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._moved_on = False   # the last key filled a section and moved to the next

    def event(self, event: QEvent) -> bool:  # Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier)):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._moved_on = False
            QWidget.focusNextPrevChild(self, forward)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        text = event.text()
        if self._moved_on and text in SEPARATORS:
            self._moved_on = False   # the move this separator asks for is made already
            event.accept()
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSectionIndex() != before

    def focusInEvent(self, event: QFocusEvent) -> None:  # Qt override
        self._moved_on = False
        super().focusInEvent(event)
