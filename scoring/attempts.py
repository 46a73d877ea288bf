"""Attempts kept on the device: re-scored from raw answers, combined per the quiz's rule, mastery tracked.

An attempt is re-scored under the scoring version it was made in: the quiz's own (wording edits
keep it), or an older one from the archive of published versions that the quiz page ships
(``older``), never against answer data it was not made under. Only an attempt whose version is in
neither (an archive deleted by hand) is listed with the figures it recorded, and the row says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .draw import MAX_SEED, Presentation, drawn_question_ids, present, seed_matters
from .errors import ScoringError
from .grading import (
    AnswerError,
    QuestionResult,
    ResultCache,
    Score,
    _fraction,
    _percent,
    _ratio,
    _total,
    answer_key,
    grade,
    grade_question,
    score_questions,
    summarize,
    summary_of,
)
from .model import Question, Quiz
from .numbers import shown
from .versions import made_under


def parse_seed(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SEED:
        raise AnswerError(f"抽题种子应为 0 到 {MAX_SEED} 的整数")
    return value


def _raw_inputs(attempt: Mapping[str, Any]) -> tuple[dict[str, Any], int | None, tuple[str, ...]]:
    answers = attempt.get("answers", {})
    if not isinstance(answers, dict):
        raise AnswerError("作答应为以题目 id 为键的映射")
    hints = attempt.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
        raise AnswerError("提示记录应为题目 id 的列表")
    return answers, parse_seed(attempt.get("seed")), tuple(hints)


def _attempt_inputs(
    quiz: Quiz, attempt: Mapping[str, Any]
) -> tuple[dict[str, Any], Presentation | None, tuple[str, ...]]:
    answers, seed, hints = _raw_inputs(attempt)
    return answers, (present(quiz, seed) if seed is not None else None), hints


def grade_attempt(quiz: Quiz, attempt: Mapping[str, Any]) -> dict[str, Any]:
    """Score one attempt's raw answers, rebuilding its draw from the recorded seed."""
    return grade(quiz, *_attempt_inputs(quiz, attempt))


