"""Seeded draws: reproducible, within bounds, and refused when impossible."""

from __future__ import annotations

import pytest

from scoring.draw import Mulberry32, present
from scoring.errors import DataError, Source
from scoring.quiz_schema import assemble_bank, parse_quiz, parse_quiz_spec

from .quizdata import question, quiz

BANK = quiz(*(question(f"q{i}") for i in range(10)), draw=4, shuffle_options=True)


def test_generator_matches_reference_values() -> None:
    """mulberry32 from seed 1 gives the outputs of the reference JavaScript implementation."""
    rng = Mulberry32(1)
    assert [2693262067, 11749833, 2265367787] == [rng.next_u32() for _ in range(3)]


def test_same_seed_same_presentation() -> None:
    """A seed rebuilds exactly the same draw and option orders."""
    quiz_model = parse_quiz(BANK)
    assert present(quiz_model, 12345) == present(quiz_model, 12345)


def test_draw_takes_n_distinct_questions_in_bank_order() -> None:
    """Without shuffle_questions, drawn questions keep the bank's order."""
    shown = present(parse_quiz(BANK), 99).question_ids
    assert (4, True, list(shown)) == (
        len(set(shown)),
        all(q.startswith("q") for q in shown),
        sorted(shown, key=lambda q: int(q[1:])),
    )


def test_different_seeds_draw_differently() -> None:
    """Over 20 seeds the draws are not all the same."""
    quiz_model = parse_quiz(BANK)
    assert len({present(quiz_model, seed).question_ids for seed in range(20)}) > 1


def test_ordering_items_are_always_shuffled() -> None:
    """An ordering question never shows its answer order for every seed."""
    quiz_model = parse_quiz(quiz(question("o", "ordering")))
    orders = {present(quiz_model, seed).option_orders["o"] for seed in range(10)}
    assert len(orders) > 1


def test_draw_larger_than_bank_is_refused() -> None:
    """draw: 5 from 2 questions fails at the bank check."""
    spec = parse_quiz_spec(quiz(question("a"), question("b"), draw=5), Source("q.yaml"))
    with pytest.raises(DataError, match="抽题数不能多于题目数 2"):
        assemble_bank([spec])
