"""A worker in the register for biological agents (§31-3), by keyboard: name, identity
number, agent, type of work, dates — and, for an agent marked V, the written vaccination
offer with its answer in the same go. Also the dialogs for a later offer (or its answer) and
an accident or incident.

The identity number is typed into a password-like field, checked as the cursor leaves it
(both mod-11 control digits) and handed to the service, which encrypts it; it never reaches a
log, the window title or an error text. Saving a number needs the identity vault unlocked.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.biology.agents import AgentNote
from vernetool.domain.biology.model import (
    Agent,
    BioWorker,
    BioWorkerInput,
    IncidentInput,
    VaccinationOffer,
    VaccinationOfferInput,
    VaccineAnswer,
)
from vernetool.domain.biology.workers import vaccine_offer
from vernetool.domain.errors import ValidationError
from vernetool.domain.identity import check_identity_number
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.list_detail import MUTED, plain_label
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.registers.biology import data
from vernetool.ui.registers.biology.fields import DateField, qdate
from vernetool.ui.registers.biology.words import answer_label, field_label
from vernetool.ui.registers.exposure.vault_dialog import ensure_unlocked

UNKNOWN = 0   # the agent combo's "not known / not in the register"


def _tab_order(widgets: list[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def _answer_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("answer")
    for answer in VaccineAnswer:
        combo.addItem(answer_label(answer), answer.value)
    combo.setCurrentIndex(combo.findData(VaccineAnswer.NO_ANSWER.value))
    return combo


class BioWorkerDialog(QDialog):
    """New worker (``worker`` None) or edit one; ``worker_id`` afterwards."""

    def __init__(self, ctx: AppContext, worker: BioWorker | None,
                 parent: QWidget | None = None, *, today: dt.date | None = None,
                 agent_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.worker_id = worker.id if worker is not None else None
        self.today = today or dt.date.today()
        self._identity_error = False
        self.agents: list[Agent] = data.agents(ctx)
        self.setWindowTitle(tr("Edit worker") if worker else tr("New worker"))
        self.setMinimumWidth(520)

        self.person = PersonPicker(ctx)
        self.person.setObjectName("person")
        self.identity = QLineEdit()
        self.identity.setObjectName("identity")
        self.identity.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.identity.setMaxLength(13)
        self.identity.setPlaceholderText(tr("11 digits: fødselsnummer or D-nummer"))
        self.identity.editingFinished.connect(self.check_identity)
        self.agent = QComboBox()
        self.agent.setObjectName("agent")
        self.agent.addItem(tr("Not known / not in the register"), UNKNOWN)
        for agent in self.agents:
            self.agent.addItem(f"{agent.name} ({tr('group {n}').format(n=int(agent.risk_group))})",
                               agent.id)
        self.agent_text = QLineEdit()
        self.agent_text.setObjectName("agentText")
        self.agent_text.setPlaceholderText(tr("What is known of the agent"))
        self.work = QLineEdit()
        self.work.setObjectName("work")
        self.work.setPlaceholderText(tr("e.g. cell culture, diagnostics, animal work"))
        self.employed = DateField(tr("not given"))
        self.employed.setObjectName("employedFrom")
        self.last_exposure = DateField(tr("still exposed"))
        self.last_exposure.setObjectName("lastExposure")
        self.long_term = QCheckBox(tr("Latent or persistent infection: keep &40 years"))
        self.long_term.setObjectName("longTerm")
        # the written vaccination offer (new workers, agents marked V)
        self.offer_title = QLabel(tr("Vaccination offer in writing (the agent is marked V):"))
        self.offer_title.setWordWrap(True)
        self.offered = DateField(tr("not offered yet"))
        self.offered.setObjectName("offeredAt")
        self.answer = _answer_combo()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Name:"), self.person)
        form.addRow(tr("&Identity number:"), self.identity)
        form.addRow(tr("A&gent:"), self.agent)
        form.addRow(tr("&Unlisted agent:"), self.agent_text)
        form.addRow(tr("&Type of work:"), self.work)
        form.addRow(tr("Em&ployed from:"), self.employed)
        form.addRow(tr("&Last exposure:"), self.last_exposure)
        form.addRow("", self.long_term)
        form.addRow(self.offer_title)
        form.addRow(tr("&Offered on:"), self.offered)
        form.addRow(tr("Ans&wer:"), self.answer)
        self.form = form
        hint = QLabel(tr("The identity number is stored encrypted and shown masked."))
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        _tab_order([self.person, self.identity, self.agent, self.agent_text, self.work,
                    self.employed, self.last_exposure, self.long_term, self.offered,
                    self.answer, accept_button(self.buttons)])

        self.agent.currentIndexChanged.connect(self._agent_changed)
        if worker is not None:
            self._fill(worker)
        elif agent_id is not None:
            self.agent.setCurrentIndex(max(0, self.agent.findData(agent_id)))
        self._agent_changed()
        self.person.setFocus()

    def _fill(self, worker: BioWorker) -> None:
        if worker.person_id is not None:
            self.person.set_person(worker.person_id, worker.person)
        else:
            self.person.setText(worker.person)
        if worker.has_identity:  # only the mask is known here: empty keeps the number
            self.identity.setPlaceholderText(
                tr("{masked} — leave empty to keep it").format(masked=worker.identity_masked))
        self.agent.setCurrentIndex(max(0, self.agent.findData(worker.agent_id or UNKNOWN)))
        self.agent_text.setText(worker.agent_text)
        self.work.setText(worker.work)
        self.employed.set_value(worker.employed_from)
        self.last_exposure.set_value(worker.last_exposure)
        self.long_term.setChecked(worker.long_term)

    def chosen_agent(self) -> Agent | None:
        agent_id = int(self.agent.currentData() or UNKNOWN)
        return next((a for a in self.agents if a.id == agent_id), None)

    def _agent_changed(self) -> None:
        agent = self.chosen_agent()
        self.agent_text.setEnabled(agent is None)
        if agent is not None and self.worker is None:
            self.long_term.setChecked(agent.long_retention)
        offer = self.worker is None and agent is not None and AgentNote.VACCINE in agent.notes
        for widget in (self.offer_title, self.offered, self.answer):
            widget.setVisible(offer)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(offer)
        if offer and self.offered.value() is None:
            self.offered.setDate(qdate(self.today))

    # -- checking ------------------------------------------------------------------------------
    def check_identity(self) -> bool:
        """Leaving the field checks the number (an empty field is checked on saving)."""
        text = self.identity.text().strip()
        if not text:
            return True
        try:
            check_identity_number(text)
        except ValidationError as exc:
            self.error_label.show_field_error(field_label("identity_number"), exc.message)
            self._identity_error = True
            return False
        if self._identity_error:
            self.error_label.clear()
            self._identity_error = False
        return True

    def worker_input(self) -> BioWorkerInput:
        person = " ".join(self.person.name().split())
        if not person:
            raise ValidationError("bio_worker_form.person_missing", "person")
        number = "".join(self.identity.text().split())
        if number:
            number = check_identity_number(number)
        agent = self.chosen_agent()
        employed, last = self.employed.value(), self.last_exposure.value()
        return BioWorkerInput(
            person=person, identity_number=number, work=self.work.text().strip(),
            agent_id=agent.id if agent is not None else None,
            agent_text="" if agent is not None else self.agent_text.text().strip(),
            employed_from=employed, last_exposure=last,
            long_term=self.long_term.isChecked(), person_id=self.person.person_id())

    def offer_input(self) -> VaccinationOfferInput | None:
        if self.offered.isHidden():
            return None
        offered = self.offered.value()
        if offered is None:
            return None
        answer = VaccineAnswer(str(self.answer.currentData()))
        vaccine_offer(offered, answer, None)  # the domain's check
        agent = self.chosen_agent()
        return VaccinationOfferInput(offered, agent.name if agent is not None else "", answer,
                                     offered if answer is not VaccineAnswer.NO_ANSWER else None)

    def _widget_for(self, field: str) -> QWidget:
        widgets: dict[str, QWidget] = {
            "person": self.person, "identity_number": self.identity, "agent": self.agent,
            "work": self.work, "employed_from": self.employed,
            "last_exposure": self.last_exposure, "vaccine_offered_at": self.offered,
            "answered_at": self.answer}
        return widgets.get(field, self.person)

    def save(self) -> bool:
        self.error_label.clear()
        try:
            worker = self.worker_input()
            offer = self.offer_input() if self.worker is None else None
        except ValidationError as exc:
            self.error_label.show_field_error(field_label(exc.field), exc.message,
                                              self._widget_for(exc.field))
            return False
        if worker.identity_number and not ensure_unlocked(self.ctx, self):
            self.error_label.show_error(
                tr("The identity number can only be saved with the identity vault unlocked."),
                self.identity)
            return False
        with reported(self) as outcome:
            try:
                self.worker_id = data.save_worker(self.ctx, self.worker_id, worker, offer)
            except ValidationError as exc:
                self.error_label.show_field_error(field_label(exc.field), exc.message,
                                                  self._widget_for(exc.field))
                return False
        return bool(outcome) and self.worker_id is not None

    def accept(self) -> None:
        if self.save():
            super().accept()


class OfferDialog(QDialog):
    """A written vaccination offer for ``worker`` (``offer`` None) or the answer to one."""

    def __init__(self, ctx: AppContext, worker: BioWorker, offer: VaccinationOffer | None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.offer = offer
        self.today = today or dt.date.today()
        self.setWindowTitle(tr("Vaccination offer"))
        self.setMinimumWidth(440)
        who = plain_label()
        who.setObjectName("worker")
        who.setText(f"{worker.person} — {worker.agent_name or tr('not known')}")
        self.offered = DateField()
        self.offered.setObjectName("offeredAt")
        self.offered.setDate(qdate(offer.offered_at if offer else self.today))
        self.vaccine = QLineEdit()
        self.vaccine.setObjectName("vaccine")
        self.vaccine.setPlaceholderText(tr("The vaccine, or what it protects against"))
        self.vaccine.setText(offer.vaccine if offer else worker.agent_name)
        self.answer = _answer_combo()
        self.answered = DateField(tr("no answer yet"))
        self.answered.setObjectName("answeredAt")
        if offer is not None:
            self.answer.setCurrentIndex(self.answer.findData(offer.answer.value))
            self.answered.set_value(offer.answered_at)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Worker:"), who)
        form.addRow(tr("&Offered on:"), self.offered)
        form.addRow(tr("&Vaccine:"), self.vaccine)
        form.addRow(tr("Ans&wer:"), self.answer)
        form.addRow(tr("Answered o&n:"), self.answered)
        hint = QLabel(tr("The offer is made in writing; keep the letter or e-mail."))
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        _tab_order([self.offered, self.vaccine, self.answer, self.answered,
                    accept_button(self.buttons)])
        self.answer.currentIndexChanged.connect(self._answer_changed)
        (self.answer if offer is not None else self.offered).setFocus()

    def _answer_changed(self) -> None:
        answered = VaccineAnswer(str(self.answer.currentData())) is not VaccineAnswer.NO_ANSWER
        if answered and self.answered.value() is None:
            self.answered.setDate(qdate(max(self.today, self.offered.value() or self.today)))

    def offer_input(self) -> VaccinationOfferInput:
        answer = VaccineAnswer(str(self.answer.currentData()))
        checked = vaccine_offer(self.offered.value(), answer, self.answered.value())
        return VaccinationOfferInput(checked.offered_at, self.vaccine.text().strip(),
                                     checked.answer, checked.answered_at)

    def accept(self) -> None:
        self.error_label.clear()
        with reported(self) as outcome:
            try:
                data.save_offer(self.ctx, self.worker.id,
                                self.offer.id if self.offer else None, self.offer_input())
            except ValidationError as exc:
                widget = self.answered if exc.field == "answered_at" else self.offered
                self.error_label.show_field_error(field_label(exc.field), exc.message, widget)
                return
        if outcome:
            super().accept()


class IncidentDialog(QDialog):
    """An accident or incident exposure of ``worker``."""

    def __init__(self, ctx: AppContext, worker: BioWorker, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.setWindowTitle(tr("Accident or incident"))
        self.setMinimumWidth(460)
        who = plain_label()
        who.setText(f"{worker.person} — {worker.agent_name or tr('not known')}")
        self.occurred = DateField()
        self.occurred.setObjectName("occurredOn")
        self.occurred.setDate(qdate(today or dt.date.today()))
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(tr("What happened, and the exposure (e.g. needle "
                                               "stick with culture of …)"))
        self.description.setMinimumHeight(90)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Worker:"), who)
        form.addRow(tr("&Date:"), self.occurred)
        form.addRow(tr("&What happened:"), self.description)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        _tab_order([self.occurred, self.description, accept_button(self.buttons)])
        self.occurred.setFocus()

    def accept(self) -> None:
        self.error_label.clear()
        text = self.description.toPlainText().strip()
        if not text:
            self.error_label.show_field_error(
                field_label("incident"), str(ValidationError("incident_form.description_missing",
                                                             "incident").message),
                self.description)
            return
        day = self.occurred.value() or dt.date.today()
        with reported(self) as outcome:
            try:
                data.add_incident(self.ctx, self.worker.id, IncidentInput(day, text))
            except ValidationError as exc:
                self.error_label.show_field_error(field_label(exc.field), exc.message,
                                                  self.description)
                return
        if outcome:
            super().accept()
