"""The People area: a list that filters as you type, a detail panel, and the person dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.services.organisation import Person, PersonFilter, Role
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.labels import (
    format_count,
    responsibility_kind_label,
    role_label,
    room_type_label,
)
from vernetool.ui.common.list_detail import (
    MUTED,
    ListArea,
    count_label,
    current_item,
    detail_title,
    filter_bar,
    filter_line_edit,
    list_detail_splitter,
    list_hint,
    muted_label,
    plain_label,
    section_title,
    select_listed_row,
    setup_list_table,
    size_columns,
)
from vernetool.ui.organisation.person_dialog import PersonDialog
from vernetool.ui.organisation.persons_table_model import PersonsTableModel, roles_text, status_text

NAME_MIN_WIDTH = 165


def count_text(n: int) -> str:
    if n == 1:
        return tr("1 person")
    return tr("{n} people").format(n=format_count(n))


class PersonDetail(QFrame):
    """The selected person's fields, roles and the rooms they answer for today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.setMinimumWidth(270)
        self.title = detail_title()
        self.empty = muted_label(tr("Select a person to see their details."))

        self.email = plain_label()
        self.phone = plain_label()
        self.unit = plain_label()
        self.roles = plain_label()
        self.status = plain_label()
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        # a long e-mail address cannot wrap: on a narrow panel it goes below its label
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(tr("E-mail:"), self.email)
        form.addRow(tr("Phone:"), self.phone)
        form.addRow(tr("Unit:"), self.unit)
        form.addRow(tr("Roles:"), self.roles)
        form.addRow(tr("Status:"), self.status)

        self.rooms_title = section_title(tr("Rooms this person is responsible for"))
        self.rooms_list = QListWidget()
        self.rooms_list.setObjectName("personRooms")
        self.rooms_list.setFrameShape(QFrame.Shape.NoFrame)
        self.rooms_list.setWordWrap(True)
        self.rooms_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rooms_list.setSpacing(2)
        self.no_rooms = QLabel(tr("Not responsible for any room."))
        self.no_rooms.setStyleSheet(MUTED)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.rooms_title)
        layout.addWidget(self.no_rooms)
        layout.addWidget(self.rooms_list, 1)
        layout.addStretch(0)
        self.show_person(None, [])

    def show_person(self, person: Person | None, room_lines: list[str]) -> None:
        has = person is not None
        for widget in (self.title, self.form, self.rooms_title):
            widget.setVisible(has)
        self.empty.setVisible(not has)
        self.rooms_list.clear()
        if person is None:
            self.rooms_list.hide()
            self.no_rooms.hide()
            return
        self.title.setText(person.name)
        self.email.setText(person.email or "—")
        self.phone.setText(person.phone or "—")
        self.unit.setText(person.unit_code or "—")
        self.roles.setText(roles_text(person) or "—")
        self.status.setText(status_text(person))
        self.rooms_list.addItems(room_lines)
        self.rooms_list.setVisible(bool(room_lines))
        self.no_rooms.setVisible(not room_lines)


