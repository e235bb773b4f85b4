"""The Needs-attention area: what the checks find, per unit and per room, and the way to
each problem's fix.

A tree of unit → room → problem with counts (a unit's own problems — no HSE round this
year, an overdue measure of a deviation without a room — sit on the unit), filtered by
family or the safety rep's view, by unit and by words, as of a date. The checks run off the
GUI thread and again when data changes (change notices, debounced; while the area is hidden
they wait until it is shown). Selecting a problem shows its message and what to do; Enter,
a double-click or the "Go to" button opens the place it is fixed (``ui.shell.navigation``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.checks import Problem, Target
from vernetool.i18n import tr, trn
from vernetool.services import Change, Topic
from vernetool.ui.attention.problems import (
    advice,
    codes_of,
    concerns,
    family_titles,
    go_to_label,
    group,
    matches,
    message,
    title,
)
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.labels import date_display_format, format_date
from vernetool.ui.common.list_detail import (
    area_shortcut,
    clear_on_escape,
    detail_scroll_area,
    detail_title,
    filter_line_edit,
    focus_filter,
    muted_label,
    plain_label,
    section_title,
)
from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner

PROBLEM_ROLE = Qt.ItemDataRole.UserRole
#: on a unit or room row: the indexes of its problems
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
#: on a unit row: its rooms, (label, problem indexes)
ROOMS_ROLE = Qt.ItemDataRole.UserRole + 2
#: change notices gathered this long before the checks run again
DEBOUNCE_MS = 700
#: above this many problems the rooms start closed (their problems added when opened)
EXPAND_ALL_LIMIT = 400
#: above this many rooms the units start closed too (their rooms added when opened)
EXPAND_UNITS_LIMIT = 400

_TOPICS = (Topic.UNITS, Topic.ROOMS, Topic.RESPONSIBILITIES, Topic.ROOM_CARDS, Topic.ROUNDS,
           Topic.FINDINGS, Topic.DEVIATIONS, Topic.CHEMICALS, Topic.HOLDINGS, Topic.EXPOSURE,
           Topic.SOURCES, Topic.RADIATION_WORKERS, Topic.AGENTS, Topic.BIO_WORKERS)

Navigate = Callable[[Target], bool]


def _key(problem: Problem) -> tuple[object, ...]:
    return (problem.code, problem.room, problem.subject, problem.target)


class ProblemDetail(QWidget):
    """The selected problem: what it is, where, the message, what to do, and "Go to"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem: Problem | None = None
        self.title = detail_title()
        self.where = muted_label("")
        self.where.setObjectName("problemWhere")
        self.message = plain_label()
        self.message.setObjectName("problemMessage")
        self.todo_title = section_title(tr("What to do"))
        self.todo = plain_label()
        self.todo.setObjectName("problemAdvice")
        self.go_button = QPushButton(tr("Go to"))
        self.go_button.setObjectName("goToButton")
        self.go_hint = muted_label(tr("Enter or a double-click on the problem opens it too."))
        self.empty = muted_label(tr("Select a problem to see what to do about it, or a room or "
                                    "unit to see what it has."))
        self.target: Target | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 8)
        layout.setSpacing(8)
        for widget in (self.title, self.where, self.message, self.todo_title, self.todo):
            layout.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.go_hint)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.show_problem(None)

    def show_group(self, heading: str, where: str, problems: list[Problem],
                   room_id: int | None) -> None:
        """A unit or a room: its problems counted by kind, and "Open the room" for a room."""
        self.show_problem(None)
        self.empty.hide()
        counts: dict[str, int] = {}
        for problem in problems:
            counts[title(problem.code)] = counts.get(title(problem.code), 0) + 1
        self.title.setText(heading)
        self.where.setText(where)
        self.message.setText("\n".join(
            tr("{count} × {problem}").format(count=n, problem=name)
            for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))))
        for widget in (self.title, self.message):
            widget.show()
        self.where.setVisible(bool(where))
        if room_id is not None:
            self.target = Target("room_screen", room_id, room_id)
            self.go_button.setText(go_to_label("room_screen"))
            self.go_button.setEnabled(True)
            self.go_button.show()

    def show_problem(self, problem: Problem | None, where: str = "") -> None:
        self.problem = problem
        self.target = problem.target if problem is not None else None
        shown = problem is not None
        for widget in (self.title, self.where, self.message, self.todo_title, self.todo,
                       self.go_button, self.go_hint):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)
        if problem is None:
            return
        self.title.setText(title(problem.code))
        self.where.setText(where)
        self.message.setText(_sentence(message(problem)))
        self.todo.setText(advice(problem.code))
        target = problem.target
        self.go_button.setText(go_to_label(target.kind) if target else tr("Go to"))
        self.go_button.setEnabled(target is not None)


