"""Checklist templates in the store: versions, lookups, and the built-in templates.

A stored version is never changed: saving a template inserts a new version of its key, so a
round keeps the exact items it was answered with. Built-in templates ship as JSON files in
``resources/checklists``; ``ensure_builtin`` installs them and adds a new version when the
shipped content changed.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, replace

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.domain.checklists import (
    Item,
    Section,
    Template,
    ValueKind,
    content_hash,
    template_from_dict,
    validate_template,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import RoomType
from vernetool.paths import resource_path

log = logging.getLogger(__name__)

BUILTIN_FORMAT = "vernetool.checklist"
BUILTIN_KEYS = ("office", "laboratory", "workshop", "storage_common", "psychosocial")

# The built-in template a room type falls back to when no template names the type.
FALLBACK_KEYS: dict[RoomType, str] = {
    RoomType.OFFICE: "office",
    RoomType.LAB: "laboratory",
    RoomType.EXAM_TREATMENT: "laboratory",
    RoomType.ANIMAL_ROOM: "laboratory",
    RoomType.GREENHOUSE: "laboratory",
    RoomType.WORKSHOP: "workshop",
    RoomType.STORAGE: "storage_common",
    RoomType.COMMON_AREA: "storage_common",
    RoomType.OTHER: "storage_common",
}
# The template answered once per round for the unit as a whole (not per room type).
UNIT_TEMPLATE_KEY = "psychosocial"


@dataclass(frozen=True)
class TemplateSummary:
    """One row of a template list: a version without its sections."""

    id: int
    key: str
    version: int
    name_nb: str
    name_en: str
    room_types: frozenset[RoomType]
    builtin: bool
    retired: bool
    created_at: str
    item_count: int
    used: bool

    def name(self, lang: str) -> str:
        return self.name_nb if lang == "nb" else self.name_en


def _types_text(types: frozenset[RoomType]) -> str:
    order = list(RoomType)
    return ",".join(t.value for t in sorted(types, key=order.index))


def _types(text: str) -> frozenset[RoomType]:
    return frozenset(RoomType(v) for v in text.split(",") if v)


# --- writing ------------------------------------------------------------------------------


def save_template_version(conn: sqlite3.Connection, template: Template, actor: str = "",
                          *, builtin: bool | None = None) -> int:
    """Store the template as a NEW version of its key (max + 1) and return its id.

    Nothing already stored is modified, so rounds keep the version they used.
    """
    validate_template(template)
    flag = template.builtin if builtin is None else builtin
    with atomic(conn):
        row = conn.execute("SELECT coalesce(max(version), 0) FROM checklist_template "
                           "WHERE key = ?", (template.key,)).fetchone()
        version = int(row[0]) + 1
        cur = conn.execute(
            "INSERT INTO checklist_template (key, version, name_nb, name_en, description_nb, "
            "description_en, room_types, builtin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (template.key, version, template.name_nb.strip(), template.name_en.strip(),
             template.description_nb.strip(), template.description_en.strip(),
             _types_text(template.room_types), int(flag)))
        template_id = int(cur.lastrowid or 0)
        for s_pos, section in enumerate(template.sections):
            s_cur = conn.execute(
                "INSERT INTO checklist_section (template_id, position, title_nb, title_en) "
                "VALUES (?, ?, ?, ?)",
                (template_id, s_pos, section.title_nb.strip(), section.title_en.strip()))
            section_id = int(s_cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO checklist_item (section_id, position, code, text_nb, text_en, "
                "guidance_nb, guidance_en, value_kind, value_label_nb, value_label_en, "
                "room_types, condition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(section_id, i_pos, i.code.strip(), i.text_nb.strip(), i.text_en.strip(),
                  i.guidance_nb.strip(), i.guidance_en.strip(), ValueKind(i.value_kind).value,
                  i.value_label_nb.strip(), i.value_label_en.strip(),
                  _types_text(i.room_types), i.condition.strip())
                 for i_pos, i in enumerate(section.items)])
        audit.record(conn, actor, "checklist_template", template_id, "create",
                     {"key": template.key, "version": version, "builtin": flag,
                      "items": template.item_count()})
    return template_id


def retire_template(conn: sqlite3.Connection, key: str, actor: str = "") -> int:
    """Hide every version of a key from new rounds (rounds that used it keep it)."""
    with atomic(conn):
        cur = conn.execute("UPDATE checklist_template SET retired = 1 WHERE key = ? "
                           "AND retired = 0", (key,))
        if cur.rowcount:
            audit.record(conn, actor, "checklist_template", None, "retire", {"key": key})
    return cur.rowcount


def restore_template(conn: sqlite3.Connection, key: str, actor: str = "") -> int:
    """Undo ``retire_template``."""
    with atomic(conn):
        cur = conn.execute("UPDATE checklist_template SET retired = 0 WHERE key = ? "
                           "AND retired = 1", (key,))
        if cur.rowcount:
            audit.record(conn, actor, "checklist_template", None, "restore", {"key": key})
    return cur.rowcount


# --- reading ------------------------------------------------------------------------------


def is_used(conn: sqlite3.Connection, template_id: int) -> bool:
    """Whether a round uses this version (its items must then stay as they are)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM round_room WHERE template_id = ?) "
        "OR EXISTS (SELECT 1 FROM round_template WHERE template_id = ?)",
        (template_id, template_id)).fetchone()
    return bool(row[0])


