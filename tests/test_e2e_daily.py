"""每日一练 in Chromium at 360×640: the date's set, scored by the engine, the streak across days, the home line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from playwright.sync_api import Page

from quizkit.sources import Bank, daily_pool
from scoring.daily import draw_daily

from . import storage
from .browser import NewPage
from .sites import StaticServer
from .storage import stored_values

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 60_000
SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}


def open_daily(new_page: NewPage, server: StaticServer, day: str, page: Page | None = None) -> Page:
    """The 每日一练 page with the page's clock standing at 10:00 on ``day`` (timers still run)."""
    if page is None:
        page, _ = new_page(server.url, **SMALL_PHONE)
    page.clock.set_fixed_time(datetime.fromisoformat(f"{day}T10:00:00"))
    page.goto(server.url + "daily/")
    page.locator("[data-daily] .quiz-form:not([hidden])").wait_for()
    return page


def shown_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "[data-daily] .quiz-form [data-question-id]:not([hidden])", "boxes => boxes.map(b => b.dataset.questionId)"
    )
    return ids


def answer_what_is_easy(page: Page, bank: Bank) -> int:
    """Answers the single-choice and true/false questions rightly, leaves the rest blank; returns how many."""
    questions = {q.id: q for quiz in bank.quizzes.values() for q in quiz.questions}
    right = 0
    for question_id in shown_ids(page):
        question = questions[question_id]
        if question.type in ("single", "truefalse"):
            page.check(f'[data-daily] [data-question-id="{question_id}"] input[value="{question.answer[0]}"]')
            right += 1
    return right


def submit(page: Page) -> None:
    page.click('[data-daily] [data-action="submit"]')
    page.locator("[data-daily] [data-result]").wait_for(timeout=ENGINE_WAIT_MS)


def test_same_set_for_everyone_on_a_date_and_another_the_next_day(
    new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank
) -> None:
    """Two fresh contexts on 2026-12-03 get the set the officer's draw lists; 2026-12-04 gets another."""
    first = shown_ids(open_daily(new_page, serve_mini, "2026-12-03"))
    second = shown_ids(open_daily(new_page, serve_mini, "2026-12-03"))
    next_day = shown_ids(open_daily(new_page, serve_mini, "2026-12-04"))
    officer = [item.question_id for item in draw_daily(daily_pool(mini_bank), date(2026, 12, 3))]
    assert (first, 5) == (second, len(first))
    assert officer == first
    assert next_day != first


def test_scored_by_the_engine_misses_go_to_the_review_book(
    new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank
) -> None:
    """The set is scored like a quiz; a wrong answer goes into the 错题本 under its own quiz."""
    page = open_daily(new_page, serve_mini, "2026-12-03")
    ids = shown_ids(page)
    right = answer_what_is_easy(page, mini_bank)
    questions = {q.id: q for quiz in mini_bank.quizzes.values() for q in quiz.questions}
    single = next(i for i in ids if questions[i].type == "single")
    wrong = next(key for key, _ in questions[single].options if key != questions[single].answer[0])
    page.check(f'[data-daily] [data-question-id="{single}"] input[value="{wrong}"]')
    submit(page)
    statuses = page.eval_on_selector_all(
        "[data-daily] [data-question-id]:not([hidden])", "boxes => boxes.map(b => b.dataset.status)"
    )
    assert right - 1 == statuses.count("correct")
    assert f"今天已完成：答对 {right - 1} / 5 题" in page.inner_text("[data-daily-status]")
    assert single in stored_values(page, "review")["review"]["items"]
    assert "从新" not in page.inner_text("[data-daily]")


def test_streak_across_days_and_the_home_line(new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank) -> None:
    """Two days in a row make 连续 2 天 with both marked on the calendar; a missed day starts again;
    the home page says 未做 before and 已完成，答对 n/5 题 after (not "已完成 n/5", which reads as n of 5 done)."""
    page = open_daily(new_page, serve_mini, "2026-12-03")
    page.goto(serve_mini.url)
    assert "今日一练：未做" in page.inner_text("[data-daily-today]")
    page = open_daily(new_page, serve_mini, "2026-12-03", page)
    right = answer_what_is_easy(page, mini_bank)
    submit(page)
    assert "1" == page.get_attribute("[data-streak]", "data-streak")
    page.goto(serve_mini.url)
    assert f"今日一练：已完成，答对 {right}/5 题" in page.inner_text("[data-daily-today]")

    page = open_daily(new_page, serve_mini, "2026-12-04", page)
    assert "今天做完就能接上" in page.inner_text("[data-streak]")
    answer_what_is_easy(page, mini_bank)
    submit(page)
    assert "已连续 2 天" in page.inner_text("[data-streak]")
    done = page.eval_on_selector_all("[data-daily-calendar] td[data-done]", "cells => cells.map(c => c.dataset.date)")
    assert ["2026-12-03", "2026-12-04"] == done

    page = open_daily(new_page, serve_mini, "2026-12-06", page)
    assert ("0", "2") == (
        page.get_attribute("[data-streak]", "data-streak"),
        page.get_attribute("[data-streak]", "data-days"),
    )
    answer_what_is_easy(page, mini_bank)
    submit(page)
    assert "1" == page.get_attribute("[data-streak]", "data-streak")


