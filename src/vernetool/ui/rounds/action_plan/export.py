"""Exporting the action plan to Excel or CSV off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog

from vernetool.i18n import language, tr
from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner
from vernetool.ui.rounds.action_plan.host import ActionPlanHost


class ActionPlanExportMixin(ActionPlanHost):
    """The export of ActionPlanView (uses its attributes)."""

    def export_action_plan(self, fmt: str, out: Path | None = None) -> TaskRunner | None:
        if self.runner is not None and self.runner.running:
            return None
        if out is None:
            base = "tiltaksplan" if language() == "nb" else "action-plan"
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Export action plan"), str(Path.home() / f"{base}-{self.round_id}.{fmt}"),
                tr("Excel workbook (*.xlsx)") if fmt == "xlsx" else tr("CSV (*.csv)"))
            if not path:
                return None
            out = Path(path)
        plans, round_id, lang, today = (self.ctx.services.action_plan, self.round_id,
                                        language(), self.today)
        target = out

        def job(progress: ProgressFn, cancelled: CancelledFn) -> int:
            return plans.export(round_id, target, fmt, lang, today)

        runner = TaskRunner(self, tr("Export action plan"),
                            tr("Writing {name}…").format(name=out.name), job)
        runner.succeeded.connect(lambda n: self.show_notice(
            tr("{n} actions exported to {link}").format(n=n, link=_link(out))))
        runner.failed.connect(lambda exc: self.show_notice(
            tr("The action plan could not be exported: {error}").format(error=exc), error=True))
        self.runner = runner
        runner.start()
        return runner


def _link(path: Path) -> str:
    import html

    return f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(str(path))}</a>'
