"""What the plan dialog's tabs may use of each other, spelled out for the type checker.

The tabs are mixed into ``RoundPlanDialog``; each declares here the dialog's state and the
other tabs' fields and refresh calls it uses, so a tab that reaches for something the dialog
does not have fails the type check instead of at run time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDialog, QLineEdit

from vernetool.context import AppContext
from vernetool.domain.checklists import Template
from vernetool.domain.organisation import Room

if TYPE_CHECKING:
    class PlanDialogHost(QDialog):
        ctx: AppContext
        today: dt.date
        round_id: int | None
        chosen: dict[int, Room]     # room id → room, the rooms in the round
        shown: list[Room]           # the rooms the filters found
        existing_unit: int | None   # the unit-wide entry of the round being edited
        unit_template: Template | None
        title: QLineEdit
        unit: QComboBox
        start: QDateEdit
        room_unit: QComboBox
        include_unit: QCheckBox

        def update_rooms(self, reset_floor: bool = False) -> None: ...
        def _update_templates(self) -> None: ...
        def _refresh_pre(self) -> None: ...
        def _unit_changed(self) -> None: ...
else:
    PlanDialogHost = object