def _item(row: sqlite3.Row) -> Item:
    return Item(
        code=row["code"], text_nb=row["text_nb"], text_en=row["text_en"],
        guidance_nb=row["guidance_nb"], guidance_en=row["guidance_en"],
        value_kind=ValueKind(row["value_kind"]), value_label_nb=row["value_label_nb"],
        value_label_en=row["value_label_en"], room_types=_types(row["room_types"]),
        condition=row["condition"], id=row["id"])


def get_template(conn: sqlite3.Connection, template_id: int) -> Template | None:
    """One stored version with its sections and items (ids filled in)."""
    row = conn.execute("SELECT * FROM checklist_template WHERE id = ?",
                       (template_id,)).fetchone()
    if row is None:
        return None
    sections: dict[int, Section] = {}
    for s in conn.execute("SELECT id, title_nb, title_en FROM checklist_section "
                          "WHERE template_id = ? ORDER BY position", (template_id,)):
        sections[s["id"]] = Section(s["title_nb"], s["title_en"], [], s["id"])
    for i in conn.execute(
            "SELECT i.* FROM checklist_item i JOIN checklist_section s ON s.id = i.section_id "
            "WHERE s.template_id = ? ORDER BY s.position, i.position", (template_id,)):
        sections[i["section_id"]].items.append(_item(i))
    return Template(
        key=row["key"], name_nb=row["name_nb"], name_en=row["name_en"],
        description_nb=row["description_nb"], description_en=row["description_en"],
        room_types=_types(row["room_types"]), builtin=bool(row["builtin"]),
        sections=list(sections.values()), version=row["version"], id=row["id"],
        retired=bool(row["retired"]), created_at=row["created_at"])


def get_item(conn: sqlite3.Connection, item_id: int) -> Item | None:
    row = conn.execute("SELECT * FROM checklist_item WHERE id = ?", (item_id,)).fetchone()
    return None if row is None else _item(row)


def get_items(conn: sqlite3.Connection, item_ids: list[int]) -> dict[int, Item]:
    """Items by id (for answers and findings that point at items)."""
    result: dict[int, Item] = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start:start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in conn.execute(f"SELECT * FROM checklist_item WHERE id IN ({marks})", chunk):
            result[row["id"]] = _item(row)
    return result


def item_template_id(conn: sqlite3.Connection, item_id: int) -> int | None:
    row = conn.execute("SELECT s.template_id FROM checklist_item i JOIN checklist_section s "
                       "ON s.id = i.section_id WHERE i.id = ?", (item_id,)).fetchone()
    return None if row is None else int(row[0])


def find_item_by_code(conn: sqlite3.Connection, template_id: int, code: str) -> Item | None:
    row = conn.execute("SELECT i.* FROM checklist_item i JOIN checklist_section s "
                       "ON s.id = i.section_id WHERE s.template_id = ? AND i.code = ?",
                       (template_id, code)).fetchone()
    return None if row is None else _item(row)


_SUMMARY = (
    "SELECT t.*, (SELECT count(*) FROM checklist_item i JOIN checklist_section s "
    "ON s.id = i.section_id WHERE s.template_id = t.id) AS item_count, "
    "(EXISTS (SELECT 1 FROM round_room rr WHERE rr.template_id = t.id) OR "
    "EXISTS (SELECT 1 FROM round_template rt WHERE rt.template_id = t.id)) AS used "
    "FROM checklist_template t "
)


def _summary(row: sqlite3.Row) -> TemplateSummary:
    return TemplateSummary(
        id=row["id"], key=row["key"], version=row["version"], name_nb=row["name_nb"],
        name_en=row["name_en"], room_types=_types(row["room_types"]),
        builtin=bool(row["builtin"]), retired=bool(row["retired"]),
        created_at=row["created_at"], item_count=row["item_count"], used=bool(row["used"]))


