"""Storage full or blocked (issue 13, case 2): a real quota filled to the brim before answering and
submitting, and storage refused outright. The page never claims what was not saved, the scored
attempt stays on the page with a download, and it is saved by itself once space returns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from . import storage
from .browser import NewPage
from .sites import StaticServer
from .test_e2e_quiz import answer_sample, result_of

pytestmark = pytest.mark.browser
WAIT_MS = 90_000

# Fills the origin's quota: a filler database takes what the quota leaves, then localStorage its
# own 5 MB (where earlier versions kept everything).
FILL = """async () => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("filler", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("f");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  let n = 0;
  for (const size of [200_000, 20_000, 2_000, 200]) {
    for (;;) {
      const ok = await new Promise((resolve) => {
        const tx = db.transaction("f", "readwrite", { durability: "strict" });
        tx.objectStore("f").put("x".repeat(size), n++);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
      });
      if (!ok) break;
    }
  }
  db.close();
  for (const size of [500_000, 50_000, 5_000, 500, 50]) {
    try { for (;;) localStorage.setItem(`filler:${n++}`, "x".repeat(size)); } catch {}
  }
  return n;
}"""

FREE = """() => new Promise((resolve) => {
  for (const key of Object.keys(localStorage)) if (key.startsWith("filler:")) localStorage.removeItem(key);
  const request = indexedDB.deleteDatabase("filler");
  request.onsuccess = request.onerror = request.onblocked = () => resolve(true);
})"""


def brim_full(page: Page, origin: str) -> None:
    session = page.context.new_cdp_session(page)
    usage = page.evaluate("async () => (await navigator.storage.estimate()).usage")
    session.send("Storage.overrideQuotaForOrigin", {"origin": origin.rstrip("/"), "quotaSize": usage + 400_000})
    page.evaluate(FILL)


def test_full_storage_at_submit_keeps_the_attempt_and_saves_it_when_space_returns(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """Quota full before answering: the score is shown, nothing is claimed that was not saved, the
    attempt downloads as a file the ledger imports, and it is saved once space is freed."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('[data-engine-status="ready"]', timeout=WAIT_MS)
    brim_full(page, serve_mini.url)
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert ("6", "8", "75") == result_of(page)
    notice = page.inner_text(".quiz-notice")
    claims = [claim for claim in ("草稿仍保留", "作答已保存", "已原样另存") if claim in notice]
    with page.expect_download() as download:
        page.click('[data-action="download-attempt"]')
    saved_file = tmp_path / "attempt.json"
    download.value.save_as(saved_file)
    restart_hidden = page.locator('[data-action="restart"]').is_hidden()
    page.evaluate(FREE)
    page.wait_for_function(
        "() => document.querySelector('.quiz-notice').textContent.includes('成绩已保存在本机')", timeout=30_000
    )
    attempts = storage.stored_values(page, "attempt:sample:")
    assert (claims, "无法保存" in notice, restart_hidden, [a["result"]["points"] for a in attempts.values()]) == (
        [],
        True,
        True,
        [6],
    )
    # On another device (a fresh profile) the ledger page imports the downloaded attempt.
    other, _ = new_page(serve_mini.url)
    other.goto(serve_mini.url + "tools/ledger/")
    other.locator("[data-tally]").wait_for(timeout=WAIT_MS)
    other.set_input_files('[data-action="import"]', saved_file)
    other.wait_for_selector('[data-record-status][data-state="imported"]', timeout=WAIT_MS)
    imported = storage.stored_values(other, "attempt:sample:")
    assert list(imported.values()) == [json.loads(saved_file.read_text(encoding="utf-8"))["attempt"]]


BLOCKED = """(() => {
  const refuse = () => { throw new DOMException("The user denied permission to access the database.", "SecurityError"); };
  Object.defineProperty(window, "indexedDB", { get: refuse });
  Object.defineProperty(window, "localStorage", { get: refuse });
})();"""


def test_blocked_storage_is_said_plainly_and_nothing_claimed(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Storage refused (site data blocked): the quiz page says so; no message claims a set-aside copy."""
    page, _ = new_page(serve_mini.url)
    page.add_init_script(BLOCKED)
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector(".quiz[data-ready]")
    page.wait_for_timeout(300)
    notice = page.inner_text(".quiz-notice")
    assert ("不允许本站在本机保存" in notice, "另存" in notice) == (True, False)
