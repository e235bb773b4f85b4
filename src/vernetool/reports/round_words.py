"""Words for HSE-round codes in reports and exports (Bokmål and English).

Services do not use the UI's ``tr()``: a report is written in the language asked for, whatever
language the window shows, so the words live here in a small table per language.
"""

from __future__ import annotations

import datetime as dt

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        # document
        "report_title": "HMS-runde", "round_report": "Rapport fra HMS-runde",
        "unit": "Enhet", "round": "Runde", "period": "Periode", "status": "Status",
        "started": "Startet", "completed": "Fullført", "reported": "Rapportert",
        "participants": "Deltakere", "name": "Navn", "role": "Rolle",
        "no_participants": "Ingen deltakere er registrert.",
        "scope": "Omfang", "rooms_n": "{n} rom", "generated": "Laget",
        "summary": "Sammendrag", "by_answer": "Svar på sjekklistepunkter",
        "by_severity": "Funn etter alvorlighetsgrad", "count": "Antall", "share": "Andel",
        "total": "Totalt", "rooms_done": "Rom ferdig", "items_answered": "Punkter besvart",
        "findings_total": "Funn i denne runden", "open_actions": "Åpne tiltak",
        "overdue_actions": "Tiltak med passert frist",
        "pre_meeting": "Formøte", "closing_meeting": "Avslutningsmøte",
        "no_notes": "Ingen notater.",
        "action_plan": "Tiltaksplan",
        "action_plan_intro": "Tiltak, ansvarlig og frist for hvert funn i runden. "
                             "Tiltak med passert frist er merket rødt.",
        "no_findings": "Ingen funn i denne runden.",
        "rechecked": "Tidligere funn kontrollert på nytt",
        "rechecked_intro": "Åpne funn fra tidligere runder i de samme rommene, og utfallet "
                           "av kontrollen i denne runden.",
        "no_rechecked": "Ingen åpne funn fra tidligere runder i disse rommene.",
        "from_round": "Fra runde", "outcome": "Utfall", "note": "Merknad",
        "room_findings": "Funn per rom", "no_room_findings": "Ingen rom har funn, "
                                                             "kommentarer eller bilder.",
        "comments": "Kommentarer", "photos": "Bilder", "photo_missing": "(bildet mangler)",
        "room_overview": "Oversikt over rom", "answered": "Besvart", "room_type": "Romtype",
        "checkpoint": "Sjekkpunkt", "description": "Beskrivelse",
        "chart_answers": "Svar", "answer": "Svar", "chart_severity": "Funn etter alvorlighetsgrad",
        # action plan columns
        "col_action": "Tiltak", "col_responsible": "Ansvarlig", "col_deadline": "Frist",
        "col_status": "Status", "col_finding": "Funn", "col_room": "Rom",
        "col_severity": "Alvorlighet", "col_overdue": "Forfalt", "col_no": "Nr.",
        "yes": "Ja", "no": "Nei", "sheet_action_plan": "Tiltaksplan",
        "none_given": "—",
        # the unit-wide checklist (psychosocial and organisational working environment)
        "unit_short": "Enheten", "unit_entry": "Enheten (psykososialt og organisatorisk)",
        "unit_section": "Psykososialt og organisatorisk arbeidsmiljø",
        "unit_section_intro": "Sjekklisten gjelder hele enheten og ble besvart én gang, ikke "
                              "rom for rom (vanligvis i formøtet eller avslutningsmøtet).",
        "unit_findings": "Funn for enheten", "rooms_plus_unit": "{n} rom og enheten "
                                                              "(psykososialt og organisatorisk)",
        # codes
        "round_status.planned": "Planlagt", "round_status.in_progress": "Pågår",
        "round_status.completed": "Fullført", "round_status.reported": "Rapportert",
        "role.line_manager": "Leder", "role.safety_rep": "Verneombud",
        "role.hse_coordinator": "HMS-koordinator", "role.lab_engineer": "Laboratorieingeniør",
        "role.radiation_coordinator": "Strålevernkoordinator",
        "role.occupational_health": "Bedriftshelsetjenesten (BHT)", "role.other": "Annen",
        "answer.ok": "OK", "answer.improve": "Må forbedres",
        "answer.not_relevant": "Ikke relevant", "answer.none": "Ikke besvart",
        "severity.low": "Lav", "severity.medium": "Middels", "severity.high": "Høy",
        "action_status.open": "Åpen", "action_status.in_progress": "Pågår",
        "action_status.done": "Utført",
        "finding_status.open": "Åpent", "finding_status.closed": "Lukket",
        "visit.pending": "Ikke besøkt", "visit.in_progress": "Påbegynt",
        "visit.done": "Ferdig", "visit.skipped": "Hoppet over",
        "recheck.closed": "Lukket", "recheck.kept": "Fortsatt åpent",
        "recheck.none": "Ikke kontrollert ennå",
        "room_type.office": "Kontor", "room_type.lab": "Laboratorium",
        "room_type.workshop": "Verksted", "room_type.storage": "Lager",
        "room_type.exam_treatment": "Undersøkelses-/behandlingsrom",
        "room_type.animal_room": "Dyrerom", "room_type.greenhouse": "Veksthus",
        "room_type.common_area": "Fellesareal", "room_type.other": "Annet",
    },
    "en": {
        "report_title": "HSE round", "round_report": "HSE round report",
        "unit": "Unit", "round": "Round", "period": "Period", "status": "Status",
        "started": "Started", "completed": "Completed", "reported": "Reported",
        "participants": "Participants", "name": "Name", "role": "Role",
        "no_participants": "No participants are recorded.",
        "scope": "Scope", "rooms_n": "{n} rooms", "generated": "Generated",
        "summary": "Summary", "by_answer": "Answers to checklist items",
        "by_severity": "Findings by severity", "count": "Count", "share": "Share",
        "total": "Total", "rooms_done": "Rooms done", "items_answered": "Items answered",
        "findings_total": "Findings in this round", "open_actions": "Open actions",
        "overdue_actions": "Actions past their deadline",
        "pre_meeting": "Pre-meeting", "closing_meeting": "Closing meeting",
        "no_notes": "No notes.",
        "action_plan": "Action plan",
        "action_plan_intro": "Action, responsible and deadline for each finding of the round. "
                             "Actions past their deadline are marked red.",
        "no_findings": "No findings in this round.",
        "rechecked": "Earlier findings re-checked",
        "rechecked_intro": "Open findings from earlier rounds in the same rooms, and the "
                           "outcome of the re-check in this round.",
        "no_rechecked": "No open findings from earlier rounds in these rooms.",
        "from_round": "From round", "outcome": "Outcome", "note": "Note",
        "room_findings": "Findings by room",
        "no_room_findings": "No room has findings, comments or photos.",
        "comments": "Comments", "photos": "Photos", "photo_missing": "(photo missing)",
        "room_overview": "Rooms in the round", "answered": "Answered", "room_type": "Room type",
        "checkpoint": "Checklist item", "description": "Description",
        "chart_answers": "Answers", "answer": "Answer", "chart_severity": "Findings by severity",
        "col_action": "Action", "col_responsible": "Responsible", "col_deadline": "Deadline",
        "col_status": "Status", "col_finding": "Finding", "col_room": "Room",
        "col_severity": "Severity", "col_overdue": "Overdue", "col_no": "No.",
        "yes": "Yes", "no": "No", "sheet_action_plan": "Action plan",
        "none_given": "—",
        "unit_short": "The unit", "unit_entry": "The unit (psychosocial and organisational)",
        "unit_section": "Psychosocial and organisational working environment",
        "unit_section_intro": "This checklist covers the whole unit and was answered once, "
                              "not room by room (usually in the pre-meeting or the closing "
                              "meeting).",
        "unit_findings": "Findings for the unit",
        "rooms_plus_unit": "{n} rooms and the unit (psychosocial and organisational)",
        "round_status.planned": "Planned", "round_status.in_progress": "In progress",
        "round_status.completed": "Completed", "round_status.reported": "Reported",
        "role.line_manager": "Line manager", "role.safety_rep": "Safety representative",
        "role.hse_coordinator": "HSE coordinator", "role.lab_engineer": "Laboratory engineer",
        "role.radiation_coordinator": "Radiation protection coordinator",
        "role.occupational_health": "Occupational health service", "role.other": "Other",
        "answer.ok": "OK", "answer.improve": "Must improve",
        "answer.not_relevant": "Not relevant", "answer.none": "Not answered",
        "severity.low": "Low", "severity.medium": "Medium", "severity.high": "High",
        "action_status.open": "Open", "action_status.in_progress": "In progress",
        "action_status.done": "Done",
        "finding_status.open": "Open", "finding_status.closed": "Closed",
        "visit.pending": "Not visited", "visit.in_progress": "Started",
        "visit.done": "Done", "visit.skipped": "Skipped",
        "recheck.closed": "Closed", "recheck.kept": "Still open",
        "recheck.none": "Not re-checked yet",
        "room_type.office": "Office", "room_type.lab": "Laboratory",
        "room_type.workshop": "Workshop", "room_type.storage": "Storage",
        "room_type.exam_treatment": "Examination/treatment room",
        "room_type.animal_room": "Animal room", "room_type.greenhouse": "Greenhouse",
        "room_type.common_area": "Common area", "room_type.other": "Other",
    },
}


class Words:
    """``words["unit"]`` and ``words.code("severity", "high")`` in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in WORDS else "en"
        self._table = WORDS[self.lang]

    def __getitem__(self, key: str) -> str:
        return self._table.get(key, key)

    def code(self, kind: str, value: object) -> str:
        raw = getattr(value, "value", value)
        key = f"{kind}.{'none' if raw is None else raw}"
        return self._table.get(key, str(raw if raw is not None else ""))

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return value.strftime("%d.%m.%Y") if self.lang == "nb" else value.isoformat()

    def stamp(self, value: str | None) -> str:
        """An ISO timestamp from the store as a local date."""
        if not value:
            return ""
        try:
            return self.date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
