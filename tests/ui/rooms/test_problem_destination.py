"""An overdue action goes to the room's deviations or findings by what the check says it is
(its target), not by guessing from its title."""

from __future__ import annotations

from vernetool.domain.checks import CheckCode, Problem, Target
from vernetool.ui.rooms.problems import destination


def _overdue(kind: str) -> Problem:
    return Problem(CheckCode.ACTION_OVERDUE, "K5:101", "Secure the gas cylinders",
                   {"room": "K5:101"}, Target(kind, 7, 1, 3))


def test_overdue_measure_and_finding_go_by_their_target_even_when_titles_clash() -> None:
    titles = ["Secure the gas cylinders"]   # a deviation with the finding's title
    assert destination(_overdue("measure"), titles) == "deviations"
    assert destination(_overdue("finding"), titles) == "findings"
    assert destination(_overdue("finding"), []) == "findings"
