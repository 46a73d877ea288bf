"""Quiz engine features in Chromium: draws, new types, resume, hints, time limit, history, review."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page

from quizkit.sources import Bank
from scoring.draw import present
from scoring.model import Quiz

from . import storage
from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def engine_quiz(mini_bank: Bank) -> Quiz:
    """The mini project's quiz with every question type."""
    return mini_bank.quizzes["engine"]


def seed_showing(quiz: Quiz, question_id: str) -> int:
    """The first seed whose draw includes ``question_id``."""
    return next(seed for seed in range(1000) if question_id in present(quiz, seed).question_ids)


def open_with_draft(new_page: NewPage, server: StaticServer, quiz: Quiz, draft: dict[str, Any] | None) -> Page:
    page, _ = new_page(server.url)
    if draft is not None:
        draft = {"version": quiz.version, "startedAt": "2026-11-22T00:00:00Z"} | draft
        page.add_init_script(f"localStorage.setItem('cadre:v1:draft:{quiz.id}', {json.dumps(json.dumps(draft))})")
    page.goto(server.url + f"quiz/{quiz.id}/")
    # The draw is laid out once the store has opened (after the load event): until then the static
    # page shows every question.
    page.wait_for_selector(".quiz[data-ready]")
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


def test_page_lays_out_the_same_draw_as_python(new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz) -> None:
    """For a recorded seed, the page shows the questions and option order Python scores."""
    seed = 424242
    page = open_with_draft(new_page, serve_mini, engine_quiz, {"seed": seed, "answers": {}, "hints": []})
    expected = present(engine_quiz, seed)
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


def test_js_and_python_draws_agree_over_many_seeds(
    new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz
) -> None:
    """draw.js and scoring/draw.py give identical presentations for 50 seeds."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url + "quiz/engine/")
    seeds = [0, 1, 2, 4294967295, *range(1000, 1046)]
    script = "async ([quiz, seeds]) => { const m = await import('../../assets/quiz/draw.js'); return seeds.map(s => m.present(quiz, s)); }"
    from_js = page.evaluate(script, [engine_quiz.to_dict(), seeds])
    assert [present(engine_quiz, s).to_dict() for s in seeds] == from_js


def test_new_question_types_answered_right_score_full(
    new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz
) -> None:
    """Ordering, matching and scenario answered right give 100%."""
    seed = next(s for s in range(1000) if {"e-order", "e-match", "e-scen"} == set(present(engine_quiz, s).question_ids))
    page = open_with_draft(new_page, serve_mini, engine_quiz, {"seed": seed, "answers": {}, "hints": []})
    answer_right(page, engine_quiz, ["e-order", "e-match", "e-scen"])
    page.click('[data-action="submit"]')
    assert "100" == percent_shown(page)


def test_hint_costs_points(new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz) -> None:
    """A used hint is shown, recorded, and costs hint_cost of the question's points."""
    seed = seed_showing(engine_quiz, "e-single")
    page = open_with_draft(new_page, serve_mini, engine_quiz, {"seed": seed, "answers": {}, "hints": []})
    page.click('[data-question-id="e-single"] [data-action="hint"]')
    assert page.is_visible('[data-question-id="e-single"] .quiz-hint__text')
    answer_right(page, engine_quiz, ["e-single"])
    page.click('[data-action="submit"]')
    page.click('[data-action="submit-anyway"]')  # the other drawn questions stay blank
    percent_shown(page)
    assert "0.5 / 1 分（看过提示）" in page.inner_text('[data-question-id="e-single"] .quiz-feedback__status')