def _sentence(text: str) -> str:
    """A message as a sentence: capital first letter, full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class AttentionView(QWidget):
    """The area page (implements the window's ``AreaPage``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None, navigate: Navigate | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self._navigate = navigate
        self._problems: list[Problem] = []
        self._messages: dict[int, str] = {}
        self._checked_at: dt.datetime | None = None
        self._checked_once = False
        self._stale = False
        self._rerun = False
        self.runner: TaskRunner | None = None
        self.error: object | None = None

        self.filter_edit = filter_line_edit(
            "attentionFilter", tr("Search room, product, source, agent, person… (Ctrl+F)"),
            tr("Search the problems"))
        self.family = QComboBox()
        self.family.setObjectName("problemFamily")
        self.family.setAccessibleName(tr("Show"))
        for key, text in family_titles():
            self.family.addItem(text, key)
        self.family.setToolTip(tr("The safety rep's view: units without this year's HSE "
                                  "round, overdue measures, CMR products without exposure "
                                  "entries, sources not notified to DSA, missing workers "
                                  "registers, overdue leak tests and cabinet "
                                  "certifications, missing or stale room cards, rooms "
                                  "without a room responsible."))
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("problemUnit")
        self.unit_combo.setAccessibleName(tr("Unit"))
        self.unit_combo.setMinimumContentsLength(12)
        self.unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.as_of = QDateEdit()
        self.as_of.setObjectName("asOfDate")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat(date_display_format())
        self.as_of.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.as_of.setToolTip(tr("The day the checks are made for: deadlines and ages count "
                                 "from it"))
        self.check_button = QPushButton(tr("Check &again"))
        self.check_button.setToolTip(tr("Run the checks again (F5)"))
        self.busy = QProgressBar()
        self.busy.setObjectName("checking")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("attentionStatus")
        self.status.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setObjectName("problemTree")
        self.tree.setAccessibleName(tr("Problems by unit and room"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("Where / problem"), tr("Concerns")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 210)
        self.detail = ProblemDetail()
        self.detail.setObjectName("problemDetail")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(detail_scroll_area(self.detail))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.tree.setMinimumWidth(360)
        self.detail.setMinimumWidth(240)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        show_label = QLabel(tr("Sho&w:"))
        show_label.setBuddy(self.family)
        unit_label = QLabel(tr("U&nit:"))
        unit_label.setBuddy(self.unit_combo)
        top.addWidget(show_label)
        top.addWidget(self.family)
        top.addWidget(unit_label)
        top.addWidget(self.unit_combo)
        second = QHBoxLayout()
        as_of_label = QLabel(tr("As &of:"))
        as_of_label.setBuddy(self.as_of)
        second.addWidget(as_of_label)
        second.addWidget(self.as_of)
        second.addWidget(self.check_button)
        second.addSpacing(8)
        second.addWidget(self.busy)
        second.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self._focus_tree)
        clear_on_escape(self.filter_edit)
        self.family.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.as_of.dateChanged.connect(lambda _d: self.check())
        self.check_button.clicked.connect(self.check)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemExpanded.connect(self._expanded)
        self.detail.go_button.clicked.connect(self.go_to_selected)
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find),
                      lambda: focus_filter(self.filter_edit))
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Refresh), self.check)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on(_TOPICS, self._changed)
        self._fill_units([])

    # -- the area protocol -------------------------------------------------------------------
    def activated(self) -> None:
        if not self._checked_once or self._stale:
            self.check()

    def focus_target(self) -> QWidget:
        return self.filter_edit

    def refresh(self) -> None:
        self.check()

    # -- running the checks ------------------------------------------------------------------
    def as_of_date(self) -> dt.date:
        date = self.as_of.date()
        return dt.date(date.year(), date.month(), date.day())

    @property
    def running(self) -> bool:
        return self.runner is not None and self.runner.running

    def _changed(self, _change: Change) -> None:
        self._stale = True
        if self.isVisible():
            self._debounce.start()

    def check(self) -> TaskRunner | None:
        """Run the checks off the GUI thread; the tree follows when they are done."""
        self._debounce.stop()
        if self.running:
            self._rerun = True
            return self.runner
        self._stale = False
        self._rerun = False
        self._checked_once = True
        checks = self.ctx.services.checks
        day = self.as_of_date()

        def job(progress: ProgressFn, cancelled: CancelledFn
                ) -> tuple[list[Problem], dict[int, str]]:
            found = checks.problems(None, day, extras=True, with_units=True,
                                    own_connection=True)
            # the words too, here: the search looks in them, and 20,000 take a while
            return found, {i: message(p) for i, p in enumerate(found)}

        runner = TaskRunner(self, tr("Needs attention"), tr("Checking the registers…"), job,
                            show_dialog=False)
        runner.succeeded.connect(lambda result, r=runner: self._checked(r, result))
        runner.failed.connect(lambda exc, r=runner: self._failed(r, exc))
        runner.finished.connect(self._finished)
        self.runner = runner
        self.busy.show()
        self.status.setText(tr("Checking the registers…"))
        self.check_button.setEnabled(False)
        runner.start()
        return runner

    def _checked(self, runner: TaskRunner,
                 result: tuple[list[Problem], dict[int, str]]) -> None:
        if runner is not self.runner:
            return
        self.error = None
        self._checked_at = dt.datetime.now()
        problems, messages = result
        self.show_problems(problems, messages)

    def _failed(self, runner: TaskRunner, exc: object) -> None:
        if runner is not self.runner:
            return
        self.error = exc
        self.status.setText(tr("The checks could not be run: {error}").format(error=exc))

    def _finished(self) -> None:
        self.busy.hide()
        self.check_button.setEnabled(True)
        if self._rerun:
            self.check()

    # -- showing -----------------------------------------------------------------------------
    def show_problems(self, problems: list[Problem],
                      messages: dict[int, str] | None = None) -> None:
        """Show ``problems`` (the checks' result), keeping the filters and the selection;
        ``messages``: their words by index, when made already."""
        self._problems = problems
        self._messages = dict(messages or {})
        self._fill_units(problems)
        self.apply_filter()

    def _message(self, index: int) -> str:
        if index not in self._messages:
            self._messages[index] = message(self._problems[index])
        return self._messages[index]

    def _unit_names(self) -> dict[str, str]:
        try:
            return {u.code: u.name for u in self.ctx.services.units.units()}
        except Exception:  # the names are a nicety; the codes will do
            return {}

    def _fill_units(self, problems: list[Problem]) -> None:
        names = self._unit_names()
        self._names = names
        chosen = self.unit_combo.currentData()
        codes = sorted({p.unit for p in problems if p.unit}, key=str.casefold)
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(tr("All units"), None)
        for code in codes:
            name = names.get(code, "")
            self.unit_combo.addItem(f"{code} — {name}" if name else code, code)
        if any(not p.unit for p in problems):
            self.unit_combo.addItem(tr("No unit"), "")
        index = self.unit_combo.findData(chosen) if chosen is not None else 0
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.unit_combo.blockSignals(False)

    def shown_problems(self) -> list[Problem]:
        """The problems the filters let through, in the checks' order."""
        return [self._problems[i] for i in self._shown_indexes()]

    def _shown_indexes(self) -> list[int]:
        codes = codes_of(str(self.family.currentData() or ""))
        unit = self.unit_combo.currentData()
        words = self.filter_edit.text().casefold().split()
        return [i for i, p in enumerate(self._problems)
                if p.code in codes and (unit is None or p.unit == unit)
                and matches(p, self._message(i) if words else "", words)]

    def _unit_text(self, code: str) -> str:
        if not code:
            return tr("No unit")
        name = self._names.get(code, "")
        return f"{code} — {name}" if name else code

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        kept = self.selected_problem()
        indexes = self._shown_indexes()
        position = {id(self._problems[i]): i for i in indexes}
        groups = group(self._problems[i] for i in indexes)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        expand_all = len(indexes) <= EXPAND_ALL_LIMIT
        self.tree.setUpdatesEnabled(False)
        self.tree.blockSignals(True)
        self.tree.clear()
        selected: QTreeWidgetItem | None = None
        rooms_count = 0

        many_rooms = sum(len(u.rooms) for u in groups) > EXPAND_UNITS_LIMIT
        for unit in groups:
            unit_item = QTreeWidgetItem(self.tree, [self._unit_text(unit.unit),
                                                    _count(unit.count)])
            unit_item.setFont(0, bold)
            unit_item.setData(0, GROUP_ROLE, [position[id(p)] for p in unit.own]
                              + [position[id(p)] for r in unit.rooms for p in r.problems])
            unit_item.setData(0, ROOMS_ROLE, [
                (room.room, [position[id(p)] for p in room.problems]) for room in unit.rooms])
            rooms_count += len(unit.rooms)
            holds_kept = kept is not None and any(
                _key(p) == kept for p in (*unit.own, *(q for r in unit.rooms for q in r.problems)))
            if many_rooms and not holds_kept:   # rooms added when the unit is opened
                unit_item.setChildIndicatorPolicy(
                    QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                continue
            found = self._fill_unit(unit_item, kept, expand_all)
            selected = found or selected
            unit_item.setExpanded(True)
        self.tree.blockSignals(False)
        self.tree.setUpdatesEnabled(True)
        if selected is not None:
            self.tree.setCurrentItem(selected)
        self._show_selected()
        self._show_status(len(indexes), rooms_count)

    def _add_problem(self, parent: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
        problem = self._problems[index]
        item = QTreeWidgetItem(parent, [title(problem.code), concerns(problem)])
        item.setData(0, PROBLEM_ROLE, index)
        return item

    def _fill_unit(self, unit_item: QTreeWidgetItem, kept: tuple[object, ...] | None = None,
                   expand_rooms: bool = False) -> QTreeWidgetItem | None:
        """Add a unit row's own problems and its rooms (once); a room's problems now when
        ``expand_rooms`` or it holds ``kept``, else when it is opened."""
        if unit_item.childCount():
            return None
        found = None
        rooms = unit_item.data(0, ROOMS_ROLE) or []
        in_rooms = {int(i) for _label, indexes in rooms for i in indexes}
        for index in unit_item.data(0, GROUP_ROLE) or ():
            if int(index) not in in_rooms:
                item = self._add_problem(unit_item, int(index))
                if kept is not None and _key(self._problems[int(index)]) == kept:
                    found = item
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for label, indexes in rooms:
            room_item = QTreeWidgetItem(unit_item, [tr("Room {room}").format(room=label),
                                                    _count(len(indexes))])
            room_item.setFont(0, bold)
            room_item.setData(0, GROUP_ROLE, list(indexes))
            holds_kept = kept is not None and any(
                _key(self._problems[int(i)]) == kept for i in indexes)
            if expand_rooms or holds_kept:
                found = self._populate(room_item, kept) or found
                room_item.setExpanded(True)
            else:   # the problems are added when the room is opened (a big database)
                room_item.setChildIndicatorPolicy(
                    QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return found

    def _populate(self, room_item: QTreeWidgetItem, kept: tuple[object, ...] | None = None
                  ) -> QTreeWidgetItem | None:
        """Add a room row's problems (once); returns the one whose key is ``kept``."""
        found = None
        if room_item.childCount() == 0:
            for index in room_item.data(0, GROUP_ROLE) or ():
                item = self._add_problem(room_item, int(index))
                if kept is not None and _key(self._problems[int(index)]) == kept:
                    found = item
        return found

    def _expanded(self, item: QTreeWidgetItem) -> None:
        if item.childCount():
            return
        if item.parent() is None:
            self._fill_unit(item)
        else:
            self._populate(item)

    def _show_status(self, shown: int, rooms: int) -> None:
        if self.running:
            return
        total = len(self._problems)
        at = self._checked_at
        when = f"{at.hour:02d}:{at.minute:02d}" if at is not None else ""   # 24 h in both
        day = format_date(self.as_of_date())
        if total == 0 and self._checked_once:
            text = tr("Nothing needs attention as of {day}.").format(day=day)
        elif shown == total:
            text = trn("{n} problem", "{n} problems", shown).format(n=shown)
            text += " " + trn("in {n} room", "in {n} rooms", rooms).format(n=rooms)
            text += " " + tr("as of {day} (checked {time})").format(day=day, time=when)
        else:
            text = tr("{shown} of {total} problems shown").format(shown=shown, total=total)
            text += " " + tr("as of {day} (checked {time})").format(day=day, time=when)
        self.status.setText(text)

    # -- selection and going to the fix -------------------------------------------------------
    def selected_problem(self) -> tuple[object, ...] | None:
        problem = self.current_problem()
        return _key(problem) if problem is not None else None

    def current_problem(self) -> Problem | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        index = item.data(0, PROBLEM_ROLE)
        if index is None or not 0 <= int(index) < len(self._problems):
            return None
        return self._problems[int(index)]

    def _show_selected(self) -> None:
        problem = self.current_problem()
        item = self.tree.currentItem()
        if problem is None and item is not None and item.data(0, GROUP_ROLE) is not None:
            problems = [self._problems[int(i)] for i in item.data(0, GROUP_ROLE)]
            room_ids = {p.target.room_id for p in problems
                        if p.room and p.target is not None and p.target.room_id is not None}
            is_room = item.parent() is not None
            unit = self._unit_text(problems[0].unit) if is_room and problems else ""
            self.detail.show_group(item.text(0), unit, problems,
                                   next(iter(room_ids)) if is_room and len(room_ids) == 1
                                   else None)
            return
        if problem is None:
            self.detail.show_problem(None)
            return
        places = [self._unit_text(problem.unit)]
        if problem.room:
            places.append(tr("Room {room}").format(room=problem.room))
        self.detail.show_problem(problem, " · ".join(places))

    def select_problem(self, problem: Problem) -> bool:
        """Select ``problem`` in the tree (tests, and keeping the place)."""
        wanted = _key(problem)
        indexes = {i for i, p in enumerate(self._problems) if _key(p) == wanted}
        for item in self._items():       # open the unit and room it is in, if not yet
            group_of = item.data(0, GROUP_ROLE)
            if (item.childCount() == 0 and group_of
                    and indexes.intersection(int(i) for i in group_of)):
                item.setExpanded(True)   # fills it (itemExpanded)
                self._expanded(item)
        for item in self._items():
            group_of = item.data(0, GROUP_ROLE)
            if (item.parent() is not None and item.childCount() == 0 and group_of
                    and indexes.intersection(int(i) for i in group_of)):
                item.setExpanded(True)
                self._expanded(item)
        for item in self._items():
            index = item.data(0, PROBLEM_ROLE)
            if index is not None and int(index) in indexes:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        """Every item of the tree, depth first."""
        found: list[QTreeWidgetItem] = []
        pending = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while pending:
            item = pending.pop(0)
            if item is None:
                continue
            found.append(item)
            pending[0:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, PROBLEM_ROLE) is None:
            item.setExpanded(not item.isExpanded())
            return
        self.go_to_selected()

    def go_to_selected(self) -> bool:
        """Open the place the selected problem is fixed (a room row: the room)."""
        target = self.detail.target
        if target is None:
            return False
        if self._navigate is not None:
            return self._navigate(target)
        from vernetool.ui.shell.navigation import go_to

        window: Any = self.window()
        if not hasattr(window, "show_area"):
            return False
        return go_to(window, target)

    def _focus_tree(self) -> None:
        self.apply_filter()
        self.tree.setFocus()
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)


def _count(n: int) -> str:
    return trn("{n} problem", "{n} problems", n).format(n=n)
