"""Two laptops, one round: a round as a portable snapshot, and merging one into the store.

Row ids differ between laptops, so the snapshot names everything by natural keys: the round
and its findings by uid, rooms by building code + room number (the round's unit-wide entry,
which has no room, by ``"unit": true``), checklist items by template key + version + item
code, persons by e-mail. Merging is per record:

- answers: the newest ``answered_at`` wins; when both sides hold a different value for the
  same answer, the pair is listed as a conflict with the losing value, so nothing is dropped
  silently;
- findings: by uid, the newest ``updated_at`` wins (differences listed the same way);
- rooms of the round, re-checks, round notes: newest wins; participants and photos: union.

The caller runs ``merge_snapshot`` inside one transaction. Merging the same snapshot again
changes nothing, and conflicts already recorded by an earlier merge are not recorded again.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from vernetool.db import audit
from vernetool.db.organisation.units import ensure_unit
from vernetool.db.rounds import registers as register_reads
from vernetool.db.templates import get_template, save_template_version
from vernetool.domain.checklists import template_from_dict, template_to_dict
from vernetool.domain.errors import ValidationError

FORMAT = "vernetool.round-bundle"
VERSION = 1

_ROUND_FIELDS = ("title", "start_date", "end_date", "status", "pre_meeting_notes",
                 "closing_notes", "started_at", "completed_at", "reported_at")
_ANSWER_FIELDS = ("answer", "value_number", "value_text", "comment")
_FINDING_FIELDS = ("description", "severity", "action", "responsible_name", "deadline",
                   "action_status", "status", "closed_at", "follow_up_notes", "register_kind",
                   "register_label")
# what a bundle written before schema 10 (without the register pointer) means
_FINDING_DEFAULTS: dict[str, Any] = {"register_kind": None, "register_label": ""}


# The key of the unit-wide entry among (building, number) keys; no room has an empty code.
UNIT_KEY = ("", "")


def _key(entry: dict[str, Any]) -> tuple[str, str]:
    """(building, number) of a room entry, answer or photo; UNIT_KEY for the unit entry."""
    if entry.get("unit"):
        return UNIT_KEY
    return str(entry["building"]), str(entry["number"])


def _key_text(key: tuple[str, str]) -> str:
    return "unit" if key == UNIT_KEY else f"{key[0]}:{key[1]}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# -- snapshot -----------------------------------------------------------------------------------
def snapshot(conn: sqlite3.Connection, round_id: int) -> dict[str, Any]:
    """Everything of one round, by natural keys (the bundle's manifest without its files)."""
    r = conn.execute("SELECT h.*, u.code AS unit_code, u.name AS unit_name FROM hse_round h "
                     "LEFT JOIN unit u ON u.id = h.unit_id WHERE h.id = ?",
                     (round_id,)).fetchone()
    if r is None:
        raise LookupError(f"no round with id {round_id}")
    templates: dict[int, dict[str, Any]] = {}
    rooms = []
    for row in conn.execute(
            "SELECT rr.*, b.code AS building, ro.number, t.key, t.version FROM round_room rr "
            "LEFT JOIN room ro ON ro.id = rr.room_id "
            "LEFT JOIN building b ON b.id = ro.building_id "
            "JOIN checklist_template t ON t.id = rr.template_id WHERE rr.round_id = ? "
            "ORDER BY rr.position, rr.id", (round_id,)):
        if row["template_id"] not in templates:
            template = get_template(conn, row["template_id"])
            if template is not None:
                templates[row["template_id"]] = {"key": row["key"], "version": row["version"],
                                                 "template": template_to_dict(template)}
        rooms.append({"building": row["building"], "number": row["number"],
                      "unit": row["room_id"] is None,
                      "position": row["position"], "template_key": row["key"],
                      "template_version": row["version"], "status": row["status"],
                      "note": row["note"], "visited_at": row["visited_at"],
                      "updated_at": row["updated_at"]})
    answers = [dict(a) for a in conn.execute(
        "SELECT b.code AS building, ro.number, rr.room_id IS NULL AS unit, i.code AS item_code, "
        "a.answer, a.value_number, a.value_text, a.comment, a.answered_by, a.answered_at "
        "FROM round_answer a JOIN round_room rr ON rr.id = a.round_room_id "
        "LEFT JOIN room ro ON ro.id = rr.room_id LEFT JOIN building b ON b.id = ro.building_id "
        "JOIN checklist_item i ON i.id = a.item_id "
        "WHERE rr.round_id = ? ORDER BY rr.position, a.item_id", (round_id,))]
    rechecked = conn.execute("SELECT finding_id FROM finding_recheck WHERE round_id = ?",
                             (round_id,)).fetchall()
    findings = _findings(conn, "f.round_id = ?", (round_id,))
    earlier = [_finding_dict(conn, fid[0]) for fid in rechecked]
    rechecks = [dict(c) for c in conn.execute(
        "SELECT f.uid AS finding_uid, c.outcome, c.note, c.checked_by, c.checked_at "
        "FROM finding_recheck c JOIN round_finding f ON f.id = c.finding_id "
        "WHERE c.round_id = ? ORDER BY c.id", (round_id,))]
    photos = [dict(p) for p in conn.execute(
        "SELECT b.code AS building, ro.number, rr.room_id IS NULL AS unit, p.sha256, "
        "a.extension, a.original_name, a.size_bytes, p.caption, i.code AS item_code, "
        "f.uid AS finding_uid, p.created_at "
        "FROM round_photo p JOIN attachment a ON a.sha256 = p.sha256 "
        "JOIN round_room rr ON rr.id = p.round_room_id LEFT JOIN room ro ON ro.id = rr.room_id "
        "LEFT JOIN building b ON b.id = ro.building_id "
        "LEFT JOIN checklist_item i ON i.id = p.item_id "
        "LEFT JOIN round_finding f ON f.id = p.finding_id WHERE rr.round_id = ? "
        "ORDER BY p.id", (round_id,))]
    participants = [dict(p) for p in conn.execute(
        "SELECT p.name, p.role, p.position, pe.email FROM round_participant p "
        "LEFT JOIN person pe ON pe.id = p.person_id WHERE p.round_id = ? "
        "ORDER BY p.position, p.id", (round_id,))]
    return {
        "format": FORMAT, "version": VERSION,
        "round": {"uid": r["uid"], "unit_code": r["unit_code"], "unit_name": r["unit_name"],
                  "updated_at": r["updated_at"], **{k: r[k] for k in _ROUND_FIELDS}},
        "participants": participants, "templates": list(templates.values()), "rooms": rooms,
        "answers": answers, "findings": findings, "earlier_findings": earlier,
        "rechecks": rechecks, "photos": photos,
    }


_FINDING_SELECT = (
    "SELECT f.*, b.code AS building, ro.number, i.code AS item_code, hr.uid AS round_uid, "
    "cr.uid AS closed_round_uid, cf.uid AS carried_from_uid, pe.email AS responsible_email, "
    "(urr.id IS NOT NULL AND urr.room_id IS NULL) AS unit "
    "FROM round_finding f JOIN hse_round hr ON hr.id = f.round_id "
    "LEFT JOIN round_room urr ON urr.id = f.round_room_id "
    "LEFT JOIN room ro ON ro.id = f.room_id LEFT JOIN building b ON b.id = ro.building_id "
    "LEFT JOIN checklist_item i ON i.id = f.item_id "
    "LEFT JOIN hse_round cr ON cr.id = f.closed_round_id "
    "LEFT JOIN round_finding cf ON cf.id = f.carried_from_id "
    "LEFT JOIN person pe ON pe.id = f.responsible_id ")
_FINDING_KEYS = ("uid", "round_uid", "building", "number", "unit", "item_code", *_FINDING_FIELDS,
                 "register_id", "closed_round_uid", "carried_from_uid", "responsible_email",
                 "created_at", "updated_at")


def _findings(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]
              ) -> list[dict[str, Any]]:
    rows = conn.execute(f"{_FINDING_SELECT} WHERE {where} ORDER BY f.id", params).fetchall()
    return [{k: row[k] for k in _FINDING_KEYS} for row in rows]


