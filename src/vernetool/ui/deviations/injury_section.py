"""The deviation form's personal-injury section (accidents only)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QWidget

from vernetool.domain.deviations.rules import Absence, Injury, TriState
from vernetool.i18n import tr
from vernetool.ui.common.labels import absence_label
from vernetool.ui.deviations.form_widgets import select_data, tristate_combo
from vernetool.ui.shell.theme import MUTED


class InjurySection(QGroupBox):
    """NAV report, absence, treatment, reassignment and fatality of an accident."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Personal injury"), parent)
        self.setObjectName("injuryBox")
        self.nav_reported = QCheckBox(tr("Reported to NAV as an occupational injury"))
        self.absence = QComboBox()
        for value in Absence:
            self.absence.addItem(absence_label(value.value), value.value)
        self.treatment = tristate_combo()
        self.reassigned = tristate_combo()
        self.fatality = QCheckBox(tr("Fatality"))
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.nav_reported, 0, 0, 1, 2)
        for row, text, widget in ((1, tr("Absence from wor&k:"), self.absence),
                                  (2, tr("Medical tr&eatment:"), self.treatment),
                                  (3, tr("&Reassignment/reduced capacity:"), self.reassigned)):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.fatality, 4, 0, 1, 2)
        note = QLabel(tr("Medical treatment and reassignment are needed for H2; "
                         "leave “Unknown” only when it is not known."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED};")
        grid.addWidget(note, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def load(self, injury: Injury) -> None:
        self.nav_reported.setChecked(injury.nav_reported)
        select_data(self.absence, injury.absence.value)
        select_data(self.treatment, injury.medical_treatment.value)
        select_data(self.reassigned, injury.reassigned.value)
        self.fatality.setChecked(injury.fatality)

    def injury(self) -> Injury:
        return Injury(self.nav_reported.isChecked(), Absence(self.absence.currentData()),
                      TriState(self.treatment.currentData()),
                      TriState(self.reassigned.currentData()), self.fatality.isChecked())
