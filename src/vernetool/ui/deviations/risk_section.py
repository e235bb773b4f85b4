"""The deviation form's consequence-and-risk section: scales kept in step with the matrix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from vernetool.domain.deviations.rules import RiskMatrix
from vernetool.i18n import tr
from vernetool.ui.common.labels import consequence_label, probability_label, risk_level_label
from vernetool.ui.common.risk_matrix import RiskMatrixWidget, risk_colour
from vernetool.ui.deviations.form_widgets import scale_combo, select_data
from vernetool.ui.shell.theme import BASE, MUTED, TEXT


class RiskSection(QGroupBox):
    """Actual and potential consequence, probability and the clickable risk matrix."""

    def __init__(self, matrix: RiskMatrix, parent: QWidget | None = None) -> None:
        super().__init__(tr("Consequence and risk"), parent)
        self.actual = scale_combo(consequence_label, tr("— not assessed —"))
        self.potential = scale_combo(consequence_label, tr("— not assessed —"))
        self.probability = scale_combo(probability_label, tr("— not assessed —"))
        self.actual.setToolTip(tr("How serious the outcome for people actually was "
                                  "(1 insignificant … 5 catastrophic)"))
        self.potential.setToolTip(tr("How serious it could have been if things had been a "
                                     "little different; this is what the risk and the "
                                     "statistics use"))
        self.matrix = RiskMatrixWidget(matrix)
        self.matrix.setObjectName("riskMatrix")
        self.risk_label = QLabel()
        self.risk_label.setObjectName("riskLabel")
        self.risk_label.setWordWrap(True)
        self.risk_label.setMinimumWidth(150)
        matrix_row = QHBoxLayout()
        matrix_row.addWidget(self.matrix)
        matrix_row.addSpacing(8)
        matrix_row.addWidget(self.risk_label, 1, Qt.AlignmentFlag.AlignVCenter)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Actual consequence:"), self.actual)
        hint = QLabel(tr("Judge what could have happened, regardless of the actual outcome."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")
        form.addRow(hint)
        form.addRow(tr("P&otential consequence:"), self.potential)
        form.addRow(tr("Probabilit&y:"), self.probability)
        matrix_label = QLabel(tr("Risk &matrix:"))
        matrix_label.setBuddy(self.matrix)
        form.addRow(matrix_label, matrix_row)

        self.potential.currentIndexChanged.connect(self.combos_to_matrix)
        self.probability.currentIndexChanged.connect(self.combos_to_matrix)
        self.matrix.value_changed.connect(self._matrix_to_combos)

    def combos_to_matrix(self) -> None:
        self.matrix.set_value(self.potential.currentData(), self.probability.currentData())
        self._show_risk()

    def _matrix_to_combos(self, severity: int | None, probability: int | None) -> None:
        for combo, value in ((self.potential, severity), (self.probability, probability)):
            combo.blockSignals(True)
            select_data(combo, value)
            combo.blockSignals(False)
        self._show_risk()

    def _show_risk(self) -> None:
        s, p = self.matrix.value()
        level = self.matrix.level()
        if level is None:
            self.risk_label.setText(tr("Choose the potential consequence and the probability, "
                                       "or click a cell."))
            self.risk_label.setStyleSheet(f"color: {MUTED};")
            return
        self.risk_label.setText(tr("Risk {score}: {level}").format(
            score=(s or 0) * (p or 0), level=risk_level_label(level)))
        text_colour = BASE if level == "red" else TEXT
        self.risk_label.setStyleSheet(
            f"background: {risk_colour(level)}; color: {text_colour}; border-radius: 4px; "
            "padding: 4px 8px; font-weight: bold;")
