"""Grade one attempt: answers in, a result with points, percent and feedback out.

Points are kept as exact fractions while adding up, so partial credit such as
points/3 never drifts; figures are rounded only when shown.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .draw import Presentation
from .errors import ScoringError
from .model import AREAS, TRUE_FALSE_LABELS, Question, Quiz
from .numbers import shown, shown_ratio


class AnswerError(ScoringError):
    """An answer has a shape the question cannot take (a page bug or edited data)."""


def normalize_blank(text: str) -> str:
    """Fold full/half width and compatibility forms, drop all whitespace, ignore case."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).casefold()


# Scores are exact: whole numbers stay ints (fast), shares become Fractions (exact thirds).
Score = int | Fraction


def _fraction(value: float) -> Score:
    if isinstance(value, int):
        return value
    return Fraction(value).limit_denominator(10_000)


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    points: Score
    max_points: Score
    answered: bool
    status: str


def _result(question: Question, points: Score, answered: bool) -> QuestionResult:
    full = _fraction(question.points)
    if type(points) is Fraction and points.denominator == 1:
        # Whole shares (a blank right, all of a matching) stay ints, so totals add up fast.
        points = points.numerator
    if not answered:
        status = "unanswered"
    elif points == full:
        status = "correct"
    else:
        status = "partial" if points > 0 else "wrong"
    return QuestionResult(question, points, full, answered, status)


def _selected_keys(question: Question, given: Any) -> list[str]:
    keys = {key for key, _ in question.options}
    if question.type == "multiple":
        if given is None:
            return []
        if not isinstance(given, list) or not all(isinstance(k, str) for k in given):
            raise AnswerError(f"第 {question.id} 题是多选题，作答应为选项列表")
        chosen = list(dict.fromkeys(given))
    else:
        if given is None or given == "":
            return []
        if not isinstance(given, str):
            raise AnswerError(f"第 {question.id} 题的作答应为一个选项")
        chosen = [given]
    unknown = [k for k in chosen if k not in keys]
    if unknown:
        raise AnswerError(f"第 {question.id} 题没有选项 {'、'.join(unknown)}")
    return chosen


def _blanks(question: Question, given: Any) -> list[str]:
    if given is None:
        return [""] * question.blank_count
    if not isinstance(given, list) or not all(isinstance(g, str) for g in given):
        raise AnswerError(f"第 {question.id} 题是填空题，作答应为文字列表")
    if len(given) > question.blank_count:
        raise AnswerError(f"第 {question.id} 题只有 {question.blank_count} 个空")
    return list(given) + [""] * (question.blank_count - len(given))


def _ordering(question: Question, given: Any) -> tuple[Fraction, bool]:
    """Share of item pairs the learner put in the right relative order; clashing positions place neither item."""
    if given is None:
        return Fraction(0), False
    keys = [key for key, _ in question.options]
    if not isinstance(given, dict) or any(k not in keys for k in given):
        raise AnswerError(f"第 {question.id} 题是排序题，作答应为“选项 → 位次”的映射")
    positions = {k: p for k, p in given.items() if p is not None}
    if any(isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= len(keys) for p in positions.values()):
        raise AnswerError(f"第 {question.id} 题的位次应为 1 到 {len(keys)} 的整数")
    taken = [p for p in positions.values()]
    placed = sorted((p, k) for k, p in positions.items() if taken.count(p) == 1)
    sequence = [k for _, k in placed]
    rank = {key: index for index, key in enumerate(question.answer)}
    pairs = len(keys) * (len(keys) - 1) // 2
    right = sum(1 for i, a in enumerate(sequence) for b in sequence[i + 1 :] if rank[a] < rank[b])
    return Fraction(right, pairs), bool(positions)


def _matching(question: Question, given: Any) -> tuple[Fraction, bool]:
    if given is None:
        return Fraction(0), False
    keys = {key for key, _ in question.options}
    if (
        not isinstance(given, list)
        or len(given) > len(question.prompts)
        or any(g is not None and (not isinstance(g, str) or g not in keys) for g in given)
    ):
        raise AnswerError(f"第 {question.id} 题是连线题，作答应为每个左侧项目对应的选项列表")
    right = sum(1 for g, a in zip(given, question.answer, strict=False) if g == a)
    return Fraction(right, len(question.prompts)), any(g is not None for g in given)


def _scenario(question: Question, given: Any) -> tuple[Score, bool]:
    chosen = _selected_keys(question, given)
    if not chosen:
        return Fraction(0), False
    weights = {key: weight for (key, _), weight in zip(question.options, question.weights, strict=True)}
    return _fraction(weights[chosen[0]]), True


def _fill(question: Question, given: Any) -> tuple[Fraction, bool]:
    """Each blank earns its share when it matches one of its accepted answers (folded)."""
    blanks = _blanks(question, given)
    right = sum(
        1
        for text, accepted in zip(blanks, question.answer, strict=True)
        if normalize_blank(text) in {normalize_blank(a) for a in accepted}
    )
    return Fraction(right, question.blank_count), any(b.strip() for b in blanks)


