"""每日一练's draw: five questions from every bank, the same for everyone on a date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from quizkit.cli import main
from quizkit.sources import Bank, daily_pool
from scoring.daily import PoolItem, daily_seed, draw_daily, make_pool
from scoring.errors import ScoringError

from .sites import ROOT

DAY = date(2026, 12, 5)


def small_pool() -> list[PoolItem]:
    return make_pool({f"quiz{n}": [f"quiz{n}-q{i}" for i in range(4)] for n in range(8)})


def test_seed_is_the_date_as_a_number() -> None:
    """The seed an officer reads off the page is the date written as digits."""
    assert 20261205 == daily_seed(DAY)


def test_same_date_same_questions() -> None:
    """Two draws on one date give the same five questions in the same order."""
    assert draw_daily(small_pool(), DAY) == draw_daily(list(reversed(small_pool())), DAY)


def test_next_day_draws_other_questions() -> None:
    """The next date's set is a different set."""
    pool = small_pool()
    assert set(draw_daily(pool, DAY)) != set(draw_daily(pool, DAY + timedelta(days=1)))


def test_five_questions_from_five_quizzes() -> None:
    """A day's set has five distinct questions, each from a different quiz while quizzes last."""
    drawn = draw_daily(small_pool(), DAY)
    assert (5, 5, 5) == (len(drawn), len(set(drawn)), len({item.quiz_id for item in drawn}))


def test_fewer_quizzes_than_questions_fills_from_the_rest() -> None:
    """With two quizzes the set still has five distinct questions."""
    pool = make_pool({"a": ["a1", "a2", "a3"], "b": ["b1", "b2", "b3"]})
    drawn = draw_daily(pool, DAY)
    assert (5, 5, {"a", "b"}) == (len(drawn), len(set(drawn)), {item.quiz_id for item in drawn})


def test_small_pool_gives_what_there_is() -> None:
    """A bank of three questions gives those three."""
    pool = make_pool({"a": ["a1", "a2", "a3"]})
    assert ["a1", "a2", "a3"] == sorted(item.question_id for item in draw_daily(pool, DAY))


def test_reference_values() -> None:
    """A known date's draw from a known pool (values computed by draw.js under Node)."""
    assert ["quiz7-q1", "quiz3-q3", "quiz6-q0", "quiz0-q3", "quiz5-q2"] == [
        item.question_id for item in draw_daily(small_pool(), DAY)
    ]


def test_a_question_in_two_quizzes_is_refused() -> None:
    """The pool refuses a question id written in two quizzes."""
    with pytest.raises(ScoringError, match="同时写在测验 a 和 b 中"):
        make_pool({"a": ["x"], "b": ["x"]})


def test_pool_holds_every_question_once(real_bank: Bank) -> None:
    """The shipped bank's pool is every question written in a quiz, each under the quiz it is written in."""
    written = {q.id: spec.quiz.id for spec in real_bank.specs.values() for q in spec.quiz.questions}
    pool = daily_pool(real_bank)
    assert written == {item.question_id: item.quiz_id for item in pool}


def test_a_year_of_shipped_draws_varies(real_bank: Bank) -> None:
    """Over a year of dates the shipped bank gives a different set every day."""
    pool = daily_pool(real_bank)
    sets = {frozenset(draw_daily(pool, DAY + timedelta(days=n))) for n in range(365)}
    assert 365 == len(sets)


def test_officer_lists_a_days_questions(real_bank: Bank, capsys: pytest.CaptureFixture[str]) -> None:
    """``cadre-officer daily --date`` prints the seed and the ids the draw gives for that date."""
    code = main(["--config", str(ROOT / "mkdocs.yml"), "daily", "--date", "2026-12-05"])
    printed = capsys.readouterr().out
    expected_ids = [item.question_id for item in draw_daily(daily_pool(real_bank), DAY)]
    shown_ids = [line.split("（")[0].split(". ")[1] for line in printed.splitlines()[1:]]
    assert (0, "2026-12-05（种子 20261205）：", expected_ids) == (code, printed.splitlines()[0], shown_ids)


def test_officer_bad_date_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A date not written YYYY-MM-DD is refused with exit 2 and says what was found."""
    code = main(["--config", str(ROOT / "mkdocs.yml"), "daily", "--date", "12/05/2026"])
    assert (2, "日期应写成 YYYY-MM-DD（实际是 '12/05/2026'）\n") == (code, capsys.readouterr().err)
