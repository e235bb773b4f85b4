"""The selected bundle: where it goes and what it holds, its status, the failure in the
server's words or the receipt, and Re-queue / Discard for a failed bundle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.ui.common.labels import format_count, format_date_time
from vernetool.ui.common.list_detail import (
    FieldGrid,
    detail_title,
    muted_label,
    plain_label,
    section_title,
)
from vernetool.ui.delivery.data import BundleRow, receipt_text
from vernetool.ui.delivery.words import next_attempt_text, sends_label, status_label
from vernetool.ui.shell.theme import DELIVERY_STATUS_COLOURS, DELIVERY_STATUS_UNKNOWN


class BundleDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bundle: BundleRow | None = None
        self.title = detail_title()
        self.title.setObjectName("bundleTitle")
        self.status = QLabel()
        self.status.setObjectName("bundleStatus")
        self.fields = FieldGrid()
        self.values: dict[str, QLabel] = {}
        for key, caption in (("bundle_id", tr("Bundle:")), ("created", tr("Created:")),
                             ("rows", tr("Rows:")), ("attempts", tr("Attempts:")),
                             ("next", tr("Next attempt:")), ("delivered", tr("Delivered:"))):
            value = plain_label()
            value.setObjectName(f"bundle_{key}")
            self.values[key] = value
            self.fields.add_row(caption, value)
        self.reason_title = section_title(tr("Why it failed (the server's words)"))
        self.reason = plain_label()
        self.reason.setObjectName("bundleReason")
        self.reason_hint = muted_label(tr(
            "Fix the cause (the mapping, the target's settings, or ask the receiving "
            "system's administrators), then re-queue the bundle; it is sent again, with "
            "the same content, at the next sync."))
        self.receipt_title = section_title(tr("Receipt"))
        self.receipt = QPlainTextEdit()
        self.receipt.setObjectName("bundleReceipt")
        self.receipt.setReadOnly(True)
        self.receipt.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.receipt.setMinimumHeight(140)
        self.requeue_button = QPushButton(tr("&Re-queue"))
        self.requeue_button.setObjectName("requeueButton")
        self.requeue_button.setToolTip(tr("Send this bundle again at the next sync"))
        self.discard_button = QPushButton(tr("&Discard…"))
        self.discard_button.setObjectName("discardButton")
        self.discard_button.setToolTip(tr("Give up this bundle: it is not sent again; the "
                                          "changes it held go in the next bundle"))
        self.empty = muted_label(tr("Select a bundle to see its receipt or why it failed."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.status, 0, Qt.AlignmentFlag.AlignLeft)
        # what went wrong and what to do first (on a low screen the detail is short)
        layout.addWidget(self.reason_title)
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.requeue_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.reason_hint)
        layout.addWidget(self.receipt_title)
        layout.addWidget(self.receipt, 1)
        layout.addWidget(self.fields)
        layout.addWidget(self.empty)
        layout.addStretch(0)
        self.show_bundle(None)

    def show_bundle(self, bundle: BundleRow | None) -> None:
        self.bundle = bundle
        shown = bundle is not None
        self.title.setVisible(shown)
        self.status.setVisible(shown)
        self.fields.setVisible(shown)
        self.empty.setVisible(not shown)
        failed = shown and bundle is not None and bundle.status == "failed"
        widgets: tuple[QWidget, ...] = (self.reason_title, self.reason, self.reason_hint,
                                        self.requeue_button, self.discard_button)
        for widget in widgets:
            widget.setVisible(failed)
        has_receipt = bundle is not None and bool(receipt_text(bundle.receipt))
        self.receipt_title.setVisible(has_receipt)
        self.receipt.setVisible(has_receipt)
        if bundle is None:
            return
        self.title.setText(tr("{what} to {target}").format(what=sends_label(bundle.kind),
                                                          target=bundle.target))
        background, text = DELIVERY_STATUS_COLOURS.get(bundle.status, DELIVERY_STATUS_UNKNOWN)
        self.status.setText(status_label(bundle.status))
        self.status.setStyleSheet(f"background: {background}; color: {text}; "
                                  "padding: 2px 8px; border-radius: 3px; font-weight: bold;")
        self.values["bundle_id"].setText(bundle.bundle_id)
        self.values["created"].setText(format_date_time(bundle.created_at))
        self.values["rows"].setText(format_count(bundle.rows))
        self.values["attempts"].setText(format_count(bundle.attempts))
        self.values["next"].setText(next_attempt_text(bundle))
        self.values["delivered"].setText(format_date_time(bundle.delivered_at) or "—")
        self.reason.setText(bundle.last_error or tr("(the server gave no reason)"))
        if bundle.status == "queued" and bundle.last_error:  # retried later: say why
            self.reason_title.setText(tr("Last attempt"))
            self.reason_title.show()
            self.reason.show()
        else:
            self.reason_title.setText(tr("Why it failed (the server's words)"))
        self.receipt.setPlainText(receipt_text(bundle.receipt))
