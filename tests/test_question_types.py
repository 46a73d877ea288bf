"""Ordering, matching and scenario questions, hints, and their validation."""

from __future__ import annotations

from typing import Any

import pytest

from scoring.errors import DataError, Source
from scoring.grading import AnswerError, grade
from scoring.quiz_schema import parse_quiz, parse_quiz_spec

from .quizdata import question, quiz


def points_of(qdata: dict[str, Any], given: Any, **quiz_fields: Any) -> float:
    result = grade(parse_quiz(quiz(qdata, **quiz_fields)), {qdata["id"]: given})
    return float(result["questions"][0]["points"])


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"A": 1, "B": 2, "C": 3, "D": 4}, 6.0),
        ({"A": 4, "B": 3, "C": 2, "D": 1}, 0.0),
        ({"A": 2, "B": 1, "C": 3, "D": 4}, 5.0),
        ({"A": 1, "B": 2}, 1.0),
        ({"A": 1, "B": 1, "C": 3, "D": 4}, 1.0),
        ({}, 0.0),
    ],
)
def test_ordering_scores_correctly_ordered_pairs(given: dict[str, int], expected: float) -> None:
    """Points × right pairs / all pairs; items sharing a position are not placed."""
    assert expected == points_of(question(qtype="ordering", points=6), given)


@pytest.mark.parametrize(
    ("given", "expected"), [(["A", "B"], 2.0), (["A", "C"], 1.0), ([None, "B"], 1.0), (["B", "A"], 0.0)]
)
def test_matching_scores_each_pair(given: list[str | None], expected: float) -> None:
    """Each right pair earns its share."""
    assert expected == points_of(question(qtype="matching", points=2), given)


@pytest.mark.parametrize(("given", "expected"), [("A", 2.0), ("B", 1.0), ("C", 0.0), (None, 0.0)])
def test_scenario_option_carries_its_weight(given: str | None, expected: float) -> None:
    """Best response earns all, an acceptable one its weight, a poor one nothing."""
    assert expected == points_of(question(qtype="scenario", points=2), given)


def test_hint_costs_its_share_of_the_points() -> None:
    """A used hint takes hint_cost of the question's points off, never below zero."""
    data = quiz(question("q1", points=2, hint="想一想"), question("q2", hint="再想想"), hint_cost=0.5)
    result = grade(parse_quiz(data), {"q1": "A", "q2": "B"}, hints_used=("q1", "q2"))
    assert [1.0, 0.0] == [q["points"] for q in result["questions"]]


@pytest.mark.parametrize(
    ("qtype", "given"),
    [
        ("ordering", ["A", "B"]),
        ("ordering", {"A": 9}),
        ("ordering", {"Z": 1}),
        ("matching", "A"),
        ("matching", ["A", "B", "C"]),
        # A list is unhashable: it must be refused as a wrong shape, not crash the set lookup.
        ("matching", [["A"]]),
        ("scenario", ["A"]),
    ],
)
def test_new_types_refuse_answers_of_the_wrong_shape(qtype: str, given: Any) -> None:
    """Shapes the page cannot send are refused."""
    with pytest.raises(AnswerError):
        points_of(question(qtype=qtype), given)


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DataError) as caught:
        parse_quiz_spec(data, Source("q.yaml"))
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            quiz(question(qtype="ordering", answer=["A", "B", "C"])),
            "q.yaml: questions[0].answer: 排序题的答案应恰好包含每个选项一次",
        ),
        (quiz(question(qtype="matching", answer=["A"])), "q.yaml: questions[0].answer: 连线题的答案应为列表"),
        (quiz(question(qtype="matching", prompts=["x"])), "q.yaml: questions[0].prompts: 连线题需要 2–8 个左侧项目"),
        (
            quiz(
                question(qtype="scenario", options={"A": {"text": "x", "weight": 0.5}, "B": {"text": "y", "weight": 0}})
            ),
            "q.yaml: questions[0].options: 情景题至少要有一个 weight 为 1",
        ),
        (
            quiz(
                question(qtype="scenario", options={"A": {"text": "x", "weight": 2}, "B": {"text": "y", "weight": 1}})
            ),
            "q.yaml: questions[0].options.A.weight: 应不小于 0 且不超过 1",
        ),
        (quiz(question(qtype="scenario", answer="A")), "q.yaml: questions[0].answer: 情景题不用 answer 字段"),
        (quiz(question(), question("q2"), draw=3), None),
        (quiz(question(), combine="best"), "q.yaml: combine: 应为 highest、last、first、average 之一"),
        (quiz(question(), mastery={"correct": 5, "of": 4}), "q.yaml: mastery.correct: 应在 1 到 4 之间"),
        (quiz(question(), hint_cost=2), "q.yaml: hint_cost: 应不小于 0 且不超过 1"),
        (quiz(question(), time_limit=0), "q.yaml: time_limit: 应大于 0"),
    ],
)
def test_validation_of_new_types_and_quiz_rules(data: dict[str, Any], expected: str | None) -> None:
    """Mistakes in new types and attempt rules are named with their field."""
    if expected is None:  # draw beyond the bank is a bank-level check, see test_draws
        parse_quiz_spec(data, Source("q.yaml"))
        return
    found = problems(data)
    assert any(p.startswith(expected) for p in found), found
