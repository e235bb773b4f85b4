"""Exporting the action plan to Excel or CSV off the GUI thread."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from vernetool.i18n import language, tr
from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner
from vernetool.ui.rounds.action_plan.state import ActionPlanState


class ActionPlanExport(QObject):
    """One export at a time; ``notice`` says where it went or why it failed."""

    notice = Signal(str, bool)   # text (with a link), is an error

    def __init__(self, state: ActionPlanState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self._window = parent
        self.runner: TaskRunner | None = None

    def export(self, fmt: str, out: Path | None = None) -> TaskRunner | None:
        if self.runner is not None and self.runner.running:
            return None
        state = self.state
        if out is None:
            base = "tiltaksplan" if language() == "nb" else "action-plan"
            path, _ = QFileDialog.getSaveFileName(
                self._window, tr("Export action plan"),
                str(Path.home() / f"{base}-{state.round_id}.{fmt}"),
                tr("Excel workbook (*.xlsx)") if fmt == "xlsx" else tr("CSV (*.csv)"))
            if not path:
                return None
            out = Path(path)
        plans, round_id, lang, today = (state.ctx.services.action_plan, state.round_id,
                                        language(), state.today)
        target = out

        def job(progress: ProgressFn, cancelled: CancelledFn) -> int:
            return plans.export(round_id, target, fmt, lang, today)

        runner = TaskRunner(self._window, tr("Export action plan"),
                            tr("Writing {name}…").format(name=out.name), job)
        runner.succeeded.connect(lambda n: self.notice.emit(
            tr("{n} actions exported to {link}").format(n=n, link=_link(target)), False))
        runner.failed.connect(lambda exc: self.notice.emit(
            tr("The action plan could not be exported: {error}").format(error=exc), True))
        self.runner = runner
        runner.start()
        return runner


def _link(path: Path) -> str:
    return f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(str(path))}</a>'
