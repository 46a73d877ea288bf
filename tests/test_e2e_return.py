"""The quiz page on a learner's phone: a submitted result survives Back and reload, the browser never
refills old choices, answers given before the script runs are kept, the wait for the engine is
shown at the submit button, and blank questions are named before submitting."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from .browser import NewPage
from .sites import StaticServer
from .storage import READ_ALL, stored_values
from .test_e2e_quiz import answer_sample, result_of
from .test_layout_shift import PHONE

pytestmark = pytest.mark.browser

ENGINE_WAIT_MS = 90_000
SAMPLE = "quiz/sample/"
CHOICES = ".quiz-form input:checked, .quiz-form input[data-blank]"


def submitted_sample(new_page: NewPage, server: StaticServer) -> Page:
    """The sample quiz answered (6 of 8 points) and scored."""
    page, _ = new_page(server.url, **PHONE)
    page.goto(server.url + SAMPLE)
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert ("6", "8", "75") == result_of(page)
    return page


def storage(page: Page, prefix: str) -> dict[str, Any]:
    return stored_values(page, prefix.removeprefix("cadre:v1:"))


def test_back_after_a_lesson_link_shows_the_result_and_feedback(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Submit, tap 查看讲解, press Back: the result (data-points) and each question's feedback are back."""
    page = submitted_sample(new_page, serve_mini)
    page.click('[data-question-id="s-multiple"] .quiz-feedback a')
    page.wait_for_url("**/secondment/**")
    page.go_back()
    page.wait_for_selector('[data-result][data-points="6"]', timeout=ENGINE_WAIT_MS)
    page.wait_for_selector('[data-question-id="s-multiple"] .quiz-feedback:not([hidden])', timeout=ENGINE_WAIT_MS)
    shown = (
        page.inner_text('[data-question-id="s-multiple"] .quiz-feedback__status').split(" ")[0],
        page.is_checked('[data-question-id="s-single"] input[value="B"]'),
        page.is_visible('[data-action="restart"]'),
        page.is_visible('[data-action="submit"]'),
    )
    assert ("部分正确", True, True, False) == shown


def test_reload_shows_the_saved_score_before_the_engine_is_ready(new_page: NewPage, serve_mini: StaticServer) -> None:
    """After a reload with the engine held back, the saved score is on the page at once."""
    page = submitted_sample(new_page, serve_mini)
    page.context.route("**/engine-worker.mjs", lambda route: route.abort())
    page.reload()
    page.wait_for_selector('[data-result][data-points="6"]')
    assert ("8", "75") == (
        page.get_attribute("[data-result]", "data-max-points"),
        page.get_attribute("[data-result]", "data-percent"),
    )


def test_a_new_attempt_starts_only_from_restart_with_nothing_ticked(
    new_page: NewPage, serve_mini: StaticServer
) -> None:
    """Back, then 再做一次: no old choice is ticked, the draft is empty, and the form refuses autofill."""
    page = submitted_sample(new_page, serve_mini)
    page.goto(serve_mini.url)
    page.go_back()
    page.wait_for_selector('[data-result][data-points="6"]')
    drafts_before = storage(page, "cadre:v1:draft:")
    page.click('[data-action="restart"]')
    ticked = page.eval_on_selector_all(CHOICES, "els => els.filter((e) => e.checked || e.value).length")
    drafts = storage(page, "cadre:v1:draft:")
    refused = page.eval_on_selector_all(
        ".quiz-form, .quiz-form input, .quiz-form select", "els => els.every((e) => e.autocomplete === 'off')"
    )
    answers = [d.get("answers") for d in drafts.values()]
    assert ({}, 0, True, [{}]) == (drafts_before, ticked, refused, answers)


