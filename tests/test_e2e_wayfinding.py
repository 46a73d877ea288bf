"""Way-finding on the phone (360×640): from a result onwards, quiz to quiz, the 错题本 in one tap and grouped."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import NewPage
from .sites import StaticServer
from .storage import stored_values
from .test_e2e_quiz import answer_sample, result_of

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 60_000
SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}


def test_result_links_to_the_book_the_module_and_the_next_quiz(new_page: NewPage, serve_real: StaticServer) -> None:
    """基层干部怎样成长's result: 错题本 with its count, back to the module, on to the next module's quiz
    (the menu's order); the footer has the previous and next module's quizzes."""
    page, _ = new_page(serve_real.url, **SMALL_PHONE)
    page.goto(serve_real.url + "quiz/theory-growth/")
    pager = page.locator("[data-quiz-pager]")
    assert ["上一个模块自测基层干部的位置与担当", "下一个模块自测好干部的标准与选人原则"] == [
        text.replace("\n", "") for text in pager.locator("a").all_inner_texts()
    ]
    box = page.locator("[data-question-id]:not([hidden])").first
    box.locator("input").first.check()  # one answer, whatever it is; the rest blank
    page.click('[data-action="submit"]')
    page.click('[data-action="submit-anyway"]')
    page.locator("[data-result-links]").wait_for(timeout=ENGINE_WAIT_MS)
    page.locator("[data-history]:not([hidden])").wait_for()  # shown once the misses are in the book
    missed = len(stored_values(page, "review").get("review", {"items": {}})["items"])
    links = page.locator("[data-result-links] a")
    assert [
        f"错题本（{missed} 题）",
        "回到本模块：基层干部怎样成长",
        "下一个模块自测：好干部的标准与选人原则",
    ] == links.all_inner_texts()
    page.click('[data-way="next"]')
    page.wait_for_url("**/quiz/theory-standards/")
    page.go_back()
    page.click('[data-way="module"]')
    page.wait_for_url("**/theory/growth/")


def test_review_book_in_one_tap_grouped_by_module(new_page: NewPage, serve_mini: StaticServer) -> None:
    """From the result and from the home page one tap reaches the 错题本, which lists every question
    in it under its module (data-total) and says on the card which module the question is from."""
    page, _ = new_page(serve_mini.url, **SMALL_PHONE)
    page.goto(serve_mini.url + "quiz/sample/")
    answer_sample(page)  # the multiple-choice and the fill-in questions partly right
    page.click('[data-action="submit"]')
    result_of(page)
    expect(page.locator('[data-way="review"]')).to_have_text("错题本（2 题）")
    page.click('[data-way="review"]')
    page.wait_for_url("**/review/")
    group = page.locator('[data-review-all] [data-review-group="sample"]')
    group.wait_for(timeout=ENGINE_WAIT_MS)
    assert "2" == page.get_attribute("[data-review]", "data-total")
    assert ("2", "样例测验（2 题）") == (group.get_attribute("data-count"), group.locator("h3").inner_text())
    assert ["s-fill", "s-multiple"] == group.locator("[data-review-item]").evaluate_all(
        "rows => rows.map(r => r.dataset.reviewItem)"
    )
    assert "挂职考核要写哪些材料？" in group.inner_text()
    assert "出自：样例测验" in page.inner_text(".review-card")
    page.goto(serve_mini.url)
    page.click("[data-home-review]")
    page.wait_for_url("**/review/")
