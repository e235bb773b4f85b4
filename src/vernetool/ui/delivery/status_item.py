"""The status bar's delivery item: "Deliveries: 2 waiting, 1 failed" (red when something
failed); a click opens the Sync area. Built after the first paint (never on the start-up
path) and refreshed on delivery change notices."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr, trn
from vernetool.services import Change, Topic
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.delivery import data
from vernetool.ui.shell.theme import ERROR, SUCCESS

log = logging.getLogger(__name__)


def status_text(waiting: int, failed: int) -> str:
    if not waiting and not failed:
        return tr("Deliveries: nothing waiting")
    parts = []
    if waiting:
        parts.append(trn("{n} waiting", "{n} waiting", waiting).format(n=waiting))
    if failed:
        parts.append(trn("{n} failed", "{n} failed", failed).format(n=failed))
    return tr("Deliveries: {what}").format(what=", ".join(parts))


class DeliveryStatusItem(QPushButton):
    """Flat, like the rest of the status bar; hidden while the database has no targets."""

    def __init__(self, ctx: AppContext, open_area: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("deliveryStatus")
        self.setFlat(True)
        self.setToolTip(tr("Bundles waiting to be sent to the central systems, and those "
                           "that failed. Click to open Sync."))
        self.waiting = 0
        self.failed = 0
        self.clicked.connect(open_area)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on([Topic.OUTBOX], self._changed)
        self.refresh()

    def _changed(self, _change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        try:
            has_targets = data.has_targets(self.ctx)
            self.waiting, self.failed = data.counts(self.ctx)
        except Exception:  # the status bar never breaks the window; the area reports it
            log.exception("reading the outbox for the status bar")
            self.hide()
            return
        self.setText(status_text(self.waiting, self.failed))
        colour = ERROR if self.failed else SUCCESS if not self.waiting else ""
        self.setStyleSheet(f"color: {colour}; padding: 0 6px;" if colour
                           else "padding: 0 6px;")
        self.setVisible(has_targets or bool(self.waiting or self.failed))
