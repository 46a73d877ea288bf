"""每日一练: five questions a day from every bank, the same for every learner on a date.

The draw depends on nothing but the date and the pool (every question of the site, each with the
quiz it is written in), so an officer reproduces any day's set (``cadre-officer daily``) and the
page draws it on the phone without the engine. ``quizkit/assets/daily-draw.js`` is the same
algorithm in JavaScript; a browser test holds the two to each other.

The seed is the date as a number (2026-12-05 -> 20261205), so it can be read off the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .draw import Mulberry32
from .errors import ScoringError

DAILY_COUNT = 5
# Quiz ids of the daily practice: ``daily-YYYY-MM-DD``; an officer's quiz may not use the prefix.
DAILY_PREFIX = "daily-"


@dataclass(frozen=True, order=True)
class PoolItem:
    """One question of the pool and the quiz it is written in (where its page is)."""

    question_id: str
    quiz_id: str


def daily_seed(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def daily_quiz_id(day: date) -> str:
    return f"{DAILY_PREFIX}{day.isoformat()}"


def make_pool(questions_by_quiz: dict[str, Iterable[str]]) -> list[PoolItem]:
    """The pool from each quiz's own questions (not those it includes), sorted by question id.

    A question written in two quizzes would be drawn twice as often; ids are unique across a
    bank, so this is a fault of the data."""
    pool: dict[str, PoolItem] = {}
    for quiz_id, question_ids in sorted(questions_by_quiz.items()):
        for question_id in question_ids:
            if question_id in pool:
                raise ScoringError(f"题目 {question_id} 同时写在测验 {pool[question_id].quiz_id} 和 {quiz_id} 中")
            pool[question_id] = PoolItem(question_id, quiz_id)
    return sorted(pool.values())


def draw_daily(pool: list[PoolItem], day: date, count: int = DAILY_COUNT) -> list[PoolItem]:
    """The day's questions: the pool shuffled by the day's seed, then one question per quiz in
    that order while quizzes last (a day's set spans the curriculum), then the rest in order."""
    items = sorted(pool)
    order = list(range(len(items)))
    Mulberry32(daily_seed(day)).shuffle(order)
    chosen: list[int] = []
    quizzes: set[str] = set()
    for index in order:
        if len(chosen) < count and items[index].quiz_id not in quizzes:
            chosen.append(index)
            quizzes.add(items[index].quiz_id)
    for index in order:
        if len(chosen) < count and index not in chosen:
            chosen.append(index)
    return [items[index] for index in chosen]
