"""The JSON-in / JSON-out API: results as data, errors as data, never an exception."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scoring.api import handle
from scoring.quiz_schema import parse_quiz

from .quizdata import question, quiz


def call(request: Any) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(handle(request if isinstance(request, str) else json.dumps(request)))
    return reply


def test_grade_returns_the_result() -> None:
    """A grade request answers ok with the result."""
    reply = call({"op": "grade", "quiz": quiz(question()), "answers": {"q1": "A"}})
    assert (True, 100.0) == (reply["ok"], reply["result"]["percent"])


@pytest.mark.parametrize(
    ("request_text", "code"),
    [
        ("not json", "bad_request"),
        ("[]", "bad_request"),
        ('{"op": "explode"}', "bad_request"),
        ('{"op": "grade", "quiz": {"id": 1}}', "bad_data"),
        ('{"op": "grade", "quiz": null}', "bad_data"),
    ],
)
def test_bad_requests_come_back_as_errors(request_text: str, code: str) -> None:
    """Malformed requests give ok=false with a code and a Chinese message."""
    reply = call(request_text)
    assert (False, code) == (reply["ok"], reply["error"]["code"])


def test_wrong_answer_shape_comes_back_as_error() -> None:
    """An answer of the wrong shape is an error message, not a traceback."""
    reply = call({"op": "grade", "quiz": quiz(question()), "answers": {"q1": ["A"]}})
    assert (False, "第 q1 题的作答应为一个选项") == (reply["ok"], reply["error"]["message"])


def test_grading_against_another_version_is_refused() -> None:
    """Answers recorded for one version are never scored against another."""
    old = parse_quiz(quiz(question())).version
    reply = call({"op": "grade", "quiz": quiz(question(answer="B")), "answers": {"q1": "A"}, "version": old})
    assert (False, "bad_request") == (reply["ok"], reply["error"]["code"])


def test_grading_an_attempt_made_before_a_wording_edit() -> None:
    """Issue 14: the version an attempt recorded survives an edit of the stem and explanation."""
    made_on = parse_quiz(quiz(question())).scoring_version
    edited = quiz(question(stem="改过的题干！", explanation="改过的解析！"))
    reply = call({"op": "grade", "quiz": edited, "answers": {"q1": "A"}, "version": made_on})
    assert (True, 1, made_on) == (reply["ok"], reply["result"]["points"], reply["result"]["version"])
    assert {"q1": parse_quiz(edited).fingerprints["q1"]} == reply["result"]["fingerprints"]


def test_deeply_nested_request_is_an_error_not_a_crash() -> None:
    """JSON nested past the recursion limit is reported as bad JSON."""
    reply = call("[" * 100_000 + "]" * 100_000)
    assert False is reply["ok"]
