"""HSE rounds: planning, the room-by-room walk (answers committed one by one), progress,
and round status. Findings and their actions live in ``db/findings.py``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.organisation.units import ensure_unit
from vernetool.domain.errors import NotFoundError, ValidationError
from vernetool.domain.rounds import (
    Participant,
    ParticipantRole,
    Progress,
    Round,
    RoundPlan,
    RoundStatus,
    VisitStatus,
    check_transition,
    validate_plan,
)

ANSWERS = ("ok", "improve", "not_relevant")


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _date(value: str | None) -> dt.date | None:
    """A stored date, or None for none — and for a text that is no date (written by an older
    merge of a crafted bundle): a screen or report shows no date rather than failing."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# -- planning ---------------------------------------------------------------------------------
def create_round(conn: sqlite3.Connection, plan: RoundPlan, actor: str,
                 default_template: dict[str, int] | None = None) -> int:
    """Create a planned round with its participants and rooms, in one transaction.

    ``plan.templates`` maps room type → template id; types it does not name use
    ``default_template`` (usually the latest template for the type).
    """
    validate_plan(plan)
    with atomic(conn):
        unit_id = ensure_unit(conn, plan.unit_code) if plan.unit_code else None
        cur = conn.execute(
            "INSERT INTO hse_round (uid, title, unit_id, start_date, end_date, "
            "pre_meeting_notes) VALUES (?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), plan.title.strip(), unit_id, plan.start_date.isoformat(),
             plan.end_date.isoformat() if plan.end_date else None, plan.pre_meeting_notes))
        round_id = int(cur.lastrowid or 0)
        set_participants(conn, round_id, plan.participants)
        templates = {**(default_template or {}), **plan.templates}
        if plan.unit_template is not None:
            add_unit_entry(conn, round_id, plan.unit_template)
        add_rooms(conn, round_id, plan.room_ids, templates)
        audit.record(conn, actor, "hse_round", round_id, "create",
                     {"title": plan.title, "rooms": len(plan.room_ids),
                      "unit_checklist": plan.unit_template is not None})
    return round_id


def set_participants(conn: sqlite3.Connection, round_id: int,
                     participants: list[Participant]) -> None:
    with atomic(conn):
        conn.execute("DELETE FROM round_participant WHERE round_id = ?", (round_id,))
        conn.executemany(
            "INSERT INTO round_participant (round_id, person_id, name, role, position) "
            "VALUES (?, ?, ?, ?, ?)",
            [(round_id, p.person_id, p.name.strip(), p.role.value, index)
             for index, p in enumerate(participants)])


