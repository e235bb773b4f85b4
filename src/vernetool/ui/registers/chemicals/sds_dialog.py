"""Add or replace a product's safety data sheet: the PDF chosen or dropped, its revision date
("Revisjon: dato" on the sheet) and its language. The sheet it replaces stays in the history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import Product
from vernetool.domain.errors import ValidationError
from vernetool.i18n import language, tr
from vernetool.ui.common.date_field import TypedDateEdit
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import date_display_format
from vernetool.ui.registers.chemicals.product_detail import LANGUAGES, language_name


class SdsDialog(QDialog):
    """``sds_id`` holds the stored sheet's id after ``accept``."""

    def __init__(self, ctx: AppContext, product: Product, file: Path,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.product = product
        self.file = file
        self.sds_id: int | None = None
        self.setWindowTitle(tr("Safety data sheet"))
        self.setMinimumWidth(440)

        about = QLabel(tr("{file} for {product}").format(file=file.name, product=product.name))
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        day = today or dt.date.today()
        self.revised = TypedDateEdit()
        self.revised.setCalendarPopup(True)
        self.revised.setDisplayFormat(date_display_format())
        self.revised.setMaximumDate(QDate(day.year, day.month, day.day))
        self.revised.setDate(QDate(day.year, day.month, day.day))
        self.revised.setToolTip(tr("The date after \"Revision\" on the sheet's first page"))
        self.unknown = QCheckBox(tr("Not &known"))
        self.unknown.toggled.connect(lambda checked: self.revised.setEnabled(not checked))
        date_row = QHBoxLayout()
        date_row.addWidget(self.revised, 1)
        date_row.addWidget(self.unknown)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(
            "nb" if language() == "nb" else "en")))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Revised on:"), date_row)
        form.addRow(tr("&Language:"), self.language)
        replaced = QLabel(tr("The sheet it replaces is kept in the history.")
                          if product.sds is not None else "")
        replaced.setWordWrap(True)
        replaced.setVisible(product.sds is not None)
        self.error = FormError()
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(replaced)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.revised.setFocus()

    def revised_on(self) -> dt.date | None:
        if self.unknown.isChecked():
            return None
        day = self.revised.date()
        return dt.date(day.year(), day.month(), day.day())

    def accept(self) -> None:
        sheets = self.ctx.services.safety_data_sheets
        with reported(self) as outcome:
            try:
                info = sheets.attach(self.product.id, self.file, self.revised_on(),
                                     str(self.language.currentData()))
            except ValidationError as exc:
                self.error.show_error(exc.message, self.revised)
                return
            except OSError as exc:  # the file went away or cannot be read
                self.error.show_error(tr("{file} could not be read: {error}").format(
                    file=self.file.name, error=exc.strerror or exc), None)
                return
            self.sds_id = info.id
        if outcome:
            super().accept()
