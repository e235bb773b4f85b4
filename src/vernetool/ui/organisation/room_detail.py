"""The room detail panel of the Rooms area: the room, who is responsible, the history and
the room card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.services.organisation import Responsibility, ResponsibilityKind, Room, RoomCard
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import (
    format_date,
    format_number,
    ghs_pictogram_label,
    responsibility_kind_label,
    room_type_label,
    warning_sign_label,
)
from vernetool.ui.common.list_detail import (
    MUTED,
    FieldGrid,
    detail_title,
    muted_label,
    plain_label,
    section_title,
)
from vernetool.ui.shell import theme


def person_text(r: Responsibility | None) -> str:
    if r is None:
        return "—"
    parts = [r.person_name]
    if r.person_phone:
        phone = r.person_phone.replace(" ", "\u00a0")  # never break a phone number
        parts.append(tr("tel. {phone}").format(phone=phone))
    text = "\n".join(parts)
    if r.valid_to is not None:
        text += " " + tr("(until {date})").format(date=format_date(r.valid_to))
    return text


def history_entry(r: Responsibility, current: bool) -> tuple[str, str, bool]:
    """(name, "Deputy · 10.10.2023–25.11.2026", current) for the history list."""
    start = format_date(r.valid_from).replace(" ", "\u00a0")
    if r.valid_to is None:
        period = tr("from {date}").format(date=start)
    else:
        period = f"{start}\u2013{format_date(r.valid_to)}".replace(" ", "\u00a0")
    role = responsibility_kind_label(r.kind)
    if current:
        role = tr("{role}, now").format(role=role)
    return r.person_name, f"{role} · {period}", current


def card_lines(card: RoomCard) -> list[tuple[str, str]]:
    """The filled-in fields of a room card as (label, text) for the detail panel."""
    lines: list[tuple[str, str]] = []

    def add(label: str, value: str) -> None:
        if value:
            lines.append((label, value))

    add(tr("Activity:"), card.activity_type)
    add(tr("Special hazards:"), card.special_hazards)
    add(tr("Unsafe after incident:"), card.unsafe_after_incident)
    gas = []
    if card.gas_max_litres is not None:
        gas.append(tr("max {n} l").format(n=format_number(card.gas_max_litres)))
    if card.gas_max_cylinders is not None:
        gas.append(tr("max {n} cylinders").format(n=format_number(card.gas_max_cylinders)))
    if card.central_gas_supply:
        gas.append(tr("central gas supply"))
    add(tr("Pressurised gas:"), ", ".join(gas))
    flammable = []
    if card.flammable_cat1_max_litres is not None:
        flammable.append(tr("cat. 1 max {n} l").format(
            n=format_number(card.flammable_cat1_max_litres)))
    if card.flammable_cat2_max_litres is not None:
        flammable.append(tr("cat. 2 max {n} l").format(
            n=format_number(card.flammable_cat2_max_litres)))
    add(tr("Flammable liquids:"), ", ".join(flammable))
    add(tr("Toxic liquids:"), card.toxic_liquids)
    add(tr("Gas alarm:"), tr("yes") if card.gas_alarm else "")
    if card.shared_with_other_org:
        add(tr("Shared with:"), card.coordination_agreement or tr("another organisation"))
    add(tr("Alert needs:"), card.alert_needs)
    add(tr("Other:"), card.other_info)
    return lines


class RoomDetail(QFrame):
    """The selected room: its fields, who answers for it (with history) and its room card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.title = detail_title()
        self.subtitle = plain_label()
        self.subtitle.setStyleSheet(MUTED)
        self.open_button = QPushButton(tr("&Open room"))
        self.open_button.setObjectName("openRoom")
        self.open_button.setToolTip(tr("Everything about the room in a window of its own: "
                                       "the room card against the registers, chemicals, "
                                       "sources, agents, deviations, findings (Enter)"))
        self.empty = muted_label(tr("Select a room to see its details."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.building = plain_label()
        self.campus = plain_label()
        self.floor = plain_label()
        self.area = plain_label()
        self.unit = plain_label()
        self.fields = FieldGrid()
        self.fields.add_row(tr("Building:"), self.building)
        self.fields.add_row(tr("Campus:"), self.campus)
        self.fields.add_row(tr("Floor:"), self.floor)
        self.fields.add_row(tr("Area:"), self.area)
        self.fields.add_row(tr("Unit:"), self.unit)

        self.responsible = plain_label()
        self.deputy = plain_label()
        self.people = FieldGrid()
        self.people.add_row(tr("Room responsible:"), self.responsible)
        self.people.add_row(tr("Deputy:"), self.deputy)
        self.assign_button = QPushButton(tr("&Assign responsible…"))
        self.assign_button.setToolTip(tr("Make a person room responsible or deputy; "
                                         "the one before is kept in the history"))
        self.end_button = QPushButton(tr("End &responsibility…"))
        self.people_buttons = people_buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        people_buttons.addWidget(self.assign_button)
        people_buttons.addWidget(self.end_button)
        people_buttons.addStretch(1)

        # A list, not a table: in a detail panel of 320 px four columns leave the name
        # "Hannah …"; here each entry wraps, the name on its own line.
        self.history = QLabel()
        self.history.setObjectName("responsibilityHistory")
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history.setAccessibleName(tr("Responsibility history"))
        self.history_entries: list[tuple[str, str, bool]] = []
        self.no_history = muted_label(tr("Nobody has been responsible for this room yet."))

        self.card_empty = muted_label(tr("This room has no room card."))
        self.card_text = QLabel()  # rich text, so long values wrap instead of widening the panel
        self.card_text.setObjectName("roomCardSummary")
        self.card_text.setTextFormat(Qt.TextFormat.RichText)
        self.card_text.setWordWrap(True)
        self.card_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pictograms = QWidget()
        self.pictogram_row = FlowLayout(self.pictograms)  # wraps in a narrow panel
        self.pictogram_row.setContentsMargins(0, 4, 0, 4)
        self.card_button = QPushButton(tr("Edit room &card…"))
        card_buttons = QHBoxLayout()
        card_buttons.addWidget(self.card_button)
        card_buttons.addStretch(1)

        # Filled by vernetool.ui.registers.chemicals.room_chemicals when a room is shown.
        self.chemicals = QWidget()
        self.chemicals.setObjectName("roomChemicals")
        self.chemicals_box = QVBoxLayout(self.chemicals)
        self.chemicals_box.setContentsMargins(0, 0, 0, 0)
        self.chemicals_box.setSpacing(3)
        self.chemicals_button = QPushButton(tr("Open in the chemical re&gister"))
        self.chemicals_button.setToolTip(tr("The room's holdings in the Registers area"))
        chemical_buttons = QHBoxLayout()
        chemical_buttons.addWidget(self.chemicals_button)
        chemical_buttons.addStretch(1)

        # Filled by vernetool.ui.registers.radiation.room_sources when a room is shown.
        self.sources = QWidget()
        self.sources.setObjectName("roomSources")
        self.sources_box = QVBoxLayout(self.sources)
        self.sources_box.setContentsMargins(0, 0, 0, 0)
        self.sources_box.setSpacing(3)
        # Filled by vernetool.ui.registers.biology.room_agents when a room is shown.
        self.agents = QWidget()
        self.agents.setObjectName("roomAgents")
        self.agents_box = QVBoxLayout(self.agents)
        self.agents_box.setContentsMargins(0, 0, 0, 0)
        self.agents_box.setSpacing(3)

        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.fields)
        inner.addSpacing(10)
        inner.addWidget(section_title(tr("Responsibility")))
        inner.addWidget(self.people)
        inner.addLayout(people_buttons)
        inner.addSpacing(6)
        inner.addWidget(section_title(tr("Responsibility history")))
        inner.addWidget(self.no_history)
        inner.addWidget(self.history)
        inner.addSpacing(10)
        inner.addWidget(section_title(tr("Room card")))
        inner.addWidget(self.card_empty)
        inner.addWidget(self.card_text)
        inner.addWidget(self.pictograms)
        inner.addLayout(card_buttons)
        inner.addSpacing(10)
        inner.addWidget(section_title(tr("Chemicals")))
        inner.addWidget(self.chemicals)
        inner.addLayout(chemical_buttons)
        inner.addSpacing(10)
        inner.addWidget(section_title(tr("Radiation sources")))
        inner.addWidget(self.sources)
        inner.addWidget(section_title(tr("Biological agents")))
        inner.addWidget(self.agents)
        inner.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        heading.addLayout(titles, 1)
        heading.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading)
        layout.addWidget(self.empty)
        layout.addSpacing(6)
        layout.addWidget(self.content, 1)
        self.show_room(None)

    def fit_width(self, width: int) -> None:
        """Stack the two responsibility buttons when the panel is too narrow for both side
        by side ("End responsibility…" would be cut off, and with it the phone numbers)."""
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        room = width - margins.left() - margins.right()
        needed = (self.assign_button.sizeHint().width() + self.end_button.sizeHint().width()
                  + self.people_buttons.spacing())
        direction = (QBoxLayout.Direction.LeftToRight if room >= needed
                     else QBoxLayout.Direction.TopToBottom)
        if self.people_buttons.direction() != direction:
            self.people_buttons.setDirection(direction)

    def show_room(self, room: Room | None, current: dict[ResponsibilityKind, Responsibility]
                  | None = None, history: list[Responsibility] | None = None,
                  card: RoomCard | None = None) -> None:
        has = room is not None
        self.title.setVisible(has)
        self.subtitle.setVisible(has)
        self.open_button.setVisible(has)
        self.content.setVisible(has)
        self.empty.setVisible(not has)
        if room is None:
            return
        current = current or {}
        self.title.setText(" ".join(p for p in (room.label, room.name) if p))
        self.subtitle.setText(room_type_label(room.type))
        self.building.setText(" — ".join(p for p in (room.building_code, room.building_name)
                                         if p))
        self.campus.setText(room.campus or "—")
        self.floor.setText(room.floor or "—")
        self.area.setText(f"{format_number(room.area_m2)} m²" if room.area_m2 is not None
                          else "—")
        self.unit.setText(room.unit_code or "—")
        self.responsible.setText(person_text(current.get(ResponsibilityKind.RESPONSIBLE)))
        self.deputy.setText(person_text(current.get(ResponsibilityKind.DEPUTY)))
        self.end_button.setEnabled(bool(current))
        self._show_history(history or [], {r.id for r in current.values()})
        self._show_card(card or RoomCard())

    def _show_history(self, history: list[Responsibility], current_ids: set[int | None]) -> None:
        import html  # when a room is shown: html.entities is big, and not for the first paint

        self.history_entries = [history_entry(r, r.id in current_ids) for r in history]
        self.history.setText("".join(
            f"<p style='margin: 0 0 6px 0'>{'<b>' if current else ''}{html.escape(name)}"
            f"{'</b>' if current else ''}<br><span style='color: {theme.MUTED}'>"
            f"{html.escape(period)}</span></p>"
            for name, period, current in self.history_entries))
        self.history.setVisible(bool(history))
        self.no_history.setVisible(not history)

    def _show_card(self, card: RoomCard) -> None:
        import html  # when a room is shown: html.entities is big, and not for the first paint

        lines = card_lines(card)
        self.card_text.setText("".join(
            f"<p style='margin: 0 0 4px 0'><span style='color: {theme.MUTED}'>{html.escape(label)}"
            f"</span> {html.escape(text).replace(chr(10), '<br>')}</p>" for label, text in lines))
        self.card_text.setVisible(bool(lines))
        self.card_empty.setVisible(card.is_empty())
        while self.pictogram_row.count():
            item = self.pictogram_row.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        if card.pictograms:
            from vernetool.ui.common.pictograms import scaled_pictogram

            ratio = self.devicePixelRatioF()
            for code in card.pictograms:
                icon = QLabel()
                icon.setPixmap(scaled_pictogram(code, 40, ratio))
                icon.setToolTip(ghs_pictogram_label(code))
                self.pictogram_row.addWidget(icon)
        if card.warning_signs:  # the signs beside the pictograms, as on the door
            from vernetool.ui.common.pictograms import warning_sign_icon

            for sign in card.warning_signs:
                icon = QLabel()
                icon.setPixmap(warning_sign_icon(sign, 40).pixmap(40, 40))
                icon.setToolTip(warning_sign_label(sign))
                icon.setObjectName(f"sign_{sign}")
                self.pictogram_row.addWidget(icon)
        self.pictograms.setVisible(bool(card.pictograms or card.warning_signs))
