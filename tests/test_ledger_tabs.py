"""Two ledger tabs (issue 13, case 3): each shows the other's additions, edits and deletions without a
reload, and an edit made in a tab that had the entry open never brings a deleted entry back."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from . import storage
from .browser import NewPage
from .sites import StaticServer
from .test_e2e_ledger import LEDGER, add_entry

pytestmark = pytest.mark.browser
WAIT_MS = 10_000


def two_ledgers(new_page: NewPage, server: StaticServer) -> tuple[Page, Page]:
    tab_a, _ = new_page(server.url)
    tab_b = tab_a.context.new_page()
    for page in (tab_a, tab_b):
        page.goto(server.url + LEDGER)
        page.wait_for_selector("[data-entries]")
    return tab_a, tab_b


def shown(page: Page, expected: list[str]) -> list[str]:
    """The entries' lines once they read ``expected`` (or whatever they read when the wait runs out)."""
    lines = "[data-entry-id] .ledger-entry__main"
    # On a time-out, report what the page shows rather than a Playwright error.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((e) => e.innerText)) === JSON.stringify(want)",
            arg=[lines, expected],
            timeout=WAIT_MS,
        )
    return page.locator(lines).all_inner_texts()


def test_an_entry_added_edited_and_deleted_in_one_tab_shows_in_the_other(
    new_page: NewPage, serve_mini: StaticServer
) -> None:
    """Tab B follows tab A's add, edit and delete, with no reload."""
    tab_a, tab_b = two_ledgers(new_page, serve_mini)
    add_entry(tab_a, "centralised", "2026-01-05", "2", "days", "甲")
    added = shown(tab_b, ["集中培训 · 2026-01-05 · 2 天"])
    tab_a.locator('[data-entry-id]:has-text("甲") [data-action="edit"]').click()
    tab_a.fill('[data-form] input[name="amount"]', "3")
    tab_a.click('[data-action="save"]')
    edited = shown(tab_b, ["集中培训 · 2026-01-05 · 3 天"])
    tab_a.locator('[data-entry-id]:has-text("甲") [data-action="delete"]').click()
    deleted = shown(tab_b, [])
    assert (added, edited, deleted) == (["集中培训 · 2026-01-05 · 2 天"], ["集中培训 · 2026-01-05 · 3 天"], [])


def test_an_edit_in_a_stale_tab_never_brings_back_a_deleted_entry(new_page: NewPage, serve_mini: StaticServer) -> None:
    """B opens an entry for editing, A deletes it, B saves its edit: the entry stays deleted everywhere."""
    tab_a, tab_b = two_ledgers(new_page, serve_mini)
    add_entry(tab_a, "centralised", "2026-01-05", "2", "days", "乙")
    tab_b.reload()  # B surely has the entry, whether or not tabs follow each other
    tab_b.locator('[data-entry-id]:has-text("乙") [data-action="edit"]').click()
    tab_b.fill('[data-form] input[name="amount"]', "5")
    tab_a.locator('[data-entry-id]:has-text("乙") [data-action="delete"]').click()
    tab_a.wait_for_selector("[data-undo-bar]:not([hidden])")
    tab_b.click('[data-action="save"]')
    tab_b.wait_for_timeout(500)
    told = "另一个标签页中删除" in tab_b.inner_text(".quiz-notice")
    tab_a.reload()
    tab_b.reload()
    on_disk = [v for v in storage.stored_values(tab_a, "entry:").values() if not v.get("deleted")]
    assert (told, shown(tab_a, []), shown(tab_b, []), on_disk) == (True, [], [], [])
