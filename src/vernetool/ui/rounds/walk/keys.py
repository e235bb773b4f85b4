"""The walk's keyboard: the room-level shortcuts and the hint line that lists them.

The per-item keys (1/2/3, arrows, Tab) are handled by ChecklistPane in round_walk_widgets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel

from vernetool.i18n import tr
from vernetool.ui.shell.theme import MUTED


def keys_hint_label() -> QLabel:
    """The muted line under the room pane naming the walk's keys."""
    hint = QLabel(tr("1 OK · 2 Must improve · 3 Not relevant · ↑↓ move · "
                     "Tab comment · Ctrl+Enter room done · Ctrl+P photo"))
    hint.setToolTip(tr("Also: Ctrl+M comment, Ctrl+→ / Ctrl+← or Page Down / "
                       "Page Up next / previous room, Esc or Enter leaves the "
                       "comment field, Ctrl+R earlier findings to re-check"))
    hint.setStyleSheet(f"color: {MUTED};")
    hint.setWordWrap(True)
    return hint


class WalkKeysMixin:
    """Room-level shortcuts of RoundWalkView (uses its slots)."""

    def _install_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
                (("Ctrl+Right", "PgDown"), lambda: self.go_room(self.room_index + 1)),
                (("Ctrl+Left", "PgUp"), lambda: self.go_room(self.room_index - 1)),
                (("Ctrl+Return", "Ctrl+Enter"), self.room_done),
                (("Ctrl+M",), self.edit_comment),
                (("Ctrl+P",), self.choose_photos),
                (("Ctrl+R",), self.toggle_recheck)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self, slot)
                shortcut.setContext(context)
