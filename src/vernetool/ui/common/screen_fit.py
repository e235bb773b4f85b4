"""Windows and dialogs that fit the screen they open on.

One rule for every top-level window: never larger than the screen's available area (the
desktop less task bars), never partly off it. Dialogs whose content can be taller than a small
laptop screen put that content in a ``scroll_body`` so they scroll rather than grow; their
buttons stay visible under it. ``fit_on_show`` applies the rule when a dialog first shows
(Qt sizes it only then); the main window uses ``initial_geometry`` and ``clamped``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QFrame, QScrollArea, QWidget

# Room for a window manager's title bar and borders (frameGeometry is not known before the
# first show; these are what common window managers draw).
FRAME = QSize(16, 40)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The available area of the screen ``widget`` (or its window, or its parent) is on."""
    screen = None
    while widget is not None and screen is None:
        window = widget.window()
        screen = window.screen() if window.isVisible() else None
        parent = window.parentWidget()
        if screen is None and parent is None:
            screen = window.screen()
        widget = parent
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def _frame(window: QWidget) -> QSize:
    """The window manager's frame around ``window`` (its title bar and borders)."""
    if window.isVisible():
        outer, inner = window.frameGeometry(), window.geometry()
        if outer.height() > inner.height():
            return QSize(outer.width() - inner.width(), outer.height() - inner.height())
    return FRAME


def fitting_size(window: QWidget, wanted: QSize, available: QRect | None = None) -> QSize:
    """``wanted``, made small enough that the window with its frame fits ``available``."""
    area = available if available is not None else available_geometry(window)
    frame = _frame(window)
    return QSize(max(200, min(wanted.width(), area.width() - frame.width())),
                 max(150, min(wanted.height(), area.height() - frame.height())))


def clamped(rect: QRect, available: QRect, frame: QSize = FRAME) -> QRect:
    """``rect`` (a window's client area) moved and shrunk so that it, with its frame, lies
    inside ``available``."""
    size = QSize(min(rect.width(), available.width() - frame.width()),
                 min(rect.height(), available.height() - frame.height()))
    left_border = frame.width() // 2
    top_border = frame.height() - left_border  # the title bar is at the top
    x = min(max(rect.x(), available.left() + left_border),
            available.right() + 1 - left_border - size.width())
    y = min(max(rect.y(), available.top() + top_border),
            available.bottom() + 1 - left_border - size.height())
    return QRect(QPoint(x, y), size)


def initial_geometry(preferred: QSize, available: QRect, frame: QSize = FRAME) -> QRect:
    """Where a main window opens when nothing is remembered: ``preferred`` or, on a smaller
    screen, the whole available area; centred."""
    size = QSize(min(preferred.width(), available.width() - frame.width()),
                 min(preferred.height(), available.height() - frame.height()))
    left = available.left() + (available.width() - size.width()) // 2
    top = available.top() + (available.height() - size.height() + frame.height()) // 2
    return clamped(QRect(QPoint(left, top), size), available, frame)


def fit_into_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so that it lies on its screen's available area."""
    area = available_geometry(window)
    frame = _frame(window)
    inner = clamped(window.geometry(), area, frame)
    # a layout's minimum must not keep the window larger than the screen
    minimum = window.minimumSize()
    if minimum.width() > inner.width() or minimum.height() > inner.height():
        window.setMinimumSize(min(minimum.width(), inner.width()),
                              min(minimum.height(), inner.height()))
    if inner != window.geometry():
        window.setGeometry(inner)


class _FitOnShow(QObject):
    """Applies ``fit_into_screen`` each time the window is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow():
            fit_into_screen(watched)
        return False


def fit_on_show(dialog: QWidget) -> None:
    """Keep ``dialog`` on the screen whenever it is shown (after Qt has sized it)."""
    dialog.installEventFilter(_FitOnShow(dialog))


def scroll_body(body: QWidget, *, horizontal: bool = False) -> QScrollArea:
    """``body`` in a frameless scroll area: a dialog's fields scroll, its buttons do not.
    The area asks for the body's full size, so on a large screen nothing scrolls."""
    scroll = _BodyScroll()
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if not horizontal:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


class _BodyScroll(QScrollArea):
    """A scroll area whose size hint is its content's (a plain one caps it at 36 × 24 em),
    and whose minimum height is small: on a short screen it scrolls."""

    def sizeHint(self) -> QSize:  # Qt override
        body = self.widget()
        if body is None:
            return super().sizeHint()
        hint = body.sizeHint().expandedTo(body.minimumSizeHint())
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + bar + 2 * self.frameWidth(),
                     hint.height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:  # Qt override
        body = self.widget()
        width = body.minimumSizeHint().width() if body is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar + 2 * self.frameWidth(), 120)


class NarrowForm(QFormLayout):
    """A form whose labels go above their fields when it is narrower than ``wide`` pixels
    (a side pane on a 1024-pixel screen), so the fields keep a usable width."""

    def __init__(self, wide: int = 460) -> None:
        super().__init__()
        self.wide = wide
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def setGeometry(self, rect: QRect) -> None:  # Qt override
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows if rect.width() < self.wide
                  else QFormLayout.RowWrapPolicy.WrapLongRows)
        if policy != self.rowWrapPolicy():
            self.setRowWrapPolicy(policy)
        super().setGeometry(rect)
