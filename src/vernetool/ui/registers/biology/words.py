"""The biological register's words: agent types, risk groups, notes A/D/T/V (the letter in a
cell, its meaning in the tooltip), notification and certification states, vaccination answers
and the field names errors point at."""

from __future__ import annotations

from collections.abc import Iterable

from vernetool.domain.biology.agents import (
    AgentNote,
    AgentType,
    CertificationState,
    NotificationState,
    agent_note_phrase,
    agent_type_phrase,
    format_notes,
)
from vernetool.domain.biology.workers import VaccineAnswer
from vernetool.i18n import tr

NOTE_ORDER = (AgentNote.ALLERGENIC, AgentNote.REGISTER_10_YEARS, AgentNote.TOXIN,
              AgentNote.VACCINE)


def agent_type_label(agent_type: AgentType | str) -> str:
    return str(agent_type_phrase(agent_type))


def group_label(group: int) -> str:
    """ "Group 3" in a filter or a detail line."""
    return tr("Group {n}").format(n=int(group))


def notes_text(notes: Iterable[AgentNote]) -> str:
    """ "D, V" for a table cell; a dash without notes."""
    return format_notes(frozenset(notes)) or "—"


def notes_tooltip(notes: Iterable[AgentNote]) -> str:
    """Each note with its meaning, one a line ("V: an effective vaccine exists")."""
    chosen = frozenset(notes)
    return "\n".join(str(agent_note_phrase(n)) for n in NOTE_ORDER if n in chosen)


def note_meaning(note: AgentNote) -> str:
    return str(agent_note_phrase(note))


def notification_label(state: NotificationState) -> str:
    labels = {
        NotificationState.NOT_REQUIRED: tr("Not required (group 1)"),
        NotificationState.OK: tr("Notified in time"),
        NotificationState.MISSING: tr("Not notified"),
        NotificationState.LATE: tr("Notified too late"),
    }
    return labels[state]


def notification_flagged(state: NotificationState) -> bool:
    """Missing or late: the planned use was not notified ≥ 30 days before first use."""
    return state in (NotificationState.MISSING, NotificationState.LATE)


def certification_label(state: CertificationState) -> str:
    labels = {
        CertificationState.OK: tr("Certified"),
        CertificationState.DUE_SOON: tr("Due soon"),
        CertificationState.OVERDUE: tr("Overdue"),
        CertificationState.NEVER: tr("Never certified"),
    }
    return labels[state]


def answer_label(answer: VaccineAnswer | str) -> str:
    labels = {
        VaccineAnswer.ACCEPTED: tr("Accepted"),
        VaccineAnswer.DECLINED: tr("Declined"),
        VaccineAnswer.ALREADY_IMMUNE: tr("Already immune"),
        VaccineAnswer.NO_ANSWER: tr("No answer yet"),
    }
    return labels[VaccineAnswer(answer)]


def containment_label(level: int | None) -> str:
    return "—" if level is None else tr("Level {n}").format(n=level)


def field_label(field: str) -> str:
    """The name of a field as the dialogs and their errors say it."""
    labels = {
        "name": tr("Agent"), "agent": tr("Agent"), "agent_type": tr("Type"),
        "risk_group": tr("Risk group"), "notes": tr("Notes"), "room": tr("Room"),
        "containment_level": tr("Containment level"), "notified_at": tr("Notified"),
        "first_use": tr("First use"), "certifier": tr("Certifier"),
        "certified_at": tr("Certified on"), "next_due": tr("Next due"),
        "cabinet": tr("Cabinet"), "person": tr("Name"),
        "identity_number": tr("Identity number"), "work": tr("Type of work"),
        "incident": tr("Incident"), "vaccine_offered_at": tr("Offered on"),
        "answered_at": tr("Answered on"), "answer": tr("Answer"),
    }
    return labels.get(field, field)
