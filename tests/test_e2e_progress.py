"""Progress on the phone (360×640): module status on 自测 and the area indexes, 继续上次学习 on the home page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browser import NewPage
from .sites import StaticServer
from .storage import put_records
from .test_e2e_quiz import answer_sample, result_of

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 60_000
SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}


def statuses(page: Page) -> dict[str, str]:
    found: dict[str, str] = page.eval_on_selector_all(
        "[data-quiz-status][data-quiz-id]",
        "rows => Object.fromEntries(rows.map(r => [r.dataset.quizId, r.dataset.quizStatus]))",
    )
    return found


def submit_blank(page: Page, server: StaticServer, quiz_id: str) -> None:
    page.goto(f"{server.url}quiz/{quiz_id}/")
    page.click('[data-action="submit"]')
    page.click('[data-action="submit-anyway"]')
    page.locator("[data-result]").wait_for(timeout=ENGINE_WAIT_MS)


def test_quiz_list_marks_a_pass_and_a_fail(new_page: NewPage, serve_mini: StaticServer) -> None:
    """未做 everywhere at first; after a passed attempt and a failed one, 已通过 and 未通过 on those rows."""
    page, _ = new_page(serve_mini.url, **SMALL_PHONE)
    page.goto(serve_mini.url + "selftest/")
    assert {"engine": "none", "sample": "none", "timed": "none"} == statuses(page)
    assert "未做" in page.inner_text('[data-quiz-id="sample"]')
    page.goto(serve_mini.url + "quiz/sample/")
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert "75" == result_of(page)[2]  # pass mark 60
    submit_blank(page, serve_mini, "engine")
    page.goto(serve_mini.url + "selftest/")
    assert {"engine": "failed", "sample": "passed", "timed": "none"} == statuses(page)
    assert ("已通过", "未通过") == (
        page.inner_text('[data-quiz-id="sample"] .quiz-status'),
        page.inner_text('[data-quiz-id="engine"] .quiz-status'),
    )


def test_area_index_counts_the_passed_modules(new_page: NewPage, serve_real: StaticServer) -> None:
    """理论学习's index: every module row marked, 已通过 n / 6 个模块 from the learner's attempts."""
    page, _ = new_page(serve_real.url, **SMALL_PHONE)
    page.goto(serve_real.url + "theory/")
    assert 6 == len(statuses(page))
    assert set(statuses(page).values()) == {"none"}
    assert "已通过 0 / 6 个模块" == page.inner_text("[data-area-progress]")
    submit_blank(page, serve_real, "theory-position")
    # A passed attempt as the quiz page keeps it (the status reads only its result).
    passed = {"id": "a1", "quiz_id": "theory-growth", "version": "v", "seed": 1, "answers": {}, "hints": []}
    passed |= {"result": {"points": 9, "max_points": 10, "percent": 90, "passed": True}}
    passed |= {"started_at": "2026-12-03T01:00:00Z", "submitted_at": "2026-12-03T01:05:00Z"}
    put_records(page, {"attempt:theory-growth:a1": passed})
    page.goto(serve_real.url + "theory/")
    marks = statuses(page)
    assert ("failed", "passed") == (marks["theory-position"], marks["theory-growth"])
    assert "已通过 1 / 6 个模块" == page.inner_text("[data-area-progress]")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert 0 == overflow


def test_continue_goes_back_to_the_last_module(new_page: NewPage, serve_real: StaticServer) -> None:
    """Nothing to continue at first; after opening a module page, the home page links back to it."""
    page, _ = new_page(serve_real.url, **SMALL_PHONE)
    page.goto(serve_real.url)
    assert page.locator("[data-continue]").is_hidden()
    page.goto(serve_real.url + "theory/growth/")
    page.goto(serve_real.url)
    line = page.locator("[data-continue]")
    assert ("page", "基层干部怎样成长") == (line.get_attribute("data-continue"), line.locator("a").inner_text())
    line.locator("a").click()
    page.wait_for_url("**/theory/growth/")


def test_continue_prefers_an_unfinished_attempt(new_page: NewPage, serve_mini: StaticServer) -> None:
    """An attempt with answers, saved after the last page opened, is where 继续上次学习 leads."""
    page, _ = new_page(serve_mini.url, **SMALL_PHONE)
    page.goto(serve_mini.url + "quiz/timed/")
    page.goto(serve_mini.url + "quiz/sample/")
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.goto(serve_mini.url)
    line = page.locator("[data-continue]")
    assert "draft" == line.get_attribute("data-continue")
    assert "样例测验（有未提交的作答）" in line.inner_text()
    line.locator("a").click()
    page.wait_for_url("**/quiz/sample/")
    assert page.locator('[data-action="resume"]').is_visible()
