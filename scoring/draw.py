"""Seeded draws and shuffles, reproducible anywhere from the seed recorded with an attempt.

The generator is mulberry32 on unsigned 32-bit integers: tiny, and written the same
way in ``quizkit/assets/draw.js`` so the page lays out exactly what Python scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import OPTION_TYPES, Quiz

MASK = 0xFFFFFFFF
MAX_SEED = MASK


def _imul(a: int, b: int) -> int:
    return (a * b) & MASK


class Mulberry32:
    def __init__(self, seed: int) -> None:
        self.state = seed & MASK

    def next_u32(self) -> int:
        self.state = (self.state + 0x6D2B79F5) & MASK
        t = _imul(self.state ^ (self.state >> 15), 1 | self.state)
        t = ((t + _imul(t ^ (t >> 7), 61 | t)) & MASK) ^ t
        return (t ^ (t >> 14)) & MASK

    def below(self, bound: int) -> int:
        """An integer in [0, bound): exact in both languages while u32 * bound < 2**53."""
        return (self.next_u32() * bound) >> 32

    def shuffle(self, items: list[Any]) -> None:
        # next_u32 and below written out: re-scoring a class shuffles hundreds of thousands of times.
        state = self.state
        for i in range(len(items) - 1, 0, -1):
            state = (state + 0x6D2B79F5) & MASK
            t = ((state ^ (state >> 15)) * (1 | state)) & MASK
            t = ((t + (((t ^ (t >> 7)) * (61 | t)) & MASK)) & MASK) ^ t
            j = (((t ^ (t >> 14)) & MASK) * (i + 1)) >> 32
            items[i], items[j] = items[j], items[i]
        self.state = state


@dataclass(frozen=True)
class Presentation:
    """Which questions an attempt shows, in what order, and each question's option order."""

    question_ids: tuple[str, ...]
    option_orders: dict[str, tuple[str, ...]]

    def to_dict(self) -> dict[str, Any]:
        return {"questions": list(self.question_ids), "options": {k: list(v) for k, v in self.option_orders.items()}}


def seed_matters(quiz: Quiz) -> bool:
    """Whether the seed changes which questions are shown, or in what order."""
    return quiz.rules.shuffle_questions or quiz.rules.draw is not None


def _question_order(quiz: Quiz, rng: Mulberry32) -> list[int]:
    order = list(range(len(quiz.questions)))
    rules = quiz.rules
    if seed_matters(quiz):
        rng.shuffle(order)
    if rules.draw is not None:
        order = order[: rules.draw]
        if not rules.shuffle_questions:
            order.sort()
    return order


def drawn_question_ids(quiz: Quiz, seed: int) -> tuple[str, ...]:
    """The questions an attempt shows, in order: what scoring needs, without the option shuffles."""
    if not seed_matters(quiz):
        return tuple(q.id for q in quiz.questions)
    return tuple(quiz.questions[i].id for i in _question_order(quiz, Mulberry32(seed)))


def present(quiz: Quiz, seed: int) -> Presentation:
    """The attempt's layout. Ordering items are always shuffled, or the page would show the answer."""
    rng = Mulberry32(seed)
    rules = quiz.rules
    chosen = [quiz.questions[i] for i in _question_order(quiz, rng)]
    option_orders: dict[str, tuple[str, ...]] = {}
    for question in chosen:
        if question.type in OPTION_TYPES:
            keys = [key for key, _ in question.options]
            if rules.shuffle_options or question.type == "ordering":
                rng.shuffle(keys)
            option_orders[question.id] = tuple(keys)
    return Presentation(tuple(q.id for q in chosen), option_orders)
