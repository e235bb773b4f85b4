"""The one way to show a room's screen, from anywhere: Rooms, the registers, the walk, a
deviation, the room screen itself.

A room has at most one window: opening it again brings that window to the front. The window
belongs to the main window (the outermost window above ``parent``), so it stays above it, is
found again from any screen, and closes with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr

OPEN_ROOM_KEYS = "Ctrl+Shift+R"


def _owner(parent: QWidget | None) -> QWidget | None:
    """The outermost window above ``parent`` (a dialog's parent's window, and so on up)."""
    owner = None
    node = parent
    while node is not None:
        owner = node.window()
        node = owner.parentWidget()
    return owner


def find_room_window(parent: QWidget | None, ctx: AppContext, room_id: int) -> QWidget | None:
    from vernetool.ui.rooms.room_window import RoomWindow

    owner = _owner(parent)
    if owner is None:
        return None
    for window in owner.findChildren(RoomWindow):
        if window.room_id == room_id and window.ctx is ctx and not window.property("closing"):
            return window
    return None


def open_room(parent: QWidget | None, ctx: AppContext, room_id: int) -> QWidget:
    """Show room ``room_id``'s window (raised if it is open already) and return it."""
    found = find_room_window(parent, ctx, room_id)
    if found is None:
        from vernetool.ui.rooms.room_window import RoomWindow

        found = RoomWindow(ctx, room_id, _owner(parent))
        found.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        found.finished.connect(lambda _result, w=found: w.setProperty("closing", True))
        found.show()
    elif found.isMinimized():
        found.showNormal()
    found.raise_()
    found.activateWindow()
    return found


def add_open_room_action(view: QWidget, table: QWidget, ctx: AppContext,
                         room_of: Callable[[], int | None]) -> QAction:
    """"Open room" for a register's list: in the table's context menu, and Ctrl+Shift+R
    anywhere in ``view``; ``room_of`` names the selected row's room (None: nothing to do)."""
    action = QAction(tr("Open &room"), view)
    action.setObjectName("openRoomAction")
    action.setShortcut(QKeySequence(OPEN_ROOM_KEYS))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(tr("The selected row's room in a window of its own (Ctrl+Shift+R)"))

    def triggered() -> None:
        room_id = room_of()
        if room_id is not None:
            open_room(view, ctx, room_id)

    action.triggered.connect(triggered)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.addAction(action)
    view.addAction(action)
    return action
