"""Combining attempts, mastery, and the wrong-answer book's schedule."""

from __future__ import annotations

from typing import Any

import pytest

from scoring import review
from scoring.attempts import history
from scoring.errors import ScoringError
from scoring.quiz_schema import parse_quiz

from .quizdata import question, quiz


def attempts_for(data: dict[str, Any], *answer_sets: dict[str, Any]) -> tuple[Any, list[dict[str, Any]]]:
    model = parse_quiz(data)
    return model, [{"id": f"a{i}", "version": model.version, "answers": a} for i, a in enumerate(answer_sets)]


@pytest.mark.parametrize(("rule", "expected"), [("highest", 100.0), ("last", 50.0), ("first", 0.0), ("average", 50.0)])
def test_attempts_combine_by_the_quiz_rule(rule: str, expected: float) -> None:
    """Highest, last, first or average of the attempts' percentages."""
    model, attempts = attempts_for(
        quiz(question("q1"), question("q2"), combine=rule), {}, {"q1": "A", "q2": "A"}, {"q1": "A"}
    )
    assert expected == history(model, attempts)["percent"]


def test_mastery_counts_the_last_n_questions() -> None:
    """3 of the last 4 questions right is mastery; the window slides over attempts."""
    model, attempts = attempts_for(
        quiz(question("q1"), question("q2"), mastery={"correct": 3, "of": 4}),
        {"q1": "B", "q2": "B"},
        {"q1": "A", "q2": "A"},
    )
    before = history(model, attempts[:1])["mastery"]
    after = history(model, attempts + [{"id": "x", "version": model.version, "answers": {"q1": "A", "q2": "B"}}])[
        "mastery"
    ]
    assert ((0, False), (3, True)) == ((before["correct"], before["mastered"]), (after["correct"], after["mastered"]))


def test_attempt_of_another_version_is_kept_not_rescored() -> None:
    """An old-version attempt is listed with its recorded result and left out of the combination."""
    model, attempts = attempts_for(quiz(question()), {"q1": "A"})
    old = {"id": "old", "version": "0" * 64, "answers": {"q1": "B"}, "result": {"percent": 0}}
    summary = history(model, [old, *attempts])
    assert (["other_version", "scored"], {"percent": 0}, 1) == (
        [a["status"] for a in summary["attempts"]],
        summary["attempts"][0]["recorded"],
        summary["counted"],
    )


def test_attempts_made_before_a_wording_edit_are_rescored() -> None:
    """Issue 14: an attempt made before a typo fix is re-scored; one saved before scoring versions
    (it recorded the quiz's content hash) is re-scored by the quiz it was made on."""
    before = parse_quiz(quiz(question()))
    after = parse_quiz(quiz(question(explanation="解析！")))
    made = {"id": "new", "version": before.scoring_version, "answers": {"q1": "A"}}
    legacy = {"id": "old", "version": before.version, "answers": {"q1": "B"}}
    rows = history(after, [made])["attempts"] + history(before, [legacy])["attempts"]
    assert [("scored", 1), ("scored", 0)] == [(row["status"], row["points"]) for row in rows]


def test_damaged_attempt_is_kept_with_a_message() -> None:
    """An attempt whose answers no longer fit is flagged, not dropped."""
    model, attempts = attempts_for(quiz(question()), {"q1": ["A"]})
    row = history(model, attempts)["attempts"][0]
    assert ("damaged", True) == (row["status"], "已保留原样" in row["message"])


def test_missed_questions_enter_box_one_due_today() -> None:
    """Wrong answers join the book, due the day they were missed."""
    state = review.add_missed(None, "sample", ["q1", "q2"], "2026-11-22")
    assert ["q1", "q2"] == [q["id"] for q in review.queue(state, "2026-11-22")["questions"]]


def test_right_answer_moves_up_a_box_and_waits_longer() -> None:
    """Box 1 right -> box 2, due 2 days later; wrong -> box 1, due tomorrow."""
    state = review.add_missed(None, "s", ["q1", "q2"], "2026-11-22")
    state = review.record(state, "q1", True, "2026-11-22")
    state = review.record(state, "q2", False, "2026-11-22")
    items = state["items"]
    assert ((2, "2026-11-24"), (1, "2026-11-23")) == (
        (items["q1"]["box"], items["q1"]["due"]),
        (items["q2"]["box"], items["q2"]["due"]),
    )


def test_question_leaves_the_book_after_the_last_box() -> None:
    """Five right reviews in a row master a question."""
    state = review.add_missed(None, "s", ["q1"], "2026-01-01")
    day = "2026-01-01"
    for _ in range(5):
        state = review.record(state, "q1", True, day)
    assert ({}, 1) == (state["items"], state["mastered"])


def test_daily_cap_spreads_a_backlog() -> None:
    """After a missed week, only the cap is served today; the rest is deferred, not dropped."""
    state = review.add_missed(None, "s", [f"q{i}" for i in range(40)], "2026-11-01")
    today = review.queue(state, "2026-11-08", cap=15)
    assert (15, 40, 25) == (len(today["questions"]), today["due"], today["deferred"])


def test_reviews_done_today_count_against_the_cap() -> None:
    """Two reviews done leave cap - 2 for the rest of the day."""
    state = review.add_missed(None, "s", [f"q{i}" for i in range(10)], "2026-11-22")
    state = review.record(state, "q0", False, "2026-11-22")
    state = review.record(state, "q1", False, "2026-11-22")
    assert 3 == len(review.queue(state, "2026-11-22", cap=5)["questions"])


def test_unreadable_book_is_refused_untouched() -> None:
    """A state of an unknown version is refused, not rewritten."""
    with pytest.raises(ScoringError, match="已保留原样"):
        review.queue({"version": 99, "items": {}}, "2026-11-22")
