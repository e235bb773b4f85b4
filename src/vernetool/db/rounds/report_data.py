"""Read-only queries behind the round report and the action-plan export (one query per shape,
not one per room, so a 200-room round reads in milliseconds)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from vernetool.db.rounds.findings import Photo, Recheck, carried_findings, rechecks_for_round
from vernetool.domain.rounds import Finding


def database_folder(conn: sqlite3.Connection) -> Path | None:
    """The folder of the connection's main database file (where attachments live)."""
    for row in conn.execute("PRAGMA database_list"):
        if row["name"] == "main" and row["file"]:
            return Path(row["file"]).parent
    return None


def answer_totals(conn: sqlite3.Connection, round_id: int) -> dict[str, int]:
    """Answers given in the round, by answer code (``ok``, ``improve``, ``not_relevant``)."""
    rows = conn.execute(
        "SELECT a.answer, count(*) AS n FROM round_answer a JOIN round_room rr "
        "ON rr.id = a.round_room_id WHERE rr.round_id = ? AND a.answer IS NOT NULL "
        "GROUP BY a.answer", (round_id,)).fetchall()
    return {r["answer"]: r["n"] for r in rows}


def photos_by_room(conn: sqlite3.Connection, round_id: int) -> dict[int, list[Photo]]:
    rows = conn.execute(
        "SELECT p.*, a.extension, a.original_name FROM round_photo p JOIN attachment a "
        "ON a.sha256 = p.sha256 JOIN round_room rr ON rr.id = p.round_room_id "
        "WHERE rr.round_id = ? ORDER BY rr.position, p.id", (round_id,)).fetchall()
    result: dict[int, list[Photo]] = {}
    for r in rows:
        result.setdefault(r["round_room_id"], []).append(
            Photo(r["id"], r["round_room_id"], r["sha256"], r["extension"], r["original_name"],
                  r["caption"], r["item_id"], r["finding_id"]))
    return result


@dataclass(frozen=True)
class AnswerComment:
    round_room_id: int
    item_text: str
    answer: str | None
    comment: str


def comments_by_room(conn: sqlite3.Connection, round_id: int, lang: str = "nb"
                     ) -> dict[int, list[AnswerComment]]:
    """Answers that carry a comment, per round room, in checklist order."""
    column = "text_en" if lang == "en" else "text_nb"
    rows = conn.execute(
        f"SELECT a.round_room_id, i.{column} AS item_text, a.answer, a.comment "
        "FROM round_answer a JOIN round_room rr ON rr.id = a.round_room_id "
        "JOIN checklist_item i ON i.id = a.item_id "
        "JOIN checklist_section s ON s.id = i.section_id "
        "WHERE rr.round_id = ? AND trim(a.comment) <> '' "
        "ORDER BY rr.position, s.position, i.position", (round_id,)).fetchall()
    result: dict[int, list[AnswerComment]] = {}
    for r in rows:
        result.setdefault(r["round_room_id"], []).append(
            AnswerComment(r["round_room_id"], r["item_text"], r["answer"], r["comment"]))
    return result


@dataclass(frozen=True)
class EarlierFinding:
    finding: Finding
    recheck: Recheck | None
    from_title: str
    from_date: dt.date


def earlier_findings(conn: sqlite3.Connection, round_id: int, lang: str = "nb"
                     ) -> list[EarlierFinding]:
    """Open findings carried into this round's rooms from earlier rounds, with the re-check."""
    rounds = {r["id"]: (r["title"], dt.date.fromisoformat(r["start_date"]))
              for r in conn.execute("SELECT id, title, start_date FROM hse_round")}
    checks = rechecks_for_round(conn, round_id)
    result: list[EarlierFinding] = []
    for rr in conn.execute("SELECT room_id FROM round_room WHERE round_id = ? "
                           "ORDER BY position, id", (round_id,)).fetchall():
        for finding in carried_findings(conn, round_id, rr["room_id"], lang):
            title, start = rounds.get(finding.round_id or 0, ("", dt.date.min))
            result.append(EarlierFinding(finding, checks.get(finding.id or 0), title, start))
    return result


@dataclass(frozen=True)
class UnitAnswer:
    section: str
    item_text: str
    answer: str | None
    comment: str
    value_number: float | None
    value_text: str


def unit_answers(conn: sqlite3.Connection, round_id: int, lang: str = "nb") -> list[UnitAnswer]:
    """Every item of the round's unit-wide checklist in template order, with its answer
    (None where not answered); empty when the round has no unit-wide entry."""
    suffix = "en" if lang == "en" else "nb"
    rows = conn.execute(
        f"SELECT s.title_{suffix} AS section, i.text_{suffix} AS item_text, a.answer, "
        "coalesce(a.comment, '') AS comment, a.value_number, "
        "coalesce(a.value_text, '') AS value_text FROM round_room rr "
        "JOIN checklist_section s ON s.template_id = rr.template_id "
        "JOIN checklist_item i ON i.section_id = s.id "
        "LEFT JOIN round_answer a ON a.round_room_id = rr.id AND a.item_id = i.id "
        "WHERE rr.round_id = ? AND rr.room_id IS NULL ORDER BY s.position, i.position",
        (round_id,)).fetchall()
    return [UnitAnswer(r["section"], r["item_text"], r["answer"], r["comment"],
                       r["value_number"], r["value_text"]) for r in rows]


def item_texts(conn: sqlite3.Connection, item_ids: set[int]) -> dict[int, tuple[str, str]]:
    """Checklist item id → its statement in Bokmål and in English (for the findings shown)."""
    ids = sorted(item_ids)
    result: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):  # well under SQLite's limit of bound values
        chunk = ids[start:start + 500]
        rows = conn.execute(
            "SELECT id, coalesce(text_nb, '') AS nb, coalesce(text_en, '') AS en "
            f"FROM checklist_item WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        result.update({r["id"]: (r["nb"], r["en"]) for r in rows})
    return result
