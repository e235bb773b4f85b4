"""Add or edit a radiation source, by keyboard: the fields the kind needs (nuclide, activity,
unit and reference date for radioactive sources; the class for a laser; the leak-test
interval for a sealed source), the DSA id and status, and whether it is notifiable (the rule
decides for X-ray, accelerators, class 4 lasers, IPL and MRI, and says why). Each value is
checked by the domain's rules; an error names its field and puts the cursor there."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.activity import UNITS, parse_activity
from vernetool.domain.radiation.model import Source, SourceInput
from vernetool.domain.radiation.nuclides import normalise_nuclide
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    SourceKind,
    needs_leak_test,
    needs_nuclide,
    notifiability,
    notifiable_reason_phrase,
)
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.common.room_picker import RoomPicker
from vernetool.ui.registers.radiation.fields import date_field
from vernetool.ui.registers.radiation.words import kind_label, source_field_label, status_label

NOT_STATED, YES, NO = "", "yes", "no"


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class SourceDialog(QDialog):
    """New source (``source`` None) or edit one; ``saved`` afterwards."""

    def __init__(self, ctx: AppContext, source: Source | None = None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.saved: Source | None = None
        self.today = today or dt.date.today()
        self.setWindowTitle(tr("Edit radiation source") if source else
                            tr("Add radiation source"))
        self.setMinimumWidth(760)

        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in SourceKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.name = _line("name", tr("e.g. check source, diffractometer"))
        self.nuclide = _line("nuclide", tr("e.g. Cs-137"))
        self.activity = _line("activity", tr("e.g. 370"))
        self.unit = QComboBox()
        self.unit.setObjectName("activity_unit")
        for unit in UNITS:
            self.unit.addItem(unit, unit)
        self.unit.setCurrentText("MBq")
        self.reference_date = date_field("reference_date")
        self.laser_class = QComboBox()
        self.laser_class.setObjectName("laser_class")
        for laser_class in LaserClass:
            self.laser_class.addItem(laser_class.value, laser_class.value)
        self.leak_interval = QSpinBox()
        self.leak_interval.setObjectName("leak_test_interval_months")
        self.leak_interval.setRange(1, 120)
        self.leak_interval.setValue(12)
        self.leak_interval.setSuffix(" " + tr("months"))
        self.make = _line("make")
        self.model = _line("model")
        self.serial = _line("serial_number")
        self.year = _line("year", tr("e.g. 2012"))
        self.year.setMaxLength(4)
        self.specification = _line("technical_specification", tr("e.g. 60 kV, 1 mA"))
        self.dealer = _line("dealer")
        self.use = _line("use", tr("e.g. calibration, teaching"))
        self.room = RoomPicker(ctx)
        self.room.setObjectName("room")
        self.location = _line("location", tr("e.g. lead safe 2"))
        self.responsible = PersonPicker(ctx)
        self.responsible.setObjectName("responsible")
        self.dsa_id = _line("dsa_id")
        self.dsa_status = QComboBox()
        self.dsa_status.setObjectName("dsa_status")
        self.dsa_status.addItem(tr("no status"), "")
        for status in DsaStatus:
            self.dsa_status.addItem(status_label(status), status.value)
        self.notifiable = QComboBox()
        self.notifiable.setObjectName("notifiable")
        self.notifiable.addItem(tr("not stated"), NOT_STATED)
        self.notifiable.addItem(tr("yes"), YES)
        self.notifiable.addItem(tr("no"), NO)
        self.reason = QLabel()
        self.reason.setObjectName("notifiableReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(MUTED)
        self.notes = _line("notes")

        activity_row = QHBoxLayout()
        activity_row.addWidget(self.activity, 1)
        activity_row.addWidget(self.unit)
        self.left = QFormLayout()
        self.left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.left.addRow(tr("&Kind:"), self.kind)
        self.left.addRow(tr("&Name:"), self.name)
        self.left.addRow(tr("N&uclide:"), self.nuclide)
        activity_label = QLabel(tr("&Activity:"))
        activity_label.setBuddy(self.activity)
        self.left.addRow(activity_label, activity_row)
        self.left.addRow(tr("Re&ference date:"), self.reference_date)
        self.left.addRow(tr("&Laser class:"), self.laser_class)
        self.left.addRow(tr("Leak-&test interval:"), self.leak_interval)
        self.left.addRow(tr("Ma&ke:"), self.make)
        self.left.addRow(tr("M&odel:"), self.model)
        self.left.addRow(tr("&Serial number:"), self.serial)
        self.left.addRow(tr("&Year:"), self.year)
        self.right = QFormLayout()
        self.right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.right.addRow(tr("Specification:"), self.specification)
        self.right.addRow(tr("Dealer:"), self.dealer)
        self.right.addRow(tr("Use:"), self.use)
        self.right.addRow(tr("Roo&m:"), self.room)
        self.right.addRow(tr("Location:"), self.location)
        self.right.addRow(tr("&Responsible:"), self.responsible)
        self.right.addRow(tr("&DSA id:"), self.dsa_id)
        self.right.addRow(tr("DSA stat&us:"), self.dsa_status)
        self.right.addRow(tr("Notifia&ble:"), self.notifiable)
        self.right.addRow("", self.reason)
        self.right.addRow(tr("Notes:"), self.notes)
        columns = QHBoxLayout()
        columns.addLayout(self.left, 1)
        columns.addSpacing(12)
        columns.addLayout(self.right, 1)

        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        order: list[QWidget] = [
            self.kind, self.name, self.nuclide, self.activity, self.unit, self.reference_date,
            self.laser_class, self.leak_interval, self.make, self.model, self.serial,
            self.year, self.specification, self.dealer, self.use, self.room, self.location,
            self.responsible, self.dsa_id, self.dsa_status, self.notifiable, self.notes,
            accept_button(self.buttons)]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.reference_date.setDate(self.reference_date.date().currentDate())
        if source is not None:
            self._fill(source)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.laser_class.currentIndexChanged.connect(self._update_reason)
        self.notifiable.currentIndexChanged.connect(self._update_reason)
        self._kind_changed()
        self.kind.setFocus()

    # -- the form ---------------------------------------------------------------------------
    def current_kind(self) -> SourceKind:
        return SourceKind(str(self.kind.currentData()))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        radioactive = needs_nuclide(kind)
        self._set_row(self.nuclide, radioactive)
        self._set_row_index(3, radioactive)   # the activity and its unit
        self._set_row(self.reference_date, radioactive)
        self._set_row(self.laser_class, kind is SourceKind.LASER)
        self._set_row(self.leak_interval, needs_leak_test(kind))
        self._update_reason()

    def _set_row(self, widget: QWidget, visible: bool) -> None:
        self.left.setRowVisible(widget, visible)

    def _set_row_index(self, row: int, visible: bool) -> None:
        self.left.setRowVisible(row, visible)

    def _laser_class(self) -> LaserClass | None:
        if self.current_kind() is not SourceKind.LASER:
            return None
        return LaserClass(str(self.laser_class.currentData()))

    def _stated(self) -> bool | None:
        value = self.notifiable.currentData()
        return None if value == NOT_STATED else value == YES

    def _update_reason(self) -> None:
        rule = notifiability(self.current_kind(), self._laser_class(), self._stated())
        forced = rule.reason.value not in ("stated", "not_stated", "laser_below_class_4")
        self.notifiable.setEnabled(not forced)
        if forced:
            self.notifiable.blockSignals(True)
            self.notifiable.setCurrentIndex(self.notifiable.findData(YES))
            self.notifiable.blockSignals(False)
        self.reason.setText(str(notifiable_reason_phrase(rule.reason)))

    def _fill(self, source: Source) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(source.kind))))
        self.name.setText(source.name)
        self.nuclide.setText(source.nuclide)
        self.activity.setText(str(source.activity) if source.activity is not None else "")
        if source.activity_unit:
            self.unit.setCurrentText(source.activity_unit)
        if source.reference_date is not None:
            from vernetool.ui.registers.radiation.fields import qdate

            self.reference_date.setDate(qdate(source.reference_date))
        if source.laser_class:
            self.laser_class.setCurrentIndex(max(0, self.laser_class.findData(
                str(source.laser_class))))
        if source.leak_test_interval_months:
            self.leak_interval.setValue(source.leak_test_interval_months)
        self.make.setText(source.make)
        self.model.setText(source.model)
        self.serial.setText(source.serial_number)
        self.year.setText(str(source.year) if source.year else "")
        self.specification.setText(source.technical_specification)
        self.dealer.setText(source.dealer)
        self.use.setText(source.use)
        if source.room_id is not None:
            self.room.set_room_id(source.room_id)
        self.location.setText(source.location)
        if source.responsible_id is not None:
            self.responsible.set_person(source.responsible_id, source.responsible)
        else:
            self.responsible.setText(source.responsible)
        self.dsa_id.setText(source.dsa_id)
        self.dsa_status.setCurrentIndex(max(0, self.dsa_status.findData(
            str(source.dsa_status or ""))))
        stated = source.notifiable_stated
        self.notifiable.setCurrentIndex(self.notifiable.findData(
            NOT_STATED if stated is None else YES if stated else NO))
        self.notes.setText(source.notes)

    # -- checking ---------------------------------------------------------------------------
    def _widget_for(self, field: str) -> QWidget:
        widgets: dict[str, QWidget] = {
            "kind": self.kind, "name": self.name, "nuclide": self.nuclide,
            "activity": self.activity, "activity_unit": self.unit,
            "reference_date": self.reference_date, "laser_class": self.laser_class,
            "leak_test_interval_months": self.leak_interval, "make": self.make,
            "model": self.model, "serial_number": self.serial, "year": self.year,
            "technical_specification": self.specification, "dealer": self.dealer,
            "use": self.use, "room": self.room, "room_id": self.room,
            "location": self.location, "responsible": self.responsible,
            "dsa_id": self.dsa_id, "dsa_status": self.dsa_status,
            "notifiable": self.notifiable, "notes": self.notes,
        }
        return widgets.get(field, self.kind)

    def show_error(self, error: ValidationError) -> None:
        self.error_label.show_field_error(source_field_label(error.field), error.message,
                                          self._widget_for(error.field))

    def values(self) -> dict[str, Any]:
        """The form checked by the domain's rules (raises ``ValidationError`` naming the
        field)."""
        kind = self.current_kind()
        values: dict[str, Any] = {"kind": kind, "name": self.name.text().strip()}
        if needs_nuclide(kind):
            if not self.nuclide.text().strip():
                raise ValidationError("source_form.nuclide_missing", "nuclide")
            values["nuclide"] = normalise_nuclide(self.nuclide.text())
            if not self.activity.text().strip():
                raise ValidationError("source_form.activity_missing", "activity")
            activity = parse_activity(self.activity.text(), str(self.unit.currentData()))
            values["activity"] = self.activity.text().strip()
            values["activity_unit"] = activity.unit
            values["reference_date"] = self.reference_date.date_or_none()
        year_text = self.year.text().strip()
        year = None
        if year_text:
            if not year_text.isdigit() or not 1850 <= int(year_text) <= self.today.year + 1:
                raise ValidationError("source_form.year_invalid", "year", text=year_text)
            year = int(year_text)
        room = self.room.room()
        if room is None and self.room.text().strip():
            raise ValidationError("source_form.room_unknown", "room",
                                  text=self.room.text().strip())
        values.update(
            laser_class=self._laser_class(),
            leak_test_interval_months=(self.leak_interval.value() if needs_leak_test(kind)
                                       else None),
            make=self.make.text().strip(), model=self.model.text().strip(),
            serial_number=self.serial.text().strip(), year=year,
            technical_specification=self.specification.text().strip(),
            dealer=self.dealer.text().strip(), use=self.use.text().strip(),
            room_id=room.id if room is not None else None,
            location=self.location.text().strip(),
            responsible=" ".join(self.responsible.name().split()),
            responsible_id=self.responsible.person_id(),
            dsa_id=self.dsa_id.text().strip(),
            dsa_status=(DsaStatus(str(self.dsa_status.currentData()))
                        if self.dsa_status.currentData() else None),
            notifiable=self._stated(), notes=self.notes.text().strip())
        return values

    def source_input(self) -> SourceInput:
        return SourceInput(**self.values())

    def save(self) -> bool:
        self.error_label.clear()
        try:
            data = self.source_input()
        except ValidationError as exc:
            self.show_error(exc)
            return False
        service = self.ctx.services.radiation_sources
        with reported(self) as outcome:
            try:
                self.saved = service.save(data, None if self.source is None
                                          else self.source.id)
            except ValidationError as exc:
                self.show_error(exc)
                return False
        return bool(outcome) and self.saved is not None

    def accept(self) -> None:
        if self.save():
            super().accept()
