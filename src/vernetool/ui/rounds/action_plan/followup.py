"""Following up the action plan: edit, close and reopen findings, set action status, complete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QInputDialog

from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import ActionStatus, Finding, RoundStatus
from vernetool.i18n import language, tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import round_status_label
from vernetool.ui.rounds.action_plan.host import ActionPlanHost
from vernetool.ui.rounds.finding_dialog import FindingDialog


class ActionPlanFollowUpMixin(ActionPlanHost):
    """The follow-up slots of ActionPlanView (use its attributes)."""

    def _save_finding(self, finding: Finding) -> None:
        with self.own_write():
            self.ctx.services.findings.save(finding)
        QTimer.singleShot(0, self._after_edit)

    def _after_edit(self) -> None:
        self.refresh()

    def _double_clicked(self, index: QModelIndex) -> None:
        if not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.edit_finding()

    def edit_finding(self) -> None:
        f = self.current_finding()
        if f is None or f.id is None:
            return
        dialog = FindingDialog(self.ctx, self.ctx.services.findings.get(f.id, language()),
                               self, context=f.room_label or (tr("The unit") if f.unit_wide
                                                              else ""), today=self.today)
        dialog.finished.connect(lambda result: self._dialog_done(dialog, result))
        self.finding_dialog = dialog
        dialog.open()

    def _dialog_done(self, dialog: FindingDialog, result: int) -> None:
        self.finding_dialog = None
        dialog.deleteLater()
        if result:
            self.refresh()

    def _change_finding(self, change: Callable[[], object], failed: str) -> None:
        """Make one change in the store, then show the plan again; ``failed`` is the notice
        (with ``{error}``) when the store refuses it."""
        try:
            with reported(self) as changed, self.own_write():
                change()
        except ValidationError as exc:
            self.show_notice(failed.format(error=exc), error=True)
            return
        if changed:
            self.refresh()

    def current_finding_id(self) -> int | None:
        f = self.current_finding()
        return f.id if f is not None else None

    def set_action_status(self, status: ActionStatus) -> None:
        finding_id = self.current_finding_id()
        if finding_id is None:
            return
        findings = self.ctx.services.findings
        self._change_finding(lambda: findings.set_action_status(finding_id, status),
                             tr("The action could not be saved: {error}"))

    def ask_close(self) -> None:
        f = self.current_finding()
        if f is None or f.id is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("Close finding"))
        dialog.setLabelText(tr("How was it followed up? (optional note)"))
        dialog.setOkButtonText(tr("Close finding"))
        dialog.setCancelButtonText(tr("Cancel"))
        dialog.textValueSelected.connect(lambda note, fid=f.id: self.close_finding(fid, note))
        self.close_dialog = dialog
        dialog.open()

    def close_finding(self, finding_id: int, note: str = "") -> None:
        self._change_finding(
            lambda: self.ctx.services.findings.close(finding_id, note.strip()),
            tr("The finding could not be closed: {error}"))

    def reopen(self) -> None:
        finding_id = self.current_finding_id()
        if finding_id is None:
            return
        with reported(self) as reopened, self.own_write():
            self.ctx.services.findings.reopen(finding_id)
        if reopened:
            self.refresh()

    def complete_round(self) -> None:
        self.save_notes()
        target = (RoundStatus.COMPLETED if self.round.status is RoundStatus.IN_PROGRESS
                  else RoundStatus.REPORTED)
        try:
            with reported(self) as changed, self.own_write():
                self.ctx.services.rounds.set_status(self.round_id, target)
        except ValidationError as exc:
            self.show_notice(str(exc), error=True)
            return
        if not changed:
            return
        self.refresh()
        self.show_notice(tr("The round is now “{status}”.").format(
            status=round_status_label(target)))
