"""Fault injection in Chromium: full storage, damaged stored data, two tabs at once. Nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from . import storage
from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser
WAIT_MS = 60_000
PREFIX = "cadre:v1:"
# Makes IndexedDB refuse writes while window.__full is true, as a full disk does.
FULL_STORAGE = """(() => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return put.apply(this, args);
  };
})();"""


def stored(page: Page) -> dict[str, str]:
    return {PREFIX + key: text for key, text in storage.stored(page).items()}


def draft_text(page: Page, quiz_id: str = "sample") -> str:
    """The one draft of ``quiz_id`` on the device (each tab keeps its own, draft:<quiz>:<tab>)."""
    (text,) = storage.stored(page, f"draft:{quiz_id}:").values()
    return text


def test_full_storage_is_shown_keeps_saved_data_and_recovers(new_page: NewPage, serve_mini: StaticServer) -> None:
    """With storage full the learner sees why, the saved draft is unchanged, and saving resumes with room."""
    page, _ = new_page(serve_mini.url)
    page.add_init_script(FULL_STORAGE)
    page.goto(serve_mini.url + "quiz/sample/")
    page.check('[data-question-id="s-single"] input[value="B"]')
    before = draft_text(page)
    page.evaluate("window.__full = true")
    page.check('[data-question-id="s-truefalse"] input[value="true"]')
    shown = page.inner_text(".quiz-notice")
    unchanged = draft_text(page) == before
    page.evaluate("window.__full = false")
    page.fill('[data-question-id="s-fill"] input[data-blank="0"]', "半")
    saved = json.loads(draft_text(page))["answers"]
    assert ("本机存储空间已满" in shown, unchanged, saved["s-truefalse"], saved["s-fill"][0]) == (
        True,
        True,
        "true",
        "半",
    )


def test_full_storage_on_the_ledger_keeps_entries_and_export_works(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """A new entry that cannot be saved is refused visibly; saved entries stay; export still works."""
    page, _ = new_page(serve_mini.url)
    page.add_init_script(FULL_STORAGE)
    page.goto(serve_mini.url + "tools/ledger/")
    page.fill('[data-form] input[name="date"]', "2026-01-05")
    page.fill('[data-form] input[name="amount"]', "2")
    page.click('[data-action="save"]')
    page.wait_for_selector("[data-entry-id]")
    page.evaluate("window.__full = true")
    page.fill('[data-form] input[name="amount"]', "3")
    page.click('[data-action="save"]')
    # The refusal is said once the write has failed (asynchronously), not at the click.
    page.wait_for_function("document.querySelector('.quiz-notice')?.textContent.includes('已满')", timeout=WAIT_MS)
    notice = page.inner_text(".quiz-notice")
    entries = [k for k in stored(page) if k.startswith("cadre:v1:entry:")]
    page.locator("[data-tally]").wait_for(timeout=WAIT_MS)
    with page.expect_download() as download:
        page.click('[data-action="export"]')
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert ("本机存储空间已满" in notice, len(entries), len(exported["ledger"])) == (True, 1, 1)


def test_damaged_records_are_set_aside_and_exported_raw(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A truncated attempt and entry do not stop the pages; they are kept raw and exported as they are."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url)
    page.evaluate("""() => {
        localStorage.setItem("cadre:v1:attempt:sample:bad", '{"id": "bad", "quiz_id": "sam');
        localStorage.setItem("cadre:v1:entry:bad", '{"id": "bad", "kind"');
    }""")
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('[data-engine-status="ready"]', timeout=WAIT_MS)
    page.wait_for_function("document.querySelector('.quiz-notice').textContent.includes('已损坏')", timeout=WAIT_MS)
    page.goto(serve_mini.url + "tools/ledger/")
    notice = page.inner_text(".quiz-notice")
    page.locator("[data-tally]").wait_for(timeout=WAIT_MS)
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.click('[data-action="export"]')
    for _ in range(100):  # the record, then the raw file
        if len(downloads) >= 2:
            break
        page.wait_for_timeout(100)
    raw = [
        json.loads(Path(d.path()).read_text(encoding="utf-8")) for d in downloads if "无法读取" in d.suggested_filename
    ]
    kept = sorted(r["text"] for r in raw[0]["records"]) if raw else []
    assert ("无法读取" in notice, kept) == (True, ['{"id": "bad", "kind"', '{"id": "bad", "quiz_id": "sam'])


def test_unknown_review_book_version_is_set_aside(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A review book written by a future version is kept aside and the page starts a fresh one."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url)
    page.evaluate("""localStorage.setItem("cadre:v1:review", JSON.stringify({version: 99, items: {x: 1}}))""")
    page.goto(serve_mini.url + "review/")
    page.wait_for_function("document.querySelector('.review-status').textContent.includes('另存')", timeout=WAIT_MS)
    aside = [v for k, v in stored(page).items() if k.startswith("cadre:v1:damaged:review:")]
    assert [json.dumps({"version": 99, "items": {"x": 1}}, separators=(",", ":"))] == aside


def test_two_tabs_adding_entries_lose_nothing(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Two ledger tabs, each unaware of the other, both keep their entries."""
    first, _ = new_page(serve_mini.url)
    second = first.context.new_page()
    for page in (first, second):
        page.goto(serve_mini.url + "tools/ledger/")
    for page, amount in ((first, "2"), (second, "3"), (first, "4")):
        page.fill('[data-form] input[name="date"]', "2026-01-05")
        page.fill('[data-form] input[name="amount"]', amount)
        page.click('[data-action="save"]')
    second.reload()
    assert 3 == second.locator("[data-entry-id]").count()


def test_two_tabs_submitting_attempts_lose_nothing(new_page: NewPage, serve_mini: StaticServer) -> None:
    """The same quiz submitted in two tabs keeps both attempts."""
    first, _ = new_page(serve_mini.url)
    second = first.context.new_page()
    for page in (first, second):
        page.goto(serve_mini.url + "quiz/sample/")
    for page in (first, second):
        page.wait_for_selector('[data-engine-status="ready"]', timeout=WAIT_MS)
    for page in (first, second):
        page.click('[data-action="submit"]')
        page.click('[data-action="submit-anyway"]')  # nothing answered: the page asks first
    for page in (first, second):
        page.locator("[data-result]").wait_for(timeout=WAIT_MS)
    assert 2 == len([k for k in stored(first) if k.startswith("cadre:v1:attempt:sample:")])
