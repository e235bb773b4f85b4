"""The Deviations area: filters (free text, status, type, overdue) and the overdue mark,
counts per status, the workflow buttons and dialogs (reject needs a reason, accept needs a
deadline, close only after a decision) with the status history, measures and photos."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QImage

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db.deviations import actions as dev_actions
from vernetool.db.deviations import attachments as dev_attachments
from vernetool.db.deviations import records as store
from vernetool.domain.deviations.rules import (
    Action,
    Deviation,
    DeviationStatus,
    DeviationType,
    StatusChange,
)
from vernetool.ui.common.labels import locale_for
from vernetool.ui.deviations.detail import history_detail_text
from vernetool.ui.deviations.dialog import DeviationDialog
from vernetool.ui.deviations.table_model import (
    DEADLINE_COLUMN,
    STATUS_COLUMN,
    DeviationsTableModel,
)
from vernetool.ui.deviations.view import DeviationsView
from vernetool.ui.deviations.workflow_dialogs import (
    ActionDialog,
    ActionNoteDialog,
    StatusChangeDialog,
)

TODAY = dt.date(2025, 6, 16)


@pytest.fixture(autouse=True)
def english() -> Any:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))  # as the app does
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


def record(ctx: AppContext, title: str, kind: DeviationType = DeviationType.HAZARD, *,
           day: dt.date = dt.date(2025, 5, 2), description: str = "") -> int:
    return store.create_deviation(ctx.conn, Deviation(kind, title, day, description),
                                  actor="test")


@pytest.fixture
def ids(ctx: AppContext) -> dict[str, int]:
    found = {
        "alarm": record(ctx, "Brannalarm uten grunn", description="Alarm i 3. etasje"),
        "exit": record(ctx, "Blocked escape route", description="Pallets in the corridor"),
        "glass": record(ctx, "Cut by glass", DeviationType.ACCIDENT, day=dt.date(2025, 2, 1)),
        "idea": record(ctx, "Better signs", DeviationType.IMPROVEMENT, day=dt.date(2024, 11, 5)),
    }
    # "exit" is accepted with a deadline that has passed: overdue
    store.change_status(ctx.conn, found["exit"], StatusChange(
        DeviationStatus.ACCEPTED, closing_deadline=dt.date(2025, 6, 1)), actor="test",
        today=dt.date(2025, 5, 3))
    return found


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, ids: dict[str, int]) -> DeviationsView:
    widget = DeviationsView(ctx, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    return widget


def titles(view: DeviationsView) -> list[str]:
    return [view.model.row_at(r).title for r in range(view.model.rowCount())]


def test_model_passes_the_qt_model_tests(qtmodeltester: Any, ctx: AppContext,
                                         ids: dict[str, int]) -> None:
    model = DeviationsTableModel(ctx.services.deviation_queries, today=TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_free_text_filters_as_you_type(qtbot: Any, view: DeviationsView) -> None:
    assert view.count_label.text() == "4 deviations"
    qtbot.keyClicks(view.search, "bran")                # prefix of "Brannalarm"
    qtbot.waitUntil(lambda: view.model.total() == 1)
    assert titles(view) == ["Brannalarm uten grunn"]
    view.search.setText("corridor")                    # words of the description
    view.apply_filter()
    assert titles(view) == ["Blocked escape route"]
    assert view.count_label.text() == "1 deviation"


def test_an_overdue_deadline_fits_its_column_in_english(view: DeviationsView) -> None:
    """"Overdue 2026-11-30" is bold and longer than "Forfalt 30.11.2026": the column was
    sized for Bokmål and cut it to "Overdue 2026-11…" (issue 8 trial, 1366x768)."""
    from PySide6.QtGui import QFont, QFontMetrics

    row = titles(view).index("Blocked escape route")
    text = view.model.index(row, DEADLINE_COLUMN).data()
    font = view.model.index(row, DEADLINE_COLUMN).data(Qt.ItemDataRole.FontRole)
    assert text.startswith("Overdue ") and isinstance(font, QFont) and font.bold()
    needed = QFontMetrics(font).horizontalAdvance(text) + 12  # the cell's margins
    assert view.table.columnWidth(DEADLINE_COLUMN) >= needed

def test_status_type_and_date_filters(view: DeviationsView) -> None:
    view.status_combo.setCurrentIndex(view.status_combo.findData("accepted"))
    assert titles(view) == ["Blocked escape route"]
    view.status_combo.setCurrentIndex(view.status_combo.findData("open"))
    assert len(titles(view)) == 4
    view.clear_filters()
    view.type_combo.setCurrentIndex(view.type_combo.findData("accident"))
    assert titles(view) == ["Cut by glass"]
    view.clear_filters()
    view.date_from.setDate(view.date_from.date().fromString("2025-01-01", "yyyy-MM-dd"))
    assert "Better signs" not in titles(view) and len(titles(view)) == 3


def test_overdue_is_marked_and_filtered(view: DeviationsView) -> None:
    row = titles(view).index("Blocked escape route")
    deadline = view.model.index(row, DEADLINE_COLUMN)
    assert deadline.data().startswith("Overdue")
    assert view.model.index(row, STATUS_COLUMN).data(Qt.ItemDataRole.ForegroundRole) \
        .color() == QColor("#b42318")
    assert view.model.index(row, STATUS_COLUMN).data(Qt.ItemDataRole.DecorationRole) is not None
    other = titles(view).index("Cut by glass")
    assert not view.model.index(other, DEADLINE_COLUMN).data().startswith("Overdue")
    assert view.chip_buttons["overdue"].text() == "Overdue 1"
    view.overdue_check.setChecked(True)
    assert titles(view) == ["Blocked escape route"]
    view.select_row(0)
    assert view.detail.overdue_badge.isVisibleTo(view.detail)


def test_counts_per_status_follow_the_filter(view: DeviationsView) -> None:
    assert view.chip_buttons["registered"].text() == "Registered 3"
    assert view.chip_buttons["accepted"].text() == "Accepted 1"
    view.type_combo.setCurrentIndex(view.type_combo.findData("hazard"))
    assert view.chip_buttons["registered"].text() == "Registered 1"
    view.chip_buttons["accepted"].click()
    assert view.status_combo.currentData() == "accepted"
    assert titles(view) == ["Blocked escape route"]


def select(view: DeviationsView, deviation_id: int) -> None:
    assert view.select_deviation(deviation_id)
    shown = view.shown_deviation()
    assert shown is not None and shown.id == deviation_id


def history(ctx: AppContext, deviation_id: int) -> list[tuple[str | None, str, str]]:
    """(from, to, what the history table shows in the detail column)."""
    return [(h.from_status.value if h.from_status else None, h.to_status.value,
             history_detail_text(h)) for h in store.status_history(ctx.conn, deviation_id)]


def test_workflow_buttons_show_only_the_allowed_next_steps(view: DeviationsView,
                                                           ids: dict[str, int]) -> None:
    select(view, ids["alarm"])
    assert set(view.detail.workflow_buttons) == {DeviationStatus.ACCEPTED,
                                                 DeviationStatus.REJECTED,
                                                 DeviationStatus.TRANSFERRED}
    assert DeviationStatus.CLOSED not in view.detail.workflow_buttons  # no decision yet
    select(view, ids["exit"])
    assert DeviationStatus.CLOSED in view.detail.workflow_buttons
    assert view.detail.workflow_buttons[DeviationStatus.IN_PROGRESS].text() == "&Start measures"


def test_reject_requires_a_reason(qtbot: Any, ctx: AppContext, ids: dict[str, int]) -> None:
    dev = store.get_deviation(ctx.conn, ids["alarm"])
    assert dev is not None
    dialog = StatusChangeDialog(ctx, dev, DeviationStatus.REJECTED, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.error.text().startswith("Reason:")
    assert store.get_deviation(ctx.conn, ids["alarm"]).status is DeviationStatus.REGISTERED
    assert history(ctx, ids["alarm"]) == [(None, "registered", "")]
    assert dialog.reason is not None
    dialog.reason.setPlainText("Test of the alarm, announced")
    dialog.accept()
    assert store.get_deviation(ctx.conn, ids["alarm"]).status is DeviationStatus.REJECTED
    assert history(ctx, ids["alarm"])[-1] == ("registered", "rejected",
                                              "Reason: Test of the alarm, announced")


def test_accept_asks_for_a_deadline_then_close(qtbot: Any, ctx: AppContext,
                                               ids: dict[str, int]) -> None:
    dev = store.get_deviation(ctx.conn, ids["glass"])
    assert dev is not None
    dialog = StatusChangeDialog(ctx, dev, DeviationStatus.CLOSED, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.accept()  # registered → closed is not allowed: a decision is needed first
    assert dialog.error.text().startswith("Status:")
    assert store.get_deviation(ctx.conn, ids["glass"]).status is DeviationStatus.REGISTERED

    accept = StatusChangeDialog(ctx, dev, DeviationStatus.ACCEPTED, today=TODAY)
    qtbot.addWidget(accept)
    assert accept.deadline is not None  # the dialog asks for the closing deadline
    accept.deadline.setDate(accept.deadline.date().fromString("2025-07-01", "yyyy-MM-dd"))
    accept.accept()
    fresh = store.get_deviation(ctx.conn, ids["glass"])
    assert fresh is not None and fresh.status is DeviationStatus.ACCEPTED
    assert fresh.closing_deadline == dt.date(2025, 7, 1)

    close = StatusChangeDialog(ctx, fresh, DeviationStatus.CLOSED, today=TODAY)
    qtbot.addWidget(close)
    close.accept()
    closed = store.get_deviation(ctx.conn, ids["glass"])
    assert closed is not None and closed.status is DeviationStatus.CLOSED
    assert closed.closed_at == TODAY
    assert [(f, t) for f, t, _ in history(ctx, ids["glass"])] == [
        (None, "registered"), ("registered", "accepted"), ("accepted", "closed")]
    assert history(ctx, ids["glass"])[1][2] == "Closing deadline 2025-07-01"
    # stored as data, so each reader sees it in their own language
    i18n.set_language("nb")
    assert history(ctx, ids["glass"])[1][2] == "Frist for lukking 01.07.2025"
    entry = store.status_history(ctx.conn, ids["glass"])[1]
    assert entry.closing_deadline == dt.date(2025, 7, 1) and entry.note == ""


def test_workflow_through_the_view_buttons(qtbot: Any, view: DeviationsView, ctx: AppContext,
                                           ids: dict[str, int]) -> None:
    """Transfer via the button: the dialog asks to whom; the detail shows the history."""
    select(view, ids["alarm"])

    def answer() -> None:
        dialog = view.dialog
        assert isinstance(dialog, StatusChangeDialog) and dialog.to_whom is not None
        dialog.to_whom.setText("Eiendom")
        dialog.accept()

    QTimer.singleShot(0, answer)
    view.detail.workflow_buttons[DeviationStatus.TRANSFERRED].click()
    assert store.get_deviation(ctx.conn, ids["alarm"]).transferred_to == "Eiendom"
    assert view.detail.history.rowCount() == 2
    assert view.detail.history.item(1, 1).text() == "Registered → Transferred\nTo: Eiendom"
    assert set(view.detail.workflow_buttons) == {DeviationStatus.REGISTERED}  # reopen only


def test_measures_notes_and_done(qtbot: Any, view: DeviationsView, ctx: AppContext,
                                 ids: dict[str, int]) -> None:
    dev = store.get_deviation(ctx.conn, ids["exit"])
    assert dev is not None
    dialog = ActionDialog(ctx, dev, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.description.setPlainText("Remove the pallets")
    dialog.accept()
    assert dialog.error.text().startswith("Responsible:")
    dialog.responsible.setText("Ola Vaktmester")
    dialog.accept()
    assert dialog.action_id is not None
    # adding a measure to an accepted deviation starts the measures
    assert store.get_deviation(ctx.conn, ids["exit"]).status is DeviationStatus.IN_PROGRESS
    action = dev_actions.list_actions(ctx.conn, ids["exit"])[0]
    note = ActionNoteDialog(ctx, action)
    qtbot.addWidget(note)
    note.note.setPlainText("Half of them gone")
    note.accept()
    select(view, ids["exit"])
    tree = view.detail.measure_tree
    assert tree.topLevelItem(0).text(0) == "Remove the pallets"
    assert tree.topLevelItem(0).child(0).text(0).startswith("Half of them gone")
    view.detail.measure_tree.setCurrentItem(tree.topLevelItem(0))
    view.detail.done_button.click()
    assert dev_actions.list_actions(ctx.conn, ids["exit"])[0].status.value == "done"


def test_attach_photo_shows_a_thumbnail(qtbot: Any, view: DeviationsView, ctx: AppContext,
                                        ids: dict[str, int], tmp_path: Path) -> None:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    photo = tmp_path / "pallets.png"
    assert image.save(str(photo))
    select(view, ids["exit"])
    assert view.attach_files([photo]) == 1
    attachments = dev_attachments.list_attachments(ctx.conn, ids["exit"])
    assert [a.original_name for a in attachments] == ["pallets.png"]
    assert view.detail.attachments.count() == 1
    assert not view.detail.attachments.item(0).icon().isNull()


@pytest.mark.parametrize("key, modifiers", [
    (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)])
def test_insert_or_ctrl_shift_n_records_a_deviation(qtbot: Any, view: DeviationsView, key: Any,
                                                    modifiers: Any) -> None:
    """Ctrl+N stays File → New database; the area takes Insert (as Rooms/People) and
    Ctrl+Shift+N for keyboards without Insert."""
    view.show()
    view.windowHandle().requestActivate()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    seen: list[object] = []

    def close() -> None:
        seen.append(view.dialog)
        if isinstance(view.dialog, DeviationDialog):
            view.dialog.title_edit.setText("Wet floor by the entrance")
            view.dialog.accept()

    QTimer.singleShot(50, close)
    qtbot.keyClick(view.table, key, modifiers)
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: view.model.total() == 5)
    assert isinstance(seen[0], DeviationDialog)
    shown = view.shown_deviation()
    assert shown is not None and shown.title == "Wet floor by the entrance"


def test_measure_on_a_finished_deviation_is_refused(ctx: AppContext,
                                                    ids: dict[str, int]) -> None:
    store.change_status(ctx.conn, ids["alarm"], StatusChange(DeviationStatus.REJECTED,
                                                             reason="dup"), actor="t")
    with pytest.raises(Exception, match="reopen"):
        dev_actions.add_action(ctx.conn, ids["alarm"], Action("x", "Ola"), actor="t")


def test_import_and_export_from_the_file_menu(qtbot: Any, ctx: AppContext,
                                              tmp_path: Path) -> None:
    from vernetool.ui.shell.main_window import MainWindow

    ctx.settings.set("last_area", "deviations")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.exchange.actions["import:deviations"].text() == "&Deviations…"
    assert window.exchange.actions["export:deviations"].text() == "&Deviations…"
    page = window.show_area("deviations")
    assert isinstance(page, DeviationsView) and page.model.total() == 0
    source = tmp_path / "avvik.csv"
    source.write_text("\ufeffreported_at;type;title;status;closed_at\n"
                      "02.05.2024;Nestenulykke;Glatt gulv;Registrert;\n"
                      "03.05.2024;Ulykke;Kutt i hånd;Lukket;10.05.2024\n", encoding="utf-8")
    with qtbot.waitSignal(window.exchange.import_finished, timeout=20000) as blocker:
        assert window.exchange.start_import("deviations", source) is not None
    assert (blocker.args[0].imported, blocker.args[0].errors) == (2, [])
    assert page.model.total() == 2  # the area was refreshed
    out = tmp_path / "avvik.json"
    with qtbot.waitSignal(window.exchange.export_finished, timeout=20000) as done:
        window.exchange.start_export("deviations", out, "json")
    assert done.args[0] == page.model.total() and out.exists()
    if window.exchange.result_dialog is not None:
        window.exchange.result_dialog.close()


def test_one_deviation_through_the_whole_workflow_in_the_view(
        qtbot: Any, view: DeviationsView, ctx: AppContext, ids: dict[str, int]) -> None:
    """Accept (deadline) → add a measure (starts the measures) → mark it done → close."""
    select(view, ids["glass"])

    def answer_with(fill: Any) -> None:
        def run() -> None:
            fill(view.dialog)
            view.dialog.accept()  # type: ignore[union-attr]
        QTimer.singleShot(0, run)

    answer_with(lambda d: d.deadline.setDate(d.deadline.date().fromString("2025-07-01",
                                                                            "yyyy-MM-dd")))
    view.detail.workflow_buttons[DeviationStatus.ACCEPTED].click()
    answer_with(lambda d: (d.description.setPlainText("Buy cut-resistant gloves"),
                           d.responsible.setText("Lab manager")))
    view.detail.add_action_button.click()
    assert view.shown_deviation().status is DeviationStatus.IN_PROGRESS
    view.detail.measure_tree.setCurrentItem(view.detail.measure_tree.topLevelItem(0))
    view.detail.done_button.click()
    answer_with(lambda d: None)
    view.detail.workflow_buttons[DeviationStatus.CLOSED].click()
    assert view.shown_deviation().status is DeviationStatus.CLOSED
    assert [(f, t) for f, t, _ in history(ctx, ids["glass"])] == [
        (None, "registered"), ("registered", "accepted"), ("accepted", "in_progress"),
        ("in_progress", "closed")]
    assert view.detail.history.rowCount() == 4
    assert set(view.detail.workflow_buttons) == {DeviationStatus.IN_PROGRESS}  # reopen
    assert view.chip_buttons["closed"].text() == "Closed 1"


def test_empty_states_say_what_to_do(qtbot: Any, ctx: AppContext) -> None:
    view = DeviationsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    assert "Insert" in view.detail.empty.text() and "Ctrl+N" not in view.detail.empty.text()
    record(ctx, "Slippery stairs")
    view.refresh()
    view.search.setText("nothing-like-this")
    view.apply_filter()
    assert view.detail.empty.text() == "No deviation matches the filter."


def test_history_details_follow_the_reader_language(ctx: AppContext, ids: dict[str, int]) -> None:
    """Nothing in the history is stored as prose: an English reader never sees Norwegian."""
    dev_actions.add_action(ctx.conn, ids["exit"], Action("Move the pallets", "Ola"), actor="test",
                           today=TODAY)
    store.change_status(ctx.conn, ids["alarm"], StatusChange(
        DeviationStatus.TRANSFERRED, transferred_to="Eiendom"), actor="test", today=TODAY)
    assert history(ctx, ids["exit"])[-1] == ("accepted", "in_progress", "Measure added")
    assert history(ctx, ids["alarm"])[-1][2] == "To: Eiendom"
    i18n.set_language("nb")
    assert history(ctx, ids["exit"])[-1][2] == "Tiltak lagt til"
    assert history(ctx, ids["exit"])[1][2] == "Frist for lukking 01.06.2025"
    assert history(ctx, ids["alarm"])[-1][2] == "Til: Eiendom"


def test_user_text_is_shown_as_typed_in_list_detail_and_tooltips(
        qtbot: Any, view: DeviationsView, ctx: AppContext) -> None:
    """``<b>`` prints as typed everywhere: list, tooltips (Qt guesses rich text), detail."""
    from PySide6.QtGui import QTextDocument

    from vernetool.ui.deviations.table_model import plain_tooltip

    def shown(markup: str) -> str:
        document = QTextDocument()
        document.setHtml(markup)
        return document.toPlainText()

    title = '<b>Brann</b> & "røyk"'
    dev_id = record(ctx, title, description="<i>Røyk</i> i <script>gangen</script>")
    store.change_status(ctx.conn, dev_id, StatusChange(
        DeviationStatus.ACCEPTED, closing_deadline=dt.date(2025, 7, 1)), actor="<u>ola</u>",
        today=TODAY)
    dev_actions.add_action(ctx.conn, dev_id, Action("<b>Rydd</b> & sperr", "<i>Kari</i>"),
                           actor="test", today=TODAY)
    view.refresh()
    select(view, dev_id)
    row = titles(view).index(title)
    index = view.model.index(row, 2)
    assert view.model.data(index) == title
    tip = view.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<p>") and shown(tip) == title
    assert plain_tooltip("a < b\nc") == "<p>a &lt; b<br>c</p>"
    detail = view.detail
    assert detail.title.text() == title
    assert detail.title.textFormat() == Qt.TextFormat.PlainText
    assert "<i>Røyk</i> i <script>gangen</script>" in shown(detail.fields.text())
    action_item = detail.measure_tree.topLevelItem(0)
    assert action_item.text(0) == "<b>Rydd</b> & sperr"
    assert shown(action_item.toolTip(0)) == "<b>Rydd</b> & sperr"
    assert shown(action_item.toolTip(1)) == "<i>Kari</i>"
    who = detail.history.item(1, 0)  # the name under the time
    assert who.text().endswith("\n<u>ola</u>") and shown(who.toolTip()).endswith("<u>ola</u>")


def test_deadline_text_says_why_a_row_is_overdue() -> None:
    import datetime as dt

    from vernetool.i18n import set_language
    from vernetool.ui.deviations.table_model import deadline_text

    set_language("en")
    today = dt.date(2026, 11, 26)

    class Row:  # the two fields deadline_text reads
        def __init__(self, deadline: dt.date | None, overdue: bool) -> None:
            self.closing_deadline, self.overdue = deadline, overdue

    late = deadline_text(Row(dt.date(2026, 11, 1), True), today)  # type: ignore[arg-type]
    measure = deadline_text(Row(dt.date(2027, 1, 6), True), today)  # type: ignore[arg-type]
    fine = deadline_text(Row(dt.date(2027, 1, 6), False), today)  # type: ignore[arg-type]
    assert late.startswith("Overdue ") and "2026" in late
    assert "Overdue" not in measure and measure.endswith("measure overdue")
    assert "overdue" not in fine.lower()
