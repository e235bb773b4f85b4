"""Add or edit a worker in the workers register for ionising radiation (§31-4): name,
identity number, address, current work, date of employment.

The identity number is typed into a password-like field, checked as the cursor leaves it
(both mod-11 control digits) and handed to the service, which encrypts it; it never reaches a
log, the window title or an error text. Saving a number needs the identity vault unlocked."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.identity import check_identity_number
from vernetool.domain.radiation.model import RadiationWorker, RadiationWorkerInput
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.registers.exposure.vault_dialog import ensure_unlocked
from vernetool.ui.registers.radiation.fields import date_field
from vernetool.ui.registers.radiation.words import worker_field_label


class RadiationWorkerDialog(QDialog):
    """New worker (``worker`` None) or edit one; ``saved`` afterwards."""

    def __init__(self, ctx: AppContext, worker: RadiationWorker | None = None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.saved: RadiationWorker | None = None
        self._identity_error = False
        self.setWindowTitle(tr("Edit radiation worker") if worker else
                            tr("Add radiation worker"))
        self.setMinimumWidth(500)

        self.person = PersonPicker(ctx)
        self.person.setObjectName("person")
        self.identity = QLineEdit()
        self.identity.setObjectName("identity")
        self.identity.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.identity.setMaxLength(13)
        self.identity.setPlaceholderText(tr("11 digits: fødselsnummer or D-nummer"))
        self.identity.editingFinished.connect(self.check_identity)
        self.address = QLineEdit()
        self.address.setObjectName("address")
        self.work = QLineEdit()
        self.work.setObjectName("work")
        self.work.setPlaceholderText(tr("e.g. X-ray diffraction, work with open sources"))
        self.sources = QLineEdit()
        self.sources.setObjectName("sources")
        self.sources.setPlaceholderText(tr("e.g. P-32, the diffractometer in room 101"))
        self.employed_from = date_field("employed_from", optional_text=tr("not given"))
        self.exposure_end = date_field("exposure_end", optional_text=tr("still exposed"))
        self.apprentice = QCheckBox(tr("&Apprentice or student aged 16-18 (lower limits)"))
        self.apprentice.setObjectName("apprentice")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Name:"), self.person)
        form.addRow(tr("&Identity number:"), self.identity)
        form.addRow(tr("A&ddress:"), self.address)
        form.addRow(tr("Current &work:"), self.work)
        form.addRow(tr("&Sources:"), self.sources)
        form.addRow(tr("&Employed from:"), self.employed_from)
        form.addRow(tr("E&xposure ended:"), self.exposure_end)
        form.addRow("", self.apprentice)
        hint = QLabel(tr("The identity number is stored encrypted and shown masked. The entry "
                         "is kept for 60 years after the last exposure."))
        hint.setWordWrap(True)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        order: list[QWidget] = [self.person, self.identity, self.address, self.work,
                                self.sources, self.employed_from, self.exposure_end,
                                self.apprentice, accept_button(self.buttons)]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.employed_from.set_date_or_none(None)
        self.exposure_end.set_date_or_none(None)
        if worker is not None:
            self._fill(worker)
        self.person.setFocus()

    def _fill(self, worker: RadiationWorker) -> None:
        if worker.person_id is not None:
            self.person.set_person(worker.person_id, worker.person)
        else:
            self.person.setText(worker.person)
        if worker.identity_masked:
            self.identity.setPlaceholderText(
                tr("{masked} — leave empty to keep it").format(masked=worker.identity_masked))
        self.address.setText(worker.address)
        self.work.setText(worker.work)
        self.sources.setText(worker.sources)
        self.employed_from.set_date_or_none(worker.employed_from)
        self.exposure_end.set_date_or_none(worker.exposure_end)
        self.apprentice.setChecked(worker.apprentice)

    def _widget_for(self, field: str) -> QWidget:
        widgets: dict[str, QWidget] = {
            "person": self.person, "identity_number": self.identity,
            "address": self.address, "work": self.work, "sources": self.sources,
            "employed_from": self.employed_from, "exposure_end": self.exposure_end}
        return widgets.get(field, self.person)

    def show_error(self, error: ValidationError) -> None:
        self.error_label.show_field_error(worker_field_label(error.field), error.message,
                                          self._widget_for(error.field))

    def check_identity(self) -> bool:
        """Leaving the field checks the number (an empty field is checked on saving)."""
        text = self.identity.text().strip()
        if not text:
            return True
        try:
            check_identity_number(text)
        except ValidationError as exc:
            self.error_label.show_field_error(worker_field_label("identity_number"),
                                              exc.message)
            self._identity_error = True
            return False
        if self._identity_error:
            self.error_label.clear()
            self._identity_error = False
        return True

    def worker_from_form(self) -> RadiationWorkerInput:
        person = " ".join(self.person.name().split())
        if not person:
            raise ValidationError("worker_form.person_missing", "person")
        number = "".join(self.identity.text().split())
        if number:
            number = check_identity_number(number)
        start = self.employed_from.date_or_none()
        end = self.exposure_end.date_or_none()
        if start is not None and end is not None and end < start:
            raise ValidationError("worker_form.end_before_start", "exposure_end")
        return RadiationWorkerInput(
            person=person, identity_number=number, address=self.address.text().strip(),
            work=self.work.text().strip(), sources=self.sources.text().strip(),
            employed_from=start, exposure_end=end, apprentice=self.apprentice.isChecked(),
            person_id=self.person.person_id())

    def save(self) -> bool:
        self.error_label.clear()
        try:
            data = self.worker_from_form()
        except ValidationError as exc:
            self.show_error(exc)
            return False
        if data.identity_number and not ensure_unlocked(self.ctx, self):
            self.error_label.show_error(
                tr("The identity number can only be saved with the identity vault unlocked."),
                self.identity)
            return False
        service = self.ctx.services.radiation_workers
        with reported(self) as outcome:
            try:
                if self.worker is None:
                    self.saved = service.register(data)
                else:
                    self.saved = service.update(self.worker.id, data)
            except ValidationError as exc:
                self.show_error(exc)
                return False
        return bool(outcome) and self.saved is not None

    def accept(self) -> None:
        if self.save():
            super().accept()
