"""The photos of the room being walked: a strip of cached thumbnails, add, open, remove.

Files are stored content-addressed in the data folder (``vernetool.attachments``) and linked to
the round room, and to the checklist item and finding that were current when they were added.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from vernetool import attachments
from vernetool.i18n import tr
from vernetool.i18n.store_errors import describe
from vernetool.services import Services
from vernetool.services.errors import StoreError
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.shell.theme import MUTED

THUMB = 44
MAX_CACHED = 300


class PhotoStrip(QWidget):
    notice = Signal(str, bool)       # text, is an error
    add_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photos = services.round_photos
        self.round_room_id: int | None = None
        self.read_only = False
        self._thumbs: dict[str, QIcon] = {}
        self.add_button = QPushButton(tr("Add photo…"))
        self.add_button.setToolTip(tr("Attach pictures from files (Ctrl+P), or drop image files "
                                      "on the room"))
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button = QPushButton(tr("Remove photo"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel(tr("or drop pictures on the room"))
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(THUMB, THUMB))
        # one row of thumbnails, never more: more photos scroll sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFixedHeight(THUMB + 14)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(self.open_photo)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.setSpacing(2)
        buttons.addStretch(1)
        # a room without photos shows one line (the button and the hint), so a small laptop
        # keeps its height for the checklist; the thumbnails appear with the first photo
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)

    def _fit_row(self) -> None:
        """One row high; a scroll bar's height more only when the photos overflow the row."""
        count = self.list.count()
        overflow = count * (THUMB + 6 + self.list.spacing()) + 8 > self.list.width()
        extra = self.list.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        height = THUMB + 14 + (extra if count and overflow else 0)
        if self.list.height() != height:
            self.list.setFixedHeight(height)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_row()

    def thumbnail(self, sha: str, ext: str) -> QIcon:
        """A small icon of the photo, read scaled (never the full picture), cached by hash."""
        icon = self._thumbs.get(sha)
        if icon is None:
            reader = QImageReader(str(self.photos.path_of(sha, ext)))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMB * 2, THUMB * 2,
                                                 Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            icon = QIcon(QPixmap.fromImage(image) if not image.isNull() else QPixmap())
            if len(self._thumbs) >= MAX_CACHED:
                self._thumbs.pop(next(iter(self._thumbs)))
            self._thumbs[sha] = icon
        return icon

    def show_room(self, round_room_id: int, read_only: bool = False) -> None:
        self.round_room_id = round_room_id
        self.read_only = read_only
        self.list.clear()
        for photo in self.photos.for_room(round_room_id):
            item = QListWidgetItem(self.thumbnail(photo.sha256, photo.extension), "")
            item.setData(Qt.ItemDataRole.UserRole, photo)
            item.setToolTip(photo.original_name + "\n" + tr("Double-click to open"))
            item.setSizeHint(QSize(THUMB + 6, THUMB + 6))
            self.list.addItem(item)
        has = self.list.count() > 0
        self.hint.setVisible(not has)
        self.list.setVisible(has)
        self.remove_button.setVisible(has)
        self.remove_button.setEnabled(has and not read_only)
        self.add_button.setEnabled(not read_only)
        self._fit_row()

    def choose_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self, tr("Add photo"), str(Path.home()),
            tr("Pictures ({patterns})").format(patterns=" ".join(
                f"*{e}" for e in sorted(attachments.IMAGE_EXTENSIONS))))
        return [Path(n) for n in names]

    def add_files(self, paths: list[Path], item_id: int | None = None,
                  finding_id: int | None = None) -> int:
        """Store the files and link them to the room; returns how many were added."""
        if self.round_room_id is None or self.read_only:
            return 0
        added = 0
        for path in paths:
            try:
                self.photos.add(self.round_room_id, Path(path), item_id=item_id,
                                finding_id=finding_id)
            except StoreError as exc:
                self.notice.emit(tr("The photo could not be added: {error}").format(
                    error=describe(exc)), True)
                continue
            except (attachments.AttachmentError, OSError) as exc:
                self.notice.emit(tr("The photo could not be added: {error}").format(error=exc),
                                 True)
                continue
            added += 1
        if added:
            self.show_room(self.round_room_id, self.read_only)
        return added

    def open_photo(self, item: QListWidgetItem) -> None:
        photo = item.data(Qt.ItemDataRole.UserRole)
        path = self.photos.path_of(photo.sha256, photo.extension)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self.read_only or self.round_room_id is None:
            return
        photo = item.data(Qt.ItemDataRole.UserRole)
        with reported(self) as removed:
            self.photos.remove(self.round_room_id, photo.id)
        if removed:
            self.show_room(self.round_room_id, self.read_only)
