"""Register or edit a biological agent, by keyboard. Typing a Latin name (or "HBV", "E. coli
K-12") offers the built-in list; picking an entry fills in the type, the risk group, the notes
and the retention, all still editable — the list is a starting point, the register is yours.
Tab between the fields, Enter saves, Esc cancels."""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.biology.agents import AgentNote, AgentType, RiskGroup
from vernetool.domain.biology.catalogue import NOTES_TO_VERIFY
from vernetool.domain.biology.model import AgentInput
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.registers.biology import data
from vernetool.ui.registers.biology.catalogue_picker import CataloguePicker, PickedAgent
from vernetool.ui.registers.biology.words import (
    NOTE_ORDER,
    agent_type_label,
    field_label,
    group_label,
    note_meaning,
)


class AgentDialog(QDialog):
    """New agent (``agent_id`` None) or edit one; ``agent_id`` is the saved one after."""

    def __init__(self, ctx: AppContext, agent_id: int | None, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent_id = agent_id
        self._catalogue_name = ""
        agent = ctx.services.bio_agents.agent(agent_id) if agent_id is not None else None
        self.setWindowTitle(tr("Edit biological agent") if agent else
                            tr("New biological agent"))
        self.setMinimumWidth(520)

        self.name = CataloguePicker(ctx)
        self.name.setObjectName("agentName")
        self.agent_type = QComboBox()
        self.agent_type.setObjectName("agentType")
        for agent_type in AgentType:
            self.agent_type.addItem(agent_type_label(agent_type), agent_type.value)
        self.group = QComboBox()
        self.group.setObjectName("riskGroup")
        for group in RiskGroup:
            self.group.addItem(group_label(group), int(group))
        self.notes: dict[AgentNote, QCheckBox] = {}
        notes_row = QHBoxLayout()
        for note in NOTE_ORDER:
            box = QCheckBox(f"&{note.value}")
            box.setObjectName(f"note{note.value}")
            box.setToolTip(note_meaning(note))
            box.setAccessibleName(note_meaning(note))
            self.notes[note] = box
            notes_row.addWidget(box)
        notes_row.addStretch(1)
        self.long_retention = QCheckBox(tr("Latent or &persistent infection: keep the workers "
                                           "register 40 years"))
        self.long_retention.setObjectName("longRetention")
        self.remarks = QLineEdit()
        self.remarks.setObjectName("remarks")
        self.remarks.setPlaceholderText(tr("e.g. strain, source, risk assessment reference"))
        self.source = QLabel()
        self.source.setObjectName("catalogueSource")
        self.source.setWordWrap(True)
        self.source.setStyleSheet(MUTED)
        self.source.setText(tr("Type a Latin name to pick from the built-in list (Directive "
                               "2000/54/EC Annex III, as amended): the group and notes are "
                               "filled in, and you may change them."))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Agent:"), self.name)
        form.addRow(tr("T&ype:"), self.agent_type)
        form.addRow(tr("Risk &group:"), self.group)
        form.addRow(tr("Notes:"), notes_row)
        form.addRow("", self.long_retention)
        form.addRow(tr("&Remarks:"), self.remarks)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.source)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        order: list[QWidget] = [self.name, self.agent_type, self.group, *self.notes.values(),
                                self.long_retention, self.remarks, accept_button(self.buttons)]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.name.picked.connect(self.fill_from_catalogue)
        self.name.editingFinished.connect(self.name.resolve)
        if agent is not None:
            self.name.setText(agent.name)
            self._catalogue_name = agent.catalogue_name
            self.agent_type.setCurrentIndex(self.agent_type.findData(agent.agent_type.value))
            self.group.setCurrentIndex(self.group.findData(int(agent.risk_group)))
            for note, box in self.notes.items():
                box.setChecked(note in agent.notes)
            self.long_retention.setChecked(agent.long_retention)
            self.remarks.setText(agent.remarks)
        self.name.setFocus()

    def fill_from_catalogue(self, entry: PickedAgent) -> None:
        """The built-in list's group, notes, type and retention for the picked name."""
        self._catalogue_name = entry.name
        self.agent_type.setCurrentIndex(self.agent_type.findData(entry.agent_type.value))
        self.group.setCurrentIndex(self.group.findData(int(entry.risk_group)))
        for note, box in self.notes.items():
            box.setChecked(note in entry.notes)
        self.long_retention.setChecked(entry.long_retention)
        words = tr("From the built-in list: group {group}, notes {notes}. Change them if your "
                   "risk assessment says otherwise.").format(
                       group=int(entry.risk_group), notes=entry.notes_text or "—")
        if not getattr(entry, "listed", True):
            words += " " + tr("Not in Annex III: the group is our proposal.")
        if entry.name in NOTES_TO_VERIFY:
            words += " " + tr("Check the notes against the current vedlegg 2.")
        self.source.setText(words)

    def agent_input(self) -> AgentInput:
        name = " ".join(self.name.text().split())
        if not name:
            raise ValidationError("agent_form.name_missing", "name")
        notes = frozenset(n for n, box in self.notes.items() if box.isChecked())
        catalogue_name = self._catalogue_name if self._catalogue_name == name else ""
        return AgentInput(name, AgentType(str(self.agent_type.currentData())),
                          RiskGroup(int(self.group.currentData())), notes,
                          self.long_retention.isChecked(), catalogue_name,
                          self.remarks.text().strip())

    def _widget_for(self, field: str) -> QWidget:
        widgets: dict[str, QWidget] = {"name": self.name, "agent_type": self.agent_type,
                                       "risk_group": self.group, "remarks": self.remarks}
        return widgets.get(field, self.name)

    def save(self) -> bool:
        self.error_label.clear()
        with reported(self) as outcome:
            try:
                self.agent_id = data.save_agent(self.ctx, self.agent_id, self.agent_input())
            except ValidationError as exc:
                self.error_label.show_field_error(field_label(exc.field), exc.message,
                                                  self._widget_for(exc.field))
                return False
        return bool(outcome)

    def accept(self) -> None:
        if self.save():
            super().accept()