def rescore_attempt(quiz: Quiz, attempt: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Totals and each question's status, without feedback text: for re-scoring many records."""
    results = score_questions(quiz, *_attempt_inputs(quiz, attempt))
    return summarize(quiz, results), [(r.question.id, r.status) for r in results]


@dataclass(frozen=True)
class _Layout:
    """One set of shown questions, in order, with what every attempt showing them shares."""

    presentation: Presentation
    shown: frozenset[str]
    # (question id, question, that question's gradings by answer key) in the order shown.
    questions: tuple[tuple[str, Question, dict[Hashable, QuestionResult]], ...]
    # The exact sum of the shown questions' points: the same for every attempt (a hint costs points, not maximum).
    maximum: tuple[int, int]


class Rescorer:
    """Re-scores many attempts of one quiz version with the results of ``rescore_attempt``, faster:
    each seed's draw, each distinct answer's grading and each distinct total are worked out once."""

    DRAWS_KEPT = 20_000
    RESULTS_KEPT = 200_000
    SUMMARIES_KEPT = 20_000

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self._results = ResultCache(self.RESULTS_KEPT)
        # Question id -> answer key -> grading, shared by every layout that shows the question.
        self._gradings: dict[str, dict[Hashable, QuestionResult]] = {q.id: {} for q in quiz.questions}
        self._kept = 0
        # (points earned, maximum points), exact sums -> the totals they give.
        self._summaries: dict[tuple[tuple[int, int], tuple[int, int]], dict[str, Any]] = {}
        self._layouts: dict[tuple[str, ...], _Layout] = {}
        self._draws: dict[int, _Layout] = {}
        # Most quizzes show every question in order, whatever the seed: one layout for all attempts.
        self._fixed = None if seed_matters(quiz) else self._layout(tuple(q.id for q in quiz.questions))

    def _layout(self, ids: tuple[str, ...]) -> _Layout:
        found = self._layouts.get(ids)
        if found is None:
            by_id = self.quiz.question_index
            questions = tuple((qid, by_id[qid], self._gradings[qid]) for qid in ids)
            maximum = _ratio([_fraction(question.points) for _, question, _ in questions])
            # Only the questions matter for scores; the option orders are left out.
            found = _Layout(Presentation(ids, {}), frozenset(ids), questions, maximum)
            if len(self._layouts) < self.DRAWS_KEPT:
                self._layouts[ids] = found
        return found

    def _shown(self, seed: int | None) -> _Layout:
        if self._fixed is not None:
            return self._fixed
        if seed is None:
            return self._layout(tuple(q.id for q in self.quiz.questions))
        found = self._draws.get(seed)
        if found is None:
            found = self._layout(drawn_question_ids(self.quiz, seed))
            if len(self._draws) < self.DRAWS_KEPT:
                self._draws[seed] = found
        return found

    def results(self, attempt: Mapping[str, Any]) -> tuple[dict[str, Any], list[QuestionResult]]:
        """Totals and each shown question's exact result."""
        answers, seed, hints = _raw_inputs(attempt)
        layout = self._shown(seed)
        if hints or not layout.shown.issuperset(answers):
            # Hints cost points and unknown ids are refused: the general path, with its messages.
            results = score_questions(self.quiz, answers, layout.presentation, hints, self._results.grade)
            return summarize(self.quiz, results), results
        results = []
        whole = 0
        shares: list[Score] = []
        for qid, question, gradings in layout.questions:
            given = answers.get(qid)
            key: Hashable = given
            if given is None or type(given) is str:
                # Text is its own key; None (unanswered) grades the same every time.
                found, keep = gradings.get(given), True
            else:
                key = answer_key(given)
                try:
                    found, keep = (None, False) if key is None else (gradings.get(key), True)
                except TypeError:  # a list holding a list: never a gradable answer
                    found, keep = None, False
            if found is None:
                found = grade_question(question, given)
                if keep and self._kept < self.RESULTS_KEPT:
                    gradings[key] = found
                    self._kept += 1
            results.append(found)
            points = found.points
            if type(points) is int:
                whole += points
            else:
                shares.append(points)
        points_ratio = _ratio([whole, *shares]) if shares else (whole, 1)
        sums = (points_ratio, layout.maximum)
        summary = self._summaries.get(sums)
        if summary is None:
            summary = summary_of(self.quiz, *sums)
            if len(self._summaries) < self.SUMMARIES_KEPT:
                self._summaries[sums] = summary
        return dict(summary), results

    def rescore(self, attempt: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        summary, results = self.results(attempt)
        return summary, [(r.question.id, r.status) for r in results]


def _combine(rule: str, percents: list[Fraction]) -> Fraction:
    if rule == "last":
        return percents[-1]
    if rule == "first":
        return percents[0]
    if rule == "average":
        return sum(percents, Fraction(0)) / len(percents)
    return max(percents)


NOT_ARCHIVED = "作答时的这一版测验不在评分版本存档里，无法重新计分，按当时记下的成绩列出"


def _version_of(quiz: Quiz, older: Mapping[str, Quiz], version: Any) -> Quiz | None:
    """The quiz version an attempt recorded as ``version`` was made under, if the page has it."""
    if made_under(quiz, version):
        return quiz
    found = older.get(version) if isinstance(version, str) else None
    return found if found is not None and found.id == quiz.id else None


def history(quiz: Quiz, attempts: Any, older: Mapping[str, Quiz] | None = None) -> dict[str, Any]:
    """Every stored attempt with its status, the combined score, and progress toward mastery; an
    attempt of an older version (in ``older``, by scoring version or content hash) is scored with it."""
    older = older or {}
    if not isinstance(attempts, list):
        raise ScoringError("作答记录应为列表")
    rows: list[dict[str, Any]] = []
    percents: list[Fraction] = []
    outcomes: list[bool] = []
    for attempt in attempts:
        if not isinstance(attempt, dict):
            rows.append({"id": None, "status": "damaged", "message": "这条记录已损坏，已保留原样"})
            continue
        row: dict[str, Any] = {"id": attempt.get("id"), "submitted_at": attempt.get("submitted_at")}
        made_in = _version_of(quiz, older, attempt.get("version"))
        if made_in is None:
            recorded = attempt.get("result") if isinstance(attempt.get("result"), dict) else {}
            rows.append(row | {"status": "other_version", "recorded": recorded, "message": NOT_ARCHIVED})
            continue
        try:
            result = grade_attempt(made_in, attempt)
        except ScoringError as error:
            rows.append(row | {"status": "damaged", "message": f"这条记录无法评分（{error}），已保留原样"})
            continue
        if made_in is not quiz:
            row["older_version"] = True
        # From the exact scores, not the rounded figures: 1.2 of 2 points is 60%, not 59.99…%.
        exact = score_questions(made_in, *_attempt_inputs(made_in, attempt))
        percent = Fraction(_percent(_total([r.points for r in exact]), _total([r.max_points for r in exact])))
        percents.append(percent)
        outcomes.extend(q["status"] == "correct" for q in result["questions"])
        rows.append(
            row
            | {
                "status": "scored",
                "points": result["points"],
                "max_points": result["max_points"],
                "percent": result["percent"],
                "passed": result["passed"],
            }
        )
    summary: dict[str, Any] = {
        "attempts": rows,
        "counted": len(percents),
        "rule": quiz.rules.mastery and "mastery" or quiz.rules.combine,
    }
    if percents:
        combined = _combine(quiz.rules.combine, percents)
        summary |= {"percent": shown(combined, 1), "passed": combined >= Fraction(quiz.pass_mark)}
    if quiz.rules.mastery is not None:
        need, window = quiz.rules.mastery
        recent = outcomes[-window:]
        summary["mastery"] = {
            "correct": sum(recent),
            "answered": len(recent),
            "need": need,
            "of": window,
            "mastered": sum(recent) >= need,
        }
    return summary
