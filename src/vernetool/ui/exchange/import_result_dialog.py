"""What an import did: counts, and a table of the rows that were not imported and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import render, tr
from vernetool.i18n.labels import deviation_field_label
from vernetool.ui.common.buttons import translate_buttons
from vernetool.ui.common.labels import format_count
from vernetool.ui.shell.theme import ACCENT, ERROR


def import_field_label(field: str) -> str:
    """The column of an import file as the user knows it (canonical names are English codes)."""
    labels = {
        "building": tr("Building"), "building_name": tr("Building name"),
        "campus": tr("Campus"), "room": tr("Room"), "name": tr("Name"), "type": tr("Type"),
        "floor": tr("Floor"), "area_m2": tr("Area (m²)"), "unit": tr("Unit"),
        "email": tr("E-mail"), "phone": tr("Phone"), "roles": tr("Roles"),
        # the chemical register and the exposure register
        "place": tr("Storage place"), "product": tr("Product"), "supplier": tr("Supplier"),
        "cas": tr("CAS numbers"), "hazard_statements": tr("Hazard statements"),
        "signal_word": tr("Signal word"), "quantity": tr("Quantity"),
        "containers": tr("Containers"), "sds_url": tr("Safety data sheet"),
        "sds_file": tr("Safety data sheet"), "sds_revised": tr("SDS revision date"),
        "sds_language": tr("SDS language"), "disposed_on": tr("Disposed date"),
        "person": tr("Name"), "identity_number": tr("Identity number"),
        "position": tr("Position"), "workplace": tr("Workplace"), "route": tr("Route"),
        "concentration": tr("Concentration"), "exposure_start": tr("Start date"),
        "exposure_end": tr("End date"), "duration": tr("Duration"),
        # the radiation and biological registers and their workers registers
        "kind": tr("Kind"), "nuclide": tr("Nuclide"), "activity": tr("Activity"),
        "activity_unit": tr("Activity unit"), "reference_date": tr("Reference date"),
        "make": tr("Make"), "model": tr("Model"), "serial_number": tr("Serial number"),
        "technical_specification": tr("Technical specification"), "year": tr("Year"),
        "dealer": tr("Dealer"), "use": tr("Use"), "laser_class": tr("Laser class"),
        "location": tr("Location"), "responsible": tr("Responsible"),
        "dsa_id": tr("DSA id"), "dsa_status": tr("DSA status"),
        "notifiable": tr("Notifiable"), "leak_test_last": tr("Last leak test"),
        "leak_test_interval_months": tr("Leak test interval (months)"),
        "waste_pickup_on": tr("Waste pick-up date"), "notes": tr("Notes"),
        "agent": tr("Agent"), "agent_type": tr("Agent type"), "risk_group": tr("Risk group"),
        "long_retention": tr("Kept 40 years"), "remarks": tr("Remarks"),
        "containment_level": tr("Containment level"),
        "notified_at": tr("Notified to Arbeidstilsynet"), "first_use": tr("First use"),
        "ended_on": tr("Ended"), "register": tr("Register"), "address": tr("Address"),
        "work": tr("Work"), "employed_from": tr("Employed from"), "source": tr("Source"),
        "dose_date": tr("Dose date"), "hp10_msv": tr("Hp(10) mSv"),
        "hp007_msv": tr("Hp(0.07) mSv"), "incident_date": tr("Incident date"),
        "incident": tr("Incident"), "vaccine_offered_at": tr("Vaccine offered"),
        "vaccine": tr("Vaccine"), "vaccine_answer": tr("Answer to the offer"),
    }
    return labels.get(field) or deviation_field_label(field)


WRAP_ROWS = 300


def error_message(error: dict[str, Any]) -> str:
    """A row error in the UI language: rendered from its code, or the message as it came."""
    code = error.get("code")
    if isinstance(code, str):
        return render(code, **dict(error.get("params") or {}))
    return str(error.get("message", ""))


def sentence(text: str) -> str:
    """A message as a sentence in its own cell: "byggkoden mangler" → "Byggkoden mangler"."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _count_box(number: int, caption: str, name: str, color: str = "") -> QFrame:
    box = QFrame()
    box.setObjectName(name)
    box.setFrameShape(QFrame.Shape.StyledPanel)
    value = QLabel(format_count(number))
    value.setObjectName("value")
    font = value.font()
    font.setPointSizeF(font.pointSizeF() * 1.8)
    font.setBold(True)
    value.setFont(font)
    value.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if color:
        value.setStyleSheet(f"color: {color};")
    text = QLabel(caption)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(box)
    layout.addWidget(value)
    layout.addWidget(text)
    return box


