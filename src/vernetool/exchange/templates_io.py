"""Checklist templates as JSON files, so units can share them.

The format (``format_version`` 1), UTF-8 JSON::

    {
      "format": "vernetool.checklist",
      "format_version": 1,
      "exported_at": "2026-11-26T10:00:00Z",          (optional, informational)
      "template": {
        "key": "laboratory",                          lower-case letters, digits, '-', '_'
        "version": 3,                                 (informational; import makes a new one)
        "name_nb": "...", "name_en": "...",            both required
        "description_nb": "...", "description_en": "...",
        "room_types": ["lab", "greenhouse"],          office, lab, workshop, storage,
                                                      exam_treatment, animal_room, greenhouse,
                                                      common_area, other; [] = unit-wide
        "sections": [
          {"title_nb": "...", "title_en": "...",
           "items": [
             {"code": "lab.gas.secured",              unique within the template
              "text_nb": "...", "text_en": "...",      both required
              "guidance_nb": "...", "guidance_en": "...",   both or neither
              "value_kind": "none" | "number" | "text",
              "value_label_nb": "...", "value_label_en": "...",  required for a value
              "room_types": [],                       [] = every room type
              "condition": "gas|flammable"}           '' | fact | a|b | !a (see domain)
           ]}
        ]
      }
    }

Before any of it is used, the document is checked against ``TEMPLATE_SHAPE`` (types and
sizes: at most 200 sections of 500 items, an item text of at most 5,000 characters, nesting
at most 32 deep, a file of at most 5 MB), so a hostile file gives one clear error, never a
``RecursionError`` or a 5 MB item text. Built-in templates in ``resources/checklists`` use
the same format. Importing never changes a
stored version: it adds a new version of the key (or nothing, when the newest version already
has exactly this content).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vernetool.db import templates as store
from vernetool.domain.checklists import Template, content_hash, template_from_dict, template_to_dict
from vernetool.domain.errors import ValidationError
from vernetool.exchange import schema
from vernetool.exchange.schema import Either, Flag, Items, Obj, Text, Whole

FORMAT = "vernetool.checklist"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024

_NAME, _TEXT, _LONG = Text(500, nullable=True), Text(5000, nullable=True), \
    Text(20_000, nullable=True)
_ROOM_TYPES = Either((Items(Text(40), 20), Text(500)))
ITEM_SHAPE = Obj({
    "code": Text(200, nullable=True), "text_nb": _TEXT, "text_en": _TEXT,
    "guidance_nb": _LONG, "guidance_en": _LONG, "value_kind": Text(20, nullable=True),
    "value_label_nb": _NAME, "value_label_en": _NAME, "room_types": _ROOM_TYPES,
    "condition": Text(500, nullable=True)})
SECTION_SHAPE = Obj({"title_nb": _NAME, "title_en": _NAME, "items": Items(ITEM_SHAPE, 500)})
# The body of a template (also inside a round bundle); the domain checks what it means.
TEMPLATE_SHAPE = Obj({
    "key": Text(100, nullable=True), "version": Whole(0, 1_000_000),
    "name_nb": _NAME, "name_en": _NAME, "description_nb": _LONG, "description_en": _LONG,
    "room_types": _ROOM_TYPES, "builtin": Flag(), "sections": Items(SECTION_SHAPE, 200)})


@dataclass(frozen=True)
class TemplateImport:
    template_id: int
    key: str
    version: int
    created: bool     # False: the newest version already had this content

    def to_json(self) -> dict[str, Any]:
        return {"template_id": self.template_id, "key": self.key, "version": self.version,
                "created": self.created}


def template_document(template: Template) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "exported_at": now,
            "template": template_to_dict(template)}


def export_template(conn: sqlite3.Connection, template_id: int, out: Path) -> Template:
    """Write one stored version to ``out`` (written to a temporary name, then renamed)."""
    template = store.get_template(conn, template_id)
    if template is None:
        raise ValidationError("template.no_such_id", "template", template_id=template_id)
    text = json.dumps(template_document(template), ensure_ascii=False, indent=2) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(out)
    return template


def parse_template(text: str) -> Template:
    """Read a template document; every problem is a ValidationError a person understands."""
    try:
        data = schema.loads(text, field_name="file")
    except json.JSONDecodeError as exc:
        raise ValidationError("template_file.bad_json", "file", lineno=exc.lineno, colno=exc.colno,
                              msg=exc.msg) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("template_file.wrong_format", "format", format=FORMAT)
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError("template_file.no_version", "format_version")
    if version > FORMAT_VERSION:
        raise ValidationError("template_file.newer_version", "format_version", version=version)
    if "template" not in data:
        raise ValidationError("template_file.no_template", "template")
    schema.check(TEMPLATE_SHAPE, data["template"], "template")
    return replace(template_from_dict(data["template"]), builtin=False, version=0)


def read_template_file(path: Path) -> Template:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValidationError("template_file.too_large", "file",
                              limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("file.not_utf8", "file", name=path.name) from None
    return parse_template(text)


def import_template(conn: sqlite3.Connection, path: Path, actor: str = "", *,
                    key: str | None = None) -> TemplateImport:
    """Store the file's template as a new version of its key (or of ``key``)."""
    template = read_template_file(path)
    if key:
        template = replace(template, key=key.strip())
    return store_imported(conn, template, actor)


def store_imported(conn: sqlite3.Connection, template: Template, actor: str = ""
                   ) -> TemplateImport:
    newest = store.template_versions(conn, template.key)
    if newest and not newest[0].retired:
        current = store.get_template(conn, newest[0].id)
        if current is not None and content_hash(current) == content_hash(template):
            return TemplateImport(current.id or 0, current.key, current.version, False)
    if newest and all(v.retired for v in newest):
        store.restore_template(conn, template.key, actor)
    template_id = store.save_template_version(conn, template, actor, builtin=False)
    version = store.template_versions(conn, template.key)[0].version
    return TemplateImport(template_id, template.key, version, True)