def test_answers_given_before_the_script_runs_are_kept(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Ticked and typed while quiz.js is held back, the answers stay on the page and go into the draft."""
    page, _ = new_page(serve_mini.url, **PHONE)
    held: list[Route] = []
    page.context.route("**/assets/quiz/quiz.js", lambda route: held.append(route))
    page.goto(serve_mini.url + SAMPLE, wait_until="commit")  # a held module script holds DOMContentLoaded
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.fill('[data-question-id="s-fill"] input[data-blank="0"]', "半")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    held[0].continue_()
    page.wait_for_selector(".quiz[data-ready]")
    page.wait_for_function(f"async () => Object.keys(await ({READ_ALL})()).some((k) => k.startsWith('draft:sample'))")
    draft = next(iter(storage(page, "cadre:v1:draft:sample").values()))
    on_page = (
        page.is_checked('[data-question-id="s-single"] input[value="B"]'),
        page.input_value('[data-question-id="s-fill"] input[data-blank="0"]'),
    )
    assert ((True, "半"), "B", "半") == (on_page, draft["answers"].get("s-single"), draft["answers"]["s-fill"][0])


def in_view(page: Page, selector: str) -> bool:
    inside: bool = page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }",
    )
    return inside


def test_waiting_for_the_engine_is_shown_at_the_submit_button(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Submit while the engine loads: the status line beside the button says so, then the score comes."""
    page, _ = new_page(serve_mini.url, **PHONE)
    held: list[Route] = []
    page.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(serve_mini.url + SAMPLE)
    answer_sample(page)
    page.click('[data-action="submit"]')
    page.wait_for_selector("[data-waiting]:not([hidden])")
    seen = (in_view(page, "[data-waiting]"), "还在加载" in page.inner_text("[data-waiting]"))
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    held[0].continue_()
    assert ((True, True), ("6", "8", "75")) == (seen, result_of(page))


def test_retry_after_a_failed_load_is_at_the_submit_button(new_page: NewPage, serve_mini: StaticServer) -> None:
    """With the engine files missing, the status line at the button offers 重试, which scores once they are back."""
    page, _ = new_page(serve_mini.url, **PHONE)
    page.context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(serve_mini.url + SAMPLE)
    answer_sample(page)
    page.wait_for_selector('[data-engine-status="failed"]', timeout=ENGINE_WAIT_MS)
    page.click('[data-action="submit"]')
    retry = page.locator('[data-waiting] [data-action="retry-score"]')
    retry.wait_for()
    on_screen = in_view(page, '[data-waiting] [data-action="retry-score"]')
    page.context.unroute("**/pyodide.asm.wasm")
    retry.click()
    assert (True, ("6", "8", "75")) == (on_screen, result_of(page))


def test_blank_questions_are_named_before_submitting(new_page: NewPage, serve_mini: StaticServer) -> None:
    """With 3 of 4 questions blank, submit names them; 返回作答 goes to the first; nothing is scored yet."""
    page, _ = new_page(serve_mini.url, **PHONE)
    page.goto(serve_mini.url + SAMPLE)
    page.wait_for_selector('[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.click('[data-action="submit"]')
    warning = page.locator("[data-unanswered]")
    warning.wait_for()
    text = warning.inner_text()
    page.click('[data-action="back-to-answer"]')
    focused = page.evaluate("document.activeElement.closest('[data-question-id]')?.dataset.questionId")
    assert (True, "s-multiple", 0) == (
        "第 2、3、4 题" in text,
        focused,
        page.locator("[data-result]").count(),
    )


def test_blank_questions_stay_out_of_the_review_book(new_page: NewPage, serve_mini: StaticServer) -> None:
    """仍然提交 scores the attempt; only the wrong answer goes into the 错题本, not the blank ones."""
    page, _ = new_page(serve_mini.url, **PHONE)
    page.goto(serve_mini.url + SAMPLE)
    page.check('[data-question-id="s-single"] input[value="A"]')  # wrong
    page.click('[data-action="submit"]')
    page.click('[data-action="submit-anyway"]')
    result_of(page)
    # The book as first committed, read in the same snapshot that showed it exists.
    found = page.wait_for_function(
        f"async () => (await ({READ_ALL})())['review'] ?? false", timeout=ENGINE_WAIT_MS
    ).json_value()
    assert ["s-single"] == sorted(json.loads(found)["items"])
