"""A line edit that finds people as you type (SQL filter) or takes a free-text name."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.services.organisation import PersonFilter
from vernetool.ui.common.search_picker import MAX_MATCHES, SearchPicker


class PersonPicker(SearchPicker):
    """Type part of a name, e-mail or unit; pick a match with the arrows and Enter.

    ``person_id()`` is the chosen person, or ``None`` when the text is a free-text name.
    """

    person_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Type part of a name, e-mail or unit…"), parent)
        self._person_id: int | None = None
        self._chosen_name = ""
        self._ids: list[int] = []
        self._names: list[str] = []

    def _edited(self, text: str) -> None:
        if self._person_id is not None and text != self._chosen_name:
            self._person_id = None
            self.person_changed.emit()
        super()._edited(text)

    def search(self) -> None:
        """Fill the pop-up with the people matching the text (at most MAX_MATCHES)."""
        text = self.text().strip()
        people = self.ctx.services.persons.search(
            PersonFilter(text=text, active_only=True), limit=MAX_MATCHES) if text else []
        self._ids = [p.id or 0 for p in people]
        self._names = [p.name for p in people]
        labels = []
        for person in people:
            details = " · ".join(x for x in (person.unit_code or "", person.email or "") if x)
            labels.append(f"{person.name} — {details}" if details else person.name)
        self.show_matches(labels)

    def choose_row(self, row: int) -> None:
        if 0 <= row < len(self._ids):
            self.set_person(self._ids[row], self._names[row])

    def set_person(self, person_id: int | None, name: str = "") -> None:
        if person_id is not None and not name:
            person = self.ctx.services.persons.get(person_id)
            name = person.name if person else ""
        self._person_id = person_id
        self._chosen_name = name
        # the completer writes its display text after ``activated``; put the name back after it
        self.setText(name)
        # (with the picker as context: a picker deleted meanwhile gets no call)
        QTimer.singleShot(0, self, lambda: self.setText(self._chosen_name)
                          if self._person_id == person_id else None)
        self.person_changed.emit()

    def person_id(self) -> int | None:
        return self._person_id

    def name(self) -> str:
        return self._chosen_name if self._person_id is not None else self.text().strip()
