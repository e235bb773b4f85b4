"""The round's files, written and read off the GUI thread: the PDF report, and bundles
exported to or merged from another laptop."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from vernetool.i18n import language, tr
from vernetool.services import Services
from vernetool.ui.common.labels import answer_label
from vernetool.ui.common.message_details import set_details
from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner

Job = Callable[[ProgressFn, CancelledFn], object]


class RoundFiles(QObject):
    """One job at a time; ``notice`` tells how it went, ``merged`` which round a bundle
    changed (0 when unknown)."""

    notice = Signal(str, bool)   # text (may hold a link), is an error
    merged = Signal(int)

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self._window = parent
        self.runner: TaskRunner | None = None
        self.merge_box: QMessageBox | None = None
        self.saved_box: QMessageBox | None = None   # "the report was saved to …: open it?"

    def busy(self) -> bool:
        return self.runner is not None and self.runner.running

    def write_report(self, round_id: int, out: Path | None, today: Any) -> None:
        if self.busy():
            return
        if out is None:
            base = "hms-runde" if language() == "nb" else "hse-round"
            name = f"{base}-{round_id}.pdf"
            path, _ = QFileDialog.getSaveFileName(
                self._window, tr("Save the round report"), str(Path.home() / name),
                tr("PDF (*.pdf)"))
            if not path:
                return
            out = Path(path)
        plans, lang, target = self.services.action_plan, language(), out

        def job(progress: ProgressFn, cancelled: CancelledFn) -> Path:
            return plans.write_report(round_id, target, lang, today)

        self._run(tr("Round report"), tr("Writing {name}…").format(name=out.name), job,
                  lambda path: self._report_written(Path(path)))

    def _report_written(self, path: Path) -> None:
        """Say where the report went (also when the list, and its notice, is not shown: the
        report may be asked for from the action plan) and offer to open it."""
        self.notice.emit(tr("Report written: {link}").format(link=file_link(path)), False)
        box = QMessageBox(QMessageBox.Icon.Information, tr("Round report"),
                          tr("The report was saved to:\n{path}").format(path=path),
                          parent=self._window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        open_file = box.addButton(tr("Open the report"), QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(tr("Open the folder"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_file)

        def chosen(_result: int) -> None:
            clicked = box.clickedButton()
            target = path if clicked is open_file else path.parent \
                if clicked is open_folder else None
            if target is not None and not QDesktopServices.openUrl(
                    QUrl.fromLocalFile(str(target))):
                self.notice.emit(tr("No program could open {path}.").format(path=target), True)

        box.finished.connect(chosen)
        self.saved_box = box
        box.open()

    def export_bundle(self, round_id: int, out: Path | None) -> None:
        if self.busy():
            return
        if out is None:
            path, _ = QFileDialog.getSaveFileName(
                self._window, tr("Export round bundle"),
                str(Path.home() / f"round-{round_id}.zip"), tr("Round bundles (*.zip)"))
            if not path:
                return
            out = Path(path)
        bundles, target = self.services.round_bundles, out

        def job(progress: ProgressFn, cancelled: CancelledFn) -> object:
            return bundles.export(round_id, target)

        self._run(tr("Export round bundle"), tr("Writing {name}…").format(name=out.name), job,
                  lambda _r: self.notice.emit(tr("Bundle written: {link}").format(
                      link=file_link(target)), False))

    def merge_bundle(self, source: Path | None) -> None:
        if self.busy():
            return
        if source is None:
            path, _ = QFileDialog.getOpenFileName(self._window, tr("Merge round bundle"),
                                                  str(Path.home()), tr("Round bundles (*.zip)"))
            if not path:
                return
            source = Path(path)
        bundles, bundle = self.services.round_bundles, source

        def job(progress: ProgressFn, cancelled: CancelledFn) -> object:
            return bundles.merge(bundle)

        self._run(tr("Merge round bundle"), tr("Reading {name}…").format(name=source.name), job,
                  self._merged)

    def _merged(self, result: object) -> None:
        self.merged.emit(getattr(result, "round_id", 0) or 0)
        conflicts = list(getattr(result, "conflicts", None) or [])
        text = tr("The bundle was merged: {answers} answers added, {updated} updated, "
                  "{findings} findings and {photos} photos added.").format(
            answers=getattr(result, "answers_added", 0),
            updated=getattr(result, "answers_updated", 0),
            findings=getattr(result, "findings_added", 0),
            photos=getattr(result, "photos_added", 0))
        if conflicts:
            text += " " + tr("{n} conflicting edits: the newest edit was kept; see the "
                             "list.").format(n=len(conflicts))
            box = QMessageBox(QMessageBox.Icon.Information, tr("Merge round bundle"), text,
                              parent=self._window)
            set_details(box, "\n".join(conflict_text(c) for c in conflicts))
            self.merge_box = box
            box.open()
        self.notice.emit(text, False)

    def _run(self, title: str, label: str, job: Job, done: Callable[[Any], None]) -> None:
        runner = TaskRunner(self._window, title, label, job)
        runner.succeeded.connect(done)
        runner.failed.connect(lambda exc: self.notice.emit(
            tr("{title} failed: {error}").format(title=title, error=exc), True))
        self.runner = runner
        runner.start()


def conflict_text(entry: dict[str, Any]) -> str:
    """One merge conflict as a line a person can act on."""
    side = tr("this laptop") if entry.get("lost_side") == "local" else tr("the bundle")

    def answer_text(value: object) -> str:
        if not isinstance(value, dict):
            return str(value)
        parts = [answer_label(value.get("answer")) or "—"]
        if value.get("comment"):
            parts.append(str(value["comment"]))
        return ": ".join(parts)

    kind = entry.get("kind")
    if kind == "answer":
        return tr("Answer in {room}, item {item}: kept “{kept}”; replaced the version from "
                  "{side}: “{lost}”").format(room=entry.get("room", ""),
                                            item=entry.get("item", ""),
                                            kept=answer_text(entry.get("kept")),
                                            side=side, lost=answer_text(entry.get("lost")))
    if kind == "finding":
        lost = entry.get("lost") or {}
        detail = "; ".join(f"{k}: {v}" for k, v in lost.items()) if isinstance(lost, dict) \
            else str(lost)
        return tr("Finding: the newer edit was kept; the version from {side} was: {lost}") \
            .format(side=side, lost=detail)
    if kind == "round":
        return tr("Round ({field}): the newer text was kept; the text from {side} was: "
                  "{lost}").format(field=entry.get("field", ""), side=side,
                                   lost=entry.get("lost", ""))
    return ", ".join(f"{k}: {v}" for k, v in entry.items())


def file_link(path: Path) -> str:
    return f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(str(path))}</a>'
