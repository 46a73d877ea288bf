"""Regressions in the JSON entry point and the attempt history (issue: API and history defects)."""

from __future__ import annotations

import json

from scoring.api import call, handle
from scoring.quiz_schema import parse_quiz

from .quizdata import question, quiz


def test_history_passes_an_attempt_of_exactly_the_pass_mark_in_row_and_summary() -> None:
    """1 of 5 blanks (0.2 point) plus a right single question (1 point) of 2 points: 60.0%, pass mark 60."""
    fill = question("f", "fill", stem="____" * 5, answer=[["一"], ["二"], ["三"], ["四"], ["五"]])
    data = quiz(question("s"), fill)
    attempt = {"id": "a1", "version": parse_quiz(data).version, "answers": {"s": "A", "f": ["一", "", "", "", ""]}}
    result = call({"op": "history", "quiz": data, "attempts": [attempt]})["result"]
    row = result["attempts"][0]
    assert (row["percent"], row["passed"], result["percent"], result["passed"]) == (60, True, 60, True)


def test_an_op_that_is_not_text_is_an_error_not_an_exception() -> None:
    ops: list[object] = [[], {}, 1.5, None]
    for op in ops:
        answer = json.loads(handle(json.dumps({"op": op})))
        assert (answer["ok"], answer["error"]["code"]) == (False, "bad_request")


def test_review_missed_without_a_quiz_id_is_refused_not_stored_as_none() -> None:
    answer = call(
        {"op": "review_missed", "questions": [{"id": "q1", "status": "wrong"}], "state": {}, "today": "2026-12-03"}
    )
    assert (answer["ok"], "quiz_id" in answer["error"]["message"]) == (False, True)
    assert "None" not in json.dumps(answer, ensure_ascii=False)


def test_bad_data_names_the_field() -> None:
    answer = call({"op": "grade", "quiz": quiz(question(answer="E")), "answers": {}})
    assert answer["error"]["code"] == "bad_data"
    assert "questions[0].answer: 应为选项" in answer["error"]["message"]
