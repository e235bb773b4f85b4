"""The Registers area: one tab per register (chemicals, exposure …), each built when first shown.

A register is one line in ``register_tabs()``: its key, its title and how to build its page.
The area implements the window's ``AreaPage`` protocol itself and passes ``refresh()``, the
focus and the filter field on to the tab that is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr


@dataclass(frozen=True)
class RegisterTab:
    key: str
    title: Callable[[], str]
    build: Callable[[AppContext], QWidget]


def _chemicals(ctx: AppContext) -> QWidget:
    from vernetool.ui.registers.chemicals.chemicals_view import ChemicalsView

    return ChemicalsView(ctx)


def _exposure(ctx: AppContext) -> QWidget:
    from vernetool.ui.registers.exposure.exposure_view import ExposureView

    return ExposureView(ctx)


def _sources(ctx: AppContext) -> QWidget:
    from vernetool.ui.registers.radiation.sources_view import SourcesView

    return SourcesView(ctx)


def _radiation_workers(ctx: AppContext) -> QWidget:
    from vernetool.ui.registers.radiation.workers_view import WorkersView

    return WorkersView(ctx)


def _bio_agents(ctx: AppContext) -> QWidget:
    from vernetool.ui.registers.biology.agents_view import AgentsView

    return AgentsView(ctx)


def _bio_workers(ctx: AppContext) -> QWidget:
    from vernetool.ui.registers.biology.workers_view import BioWorkersView

    return BioWorkersView(ctx)


def register_tabs() -> list[RegisterTab]:
    return [
        RegisterTab("chemicals", lambda: tr("Chemicals"), _chemicals),
        RegisterTab("exposure", lambda: tr("Exposure register"), _exposure),
        RegisterTab("sources", lambda: tr("Radiation sources"), _sources),
        RegisterTab("radiation_workers", lambda: tr("Radiation workers"), _radiation_workers),
        RegisterTab("bio_agents", lambda: tr("Biological agents"), _bio_agents),
        RegisterTab("bio_workers", lambda: tr("Biological workers"), _bio_workers),
    ]


class RegistersView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._tabs = register_tabs()
        self._pages: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("registerTabs")
        self.tabs.setDocumentMode(True)
        for tab in self._tabs:
            self.tabs.addTab(QWidget(), tab.title())  # replaced by the page on first show
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self._shown_once = False
        chemicals = self.page("chemicals")
        requested = getattr(chemicals, "exposure_requested", None)
        if requested is not None:
            requested.connect(self.show_exposure)
        self.tabs.currentChanged.connect(self._tab_changed)

    # -- the tabs --------------------------------------------------------------------------
    def _index(self, key: str) -> int:
        return [t.key for t in self._tabs].index(key)

    def page(self, key: str) -> QWidget:
        """The page of register ``key``, built now if it has not been shown yet."""
        if key not in self._pages:
            index = self._index(key)
            tab = self._tabs[index]
            page = tab.build(self.ctx)
            page.setObjectName(f"register_{key}")
            current = self.tabs.currentIndex()
            placeholder = self.tabs.widget(index)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, tab.title())
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
            self._pages[key] = page
        return self._pages[key]

    def show_tab(self, key: str) -> QWidget:
        page = self.page(key)
        self.tabs.setCurrentIndex(self._index(key))
        return page

    def current_key(self) -> str:
        return self._tabs[self.tabs.currentIndex()].key

    def current_page(self) -> QWidget:
        return self.page(self.current_key())

    def _tab_changed(self, index: int) -> None:
        if index >= 0:
            page = self.page(self._tabs[index].key)
            if self._shown_once and (refresh := getattr(page, "refresh", None)) is not None:
                refresh()
            self.focus_target().setFocus()

    # -- what the window and other areas ask -------------------------------------------------
    @property
    def filter_edit(self) -> QWidget:
        """The shown register's filter field (Ctrl+F and the window's focus go there)."""
        page = self.current_page()
        edit = getattr(page, "filter_edit", None)
        return edit if isinstance(edit, QWidget) else page

    def activated(self) -> None:
        if self._shown_once:
            self.refresh()
        self._shown_once = True

    def focus_target(self) -> QWidget:
        return self.filter_edit

    def refresh(self) -> None:
        for page in self._pages.values():
            if (refresh := getattr(page, "refresh", None)) is not None:
                refresh()

    def show_room(self, room_id: int) -> None:
        """The chemicals of one room (the Rooms area's "Show in the register")."""
        view = self.show_tab("chemicals")
        show = getattr(view, "show_room", None)
        if show is not None:
            show(room_id)

    def show_exposure(self, product_id: int) -> None:
        """The exposure entries of one product."""
        view = self.show_tab("exposure")
        show = getattr(view, "show_product", None)
        if show is not None:
            show(product_id)
