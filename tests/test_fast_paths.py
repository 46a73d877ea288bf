"""The re-scorer the officer's report uses gives exactly what scoring one attempt at a time gives,
and the faster paths inside scoring (integer totals, the written-out shuffle) change no figure."""

from __future__ import annotations

import importlib.util
import random
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizkit.sources import load_bank, load_rule_sets
from scoring.attempts import Rescorer, rescore_attempt
from scoring.credit_rules import parse_rules
from scoring.draw import MASK, Mulberry32, drawn_question_ids, present
from scoring.errors import ScoringError
from scoring.grading import score_questions, summarize
from scoring.ledger import tally
from scoring.numbers import shown, shown_ratio
from scoring.quiz_schema import parse_quiz

from .test_properties import YEARLY, json_values, quizzes, well_shaped
from .test_properties import entries as ledger_entries


def outcome(function: Any, *args: Any) -> Any:
    try:
        return function(*args)
    except ScoringError as error:
        return (type(error).__name__, str(error))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), raw=quizzes(), seed=st.none() | st.integers(0, 2**32 - 1))
def test_the_rescorer_agrees_with_one_attempt_at_a_time(
    data: st.DataObject, raw: dict[str, Any], seed: int | None
) -> None:
    """Well-shaped or arbitrary answers, hints, seeds: the same totals, statuses and refusals, twice over
    (the second time from the re-scorer's caches)."""
    quiz = parse_quiz(raw)
    ids = list(present(quiz, seed).question_ids) if seed is not None else [q["id"] for q in raw["questions"]]
    by_id = {q["id"]: q for q in raw["questions"]}
    answers = {
        qid: data.draw(st.one_of(st.just(well_shaped(by_id[qid], data.draw)), json_values))
        for qid in ids
        if data.draw(st.booleans())
    }
    attempt = {
        "answers": answers,
        "seed": seed,
        "hints": data.draw(st.lists(st.sampled_from([*ids, "zz"]), max_size=2)),
    }
    rescorer = Rescorer(quiz)
    expected = outcome(rescore_attempt, quiz, attempt)
    assert (expected, expected) == (outcome(rescorer.rescore, attempt), outcome(rescorer.rescore, attempt))


def reference_summary(raw: dict[str, Any], quiz: Any, results: list[Any]) -> dict[str, Any]:
    """Totals with Fractions throughout, as scoring computed them before its integer shortcut."""
    points = sum((Fraction(r.points) for r in results), Fraction(0))
    maximum = sum((Fraction(r.max_points) for r in results), Fraction(0))
    percent = points * 100 / maximum if maximum else Fraction(0)
    mark = Fraction(raw["pass_mark"])
    return {
        "points": shown(points),
        "max_points": shown(maximum),
        "percent": shown(percent, 1),
        "passed": percent >= mark,
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), raw=quizzes())
def test_integer_totals_give_the_fraction_figures(data: st.DataObject, raw: dict[str, Any]) -> None:
    """summarize's integer path rounds and passes exactly as exact Fractions do."""
    quiz = parse_quiz(raw)
    answers = {q["id"]: well_shaped(q, data.draw) for q in raw["questions"]}
    results = score_questions(quiz, answers)
    assert reference_summary(raw, quiz, results) == summarize(quiz, results)


@settings(deadline=None)
@given(numerator=st.integers(-(10**9), 10**9), denominator=st.integers(1, 10**6), digits=st.integers(0, 3))
def test_shown_ratio_is_shown_of_the_fraction(numerator: int, denominator: int, digits: int) -> None:
    """The integer rounding is the Fraction rounding."""
    assert shown(Fraction(numerator, denominator), digits) == shown_ratio(numerator, denominator, digits)


def reference_shuffle(seed: int, count: int) -> list[int]:
    """The shuffle as first written: next_u32 and below called per step."""
    rng = Mulberry32(seed)
    items = list(range(count))
    for i in range(count - 1, 0, -1):
        j = rng.below(i + 1)
        items[i], items[j] = items[j], items[i]
    return items


@settings(deadline=None)
@given(seed=st.integers(0, MASK), count=st.integers(0, 60))
def test_the_written_out_shuffle_is_the_same_shuffle(seed: int, count: int) -> None:
    """The inlined shuffle gives the draw.js order, and leaves the generator where the old one did."""
    rng = Mulberry32(seed)
    items = list(range(count))
    rng.shuffle(items)
    reference = Mulberry32(seed)
    reference_shuffle(seed, count)
    for _ in range(max(count - 1, 0)):
        reference.next_u32()
    assert (reference_shuffle(seed, count), reference.state) == (items, rng.state)


@settings(max_examples=200, deadline=None)
@given(raw=quizzes(), seed=st.integers(0, MASK))
def test_drawn_questions_are_the_presented_ones(raw: dict[str, Any], seed: int) -> None:
    """The draw without option shuffles picks the questions the page shows, in its order."""
    quiz = parse_quiz(raw)
    assert present(quiz, seed).question_ids == drawn_question_ids(quiz, seed)


ROOT = Path(__file__).parent.parent


def generated_records(count: int) -> tuple[list[Any], list[dict[str, Any]]]:
    """Records as the benchmark makes them: real rules and quizzes, random entries and attempts."""
    spec = importlib.util.spec_from_file_location("make_records", ROOT / "benchmarks/make_records.py")
    if spec is None or spec.loader is None:
        raise ImportError("benchmarks/make_records.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rule_sets = load_rule_sets(ROOT / "quizzes/rules", ROOT)
    quizzes = list(load_bank(ROOT / "quizzes", ROOT).quizzes.values())
    rng = random.Random(7)
    yearly = [r for r in rule_sets if r.period.type != "term"]
    return rule_sets, [
        module.make_record(rng.choice(yearly), quizzes, rng, date(2026, 11, 20), n) for n in range(count)
    ]


def test_a_summary_tally_is_the_full_tally_cut_down() -> None:
    """tally(summary_only=True) gives the full tally's period, total, requirements and quiz credits."""
    rule_sets, records = generated_records(40)
    by_id = {r.id: r for r in rule_sets}
    differing = []
    for number, record in enumerate(records):
        rules = by_id[record["rules"]["id"]]
        for year in (2025, 2026):
            args = (rules, record["ledger"], record["attempts"], date(2026, 11, 20))
            full = tally(*args, year=year, utc_offset_minutes=480)
            short = tally(*args, year=year, utc_offset_minutes=480, summary_only=True)
            if short != {key: full[key] for key in ("period", "total_hours", "requirements", "quiz_credits")}:
                differing.append((number, year))
    assert [] == differing


@settings(max_examples=300, deadline=None)
@given(ledger=ledger_entries, year=st.integers(2001, 2030))
def test_a_summary_tally_of_any_ledger_is_the_full_tally_cut_down(ledger: list[dict[str, Any]], year: int) -> None:
    """Damaged, duplicated and foreign entries: the summary's leaner entry checks count what the full tally counts."""
    rules = parse_rules(YEARLY)

    def cut(summary_only: bool) -> Any:
        result = tally(rules, ledger, [], date(2030, 6, 1), year=year, summary_only=summary_only)
        return {key: result[key] for key in ("period", "total_hours", "requirements", "quiz_credits")}

    assert outcome(cut, False) == outcome(cut, True)
