"""The one place the UI turns a known database problem into a message.

A slot wraps its service call in ``reported(parent)``: a ``StoreError`` (locked, read-only,
disk full, I/O error, damaged, not a database) becomes a message box in the person's language
and the block reports failure; anything else is a bug and propagates to the crash dialog with
its log. ``ValidationError`` is left to the form that knows which field to point at.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QMessageBox, QWidget

from vernetool.i18n import tr
from vernetool.i18n.store_errors import describe
from vernetool.services.errors import StoreError
from vernetool.ui.common.message_details import set_details

log = logging.getLogger(__name__)


class Outcome:
    """Whether the block inside ``reported()`` finished (``ok``) or met a known problem."""

    def __init__(self) -> None:
        self.ok = True
        self.error: StoreError | None = None

    def __bool__(self) -> bool:
        return self.ok


def show_store_error(parent: QWidget | None, error: StoreError,
                     title: str | None = None) -> None:
    log.warning("known database problem: %s (%s)", error.code, error.detail)
    box = QMessageBox(QMessageBox.Icon.Warning, title or tr("Could not save"), describe(error),
                      QMessageBox.StandardButton.Ok, parent)
    if error.detail:
        set_details(box, error.detail)
    box.exec()


@contextmanager
def reported(parent: QWidget | None, title: str | None = None) -> Iterator[Outcome]:
    outcome = Outcome()
    try:
        yield outcome
    except StoreError as error:
        outcome.ok, outcome.error = False, error
        show_store_error(parent, error, title)
