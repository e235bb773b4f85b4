"""Following up the action plan: edit, close and reopen findings, set action status, complete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import ActionStatus, Finding, RoundStatus
from vernetool.i18n import language, tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import round_status_label
from vernetool.ui.rounds.action_plan.state import ActionPlanState
from vernetool.ui.rounds.completion import confirm_completion
from vernetool.ui.rounds.finding_dialog import FindingDialog


class FollowUp(QObject):
    """The follow-up of the selected finding (``current``) and of the round."""

    changed = Signal()          # stored: show the plan again
    notice = Signal(str, bool)  # text, is an error

    def __init__(self, state: ActionPlanState, current: Callable[[], Finding | None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self._current = current
        self._window = parent
        self.finding_dialog: FindingDialog | None = None
        self.close_dialog: QInputDialog | None = None
        self.completion_box: QMessageBox | None = None   # "items not answered: complete?"

    def save_finding(self, finding: Finding) -> None:
        """An edit made in the table (the model's save)."""
        with self.state.own_write():
            self.state.ctx.services.findings.save(finding)

    def edit_finding(self) -> None:
        f = self._current()
        if f is None or f.id is None:
            return
        ctx = self.state.ctx
        dialog = FindingDialog(ctx, ctx.services.findings.get(f.id, language()), self._window,
                               context=f.room_label or (tr("The unit") if f.unit_wide else ""),
                               today=self.state.today)
        dialog.finished.connect(lambda result: self._dialog_done(dialog, result))
        self.finding_dialog = dialog
        dialog.open()

    def _dialog_done(self, dialog: FindingDialog, result: int) -> None:
        self.finding_dialog = None
        dialog.deleteLater()
        if result:
            self.changed.emit()

    def _change(self, change: Callable[[], object], failed: str) -> None:
        """Make one change in the store, then show the plan again; ``failed`` is the notice
        (with ``{error}``) when the store refuses it."""
        try:
            with reported(self._window) as done, self.state.own_write():
                change()
        except ValidationError as exc:
            self.notice.emit(failed.format(error=exc), True)
            return
        if done:
            self.changed.emit()

    def _current_id(self) -> int | None:
        f = self._current()
        return f.id if f is not None else None

    def set_action_status(self, status: ActionStatus) -> None:
        finding_id = self._current_id()
        if finding_id is None:
            return
        findings = self.state.ctx.services.findings
        self._change(lambda: findings.set_action_status(finding_id, status),
                     tr("The action could not be saved: {error}"))

    def ask_close(self) -> None:
        f = self._current()
        if f is None or f.id is None:
            return
        dialog = QInputDialog(self._window)
        dialog.setWindowTitle(tr("Close finding"))
        dialog.setLabelText(tr("How was it followed up? (optional note)"))
        dialog.setOkButtonText(tr("Close finding"))
        dialog.setCancelButtonText(tr("Cancel"))
        dialog.textValueSelected.connect(lambda note, fid=f.id: self.close_finding(fid, note))
        self.close_dialog = dialog
        dialog.open()

    def close_finding(self, finding_id: int, note: str = "") -> None:
        findings = self.state.ctx.services.findings
        self._change(lambda: findings.close(finding_id, note.strip()),
                     tr("The finding could not be closed: {error}"))

    def reopen(self) -> None:
        finding_id = self._current_id()
        if finding_id is None:
            return
        with reported(self._window) as reopened, self.state.own_write():
            self.state.ctx.services.findings.reopen(finding_id)
        if reopened:
            self.changed.emit()

    def complete_round(self) -> None:
        """In progress → completed (asked first when items are not answered), or completed →
        reported."""
        state = self.state
        if state.round.status is RoundStatus.IN_PROGRESS:
            self.completion_box = confirm_completion(
                self._window, state.ctx.services, state.round_id,
                lambda: self._set_status(RoundStatus.COMPLETED))
        else:
            self._set_status(RoundStatus.REPORTED)

    def _set_status(self, target: RoundStatus) -> None:
        state = self.state
        try:
            with reported(self._window) as changed, state.own_write():
                state.ctx.services.rounds.set_status(state.round_id, target)
        except ValidationError as exc:
            self.notice.emit(str(exc), True)
            return
        if not changed:
            return
        self.changed.emit()
        self.notice.emit(tr("The round is now “{status}”.").format(
            status=round_status_label(target)), False)
