"""Create or edit a chemical product: name, supplier, CAS numbers, H/EUH and P statements,
signal word and notes. The pictograms and the exposure-register flag are derived from the
H codes as they are typed, so the person sees what the register will say before saving."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import Component, Product, ProductInput, SignalWord
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import ghs_pictogram_label
from vernetool.ui.registers.chemicals.product_detail import signal_word_text
from vernetool.ui.shell import theme

PREVIEW_ICON = 28


class CodesEdit(QPlainTextEdit):
    """A list of codes that wraps like a paragraph but takes no new lines: Enter saves the
    dialog, as in a line edit, Tab goes on."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # to the dialog: its Save button
            return
        super().keyPressEvent(event)


def text_edit(lines: int, placeholder: str, *, codes: bool = False) -> QPlainTextEdit:
    edit = CodesEdit() if codes else QPlainTextEdit()
    edit.setTabChangesFocus(True)  # keyboard-first: Tab leaves the field
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class ProductDialog(QDialog):
    """``product_id`` holds the saved product's id after ``accept``."""

    def __init__(self, ctx: AppContext, product: Product | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._original = product
        self.product_id: int | None = product.id if product else None
        self.setWindowTitle(tr("Edit product") if product else tr("New product"))
        self.setMinimumWidth(520)

        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("e.g. Acetone"))
        self.supplier = QLineEdit()
        self.supplier.setPlaceholderText(tr("e.g. Sigma-Aldrich"))
        self.cas = QLineEdit()
        self.cas.setPlaceholderText(tr("e.g. 67-64-1; several separated by ;"))
        self.hazards = text_edit(2, tr("e.g. H225, H319, H336, EUH066"), codes=True)
        self.precautions = text_edit(2, tr("e.g. P210, P233, P305+P351+P338"), codes=True)
        self.signal = QComboBox()
        self.signal.addItem(tr("From the hazard statements"), None)
        self.signal.addItem(signal_word_text(SignalWord.DANGER), SignalWord.DANGER.value)
        self.signal.addItem(signal_word_text(SignalWord.WARNING), SignalWord.WARNING.value)
        self.notes = text_edit(2, tr("e.g. why a field cannot be filled"))

        self.preview = QLabel()
        self.preview.setObjectName("hazardPreview")
        self.preview.setWordWrap(True)
        self.preview_icons = QHBoxLayout()
        self.preview_icons.setContentsMargins(0, 0, 0, 0)
        self.preview_icons.setSpacing(2)
        preview_row = QHBoxLayout()
        preview_row.addLayout(self.preview_icons)
        preview_row.addWidget(self.preview, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Name:"), self.name)
        form.addRow(tr("S&upplier:"), self.supplier)
        form.addRow(tr("&CAS numbers:"), self.cas)
        form.addRow(tr("&Hazard statements:"), self.hazards)
        form.addRow("", preview_row)
        form.addRow(tr("&Precautionary statements:"), self.precautions)
        form.addRow(tr("Si&gnal word:"), self.signal)
        form.addRow(tr("N&otes:"), self.notes)

        self.error = FormError()
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if product is not None:
            self.name.setText(product.name)
            self.supplier.setText(product.supplier)
            self.cas.setText("; ".join(product.cas))
            self.hazards.setPlainText(", ".join(product.hazard_codes))
            self.precautions.setPlainText(", ".join(product.precautionary_codes))
            from vernetool.domain.chemicals.pictograms import expected_signal_word

            # the word the codes give stays "from the hazard statements", so it follows them
            word = product.signal_word
            if word is not None and word != expected_signal_word(product.hazard_codes):
                self.signal.setCurrentIndex(max(0, self.signal.findData(word.value)))
            self.notes.setPlainText(product.notes)
        self._fields: dict[str, QWidget] = {
            "name": self.name, "supplier": self.supplier, "cas": self.cas,
            "components": self.cas, "hazards": self.hazards, "statements": self.hazards,
            "hazard_statements": self.hazards, "precautions": self.precautions,
            "signal_word": self.signal, "notes": self.notes,
        }
        self._labels = {
            "name": tr("Name"), "supplier": tr("Supplier"), "cas": tr("CAS numbers"),
            "components": tr("CAS numbers"), "hazards": tr("Hazard statements"),
            "statements": tr("Hazard statements"),
            "hazard_statements": tr("Hazard statements"),
            "precautions": tr("Precautionary statements"),
            "signal_word": tr("Signal word"), "notes": tr("Notes"),
        }
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.update_preview)
        self.hazards.textChanged.connect(self._timer.start)
        self.update_preview()

    # -- what the H codes mean -----------------------------------------------------------------
    def update_preview(self) -> None:
        """Pictograms, signal word and §31-1 as the domain derives them from the H codes."""
        from vernetool.domain.chemicals.exposure import triggers_exposure_register
        from vernetool.domain.chemicals.pictograms import expected_signal_word, pictograms_for
        from vernetool.domain.chemicals.statements import parse_statements
        from vernetool.ui.common.pictograms import scaled_pictogram

        while self.preview_icons.count():
            item = self.preview_icons.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        text = self.hazards.toPlainText().strip()
        if not text:
            self.preview.setText("")
            self.preview.setStyleSheet("")
            return
        try:
            codes = parse_statements(text)
        except ValidationError as exc:
            self.preview.setText(exc.message)
            self.preview.setStyleSheet(f"color: {theme.ERROR};")
            return
        self.preview.setStyleSheet(f"color: {theme.MUTED};")
        pictograms = pictograms_for(codes)
        ratio = self.devicePixelRatioF()
        for code in pictograms:
            icon = QLabel()
            icon.setPixmap(scaled_pictogram(code, PREVIEW_ICON, ratio))
            icon.setToolTip(f"{code}: {ghs_pictogram_label(code)}")
            self.preview_icons.addWidget(icon)
        parts = []
        word = expected_signal_word(codes)
        if word is not None:
            parts.append(tr("Signal word: {word}").format(word=signal_word_text(word)))
        if triggers_exposure_register(codes):
            parts.append(tr("Exposure register required (§31-1)"))
        if not pictograms and not parts:
            parts.append(tr("No pictogram"))
        self.preview.setText(" · ".join(parts))

    # -- saving --------------------------------------------------------------------------------
    def product_from_fields(self) -> ProductInput:
        """The product as entered; raises ValidationError naming the field (CAS numbers
        and codes are checked here, before the store checks them again, so the error
        points at the field they were typed in)."""
        from vernetool.domain.chemicals.cas import parse_cas_list
        from vernetool.domain.chemicals.statements import parse_statements

        if not self.name.text().strip():
            raise ValidationError("chemical_form.name_missing", "name")
        kept = {c.cas: c for c in (self._original.components if self._original else ())}
        components = tuple(kept.get(cas, Component(cas))
                           for cas in parse_cas_list(self.cas.text(), "cas"))
        hazards = parse_statements(self.hazards.toPlainText(), "hazards")
        precautions = parse_statements(self.precautions.toPlainText(), "precautions")
        statements = tuple(hazards + precautions)
        word = self.signal.currentData()
        return ProductInput(
            name=self.name.text().strip(), supplier=self.supplier.text().strip(),
            components=components, statements=statements,
            signal_word=SignalWord(word) if word else None,
            sds_url=self._original.sds_url if self._original else "",
            notes=self.notes.toPlainText().strip())

    def show_error(self, exc: ValidationError) -> None:
        """The message under the form, naming the field, and the cursor in that field."""
        field = exc.field.split(".")[0].split("[")[0]
        label = self._labels.get(field, "")
        message = exc.message
        if label and not exc.code.startswith("chemical_form."):
            message = tr("{field}: {message}").format(field=label, message=message)
        self.error.show_error(message, self._fields.get(field))

    def accept(self) -> None:
        with reported(self) as outcome:
            try:
                saved = self.ctx.services.chemicals.save_product(self.product_from_fields(),
                                                                 self.product_id)
            except ValidationError as exc:
                self.show_error(exc)
                return
            self.product_id = saved.id
        if outcome:
            super().accept()
