"""The learner's phone (360×640, WeChat's browser): undo where the thumb is, the summary's year,
ordering and matching questions one can read and answer by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .browser import NewPage
from .sites import StaticServer
from .test_layout_shift import PHONE

pytestmark = pytest.mark.browser

ENGINE_WAIT_MS = 90_000


def ledger_with_entries(new_page: NewPage, server: StaticServer, count: int) -> Page:
    page, _ = new_page(server.url, **PHONE)
    page.goto(server.url)
    page.evaluate(
        """(count) => {
        for (let n = 1; n <= count; n++) {
          const entry = {id: `e-${n}`, kind: "centralised", date: `2026-01-${String(n).padStart(2, "0")}`, hours: null, days: 1, note: `第 ${n} 条`};
          localStorage.setItem(`cadre:v1:entry:${entry.id}`, JSON.stringify(entry));
        }
    }""",
        count,
    )
    page.goto(server.url + "tools/ledger/")
    page.wait_for_selector('.quiz-engine[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    return page


def in_viewport(page: Page, selector: str) -> bool:
    inside: bool = page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }",
    )
    return inside


def test_undo_shows_where_the_learner_is(new_page: NewPage, serve_mini: StaticServer) -> None:
    """After 删除 on the last of twelve entries (scrolled to the page's end), 撤销 is on screen and brings it back."""
    page = ledger_with_entries(new_page, serve_mini, 12)
    page.wait_for_selector('[data-entry-id="e-1"]')
    page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
    page.locator('[data-entry-id="e-1"] [data-action="delete"]').click()
    page.wait_for_selector('[data-entry-id="e-1"]', state="detached")
    on_screen = in_viewport(page, '[data-action="undo"]')
    page.click('[data-action="undo"]')
    page.wait_for_selector('[data-entry-id="e-1"]')
    assert (True, 12) == (on_screen, page.locator("[data-entry-id]").count())


def test_undo_bar_leaves_after_a_few_seconds(new_page: NewPage, serve_mini: StaticServer) -> None:
    """The undo bar goes away by itself, and the entry stays deleted."""
    page = ledger_with_entries(new_page, serve_mini, 2)
    page.locator('[data-entry-id="e-1"] [data-action="delete"]').click()
    page.wait_for_selector("[data-undo-bar]:not([hidden])")
    page.wait_for_selector("[data-undo-bar]", state="hidden", timeout=20_000)
    page.reload()
    page.wait_for_selector("[data-entry-id]")
    assert ["e-2"] == page.eval_on_selector_all("[data-entry-id]", "els => els.map((e) => e.dataset.entryId)")


def test_summary_prints_the_year_chosen_on_the_ledger(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Set to 2025 on the ledger, the summary opens on 2025 (with a year picker) and tallies that year."""
    page = ledger_with_entries(new_page, serve_mini, 1)
    page.fill('input[name="year"]', "2025")
    page.dispatch_event('input[name="year"]', "change")
    page.goto(serve_mini.url + "tools/summary/")
    page.wait_for_selector("[data-sheet] [data-tally]", timeout=ENGINE_WAIT_MS)
    heading = page.inner_text("[data-sheet] h2")
    picked = page.input_value('[data-summary] input[name="year"]')
    page.fill('[data-summary] input[name="year"]', "2026")
    page.dispatch_event('[data-summary] input[name="year"]', "change")
    page.wait_for_selector('[data-sheet] h2:has-text("2026")', timeout=ENGINE_WAIT_MS)
    assert ("2025", True, "7.5") == (
        picked,
        "2025" in heading,
        page.get_attribute("[data-sheet] [data-tally]", "data-total-hours"),
    )


# A draft whose seed draws the given questions (the page's own draw code finds one), then the page.
SEED_FOR = """async (ids) => {
  const root = document.querySelector("[data-quiz-id]");
  const { quiz } = JSON.parse(root.querySelector("script.quiz-data").textContent);
  const { present } = await import(new URL("../../assets/quiz/draw.js", location.href).href);
  for (let seed = 1; seed < 10000; seed++) {
    if (ids.every((id) => present(quiz, seed).questions.includes(id))) {
      const draft = { version: root.dataset.version, seed, answers: {}, hints: [], startedAt: new Date().toISOString() };
      localStorage.setItem(`cadre:v1:draft:${quiz.id}`, JSON.stringify(draft));
      return seed;
    }
  }
  return null;
}"""
SHOWN_CONTROLS = ".quiz-question:not([hidden]) :is(.quiz-order-item, .quiz-match) select"


def engine_quiz_with(new_page: NewPage, server: StaticServer, *ids: str) -> Page:
    """The mini site's drawn quiz, on an attempt that shows the questions ``ids``."""
    page, _ = new_page(server.url, **PHONE)
    page.goto(server.url + "quiz/engine/")
    page.evaluate(SEED_FOR, list(ids))
    page.reload()
    return page


def test_ordering_item_text_comes_before_its_place(new_page: NewPage, serve_mini: StaticServer) -> None:
    """In every ordering item the text is read first and its 排第几 control sits in the same box."""
    page = engine_quiz_with(new_page, serve_mini, "e-order")
    rows = page.eval_on_selector_all(
        ".quiz-question:not([hidden]) .quiz-order-item",
        """rows => rows.map((row) => {
          const text = row.querySelector(".quiz-order-text"), select = row.querySelector("select");
          const first = text && (text.compareDocumentPosition(select) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
          const t = text?.getBoundingClientRect(), s = select.getBoundingClientRect(), r = row.getBoundingClientRect();
          const inside = s.top >= r.top && s.bottom <= r.bottom && (!t || (t.top >= r.top && t.bottom <= r.bottom));
          return Boolean(first && inside && (s.left >= t.right || s.top >= t.bottom - 1));
        })""",
    )
    assert (True, []) == (len(rows) > 2, [n for n, ok in enumerate(rows) if not ok])


def test_ordering_and_matching_answered_by_keyboard(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Tab reaches each ordering and matching control, arrow keys choose, and the answers are saved."""
    page = engine_quiz_with(new_page, serve_mini, "e-order", "e-match")
    count = page.locator(SHOWN_CONTROLS).count()
    reached = 0
    page.locator(".quiz-meta a").focus()  # just before the questions
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("(sel) => document.activeElement.matches(sel)", SHOWN_CONTROLS)
        if focused:
            reached += 1
            page.keyboard.press("ArrowDown")
        if reached == count:
            break
    chosen = page.eval_on_selector_all(SHOWN_CONTROLS, "els => els.every((s) => s.value)")
    page.reload()
    page.click('[data-action="resume"]')
    kept = page.eval_on_selector_all(SHOWN_CONTROLS, "els => els.every((s) => s.value)")
    assert (True, count, True, True) == (count >= 4, reached, chosen, kept)
