"""One room, everything: a window per room with who answers for it, its problems, the room
card against the registers, its chemicals, sources, agents, open deviations and findings.

The window opens at once with the room's name and a loading line; the rest is read off the
GUI thread (``services.room_overview.screen_data`` on its own read-only connection) and
filled in when it comes. It reloads when the services announce a change to what it shows.
Esc closes it; Ctrl+1 … Ctrl+7 pick a tab.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import language, tr
from vernetool.services import Change, Topic
from vernetool.ui.common.buttons import translate_buttons
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import room_type_label
from vernetool.ui.common.list_detail import detail_title, muted_label
from vernetool.ui.common.screen_fit import fit_on_show, fitting_size
from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner
from vernetool.ui.rooms import lists, navigate
from vernetool.ui.rooms.card_tab import CardTab, comparison_entries
from vernetool.ui.rooms.problems import ProblemsTab, ProblemStrip, destination
from vernetool.ui.shell import theme

PREFERRED = QSize(1120, 740)
RELOAD_DELAY_MS = 150  # several notices from one import reload once
TOPICS = (Topic.ROOMS, Topic.RESPONSIBILITIES, Topic.PERSONS, Topic.ROOM_CARDS,
          Topic.CHEMICALS, Topic.HOLDINGS, Topic.EXPOSURE, Topic.SOURCES, Topic.AGENTS,
          Topic.BIO_WORKERS, Topic.DEVIATIONS, Topic.FINDINGS, Topic.ROUNDS, Topic.UNITS)


def _unbroken(text: str) -> str:
    return html.escape(text).replace(" ", "&nbsp;")


def person_html(role: str, person: dict[str, Any] | None) -> str:
    """ "Room responsible: Kari Nordmann · +47 900 00 001 · kari@…" with the e-mail as a
    link, in one piece: a narrow window breaks the line between two people, not inside."""
    label = f"<span style='color: {theme.MUTED}'>{_unbroken(role)}</span>"
    if not person:
        return f"{label}&nbsp;<span style='color: {theme.MUTED}'>{_unbroken(tr('nobody'))}</span>"
    parts = [f"<b>{_unbroken(str(person.get('name') or ''))}</b>"]
    if person.get("phone"):
        parts.append(_unbroken(str(person["phone"])))
    if person.get("email"):
        email = html.escape(str(person["email"]))
        parts.append(f"<a href='mailto:{email}'>{email}</a>")
    return f"{label}&nbsp;" + "&nbsp;·&nbsp;".join(parts)


class RoomWindow(QDialog):
    """Everything about one room; non-modal, one per room (``open_room``)."""

    def __init__(self, ctx: AppContext, room_id: int, parent: QWidget | None = None, *,
                 as_of: dt.date | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.room_id = room_id
        self.as_of = as_of
        self.data: Any = None
        self.setObjectName("roomWindow")
        self.setModal(False)
        # a window of its own, not a dialog kept above the main window: the rows open the
        # registers and areas there, which must come to the front
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.WindowTitleHint
                            | Qt.WindowType.WindowSystemMenuHint
                            | Qt.WindowType.WindowMinMaxButtonsHint
                            | Qt.WindowType.WindowCloseButtonHint)
        self.setSizeGripEnabled(True)
        room = ctx.services.rooms.get(room_id)  # one indexed row: the title at once
        self._label = room.label if room is not None else ""
        self._set_title(room.label if room else "", room.name if room else "")

        self.title = detail_title()
        self.title.setObjectName("roomTitle")
        self.title.setText(" ".join(p for p in (self._label, room.name if room else "") if p))
        self.subtitle = muted_label("")
        self.subtitle.setObjectName("roomSubtitle")
        self.people = QLabel()
        self.people.setObjectName("roomPeople")
        self.people.setTextFormat(Qt.TextFormat.RichText)
        self.people.setWordWrap(True)
        self.people.setOpenExternalLinks(True)
        self.people.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.loading = muted_label(tr("Reading the room's registers…"))
        self.loading.setObjectName("roomLoading")

        self.strip = ProblemStrip()
        self.strip.hide()
        self.card_tab = CardTab()
        self.chemicals = lists.RoomList(lists.chemicals_spec())
        self.sources = lists.RoomList(lists.sources_spec())
        self.agents = lists.RoomList(lists.agents_spec())
        self.deviations = lists.RoomList(lists.deviations_spec())
        self.findings = lists.RoomList(lists.findings_spec())
        self.problems_tab = ProblemsTab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("roomTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self._pages: list[tuple[QWidget, Any]] = [
            (self.card_tab, lambda: tr("Room card")),
            (self.chemicals, lambda: tr("Chemicals")),
            (self.sources, lambda: tr("Sources")),
            (self.agents, lambda: tr("Agents")),
            (self.deviations, lambda: tr("Deviations")),
            (self.findings, lambda: tr("Findings")),
            (self.problems_tab, lambda: tr("Problems")),
        ]
        for number, (page, title) in enumerate(self._pages):
            self.tabs.addTab(page, title())
            self.tabs.setTabToolTip(number, tr("Ctrl+{n}").format(n=number + 1))
        self.tabs.setEnabled(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.rooms_button = self.buttons.addButton(
            tr("Show in &Rooms"), QDialogButtonBox.ButtonRole.ActionRole)
        self.rooms_button.setToolTip(tr("The room in the Rooms area: its responsibility "
                                        "history and the room dialogs"))
        self.rooms_button.clicked.connect(
            lambda: navigate.show_room_in_rooms(self, self.room_id))

        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.subtitle)
        head.addWidget(self.people)
        top = QHBoxLayout()
        top.addLayout(head, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addLayout(top)
        layout.addWidget(self.loading)
        layout.addWidget(self.strip)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self._wire()
        self.resize(fitting_size(self, PREFERRED))
        fit_on_show(self)
        self._job: TaskRunner | None = None
        self._reload_pending = False
        self.print_job: TaskRunner | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on(TOPICS, self._changed)
        if load:
            self.reload()

    def _set_title(self, label: str, name: str) -> None:
        room = " ".join(p for p in (label, name) if p)
        self.setWindowTitle(tr("Room {room}").format(room=room) if room else tr("Room"))

    def _wire(self) -> None:
        self.card_tab.accept_requested.connect(self.accept_fields)
        self.card_tab.edit_requested.connect(self.edit_card)
        self.card_tab.print_requested.connect(self.print_card)
        self.chemicals.opened.connect(self._open_holding)
        self.sources.opened.connect(self._open_source)
        self.agents.opened.connect(self._open_agent)
        self.deviations.opened.connect(self._open_deviation)
        self.findings.opened.connect(self._open_finding)
        self.strip.go.connect(self.go_to_problem)
        self.strip.show_all.connect(lambda: self.tabs.setCurrentWidget(self.problems_tab))
        self.problems_tab.go.connect(self.go_to_problem)
        for number in range(len(self._pages)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self)
            shortcut.activated.connect(lambda n=number: self._pick_tab(n))

    def _pick_tab(self, number: int) -> None:
        self.tabs.setCurrentIndex(number)
        page = self.tabs.currentWidget()
        target = getattr(page, "table", None) or getattr(page, "list", None)
        if target is not None and target.isVisible():
            target.setFocus()
        elif page is not None:
            page.setFocus()

    # -- loading -----------------------------------------------------------------------------
    def _changed(self, _change: Change) -> None:
        self._timer.start()

    def reload(self) -> None:
        """Read the room again off the GUI thread (once more after a running read ends)."""
        if self._job is not None and self._job.running:
            self._reload_pending = True
            return
        overview = self.ctx.services.room_overview
        room_id, as_of = self.room_id, self.as_of

        def job(progress: ProgressFn, cancelled: CancelledFn) -> Any:
            return overview.screen_data(room_id, as_of)

        self._job = TaskRunner(self, tr("Room"), "", job, show_dialog=False)
        self._job.succeeded.connect(self.show_data)
        self._job.failed.connect(self._failed)
        self._job.finished.connect(self._after_job)
        self._job.start()

    def load_now(self) -> None:
        """Read and show the room on this thread (tests, the geometry check)."""
        self.show_data(self.ctx.services.room_overview.screen_data(self.room_id, self.as_of))

    def _after_job(self) -> None:
        if self._reload_pending:
            self._reload_pending = False
            self.reload()

    def _failed(self, error: object) -> None:
        self.loading.setText(tr("The room could not be read: {error}").format(error=error))
        self.loading.setStyleSheet(f"color: {theme.ERROR};")
        self.loading.show()

    def show_data(self, data: Any) -> None:
        """Fill the window with ``RoomScreenData`` (None: the room is gone)."""
        if data is None:
            self.loading.setText(tr("This room no longer exists."))
            self.loading.show()
            self.tabs.setEnabled(False)
            return
        self.data = data
        room, overview = data.room, data.overview
        self._label = room.label
        self._set_title(room.label, room.name)
        self.title.setText(" ".join(p for p in (room.label, room.name) if p))
        facts = [room_type_label(room.type)]
        if room.building_name:
            facts.append(room.building_name)
        if room.floor:
            facts.append(tr("Floor {floor}").format(floor=room.floor))
        if room.unit_code:
            facts.append(tr("Unit {unit}").format(unit=room.unit_code))
        self.subtitle.setText(" · ".join(facts))
        people = overview["responsible"]
        self.people.setText(f"{person_html(tr('Room responsible:'), people.get('current'))}"
                            f"&nbsp;&nbsp;&nbsp; "
                            f"{person_html(tr('Deputy:'), people.get('deputy'))}")
        titles = [str(d.get("title") or "") for d in overview["open_deviations"]]
        problems = list(overview["problems"])
        self.strip.show_problems(problems, titles)
        self.problems_tab.show_problems(problems, titles)
        has_card = overview["card"] is not None
        self.card_tab.show_comparison(data.comparison, has_card)
        self.card_tab.print_button.setEnabled(has_card)
        self.card_tab.print_button.setToolTip(
            tr("The A4 door sign as PDF, opened when written") if has_card else
            tr("The room has no room card to print: accept the proposals or edit the card "
               "first"))
        self.chemicals.set_rows(overview["chemicals"])
        self.sources.set_rows(overview["sources"])
        self.agents.set_rows(overview["agents"])
        self.deviations.set_rows(overview["open_deviations"])
        self.findings.set_rows(overview["open_findings"])
        stale = sum(1 for e in comparison_entries(data.comparison) if not e.agrees)
        counts = [stale, self.chemicals.count(), self.sources.count(), self.agents.count(),
                  self.deviations.count(), self.findings.count(), len(problems)]
        for index, ((_page, title), count) in enumerate(zip(self._pages, counts, strict=True)):
            self.tabs.setTabText(index, f"{title()} ({count})" if count else title())
        self.loading.hide()
        self.tabs.setEnabled(True)

    # -- the card -----------------------------------------------------------------------------
    def accept_fields(self, fields: tuple[str, ...]) -> None:
        with reported(self, tr("Could not update the room card")) as outcome:
            self.ctx.services.room_cards.accept(self.room_id, list(fields))
        if outcome:
            self.load_now()

    def edit_card(self) -> None:
        from vernetool.ui.organisation.room_card_dialog import RoomCardDialog

        room = self.ctx.services.rooms.get(self.room_id)
        if room is not None and RoomCardDialog(self.ctx, room, self).exec():
            self.load_now()

    def print_card(self, out: Path | None = None, open_after: bool = True) -> None:
        """Ask where (unless ``out``), write the door sign off the GUI thread, open it. What
        it shows is read here (one short transaction); only the PDF is written off the GUI
        thread, so the job never touches this thread's connection."""
        printer = self.ctx.services.room_card_print
        sheet = None
        with reported(self, tr("Could not print the room card")):
            sheet = printer.build(self.room_id, self.as_of)
        if sheet is None:
            return
        if out is None:
            from PySide6.QtWidgets import QFileDialog

            chosen, _ = QFileDialog.getSaveFileName(
                self, tr("Print room card"), str(Path.home() / suggested_name(self._label)),
                tr("PDF files (*.pdf)"))
            if not chosen:
                return
            out = Path(chosen)
            if out.suffix.lower() != ".pdf":
                out = out.with_name(out.name + ".pdf")
        target, lang, card = out, language(), sheet

        def job(progress: ProgressFn, cancelled: CancelledFn) -> Path:
            return printer.render(card, target, lang)

        runner = TaskRunner(self, tr("Print room card"),
                            tr("Writing {name}…").format(name=target.name), job)
        if open_after:
            runner.succeeded.connect(
                lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        runner.failed.connect(lambda exc: self._print_failed(target, exc))
        self.print_job = runner
        runner.start()

    def _print_failed(self, target: Path, error: object) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, tr("Print room card"), tr(
            "{name} could not be written:\n\n{error}").format(name=target.name, error=error))

    # -- going where things are kept ------------------------------------------------------
    def _rows(self, key: str) -> list[Any]:
        return list(self.data.overview[key]) if self.data is not None else []

    def _open_holding(self, row: Any) -> None:
        navigate.show_holding(self, self.room_id, row["id"] if row else None)

    def _open_source(self, row: Any) -> None:
        navigate.show_source(self, row["id"] if row else None)

    def _open_agent(self, row: Any) -> None:
        navigate.show_agent(self, self.room_id, row["agent_id"] if row else None)

    def _open_deviation(self, row: Any) -> None:
        if row is not None:
            navigate.show_deviation(self, int(row["id"]))

    def _open_finding(self, row: Any) -> None:
        if row is not None:
            navigate.show_round_plan(self, int(row["round_id"]))

    def go_to_problem(self, problem: Any) -> None:
        """Where ``problem`` is fixed: a tab of this window or another screen."""
        titles = [str(d.get("title") or "") for d in self._rows("open_deviations")]
        place = destination(problem, titles)
        subject = str(getattr(problem, "subject", ""))
        if place == "card":
            self.tabs.setCurrentWidget(self.card_tab)
        elif place == "chemicals":
            match = next((r for r in self._rows("chemicals") if r["product"] == subject), None)
            navigate.show_holding(self, self.room_id, match["id"] if match else None)
        elif place == "exposure":
            match = next((r for r in self._rows("chemicals") if r["product"] == subject), None)
            self._show_exposure(match["product_id"] if match else None)
        elif place == "sources":
            rows = self._rows("sources")
            match = next((r for r in rows if r.get("notifiable") and not r.get("dsa_id")),
                         rows[0] if rows else None)
            navigate.show_source(self, match["id"] if match else None)
        elif place == "agents":
            match = next((r for r in self._rows("agents") if r["name"] == subject), None)
            navigate.show_agent(self, self.room_id, match["agent_id"] if match else None)
        elif place == "bio_workers":
            navigate.show_register(self, "bio_workers")
        elif place == "responsible":
            navigate.show_room_in_rooms(self, self.room_id)
        elif place == "deviations":
            self.tabs.setCurrentWidget(self.deviations)
        elif place == "findings":
            self.tabs.setCurrentWidget(self.findings)

    def _show_exposure(self, product_id: int | None) -> None:
        window = navigate.main_window(self)
        if window is None:
            return
        page = window.show_area("registers")
        if product_id is not None and hasattr(page, "show_exposure"):
            page.show_exposure(product_id)
        else:
            navigate.show_register(self, "exposure")
        window.raise_()
        window.activateWindow()


def suggested_name(room_label: str) -> str:
    """ "romkort-REALF-D2-108.pdf" (letters, digits and dashes)."""
    import re

    base = "romkort" if language() == "nb" else "room-card"
    safe = re.sub(r"[^\w]+", "-", room_label, flags=re.UNICODE).strip("-")
    return f"{base}-{safe}.pdf" if safe else f"{base}.pdf"
