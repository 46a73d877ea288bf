"""A learner on the quiz page, in Chromium: answer, submit, see the score; nothing lost on failure."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, Route

from . import storage
from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 60_000


def answer_sample(page: Page) -> None:
    """6 of 8 points: single right (2), multiple 2 of 3 (2), true/false right (1), one blank of two (1)."""
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.check('[data-question-id="s-multiple"] input[value="A"]')
    page.check('[data-question-id="s-multiple"] input[value="B"]')
    page.check('[data-question-id="s-truefalse"] input[value="true"]')
    page.fill('[data-question-id="s-fill"] input[data-blank="0"]', "半")


def result_of(page: Page) -> tuple[str | None, str | None, str | None]:
    result = page.locator("[data-result]")
    result.wait_for(timeout=ENGINE_WAIT_MS)
    return (
        result.get_attribute("data-points"),
        result.get_attribute("data-max-points"),
        result.get_attribute("data-percent"),
    )


def test_answer_submit_and_see_score(new_page: NewPage, serve_mini: StaticServer) -> None:
    """The score shown is the one the rules give, with no 404 and no other origin."""
    page, traffic = new_page(serve_mini.url)
    page.goto(serve_mini.url + "quiz/sample/")
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert ("6", "8", "75") == result_of(page)
    assert "部分正确" in page.inner_text('[data-question-id="s-multiple"] .quiz-feedback')
    assert ([], []) == (traffic.failures, traffic.foreign)


def test_quiz_is_answerable_before_the_engine_loads(new_page: NewPage, serve_mini: StaticServer) -> None:
    """With the engine held back, answering works and the score comes once it is ready."""
    page, _ = new_page(serve_mini.url)
    held: list[Route] = []
    page.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(serve_mini.url + "quiz/sample/")
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert "还在加载" in page.inner_text("[data-waiting]")
    for _ in range(100):  # let the held request arrive (at most 10 s)
        if held:
            break
        page.wait_for_timeout(100)
    assert 1 == len(held)
    held[0].continue_()
    assert ("6", "8", "75") == result_of(page)


def test_answers_survive_a_reload(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Answers are saved as they are given and come back after a reload (on resume)."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url + "quiz/sample/")
    answer_sample(page)
    page.reload()
    page.click('[data-action="resume"]')
    restored = (
        page.is_checked('[data-question-id="s-single"] input[value="B"]'),
        page.is_checked('[data-question-id="s-multiple"] input[value="B"]'),
        page.input_value('[data-question-id="s-fill"] input[data-blank="0"]'),
    )
    assert (True, True, "半") == restored


def test_failed_engine_keeps_answers_and_retry_works(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Missing engine files: a plain message, answers kept, and retry scores once the files are back."""
    page, _ = new_page(serve_mini.url)
    page.context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(serve_mini.url + "quiz/sample/")
    answer_sample(page)
    page.wait_for_selector('[data-engine-status="failed"]', timeout=ENGINE_WAIT_MS)
    page.click('[data-action="submit"]')
    assert "作答已保存" in page.inner_text("[data-waiting]")
    assert page.is_checked('[data-question-id="s-single"] input[value="B"]')
    page.context.unroute("**/pyodide.asm.wasm")
    page.click('[data-action="retry"]')
    assert ("6", "8", "75") == result_of(page)


def test_corrupted_archive_is_refused(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A scoring archive whose hash does not match the page is not run."""
    page, _ = new_page(serve_mini.url)
    page.context.route("**/scoring.zip", lambda route: route.fulfill(status=200, body=b"PK\x03\x04 not the archive"))
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('[data-engine-status="failed"]', timeout=ENGINE_WAIT_MS)
    assert ("damaged", True) == (
        page.get_attribute(".quiz-engine", "data-engine-failure"),
        "scoring.zip" in page.inner_text(".quiz-engine") and "已损坏" in page.inner_text(".quiz-engine"),
    )


# Web Locks' query answers 2 s late, as on a busy phone: the page is still starting when the learner answers.
SLOW_LOCK_QUERY = """
if (navigator.locks?.query) {
  const query = navigator.locks.query.bind(navigator.locks);
  navigator.locks.query = () => new Promise((resolve) => setTimeout(() => resolve(query()), 2000));
}
"""


def test_answers_given_while_the_page_starts_are_kept(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Answers ticked while the page asks for its locks are in the form and the draft once it has begun."""
    page, _ = new_page(serve_mini.url)
    page.add_init_script(SLOW_LOCK_QUERY)
    page.goto(serve_mini.url + "quiz/sample/")
    page.check('[data-question-id="s-single"] input[value="B"]')
    drafts: dict[str, object] = {}
    for _ in range(100):  # the page begins within 2 s and some more on a loaded machine (at most 20 s)
        drafts = storage.stored_values(page, "draft:")
        if drafts:
            break
        page.wait_for_timeout(200)
    assert 1 == len(drafts)
    (draft,) = drafts.values()
    assert isinstance(draft, dict)
    assert ["s-single"] == list(draft["answers"])
    assert page.is_checked('[data-question-id="s-single"] input[value="B"]')


# When the score appears, reads what the wrong-answer book holds in IndexedDB at that moment.
BOOK_WHEN_SCORED = """
new MutationObserver((changes, observer) => {
  if (!document.querySelector("[data-result]")) return;
  observer.disconnect();
  const open = indexedDB.open("cadre", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("records");
  open.onsuccess = () => {
    const read = open.result.transaction("records", "readonly").objectStore("records").get("review");
    read.onsuccess = () => { window.bookWhenScored = read.result ?? null; };
  };
}).observe(document, { childList: true, subtree: true, attributes: true });
"""


def test_the_wrong_answer_book_is_kept_before_the_score_shows(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A learner who taps 错题本 the moment the score shows finds the questions just missed."""
    page, _ = new_page(serve_mini.url)
    page.add_init_script(BOOK_WHEN_SCORED)
    page.goto(serve_mini.url + "quiz/sample/")
    answer_sample(page)
    page.click('[data-action="submit"]')
    result_of(page)
    page.wait_for_function("() => window.bookWhenScored !== undefined", timeout=ENGINE_WAIT_MS)
    text = page.evaluate("() => window.bookWhenScored")
    assert text is not None, "the wrong-answer book was empty when the score showed"
    assert ["s-fill", "s-multiple"] == sorted(json.loads(text)["items"])