def add_rooms(conn: sqlite3.Connection, round_id: int, room_ids: list[int],
              templates: dict[str, int]) -> int:
    """Add rooms to the round's scope (in the given order); rooms already there are kept."""
    with atomic(conn):
        start = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM round_room "
                             "WHERE round_id = ?", (round_id,)).fetchone()[0]
        added = 0
        for room_id in room_ids:
            row = conn.execute("SELECT type FROM room WHERE id = ?", (room_id,)).fetchone()
            if row is None:
                raise ValidationError("round.no_such_room", "rooms", room_id=room_id)
            room_type = row["type"]
            template_id = templates.get(room_type)
            if template_id is None:
                raise ValidationError("round.no_checklist_for_type", "templates",
                                      room_type=room_type)
            cur = conn.execute(
                "INSERT INTO round_room (round_id, room_id, position, template_id) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (round_id, room_id) DO NOTHING",
                (round_id, room_id, start + added, template_id))
            if cur.rowcount:
                added += 1
                conn.execute(
                    "INSERT INTO round_template (round_id, room_type, template_id) "
                    "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (round_id, room_type, template_id))
        _touch(conn, round_id)
    return added


UNIT_POSITION = -1  # the unit-wide entry comes before every room


def add_unit_entry(conn: sqlite3.Connection, round_id: int, template_id: int) -> int:
    """Add the round's unit-wide entry (a checklist answered once for the whole unit, e.g. the
    psychosocial and organisational one); a round has at most one. Returns its id."""
    with atomic(conn):
        row = conn.execute("SELECT id FROM round_room WHERE round_id = ? AND room_id IS NULL",
                           (round_id,)).fetchone()
        if row is not None:
            return int(row["id"])
        cur = conn.execute("INSERT INTO round_room (round_id, room_id, position, template_id) "
                           "VALUES (?, NULL, ?, ?)", (round_id, UNIT_POSITION, template_id))
        _touch(conn, round_id)
    return int(cur.lastrowid or 0)


def unit_entry_id(conn: sqlite3.Connection, round_id: int) -> int | None:
    """The round's unit-wide entry, if it has one."""
    row = conn.execute("SELECT id FROM round_room WHERE round_id = ? AND room_id IS NULL",
                       (round_id,)).fetchone()
    return None if row is None else int(row["id"])


def remove_room(conn: sqlite3.Connection, round_room_id: int) -> None:
    """Take a room out of the scope; refused once it has answers (nothing is dropped)."""
    answered = conn.execute("SELECT count(*) FROM round_answer WHERE round_room_id = ?",
                            (round_room_id,)).fetchone()[0]
    if answered:
        raise ValidationError("round.room_has_answers", "rooms")
    conn.execute("DELETE FROM round_room WHERE id = ?", (round_room_id,))


def update_notes(conn: sqlite3.Connection, round_id: int, *, pre_meeting: str | None = None,
                 closing: str | None = None, title: str | None = None) -> None:
    if title is not None and not title.strip():
        raise ValidationError("round.title_missing", "title")
    conn.execute(
        "UPDATE hse_round SET pre_meeting_notes = coalesce(?, pre_meeting_notes), "
        "closing_notes = coalesce(?, closing_notes), title = coalesce(?, title), "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
        (pre_meeting, closing, title.strip() if title else None, round_id))


def update_dates(conn: sqlite3.Connection, round_id: int, start: dt.date,
                 end: dt.date | None) -> None:
    if end is not None and end < start:
        raise ValidationError("round.end_before_start", "end_date")
    conn.execute("UPDATE hse_round SET start_date = ?, end_date = ?, "
                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                 (start.isoformat(), end.isoformat() if end else None, round_id))


def set_status(conn: sqlite3.Connection, round_id: int, target: RoundStatus, actor: str) -> None:
    current = get_round(conn, round_id).status
    if current == target:
        return
    check_transition(current, target)
    stamp = {RoundStatus.IN_PROGRESS: "started_at", RoundStatus.COMPLETED: "completed_at",
             RoundStatus.REPORTED: "reported_at"}.get(target)
    with atomic(conn):
        conn.execute("UPDATE hse_round SET status = ?, updated_at = strftime("
                     "'%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", (target.value, round_id))
        if stamp:
            conn.execute(f"UPDATE hse_round SET {stamp} = coalesce({stamp}, ?) WHERE id = ?",
                         (_now(), round_id))
        audit.record(conn, actor, "hse_round", round_id, "status",
                     {"from": current.value, "to": target.value})


def _touch(conn: sqlite3.Connection, round_id: int) -> None:
    conn.execute("UPDATE hse_round SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                 "WHERE id = ?", (round_id,))


# -- reading ----------------------------------------------------------------------------------
def get_round(conn: sqlite3.Connection, round_id: int) -> Round:
    row = conn.execute(
        "SELECT r.*, u.code AS unit_code, u.name AS unit_name FROM hse_round r "
        "LEFT JOIN unit u ON u.id = r.unit_id WHERE r.id = ?", (round_id,)).fetchone()
    if row is None:
        raise LookupError(f"no round with id {round_id}")
    participants = [
        Participant(p["name"], ParticipantRole(p["role"]), p["person_id"], p["id"])
        for p in conn.execute("SELECT * FROM round_participant WHERE round_id = ? "
                              "ORDER BY position, id", (round_id,))]
    return Round(
        id=row["id"], uid=row["uid"], title=row["title"],
        start_date=dt.date.fromisoformat(row["start_date"]), status=RoundStatus(row["status"]),
        unit_code=row["unit_code"], unit_name=row["unit_name"] or "",
        end_date=_date(row["end_date"]), pre_meeting_notes=row["pre_meeting_notes"],
        closing_notes=row["closing_notes"], participants=participants,
        completed_at=row["completed_at"])


def find_round_by_uid(conn: sqlite3.Connection, uid: str) -> int | None:
    row = conn.execute("SELECT id FROM hse_round WHERE uid = ?", (uid,)).fetchone()
    return int(row["id"]) if row else None


def latest_round_id(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT id FROM hse_round ORDER BY start_date DESC, id DESC "
                       "LIMIT 1").fetchone()
    return int(row["id"]) if row else None


@dataclass(frozen=True)
class RoundSummary:
    id: int
    title: str
    unit_code: str | None
    start_date: dt.date
    status: RoundStatus
    rooms_total: int
    rooms_done: int
    open_findings: int


def list_rounds(conn: sqlite3.Connection, *, status: RoundStatus | None = None,
                unit_code: str | None = None) -> list[RoundSummary]:
    clauses, params = [], []
    if status is not None:
        clauses.append("r.status = ?")
        params.append(status.value)
    if unit_code:
        clauses.append("u.code = ?")
        params.append(unit_code)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(
        "SELECT r.id, r.title, u.code AS unit_code, r.start_date, r.status, "
        "(SELECT count(*) FROM round_room rr WHERE rr.round_id = r.id) AS rooms_total, "
        "(SELECT count(*) FROM round_room rr WHERE rr.round_id = r.id "
        " AND rr.status IN ('done', 'skipped')) AS rooms_done, "
        "(SELECT count(*) FROM round_finding f WHERE f.round_id = r.id "
        " AND f.status = 'open') AS open_findings "
        f"FROM hse_round r LEFT JOIN unit u ON u.id = r.unit_id{where} "
        "ORDER BY r.start_date DESC, r.id DESC", params).fetchall()
    return [RoundSummary(r["id"], r["title"], r["unit_code"],
                         dt.date.fromisoformat(r["start_date"]), RoundStatus(r["status"]),
                         r["rooms_total"], r["rooms_done"], r["open_findings"]) for r in rows]


@dataclass(frozen=True)
class RoundRoom:
    """An entry of the round: a room in scope, or (``room_id`` None) the unit-wide entry."""

    id: int
    round_id: int
    room_id: int | None
    position: int
    template_id: int
    status: VisitStatus
    note: str
    building_code: str
    number: str
    room_name: str
    room_type: str
    floor: str
    visited_at: str | None

    @property
    def is_unit(self) -> bool:
        return self.room_id is None

    @property
    def label(self) -> str:
        """BUILDING:ROOM; empty for the unit-wide entry (the UI and reports name it)."""
        return "" if self.room_id is None else f"{self.building_code}:{self.number}"


def round_rooms(conn: sqlite3.Connection, round_id: int) -> list[RoundRoom]:
    """The round's entries in walking order: the unit-wide entry (if any) first."""
    rows = conn.execute(
        "SELECT rr.id, rr.round_id, rr.room_id, rr.position, rr.template_id, rr.status, "
        "rr.note, rr.visited_at, coalesce(b.code, '') AS building_code, "
        "coalesce(r.number, '') AS number, coalesce(r.name, '') AS room_name, "
        "coalesce(r.type, '') AS room_type, coalesce(r.floor, '') AS floor "
        "FROM round_room rr LEFT JOIN room r ON r.id = rr.room_id "
        "LEFT JOIN building b ON b.id = r.building_id WHERE rr.round_id = ? "
        "ORDER BY rr.room_id IS NOT NULL, rr.position, rr.id", (round_id,)).fetchall()
    return [RoundRoom(r["id"], r["round_id"], r["room_id"], r["position"], r["template_id"],
                      VisitStatus(r["status"]), r["note"], r["building_code"], r["number"],
                      r["room_name"], r["room_type"], r["floor"], r["visited_at"])
            for r in rows]


def room_of_entry(conn: sqlite3.Connection, round_room_id: int) -> int | None:
    """The room of a round entry (None for the unit-wide entry)."""
    row = conn.execute("SELECT room_id FROM round_room WHERE id = ?",
                       (round_room_id,)).fetchone()
    if row is None:
        raise LookupError(f"no round room {round_room_id}")
    return None if row["room_id"] is None else int(row["room_id"])


def get_round_room(conn: sqlite3.Connection, round_room_id: int) -> RoundRoom:
    row = conn.execute("SELECT round_id FROM round_room WHERE id = ?",
                       (round_room_id,)).fetchone()
    if row is None:
        raise LookupError(f"no round room {round_room_id}")
    for room in round_rooms(conn, int(row["round_id"])):
        if room.id == round_room_id:
            return room
    raise LookupError(f"no round room {round_room_id}")


# -- the walk ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnswerRecord:
    item_id: int
    answer: str | None
    value_number: float | None
    value_text: str
    comment: str
    answered_by: str
    answered_at: str


def answers_for_room(conn: sqlite3.Connection, round_room_id: int) -> dict[int, AnswerRecord]:
    rows = conn.execute("SELECT * FROM round_answer WHERE round_room_id = ?",
                        (round_room_id,)).fetchall()
    return {r["item_id"]: AnswerRecord(r["item_id"], r["answer"], r["value_number"],
                                       r["value_text"], r["comment"], r["answered_by"],
                                       r["answered_at"]) for r in rows}


_KEEP = object()


_FIELDS = ("answer", "comment", "value_number", "value_text")


def save_answer(conn: sqlite3.Connection, round_room_id: int, item_id: int, actor: str, *,
                answer: object = _KEEP, comment: object = _KEEP,
                value_number: object = _KEEP, value_text: object = _KEEP) -> AnswerRecord:
    """Store one answer (or one field of it) at once; the round and room become in progress.

    Fields not given keep their stored value, so typing a comment never clears the answer.
    This is the walk's hot path (one key press): two indexed reads and one upsert in one
    transaction, with as little Python around them as possible (measured in
    benchmarks/bench_answer.py; RETURNING was slower than the extra read).
    """
    if answer is not _KEEP and answer is not None and answer not in ANSWERS:
        raise ValidationError("round.unknown_answer", "answer", answer=answer)
    if value_number is not _KEEP and value_number is not None and \
            not isinstance(value_number, int | float):
        raise ValidationError("round.value_not_number", "value")
    state = conn.execute("SELECT rr.round_id, rr.status, r.status FROM round_room rr "
                         "JOIN hse_round r ON r.id = rr.round_id WHERE rr.id = ?",
                         (round_room_id,)).fetchone()
    if state is None:
        raise LookupError(f"no round room {round_room_id}")
    round_id, room_status, round_status = state[0], state[1], state[2]
    if round_status == "reported":
        raise ValidationError("round.reported_final", "status")
    stamp = _now()
    nested = conn.in_transaction  # inside a caller's transaction: a savepoint of its own
    conn.execute("SAVEPOINT answer" if nested else "BEGIN IMMEDIATE")
    try:
        old = conn.execute("SELECT answer, comment, value_number, value_text FROM round_answer "
                           "WHERE round_room_id = ? AND item_id = ?",
                           (round_room_id, item_id)).fetchone()
        values = [old[0], old[1], old[2], old[3]] if old else [None, "", None, ""]
        for index, given in enumerate((answer, comment, value_number, value_text)):
            if given is not _KEEP:
                values[index] = "" if given is None and index in (1, 3) else given
        conn.execute(
            "INSERT INTO round_answer (round_room_id, item_id, answer, comment, value_number, "
            "value_text, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (round_room_id, item_id) DO UPDATE SET answer = excluded.answer, "
            "value_number = excluded.value_number, value_text = excluded.value_text, "
            "comment = excluded.comment, answered_by = excluded.answered_by, "
            "answered_at = excluded.answered_at",
            (round_room_id, item_id, *values, actor, stamp))
        _start(conn, round_room_id, round_id, room_status, round_status, stamp)
        conn.execute("RELEASE answer" if nested else "COMMIT")
    except BaseException:
        conn.execute("ROLLBACK TO answer" if nested else "ROLLBACK")
        if nested:
            conn.execute("RELEASE answer")
        raise
    return AnswerRecord(item_id, values[0], values[2], values[3], values[1],  # type: ignore[arg-type]
                        actor, stamp)


def _start(conn: sqlite3.Connection, round_room_id: int, round_id: int, room_status: str,
           round_status: str, stamp: str) -> None:
    """The rule of the walk, in one place: the first answer in a room starts the room's visit,
    and the first answer of a planned round starts the round."""
    if room_status == "pending":
        conn.execute("UPDATE round_room SET status = 'in_progress', visited_at = "
                     "coalesce(visited_at, ?), updated_at = ? WHERE id = ?",
                     (stamp, stamp, round_room_id))
    if round_status == "planned":
        conn.execute("UPDATE hse_round SET status = 'in_progress', started_at = "
                     "coalesce(started_at, ?) WHERE id = ?", (stamp, round_id))


def answer_item(conn: sqlite3.Connection, round_room_id: int, item_id: int, actor: str,
                answer: str | None) -> str:
    """Set just the answer of an item (comment and value stay as stored); returns the time
    stamp stored. The walk's one-key path: one indexed read, then BEGIN, one upsert, COMMIT
    (``save_answer`` also reads the old row to return the whole record)."""
    if answer is not None and answer not in ANSWERS:
        raise ValidationError("round.unknown_answer", "answer", answer=answer)
    state = conn.execute("SELECT rr.round_id, rr.status, r.status FROM round_room rr "
                         "JOIN hse_round r ON r.id = rr.round_id WHERE rr.id = ?",
                         (round_room_id,)).fetchone()
    if state is None:
        raise LookupError(f"no round room {round_room_id}")
    if state[2] == "reported":
        raise ValidationError("round.reported_final", "status")
    stamp = _now()
    with atomic(conn):
        conn.execute(
            "INSERT INTO round_answer (round_room_id, item_id, answer, answered_by, answered_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_room_id, item_id) DO UPDATE SET "
            "answer = excluded.answer, answered_by = excluded.answered_by, "
            "answered_at = excluded.answered_at", (round_room_id, item_id, answer, actor, stamp))
        _start(conn, round_room_id, state[0], state[1], state[2], stamp)
    return stamp


def set_visit_status(conn: sqlite3.Connection, round_room_id: int, status: VisitStatus,
                     note: str | None = None) -> None:
    conn.execute(
        "UPDATE round_room SET status = ?, note = coalesce(?, note), visited_at = "
        "coalesce(visited_at, ?), updated_at = ? WHERE id = ?",
        (status.value, note, _now(), _now(), round_room_id))


def answer_counts(conn: sqlite3.Connection, round_id: int) -> dict[int, int]:
    """Answered items per round room (answers with a result, not just a comment)."""
    rows = conn.execute(
        "SELECT a.round_room_id, count(*) AS n FROM round_answer a JOIN round_room rr "
        "ON rr.id = a.round_room_id WHERE rr.round_id = ? AND a.answer IS NOT NULL "
        "GROUP BY a.round_room_id", (round_id,)).fetchall()
    return {r["round_room_id"]: r["n"] for r in rows}


def answered_items(conn: sqlite3.Connection, round_id: int) -> dict[int, set[int]]:
    """Round room id → the items answered there (with a result, not just a comment)."""
    result: dict[int, set[int]] = {}
    for r in conn.execute(
            "SELECT a.round_room_id, a.item_id FROM round_answer a JOIN round_room rr "
            "ON rr.id = a.round_room_id WHERE rr.round_id = ? AND a.answer IS NOT NULL",
            (round_id,)):
        result.setdefault(r["round_room_id"], set()).add(r["item_id"])
    return result


def progress(conn: sqlite3.Connection, round_id: int,
             items_per_room: dict[int, int]) -> Progress:
    """Rooms done of total and items answered of total.

    ``items_per_room`` (round room id → applicable items) comes from the checklist service,
    which knows which items apply to each room.
    """
    rooms = round_rooms(conn, round_id)
    answered = answer_counts(conn, round_id)
    done = sum(1 for r in rooms if r.status in (VisitStatus.DONE, VisitStatus.SKIPPED))
    items_total = sum(items_per_room.get(r.id, 0) for r in rooms
                      if r.status is not VisitStatus.SKIPPED)
    items_answered = sum(min(answered.get(r.id, 0), items_per_room.get(r.id, 0))
                         for r in rooms if r.status is not VisitStatus.SKIPPED)
    return Progress(done, len(rooms), items_answered, items_total)


def walk_state(conn: sqlite3.Connection, round_room_id: int
               ) -> tuple[int, VisitStatus, RoundStatus]:
    """The entry's round, its visit status and the round's status (after an answer, these say
    whether it started the room or the round)."""
    row = conn.execute("SELECT rr.round_id, rr.status, r.status FROM round_room rr "
                       "JOIN hse_round r ON r.id = rr.round_id WHERE rr.id = ?",
                       (round_room_id,)).fetchone()
    if row is None:
        raise LookupError(f"no round room {round_room_id}")
    return int(row[0]), VisitStatus(row[1]), RoundStatus(row[2])


def resolve_round(conn: sqlite3.Connection, value: str | int) -> int:
    """``latest`` or a round id → the round id; LookupError when there is no such round."""
    if isinstance(value, str) and value.strip().lower() == "latest":
        found = latest_round_id(conn)
        if found is None:
            raise NotFoundError("round.none_yet")
        return found
    try:
        round_id = int(value)
    except ValueError:
        raise NotFoundError("round.bad_id", value=value) from None
    try:
        get_round(conn, round_id)
    except LookupError:
        raise NotFoundError("round.no_such_round", round_id=round_id) from None
    return round_id
