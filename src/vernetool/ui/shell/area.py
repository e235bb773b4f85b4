"""The area protocol: what the main window asks of the page of each area.

A page is a ``QWidget``. The window calls ``activated()`` each time the area is shown and puts
the keyboard focus on ``focus_target()`` (its filter field, or the page itself). A view may
implement :class:`AreaPage` itself; until it does, :func:`area_page` adapts the views as they
are today: ``refresh()`` is called when the area is shown again (data may have changed in
another area) and ``filter_edit`` is where the focus goes.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget


@runtime_checkable
class AreaPage(Protocol):
    """The window's view of an area page."""

    def activated(self) -> None:
        """The area was shown (the first time, or again after another area)."""

    def focus_target(self) -> QWidget:
        """Where the keyboard goes when the person switches to the area (Ctrl+1 …)."""
        ...


@runtime_checkable
class Refreshable(Protocol):
    """A page that reloads what it shows on ``refresh()``."""

    def refresh(self) -> None: ...


@runtime_checkable
class Filterable(Protocol):
    """A page with a filter field the person types into first."""

    filter_edit: QWidget


class _RefreshOnShow:
    """:class:`AreaPage` for a view with ``refresh()`` / ``filter_edit`` (today's views).

    Other areas may have changed data the view shows, so it reloads each time it is shown
    again. Views that refresh on change notices (``ChangeRelay``) will not need this.
    """

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self._shown_once = False

    def activated(self) -> None:
        if self._shown_once and isinstance(self.widget, Refreshable):
            self.widget.refresh()
        self._shown_once = True

    def focus_target(self) -> QWidget:
        if isinstance(self.widget, Filterable) and isinstance(self.widget.filter_edit, QWidget):
            return self.widget.filter_edit
        return self.widget


def area_page(widget: QWidget) -> AreaPage:
    """The page itself when it implements :class:`AreaPage`, else an adapter for it."""
    if isinstance(widget, AreaPage):
        return widget
    return _RefreshOnShow(widget)