def _one_key(question: Question, given: Any) -> tuple[Score, bool]:
    chosen = _selected_keys(question, given)
    return (1 if chosen == list(question.answer) else 0), bool(chosen)


def _multiple(question: Question, given: Any) -> tuple[Score, bool]:
    """All or nothing, or partial: each right key earns a share, each wrong one takes a share back."""
    chosen = _selected_keys(question, given)
    correct = set(question.answer)
    if question.scoring == "all_or_nothing":
        return (1 if set(chosen) == correct else 0), bool(chosen)
    hits = sum(1 for k in chosen if k in correct)
    share = Fraction(hits - (len(chosen) - hits), len(correct))
    return (share if share > 0 else 0), bool(chosen)


# The share of its points each type of question earns for an answer, and whether it was answered.
GRADERS: dict[str, Callable[[Question, Any], tuple[Score, bool]]] = {
    "single": _one_key,
    "multiple": _multiple,
    "truefalse": _one_key,
    "fill": _fill,
    "ordering": _ordering,
    "matching": _matching,
    "scenario": _scenario,
}


def grade_question(question: Question, given: Any) -> QuestionResult:
    share, answered = GRADERS[question.type](question, given)
    return _result(question, _fraction(question.points) * share, answered)


def _lettered(question: Question, order: tuple[str, ...]) -> str:
    """The right keys with the letters the learner saw and their texts."""
    options = dict(question.options)
    keys = sorted(question.answer, key=order.index)
    return "；".join(f"{chr(ord('A') + order.index(key))}. {options[key]}" for key in keys)


def _ranked(question: Question, order: tuple[str, ...]) -> str:
    """Scenario options that earn anything, best first, with their share."""
    ranked = sorted(
        zip(question.options, question.weights, strict=True), key=lambda item: (-item[1], order.index(item[0][0]))
    )
    return "；".join(
        f"{chr(ord('A') + order.index(key))}. {text}（得 {weight:.0%}）" for (key, text), weight in ranked if weight > 0
    )


# The right answer of each type of question as text, given the order the options were shown in.
RIGHT_ANSWERS: dict[str, Callable[[Question, tuple[str, ...]], str]] = {
    "single": _lettered,
    "multiple": _lettered,
    "truefalse": lambda question, order: TRUE_FALSE_LABELS[question.answer[0]],
    "fill": lambda question, order: " / ".join(accepted[0] for accepted in question.answer),
    "ordering": lambda question, order: " → ".join(dict(question.options)[key] for key in question.answer),
    "matching": lambda question, order: "；".join(
        f"{prompt} — {dict(question.options)[key]}"
        for prompt, key in zip(question.prompts, question.answer, strict=True)
    ),
    "scenario": _ranked,
}


def answer_key(given: Any) -> Hashable | None:
    """A key under which equal answers share one grading, or None for anything else (graded, and
    refused, the slow way). Only answers that grade are kept, and a list or a scalar grades only when
    it holds text and nulls, which equal nothing of another type; a mapping (ordering) must hold ints,
    and True == 1 in Python, so its types are checked."""
    if given is None or type(given) is str:
        return given
    if type(given) is list:
        return ("list", *given)  # unhashable (a nested list) fails when looked up: graded the slow way
    if type(given) is dict and all(type(k) is str and (v is None or type(v) is int) for k, v in given.items()):
        return ("map", tuple(sorted(given.items())))
    return None


class ResultCache:
    """Grades each distinct answer to a question of one quiz version once (re-scoring a whole class)."""

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self._results: dict[tuple[str, Hashable], QuestionResult] = {}

    def grade(self, question: Question, given: Any) -> QuestionResult:
        key = answer_key(given)
        if key is None:
            return grade_question(question, given)
        try:
            found = self._results.get((question.id, key))
        except TypeError:  # a list holding a list: never a gradable answer
            return grade_question(question, given)
        if found is None:
            found = grade_question(question, given)
            if len(self._results) < self.limit:
                self._results[(question.id, key)] = found
        return found


def right_answer_text(question: Question, option_order: tuple[str, ...] | None = None) -> str:
    """The right answer as the learner saw the options: letters follow their shown positions."""
    order = option_order or tuple(key for key, _ in question.options)
    return RIGHT_ANSWERS[question.type](question, order)


def _percent(points: Score, maximum: Score) -> Score:
    if not maximum:
        return 0
    if type(points) is int and type(maximum) is int:
        return Fraction(points * 100, maximum)  # one step instead of two
    return Fraction(points * 100) / maximum


def _with_hint(result: QuestionResult, cost: float) -> QuestionResult:
    """A used hint costs its share of the question's points, never below 0."""
    left = result.points - result.max_points * _fraction(cost)
    return _result(result.question, left if left > 0 else 0, result.answered)