def test_a_done_day_shows_its_result_again(new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank) -> None:
    """Coming back the same day shows the saved answers locked and the result, no second attempt."""
    page = open_daily(new_page, serve_mini, "2026-12-03")
    right = answer_what_is_easy(page, mini_bank)
    submit(page)
    page = open_daily(new_page, serve_mini, "2026-12-03", page)
    assert page.locator('[data-daily] [data-action="submit"]').is_hidden()
    assert right == stored_values(page, "daily:")["daily:2026-12-03"]["result"]["correct"]
    page.locator("[data-daily] [data-question-id][data-status]").first.wait_for(timeout=ENGINE_WAIT_MS)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert 0 == overflow


def test_a_day_submitted_in_another_tab_is_not_overwritten(
    new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank
) -> None:
    """Two tabs of the day's set: the first to submit keeps the day; the second is shown that result and why."""
    first = open_daily(new_page, serve_mini, "2026-12-03")
    second = open_daily(new_page, serve_mini, "2026-12-03", page=first.context.new_page())
    right = answer_what_is_easy(first, mini_bank)
    submit(first)
    kept = stored_values(first, "daily:2026-12-03")["daily:2026-12-03"]
    # The second tab, opened before the first submitted, hands in one wrong answer and nothing else.
    questions = {q.id: q for quiz in mini_bank.quizzes.values() for q in quiz.questions}
    single = next(i for i in shown_ids(second) if questions[i].type == "single")
    wrong = next(key for key, _ in questions[single].options if key != questions[single].answer[0])
    second.check(f'[data-daily] [data-question-id="{single}"] input[value="{wrong}"]')
    second.click('[data-daily] [data-action="submit"]')
    second.wait_for_function(
        "document.querySelector('[data-daily-status]').textContent.includes('另一个页面')", timeout=ENGINE_WAIT_MS
    )
    assert kept == stored_values(second, "daily:2026-12-03")["daily:2026-12-03"]
    assert f"答对 {right} / 5 题" in second.inner_text("[data-daily-status]")
    assert second.is_checked(f'[data-daily] [data-question-id="{single}"] input[value="{questions[single].answer[0]}"]')


def test_a_done_day_keeps_its_questions_after_the_site_changes(
    new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank
) -> None:
    """A day submitted before a publish that changed the date's draw shows the questions it was made of,
    scored as they were (not today's draw with the day's answers filled into other questions)."""
    page = open_daily(new_page, serve_mini, "2026-12-04")
    made_of = shown_ids(page)
    right = answer_what_is_easy(page, mini_bank)
    submit(page)
    # The day as an earlier site drew it for 2026-12-03: the set this site draws for 12-04.
    day = stored_values(page, "daily:2026-12-04")["daily:2026-12-04"] | {"date": "2026-12-03"}
    storage.clear(page)
    storage.put_records(page, {"daily:2026-12-03": day})
    page = open_daily(new_page, serve_mini, "2026-12-03", page)
    assert made_of == shown_ids(page) != [i.question_id for i in draw_daily(daily_pool(mini_bank), date(2026, 12, 3))]
    page.locator("[data-daily] [data-question-id][data-status]").first.wait_for(timeout=ENGINE_WAIT_MS)
    statuses = page.eval_on_selector_all(
        "[data-daily] [data-question-id]:not([hidden])", "boxes => boxes.map(b => b.dataset.status)"
    )
    assert right == statuses.count("correct")


def checked_inputs(page: Page) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        "[data-daily] input:checked", "inputs => inputs.map(i => `${i.name}=${i.value}`).sort()"
    )
    return found


def test_an_unsubmitted_day_keeps_its_questions_after_the_site_changes(
    new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank
) -> None:
    """Answers saved before a publish that changed the date's draw come back on the questions they answer."""
    page = open_daily(new_page, serve_mini, "2026-12-04")
    made_of = shown_ids(page)
    answer_what_is_easy(page, mini_bank)
    checked = checked_inputs(page)
    draft: dict[str, Any] = {}
    for _ in range(50):  # each change is saved as it is made; wait for the last to commit (at most 10 s)
        draft = stored_values(page, "draft:daily").get("draft:daily", {})
        chosen = sorted(f"q-{k}={v}" for k, v in draft.get("answers", {}).items() if isinstance(v, str))
        if chosen == checked:
            break
        page.wait_for_timeout(200)
    # The draft as an earlier site drew the set for 2026-12-03: the set this site draws for 12-04.
    storage.put_records(page, {"draft:daily": draft | {"date": "2026-12-03"}})
    page = open_daily(new_page, serve_mini, "2026-12-03", page)
    assert (made_of, checked) == (shown_ids(page), checked_inputs(page))
