"""The Annual reporting area: the tab where the line manager and the safety rep answer the
unit's questionnaire together, and the HSE section's aggregate of the units' answers. The
form reloads when its data changes elsewhere (change notices), not when its own writes land."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.ui.annual.aggregate_tab import AggregateTab
from vernetool.ui.annual.form import FormTab
from vernetool.ui.common.change_relay import ChangeRelay

#: what the form shows besides its own answers: the units, and the data that pre-fills
_TOPICS = (Topic.UNITS, Topic.ROOMS, Topic.ROUNDS, Topic.CHEMICALS, Topic.HOLDINGS,
           Topic.SOURCES, Topic.AGENTS, Topic.ROOM_CARDS, Topic.RESPONSIBILITIES,
           Topic.DEVIATIONS, Topic.OUTBOX)


class AnnualView(QWidget):
    """The area page (implements the window's ``AreaPage``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = FormTab(ctx, today=today)
        self.aggregate = AggregateTab(ctx, today=today)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("annualTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.form, tr("Unit's report"))
        self.tabs.addTab(self.aggregate, tr("Aggregate (HSE section)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addWidget(self.tabs)
        self._stale = False
        self.relay = ChangeRelay(ctx.services, self)
        annual = getattr(Topic, "ANNUAL", None)
        self.relay.on([*_TOPICS, *([annual] if annual is not None else [])], self._changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        # from the keyboard wherever the focus is in the area (a line edit keeps Ctrl+Tab)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.switch_tab(step))
        for index in range(self.tabs.count()):
            self.tabs.setTabToolTip(index, tr("Ctrl+PgDown / Ctrl+PgUp: the other tab"))
        self.form.go_to_sync.connect(self._go_to_sync)

    # -- AreaPage ---------------------------------------------------------------------------
    def activated(self) -> None:
        if self._stale:
            self._stale = False
            self.form.reload()
        self.aggregate.activated()

    def refresh(self) -> None:
        """Read the unit's form again (the window's protocol; change notices do it too)."""
        self.form.reload()

    def focus_target(self) -> QWidget:
        if self.tabs.currentWidget() is self.aggregate:
            return self.aggregate.folder
        return self.form.unit

    # -- changes ----------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if self.form.own_writes:
            return
        units = change.topic is Topic.UNITS or change.topic is Topic.DATABASE
        if units and self.isVisible():
            self.form.fill_units()
        elif self.isVisible():
            self.form.reload()
        else:
            self._stale = True

    def switch_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
        self.focus_target().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.aggregate:
            self.aggregate.activated()

    def _go_to_sync(self) -> None:
        window = self.window()
        show_area = getattr(window, "show_area", None)
        if callable(show_area):
            show_area("sync")
            focus = getattr(window, "focus_page", None)
            if callable(focus):
                focus()
