"""The commands' JSON writer writes exactly what ``json.dump(..., indent=2)`` writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.commands.common import print_json

leaves = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
          | st.text())
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4)
                      | st.tuples(inner, inner)
                      | st.dictionaries(keys, inner, max_size=4), max_leaves=25)


def expected(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=50, deadline=None)
@given(values)
def test_same_text_as_json_dump(data: Any) -> None:
    import io
    import sys

    buffer = io.StringIO()
    real, sys.stdout = sys.stdout, buffer
    try:
        print_json(data)
    finally:
        sys.stdout = real
    assert buffer.getvalue() == expected(data)


def test_the_check_shape(capsys: pytest.CaptureFixture[str]) -> None:
    data = {"as_of": "2026-12-02", "problems": [
        {"code": "sds_old", "room": "REAL:D506", "subject": "Aceton «tørr» \"x\"\n",
         "message": "Sikkerhetsdatabladet er eldre enn 3 år"}, {}, [], {"n": [1.5, None]}]}
    print_json(data)
    out = capsys.readouterr().out
    assert out == expected(data)
    assert json.loads(out) == data


def test_not_serialisable_fails_as_json_does() -> None:
    with pytest.raises(TypeError):
        print_json({"when": object()})
