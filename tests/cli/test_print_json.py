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


def test_problems_json_renders_each_message_as_render_does() -> None:
    from vernetool.commands.common import problems_json
    from vernetool.domain.checks import CheckCode, Problem
    from vernetool.domain.errors import Phrase
    from vernetool.i18n import render, using_language

    problems = [
        Problem(CheckCode.SDS_OLD, "A:1", "Aceton", {"product": "Aceton", "revised": "2019-01-01",
                                                     "years": 3}),
        Problem(CheckCode.SDS_OLD, "A:2", "Aceton", {"product": "Aceton", "revised": "2019-01-01",
                                                     "years": 3}),
        Problem(CheckCode.SDS_OLD, "A:2", "Aceton", {"product": "Aceton", "revised": "2019-01-01",
                                                     "years": 3.5}),   # not the int's text
        Problem(CheckCode.ROOMCARD_STALE, "A:2", "A:2",
                {"room": "A:2", "reasons": Phrase("room_card.list_pair", first="x",
                                                  second="y")}),
    ]
    with using_language("nb"):
        found = problems_json(problems)
        expected = [{"code": p.code.value, "room": p.room, "subject": p.subject,
                     "message": render(p.message_code, **p.params)} for p in problems]
    assert found == expected
    assert found[0]["message"] == found[1]["message"] != found[2]["message"]
