"""The bundle manifest exactly as DESIGN fixes it, and what a target sends."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest

from vernetool.domain.delivery import manifest
from vernetool.domain.delivery.kinds import Sends, parse_sends, sends_text
from vernetool.domain.errors import ValidationError

DB = str(uuid.uuid4())


def _manifest(**changes: Any) -> dict[str, Any]:
    built = manifest.build(bundle_id=str(uuid.uuid4()), target="EQS", kind="deviations",
                           created_at="2026-12-02T13:00:00Z", database_id=DB, unit="IKJ",
                           since=None,
                           files=[manifest.ManifestFile.of("deviations.csv", b"id;x\n", 1)])
    built.update(changes)
    return built


def test_the_manifest_has_designs_keys_in_designs_order() -> None:
    built = _manifest()
    assert list(built) == ["schema", "bundle_id", "target", "kind", "created_at", "source",
                           "since", "files"]
    assert built["schema"] == "vernetool.bundle/1"
    assert built["source"] == {"database_id": DB, "unit": "IKJ"}
    assert built["files"] == [{"path": "deviations.csv",
                               "sha256": hashlib.sha256(b"id;x\n").hexdigest(), "rows": 1}]


@pytest.mark.parametrize(("key", "value"), [
    ("schema", "vernetool.bundle/2"), ("bundle_id", "not-a-uuid"), ("kind", "people"),
    ("created_at", "yesterday"), ("since", "x"), ("target", " "),
    ("files", [{"path": "../x.csv", "sha256": "0" * 64, "rows": 1}]),
    ("files", [{"path": "a.csv", "sha256": "abc", "rows": 1}]),
    ("files", [{"path": "a.csv", "sha256": "0" * 64, "rows": -1}]),
    ("files", [{"path": "manifest.json", "sha256": "0" * 64, "rows": 0}]),
    ("source", {"database_id": DB}),
])
def test_a_wrong_key_is_named(key: str, value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        manifest.validate(_manifest(**{key: value}))
    assert caught.value.code == "delivery.manifest_invalid"
    assert caught.value.field.split(".")[0] == key


def test_an_extra_or_missing_key_is_refused() -> None:
    extra = _manifest(reporter="Kari")
    with pytest.raises(ValidationError) as caught:
        manifest.validate(extra)
    assert caught.value.field == "reporter"
    missing = _manifest()
    del missing["since"]
    with pytest.raises(ValidationError):
        manifest.validate(missing)


def test_sends_are_parsed_in_a_fixed_order_and_unknown_words_named() -> None:
    assert parse_sends("sources, Deviations,sources") == (Sends.DEVIATIONS, Sends.SOURCES)
    assert sends_text(parse_sends(["rounds", "annual"])) == "rounds,annual"
    with pytest.raises(ValidationError) as caught:
        parse_sends("deviations,people")
    assert caught.value.field == "sends" and caught.value.params["value"] == "people"
    with pytest.raises(ValidationError) as empty:
        parse_sends(" , ")
    assert empty.value.code == "delivery.sends_empty"