def latest_templates(conn: sqlite3.Connection, *, include_retired: bool = False
                     ) -> list[TemplateSummary]:
    """The newest version of each key, built-ins in their shipped order, then by name."""
    where = "" if include_retired else "AND t.retired = 0 "
    rows = conn.execute(
        f"{_SUMMARY} WHERE t.version = (SELECT max(version) FROM checklist_template x "
        f"WHERE x.key = t.key) {where}ORDER BY t.name_en COLLATE NOCASE").fetchall()
    order = {key: n for n, key in enumerate(BUILTIN_KEYS)}
    summaries = [_summary(r) for r in rows]
    return sorted(summaries, key=lambda s: order.get(s.key, len(order)))


def template_versions(conn: sqlite3.Connection, key: str) -> list[TemplateSummary]:
    """Every version of a key, newest first."""
    rows = conn.execute(f"{_SUMMARY} WHERE t.key = ? ORDER BY t.version DESC", (key,))
    return [_summary(r) for r in rows]


def latest_template_id(conn: sqlite3.Connection, key: str) -> int | None:
    """The newest non-retired version of a key."""
    row = conn.execute("SELECT id FROM checklist_template WHERE key = ? AND retired = 0 "
                       "ORDER BY version DESC LIMIT 1", (key,)).fetchone()
    return None if row is None else int(row[0])


def template_for_room_type(conn: sqlite3.Connection, room_type: RoomType | str
                           ) -> Template | None:
    """The template a new round uses for rooms of this type.

    The newest template naming the type wins, a unit's own template before a built-in; when
    none names it, the built-in fallback for the type (office, laboratory, workshop, storage
    and common areas).
    """
    rtype = RoomType(room_type)
    best: TemplateSummary | None = None
    for summary in latest_templates(conn):
        if rtype in summary.room_types and summary.key != UNIT_TEMPLATE_KEY:
            rank = (not summary.builtin, summary.id)
            if best is None or rank > (not best.builtin, best.id):
                best = summary
    if best is not None:
        return get_template(conn, best.id)
    fallback = latest_template_id(conn, FALLBACK_KEYS[rtype])
    return None if fallback is None else get_template(conn, fallback)


def unit_template(conn: sqlite3.Connection) -> Template | None:
    """The psychosocial/organisational template, answered once per round for the whole unit."""
    template_id = latest_template_id(conn, UNIT_TEMPLATE_KEY)
    return None if template_id is None else get_template(conn, template_id)


# --- built-in templates -------------------------------------------------------------------


def load_builtin(key: str) -> Template:
    """A built-in template as shipped in ``resources/checklists/<key>.json``."""
    path = resource_path("checklists", f"{key}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != BUILTIN_FORMAT:
        raise ValidationError("template_file.not_a_checklist", "format", name=path.name)
    template = template_from_dict(data["template"])
    if template.key != key:
        raise ValidationError("template_file.wrong_key", "key", name=path.name, key=template.key)
    return replace(template, builtin=True)


def install_builtin_templates(conn: sqlite3.Connection, actor: str = "vernetool"
                              ) -> dict[str, str]:
    """Install the shipped templates; a changed one becomes a new version.

    Returns ``{key: 'installed' | 'updated' | 'unchanged' | 'kept_local' | 'retired'}``.
    A key the user retired stays retired; a key whose newest version is the user's own edit
    is left alone (their edit stays in use; they can import the shipped one later).
    """
    result: dict[str, str] = {}
    for key in BUILTIN_KEYS:
        shipped = load_builtin(key)
        versions = template_versions(conn, key)
        if not versions:
            save_template_version(conn, shipped, actor, builtin=True)
            result[key] = "installed"
            continue
        if all(v.retired for v in versions):
            result[key] = "retired"
            continue
        newest = versions[0]
        if not newest.builtin:
            result[key] = "kept_local"
            continue
        stored = get_template(conn, newest.id)
        if stored is not None and content_hash(stored) == content_hash(shipped):
            result[key] = "unchanged"
            continue
        save_template_version(conn, shipped, actor, builtin=True)
        result[key] = "updated"
        log.info("built-in checklist %s updated to a new version", key)
    return result


def ensure_builtin(conn: sqlite3.Connection) -> None:
    """Called after opening a store: make sure the built-in checklists are there and current."""
    try:
        install_builtin_templates(conn)
    except (OSError, ValueError, sqlite3.OperationalError) as exc:
        # A read-only or busy store, or a damaged resource: the app still opens.
        log.error("cannot install the built-in checklists: %s", exc)
