"""A line edit that offers the built-in catalogue of agents as you type a Latin name (or an
abbreviation: "E. coli", "HBV", "SARS-CoV-2"); picking one tells the dialog, which fills in
the type, the risk group and the notes (all still editable). A name the catalogue does not
hold is kept as typed."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from vernetool.context import AppContext
from vernetool.domain.biology.catalogue import CatalogueAgent
from vernetool.domain.biology.model import CatalogueEntry
from vernetool.i18n import tr
from vernetool.ui.common.search_picker import SearchPicker
from vernetool.ui.registers.biology import data
from vernetool.ui.registers.biology.words import group_label

#: an entry of the built-in list (as shipped, or as this database edited it)
PickedAgent = CatalogueAgent | CatalogueEntry


def catalogue_line(agent: PickedAgent) -> str:
    """ "Hepatitis B virus — Group 3 · D, V" in the pop-up."""
    extra = group_label(agent.risk_group)
    if agent.notes_text:
        extra += f" · {agent.notes_text}"
    return f"{agent.name} — {extra}"


class CataloguePicker(SearchPicker):
    """``picked`` carries the catalogue entry chosen from the pop-up (or typed exactly)."""

    picked = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Latin name, e.g. Escherichia coli K-12 or HBV…"), parent)
        self._matches: list[PickedAgent] = []
        self._entry: PickedAgent | None = None

    def search(self) -> None:
        text = self.text().strip()
        self._matches = data.catalogue_search(self.ctx, text) if text else []
        self.show_matches([catalogue_line(agent) for agent in self._matches])

    def choose_row(self, row: int) -> None:
        if 0 <= row < len(self._matches):
            self.choose(self._matches[row])

    def choose(self, agent: PickedAgent) -> None:
        self._entry = agent
        self.setText(agent.name)
        # the completer writes the pop-up line after ``activated``: put the name back after it
        QTimer.singleShot(0, self, lambda: self.setText(agent.name)
                          if self._entry is agent else None)
        self.picked.emit(agent)

    def resolve(self) -> PickedAgent | None:
        """A name typed exactly as the catalogue (or an alias) spells it: that entry."""
        if self._entry is not None and self.text() == self._entry.name:
            return self._entry
        if not self.isModified():  # a name shown, not typed: an edited agent keeps its values
            return None
        found = data.catalogue_lookup(self.ctx, self.text()) if self.text().strip() else None
        if found is not None and found is not self._entry:
            self.choose(found)
        return found

    def chosen(self) -> PickedAgent | None:
        return self._entry if self._entry is not None and \
            self.text() == self._entry.name else None
