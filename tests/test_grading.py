"""Grading rules, as written on the scoring-rules page."""

from __future__ import annotations

from typing import Any

import pytest

from scoring.grading import AnswerError, grade, normalize_blank
from scoring.quiz_schema import parse_quiz

from .quizdata import question, quiz


def score(data: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    return grade(parse_quiz(data), answers)


def points_of(qdata: dict[str, Any], given: Any) -> float:
    result = score(quiz(qdata), {qdata["id"]: given})
    return float(result["questions"][0]["points"])


@pytest.mark.parametrize(("given", "expected"), [("A", 1.0), ("B", 0.0), (None, 0.0)])
def test_single_choice_is_all_or_nothing(given: str | None, expected: float) -> None:
    """Single choice: the right key earns all points, anything else none."""
    assert expected == points_of(question(), given)


@pytest.mark.parametrize(("given", "expected"), [("true", 2.0), ("false", 0.0)])
def test_true_false_is_all_or_nothing(given: str, expected: float) -> None:
    """True/false answers are the keys "true" and "false"."""
    assert expected == points_of(question(qtype="truefalse", points=2), given)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["A", "B", "D"], 3.0),
        (["A", "B"], 2.0),
        (["A"], 1.0),
        (["A", "B", "C"], 1.0),
        (["A", "C"], 0.0),
        (["C"], 0.0),
        (["A", "B", "C", "D"], 2.0),
        ([], 0.0),
    ],
)
def test_multiple_choice_partial_credit(given: list[str], expected: float) -> None:
    """Each right tick earns points/k, each wrong tick loses points/k, never below 0."""
    assert expected == points_of(question(qtype="multiple", points=3), given)


def test_multiple_choice_thirds_are_exact() -> None:
    """Two of three right at 2 points gives 4/3, shown as 1.33, and totals add exactly."""
    qdata = question(qtype="multiple", points=2)
    result = score(quiz(qdata, question("q2", points=1)), {"q1": ["A", "B"], "q2": "A"})
    assert (1.33, 2.33) == (result["questions"][0]["points"], result["points"])


@pytest.mark.parametrize(
    ("given", "expected"), [(["A", "B", "D"], 2.0), (["A", "B"], 0.0), (["A", "B", "C", "D"], 0.0)]
)
def test_multiple_choice_all_or_nothing(given: list[str], expected: float) -> None:
    """A question marked all_or_nothing needs exactly the right set."""
    assert expected == points_of(question(qtype="multiple", points=2, scoring="all_or_nothing"), given)


def test_multiple_choice_duplicate_ticks_count_once() -> None:
    """A key sent twice is one tick, so it cannot earn twice."""
    assert 1.0 == points_of(question(qtype="multiple", points=3), ["A", "A"])


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["半", "总结"], 2.0),
        (["0.5", "总结"], 2.0),
        (["０．５", " 总 结 "], 2.0),
        (["半", "小结"], 1.0),
        (["", ""], 0.0),
        (["半"], 1.0),
    ],
)
def test_fill_in_blanks_each_blank_scores_its_share(given: list[str], expected: float) -> None:
    """Each blank earns points/blanks; width, spaces and case are ignored."""
    assert expected == points_of(question(qtype="fill", points=2), given)


def test_normalize_blank_folds_width_space_and_case() -> None:
    """NFKC folds full-width forms; whitespace of any kind is dropped; case is folded."""
    assert "abc12" == normalize_blank("\u3000Ａ b\tC１２ ")


def test_result_totals_percent_and_pass() -> None:
    """Points, maximum, percent and passed come out of the per-question scores."""
    data = quiz(question("q1", points=3), question("q2", points=2), pass_mark=60)
    result = score(data, {"q1": "A", "q2": "B"})
    assert (3.0, 5.0, 60.0, True) == (result["points"], result["max_points"], result["percent"], result["passed"])


def test_pass_is_decided_on_exact_percent() -> None:
    """2/3 is 66.67% shown, but does not pass a mark of 66.67."""
    data = quiz(question("q1"), question("q2"), question("q3"), pass_mark=66.67)
    result = score(data, {"q1": "A", "q2": "A"})
    assert (66.7, False) == (result["percent"], result["passed"])


def test_breakdown_per_area_in_fixed_order() -> None:
    """Questions count under their own area; areas follow the site's order."""
    data = quiz(
        question("q1", area="案例"),
        question("q2", area="理论学习", points=2),
        area="综合",
    )
    result = score(data, {"q2": "A"})
    assert [
        {"area": "理论学习", "points": 2.0, "max_points": 2.0, "percent": 100.0},
        {"area": "案例", "points": 0.0, "max_points": 1.0, "percent": 0.0},
    ] == result["areas"]


def test_feedback_per_question() -> None:
    """Each question reports status, right answer, explanation and link."""
    result = score(quiz(question(qtype="multiple", points=3)), {"q1": ["A"]})
    assert {
        "id": "q1",
        "status": "partial",
        "correct": False,
        "points": 1.0,
        "max_points": 3.0,
        "right_answer": "A. 甲；B. 乙；D. 丁",
        "explanation": "解析",
        "link": "page.md#小节",
        "hint_used": False,
    } == result["questions"][0]


@pytest.mark.parametrize(
    ("qtype", "given", "status"),
    [
        ("single", None, "unanswered"),
        ("single", "B", "wrong"),
        ("fill", ["", "  "], "unanswered"),
        ("truefalse", "true", "correct"),
    ],
)
def test_status_of_question(qtype: str, given: Any, status: str) -> None:
    """Unanswered is told apart from wrong."""
    result = score(quiz(question(qtype=qtype)), {"q1": given})
    assert status == result["questions"][0]["status"]


@pytest.mark.parametrize(
    ("qtype", "given"),
    [
        ("single", "Z"),
        ("single", ["A"]),
        ("multiple", "A"),
        ("multiple", ["A", "X"]),
        ("fill", "半"),
        ("fill", ["a", "b", "c"]),
    ],
)
def test_answer_of_wrong_shape_is_refused(qtype: str, given: Any) -> None:
    """An answer the question cannot take raises AnswerError, not a wrong score."""
    with pytest.raises(AnswerError):
        score(quiz(question(qtype=qtype)), {"q1": given})


def test_answer_to_unknown_question_is_refused() -> None:
    """Answers keyed by an id the quiz lacks are refused."""
    with pytest.raises(AnswerError, match="q9"):
        score(quiz(question()), {"q9": "A"})


def test_version_changes_with_content() -> None:
    """The content hash changes when an answer changes, and only then."""
    first = parse_quiz(quiz(question()))
    same = parse_quiz(quiz(question()))
    changed = parse_quiz(quiz(question(answer="B")))
    assert (first.version == same.version, first.version == changed.version) == (True, False)
