"""A−/A+ (适老化) in the header: scales the whole page, remembered on the device, and at the largest
size no page scrolls sideways on a 360 px phone (Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser
SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}
SMALLER = '[data-text-size-step="smaller"]'
LARGER = '[data-text-size-step="larger"]'
MINI_PAGES = ["", "quiz/sample/", "tools/ledger/", "tools/summary/", "daily/", "review/"]
REAL_PAGES = ["", "selftest/", "theory/", "theory/growth/", "quiz/theory-growth/", "glossary/"]


def root_px(page: Page) -> float:
    size: float = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    return size


def body_px(page: Page) -> float:
    size: float = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    return size


def sideways(page: Page) -> int:
    overflow: int = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return overflow


def test_larger_text_is_remembered_and_scales_the_page(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A+ three times is the largest (1.5×, A+ then disabled); the text of the page grows with it;
    another page and a reload open at that size; A− brings it back to the site's size."""
    page, _ = new_page(serve_mini.url, **SMALL_PHONE)
    page.goto(serve_mini.url)
    base_root, base_body = root_px(page), body_px(page)
    assert page.is_disabled(SMALLER)
    for _ in range(3):
        page.click(LARGER)
    assert page.is_disabled(LARGER)
    assert (1.5, 1.5) == (round(root_px(page) / base_root, 2), round(body_px(page) / base_body, 2))
    page.goto(serve_mini.url + "quiz/sample/")
    assert "3" == page.get_attribute("html", "data-text-size")
    page.reload()
    assert 1.5 == round(root_px(page) / base_root, 2)
    for _ in range(3):
        page.click(SMALLER)
    assert page.get_attribute("html", "data-text-size") is None
    page.reload()
    assert base_root == root_px(page)


@pytest.mark.parametrize("site", ["mini", "real"])
def test_no_sideways_scroll_at_the_largest_size(
    new_page: NewPage, serve_mini: StaticServer, serve_real: StaticServer, site: str
) -> None:
    """At 1.5× every learner page fits 360 px: no horizontal scroll."""
    server, paths = (serve_mini, MINI_PAGES) if site == "mini" else (serve_real, REAL_PAGES)
    page, _ = new_page(server.url, **SMALL_PHONE)
    page.goto(server.url)
    for _ in range(3):
        page.click(LARGER)
    wide = {}
    for path in paths:
        page.goto(server.url + path)
        if path == "daily/":
            page.locator("[data-daily] .quiz-form:not([hidden])").wait_for()  # the day's questions in place
        assert "3" == page.get_attribute("html", "data-text-size")
        if sideways(page):
            wide[path] = sideways(page)
    assert {} == wide
