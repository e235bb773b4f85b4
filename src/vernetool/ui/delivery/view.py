"""The Sync area: the targets this database delivers to, "Sync now" (all targets or the
selected one, in the background with progress and Cancel), and the outbox of bundles with the
selected one's receipt or failure. It reloads when a delivery changes (change notices)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.list_detail import (
    detail_scroll_area,
    list_detail_splitter,
    muted_label,
    section_title,
)
from vernetool.ui.common.task_runner import TaskRunner
from vernetool.ui.delivery import data
from vernetool.ui.delivery.bundle_detail import BundleDetail
from vernetool.ui.delivery.tables import BundlesTable, TargetsTable
from vernetool.ui.delivery.words import outcome_sentence
from vernetool.ui.shell.theme import ERROR, SUCCESS

log = logging.getLogger(__name__)


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """``yes`` or Cancel, Cancel the default (Enter never removes or discards by accident)."""
    from vernetool.ui.common.buttons import translate_buttons

    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                      parent)
    translate_buttons(box)
    button = box.button(QMessageBox.StandardButton.Yes)
    if button is not None:
        button.setText(yes)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


class DeliveryView(QWidget):
    """The area page (``refresh()``; the window adapts it)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner: TaskRunner | None = None
        self.last_result: data.SyncSummary | None = None

        intro = muted_label(tr(
            "What this database sends to the central systems (the deviation system, the "
            "chemical register, DSA, the HSE section). Only what is new or changed since the "
            "last receipt is sent; nothing is lost when a receiver is away — it waits here."))
        self.targets_table = TargetsTable()
        self.add_button = QPushButton(tr("&Add target…"))
        self.add_button.setObjectName("addTarget")
        self.edit_button = QPushButton(tr("&Edit…"))
        self.edit_button.setObjectName("editTarget")
        self.remove_button = QPushButton(tr("Re&move…"))
        self.remove_button.setObjectName("removeTarget")
        self.sync_button = QPushButton(tr("&Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setToolTip(tr("Send what is new to every target"))
        self.sync_one_button = QPushButton(tr("Sync selected &target"))
        self.sync_one_button.setObjectName("syncSelected")
        self.result_label = QLabel()
        self.result_label.setObjectName("syncResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.empty_hint = muted_label(tr(
            "No targets yet. Add one: a folder (a network share or a synced cloud folder) "
            "or the web address of a central system."))
        self.empty_hint.setObjectName("noTargets")

        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addSpacing(12)
        top.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.sync_one_button, 0, Qt.AlignmentFlag.AlignTop)

        targets_box = QWidget()
        targets_layout = QVBoxLayout(targets_box)
        targets_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(section_title(tr("Targets")), 1)
        for button in (self.add_button, self.edit_button, self.remove_button):
            bar.addWidget(button)
        targets_layout.addLayout(bar)
        targets_layout.addWidget(self.targets_table, 1)
        targets_layout.addWidget(self.empty_hint)

        self.bundles_table = BundlesTable()
        self.detail = BundleDetail()
        self.detail_scroll = detail_scroll_area(self.detail)
        self.outbox_split = list_detail_splitter(self.bundles_table, self.detail_scroll,
                                                 list_min=480, detail_min=340)
        outbox_box = QWidget()
        outbox_layout = QVBoxLayout(outbox_box)
        outbox_layout.setContentsMargins(0, 0, 0, 0)
        outbox_layout.addWidget(section_title(tr("Outbox")))
        outbox_layout.addWidget(self.outbox_split, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("syncSplitter")
        self.splitter.addWidget(targets_box)
        self.splitter.addWidget(outbox_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.targets_table.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.result_label)
        layout.addWidget(self.splitter, 1)

        self.add_button.clicked.connect(self.add_target)
        self.edit_button.clicked.connect(self.edit_target)
        self.remove_button.clicked.connect(self.remove_target)
        self.sync_button.clicked.connect(lambda: self.sync(None))
        self.sync_one_button.clicked.connect(self._sync_selected)
        self.targets_table.itemSelectionChanged.connect(self._update_buttons)
        self.targets_table.doubleClicked.connect(self.edit_target)
        self.bundles_table.itemSelectionChanged.connect(self._show_bundle)
        self.detail.requeue_button.clicked.connect(self.requeue)
        self.detail.discard_button.clicked.connect(self.discard)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on([Topic.OUTBOX], self._changed)
        self.refresh()

    # -- reading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        with reported(self, tr("Sync")) as outcome:
            bundles = data.bundles(self.ctx)
            targets = data.targets(self.ctx, bundles)
        if not outcome:
            return
        self.targets_table.set_rows(targets)
        self.bundles_table.set_rows(bundles)
        self.empty_hint.setVisible(not targets)
        self._update_buttons()
        self._show_bundle()

    def _changed(self, _change: Change) -> None:
        if self.runner is None or not self.runner.running:
            self.refresh()

    def _update_buttons(self) -> None:
        chosen = self.targets_table.selected() is not None
        busy = self.runner is not None and self.runner.running
        has_targets = bool(self.targets_table.rows)
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.sync_button.setEnabled(has_targets and not busy)
        self.sync_one_button.setEnabled(chosen and not busy)

    def _show_bundle(self) -> None:
        self.detail.show_bundle(self.bundles_table.selected())

    # -- targets ------------------------------------------------------------------------------
    def add_target(self) -> None:
        from vernetool.ui.delivery.target_dialog import TargetDialog

        dialog = TargetDialog(self.ctx, None, self)
        if dialog.exec():
            self.refresh()
            self.targets_table.select_key(dialog.saved_name)

    def edit_target(self) -> None:
        target = self.targets_table.selected()
        if target is None:
            return
        from vernetool.ui.delivery.target_dialog import TargetDialog

        dialog = TargetDialog(self.ctx, target, self)
        if dialog.exec():
            self.refresh()

    def remove_target(self) -> None:
        target = self.targets_table.selected()
        if target is None:
            return
        if not ask(self, tr("Remove target"),
                   tr("Stop delivering to {name}? Its receipts stay in the outbox; bundles "
                      "still waiting for it are not sent.").format(name=target.name),
                   tr("Remove")):
            return
        with reported(self, tr("Remove target")):
            data.remove_target(self.ctx, target.name)
        self.refresh()

    # -- syncing ------------------------------------------------------------------------------
    def _sync_selected(self) -> None:
        target = self.targets_table.selected()
        if target is not None:
            self.sync(target.name)

    def sync(self, target: str | None) -> TaskRunner | None:
        if self.runner is not None and self.runner.running:
            return None
        self.last_result = None
        label = (tr("Sending to {target}…").format(target=target) if target
                 else tr("Sending to every target…"))
        runner = TaskRunner(self, tr("Sync"), label, data.sync_job(self.ctx, target))
        runner.succeeded.connect(self._synced)
        runner.failed.connect(self._sync_failed)
        runner.cancelled.connect(self._sync_cancelled)
        runner.finished.connect(self._sync_finished)
        self.runner = runner
        self._update_buttons()
        runner.start()
        return runner

    def _show_result(self, text: str, colour: str | None) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.result_label.show()

    def _synced(self, result: data.SyncSummary) -> None:
        self.last_result = result
        if result.cancelled:
            self._sync_cancelled()
            return
        if not result.targets:
            self._show_result(tr("No target to send to."), None)
            return
        lines = [outcome_sentence(t.name, t.delivered, t.failed, t.pending, t.errors)
                 for t in result.targets]
        failed = any(t.failed for t in result.targets)
        delivered = any(t.delivered for t in result.targets)
        self._show_result("\n".join(lines), ERROR if failed else SUCCESS if delivered
                          else None)

    def _sync_failed(self, exc: object) -> None:
        from vernetool.services.errors import StoreError

        if isinstance(exc, StoreError):
            from vernetool.i18n.store_errors import describe

            self._show_result(describe(exc), ERROR)
            return
        message = getattr(exc, "message", None) or str(exc)
        self._show_result(tr("The sync stopped: {reason}").format(reason=message), ERROR)

    def _sync_cancelled(self) -> None:
        self._show_result(tr("Sync cancelled. What was delivered has its receipt; the rest "
                             "waits in the outbox for the next sync."), None)

    def _sync_finished(self) -> None:
        self.refresh()
        result = self.last_result
        if result is not None and any(t.failed for t in result.targets):
            failed = [b for b in self.bundles_table.rows if b.status == "failed"]
            if failed:   # the reason in the server's words, at once
                self.select_bundle(failed[0].bundle_id)

    # -- failed bundles -----------------------------------------------------------------------
    def requeue(self) -> None:
        bundle = self.detail.bundle
        if bundle is None:
            return
        with reported(self, tr("Re-queue")):
            data.requeue(self.ctx, bundle.bundle_id)
        self.result_label.hide()   # what the last sync said is no longer the state
        self.refresh()

    def discard(self) -> None:
        bundle = self.detail.bundle
        if bundle is None:
            return
        if not ask(self, tr("Discard bundle"),
                   tr("Discard this bundle to {target}? It is not sent again; the changes it "
                      "held go in the next bundle.").format(
                       target=bundle.target), tr("Discard")):
            return
        with reported(self, tr("Discard")):
            data.discard(self.ctx, bundle.bundle_id)
        self.result_label.hide()
        self.refresh()

    def select_bundle(self, bundle_id: str) -> bool:
        return self.bundles_table.select_key(bundle_id)
