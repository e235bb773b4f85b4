"""Mapping files: the shipped defaults name exactly what the builders send; a target's file
renames, drops and maps values, never adds; a bad file is refused saying where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.i18n import render
from vernetool.services.delivery.payloads import chemicals, deviations, rounds, sources
from vernetool.services.delivery.payloads.mapping import (
    known_fields,
    mapping_for,
    parse_mapping,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_defaults_name_what_the_builders_send() -> None:
    assert known_fields("deviations") == (
        *deviations.FIELDS, "measures", "history",
        *(f"measures.{f}" for f in deviations.MEASURE_FIELDS),
        *(f"history.{f}" for f in deviations.HISTORY_FIELDS))
    assert known_fields("chemicals") == chemicals.FIELDS
    assert known_fields("sources") == sources.FIELDS
    assert known_fields("rounds") == rounds.FIELDS
    for kind in ("deviations", "chemicals", "rounds"):
        mapping = mapping_for(kind)
        assert all(mapping.names[f] == f.rsplit(".", 1)[-1] for f in known_fields(kind))
        assert mapping.delimiter == ";"


def test_the_documented_example_is_valid_and_maps() -> None:
    text = (ROOT / "docs" / "examples" / "delivery-mapping-nb.json").read_text("utf-8")
    mapping = mapping_for("deviations", parse_mapping(text))
    record = {"id": "x:1", "type": "near_miss", "injury": False, "title": "T",
              "reporter": "never"}
    assert mapping.apply(record) == {"Referanse": "x:1", "Meldingstype": "Nestenulykke",
                                     "Tittel": "T", "Personskade": "Nei"}
    assert "history.source" not in mapping.names          # null: left out
    assert mapping_for("sources", parse_mapping(text)).names["dsa_id"] == "DSA-id"


@pytest.mark.parametrize(("data", "code", "params"), [
    ("{not json", "delivery_mapping.not_json", {}),
    ("[1, 2]", "delivery_mapping.not_object", {}),
    ('{"schema": "other/9"}', "delivery_mapping.schema", {"schema": "other/9"}),
    ('{"incidents": {}}', "delivery_mapping.unknown_kind", {"kind": "incidents"}),
    ('{"deviations": {"colums": {}}}', "delivery_mapping.unknown_key", {"key": "colums"}),
    ('{"deviations": {"columns": {"reporter": "Meldt av"}}}',
     "delivery_mapping.unknown_field", {"field": "reporter"}),
    ('{"deviations": {"columns": {"measures.responsible_name": "Ansvarlig"}}}',
     "delivery_mapping.unknown_field", {"field": "measures.responsible_name"}),
    ('{"deviations": {"columns": {"title": ""}}}', "delivery_mapping.bad_name",
     {"field": "title"}),
    ('{"deviations": {"columns": {"title": 7}}}', "delivery_mapping.bad_name",
     {"field": "title"}),
    ('{"deviations": {"values": {"type": {"accident": 1}}}}', "delivery_mapping.bad_values",
     {"field": "type"}),
    ('{"chemicals": {"csv": {"delimiter": ":"}}}', "delivery_mapping.bad_delimiter",
     {"kind": "chemicals"}),
    ('{"rounds": {"lang": "sv"}}', "delivery_mapping.bad_lang", {"kind": "rounds"}),
    ('{"deviations": {"columns": {"title": "description"}}}',
     "delivery_mapping.duplicate_name", {"name": "description"}),
])
def test_a_bad_mapping_is_refused_saying_what(data: str, code: str,
                                              params: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_mapping(data)
    assert (refused.value.code, refused.value.field) == (code, "mapping")
    assert params.items() <= refused.value.params.items()
    assert "{" not in render(refused.value.code, **refused.value.params)


def test_a_dropped_field_may_free_its_name() -> None:
    """Renaming title to 'description' is fine once description itself is left out."""
    parsed = parse_mapping(json.dumps({"deviations": {"columns": {
        "title": "description", "description": None}}}))
    mapping = mapping_for("deviations", parsed)
    assert mapping.apply({"title": "T", "description": "D"}) == {"description": "T"}


def test_a_target_mapping_given_as_a_dict_or_text_is_the_same() -> None:
    data = {"chemicals": {"columns": {"product": "Produktnavn"}}}
    assert mapping_for("chemicals", data) == mapping_for("chemicals", json.dumps(data))
    assert mapping_for("chemicals", data) == mapping_for("chemicals", parse_mapping(data))
    assert mapping_for("deviations", data) == mapping_for("deviations")   # no section
