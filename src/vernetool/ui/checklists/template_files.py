"""Import and export of checklist JSON files from the Checklists area (dialogs + service)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from vernetool.i18n import tr
from vernetool.services.checklists.templates import TemplateImport, TemplatesService
from vernetool.services.errors import ValidationError
from vernetool.ui.checklists.messages import warn
from vernetool.ui.common.error_reporting import reported


def import_checklist(parent: QWidget, checklists: TemplatesService) -> TemplateImport | None:
    """Ask for a file and store it as a new version; None when nothing was imported."""
    name, _ = QFileDialog.getOpenFileName(parent, tr("Import checklist"), "",
                                          tr("Checklists (*.json)"))
    if not name:
        return None
    title = tr("The checklist cannot be imported")
    with reported(parent, title):
        try:
            return checklists.import_file(Path(name))
        except ValidationError as exc:
            warn(parent, title, exc.message)
        except OSError as exc:
            warn(parent, title, str(exc))
    return None


def import_note(result: TemplateImport) -> str:
    if result.created:
        return tr("Imported as '{key}', version {n}.").format(key=result.key, n=result.version)
    return tr("Nothing new: version {n} of '{key}' has the same content.").format(
        key=result.key, n=result.version)


def export_checklist(parent: QWidget, checklists: TemplatesService, template_id: int,
                     suggested: str) -> str | None:
    """Ask where to write the stored version; returns the file written (None: not written)."""
    name, _ = QFileDialog.getSaveFileName(parent, tr("Export checklist"), suggested,
                                          tr("Checklists (*.json)"))
    if not name:
        return None
    title = tr("The checklist cannot be exported")
    with reported(parent, title):
        try:
            checklists.export_file(template_id, Path(name))
        except OSError as exc:
            warn(parent, title, str(exc))
            return None
        return name
    return None
