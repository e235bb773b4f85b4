"""The deviations area's part for files: attach photos (chosen or dropped) to the deviation
shown, and open an attachment with the system's viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.services import Services
from vernetool.services.deviations.attachments import Attachment
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.deviations.form_widgets import error_text

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".heic", ".tif", ".tiff"}


def image_paths(urls: list[QUrl]) -> list[Path]:
    """The local image files among dropped ``urls``."""
    return [Path(u.toLocalFile()) for u in urls
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES]


class AttachmentActions:
    """Attaches and opens files for the area ``parent``; ``warn`` shows a problem with one
    file (the others are still attached)."""

    def __init__(self, services: Services, parent: QWidget,
                 warn: Callable[[str], None]) -> None:
        self.services = services
        self.parent = parent
        self.warn = warn

    def choose(self) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(
            self.parent, tr("Attach photo"), str(Path.home()),
            tr("Images (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.heic);;All files (*)"))
        return [Path(p) for p in paths]

    def attach(self, deviation_id: int, paths: list[Path]) -> int:
        """Attach each file; returns how many were attached."""
        added = 0
        with reported(self.parent, tr("Could not attach")):  # a database problem stops all
            for path in paths:
                try:
                    self.services.deviation_attachments.attach_file(deviation_id, path)
                    added += 1
                except (ValidationError, OSError) as exc:
                    message = error_text(exc) if isinstance(exc, ValidationError) else str(exc)
                    self.warn(tr("{name} could not be attached: {error}").format(
                        name=path.name, error=message))
        return added

    def open(self, attachment: Attachment) -> None:
        path = self.services.deviation_attachments.path_of(attachment)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
