"""The layout of a paper exam version, rebuilt from its seed exactly as the site rebuilds an attempt.

A version draws and shuffles with ``scoring.draw.present`` (questions and options always shuffled on
paper, so versions A and B differ), then groups the questions by type — 一、单选题 二、多选题 … —
keeping the drawn order inside each group, and numbers them 1, 2, 3… across the paper.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scoring.draw import MASK, Mulberry32, present
from scoring.model import QUESTION_TYPES, TYPE_NAMES, Question, Quiz

CHINESE_NUMBERS = "一二三四五六七八九十"
VERSION_LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class PaperQuestion:
    number: int
    question: Question
    # The option keys in the order printed: the printed letter A is order[0], B is order[1]…
    order: tuple[str, ...]

    def printed_letter(self, key: str) -> str:
        return chr(ord("A") + self.order.index(key))

    def key_of(self, letter: str) -> str | None:
        index = ord(letter) - ord("A")
        return self.order[index] if 0 <= index < len(self.order) else None


@dataclass(frozen=True)
class Section:
    heading: str
    qtype: str
    questions: tuple[PaperQuestion, ...]


def paper_quiz(quiz: Quiz) -> Quiz:
    """The quiz as a paper draws it: its own draw, with questions and options always shuffled."""
    return replace(quiz, rules=replace(quiz.rules, shuffle_questions=True, shuffle_options=True))


def layout(quiz: Quiz, seed: int) -> tuple[Section, ...]:
    shown = present(paper_quiz(quiz), seed)
    by_id = {q.id: q for q in quiz.questions}
    sections: list[Section] = []
    number = 0
    for qtype in QUESTION_TYPES:
        group = []
        for question_id in shown.question_ids:
            question = by_id[question_id]
            if question.type != qtype:
                continue
            number += 1
            order = shown.option_orders.get(question_id, tuple(key for key, _ in question.options))
            group.append(PaperQuestion(number, question, order))
        if group:
            heading = f"{CHINESE_NUMBERS[len(sections)]}、{TYPE_NAMES[qtype]}"
            sections.append(Section(heading, qtype, tuple(group)))
    return tuple(sections)


def numbered(sections: tuple[Section, ...]) -> list[PaperQuestion]:
    return [q for section in sections for q in section.questions]


def version_seeds(count: int, seed: int) -> list[int]:
    """One seed per version, drawn from ``seed``; distinct, so no two versions are the same paper."""
    rng = Mulberry32(seed)
    seeds: list[int] = []
    while len(seeds) < count:
        value = rng.next_u32() & MASK
        if value not in seeds:
            seeds.append(value)
    return seeds
