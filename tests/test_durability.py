"""What the page calls saved survives a killed browser (issue 13, case 1), and the move of old
localStorage data into IndexedDB loses nothing.

Chromium with a persistent profile on disk; the browser's main process gets SIGKILL about a second
after the page reports a save (as a phone kills a backgrounded browser), then a new browser opens
the same profile. localStorage lost such writes (it is flushed lazily); IndexedDB with strict
durability keeps them.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from . import storage
from .browser import CHROMIUM, CHROMIUM_ARGS, NewPage
from .sites import StaticServer
from .test_e2e_quiz import answer_sample, result_of

pytestmark = pytest.mark.browser
WAIT_MS = 90_000
SAMPLE = "quiz/sample/"


class Profile:
    """A Chromium profile on disk that outlives the browsers opened on it."""

    def __init__(self, browser: Browser, folder: Path) -> None:
        self.browser_type = browser.browser_type
        self.folder = folder
        self.context: BrowserContext | None = None

    def open(self) -> Page:
        self.context = self.browser_type.launch_persistent_context(
            str(self.folder),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            viewport={"width": 390, "height": 844},  # PHONE
            locale="zh-CN",
        )
        return self.context.pages[0] if self.context.pages else self.context.new_page()

    def kill(self) -> None:
        """SIGKILL the browser's main process (not a polite close: nothing gets flushed)."""
        killed = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if f"--user-data-dir={self.folder}".encode() in args and not any(a.startswith(b"--type=") for a in args):
                os.kill(int(entry.name), signal.SIGKILL)
                killed += 1
        assert killed == 1, f"expected one browser process for {self.folder}, found {killed}"
        with contextlib.suppress(PlaywrightError):
            assert self.context is not None
            self.context.close()
        self.context = None

    def close(self) -> None:
        if self.context is not None:
            with contextlib.suppress(PlaywrightError):
                self.context.close()


@pytest.fixture
def profile(browser: Browser, tmp_path: Path) -> Iterator[Profile]:
    opened = Profile(browser, tmp_path / "profile")
    yield opened
    opened.close()


def killed_a_second_later(profile: Profile) -> Page:
    time.sleep(1)
    profile.kill()
    return profile.open()


def test_a_draft_survives_a_killed_browser(profile: Profile, serve_mini: StaticServer) -> None:
    """Three answers, SIGKILL 1 s later, relaunch: the resume offer counts the three answers."""
    page = profile.open()
    page.goto(serve_mini.url + SAMPLE)
    # The learner reads for a while first: the engine is ready before the first answer.
    page.wait_for_selector('[data-engine-status="ready"]', timeout=WAIT_MS)
    page.check('[data-question-id="s-single"] input[value="B"]')
    page.check('[data-question-id="s-truefalse"] input[value="true"]')
    page.fill('[data-question-id="s-fill"] input[data-blank="0"]', "半")
    page = killed_a_second_later(profile)
    page.goto(serve_mini.url + SAMPLE)
    offer = page.locator('[data-action="resume"]').first
    offer.wait_for(timeout=10_000)
    text = page.inner_text(".quiz-resume")
    offer.click()
    kept = (
        page.is_checked('[data-question-id="s-single"] input[value="B"]'),
        page.is_checked('[data-question-id="s-truefalse"] input[value="true"]'),
        page.input_value('[data-question-id="s-fill"] input[data-blank="0"]'),
    )
    assert ("已答 3 /" in text, kept) == (True, (True, True, "半"))


def test_a_ledger_entry_survives_a_killed_browser(profile: Profile, serve_mini: StaticServer) -> None:
    """An entry the page called 已保存, SIGKILL 1 s later, relaunch: the entry is listed."""
    page = profile.open()
    page.goto(serve_mini.url + "tools/ledger/")
    page.fill('[data-form] input[name="date"]', "2026-01-05")
    page.fill('[data-form] input[name="amount"]', "2")
    page.click('[data-action="save"]')
    page.wait_for_function("() => document.querySelector('.quiz-notice').textContent.includes('已保存')")
    page = killed_a_second_later(profile)
    page.goto(serve_mini.url + "tools/ledger/")
    page.wait_for_selector("[data-entries] li")
    assert page.locator("[data-entry-id]").count() == 1


def test_a_scored_attempt_survives_a_killed_browser(profile: Profile, serve_mini: StaticServer) -> None:
    """A score shown, SIGKILL 1 s later, relaunch with the engine held back: the saved score is shown."""
    page = profile.open()
    page.goto(serve_mini.url + SAMPLE)
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert ("6", "8", "75") == result_of(page)
    page = killed_a_second_later(profile)
    assert profile.context is not None
    profile.context.route("**/engine-worker.mjs", lambda route: route.abort())
    page.goto(serve_mini.url + SAMPLE)
    page.wait_for_selector(".quiz[data-ready]")
    page.wait_for_timeout(500)
    shown = page.locator('[data-result][data-points="6"]').count()
    assert (shown, page.locator('[data-action="resume"]:visible').count()) == (1, 0)


OLD_RECORDS = {
    "cadre:v1:entry:e-1": '{"id": "e-1", "kind": "centralised", "date": "2026-01-05", "hours": null, "days": 2, "note": ""}',
    "cadre:v1:ledger:profile": '{"name": "张三", "unit": "某乡"}',
    "cadre:v1:review": '{"version": 1, "items": {}}',
    "cadre:v1:damaged:entry:x:1": '{"id": "x", "kind"',
}


def test_old_local_storage_moves_to_indexeddb_verified_then_removed(
    new_page: NewPage, serve_mini: StaticServer
) -> None:
    """cadre:v1:* in localStorage is copied byte for byte, read back, and only then removed."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url)
    page.evaluate(
        "(records) => { for (const [k, v] of Object.entries(records)) localStorage.setItem(k, v); }", OLD_RECORDS
    )
    page.goto(serve_mini.url + "tools/ledger/")
    page.wait_for_selector("[data-entry-id]")
    left = page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('cadre:v1:'))")
    moved = {f"cadre:v1:{key}": text for key, text in storage.stored(page).items()}
    assert (left, moved) == ([], OLD_RECORDS)


def test_a_failed_move_leaves_the_old_data_in_place(new_page: NewPage, serve_mini: StaticServer) -> None:
    """IndexedDB refusing the move: localStorage keeps every record and the ledger still lists the entry."""
    page, _ = new_page(serve_mini.url)
    # Written before any script of the page runs: a live page of this version would move them itself.
    page.add_init_script(
        f"""for (const [k, v] of Object.entries({json.dumps(OLD_RECORDS)})) localStorage.setItem(k, v);
        IDBObjectStore.prototype.put = function () {{ throw new DOMException("full", "QuotaExceededError"); }};"""
    )
    page.goto(serve_mini.url + "tools/ledger/")
    page.wait_for_selector("[data-entry-id]")
    left = page.evaluate("Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('cadre:v1:')))")
    assert (left, storage.stored(page)) == (OLD_RECORDS, {})
