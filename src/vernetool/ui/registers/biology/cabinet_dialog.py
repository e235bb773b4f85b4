"""A biosafety cabinet (room, make, model, serial number) and its yearly certification (the
date, who certified it, the next due date they wrote — a year later when none)."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from vernetool.context import AppContext
from vernetool.domain.biology.agents import check_certifier, next_certification
from vernetool.domain.biology.model import Cabinet, CabinetInput, CertificationInput
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.labels import format_date
from vernetool.ui.common.list_detail import MUTED, plain_label
from vernetool.ui.common.room_picker import RoomPicker
from vernetool.ui.registers.biology import data
from vernetool.ui.registers.biology.cabinets_model import cabinet_name
from vernetool.ui.registers.biology.fields import DateField, qdate
from vernetool.ui.registers.biology.words import field_label


def _tab_order(widgets: list[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


class CabinetDialog(QDialog):
    """A new cabinet (``cabinet`` None) or its details; ``cabinet_id`` after saving."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 cabinet: Cabinet | None = None, *, room_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cabinet_id = cabinet.id if cabinet is not None else None
        self.setWindowTitle(tr("Biosafety cabinet"))
        self.setMinimumWidth(460)
        self.room = RoomPicker(ctx)
        self.room.setObjectName("room")
        self.make = QLineEdit()
        self.make.setObjectName("make")
        self.make.setPlaceholderText(tr("e.g. Labculture, Thermo Scientific"))
        self.model = QLineEdit()
        self.model.setObjectName("model")
        self.serial = QLineEdit()
        self.serial.setObjectName("serial")
        self.remarks = QLineEdit()
        self.remarks.setObjectName("remarks")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Roo&m:"), self.room)
        form.addRow(tr("Ma&ke:"), self.make)
        form.addRow(tr("M&odel:"), self.model)
        form.addRow(tr("&Serial number:"), self.serial)
        form.addRow(tr("&Remarks:"), self.remarks)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        _tab_order([self.room, self.make, self.model, self.serial, self.remarks,
                    accept_button(self.buttons)])
        if cabinet is not None:
            self.room.set_room_id(cabinet.room_id)
            self.make.setText(cabinet.make)
            self.model.setText(cabinet.model)
            self.serial.setText(cabinet.serial_number)
            self.remarks.setText(cabinet.remarks)
        elif room_id is not None:
            self.room.set_room_id(room_id)
        self.room.setFocus()

    def cabinet_input(self) -> CabinetInput:
        room = self.room.room()
        if room is None or room.id is None:
            raise ValidationError("agent_use_form.room_missing", "room")
        return CabinetInput(room.id, self.make.text().strip(), self.model.text().strip(),
                            self.serial.text().strip(), self.remarks.text().strip())

    def accept(self) -> None:
        self.error_label.clear()
        with reported(self) as outcome:
            try:
                self.cabinet_id = data.save_cabinet(self.ctx, self.cabinet_id,
                                                    self.cabinet_input())
            except ValidationError as exc:
                widget = {"room": self.room, "make": self.make, "model": self.model,
                          "serial_number": self.serial}.get(exc.field, self.room)
                self.error_label.show_field_error(field_label(exc.field), exc.message, widget)
                return
        if outcome:
            super().accept()


class CertifyDialog(QDialog):
    """Record a certification of ``cabinet``."""

    def __init__(self, ctx: AppContext, cabinet: Cabinet, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cabinet = cabinet
        self.today = today or dt.date.today()
        self.setWindowTitle(tr("Certify biosafety cabinet"))
        self.setMinimumWidth(460)
        self.cabinet_label = plain_label()
        self.cabinet_label.setObjectName("cabinet")
        self.cabinet_label.setText(f"{cabinet_name(cabinet)} — {cabinet.room_label}")
        self.certified = DateField()
        self.certified.setObjectName("certifiedOn")
        self.certified.setDate(qdate(self.today))
        self.certifier = QLineEdit()
        self.certifier.setObjectName("certifier")
        self.certifier.setPlaceholderText(tr("Company or person who certified it"))
        if cabinet.certifier:
            self.certifier.setText(cabinet.certifier)
        self.next_due = DateField(tr("a year later"))
        self.next_due.setObjectName("nextDue")
        self.remarks = QLineEdit()
        self.remarks.setObjectName("remarks")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(MUTED)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Cabinet:"), self.cabinet_label)
        form.addRow(tr("Certified &on:"), self.certified)
        form.addRow(tr("Certi&fier:"), self.certifier)
        form.addRow(tr("&Next due:"), self.next_due)
        form.addRow(tr("&Remarks:"), self.remarks)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self, tr("Record certification"))
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        _tab_order([self.certified, self.certifier, self.next_due, self.remarks,
                    accept_button(self.buttons)])
        self.certified.dateChanged.connect(self._show_hint)
        self.next_due.dateChanged.connect(self._show_hint)
        self._show_hint()
        self.certified.setFocus()

    def _show_hint(self) -> None:
        certified = self.certified.value() or self.today
        due = self.next_due.value() or next_certification(certified)
        self.hint.setText(tr("Next certification due {date}.").format(date=format_date(due)))

    def certification_input(self) -> CertificationInput:
        certified = self.certified.value() or self.today
        certifier = check_certifier(self.certifier.text())
        return CertificationInput(certified, certifier, self.next_due.value(),
                                  self.remarks.text().strip())

    def accept(self) -> None:
        self.error_label.clear()
        with reported(self) as outcome:
            try:
                data.certify(self.ctx, self.cabinet.id, self.certification_input())
            except ValidationError as exc:
                widget = {"certifier": self.certifier, "next_due": self.next_due}.get(
                    exc.field, self.certified)
                self.error_label.show_field_error(field_label(exc.field), exc.message, widget)
                return
        if outcome:
            super().accept()
