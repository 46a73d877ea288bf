"""A question left blank is skipped, not missed: it does not go into the 错题本."""

from __future__ import annotations

from scoring.api import call


def test_only_wrong_and_partly_right_questions_enter_the_book() -> None:
    """Of a wrong, a partly right, a right and a blank question, the book holds the first two."""
    questions = [
        {"id": "q-wrong", "status": "wrong"},
        {"id": "q-partial", "status": "partial"},
        {"id": "q-right", "status": "correct"},
        {"id": "q-blank", "status": "unanswered"},
    ]
    reply = call(
        {"op": "review_missed", "quiz_id": "quiz", "questions": questions, "state": None, "today": "2026-03-02"}
    )
    assert (True, ["q-partial", "q-wrong"]) == (reply["ok"], sorted(reply["result"]["items"]))
