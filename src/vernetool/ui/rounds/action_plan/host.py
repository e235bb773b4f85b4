"""What the action plan's follow-up and export may use of ``ActionPlanView``, for the type
checker (they are mixed into the view)."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from vernetool.context import AppContext
from vernetool.domain.rounds import Finding, Round
from vernetool.ui.common.task_runner import TaskRunner
from vernetool.ui.rounds.action_plan.model import ActionPlanModel
from vernetool.ui.rounds.finding_dialog import FindingDialog

if TYPE_CHECKING:
    class ActionPlanHost(QWidget):
        ctx: AppContext
        round_id: int
        round: Round
        today: dt.date
        model: ActionPlanModel
        finding_dialog: FindingDialog | None
        runner: TaskRunner | None

        def refresh(self) -> None: ...
        def current_finding(self) -> Finding | None: ...
        def show_notice(self, text: str, error: bool = False) -> None: ...
        def save_notes(self) -> None: ...
        def own_write(self) -> AbstractContextManager[None]: ...
else:
    ActionPlanHost = object
