"""The plan dialog's checklists tab: one checklist per room type, and the unit checklist."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from vernetool.context import AppContext
from vernetool.domain.organisation import Room, RoomType
from vernetool.i18n import language, tr
from vernetool.ui.common.labels import room_type_label
from vernetool.ui.shell.theme import MUTED


class ChecklistsTab(QWidget):
    """Tab 3 of RoundPlanDialog: the checklist for each chosen room type, and whether the
    unit-wide checklist is part of the round."""

    def __init__(self, ctx: AppContext, chosen: dict[int, Room],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen = chosen
        page = self
        intro = QLabel(tr("Each room type is walked with a checklist. The newest version is "
                          "chosen; the round keeps the version it used."))
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {MUTED};")
        self.template_form = QFormLayout()
        self.template_combos: dict[str, QComboBox] = {}
        self.no_types = QLabel(tr("Choose rooms first."))
        self.no_types.setStyleSheet(f"color: {MUTED};")
        # the psychosocial/organisational checklist: answered once for the unit, not per room
        self.unit_template = self.ctx.services.rounds.unit_template()
        self.include_unit = QCheckBox(
            tr("&Include the psychosocial and organisational working environment"))
        self.include_unit.setChecked(self.unit_template is not None)
        self.include_unit.setEnabled(self.unit_template is not None)
        unit_hint = QLabel(
            tr("Answered once for the whole unit, e.g. in the pre-meeting or the closing "
               "meeting ({name}, version {version}, {n} items).").format(
                name=self.unit_template.name(language()), version=self.unit_template.version,
                n=self.unit_template.item_count())
            if self.unit_template is not None else
            tr("There is no psychosocial and organisational checklist in this database."))
        unit_hint.setWordWrap(True)
        unit_hint.setStyleSheet(f"color: {MUTED}; margin-left: 22px;")
        layout = QVBoxLayout(page)
        layout.addWidget(self.include_unit)
        layout.addWidget(unit_hint)
        layout.addSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(self.template_form)
        layout.addWidget(self.no_types)
        layout.addStretch(1)

    def update_templates(self) -> None:
        types = sorted({r.type.value for r in self.chosen.values()},
                       key=lambda t: list(RoomType).index(RoomType(t)))
        lang = language()
        planning = self.ctx.services.rounds
        summaries = planning.latest_templates()
        for room_type in types:
            if room_type in self.template_combos:
                continue
            combo = QComboBox()
            for s in summaries:
                combo.addItem(tr("{name} (version {version}, {n} items)").format(
                    name=s.name(lang), version=s.version, n=s.item_count), s.id)
            default = planning.template_for_room_type(room_type)
            if default is not None:
                index = combo.findData(default.id)
                if index < 0:
                    combo.addItem(tr("{name} (version {version})").format(
                        name=default.name(lang), version=default.version), default.id)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            self.template_combos[room_type] = combo
            self.template_form.addRow(room_type_label(room_type) + ":", combo)
        counts = Counter(r.type.value for r in self.chosen.values())
        for room_type, combo in self.template_combos.items():
            visible = room_type in types
            combo.setVisible(visible)
            label = self.template_form.labelForField(combo)
            if isinstance(label, QLabel):
                label.setVisible(visible)
                n = counts.get(room_type, 0)
                label.setText((tr("{type} (1 room):") if n == 1 else tr("{type} ({n} rooms):"))
                              .format(type=room_type_label(room_type), n=n))
        self.no_types.setVisible(not types)

    def chosen_templates(self) -> dict[str, int]:
        types = {r.type.value for r in self.chosen.values()}
        return {t: int(c.currentData()) for t, c in self.template_combos.items()
                if t in types and c.currentData() is not None}

