"""Every built page in Chromium, as a learner meets it: axe-core (the npm package, pinned in
package.json) finds no violation of any impact, the words are plain (no programmer's or officer's
jargon), no text in the page is smaller than the body's 16 px, and the menu is the learners' own.

One tour of the site, in one browser context, serves these tests; they share an xdist group so
the tour runs once, in one parallel worker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from .browser import NewPage
from .plain_words import JARGON
from .sites import ROOT, StaticServer
from .test_e2e_site import page_paths

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("site-tour")]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ENGINE_WAIT_MS = 90_000
# Each violation as "rule (impact): first targets", enough to find it in the page.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | "));
}"""


# What a learner reads: the page's visible text, the smallest text in its content, its menu's links.
READ_PAGE = """() => {
  const small = new Set();
  const content = document.querySelector(".md-content");
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < 15.9) small.add(`${parent.tagName.toLowerCase()}.${[...parent.classList].join(".")} ${size}px`);
  }
  const menu = [...document.querySelectorAll(".md-nav--primary a[href]")].map((a) => a.getAttribute("href"));
  // Elements the content marks hidden that a stylesheet still lays out and shows (outside it,
  // Material's back-to-top button stays laid out while hidden, transparent, to fade in).
  const shownHidden = [...document.querySelectorAll(".md-content [hidden]")]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${el.textContent.trim().slice(0, 20)}`);
  return { text: document.body.innerText, small: [...small], menu, shownHidden };
}"""
GUIDE = "guide/"
# The officer's workbench: for officers, reached from the guide, not a learner's page.
OFFICER = "officer/"


def violations(page: Page) -> list[str]:
    # As the page rests: no pointer over a button, nothing focused mid-transition.
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement?.blur()")
    # Leaving a button starts its colour transition back; axe must read the colours it ends on
    # (mid-transition a blend can fail contrast: seen in CI on the ledger's save button).
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    found: list[str] = page.evaluate(RUN_AXE)
    return found


@pytest.fixture(scope="module")
def tour(browser: Browser, serve_real: StaticServer, real_site: Path) -> dict[str, dict[str, Any]]:
    """Every page of the real site, in one browser context, as it first shows (engine held back, so the
    quiz and ledger pages show their engine box with its retry button): axe's findings and what it reads."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="zh-CN", service_workers="block")
    context.add_init_script(path=str(AXE))
    context.route("**/engine-worker.mjs", lambda route: route.abort())
    context.route("**/officer-worker.mjs", lambda route: route.abort())
    try:
        page = context.new_page()
        found = {}
        for path in page_paths(real_site):
            page.goto(serve_real.url + path.removeprefix("./"), wait_until="load")
            page.wait_for_selector('.quiz-engine[data-engine-status="failed"], body:not(:has(.quiz-engine))')
            found[path] = page.evaluate(READ_PAGE) | {"violations": violations(page)}
    finally:
        context.close()
    return found


def learner_pages(tour: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {path: seen for path, seen in tour.items() if not path.startswith((GUIDE, OFFICER))}


def test_axe_finds_nothing_on_any_page(tour: dict[str, dict[str, Any]]) -> None:
    """axe-core reports no violation, of any impact, on any built page."""
    assert (True, {}) == (
        len(tour) > 80,
        {path: seen["violations"] for path, seen in tour.items() if seen["violations"]},
    )


def test_learner_pages_speak_plain_words(tour: dict[str, dict[str, Any]]) -> None:
    """No learner page shows Python, hashes, file paths, YAML field names or the sources' working titles."""
    found = {path: sorted(set(JARGON.findall(seen["text"]))) for path, seen in learner_pages(tour).items()}
    assert {} == {path: words for path, words in found.items() if words}


def test_no_text_on_learner_pages_is_below_16px(tour: dict[str, dict[str, Any]]) -> None:
    """Everything in a learner page's content (tables, notes, small print, code) is at least 16 css px."""
    assert {} == {path: seen["small"] for path, seen in learner_pages(tour).items() if seen["small"]}


def test_nothing_a_page_hides_is_shown(tour: dict[str, dict[str, Any]]) -> None:
    """An element with the hidden attribute is not shown on any page, whatever classes it carries
    (Material's button class once showed the workbench's retry button while all was well)."""
    assert {} == {path: seen["shownHidden"] for path, seen in tour.items() if seen["shownHidden"]}


def test_learners_menu_leaves_out_the_officers_guide(tour: dict[str, dict[str, Any]]) -> None:
    """The learners' menu has no entry into the officer's guide; the home page still links to it."""
    in_menu = {path: [h for h in seen["menu"] if GUIDE in h] for path, seen in learner_pages(tour).items()}
    home_links_guide = "培训专员指南" in tour["./"]["text"]
    assert ({}, True) == ({path: links for path, links in in_menu.items() if links}, home_links_guide)


def axe_page(new_page: NewPage, origin: str) -> Page:
    page, _ = new_page(origin)
    page.context.add_init_script(path=str(AXE))
    return page


def test_axe_finds_nothing_on_a_scored_quiz(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A submitted quiz (result, per-question feedback, history) has no axe violation."""
    page = axe_page(new_page, serve_mini.url)
    page.goto(serve_mini.url + "quiz/sample/")
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.click('[data-action="submit"]')
    page.click('[data-action="submit-anyway"]')
    page.locator("[data-result]").wait_for(timeout=ENGINE_WAIT_MS)
    page.locator("[data-history] li").first.wait_for(timeout=ENGINE_WAIT_MS)
    assert [] == violations(page)


def test_axe_finds_nothing_on_a_tallied_ledger(new_page: NewPage, serve_mini: StaticServer) -> None:
    """The ledger with an entry and its tally, and the yearly summary, have no axe violation."""
    page = axe_page(new_page, serve_mini.url)
    page.goto(serve_mini.url + "tools/ledger/")
    page.wait_for_selector('[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    page.fill('input[name="date"]', "2026-03-02")
    page.fill('input[name="amount"]', "2")
    page.click('[data-action="save"]')
    page.wait_for_selector("[data-entry-id]")
    page.wait_for_selector("[data-tally]")
    found: dict[str, Any] = {"ledger": violations(page)}
    page.goto(serve_mini.url + "tools/summary/")
    page.wait_for_selector("[data-sheet] [data-tally]", timeout=ENGINE_WAIT_MS)
    found["summary"] = violations(page)
    assert {"ledger": [], "summary": []} == found


def test_axe_is_the_pinned_package() -> None:
    """The axe-core the tests inject is the version package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))
    assert pinned.get("devDependencies", {}).get("axe-core") == installed["version"]