def test_resume_restores_and_discard_starts_over(
    new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz
) -> None:
    """Coming back mid-attempt offers resume (answers back) or discard (a fresh attempt)."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url + "quiz/sample/")
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.reload()
    page.click('[data-action="resume"]')
    resumed = page.is_checked('[data-question-id="s-single"] input[value="B"]')
    page.reload()
    page.click('[data-action="discard"]')
    discarded = page.is_checked('[data-question-id="s-single"] input[value="B"]')
    assert (True, False) == (resumed, discarded)


def test_time_limit_submits_at_zero(new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz) -> None:
    """At zero the answers given so far are locked and scored; unanswered ones score 0."""
    page, _ = new_page(serve_mini.url)
    # The page's clock stands still until the test moves it, so a loaded machine cannot run out the 3 s.
    page.clock.install()
    page.clock.pause_at(datetime.now(UTC) + timedelta(seconds=1))
    page.goto(serve_mini.url + "quiz/timed/")
    page.check('[data-question-id="t-one"] input[value="true"]')
    page.clock.run_for(4000)
    assert "50" == percent_shown(page)
    assert (True, "时间到") == (
        page.is_disabled('[data-question-id="t-two"] input[value="false"]'),
        page.inner_text("[data-timer]")[:3],
    )


def test_mastery_progress_after_attempts(new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz) -> None:
    """Two fully right attempts (6 questions) reach mastery of 3 of the last 4."""
    page = None
    for _ in range(2):
        seed = next(s for s in range(1000) if "e-single" not in present(engine_quiz, s).question_ids)
        if page is None:
            page = open_with_draft(new_page, serve_mini, engine_quiz, {"seed": seed, "answers": {}, "hints": []})
        else:
            page.click('[data-action="restart"]')
        shown = page.eval_on_selector_all(".quiz-question:not([hidden])", "els => els.map(e => e.dataset.questionId)")
        answer_right(page, engine_quiz, shown)
        page.click('[data-action="submit"]')
        percent_shown(page)
    assert page is not None
    page.wait_for_selector('[data-mastery="mastered"]', timeout=WAIT_MS)


def test_attempt_of_an_older_version_is_kept_and_named(
    new_page: NewPage, serve_mini: StaticServer, engine_quiz: Quiz
) -> None:
    """An attempt of a version not in the archive is listed as recorded, saying why, and stays stored."""
    page, _ = new_page(serve_mini.url)
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
    stored = json.loads(storage.stored(page)["attempt:sample:x"])
    assert (True, old) == ("无法重新计分" in page.inner_text("[data-history]"), stored)


def test_wrong_answers_go_to_the_review_page(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A missed question appears on the review page; answering it right reschedules it."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url + "quiz/sample/")
    # Everything right but the true/false question (no time limit: a loaded machine cannot run out the clock).
    page.check('[data-question-id="s-single"] input[value="B"]')
    for key in ("A", "B", "D"):
        page.check(f'[data-question-id="s-multiple"] input[value="{key}"]')
    page.check('[data-question-id="s-truefalse"] input[value="false"]')
    page.fill('[data-question-id="s-fill"] input[data-blank="0"]', "半")
    page.fill('[data-question-id="s-fill"] input[data-blank="1"]', "总结")
    page.click('[data-action="submit"]')
    percent_shown(page)
    page.goto(serve_mini.url + "review/")
    page.wait_for_selector('[data-review] [data-question-id="s-truefalse"]', timeout=WAIT_MS)
    # Review items carry no number (they come from several quizzes), and no space is left for one.
    indent = page.evaluate(
        """() => { const stem = document.querySelector('[data-review] [data-question-id="s-truefalse"] .quiz-stem');
        return stem.querySelector("small").getBoundingClientRect().left - stem.getBoundingClientRect().left; }"""
    )
    assert indent < 1
    page.check('[data-review] [data-question-id="s-truefalse"] input[value="true"]')
    page.click('[data-action="check"]')
    page.wait_for_selector('[data-review] [data-status="correct"]', timeout=WAIT_MS)
    book = json.loads(storage.stored(page)["review"])
    assert (["s-truefalse"], 2) == (list(book["items"]), book["items"]["s-truefalse"]["box"])