def score_questions(
    quiz: Quiz,
    answers: Mapping[str, Any],
    presentation: Presentation | None = None,
    hints_used: tuple[str, ...] = (),
    grade_one: Callable[[Question, Any], QuestionResult] = grade_question,
) -> list[QuestionResult]:
    """Each shown question's exact score (all questions, without a presentation); other answers are refused."""
    shown_ids = presentation.question_ids if presentation else tuple(q.id for q in quiz.questions)
    shown_set = set(shown_ids)
    if not shown_set.issuperset(answers):
        raise AnswerError(f"作答中有本次测验没有的题目：{'、'.join(sorted(set(answers) - shown_set))}")
    if hints_used and not shown_set.issuperset(hints_used):
        raise AnswerError(f"提示记录中有本次测验没有的题目：{'、'.join(sorted(set(hints_used) - shown_set))}")
    by_id = quiz.question_index
    results = []
    for qid in shown_ids:
        result = grade_one(by_id[qid], answers.get(qid))
        results.append(_with_hint(result, quiz.rules.hint_cost) if hints_used and qid in hints_used else result)
    return results


def _total(values: list[Score]) -> Score:
    """An exact sum; ints are added apart from Fractions, which are slow to add."""
    whole = 0
    shares: list[Fraction] = []
    for value in values:
        if type(value) is int:
            whole += value
        else:
            shares.append(value)  # type: ignore[arg-type]
    return whole + sum(shares, Fraction(0)) if shares else whole


def _ratio(values: list[Score]) -> tuple[int, int]:
    """An exact sum as numerator and positive denominator: shares are added per denominator in
    integers (a class re-score adds millions; Fraction addition reduces by gcd at every step)."""
    whole = 0
    by_denominator: dict[int, int] = {}
    for value in values:
        if type(value) is int:
            whole += value
        else:
            denominator = value.denominator
            by_denominator[denominator] = by_denominator.get(denominator, 0) + value.numerator
    if not by_denominator:
        return whole, 1
    common = math.lcm(*by_denominator)
    return whole * common + sum(n * (common // d) for d, n in by_denominator.items()), common


def summarize(quiz: Quiz, results: list[QuestionResult]) -> dict[str, Any]:
    """Totals only: what a re-score over many records needs, without the feedback text. Worked out
    in integers, the same figures exact Fractions give (tests/test_fast_paths.py holds it to them)."""
    return summary_of(quiz, _ratio([r.points for r in results]), _ratio([r.max_points for r in results]))


def summary_of(quiz: Quiz, points_ratio: tuple[int, int], maximum_ratio: tuple[int, int]) -> dict[str, Any]:
    """``summarize`` from the exact sums of points and of maximum points (numerator, denominator)."""
    points, points_denominator = points_ratio
    maximum, maximum_denominator = maximum_ratio
    mark = Fraction(_fraction(quiz.pass_mark))
    if maximum <= 0:
        return {
            "points": shown_ratio(points, points_denominator),
            "max_points": shown_ratio(maximum, maximum_denominator),
            "percent": 0,
            "passed": 0 >= mark,
        }
    # percent = (points / maximum) * 100, as one ratio of integers.
    numerator, denominator = 100 * points * maximum_denominator, points_denominator * maximum
    return {
        "points": shown_ratio(points, points_denominator),
        "max_points": shown_ratio(maximum, maximum_denominator),
        "percent": shown_ratio(numerator, denominator, 1),
        # Compared exactly, so 59.995% never passes a 60% mark by rounding.
        "passed": numerator * mark.denominator >= mark.numerator * denominator,
    }


def grade(
    quiz: Quiz,
    answers: Mapping[str, Any],
    presentation: Presentation | None = None,
    hints_used: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The full result a learner sees: totals, a breakdown per area, and feedback per question."""
    results = score_questions(quiz, answers, presentation, hints_used)
    orders = presentation.option_orders if presentation else {}
    areas = []
    for area in AREAS:
        in_area = [r for r in results if r.question.area == area]
        if in_area:
            got: Score = sum(r.points for r in in_area)
            top: Score = sum(r.max_points for r in in_area)
            areas.append(
                {"area": area, "points": shown(got), "max_points": shown(top), "percent": shown(_percent(got, top), 1)}
            )
    totals = summarize(quiz, results)
    return {
        "quiz_id": quiz.id,
        "version": quiz.scoring_version,
        # Kept with the attempt: which answer data each shown question was graded with.
        "fingerprints": {r.question.id: r.question.fingerprint for r in results},
        "points": totals["points"],
        "max_points": totals["max_points"],
        "percent": totals["percent"],
        "pass_mark": quiz.pass_mark,
        "passed": totals["passed"],
        "areas": areas,
        "questions": [
            {
                "id": r.question.id,
                "status": r.status,
                "correct": r.status == "correct",
                "points": shown(r.points),
                "max_points": shown(r.max_points),
                "right_answer": right_answer_text(r.question, orders.get(r.question.id)),
                "hint_used": r.question.id in hints_used,
                "explanation": r.question.explanation,
                "link": r.question.link,
            }
            for r in results
        ],
    }
