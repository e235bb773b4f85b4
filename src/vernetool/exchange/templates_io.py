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

Built-in templates in ``resources/checklists`` use the same format. Importing never changes a
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

FORMAT = "vernetool.checklist"
FORMAT_VERSION = 1


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
        data = json.loads(text)
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
    return replace(template_from_dict(data["template"]), builtin=False, version=0)


def read_template_file(path: Path) -> Template:
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