def _finding_dict(conn: sqlite3.Connection, finding_id: int) -> dict[str, Any]:
    return _findings(conn, "f.id = ?", (finding_id,))[0]


# -- merge --------------------------------------------------------------------------------------
@dataclass
class MergeResult:
    round_id: int = 0
    round_uid: str = ""
    created_round: bool = False
    rooms_added: int = 0
    rooms_updated: int = 0
    participants_added: int = 0
    answers_added: int = 0
    answers_updated: int = 0
    findings_added: int = 0
    findings_updated: int = 0
    rechecks_changed: int = 0
    photos_added: int = 0
    round_updated: int = 0
    templates_added: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    known_conflicts: int = 0
    missing_rooms: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    photo_files: list[dict[str, Any]] = field(default_factory=list)  # photos now referenced

    @property
    def changes(self) -> int:
        return (int(self.created_round) + self.rooms_added + self.rooms_updated
                + self.participants_added + self.answers_added + self.answers_updated
                + self.findings_added + self.findings_updated + self.rechecks_changed
                + self.photos_added + self.round_updated + self.templates_added)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("photo_files")
        data["changes"] = self.changes
        return data


class _Merger:
    def __init__(self, conn: sqlite3.Connection, data: dict[str, Any], actor: str) -> None:
        self.conn, self.data, self.actor = conn, data, actor
        self.result = MergeResult(round_uid=str(data["round"]["uid"]))
        self.rooms: dict[tuple[str, str], int] = {}       # (building, number) → room id
        self.round_rooms: dict[tuple[str, str], int] = {}  # (building, number) → round room id
        self.templates: dict[tuple[str, int], int] = {}    # (key, version) → template id
        self.known = _known_conflicts(conn, self.result.round_uid)

    # helpers
    def _room_id(self, building: str, number: str) -> int | None:
        key = (building, number)
        if key not in self.rooms:
            row = self.conn.execute(
                "SELECT r.id FROM room r JOIN building b ON b.id = r.building_id "
                "WHERE b.code = ? AND r.number = ?", (building, number)).fetchone()
            if row is None:
                return None
            self.rooms[key] = int(row[0])
        return self.rooms[key]

    def _item_id(self, round_room_id: int, code: str | None) -> int | None:
        if not code:
            return None
        row = self.conn.execute(
            "SELECT i.id FROM round_room rr JOIN checklist_section s ON s.template_id = "
            "rr.template_id JOIN checklist_item i ON i.section_id = s.id "
            "WHERE rr.id = ? AND i.code = ?", (round_room_id, code)).fetchone()
        return None if row is None else int(row[0])

    def _register_id(self, f: dict[str, Any]) -> int | None:
        """The bundle's register entry here: the same id when this copy has that entry under
        the same label (a copy of one database), else none (the label still says what)."""
        kind, entry_id = f.get("register_kind"), f.get("register_id")
        if kind is None or not isinstance(entry_id, int):
            return None
        label = register_reads.entry_label(self.conn, str(kind), entry_id)
        return entry_id if label is not None and label == f.get("register_label") else None

    def _person_id(self, email: str | None) -> int | None:
        if not email:
            return None
        row = self.conn.execute("SELECT id FROM person WHERE email = ?", (email,)).fetchone()
        return None if row is None else int(row[0])

    def _round_id(self, uid: str | None) -> int | None:
        if not uid:
            return None
        row = self.conn.execute("SELECT id FROM hse_round WHERE uid = ?", (uid,)).fetchone()
        return None if row is None else int(row[0])

    def _conflict(self, entry: dict[str, Any]) -> None:
        key = json.dumps(entry, sort_keys=True, default=str)
        if key in self.known:
            self.result.known_conflicts += 1
        else:
            self.known.add(key)
            self.result.conflicts.append(entry)

    # steps
    def run(self) -> MergeResult:
        if self.data.get("format") != FORMAT:
            raise ValidationError("bundle.not_a_bundle", "bundle")
        if int(self.data.get("version", 0)) > VERSION:
            raise ValidationError("bundle.newer", "bundle")
        self._templates()
        self._round()
        self._participants()
        self._rooms()
        self._answers()
        self._findings()
        self._rechecks()
        self._photos()
        return self.result

    def _templates(self) -> None:
        for entry in self.data.get("templates", []):
            key, version = str(entry["key"]), int(entry["version"])
            row = self.conn.execute("SELECT id FROM checklist_template WHERE key = ? AND "
                                    "version = ?", (key, version)).fetchone()
            if row is None:
                template = template_from_dict(entry["template"])
                new_id = save_template_version(self.conn, template, self.actor)
                # keep the version number the other laptop used, so item codes line up
                self.conn.execute("UPDATE checklist_template SET version = ? WHERE id = ?",
                                  (version, new_id))
                self.result.templates_added += 1
                self.templates[(key, version)] = new_id
            else:
                self.templates[(key, version)] = int(row[0])

    def _round(self) -> None:
        remote = self.data["round"]
        local = self.conn.execute("SELECT * FROM hse_round WHERE uid = ?",
                                  (remote["uid"],)).fetchone()
        if local is None:
            unit_id = ensure_unit(self.conn, remote["unit_code"], remote.get("unit_name") or "") \
                if remote.get("unit_code") else None
            cur = self.conn.execute(
                "INSERT INTO hse_round (uid, unit_id, updated_at, "
                f"{', '.join(_ROUND_FIELDS)}) VALUES (?, ?, ?, "
                f"{', '.join('?' for _ in _ROUND_FIELDS)})",
                (remote["uid"], unit_id, remote["updated_at"],
                 *(remote.get(k) for k in _ROUND_FIELDS)))
            self.result.round_id = int(cur.lastrowid or 0)
            self.result.created_round = True
            audit.record(self.conn, self.actor, "hse_round", self.result.round_id,
                         "create_from_bundle", {"uid": remote["uid"]})
            return
        self.result.round_id = int(local["id"])
        differing = [k for k in _ROUND_FIELDS if (local[k] or None) != (remote.get(k) or None)]
        if not differing:
            return
        remote_newer = str(remote["updated_at"]) > str(local["updated_at"])
        for name in differing:
            if name in ("title", "pre_meeting_notes", "closing_notes") and \
                    local[name] and remote.get(name):
                loser = local[name] if remote_newer else remote.get(name)
                self._conflict({"kind": "round", "field": name,
                                "kept": remote.get(name) if remote_newer else local[name],
                                "lost": loser, "lost_side": "local" if remote_newer
                                else "bundle"})
        if remote_newer:
            self.conn.execute(
                f"UPDATE hse_round SET {', '.join(f'{k} = ?' for k in differing)}, "
                "updated_at = ? WHERE id = ?",
                (*(remote.get(k) for k in differing), remote["updated_at"],
                 self.result.round_id))
            self.result.round_updated += 1

    def _participants(self) -> None:
        rid = self.result.round_id
        have = {(r["name"], r["role"]) for r in self.conn.execute(
            "SELECT name, role FROM round_participant WHERE round_id = ?", (rid,))}
        for p in self.data.get("participants", []):
            if (p["name"], p["role"]) in have:
                continue
            self.conn.execute(
                "INSERT INTO round_participant (round_id, person_id, name, role, position) "
                "VALUES (?, ?, ?, ?, ?)",
                (rid, self._person_id(p.get("email")), p["name"], p["role"],
                 int(p.get("position") or 0)))
            have.add((p["name"], p["role"]))
            self.result.participants_added += 1

    def _rooms(self) -> None:
        rid = self.result.round_id
        for room in self.data.get("rooms", []):
            key = _key(room)
            room_id = None if key == UNIT_KEY else self._room_id(*key)
            if room_id is None and key != UNIT_KEY:
                self.result.missing_rooms.append(_key_text(key))
                continue
            template_id = self.templates.get((room["template_key"],
                                              int(room["template_version"])))
            local = self.conn.execute("SELECT * FROM round_room WHERE round_id = ? AND "
                                      "room_id IS ?", (rid, room_id)).fetchone()
            if local is None:
                if template_id is None:
                    self.result.skipped.append(f"room {_key_text(key)}: checklist "
                                               f"{room['template_key']} v"
                                               f"{room['template_version']} missing")
                    continue
                cur = self.conn.execute(
                    "INSERT INTO round_room (round_id, room_id, position, template_id, status, "
                    "note, visited_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (rid, room_id, room["position"], template_id, room["status"], room["note"],
                     room["visited_at"], room["updated_at"]))
                self.round_rooms[key] = int(cur.lastrowid or 0)
                if room_id is not None:
                    room_type = self.conn.execute("SELECT type FROM room WHERE id = ?",
                                                  (room_id,)).fetchone()[0]
                    self.conn.execute("INSERT INTO round_template (round_id, room_type, "
                                      "template_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                      (rid, room_type, template_id))
                self.result.rooms_added += 1
                continue
            self.round_rooms[key] = int(local["id"])
            same = (local["status"], local["note"], local["visited_at"]) == (
                room["status"], room["note"], room["visited_at"])
            if not same and str(room["updated_at"]) > str(local["updated_at"]):
                if local["note"] and room["note"] and local["note"] != room["note"]:
                    self._conflict({"kind": "room_note", "room": _key_text(key),
                                    "kept": room["note"], "lost": local["note"],
                                    "lost_side": "local"})
                self.conn.execute(
                    "UPDATE round_room SET status = ?, note = ?, visited_at = ?, updated_at = ? "
                    "WHERE id = ?", (room["status"], room["note"], room["visited_at"],
                                     room["updated_at"], local["id"]))
                self.result.rooms_updated += 1

    def _answers(self) -> None:
        for a in self.data.get("answers", []):
            key = _key(a)
            rr = self.round_rooms.get(key)
            if rr is None:
                continue  # the room is reported as missing or skipped already
            item_id = self._item_id(rr, a["item_code"])
            if item_id is None:
                self.result.skipped.append(f"answer {_key_text(key)} {a['item_code']}: "
                                           "no such checklist item here")
                continue
            local = self.conn.execute("SELECT * FROM round_answer WHERE round_room_id = ? "
                                      "AND item_id = ?", (rr, item_id)).fetchone()
            values = tuple(a.get(k) for k in _ANSWER_FIELDS)
            if local is None:
                self.conn.execute(
                    "INSERT INTO round_answer (round_room_id, item_id, answer, value_number, "
                    "value_text, comment, answered_by, answered_at) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?)",
                    (rr, item_id, *values, a["answered_by"], a["answered_at"]))
                self.result.answers_added += 1
                continue
            local_values = tuple(local[k] for k in _ANSWER_FIELDS)
            if local_values == values:
                continue
            remote_wins = str(a["answered_at"]) > str(local["answered_at"])
            loser = ({k: local[k] for k in _ANSWER_FIELDS} | {
                "answered_by": local["answered_by"], "answered_at": local["answered_at"]}
                if remote_wins else {k: a.get(k) for k in _ANSWER_FIELDS} | {
                "answered_by": a["answered_by"], "answered_at": a["answered_at"]})
            winner = ({k: a.get(k) for k in _ANSWER_FIELDS} | {"answered_at": a["answered_at"]}
                      if remote_wins else {k: local[k] for k in _ANSWER_FIELDS}
                      | {"answered_at": local["answered_at"]})
            self._conflict({"kind": "answer", "room": _key_text(key),
                            "item": a["item_code"], "kept": winner, "lost": loser,
                            "lost_side": "local" if remote_wins else "bundle"})
            if remote_wins:
                self.conn.execute(
                    "UPDATE round_answer SET answer = ?, value_number = ?, value_text = ?, "
                    "comment = ?, answered_by = ?, answered_at = ? WHERE id = ?",
                    (*values, a["answered_by"], a["answered_at"], local["id"]))
                self.result.answers_updated += 1

    def _findings(self) -> None:
        for f in self.data.get("findings", []):
            self._finding(f, own=True)
        for f in self.data.get("earlier_findings", []):
            self._finding(f, own=False)

    def _finding(self, f: dict[str, Any], own: bool) -> None:
        local = self.conn.execute("SELECT * FROM round_finding WHERE uid = ?",
                                  (f["uid"],)).fetchone()
        if local is None:
            round_id = self.result.round_id if own else self._round_id(f.get("round_uid"))
            if round_id is None:
                self.result.skipped.append(f"finding {f['uid']}: its round is not here")
                return
            unit = bool(f.get("unit"))
            key: tuple[str, str] = UNIT_KEY if unit else (f.get("building") or "",
                                                          f.get("number") or "")
            room_id = self._room_id(*key) if key[0] else None
            rr = self.round_rooms.get(key) if own else None
            if own and (key[0] or unit) and rr is None:
                return  # its room is missing here (reported already)
            item_id = self._item_id(rr, f.get("item_code")) if rr else None
            self.conn.execute(
                "INSERT INTO round_finding (uid, round_id, round_room_id, room_id, item_id, "
                "description, severity, action, responsible_id, responsible_name, deadline, "
                "action_status, status, closed_at, follow_up_notes, closed_round_id, "
                "carried_from_id, register_kind, register_id, register_label, created_at, "
                "updated_at) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "(SELECT id FROM round_finding WHERE uid = ?), ?, ?, ?, ?, ?)",
                (f["uid"], round_id, rr, room_id, item_id, f["description"], f["severity"],
                 f["action"], self._person_id(f.get("responsible_email")),
                 f["responsible_name"], f["deadline"], f["action_status"], f["status"],
                 f["closed_at"], f["follow_up_notes"], self._round_id(f.get("closed_round_uid")),
                 f.get("carried_from_uid"), f.get("register_kind"), self._register_id(f),
                 f.get("register_label") or "", f["created_at"], f["updated_at"]))
            self.result.findings_added += 1
            return
        remote_values = tuple(f.get(k, _FINDING_DEFAULTS.get(k)) for k in _FINDING_FIELDS)
        local_values = tuple(local[k] for k in _FINDING_FIELDS)
        closed_round = self._round_id(f.get("closed_round_uid"))
        if local_values == remote_values and local["closed_round_id"] == closed_round:
            return
        remote_wins = str(f["updated_at"]) > str(local["updated_at"])
        changed = [k for k, lv, rv in zip(_FINDING_FIELDS, local_values, remote_values,
                                          strict=True) if lv != rv]
        text_fields = {"description", "action", "follow_up_notes", "responsible_name"}
        if any(k in text_fields for k in changed):
            side = local if remote_wins else f
            self._conflict({"kind": "finding", "uid": f["uid"],
                            "fields": changed, "lost": {k: side[k] for k in changed},
                            "lost_side": "local" if remote_wins else "bundle"})
        if remote_wins:
            self.conn.execute(
                f"UPDATE round_finding SET {', '.join(f'{k} = ?' for k in _FINDING_FIELDS)}, "
                "responsible_id = coalesce(?, responsible_id), closed_round_id = ?, "
                "register_id = ?, updated_at = ? WHERE id = ?",
                (*remote_values, self._person_id(f.get("responsible_email")), closed_round,
                 self._register_id(f), f["updated_at"], local["id"]))
            self.result.findings_updated += 1

    def _rechecks(self) -> None:
        rid = self.result.round_id
        for c in self.data.get("rechecks", []):
            row = self.conn.execute("SELECT id FROM round_finding WHERE uid = ?",
                                    (c["finding_uid"],)).fetchone()
            if row is None:
                self.result.skipped.append(f"re-check of {c['finding_uid']}: the finding is "
                                           "not here")
                continue
            local = self.conn.execute("SELECT * FROM finding_recheck WHERE finding_id = ? AND "
                                      "round_id = ?", (row[0], rid)).fetchone()
            if local is None:
                self.conn.execute(
                    "INSERT INTO finding_recheck (finding_id, round_id, outcome, note, "
                    "checked_by, checked_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (row[0], rid, c["outcome"], c["note"], c["checked_by"], c["checked_at"]))
                self.result.rechecks_changed += 1
            elif (local["outcome"], local["note"]) != (c["outcome"], c["note"]) and \
                    str(c["checked_at"]) > str(local["checked_at"]):
                self._conflict({"kind": "recheck", "finding_uid": c["finding_uid"],
                                "kept": {"outcome": c["outcome"], "note": c["note"]},
                                "lost": {"outcome": local["outcome"], "note": local["note"]},
                                "lost_side": "local"})
                self.conn.execute(
                    "UPDATE finding_recheck SET outcome = ?, note = ?, checked_by = ?, "
                    "checked_at = ? WHERE id = ?",
                    (c["outcome"], c["note"], c["checked_by"], c["checked_at"], local["id"]))
                self.result.rechecks_changed += 1

    def _photos(self) -> None:
        for p in self.data.get("photos", []):
            key = _key(p)
            rr = self.round_rooms.get(key)
            if rr is None:
                continue
            self.result.photo_files.append(p)
            exists = self.conn.execute("SELECT 1 FROM round_photo WHERE round_room_id = ? AND "
                                       "sha256 = ?", (rr, p["sha256"])).fetchone()
            if exists:
                continue
            self.conn.execute(
                "INSERT INTO attachment (sha256, extension, original_name, size_bytes) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (p["sha256"], p["extension"], p["original_name"], p["size_bytes"]))
            finding = self.conn.execute("SELECT id FROM round_finding WHERE uid = ?",
                                        (p.get("finding_uid"),)).fetchone()
            self.conn.execute(
                "INSERT INTO round_photo (round_room_id, item_id, finding_id, sha256, caption, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (rr, self._item_id(rr, p.get("item_code")), finding[0] if finding else None,
                 p["sha256"], p["caption"], p["created_at"]))
            self.result.photos_added += 1


def _known_conflicts(conn: sqlite3.Connection, uid: str) -> set[str]:
    known: set[str] = set()
    for row in conn.execute("SELECT m.summary FROM round_merge m JOIN hse_round r "
                            "ON r.id = m.round_id WHERE r.uid = ?", (uid,)):
        try:
            for entry in json.loads(row[0]).get("conflicts", []):
                known.add(json.dumps(entry, sort_keys=True, default=str))
        except (ValueError, AttributeError):
            continue
    return known


def merge_snapshot(conn: sqlite3.Connection, data: dict[str, Any], actor: str,
                   source: str = "") -> MergeResult:
    """Merge a snapshot into the store (run it inside ``transaction``); see the module doc.

    A merge that changed something or found new conflicts is recorded in ``round_merge``
    with its counts and the full list of conflicts (the losing values included).
    """
    try:
        result = _Merger(conn, data, actor).run()
    except (KeyError, TypeError) as exc:
        raise ValidationError("bundle.manifest_incomplete", "bundle", error=exc) from exc
    if result.changes or result.conflicts:
        conn.execute("INSERT INTO round_merge (round_id, merged_at, source, summary) "
                     "VALUES (?, ?, ?, ?)",
                     (result.round_id, _now()[:19] + "Z", source,
                      json.dumps(result.to_json(), ensure_ascii=False, default=str)))
        audit.record(conn, actor, "hse_round", result.round_id, "merge",
                     {"source": source, "changes": result.changes,
                      "conflicts": len(result.conflicts)})
    return result
