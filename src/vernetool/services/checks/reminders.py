"""Reminders beyond DESIGN's check codes, for the Needs-attention screen (the safety rep's
view): sealed sources whose leak test is overdue or was never done (strålevernforskriften
§ 13: on the schedule the source's interval gives) and biosafety cabinets whose yearly
certification is overdue or was never done. They stay out of ``vernetool check``."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.checks import cabinets_in_use, sealed_sources_leak_tests
from vernetool.domain.biology.agents import CertificationState, cabinet_certification
from vernetool.domain.checks import CheckCode, Problem, Target
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LeakTestState,
    is_held,
    is_lost,
    leak_test_status,
)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def reminder_checks(conn: sqlite3.Connection, room_id: int | None, as_of: dt.date
                    ) -> list[Problem]:
    problems: list[Problem] = []
    for sid, rid, room, name, last, interval, status_text in sealed_sources_leak_tests(
            conn, room_id):
        status = DsaStatus(status_text) if status_text else None
        if not is_held(status) or is_lost(status):
            continue
        if last is None:      # never tested: due whatever the interval
            state = leak_test_status(None, interval or 12, as_of)
        elif interval is None:
            continue          # tested, no interval given: nothing is due
        else:
            state = leak_test_status(_date(last), interval, as_of)
        subject = name or f"#{sid}"
        if state.state is LeakTestState.NEVER_TESTED:
            problems.append(Problem(CheckCode.LEAK_TEST_OVERDUE, room, subject,
                                    {"source": subject, "due": "", "never": True},
                                    Target("source", sid, rid)))
        elif state.state is LeakTestState.OVERDUE and state.next_due is not None:
            problems.append(Problem(CheckCode.LEAK_TEST_OVERDUE, room, subject,
                                    {"source": subject, "due": state.next_due.isoformat(),
                                     "days": state.days_overdue},
                                    Target("source", sid, rid)))
    for cid, rid, room, name, certified, next_due in cabinets_in_use(conn, room_id):
        cert = cabinet_certification(_date(certified), as_of, _date(next_due))
        if cert.state is CertificationState.NEVER:
            problems.append(Problem(CheckCode.CABINET_CERTIFICATION_OVERDUE, room, name,
                                    {"cabinet": name, "due": "", "never": True},
                                    Target("cabinet", cid, rid)))
        elif cert.state is CertificationState.OVERDUE and cert.next_due is not None:
            problems.append(Problem(CheckCode.CABINET_CERTIFICATION_OVERDUE, room, name,
                                    {"cabinet": name, "due": cert.next_due.isoformat(),
                                     "days": cert.days_overdue},
                                    Target("cabinet", cid, rid)))
    return problems
