"""The detail pane of a radiation source: every field, the current activity (and the open
sources' waste at the pick-up date), the notifiability and why, the leak tests, the DSA
status history and the disposal record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from vernetool.domain.radiation.model import LeakTest, SourceStatusChange
from vernetool.domain.radiation.sources import (
    NotifiableReason,
    SourceKind,
    needs_nuclide,
    notifiable_reason_phrase,
)
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_date
from vernetool.ui.common.list_detail import (
    FieldGrid,
    detail_title,
    muted_label,
    plain_label,
    section_title,
)
from vernetool.ui.registers.radiation.source_actions import source_title
from vernetool.ui.registers.radiation.sources_table_model import SourceRow, leak_test_text
from vernetool.ui.registers.radiation.words import activity_text, kind_label, status_label
from vernetool.ui.shell import theme


def _value(text: str) -> QLabel:
    label = plain_label()
    label.setText(text or "—")
    return label


class SourceDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = detail_title()
        self.warning = QLabel()
        self.warning.setObjectName("sourceWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")
        self.fields = FieldGrid()
        self.leak_tests = FieldGrid()
        self.history = FieldGrid()
        self.disposal = FieldGrid()
        self.empty = muted_label(tr("Select a source to see its details."))
        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.warning)
        inner.addWidget(self.fields)
        self.leak_title = section_title(tr("Leak tests"))
        inner.addSpacing(8)
        inner.addWidget(self.leak_title)
        inner.addWidget(self.leak_tests)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("DSA status history")))
        inner.addWidget(self.history)
        self.disposal_title = section_title(tr("Disposal"))
        inner.addSpacing(8)
        inner.addWidget(self.disposal_title)
        inner.addWidget(self.disposal)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.content, 1)
        self.show_source(None)

    def show_source(self, row: SourceRow | None, history: Sequence[SourceStatusChange] = (),
                    tests: Sequence[LeakTest] = (), today: dt.date | None = None) -> None:
        self.title.setVisible(row is not None)
        self.content.setVisible(row is not None)
        self.empty.setVisible(row is None)
        for grid in (self.fields, self.leak_tests, self.history, self.disposal):
            grid.clear()
        if row is None:
            return
        s = row.source
        kind = SourceKind(s.kind)
        self.title.setText(source_title(s))
        warnings = []
        if row.missing_dsa_id:
            warnings.append(tr("Notifiable, but no DSA id is recorded."))
        if row.leak_test_overdue:
            warnings.append(tr("The leak test is overdue."))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

        add = self.fields.add_row
        add(tr("Kind:"), _value(kind_label(kind)))
        if s.name:
            add(tr("Name:"), _value(s.name))
        if needs_nuclide(kind):
            add(tr("Nuclide:"), _value(s.nuclide))
            stated = f"{s.activity or ''} {s.activity_unit}".strip()
            if s.reference_date is not None:
                stated = tr("{activity} on {date}").format(
                    activity=stated, date=format_date(s.reference_date))
            add(tr("Activity:"), _value(stated))
            now = activity_text(row.activity_now_bq) if row.activity_now_bq is not None \
                else tr("unknown")
            current = _value(now)
            current.setObjectName("activityNow")
            add(tr("Activity today:"), current)
            if s.waste_pickup_on is not None and row.waste_at_pickup_bq is not None:
                add(tr("Waste at pick-up:"), _value(tr("{activity} on {date}").format(
                    activity=activity_text(row.waste_at_pickup_bq),
                    date=format_date(s.waste_pickup_on))))
        if s.laser_class:
            add(tr("Laser class:"), _value(str(s.laser_class)))
        add(tr("Make, model:"), _value(" ".join(p for p in (s.make, s.model) if p)))
        add(tr("Serial number:"), _value(s.serial_number))
        if s.technical_specification:
            add(tr("Specification:"), _value(s.technical_specification))
        if s.year:
            add(tr("Year:"), _value(str(s.year)))
        if s.dealer:
            add(tr("Dealer:"), _value(s.dealer))
        if s.use:
            add(tr("Use:"), _value(s.use))
        add(tr("Room:"), _value(", ".join(p for p in (s.room_label, s.location) if p)))
        add(tr("Responsible:"), _value(s.responsible))
        add(tr("DSA id:"), _value(s.dsa_id))
        add(tr("DSA status:"), _value(status_label(s.dsa_status)))
        notifiable = (tr("not stated") if s.notifiable is None
                      else tr("yes") if s.notifiable else tr("no"))
        reason = str(notifiable_reason_phrase(NotifiableReason(s.notifiable_reason)))
        add(tr("Notifiable:"), _value(f"{notifiable} ({reason})"))
        if s.notes:
            add(tr("Notes:"), _value(s.notes))

        sealed = row.leak_test is not None or bool(tests)
        self.leak_title.setVisible(sealed)
        self.leak_tests.setVisible(sealed)
        if row.leak_test is not None:
            state = _value(leak_test_text(row.leak_test))
            state.setObjectName("leakTestState")
            if row.leak_test_overdue:
                state.setStyleSheet(f"color: {theme.OVERDUE_RED}; font-weight: bold;")
            self.leak_tests.add_row(tr("Next due:"), state)
            if s.leak_test_interval_months:
                self.leak_tests.add_row(tr("Interval:"), _value(tr("{n} months").format(
                    n=s.leak_test_interval_months)))
        for test in tests:
            words = tr("passed") if test.passed else tr("FAILED")
            extra = " · ".join(p for p in (test.result, test.tested_by) if p)
            self.leak_tests.add_row(format_date(test.tested_on) + ":",
                                    _value(f"{words} — {extra}" if extra else words))
        if not history:
            self.history.add_row("", muted_label(tr("No status recorded yet.")))
        for change in history:
            text = status_label(change.status)
            if change.note:
                text += f" — {change.note}"
            self.history.add_row(format_date(change.changed_on) + ":", _value(text))
        disposal = s.disposal
        self.disposal_title.setVisible(disposal is not None)
        self.disposal.setVisible(disposal is not None)
        if disposal is not None:
            self.disposal.add_row(tr("Date:"), _value(format_date(disposal.disposed_on)))
            self.disposal.add_row(tr("How:"), _value(disposal.method))
            self.disposal.add_row(tr("Receipt:"), _value(disposal.receipt))
