"""The walk's findings: the finding dialog opened from an item that must improve."""

from __future__ import annotations

from vernetool.db.rounds import findings
from vernetool.domain.rounds import Finding, ParticipantRole
from vernetool.i18n import language
from vernetool.ui.rounds.finding_dialog import FindingDialog
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.rooms import entry_title


class WalkFindingsMixin:
    """Opening and closing the non-blocking finding dialog of RoundWalkView."""

    def _finding_clicked(self, row: ItemRow) -> None:
        self.set_current(self.rows.index(row))
        self.open_finding(row)

    def open_finding(self, row: ItemRow) -> None:
        """Open the finding dialog for the row (prefilled when new); non-blocking."""
        room = self.room
        assert room is not None
        self.flush()
        if row.finding is not None:
            finding = findings.get_finding(self.ctx.conn, row.finding.id or 0, language())
        else:
            text = row.item.text(language())
            comment = row.comment_text.strip()
            finding = Finding(
                description=f"{text}\n{comment}" if comment else text,
                round_room_id=room.id, item_id=row.item.id,
                responsible_id=self.responsible.person_id if self.responsible else None,
                responsible_name=self.responsible.person_name if self.responsible else "")
            if room.is_unit:  # the unit's working environment: the line manager's to follow up
                manager = next((p for p in self.round.participants
                                if p.role is ParticipantRole.LINE_MANAGER), None)
                if manager is not None:
                    finding.responsible_id, finding.responsible_name = (manager.person_id,
                                                                        manager.name)
        context = f"{entry_title(room)} — {row.number.text()} {row.item.text(language())}"
        dialog = FindingDialog(self.ctx, finding, self, context=context, today=self.today)
        dialog.finished.connect(lambda result, r=row, d=dialog: self._finding_done(r, d, result))
        self.finding_dialog = dialog
        dialog.open()

    def _finding_done(self, row: ItemRow, dialog: FindingDialog, result: int) -> None:
        self.finding_dialog = None
        dialog.deleteLater()
        if row not in self.rows:
            return
        if result and dialog.finding_id is not None:
            row.set_finding(findings.get_finding(self.ctx.conn, dialog.finding_id, language()),
                            self.today)
            if self.rows.index(row) == self.current_row:
                self.move(1)
        self.window().activateWindow()  # back to the walk, also where no window manager does it
        self.checklist.setFocus()

