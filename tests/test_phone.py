"""The real site on a 360×640 phone screen: no sideways scrolling, thumb-sized targets, readable type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from .sites import StaticServer
from .test_e2e_site import page_paths

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const doc = document.documentElement;
  const small = [];
  const targets = ".quiz-option, .quiz-blank, .quiz-actions button, .quiz-engine button, .offline-update button";
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.height < 44 || box.width < 44)) small.push(`${el.className} ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  const text = document.querySelector(".md-content .md-typeset");
  return { overflow: doc.scrollWidth - doc.clientWidth, small, body: parseFloat(getComputedStyle(text).fontSize) };
}"""


@pytest.fixture(scope="module")
def phone_layouts(browser: Browser, serve_real: StaticServer, real_site: Path) -> dict[str, dict[str, Any]]:
    """Every page measured at 360×640 (the engine and the service worker are held back: layout only)."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="zh-CN", service_workers="block")
    context.route("**/engine-worker.mjs", lambda route: route.abort())
    try:
        page = context.new_page()
        layouts = {}
        for path in page_paths(real_site):
            page.goto(serve_real.url + path.removeprefix("./"), wait_until="load")
            layouts[path] = page.evaluate(MEASURE)
    finally:
        context.close()
    return layouts


def test_no_page_scrolls_sideways(phone_layouts: dict[str, dict[str, Any]]) -> None:
    """No curriculum or quiz page is wider than a 360 px screen."""
    assert {} == {path: m["overflow"] for path, m in phone_layouts.items() if m["overflow"] > 0}


def test_quiz_targets_are_thumb_sized(phone_layouts: dict[str, dict[str, Any]]) -> None:
    """Every answer option, blank and button on the quiz pages is at least 44×44 css px."""
    quiz_pages = {path: m["small"] for path, m in phone_layouts.items() if path.startswith("quiz/")}
    assert (True, {}) == (len(quiz_pages) > 30, {path: small for path, small in quiz_pages.items() if small})


def test_body_text_is_readable(phone_layouts: dict[str, dict[str, Any]]) -> None:
    """Body text is at least 16 css px on every page."""
    assert {} == {path: m["body"] for path, m in phone_layouts.items() if m["body"] < 16}
