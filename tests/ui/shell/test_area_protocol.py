"""The area protocol: the window asks each page to be activated and where the focus goes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from vernetool.context import AppContext
from vernetool.ui.shell.area import AreaPage, Filterable, Refreshable, area_page
from vernetool.ui.shell.areas import all_areas
from vernetool.ui.shell.main_window import MainWindow


class _Legacy(QWidget):
    """A view as the areas are today: ``refresh()`` and a ``filter_edit``."""

    def __init__(self) -> None:
        super().__init__()
        self.filter_edit = QLineEdit(self)
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


class _Native(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.activations = 0

    def activated(self) -> None:
        self.activations += 1

    def focus_target(self) -> QWidget:
        return self


def test_a_view_with_refresh_reloads_when_shown_again_not_the_first_time(qtbot: Any) -> None:
    view = _Legacy()
    qtbot.addWidget(view)
    page = area_page(view)
    page.activated()
    assert view.refreshed == 0  # it has just loaded
    page.activated()
    page.activated()
    assert view.refreshed == 2
    assert page.focus_target() is view.filter_edit


def test_a_view_without_a_filter_takes_the_focus_itself(qtbot: Any) -> None:
    plain = QWidget()
    qtbot.addWidget(plain)
    page = area_page(plain)
    page.activated()
    page.activated()  # nothing to refresh: no error
    assert page.focus_target() is plain


def test_a_view_implementing_the_protocol_is_used_as_it_is(qtbot: Any) -> None:
    view = _Native()
    qtbot.addWidget(view)
    assert isinstance(view, AreaPage) and area_page(view) is view


def test_every_area_refreshes_and_the_window_focuses_its_filter(qtbot: Any,
                                                                ctx: AppContext) -> None:
    ctx.settings.set("last_area", "rooms")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    filters = set()
    for area in all_areas():
        page = window.show_area(area.key)
        assert isinstance(page, Refreshable), area.key
        window.focus_page()
        if isinstance(page, Filterable):
            filters.add(area.key)
            assert page.filter_edit.hasFocus(), area.key
        if area.key == "statistics":  # let its figures finish before the window goes
            qtbot.waitUntil(lambda p=page: getattr(p, "stats", None) is not None,
                            timeout=20000)
    assert filters == {"rooms", "persons", "deviations", "registers", "attention",
                       "statistics"}


def test_the_sync_area_is_listed_ninth_and_reloads_when_shown_again(qtbot: Any,
                                                                    ctx: AppContext) -> None:
    from vernetool.ui.delivery.view import DeliveryView

    assert [a.key for a in all_areas()][-2:] == ["sync", "annual"]   # Ctrl+9, Ctrl+0
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.show_area("sync")
    assert isinstance(page, DeliveryView)
    assert page.targets_table.rows == []
    ctx.services.delivery.targets.add("HSE share", kind="folder", path=str(ctx.db_path.parent),
                                      sends=("rounds",))
    window.show_area("rooms")
    window.show_area("sync")        # another area (or the CLI) may have added a target
    assert [t.name for t in page.targets_table.rows] == ["HSE share"]
