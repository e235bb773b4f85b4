"""Field mappings: which column name each canonical field gets in a delivered file, and
optional value maps — configuration, not code (docs/delivery-mappings.md).

A mapping file is JSON::

    {"schema": "vernetool.mapping/1",
     "deviations": {"columns": {"title": "Tittel", "reporter_free_field": null, ...},
                    "values": {"type": {"accident": "Ulykke"}},
                    "csv": {"delimiter": ";"}},
     "chemicals": {...}}

The shipped default for a kind (``resources/delivery/mappings/<kind>.json``) names every field
the kind sends, in the order the files have them; it *is* the list of fields. A target's
``--mapping FILE`` is laid over the default, kind by kind: a column name renames, ``null``
leaves the field out, a value map replaces the default's for that field. A target mapping
can rename and drop, never add: a field the default does not name is refused, so no mapping
can make a payload carry something the builder does not send (personal data, say). Fields
of nested records are named with a dot (``measures.deadline``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vernetool.domain.errors import ValidationError
from vernetool.exchange.writers import safe_text
from vernetool.paths import resource_path

SCHEMA = "vernetool.mapping/1"
DELIMITERS = (";", ",", "\t", "|")
LANGS = ("nb", "en")
_MAX_NAME = 200


@dataclass(frozen=True)
class FieldMapping:
    """One kind's mapping: output name per canonical field (in output order; dropped fields
    absent), value maps per field, the CSV separator and the language of words in reports."""

    kind: str
    names: dict[str, str]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    delimiter: str = ";"
    lang: str = "nb"
    _plans: dict[str, list[tuple[str, str, dict[str, str] | None]]] = field(
        default_factory=dict, compare=False, repr=False)

    def header(self, fields: Sequence[str]) -> list[str]:
        """The output names of ``fields`` that are kept, in the mapping's order."""
        wanted = set(fields)
        return [name for f, name in self.names.items() if f in wanted]

    def apply(self, record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
        """``record`` (canonical field names, relative to ``prefix``) under its output names,
        values mapped; fields the mapping leaves out are gone."""
        out: dict[str, Any] = {}
        for key, name, table in self._plan(prefix):
            if key in record:
                value = record[key]
                out[name] = value if table is None else self._mapped(table, value)
        return out

    def _plan(self, prefix: str) -> list[tuple[str, str, dict[str, str] | None]]:
        """(key in the record, output name, value map) of the fields under ``prefix``."""
        plan = self._plans.get(prefix)
        if plan is None:
            plan = []
            for full, name in self.names.items():
                if prefix:
                    if not full.startswith(prefix) or "." in full[len(prefix):]:
                        continue
                    key = full[len(prefix):]
                elif "." in full:
                    continue
                else:
                    key = full
                plan.append((key, name, self.values.get(full) or None))
            self._plans[prefix] = plan
        return plan

    @staticmethod
    def _mapped(table: dict[str, str], value: Any) -> Any:
        if value is None or isinstance(value, list | dict):
            return value
        key = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        return table.get(key, value)


def known_fields(kind: str) -> tuple[str, ...]:
    """Every field ``kind`` sends, in order (the default mapping's columns)."""
    return tuple(_default(kind)["columns"])


def mapping_for(kind: str, target_mapping: str | Mapping[str, Any] | None = None,
                ) -> FieldMapping:
    """The default mapping of ``kind`` with the target's (JSON text or parsed) laid over it."""
    base = _default(kind)
    names: dict[str, str | None] = dict(base["columns"])
    values: dict[str, dict[str, str]] = {k: dict(v) for k, v in base.get("values", {}).items()}
    delimiter = str(base.get("csv", {}).get("delimiter", ";"))
    lang = str(base.get("lang", "nb"))
    override = _section(parse_mapping(target_mapping), kind) if target_mapping else None
    if override is not None:
        for f, name in override.get("columns", {}).items():
            names[f] = name
        for f, table in override.get("values", {}).items():
            values[f] = dict(table)
        delimiter = str(override.get("csv", {}).get("delimiter", delimiter))
        lang = str(override.get("lang", lang))
    kept = {f: safe_text(n) for f, n in names.items() if n is not None}
    return FieldMapping(kind, kept, values, delimiter, lang)


def parse_mapping(data: str | bytes | Mapping[str, Any] | None) -> dict[str, Any]:
    """A target's mapping file checked against every kind's fields; raises
    ``ValidationError`` (field ``mapping``) saying what is wrong and where."""
    if data is None:
        return {}
    if isinstance(data, str | bytes):
        try:
            parsed = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError("delivery_mapping.not_json", "mapping",
                                  error=str(exc)[:200]) from None
    else:
        parsed = dict(data)
    if not isinstance(parsed, dict):
        raise ValidationError("delivery_mapping.not_object", "mapping")
    schema = parsed.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise ValidationError("delivery_mapping.schema", "mapping", schema=str(schema)[:80],
                              expected=SCHEMA)
    for kind, section in parsed.items():
        if kind == "schema":
            continue
        if kind not in _kinds():
            raise ValidationError("delivery_mapping.unknown_kind", "mapping", kind=kind[:80],
                                  kinds=", ".join(_kinds()))
        _check_section(kind, section)
    return parsed


def _section(parsed: Mapping[str, Any], kind: str) -> dict[str, Any] | None:
    section = parsed.get(kind)
    return dict(section) if isinstance(section, dict) else None


def _check_section(kind: str, section: Any) -> None:
    if not isinstance(section, dict):
        raise ValidationError("delivery_mapping.not_object", "mapping", kind=kind)
    fields = known_fields(kind)
    unknown = [k for k in section if k not in ("columns", "values", "csv", "lang")]
    if unknown:
        raise ValidationError("delivery_mapping.unknown_key", "mapping", kind=kind,
                              key=str(unknown[0])[:80])
    columns = section.get("columns", {})
    values = section.get("values", {})
    if not isinstance(columns, dict) or not isinstance(values, dict):
        raise ValidationError("delivery_mapping.not_object", "mapping", kind=kind)
    for f in (*columns, *values):
        if f not in fields:
            raise ValidationError("delivery_mapping.unknown_field", "mapping", kind=kind,
                                  field=str(f)[:80], fields=", ".join(fields))
    for f, name in columns.items():
        if name is not None and (not isinstance(name, str) or not name.strip()
                                 or len(name) > _MAX_NAME):
            raise ValidationError("delivery_mapping.bad_name", "mapping", kind=kind, field=f)
    for f, table in values.items():
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ValidationError("delivery_mapping.bad_values", "mapping", kind=kind, field=f)
    csv = section.get("csv", {})
    if not isinstance(csv, dict) or csv.get("delimiter", ";") not in DELIMITERS:
        raise ValidationError("delivery_mapping.bad_delimiter", "mapping", kind=kind,
                              allowed=" ".join(repr(d) for d in DELIMITERS))
    if section.get("lang", "nb") not in LANGS:
        raise ValidationError("delivery_mapping.bad_lang", "mapping", kind=kind,
                              allowed=", ".join(LANGS))
    _check_unique(kind, fields, columns)


def _check_unique(kind: str, fields: Iterable[str], columns: Mapping[str, Any]) -> None:
    """Two fields of one file under one name would lose one of them."""
    base = _default(kind)["columns"]
    seen: dict[tuple[str, str], str] = {}
    for f in fields:
        name = columns.get(f, base[f]) if f in columns else base[f]
        if name is None:
            continue
        group = f.rsplit(".", 1)[0] if "." in f else ""
        if (group, name) in seen:
            raise ValidationError("delivery_mapping.duplicate_name", "mapping", kind=kind,
                                  name=name, first=seen[(group, name)], second=f)
        seen[(group, name)] = f


def _kinds() -> tuple[str, ...]:
    return ("deviations", "chemicals", "sources", "rounds", "annual")


@cache
def _default(kind: str) -> dict[str, Any]:
    """The shipped default mapping's section for ``kind`` (read once)."""
    path = resource_path("delivery", "mappings", f"{kind}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    section: dict[str, Any] = data[kind]
    return section
