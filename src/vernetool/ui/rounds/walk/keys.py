"""The walk's keyboard: the room-level shortcuts and the hint line that lists them.

The per-item keys (1/2/3, arrows, Enter, Tab) are handled by ChecklistPane in walk/widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

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


def install_shortcuts(view: QWidget, *, next_room: Callable[[], None],
                      previous_room: Callable[[], None], room_done: Callable[[], None],
                      edit_comment: Callable[[], None], add_photo: Callable[[], None],
                      recheck: Callable[[], None]) -> None:
    """The room-level keys, active anywhere inside ``view``."""
    context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    for keys, slot in ((("Ctrl+Right", "PgDown"), next_room),
                       (("Ctrl+Left", "PgUp"), previous_room),
                       (("Ctrl+Return", "Ctrl+Enter"), room_done),
                       (("Ctrl+M",), edit_comment),
                       (("Ctrl+P",), add_photo),
                       (("Ctrl+R",), recheck)):
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), view, slot)
            shortcut.setContext(context)
