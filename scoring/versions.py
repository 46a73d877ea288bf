"""Scoring fingerprints: what decides a score, hashed, so wording edits never make a new version.

A question's fingerprint covers its type, option keys, answer data (accepted fill answers as
graded, i.e. folded; the order; the matches; scenario weights), points, the multiple-choice mode
and the number of blanks. Its stem, option texts, explanation, hint, link and area are left out:
they change what a learner reads, never the points an answer earns.

A quiz's scoring version hashes its id, its questions' ids and fingerprints in order, and the
settings that change scores or which questions a seed draws (pass mark, draw, question shuffle,
combine or mastery, hint cost, time limit). Option shuffling is left out: answers are kept by
option key, so the letters a learner saw never change a score.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .grading import normalize_blank
from .model import Question, Quiz, content_hash

# Written into every hash, so a later change to what is fingerprinted can never collide with today's.
SCHEME = "scoring-1"


def exact(value: float) -> str:
    """A number as it scores: 1 and 1.0 are one value, 0.1 is its exact decimal share."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    share = Fraction(value).limit_denominator(10_000)
    return f"{share.numerator}/{share.denominator}"


def _answer_data(question: Question) -> Any:
    kind = question.type
    if kind == "multiple":
        return sorted(question.answer)
    if kind == "fill":
        # Each blank as the grader compares it: folded and deduplicated, in no particular order.
        return [sorted({normalize_blank(a) for a in accepted}) for accepted in question.answer]
    if kind == "scenario":
        return [[key, exact(weight)] for (key, _), weight in zip(question.options, question.weights, strict=True)]
    return list(question.answer)


def fingerprint_data(question: Question) -> dict[str, Any]:
    """The plain data a question's fingerprint hashes (kept apart for tests and the archive)."""
    data: dict[str, Any] = {
        "type": question.type,
        "options": [key for key, _ in question.options],
        "answer": _answer_data(question),
        "points": exact(question.points),
    }
    if question.type == "multiple":
        data["scoring"] = question.scoring
    if question.type == "fill":
        data["blanks"] = question.blank_count
    if question.type == "matching":
        data["prompts"] = len(question.prompts)
    return data


def question_fingerprint(question: Question) -> str:
    return content_hash({"scheme": SCHEME, "question": fingerprint_data(question)})[:32]


def settings_data(quiz: Quiz) -> dict[str, Any]:
    """The quiz settings that change a score, or which questions a seed shows."""
    rules = quiz.rules
    return {
        "pass_mark": exact(quiz.pass_mark),
        "draw": rules.draw,
        "shuffle_questions": rules.shuffle_questions,
        "combine": None if rules.mastery is not None else rules.combine,
        "mastery": list(rules.mastery) if rules.mastery is not None else None,
        "hint_cost": exact(rules.hint_cost),
        "time_limit": None if rules.time_limit_minutes is None else exact(rules.time_limit_minutes),
    }


def made_under(quiz: Quiz, version: Any) -> bool:
    """Whether an attempt or draft recorded as ``version`` scores with ``quiz``: its scoring version,
    or (records from before scoring versions) the content hash of this very quiz."""
    return isinstance(version, str) and version in (quiz.scoring_version, quiz.version)


def scoring_version(quiz: Quiz) -> str:
    """The hash of everything that decides this quiz's scores: equal for a wording-only edit."""
    questions = [[q.id, quiz.fingerprints[q.id]] for q in quiz.questions]
    return content_hash({"scheme": SCHEME, "quiz": quiz.id, "questions": questions, "settings": settings_data(quiz)})
