"""The deviation detail's photos and files: thumbnails, double-click to open, attach button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.services.deviations.attachments import Attachment
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.deviations.table_model import plain_tooltip

THUMB = 96


def thumbnail(path: Path, size: int = THUMB) -> QPixmap:
    """A small picture of a photo, decoded at thumbnail size (phone photos are large)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # respect the camera's orientation
    original = reader.size()
    if original.isValid() and (original.width() > size or original.height() > size):
        reader.setScaledSize(original.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()


class AttachmentsBlock(QWidget):
    """Thumbnails of a deviation's attachments; the view connects ``attach_button``."""

    attachment_opened = Signal(object)        # the Attachment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachments = QListWidget()
        self.attachments.setObjectName("attachments")
        self.attachments.setViewMode(QListWidget.ViewMode.IconMode)
        self.attachments.setIconSize(QSize(THUMB, THUMB))
        self.attachments.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.attachments.setMovement(QListWidget.Movement.Static)
        self.attachments.setWrapping(True)
        self.attachments.setSpacing(6)
        self.attachments.setFixedHeight(THUMB + 48)
        self.attachments.setToolTip(tr("Double-click to open. Drop image files here to attach."))
        self.attachments.itemActivated.connect(self._open_item)
        self.no_attachments = QLabel(tr("No photos or files. Drop image files here or use "
                                        "“Attach photo…”."))
        self.no_attachments.setWordWrap(True)
        self.no_attachments.setStyleSheet(MUTED)
        self.attach_button = QPushButton(tr("Attach &photo…"))
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_button)
        attach_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.no_attachments)
        layout.addWidget(self.attachments)
        layout.addLayout(attach_row)
        self._attachments: list[Attachment] = []

    def show_attachments(self, attachments: list[Attachment], thumbnails: dict[int, Path]
                         ) -> None:
        self._attachments = attachments
        self.attachments.clear()
        for attachment in attachments:
            item = QListWidgetItem(attachment.original_name or attachment.sha256[:8])
            path = thumbnails.get(attachment.id)
            pixmap = thumbnail(path) if path is not None and \
                attachment.media_type.startswith("image/") else QPixmap()
            if not pixmap.isNull():
                item.setIcon(QIcon(pixmap))
            else:
                item.setIcon(self.style().standardIcon(
                    self.style().StandardPixmap.SP_FileIcon))
            item.setToolTip(plain_tooltip(attachment.original_name))
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setSizeHint(QSize(THUMB + 24, THUMB + 36))
            self.attachments.addItem(item)
        self.attachments.setVisible(bool(attachments))
        self.no_attachments.setVisible(not attachments)

    def _open_item(self, item: QListWidgetItem) -> None:
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        found = next((a for a in self._attachments if a.id == attachment_id), None)
        if found is not None:
            self.attachment_opened.emit(found)
