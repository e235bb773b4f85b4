"""Create or edit a person: contact details, unit, roles, and whether they have left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import normalise_email
from vernetool.i18n import tr
from vernetool.services.organisation import Person, Role
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import role_label


def field_label(field: str) -> str:
    """The name of a person field as the dialog shows it."""
    labels = {
        "name": tr("Name"),
        "email": tr("E-mail"),
        "phone": tr("Phone"),
        "unit": tr("Unit"),
        "roles": tr("Roles"),
        "active": tr("Status"),
    }
    return labels.get(field, field)


class PersonDialog(QDialog):
    """Saves on OK, in one transaction with its audit entry; ``saved_id`` is set afterwards."""

    def __init__(self, ctx: AppContext, person: Person | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.saved_id: int | None = None
        self.setWindowTitle(tr("Edit person") if person else tr("New person"))
        self.setMinimumWidth(460)

        self.name_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(tr("name@example.org"))
        self.phone_edit = QLineEdit()
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_combo.addItem("")
        for unit in ctx.services.units.units():
            self.unit_combo.addItem(unit.code)
            if unit.name:
                self.unit_combo.setItemData(self.unit_combo.count() - 1, unit.name,
                                            Qt.ItemDataRole.ToolTipRole)
        line = self.unit_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(tr("Unit code, e.g. IKJ"))

        self.role_boxes: dict[Role, QCheckBox] = {}
        roles_box = QGroupBox(tr("Roles"))
        grid = QGridLayout(roles_box)
        for index, role in enumerate(Role):
            box = QCheckBox(role_label(role))
            self.role_boxes[role] = box
            grid.addWidget(box, index // 2, index % 2)

        self.active_box = QCheckBox(tr("Active (uncheck when the person has left)"))
        self.active_box.setChecked(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Name:"), self.name_edit)
        form.addRow(tr("&E-mail:"), self.email_edit)
        form.addRow(tr("&Phone:"), self.phone_edit)
        form.addRow(tr("&Unit:"), self.unit_combo)

        self.error_label = FormError("error")
        buttons = save_cancel_buttons(self)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(roles_box)
        layout.addWidget(self.active_box)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        if person is not None:
            self.name_edit.setText(person.name)
            self.email_edit.setText(person.email or "")
            self.phone_edit.setText(person.phone)
            self.unit_combo.setCurrentText(person.unit_code or "")
            for role, box in self.role_boxes.items():
                box.setChecked(role in person.roles)
            self.active_box.setChecked(person.active)
        self.name_edit.setFocus()

    # -- reading and checking the form ------------------------------------------------------
    def _widget_for(self, field: str) -> QWidget:
        widgets: dict[str, QWidget] = {
            "name": self.name_edit, "email": self.email_edit, "phone": self.phone_edit,
            "unit": self.unit_combo, "active": self.active_box,
        }
        return widgets.get(field, self.name_edit)

    def show_error(self, field: str, message: str) -> None:
        widget = self._widget_for(field)
        self.error_label.show_field_error(field_label(field), message, widget)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def person_from_form(self) -> Person:
        """The person the form describes; raises ValidationError with a translated message."""
        name = " ".join(self.name_edit.text().split())
        if not name:
            raise ValidationError("person.name_missing", "name")
        email_text = self.email_edit.text().strip()
        email: str | None = None
        if email_text:
            try:
                email = normalise_email(email_text)
            except ValidationError:
                raise ValidationError("person_form.email_invalid", "email",
                                      value=email_text) from None
            other = self.ctx.services.persons.find_by_email(email)
            own_id = self.person.id if self.person else None
            if other is not None and other.id != own_id:
                raise ValidationError("person_form.email_taken", "email", name=other.name)
        unit = self.unit_combo.currentText().strip() or None
        roles = frozenset(role for role, box in self.role_boxes.items() if box.isChecked())
        return Person(name=name, email=email, phone=self.phone_edit.text().strip(),
                      unit_code=unit, roles=roles, active=self.active_box.isChecked(),
                      id=self.person.id if self.person else None)

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        person_id: int | None = None
        with reported(self) as outcome:
            try:
                person = self.person_from_form()
                person_id = self.ctx.services.persons.save(person)
            except ValidationError as exc:
                self.show_error(exc.field, exc.message)
                return False
        if not outcome or person_id is None:
            return False
        self.saved_id = person_id
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()

