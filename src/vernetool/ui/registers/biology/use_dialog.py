"""An agent used in a room: the room, its containment level, the date the planned use was
notified to Arbeidstilsynet and the first use. What the rules make of it is said as you type:
the last day to notify, a notification too late, a containment level below the group."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.biology.agents import (
    NotificationState,
    containment_below_group,
    notification_check,
)
from vernetool.domain.biology.model import AgentUseInput
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.labels import format_date
from vernetool.ui.common.list_detail import plain_label
from vernetool.ui.common.room_picker import RoomPicker
from vernetool.ui.registers.biology import data
from vernetool.ui.registers.biology.agents_model import AgentRow, UseRow
from vernetool.ui.registers.biology.fields import DateField
from vernetool.ui.registers.biology.words import (
    containment_label,
    field_label,
    group_label,
    notification_label,
)
from vernetool.ui.shell import theme


class AgentUseDialog(QDialog):
    """``use`` None: a new room for ``agent``; ``use_id`` is the saved use after."""

    def __init__(self, ctx: AppContext, agent: AgentRow, use: UseRow | None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent = agent
        self.use_id = use.id if use is not None else None
        self.today = today or dt.date.today()
        self.setWindowTitle(tr("Agent in a room"))
        self.setMinimumWidth(500)

        self.agent_label = plain_label()
        self.agent_label.setObjectName("agent")
        self.agent_label.setText(f"{agent.name} — {group_label(agent.risk_group)}")
        self.room = RoomPicker(ctx)
        self.room.setObjectName("room")
        self.level = QComboBox()
        self.level.setObjectName("containmentLevel")
        self.level.addItem(tr("not given"), 0)
        for level in range(1, 5):
            self.level.addItem(containment_label(level), level)
        self.notified = DateField(tr("not notified"))
        self.notified.setObjectName("notifiedAt")
        self.first_use = DateField(tr("not planned yet"))
        self.first_use.setObjectName("firstUse")
        self.check = QLabel()
        self.check.setObjectName("ruleCheck")
        self.check.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Agent:"), self.agent_label)
        form.addRow(tr("Roo&m:"), self.room)
        form.addRow(tr("&Containment level:"), self.level)
        form.addRow(tr("&Notified to Arbeidstilsynet:"), self.notified)
        form.addRow(tr("&First use:"), self.first_use)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        order: list[QWidget] = [self.room, self.level, self.notified, self.first_use,
                                accept_button(self.buttons)]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        if use is not None:
            self.room.set_room_id(use.room_id)
            self.room.setReadOnly(True)   # a use is the agent in this room: another room is
            self.room.setClearButtonEnabled(False)  # another use ("Use in a room…")
            self.level.setCurrentIndex(max(0, self.level.findData(use.containment_level or 0)))
            self.notified.set_value(use.notified_at)
            self.first_use.set_value(use.first_use)
        else:
            self.level.setCurrentIndex(self.level.findData(min(4, max(1, agent.risk_group))))
        for signal in (self.level.currentIndexChanged, self.notified.dateChanged,
                       self.first_use.dateChanged):
            signal.connect(self.show_check)
        self.show_check()
        (self.level if use is not None else self.room).setFocus()

    def show_check(self) -> None:
        """The notification rule and the containment rule on what is typed now."""
        lines: list[str] = []
        flagged = False
        check = notification_check(self.agent.risk_group, self.notified.value(),
                                   self.first_use.value())
        if check.state is NotificationState.NOT_REQUIRED:
            lines.append(tr("Group 1: no notification to Arbeidstilsynet is needed."))
        elif check.state is NotificationState.MISSING:
            flagged = True
            if check.notify_by is not None:
                lines.append(tr("Not notified: notify Arbeidstilsynet by {date} (30 days "
                                "before first use).").format(date=format_date(check.notify_by)))
            else:
                lines.append(tr("Not notified: group 2-4 agents are notified to "
                                "Arbeidstilsynet at least 30 days before first use."))
        elif check.state is NotificationState.LATE:
            flagged = True
            lines.append(tr("{state}: {n} days short of the 30 days before first use.").format(
                state=notification_label(check.state), n=check.shortfall_days))
        else:
            lines.append(notification_label(check.state) + ".")
        level = int(self.level.currentData() or 0) or None
        if containment_below_group(self.agent.risk_group, level):
            flagged = True
            lines.append(tr("The containment level is below the risk group ({group}).").format(
                group=self.agent.risk_group))
        self.check.setText(" ".join(lines))
        self.check.setStyleSheet(f"color: {theme.ERROR if flagged else theme.MUTED};")

    def use_input(self) -> AgentUseInput:
        room = self.room.room()
        if room is None or room.id is None:
            raise ValidationError("agent_use_form.room_missing", "room")
        level = int(self.level.currentData() or 0) or None
        return AgentUseInput(self.agent.id, room.id, level, self.notified.value(),
                             self.first_use.value())

    def _widget_for(self, field: str) -> QWidget:
        widgets: dict[str, QWidget] = {"room": self.room, "containment_level": self.level,
                                       "notified_at": self.notified,
                                       "first_use": self.first_use}
        return widgets.get(field, self.room)

    def save(self) -> bool:
        self.error_label.clear()
        with reported(self) as outcome:
            try:
                self.use_id = data.save_use(self.ctx, self.use_id, self.use_input())
            except ValidationError as exc:
                self.error_label.show_field_error(field_label(exc.field), exc.message,
                                                  self._widget_for(exc.field))
                return False
        return bool(outcome)

    def accept(self) -> None:
        if self.save():
            super().accept()
