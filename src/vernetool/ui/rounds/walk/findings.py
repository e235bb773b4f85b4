"""The walk's findings: the finding dialog opened from an item that must improve."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from vernetool.domain.rounds import Finding, ParticipantRole
from vernetool.i18n import language, tr
from vernetool.ui.rounds.finding_dialog import FindingDialog
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.rooms import entry_title
from vernetool.ui.rounds.walk.state import WalkState


class FindingsPart(QObject):
    """Opens the non-blocking finding dialog for a row and shows the finding it saved."""

    closed = Signal(object, bool)   # the row, whether a finding was saved for it

    def __init__(self, state: WalkState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self._window = parent
        self.dialog: FindingDialog | None = None

    def open(self, row: ItemRow) -> None:
        """Open the finding dialog for the row; non-blocking.

        A new finding's description starts empty: it is what was found, in the walker's
        words. The checklist statement ("Emergency exits are not locked") says how things
        should be; the dialog shows it above as the checkpoint, with the item's comment.
        """
        state = self.state
        room = state.room
        assert room is not None
        comment = row.comment_text.strip()
        if row.finding is not None:
            finding = state.services.findings.get(row.finding.id or 0, language())
        else:
            responsible = state.responsible
            finding = Finding(
                description="",
                round_room_id=room.id, item_id=row.item.id,
                responsible_id=responsible.person_id if responsible else None,
                responsible_name=responsible.person_name if responsible else "")
            if room.is_unit:  # the unit's working environment: the line manager's to follow up
                manager = next((p for p in state.round.participants
                                if p.role is ParticipantRole.LINE_MANAGER), None)
                if manager is not None:
                    finding.responsible_id, finding.responsible_name = (manager.person_id,
                                                                        manager.name)
        context = "\n".join([entry_title(room), tr("Checkpoint: {number} {text}").format(
            number=row.number.text(), text=row.item.text(language()))]
            + ([tr("Comment: {text}").format(text=comment)] if comment else []))
        dialog = FindingDialog(state.ctx, finding, self._window, context=context,
                               today=state.today)
        dialog.finished.connect(lambda result, r=row, d=dialog: self._done(r, d, result))
        self.dialog = dialog
        state.own_write.count += 1   # the dialog's save is the walk's own: it shows it below
        dialog.open()

    def _done(self, row: ItemRow, dialog: FindingDialog, result: int) -> None:
        self.dialog = None
        self.state.own_write.count -= 1
        dialog.deleteLater()
        if row not in self.state.rows:
            return
        saved = bool(result) and dialog.finding_id is not None
        if saved and dialog.finding_id is not None:
            row.set_finding(self.state.services.findings.get(dialog.finding_id, language()),
                            self.state.today)
        self.closed.emit(row, saved)
