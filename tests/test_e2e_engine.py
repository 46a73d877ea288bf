"""Quiz engine features in Chromium: draws, new types, resume, hints, time limit, history, review."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from quizkit.sources import load_bank
from scoring.draw import present
from scoring.model import Quiz

from .browser import open_page
from .conftest import MINI, StaticServer

pytestmark = pytest.mark.browser
WAIT_MS = 60_000
BANK = load_bank(MINI / "quizzes", MINI)
ENGINE_QUIZ: Quiz = BANK.quizzes["engine"]


def seed_showing(question_id: str) -> int:
    """The first seed whose draw includes ``question_id``."""
    return next(seed for seed in range(1000) if question_id in present(ENGINE_QUIZ, seed).question_ids)


def open_with_draft(browser: Browser, server: StaticServer, quiz_id: str, draft: dict[str, Any] | None) -> Page:
    page, _ = open_page(browser, server.url)
    if draft is not None:
        draft = {"version": BANK.quizzes[quiz_id].version, "startedAt": "2026-11-22T00:00:00Z"} | draft
        page.add_init_script(f"localStorage.setItem('cadre:v1:draft:{quiz_id}', {json.dumps(json.dumps(draft))})")
    page.goto(server.url + f"quiz/{quiz_id}/")
    return page


def right_answer(question: dict[str, Any]) -> Any:
    if question["type"] == "ordering":
        return {key: index + 1 for index, key in enumerate(question["answer"])}
    if question["type"] == "scenario":
        return next(key for key, option in question["options"].items() if option["weight"] == 1)
    return question["answer"]


def answer_right(page: Page, quiz: Quiz, question_ids: list[str]) -> None:
    for qid in question_ids:
        question = next(q for q in quiz.to_dict()["questions"] if q["id"] == qid)
        box = f'[data-question-id="{qid}"]'
        given = right_answer(question)
        if question["type"] == "ordering":
            for key, position in given.items():
                page.select_option(f'{box} select[data-order-item="{key}"]', str(position))
        elif question["type"] == "matching":
            for index, key in enumerate(given):
                page.select_option(f'{box} select[data-match="{index}"]', key)
        else:
            page.check(f'{box} input[value="{given}"]')


def percent_shown(page: Page) -> str | None:
    result = page.locator("[data-result]")
    result.wait_for(timeout=WAIT_MS)
    return result.get_attribute("data-percent")


def test_page_lays_out_the_same_draw_as_python(browser: Browser, serve_mini: StaticServer) -> None:
    """For a recorded seed, the page shows the questions and option order Python scores."""
    seed = 424242
    page = open_with_draft(browser, serve_mini, "engine", {"seed": seed, "answers": {}, "hints": []})
    expected = present(ENGINE_QUIZ, seed)
    shown = page.eval_on_selector_all(".quiz-question:not([hidden])", "els => els.map(e => e.dataset.questionId)")
    orders = {
        qid: page.eval_on_selector_all(
            f'[data-question-id="{qid}"] .quiz-option, [data-question-id="{qid}"] .quiz-order-item',
            "els => els.map(e => e.dataset.key)",
        )
        for qid in expected.question_ids
        if qid != "e-match"
    }
    assert (list(expected.question_ids), {q: list(k) for q, k in expected.option_orders.items() if q != "e-match"}) == (
        shown,
        orders,
    )
    page.context.close()


def test_js_and_python_draws_agree_over_many_seeds(browser: Browser, serve_mini: StaticServer) -> None:
    """draw.js and scoring/draw.py give identical presentations for 50 seeds."""
    page, _ = open_page(browser, serve_mini.url)
    page.goto(serve_mini.url + "quiz/engine/")
    seeds = [0, 1, 2, 4294967295, *range(1000, 1046)]
    script = "async ([quiz, seeds]) => { const m = await import('../../assets/quiz/draw.js'); return seeds.map(s => m.present(quiz, s)); }"
    from_js = page.evaluate(script, [ENGINE_QUIZ.to_dict(), seeds])
    assert [present(ENGINE_QUIZ, s).to_dict() for s in seeds] == from_js
    page.context.close()


def test_new_question_types_answered_right_score_full(browser: Browser, serve_mini: StaticServer) -> None:
    """Ordering, matching and scenario answered right give 100%."""
    seed = next(s for s in range(1000) if {"e-order", "e-match", "e-scen"} == set(present(ENGINE_QUIZ, s).question_ids))
    page = open_with_draft(browser, serve_mini, "engine", {"seed": seed, "answers": {}, "hints": []})
    answer_right(page, ENGINE_QUIZ, ["e-order", "e-match", "e-scen"])
    page.click('[data-action="submit"]')
    assert "100" == percent_shown(page)
    page.context.close()


def test_hint_costs_points(browser: Browser, serve_mini: StaticServer) -> None:
    """A used hint is shown, recorded, and costs hint_cost of the question's points."""
    seed = seed_showing("e-single")
    page = open_with_draft(browser, serve_mini, "engine", {"seed": seed, "answers": {}, "hints": []})
    page.click('[data-question-id="e-single"] [data-action="hint"]')
    assert page.is_visible('[data-question-id="e-single"] .quiz-hint__text')
    answer_right(page, ENGINE_QUIZ, ["e-single"])
    page.click('[data-action="submit"]')
    percent_shown(page)
    assert "0.5 / 1 分（看过提示）" in page.inner_text('[data-question-id="e-single"] .quiz-feedback__status')
    page.context.close()


