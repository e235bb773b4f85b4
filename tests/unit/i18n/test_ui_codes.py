"""The codes the UI compares (instead of matching words) are the ones the rules raise."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import Participant, ParticipantRole, RoundPlan, validate_plan
from vernetool.i18n import translator


def test_a_plan_without_a_safety_representative() -> None:
    plan = RoundPlan("Runde", dt.date(2026, 3, 1), room_ids=[1],
                     participants=[Participant("Leder", ParticipantRole.LINE_MANAGER)])
    with pytest.raises(ValidationError) as refused:
        validate_plan(plan)
    assert (refused.value.code, refused.value.field) == ("round.safety_rep_missing",
                                                         "participants")
    assert refused.value.message == "the safety representative takes part in the whole round"
    assert translator("nb").render(refused.value.code) == "verneombudet deltar i hele runden"


def test_a_validation_error_keeps_code_field_and_params() -> None:
    error = ValidationError("room.exists", "room", label="A:1")
    assert repr(error) == "ValidationError('room.exists', 'room', **{'label': 'A:1'})"
    assert isinstance(error, ValueError)


def test_a_validation_error_survives_pickling() -> None:
    import pickle

    from vernetool.exchange.round_bundle import BundleError

    for error in (ValidationError("room.exists", "room", label="A:1"),
                  BundleError("bundle.photo_missing", name="photos/x.jpg")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.code, copy.field, copy.params) == (error.code, error.field, error.params)
        assert str(copy) == str(error)
