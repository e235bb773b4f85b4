"""The common part of the type-to-search pickers (people, rooms): a line edit whose pop-up
fills with matches from one SQL query per typing pause."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from vernetool.context import AppContext

MAX_MATCHES = 30
SEARCH_DELAY_MS = 120


class SearchPicker(QLineEdit):
    """Subclasses fill the pop-up in ``search()`` (via ``show_matches``) and take the
    picked match in ``choose_row``."""

    def __init__(self, ctx: AppContext, placeholder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.textEdited.connect(self._edited)

    def _edited(self, text: str) -> None:
        """Typing searches again after a pause; subclasses also drop a choice typed over."""
        self._timer.start()

    def search(self) -> None:
        raise NotImplementedError

    def choose_row(self, row: int) -> None:
        raise NotImplementedError

    def show_matches(self, labels: list[str]) -> None:
        """Offer ``labels`` in the pop-up (only while the picker has the focus)."""
        self._model.setStringList(labels)
        if labels and self.hasFocus():
            self._completer.complete()
        elif (popup := self._completer.popup()) is not None:
            popup.hide()

    def _chosen(self, index: QModelIndex) -> None:
        self.choose_row(index.row())