class ImportResultDialog(QDialog):
    """Shows ``ImportResult.to_data()`` (or ``to_json()``): imported, skipped, row errors."""

    def __init__(self, title: str, file_name: str, result: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        errors: list[dict[str, Any]] = list(result.get("errors", []))
        self.errors = errors
        error_rows = len({e.get("row") for e in errors})
        self.imported = int(result.get("imported", 0))
        self.skipped = int(result.get("skipped", 0))
        #: rows skipped because their room is not in this database, by room
        self.skipped_rooms: dict[str, int] = dict(result.get("skipped_rooms") or {})
        away = sum(self.skipped_rooms.values())
        self.unchanged = max(self.skipped - away, 0)

        heading = QLabel(tr("File: {name}").format(name=file_name))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        if errors:
            summary_text = tr("Rows with errors were not imported; the other rows were.")
        elif self.imported == 0 and self.skipped and not away:
            summary_text = tr("Everything in the file was already stored; nothing changed.")
        else:
            summary_text = tr("All rows were imported.")
        summary = QLabel(summary_text)
        summary.setWordWrap(True)

        counts = QHBoxLayout()
        counts.addWidget(_count_box(self.imported, tr("imported or updated"), "importedBox",
                                    ACCENT if self.imported else ""))
        counts.addWidget(_count_box(self.unchanged, tr("unchanged"), "skippedBox"))
        if away:
            counts.addWidget(_count_box(away, tr("skipped: room not in this database"),
                                        "roomsBox"))
        self.rooms_note = QLabel(self._rooms_note(away))
        self.rooms_note.setObjectName("skippedRooms")
        self.rooms_note.setWordWrap(True)
        self.rooms_note.setTextFormat(Qt.TextFormat.PlainText)
        self.rooms_note.setVisible(bool(away))
        counts.addWidget(_count_box(error_rows, tr("rows with errors"), "errorsBox",
                                    ERROR if error_rows else ""))

        self.table = QTableWidget(len(errors), 3, self)
        self.table.setObjectName("importErrors")
        self.table.setHorizontalHeaderLabels([tr("Row"), tr("Field"), tr("Problem")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        # Long messages wrap (a row grows) rather than end in "…"; past a few hundred rows
        # measuring every row costs more than it helps, and the tooltip has the text.
        self.table.setWordWrap(len(errors) <= WRAP_ROWS)
        self.table.verticalHeader().setDefaultSectionSize(24)
        for row, error in enumerate(errors):
            number = QTableWidgetItem(str(error.get("row", "")))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, number)
            field = str(error.get("field", ""))
            field_item = QTableWidgetItem(import_field_label(field))
            field_item.setToolTip(field)  # the canonical column name of the file format
            self.table.setItem(row, 1, field_item)
            message = QTableWidgetItem(sentence(error_message(error)))
            message.setToolTip(message.text())  # long messages are cut off in the cell
            self.table.setItem(row, 2, message)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if len(errors) <= WRAP_ROWS:
            self.table.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVisible(bool(errors))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        if errors:
            copy = QPushButton(tr("&Copy errors"))
            copy.clicked.connect(self.copy_errors)
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addLayout(counts)
        layout.addWidget(self.rooms_note)
        if errors:
            layout.addWidget(self.table, 1)
        else:
            layout.addStretch(1)
        layout.addWidget(buttons)
        if errors:
            self.resize(760, 480)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()  # not the table: its first cell would show a focus frame

    def _rooms_note(self, away: int) -> str:
        """Which rooms the skipped rows name, most rows first (ten, then how many more)."""
        if not away:
            return ""
        rooms = sorted(self.skipped_rooms.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(f"{room} ({format_count(n)})" for room, n in rooms[:10])
        if len(rooms) > 10:
            shown += " " + tr("and {n} more").format(n=format_count(len(rooms) - 10))
        return tr("Rows for rooms this database does not hold were skipped: {rooms}. Add the "
                  "rooms (Rooms, or import them) and import the file again to include "
                  "them.").format(rooms=shown)

    def copy_errors(self) -> None:
        """Tab-separated, so the rows paste into a spreadsheet next to the file."""
        lines = [f"{tr('Row')}\t{tr('Field')}\t{tr('Problem')}"]
        lines += [f"{e.get('row', '')}\t{e.get('field', '')}\t"
                  f"{error_message(e)}" for e in self.errors]
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText("\n".join(lines))
