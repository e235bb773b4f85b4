"""The main window: navigation between the areas, menus, and the status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.paths import resource_path
from vernetool.ui.common import screen_fit
from vernetool.ui.exchange.exchange_actions import ExchangeActions
from vernetool.ui.shell.area import AreaPage, area_page
from vernetool.ui.shell.areas import Area, all_areas

log = logging.getLogger(__name__)


def area_shortcut(index: int) -> str | None:
    """The area's key, by its place in the list: Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth
    (the digit row's order); areas past the tenth have none."""
    if index < 9:
        return f"Ctrl+{index + 1}"
    return "Ctrl+0" if index == 9 else None


def with_mnemonic(title: str, used: set[str]) -> str:
    """``"Rom"`` → ``"&Rom"``: the first letter no earlier item of the menu has taken."""
    for index, char in enumerate(title):
        if char.isalpha() and char.lower() not in used:
            used.add(char.lower())
            return f"{title[:index]}&{title[index:]}"
    return title


#: the navigation list's width, unless a title needs more (plus the padding around a title)
NAV_WIDTH = 172
NAV_CHROME = 68
#: the main window's size when nothing is remembered and the screen is large enough
WINDOW_SIZE = QSize(1360, 860)

# The room screen's modules (~50, with the chemical register's table model) and the
# services its read uses (~70 more) are imported a few seconds after the window is shown,
# while the person looks at it, so the first room opened does not wait ~0.5 s for them
# (benchmarks/bench_room_open.py). Never before the first paint
# (tests/unit/test_startup_imports.py). A module missing from the list only costs time.
WARM_UP_MS = 2500
#: the status bar's delivery item is added this long after the first paint
DELIVERY_STATUS_MS = 1200
WARM_UP_MODULES = (
    "vernetool.ui.rooms.room_window",
    # what services.room_overview.screen_data imports when it first runs
    "vernetool.services.rooms.overview", "vernetool.services.organisation.rooms",
    "vernetool.services.organisation.responsibilities",
    "vernetool.services.organisation.room_cards", "vernetool.services.chemicals.products",
    "vernetool.services.radiation.sources", "vernetool.services.biology.agents",
    "vernetool.services.checks", "vernetool.services.checks.biology",
    "vernetool.services.checks.chemicals", "vernetool.services.checks.follow_up",
    "vernetool.services.checks.radiation", "vernetool.services.checks.reminders",
    "vernetool.services.checks.rooms",
)


def warm_up_screens() -> None:
    import importlib

    for name in WARM_UP_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # a broken screen fails when it is opened, with its own report
            log.exception("warming up %s", name)


class MainWindow(QMainWindow):
    """Areas are built the first time they are shown, so start-up stays near a bare window."""

    settings_changed = Signal(bool)      # True when the window must be rebuilt (language)
    open_database_requested = Signal(Path)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"vernetool — {ctx.db_path.name}")
        self.setWindowIcon(QIcon(str(resource_path("icons", "vernetool.svg"))))
        self._placed = False  # put on its screen when first shown (see showEvent)
        self._shown_once = False
        # A size before show(), as the screen rule will give it: a window never resized is
        # sized by show() from the size hints of everything in it (laid out twice, ~2 % of
        # the start-up) before showEvent sets the fitted geometry anyway.
        primary = QGuiApplication.primaryScreen()
        if primary is not None:
            self.resize(screen_fit.initial_geometry(WINDOW_SIZE,
                                                    primary.availableGeometry()).size())
        self._areas: list[Area] = all_areas()
        self._pages: dict[str, QWidget] = {}
        self.delivery_status: QWidget | None = None  # after the first paint (see showEvent)
        self._area_pages: dict[str, AreaPage] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for index, area in enumerate(self._areas):
            item = QListWidgetItem(QIcon(str(resource_path("icons", area.icon))), area.title())
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            shortcut = area_shortcut(index)
            item.setToolTip(f"{area.title()} ({shortcut})" if shortcut else area.title())
            self.nav.addItem(item)
        # wide enough for the longest title ("HMS-årsrapportering") beside its icon: the list's
        # and the item's padding, the icon and its gap (theme.py's navigation style)
        widest = max(self.nav.fontMetrics().horizontalAdvance(a.title()) for a in self._areas)
        self.nav.setFixedWidth(max(NAV_WIDTH, widest + NAV_CHROME))
        self.stack = QStackedWidget()
        for _area in self._areas:
            self.stack.addWidget(QWidget())  # replaced by the real page on first visit
        self.nav.currentRowChanged.connect(self._show_area)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel()
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.db_label)
        self.db_label.setText(tr("Database: {path}").format(path=ctx.db_path))
        self._build_menus()

        geometry = str(ctx.settings.get("window_geometry"))
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
            self._placed = True
        last = str(ctx.settings.get("last_area"))
        keys = [a.key for a in self._areas]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)
        self.focus_page()  # start typing at once: into the area's filter, not the navigation

    def focus_page(self) -> None:
        """Put the keyboard focus in the shown area (its filter field when it has one)."""
        row = self.nav.currentRow()
        if row < 0:
            return
        page = self._area_pages.get(self._areas[row].key)
        if page is not None:
            page.focus_target().setFocus()

    # -- areas -----------------------------------------------------------------------------
    def _show_area(self, row: int) -> None:
        if row < 0:
            return
        area = self._areas[row]
        if area.key not in self._pages:
            page = area.build(self.ctx)
            page.setObjectName(f"area_{area.key}")
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._pages[area.key] = page
            self._area_pages[area.key] = area_page(page)
        self.stack.setCurrentIndex(row)
        self._area_pages[area.key].activated()

    def show_area(self, key: str) -> QWidget:
        """Switch to an area by key and return its page (used by tests and shortcuts)."""
        row = [a.key for a in self._areas].index(key)
        self.nav.setCurrentRow(row)
        return self._pages[key]

    def add_delivery_status(self) -> QWidget:
        """The status bar's "Deliveries: 2 waiting, 1 failed" (a click opens Sync)."""
        if self.delivery_status is None:
            from vernetool.ui.delivery.status_item import DeliveryStatusItem

            item = DeliveryStatusItem(self.ctx, lambda: self._go_to(
                [a.key for a in self._areas].index("sync")), self)
            self.statusBar().insertPermanentWidget(0, item)
            self.delivery_status = item
        return self.delivery_status

    def current_area(self) -> str:
        return self._areas[self.nav.currentRow()].key

    # -- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&File"))
        open_action = QAction(tr("&Open database…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._open_database)
        file_menu.addAction(open_action)
        new_action = QAction(tr("&New database…"), self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(self._new_database)
        file_menu.addAction(new_action)
        file_menu.addSeparator()
        self.exchange = ExchangeActions(self, self.ctx, file_menu)
        file_menu.addSeparator()
        settings_action = QAction(tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(tr("&View"))
        used: set[str] = set()
        for index, area in enumerate(self._areas):
            action = QAction(with_mnemonic(area.title(), used), self)
            shortcut = area_shortcut(index)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, row=index: self._go_to(row))
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu(tr("&Help"))
        keys = QAction(tr("&Keyboard shortcuts"), self)
        keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        about = QAction(tr("&About vernetool"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _go_to(self, row: int) -> None:
        """Ctrl+1 … from the keyboard: the area, with the focus in it (not left behind)."""
        self.nav.setCurrentRow(row)
        self.focus_page()

    def open_settings(self) -> None:
        from vernetool.ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self, current_database=self.ctx.db_path,
                                chemicals=self.ctx.services.chemicals)
        if dialog.exec():
            self.settings_changed.emit(dialog.language_changed)

    # Dialog classes are imported where they are used: each Qt class costs its Python enums
    # the first time it is named, and none of them is needed for the first paint.
    def _open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open database"), str(self.ctx.db_path.parent),
            tr("vernetool databases (*.sqlite *.db);;All files (*)"))
        if path:
            self.open_database_requested.emit(Path(path))

    def _new_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, tr("New database"), str(self.ctx.db_path.parent / "vernetool.sqlite"),
            tr("vernetool databases (*.sqlite *.db)"))
        if path:
            self.open_database_requested.emit(Path(path))

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the keyboard help; key names in the user's language."""
        def key(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
            return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)

        shortcuts = [s for s in map(area_shortcut, range(len(self._areas))) if s]
        areas_keys = f"{key(shortcuts[0])} … {key(shortcuts[min(len(shortcuts), 9) - 1])}"
        if len(shortcuts) > 9:
            areas_keys += f", {key(shortcuts[9])}"
        return [
            (areas_keys, tr("Go to an area (see the View menu)")),
            (key(QKeySequence.StandardKey.Find), tr("Go to the filter field of the area")),
            (tr("Enter"), tr("From the filter field to the list")),
            (tr("Esc"), tr("Clear the filter")),
            (tr("Enter"), tr("Open the selected room's screen; edit a person or deviation")),
            ("F2", tr("Edit the selected room, person or deviation")),
            (tr("Insert"), tr("New room, person or deviation (in that area)")),
            (key("Ctrl+Shift+N"), tr("New deviation (in the Deviations area)")),
            (key("Ctrl+Shift+P"), tr("New chemical product (in the Registers area)")),
            (key("Ctrl+E"), tr("Register exposure for the selected CMR product (Registers)")),
            (f"Tab / {key('Shift+Tab')}", tr("Next / previous field or button")),
            (tr("Alt + underlined letter"), tr("The button, field or menu with that letter")),
            (key(QKeySequence.StandardKey.Open), tr("Open database")),
            (key(QKeySequence.StandardKey.New), tr("New database")),
            (key("Ctrl+,"), tr("Settings")),
            (key(QKeySequence.StandardKey.Quit), tr("Quit")),
        ]

    def show_shortcuts(self) -> None:
        import html

        from PySide6.QtWidgets import QMessageBox

        from vernetool.ui.common.buttons import translate_buttons

        rows = "".join(f"<tr><td style='padding: 2px 16px 2px 0'><b>{html.escape(k)}</b></td>"
                       f"<td style='padding: 2px 0'>{html.escape(v)}</td></tr>"
                       for k, v in self.shortcut_rows())
        box = QMessageBox(QMessageBox.Icon.NoIcon, tr("Keyboard shortcuts"),
                          f"<table>{rows}</table>", QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        translate_buttons(box)
        box.exec()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from vernetool.ui.shell.about import about_text

        QMessageBox.about(self, tr("About vernetool"), about_text(self.ctx.db_path))

    # -- state -----------------------------------------------------------------------------
    def save_state(self) -> None:
        self.ctx.settings.set("window_geometry",
                              bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        self.ctx.settings.set("last_area", self.current_area())

    def restoreGeometry(  # Qt override
            self, geometry: QByteArray | bytes | bytearray | memoryview) -> bool:
        """The user's size and position, kept on the screen when the window is shown."""
        self._placed = super().restoreGeometry(geometry) or self._placed
        return self._placed

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Fit the screen the window opens on: where it was (clamped to a screen that may now
        be smaller or gone), else a size that fits the screen (1360×860 at most: a
        1366×768 laptop gets nearly all of it)."""
        if not self._shown_once:
            self._shown_once = True
            screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
            available = screen.availableGeometry()
            if self._placed and not self.isMaximized() and not self.isFullScreen():
                self.setGeometry(screen_fit.clamped(self.geometry(), available))
            elif not self._placed:
                self.setGeometry(screen_fit.initial_geometry(WINDOW_SIZE, available))
            from PySide6.QtCore import QTimer

            QTimer.singleShot(WARM_UP_MS, self, warm_up_screens)
            QTimer.singleShot(DELIVERY_STATUS_MS, self, self.add_delivery_status)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        self.save_state()
        super().closeEvent(event)
