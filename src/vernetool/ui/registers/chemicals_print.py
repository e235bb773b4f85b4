"""The chemicals screen's "Print list": a storage place's list (or a room's, one section per
place) as PDF, written off the GUI thread and opened in the PDF viewer.

The list is read on the GUI thread (a few queries on the open connection); only the PDF is
written in the background, so the job never touches the GUI thread's connection.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from vernetool.context import AppContext
from vernetool.i18n import language, tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner


def suggested_name(room_label: str, place: str | None) -> str:
    """"lagringssted-KJ1-101-Syreskap-1.pdf": letters, digits and dashes only."""
    base = "lagringssted" if language() == "nb" else "storage-place"
    words = "-".join(x for x in (room_label, place or "") if x)
    safe = re.sub(r"[^\w]+", "-", words, flags=re.UNICODE).strip("-")
    return f"{base}-{safe}.pdf" if safe else f"{base}.pdf"


def print_storage_place_list(ctx: AppContext, room_id: int, place: str | None,
                             parent: QWidget | None, *, out: Path | None = None,
                             open_after: bool = True) -> TaskRunner | None:
    """Ask where to save (unless ``out``), write the PDF of ``place`` in the room (``None``:
    every place of the room) and open it; returns the running job, None when cancelled."""
    lists = ctx.services.storage_lists
    data = None
    with reported(parent, tr("Could not print the list")):
        data = lists.build(room_id, place)
    if data is None:
        return None
    if out is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, tr("Print storage-place list"),
            str(Path.home() / suggested_name(data.room_label, place)), tr("PDF files (*.pdf)"))
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
    target, lang = out, language()

    def job(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        return lists.render(data, target, lang)

    runner = TaskRunner(parent, tr("Print storage-place list"),
                        tr("Writing {name}…").format(name=target.name), job)
    if open_after:
        runner.succeeded.connect(
            lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    runner.failed.connect(lambda exc: QMessageBox.warning(
        parent, tr("Print storage-place list"),
        tr("{name} could not be written:\n\n{error}").format(name=target.name, error=exc)))
    runner.start()
    return runner
