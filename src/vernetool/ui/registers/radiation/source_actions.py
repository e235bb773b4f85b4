"""The small dialogs of a radiation source: a new DSA status (kept in the status history),
a leak test recorded, and the disposal record. Each checks its fields and names the one
that is wrong; Enter saves, Esc cancels."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.model import LeakTestInput, Source, SourceDisposal
from vernetool.domain.radiation.sources import GONE_STATUSES, DsaStatus
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.list_detail import plain_label
from vernetool.ui.registers.radiation.fields import date_field, qdate
from vernetool.ui.registers.radiation.words import (
    kind_label,
    source_field_label,
    status_label,
)


def source_title(source: Source) -> str:
    """"Kapslet kilde Cs-137 · Eckert & Ziegler · 1234" — what the dialogs say they act on."""
    parts = [kind_label(source.kind), source.name, source.nuclide,
             " ".join(p for p in (source.make, source.model) if p), source.serial_number]
    return " · ".join(p for p in parts if p)


class _SourceActionDialog(QDialog):
    """A form about one source: its title on top, the fields, the error line, Save/Cancel."""

    def __init__(self, ctx: AppContext, source: Source, title: str,
                 parent: QWidget | None, today: dt.date | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.today = today or dt.date.today()
        self.done_ok = False
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        label = plain_label()
        label.setObjectName("source")
        label.setText(source_title(source))
        label.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(tr("Source:"), label)
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def widget_for(self, field: str) -> QWidget | None:
        return None

    def show_error(self, error: ValidationError) -> None:
        self.error_label.show_field_error(source_field_label(error.field), error.message,
                                          self.widget_for(error.field))

    def save(self) -> None:  # pragma: no cover - each dialog saves its own way
        raise NotImplementedError

    def accept(self) -> None:
        self.error_label.clear()
        with reported(self) as outcome:
            try:
                self.save()
            except ValidationError as exc:
                self.show_error(exc)
                return
        if outcome:
            self.done_ok = True
            super().accept()


class StatusDialog(_SourceActionDialog):
    """A new DSA status from a date, with a note (the history keeps the old ones)."""

    def __init__(self, ctx: AppContext, source: Source, parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(ctx, source, tr("Change DSA status"), parent, today)
        self.status = QComboBox()
        self.status.setObjectName("dsa_status")
        for status in DsaStatus:
            self.status.addItem(status_label(status), status.value)
        if source.dsa_status:
            self.status.setCurrentIndex(max(0, self.status.findData(str(source.dsa_status))))
        self.changed_on = date_field("changed_on")
        self.changed_on.setDate(qdate(self.today))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(tr("e.g. returned to the dealer, receipt 2025-114"))
        self.form.addRow(tr("Current status:"), QLabel(status_label(source.dsa_status)))
        self.form.addRow(tr("New &status:"), self.status)
        self.form.addRow(tr("&From:"), self.changed_on)
        self.form.addRow(tr("&Note:"), self.note)
        self.status.setFocus()

    def widget_for(self, field: str) -> QWidget | None:
        widgets: dict[str, QWidget] = {"dsa_status": self.status,
                                       "changed_on": self.changed_on}
        return widgets.get(field)

    def save(self) -> None:
        day = self.changed_on.date_or_none() or self.today
        if day > self.today:
            raise ValidationError("source_form.date_in_future", "changed_on")
        self.ctx.services.radiation_sources.record_status(
            self.source.id, DsaStatus(str(self.status.currentData())), day,
            self.note.text().strip())


class LeakTestDialog(_SourceActionDialog):
    """A leak (wipe) test of a sealed source: its date, passed or not, the figure, who."""

    def __init__(self, ctx: AppContext, source: Source, parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(ctx, source, tr("Record leak test"), parent, today)
        self.tested_on = date_field("tested_on")
        self.tested_on.setDate(qdate(self.today))
        self.passed = QCheckBox(tr("&Passed (no leakage above the limit)"))
        self.passed.setObjectName("passed")
        self.passed.setChecked(True)
        self.result_edit = QLineEdit()
        self.result_edit.setObjectName("result")
        self.result_edit.setPlaceholderText(tr("e.g. < 185 Bq"))
        self.tested_by = QLineEdit()
        self.tested_by.setObjectName("tested_by")
        self.form.addRow(tr("&Date:"), self.tested_on)
        self.form.addRow("", self.passed)
        self.form.addRow(tr("&Result:"), self.result_edit)
        self.form.addRow(tr("&Tested by:"), self.tested_by)
        self.tested_on.setFocus()

    def widget_for(self, field: str) -> QWidget | None:
        widgets: dict[str, QWidget] = {"tested_on": self.tested_on,
                                       "result": self.result_edit,
                                       "tested_by": self.tested_by}
        return widgets.get(field)

    def save(self) -> None:
        day = self.tested_on.date_or_none() or self.today
        if day > self.today:
            raise ValidationError("source_form.date_in_future", "tested_on")
        self.ctx.services.radiation_sources.record_leak_test(LeakTestInput(
            self.source.id, day, passed=self.passed.isChecked(),
            tested_by=self.tested_by.text().strip(), result=self.result_edit.text().strip()))


class DisposeSourceDialog(_SourceActionDialog):
    """The disposal record: when, how, the receipt. The source stays in the register."""

    def __init__(self, ctx: AppContext, source: Source, parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(ctx, source, tr("Dispose of source"), parent, today)
        self.disposed_on = date_field("disposed_on")
        self.disposed_on.setDate(qdate(self.today))
        self.method = QLineEdit()
        self.method.setObjectName("disposal_method")
        self.method.setPlaceholderText(tr("e.g. returned to the dealer, delivered to IFE"))
        self.receipt = QLineEdit()
        self.receipt.setObjectName("disposal_receipt")
        self.receipt.setPlaceholderText(tr("e.g. receipt number"))
        self.status = QComboBox()
        self.status.setObjectName("dsa_status")
        self.status.addItem(tr("unchanged"), "")
        for status in sorted(GONE_STATUSES, key=list(DsaStatus).index):
            self.status.addItem(status_label(status), status.value)
        self.form.addRow(tr("&Date:"), self.disposed_on)
        self.form.addRow(tr("&How:"), self.method)
        self.form.addRow(tr("New DSA &status:"), self.status)
        self.form.addRow(tr("&Receipt:"), self.receipt)
        hint = QLabel(tr("The source stays in the register with its disposal record and "
                         "status history."))
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.disposed_on.setFocus()

    def widget_for(self, field: str) -> QWidget | None:
        widgets: dict[str, QWidget] = {"disposed_on": self.disposed_on,
                                       "disposal_method": self.method,
                                       "disposal_receipt": self.receipt}
        return widgets.get(field)

    def save(self) -> None:
        day = self.disposed_on.date_or_none() or self.today
        if day > self.today:
            raise ValidationError("source_form.date_in_future", "disposed_on")
        if not self.method.text().strip():
            raise ValidationError("source_form.disposal_method_missing", "disposal_method")
        status = self.status.currentData()
        self.ctx.services.radiation_sources.dispose(
            self.source.id, SourceDisposal(day, self.method.text().strip(),
                                           self.receipt.text().strip()),
            DsaStatus(str(status)) if status else None)