class PersonsView(ListArea):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

        self.filter_edit = filter_line_edit(
            "personFilter", tr("Filter by name, e-mail, phone or unit (Ctrl+F)"),
            tr("Filter people"))
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(tr("Role"))
        self.role_combo.addItem(tr("All roles"), None)
        for role in Role:
            self.role_combo.addItem(role_label(role), role.value)
        self.left_box = QCheckBox(tr("Show people who &left"))
        self.count_label = count_label()
        self.new_button = QPushButton(tr("&New person…"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.edit_button.setToolTip(tr("Edit the selected person (Enter or F2)"))

        bar = filter_bar(self.filter_edit, [self.role_combo, self.left_box], self.count_label,
                         [self.new_button, self.edit_button])

        self.model = PersonsTableModel(ctx.services.persons, PersonFilter(active_only=True),
                                       parent=self)
        self.table = QTableView()
        self.table.setObjectName("personsTable")
        self.table.setModel(self.model)
        header = setup_list_table(self.table)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        # name, e-mail (uni addresses are long), phone, unit, roles, status
        size_columns(self.table, (NAME_MIN_WIDTH, 215, 118, 56, 150, 64), 28)
        # The name takes the width the others leave; on a small screen status, unit and
        # phone (all in the detail panel) give way before the table scrolls sideways.
        self.column_fit = ColumnFitter(self.table, 0, NAME_MIN_WIDTH, (5, 3, 2))

        self.detail = PersonDetail()
        self.lay_out(bar, list_detail_splitter(
            self.table, self.detail, list_min=self.column_fit.needed_width(), detail_min=270))

        self.wire_filter()
        self.role_combo.currentIndexChanged.connect(self.apply_filter)
        self.left_box.toggled.connect(self.apply_filter)
        self.wire_list(self.new_button, self.new_person, self.edit_button, self.edit_current)
        self.new_button.setToolTip(tr("Add a person (Insert)"))  # Insert as in Rooms

        self.setTabOrder(self.filter_edit, self.role_combo)
        self.setTabOrder(self.role_combo, self.left_box)
        self.setTabOrder(self.left_box, self.table)
        self.setTabOrder(self.table, self.new_button)
        self.setTabOrder(self.new_button, self.edit_button)
        self._selected_id: int | None = None
        self._show_count(self.model.total())
        self._after_reset()
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.PERSONS, Topic.RESPONSIBILITIES, Topic.ROOMS), self._changed)

    def _changed(self, _change: Change) -> None:
        """Another screen, a dialog or an import changed what the list or detail shows."""
        self.refresh()

    # -- filtering ---------------------------------------------------------------------------
    def current_filter(self) -> PersonFilter:
        role = self.role_combo.currentData()
        return PersonFilter(text=self.filter_edit.text(),
                            role=Role(role) if role else None,
                            active_only=not self.left_box.isChecked())

    def _show_count(self, total: int) -> None:
        self.count_label.setText(count_text(total))
        flt = self.current_filter()
        self.detail.empty.setText(list_hint(
            total, bool(flt.text.strip() or flt.role is not None),
            select=tr("Select a person to see their details."),
            no_match=tr("No one matches the filter."),
            empty=tr("No people yet. Add one with New person, or import a list from "
                     "the File menu.")))

    # -- selection and detail ------------------------------------------------------------------

    def select_person(self, person_id: int) -> bool:
        return select_listed_row(self.table, self.model.row_of_person(person_id))

    def selected_person(self) -> Person | None:
        return current_item(self.table, self.model)

    def select_id(self, item_id: int) -> bool:
        return self.select_person(item_id)

    def selected_item(self) -> Person | None:
        return self.selected_person()

    def _show_detail(self, person: Person | None) -> None:
        self.edit_button.setEnabled(person is not None)
        if person is None or person.id is None:
            self.detail.show_person(None, [])
            return
        self.detail.show_person(person, self.room_lines(person.id))

    def room_lines(self, person_id: int) -> list[str]:
        """One line per room the person is responsible or deputy for today."""
        lines: list[tuple[str, str]] = []
        for room, kind in self.ctx.services.responsibilities.rooms_of_person(person_id):
            title = f"{room.label}  {room.name}".rstrip()
            lines.append((room.label, title + "\n" + tr("{kind} · {type}").format(
                kind=responsibility_kind_label(kind), type=room_type_label(room.type))))
        return [text for _label, text in sorted(lines)]

    # -- editing -----------------------------------------------------------------------------
    def new_person(self) -> None:
        dialog = PersonDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self._after_save(dialog.saved_id)

    def edit_current(self) -> None:
        current = self.selected_person()
        if current is None or current.id is None:
            return
        fresh = self.ctx.services.persons.get(current.id) or current
        dialog = PersonDialog(self.ctx, fresh, self)
        if dialog.exec() and dialog.saved_id is not None:
            self._after_save(dialog.saved_id)

    def _after_save(self, person_id: int) -> None:
        self._selected_id = person_id
        self.model.reload(keep_loaded=True)
        if self.select_person(person_id):
            self.table.setFocus()
            return
        # Saved, but outside the current filter (e.g. marked as left): still show it. The
        # table keeps no focus, or Qt would make its first row current and show that instead.
        self.table.clearSelection()
        self.filter_edit.setFocus()
        self._show_detail(self.ctx.services.persons.get(person_id))
        self.edit_button.setEnabled(False)
