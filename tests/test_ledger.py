"""The tally: conversions, caps, quiz credits, flags, and what each requirement still lacks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from scoring.credit_rules import parse_rules
from scoring.errors import ScoringError
from scoring.ledger import tally

from .ledgerdata import attempt, entry, kind, requirement, rules

TODAY = date(2026, 11, 22)
QUIZ = kind("quiz", "quiz", hours_each=0.5)


def run(
    rule_data: dict[str, Any], entries: list[dict[str, Any]], attempts: list[Any] | None = None, **options: Any
) -> dict[str, Any]:
    return tally(parse_rules(rule_data), entries, attempts or [], options.pop("today", TODAY), **options)


def kind_hours(result: dict[str, Any], kind_id: str) -> float:
    return next(k["hours"] for k in result["kinds"] if k["id"] == kind_id)  # type: ignore[no-any-return]


def flags(result: dict[str, Any]) -> dict[str, str | None]:
    return {s["id"]: s["flag"] for s in result["entries"]}


def test_days_turn_into_hours_by_the_rule() -> None:
    """Two days at 7.5 学时 a day count 15 学时."""
    assert 15 == run(rules(), [entry("e1", days=2)])["total_hours"]


def test_hours_are_counted_as_entered() -> None:
    """An entry in hours counts its hours."""
    assert 3.5 == run(rules(), [entry("e1", hours=3.5)])["total_hours"]


def test_per_day_cap_limits_one_date() -> None:
    """Entries of a kind on one date count at most the daily cap together."""
    data = rules(kind("online", cap_per_day=8), requirements=[requirement(kinds=["online"])])
    result = run(data, [entry("e1", kind_id="online", hours=6), entry("e2", kind_id="online", hours=5, note="另一门")])
    assert (8, 3) == (kind_hours(result, "online"), result["kinds"][0]["capped_hours"])


def test_per_day_cap_applies_to_each_day_of_a_long_training() -> None:
    """A 3-day training is spread over three dates, so a 7.5-a-day cap keeps all of it."""
    data = rules(kind(cap_per_day=7.5))
    assert 22.5 == run(data, [entry("e1", days=3)])["total_hours"]


def test_per_year_cap_stops_at_the_cap() -> None:
    """Once a kind reaches its yearly cap, later items add nothing."""
    data = rules(
        kind("research", "count", hours_each=2, cap_per_year=5), requirements=[requirement(kinds=["research"])]
    )
    entries = [entry(f"e{i}", f"2026-0{i}-01", "research") for i in range(1, 5)]
    assert 5 == run(data, entries)["total_hours"]


def test_passed_quiz_is_credited_once_per_year() -> None:
    """Two passes of one quiz in a year earn one credit."""
    result = run(rules(kind(), QUIZ), [], [attempt("a1"), attempt("a2", submitted="2026-04-01T02:00:00Z")])
    assert [("quiz-a", "a1")] == [(c["quiz_id"], c["attempt_id"]) for c in result["quiz_credits"]]


def test_each_quiz_earns_its_own_credit() -> None:
    """Passes of two different quizzes earn two credits."""
    result = run(rules(kind(), QUIZ), [], [attempt("a1"), attempt("a2", "quiz-b")])
    assert 1 == kind_hours(result, "quiz")


def test_failed_attempt_earns_nothing() -> None:
    """Only a passed attempt is credited."""
    assert [] == run(rules(kind(), QUIZ), [], [attempt("a1", passed=False)])["quiz_credits"]


def test_quiz_credit_uses_the_learners_date() -> None:
    """20:00 UTC on 31 December is already 1 January in Beijing, so it counts in the new year."""
    result = run(rules(kind(), QUIZ), [], [attempt("a1", submitted="2025-12-31T20:00:00.000Z")], utc_offset_minutes=480)
    assert ["2026-01-01"] == [c["date"] for c in result["quiz_credits"]]


def test_future_entry_is_flagged_not_counted() -> None:
    """An entry dated after today is flagged and adds nothing."""
    result = run(rules(), [entry("e1", "2026-12-01")])
    assert ({"e1": "future"}, 0) == (flags(result), result["total_hours"])


def test_entry_outside_the_period_is_flagged() -> None:
    """Last year's entry is flagged in this year's tally."""
    result = run(rules(), [entry("e1", "2025-06-01")])
    assert ({"e1": "outside_period"}, 0) == (flags(result), result["total_hours"])


def test_duplicate_entry_is_flagged_and_the_first_counts() -> None:
    """The same kind, date, amount and note twice: the second is flagged, the first counted."""
    result = run(rules(), [entry("e2", note="党校 培训"), entry("e1", note="党校  培训")])
    assert ({"e1": None, "e2": "duplicate"}, 7.5) == (flags(result), result["total_hours"])


def test_duplicate_names_the_entry_it_repeats() -> None:
    """A duplicate says which entry it repeats."""
    result = run(rules(), [entry("e1"), entry("e2")])
    assert "e1" == result["entries"][1]["duplicate_of"]


def test_same_id_twice_is_flagged() -> None:
    """Two entries with one id: the second is flagged."""
    result = run(rules(), [entry("e1"), entry("e1", "2026-03-02")])
    assert [None, "duplicate"] == [s["flag"] for s in result["entries"]]


def test_invalid_entry_is_flagged_with_the_reason() -> None:
    """A malformed entry is flagged with a readable reason, and the tally still runs."""
    result = run(rules(), [entry("e1", hours=-2)])
    assert "记录不完整或有误，未计入：学时应为大于 0、不超过 1000 的数字" == result["entries"][0]["message"]


def test_kind_these_rules_do_not_count_is_flagged() -> None:
    """An entry of a kind the chosen rules do not count is flagged, not lost."""
    assert {"e1": "not_in_rules"} == flags(run(rules(), [entry("e1", kind_id="theme_activity")]))


def test_requirement_says_what_is_missing_and_by_when() -> None:
    """90 学时 needed, 22.5 done: 67.5 missing by the end of the year."""
    result = run(rules(), [entry("e1", days=3)])["requirements"][0]
    assert (False, 67.5, "2026-12-31", "还差 67.5 学时，截至 2026-12-31") == (
        result["met"],
        result["missing"],
        result["due"],
        result["message"],
    )


def test_requirement_met() -> None:
    """12 days meet 90 学时 at 7.5 a day."""
    result = run(rules(), [entry("e1", days=12)])["requirements"][0]
    assert (True, 0, "已完成") == (result["met"], result["missing"], result["message"])


def test_past_period_unmet_is_overdue() -> None:
    """Looking back at a finished year, an unmet requirement is overdue."""
    result = run(rules(), [entry("e1", "2025-05-01")], year=2025)["requirements"][0]
    assert "overdue" == result["status"]


def test_count_requirement_counts_entries() -> None:
    """At least 2 trainings: one training leaves 1 missing."""
    data = rules(requirements=[requirement(measure="count", at_least=2)])
    assert 1 == run(data, [entry("e1")])["requirements"][0]["missing"]


def test_days_requirement_measures_days() -> None:
    """At least 3 days: 15 学时 at 7.5 a day is 2 days, 1 missing."""
    data = rules(requirements=[requirement(measure="days", at_least=3)])
    assert 1 == run(data, [entry("e1", hours=15)])["requirements"][0]["missing"]


def test_cycle_period_contains_the_year() -> None:
    """A five-year cycle from 2023 puts 2026 in 2023–2027."""
    data = rules(period={"type": "cycle", "years": 5, "first_year": 2023})
    assert {"start": "2023-01-01", "end": "2027-12-31", "label": "2023—2027 年"} == run(data, [])["period"]


def test_half_year_windows_report_the_first_unmet_half() -> None:
    """A secondment from 2026-03-01: a report in the first half only leaves the second half open."""
    data = rules(
        kind("written_report", "count"),
        period={"type": "term", "months": 12},
        requirements=[requirement(kinds=["written_report"], measure="count", at_least=1, every="half_year")],
    )
    result = run(data, [entry("e1", "2026-05-01", "written_report")], term_start=date(2026, 3, 1))["requirements"][0]
    assert ("2027-02-28", "2026-09-01 至 2027-02-28：还差 1 次，截至 2027-02-28") == (result["due"], result["message"])


def test_term_rules_need_a_start_date() -> None:
    """A term-based rule set cannot be tallied without the start date."""
    with pytest.raises(ScoringError):
        run(rules(period={"type": "term", "months": 12}), [])


def test_total_is_the_sum_after_caps() -> None:
    """The total adds every kind after its caps."""
    data = rules(kind(), kind("online", cap_per_day=8), QUIZ)
    result = run(data, [entry("e1", days=1), entry("e2", kind_id="online", hours=9)], [attempt("a1")])
    assert 16 == result["total_hours"]
