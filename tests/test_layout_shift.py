"""Nothing moves under the learner's thumb while the engine loads: on a 360×640 phone with WeChat's
browser, the quiz's questions and the ledger's form stay where they were when the engine is ready."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser

ENGINE_WAIT_MS = 90_000
WECHAT = (
    "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 "
    "MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
PHONE = {"viewport": {"width": 360, "height": 640}, "user_agent": WECHAT, "is_mobile": True, "has_touch": True}
# Every layout shift since the page started, summed (what Lighthouse reports as CLS for a short visit):
# a buffered observer hands over all earlier entries at once; with none, there is nothing to wait for.
SHIFT_TOTAL = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    resolve(list.getEntries().filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0));
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(0), 3000)));
})"""


def top_of(page: Page, selector: str) -> float:
    value: float = page.eval_on_selector(selector, "el => el.getBoundingClientRect().top + scrollY")
    return value


def test_first_question_stays_put_when_the_engine_is_ready(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Question 1 is at the same height while the engine loads and once it is ready."""
    page, _ = new_page(serve_mini.url, **PHONE)
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('.quiz-engine[data-engine-status="loading"]')
    loading = top_of(page, ".quiz-question:not([hidden])")
    page.wait_for_selector('.quiz-engine[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    assert loading == top_of(page, ".quiz-question:not([hidden])")


def test_quiz_page_layout_shift_is_small(new_page: NewPage, serve_mini: StaticServer) -> None:
    """From first paint to engine ready the quiz page's layout shifts add up to at most 0.05 (CLS)."""
    page, _ = new_page(serve_mini.url, **PHONE)
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('.quiz-engine[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    assert page.evaluate(SHIFT_TOTAL) <= 0.05


def test_ledger_layout_shift_is_small(new_page: NewPage, serve_mini: StaticServer) -> None:
    """From first paint to the tally on screen the ledger's layout shifts add up to at most 0.05 (CLS)."""
    page, _ = new_page(serve_mini.url, **PHONE)
    page.goto(serve_mini.url + "tools/ledger/")
    page.wait_for_selector("[data-tally]", timeout=ENGINE_WAIT_MS)
    assert page.evaluate(SHIFT_TOTAL) <= 0.05