def test_resume_restores_and_discard_starts_over(browser: Browser, serve_mini: StaticServer) -> None:
    """Coming back mid-attempt offers resume (answers back) or discard (a fresh attempt)."""
    page, _ = open_page(browser, serve_mini.url)
    page.goto(serve_mini.url + "quiz/sample/")
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.reload()
    page.click('[data-action="resume"]')
    resumed = page.is_checked('[data-question-id="s-single"] input[value="B"]')
    page.reload()
    page.click('[data-action="discard"]')
    discarded = page.is_checked('[data-question-id="s-single"] input[value="B"]')
    assert (True, False) == (resumed, discarded)
    page.context.close()


def test_time_limit_submits_at_zero(browser: Browser, serve_mini: StaticServer) -> None:
    """At zero the answers given so far are locked and scored; unanswered ones score 0."""
    page, _ = open_page(browser, serve_mini.url)
    page.goto(serve_mini.url + "quiz/timed/")
    page.check('[data-question-id="t-one"] input[value="true"]')
    assert "50" == percent_shown(page)
    assert (True, "时间到") == (
        page.is_disabled('[data-question-id="t-two"] input[value="false"]'),
        page.inner_text("[data-timer]")[:3],
    )
    page.context.close()


def test_mastery_progress_after_attempts(browser: Browser, serve_mini: StaticServer) -> None:
    """Two fully right attempts (6 questions) reach mastery of 3 of the last 4."""
    page = None
    for _ in range(2):
        seed = next(s for s in range(1000) if "e-single" not in present(ENGINE_QUIZ, s).question_ids)
        if page is None:
            page = open_with_draft(browser, serve_mini, "engine", {"seed": seed, "answers": {}, "hints": []})
        else:
            page.click('[data-action="restart"]')
        shown = page.eval_on_selector_all(".quiz-question:not([hidden])", "els => els.map(e => e.dataset.questionId)")
        answer_right(page, ENGINE_QUIZ, shown)
        page.click('[data-action="submit"]')
        percent_shown(page)
    assert page is not None
    page.wait_for_selector('[data-mastery="mastered"]', timeout=WAIT_MS)
    page.context.close()


def test_attempt_of_an_older_version_is_kept_and_named(browser: Browser, serve_mini: StaticServer) -> None:
    """An attempt stored for another version shows a message in the history and stays stored."""
    page, _ = open_page(browser, serve_mini.url)
    old = {
        "id": "x",
        "quiz_id": "sample",
        "version": "0" * 64,
        "answers": {},
        "result": {"percent": 40},
        "submitted_at": "2026-01-01T00:00:00Z",
    }
    page.add_init_script(f"localStorage.setItem('cadre:v1:attempt:sample:x', {json.dumps(json.dumps(old))})")
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector("[data-history]:not([hidden])", timeout=WAIT_MS)
    stored = json.loads(page.evaluate("localStorage.getItem('cadre:v1:attempt:sample:x')"))
    assert (True, old) == ("按当时的版本保留" in page.inner_text("[data-history]"), stored)
    page.context.close()


def test_wrong_answers_go_to_the_review_page(browser: Browser, serve_mini: StaticServer) -> None:
    """A missed question appears on the review page; answering it right reschedules it."""
    page, _ = open_page(browser, serve_mini.url)
    page.goto(serve_mini.url + "quiz/timed/")
    page.check('[data-question-id="t-one"] input[value="true"]')
    page.check('[data-question-id="t-two"] input[value="true"]')
    page.click('[data-action="submit"]')
    percent_shown(page)
    page.goto(serve_mini.url + "review/")
    page.wait_for_selector('[data-review] [data-question-id="t-two"]', timeout=WAIT_MS)
    page.check('[data-review] [data-question-id="t-two"] input[value="false"]')
    page.click('[data-action="check"]')
    page.wait_for_selector('[data-review] [data-status="correct"]', timeout=WAIT_MS)
    book = json.loads(page.evaluate("localStorage.getItem('cadre:v1:review')"))
    assert 2 == book["items"]["t-two"]["box"]
    page.context.close()
