"""A learner on the ledger page in Chromium at 360 px: entries persist, the tally shows, the record round-trips."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from . import storage
from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 60_000
LEDGER = "tools/ledger/"


def open_ledger(new_page: NewPage, server: StaticServer) -> Page:
    page, _ = new_page(server.url)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(server.url + LEDGER)
    return page


def add_entry(page: Page, kind: str, date: str, amount: str, unit: str, note: str = "", *, wait: bool = True) -> None:
    """Fills the form and taps 保存; with ``wait``, returns once the page has written the entry (or refused it)."""
    page.select_option('[data-form] select[name="kind"]', kind)
    page.fill('[data-form] input[name="date"]', date)
    page.fill('[data-form] input[name="amount"]', amount)
    page.select_option('[data-form] select[name="amount_unit"]', unit)
    page.fill('[data-form] input[name="note"]', note)
    page.click('[data-action="save"]')
    if wait:  # 保存 is disabled while the entry is written
        page.wait_for_function("!document.querySelector('[data-action=\"save\"]').disabled", timeout=ENGINE_WAIT_MS)


def total_hours(page: Page, expected: str) -> str | None:
    """The tally's total once it reads ``expected`` (or whatever it reads when the wait runs out)."""
    tally = page.locator("[data-tally]")
    tally.wait_for(timeout=ENGINE_WAIT_MS)
    # On a time-out, report the value actually shown rather than a Playwright error.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector(f'[data-tally][data-total-hours="{expected}"]', timeout=10_000)
    return tally.get_attribute("data-total-hours")


def this_year(page: Page) -> str:
    year: str = page.evaluate("String(new Date().getFullYear())")
    return year


def test_entries_survive_a_reload_and_are_tallied(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Two entries (2 days, 3 学时 online) are kept after a reload and tally to 18 学时."""
    page = open_ledger(new_page, serve_mini)
    year = this_year(page)
    add_entry(page, "centralised", f"{year}-01-05", "2", "days", "县委党校")
    add_entry(page, "online", f"{year}-01-06", "3", "hours")
    page.reload()
    assert (2, "18") == (page.locator("[data-entry-id]").count(), total_hours(page, "18"))


def test_root_carries_the_ledger_hook(new_page: NewPage, serve_mini: StaticServer) -> None:
    """The page's root has data-ledger and the export and import controls."""
    page = open_ledger(new_page, serve_mini)
    hooks = [page.locator(s).count() for s in ("[data-ledger]", '[data-action="export"]', '[data-action="import"]')]
    assert [1, 1, 1] == hooks


def test_page_fits_a_360px_phone(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Nothing on the ledger page is wider than a 360 px screen."""
    page = open_ledger(new_page, serve_mini)
    total_hours(page, "0")
    width: int = page.evaluate("document.documentElement.scrollWidth")
    assert 360 >= width


def test_future_entry_is_flagged_on_the_page(new_page: NewPage, serve_mini: StaticServer) -> None:
    """An entry dated next year is shown as not counted and the total stays 0."""
    page = open_ledger(new_page, serve_mini)
    add_entry(page, "centralised", f"{int(this_year(page)) + 1}-01-05", "1", "days")
    assert "0" == total_hours(page, "0")
    assert "日期在今天之后" in page.inner_text("[data-entry-id]")


def seed(new_page: NewPage, server: StaticServer, script: str) -> Page:
    """Put data on the device from a page without the engine, then open the ledger."""
    page, _ = new_page(server.url)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(server.url)
    page.evaluate(script)
    page.goto(server.url + LEDGER)
    return page


def test_passed_quiz_is_credited_once(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Two stored passes of one quiz add 0.5 学时 once."""
    page = seed(
        new_page,
        serve_mini,
        """() => {
        const now = new Date().toISOString();
        const attempt = (id) => ({id, quiz_id: "sample", version: "x", seed: null, answers: {}, result: {points: 8, max_points: 8, percent: 100, passed: true}, started_at: null, submitted_at: now});
        for (const id of ["a1", "a2"]) localStorage.setItem(`cadre:v1:attempt:sample:${id}`, JSON.stringify(attempt(id)));
    }""",
    )
    assert "0.5" == total_hours(page, "0.5")


def export_file(page: Page, tmp_path: Path, name: str) -> str:
    with page.expect_download() as download:
        page.click('[data-action="export"]')
    target = tmp_path / name
    download.value.save_as(target)
    return target.read_text(encoding="utf-8")


def test_export_clear_import_export_is_identical(new_page: NewPage, serve_mini: StaticServer, tmp_path: Path) -> None:
    """Export, clear the device, import the file, export again: the two files are identical."""
    page = open_ledger(new_page, serve_mini)
    year = this_year(page)
    add_entry(page, "centralised", f"{year}-02-01", "1.5", "days", "乡党校")
    add_entry(page, "online", f"{year}-02-02", "2.5", "hours")
    total_hours(page, "13.75")
    first = export_file(page, tmp_path, "first.json")
    storage.clear(page)
    page.reload()
    assert "0" == total_hours(page, "0")
    page.set_input_files('[data-action="import"]', tmp_path / "first.json")
    page.wait_for_selector('[data-record-status][data-state="imported"]', timeout=ENGINE_WAIT_MS)
    assert "13.75" == total_hours(page, "13.75")
    second = export_file(page, tmp_path, "second.json")
    assert first == second


def test_damaged_file_is_refused_and_device_unchanged(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """An edited record is refused with a message and the device's data stays exactly as it was."""
    page = open_ledger(new_page, serve_mini)
    year = this_year(page)
    add_entry(page, "centralised", f"{year}-03-01", "1", "days")
    total_hours(page, "7.5")
    text = export_file(page, tmp_path, "record.json")
    damaged = tmp_path / "damaged.json"
    damaged.write_text(text.replace('"days": 1', '"days": 10', 1), encoding="utf-8")
    add_entry(page, "online", f"{year}-03-02", "1", "hours")
    total_hours(page, "8.5")
    before = storage.stored(page)
    page.set_input_files('[data-action="import"]', damaged)
    page.wait_for_selector('[data-record-status][data-state="refused"]', timeout=ENGINE_WAIT_MS)
    after = storage.stored(page)
    assert (before, True) == (after, "校验值不符" in page.inner_text("[data-record-status]"))


def test_summary_page_shows_the_tally(new_page: NewPage, serve_mini: StaticServer) -> None:
    """The printable summary tallies the entries saved on the device."""
    page, _ = new_page(serve_mini.url)
    page.goto(serve_mini.url)
    page.evaluate(
        """() => {
        const entry = {id: "e-1", kind: "centralised", date: `${new Date().getFullYear()}-01-05`, hours: null, days: 2, note: ""};
        localStorage.setItem(`cadre:v1:entry:${entry.id}`, JSON.stringify(entry));
    }"""
    )
    page.goto(serve_mini.url + "tools/summary/")
    assert "15" == total_hours(page, "15")


def test_edit_and_delete_are_saved(new_page: NewPage, serve_mini: StaticServer) -> None:
    """An edited amount and a deleted entry are what the page shows after a reload."""
    page = open_ledger(new_page, serve_mini)
    year = this_year(page)
    add_entry(page, "centralised", f"{year}-01-05", "2", "days", "要修改的")
    add_entry(page, "online", f"{year}-01-06", "3", "hours", "要删除的")
    page.locator('[data-entry-id]:has-text("要修改的") [data-action="edit"]').click()
    page.fill('[data-form] input[name="amount"]', "4")
    page.click('[data-action="save"]')
    page.locator('[data-entry-id]:has-text("要删除的") [data-action="delete"]').click()
    page.reload()
    assert ["集中培训 · " + f"{year}-01-05 · 4 天"] == page.locator(
        "[data-entry-id] .ledger-entry__main"
    ).all_inner_texts()


# A slow phone's storage: each write commits 1.5 s after it is made (the page hears of it then).
SLOW_COMMIT = """
const complete = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, "oncomplete");
Object.defineProperty(IDBTransaction.prototype, "oncomplete", {
  get() { return complete.get.call(this); },
  set(handler) {
    const slow = this.mode === "readwrite" && handler ? (event) => setTimeout(() => handler.call(this, event), 1500) : handler;
    complete.set.call(this, slow);
  },
});
"""


def slow_ledger(new_page: NewPage, server: StaticServer) -> Page:
    page, _ = new_page(server.url)
    page.add_init_script(SLOW_COMMIT)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(server.url + LEDGER)
    page.locator('[data-form] select[name="kind"]').wait_for()
    return page


def test_the_next_entry_begun_while_one_is_saved_is_kept(new_page: NewPage, serve_mini: StaticServer) -> None:
    """On slow storage, what the learner types for the next entry while the first is written is not wiped."""
    page = slow_ledger(new_page, serve_mini)
    year = this_year(page)
    add_entry(page, "centralised", f"{year}-01-05", "2", "days", "县委党校", wait=False)
    # The next entry is typed while the first is written, and saved once the first is shown.
    page.select_option('[data-form] select[name="kind"]', "online")
    page.fill('[data-form] input[name="date"]', f"{year}-01-06")
    page.fill('[data-form] input[name="amount"]', "3")
    page.select_option('[data-form] select[name="amount_unit"]', "hours")
    page.fill('[data-form] input[name="note"]', "网络学院")
    page.locator("[data-entry-id]").first.wait_for(timeout=ENGINE_WAIT_MS)
    page.click('[data-action="save"]')
    page.locator("[data-entry-id]").nth(1).wait_for(timeout=ENGINE_WAIT_MS)
    notes = sorted(e["note"] for e in storage.stored_values(page, "entry:").values())
    assert ["县委党校", "网络学院"] == notes


def test_a_double_tap_on_save_adds_one_entry(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Two taps on 保存 while the entry is written save it once."""
    page = slow_ledger(new_page, serve_mini)
    add_entry(page, "centralised", f"{this_year(page)}-01-05", "2", "days", wait=False)
    page.evaluate("""() => { const save = document.querySelector('[data-action="save"]'); save.click(); }""")
    page.wait_for_function("document.querySelector('.ledger-notice, [data-ledger]').textContent.includes('已保存')")
    page.wait_for_timeout(2_000)  # a second write, were there one, commits 1.5 s after it is made
    page.reload()
    page.locator("[data-entry-id]").first.wait_for(timeout=ENGINE_WAIT_MS)
    assert 1 == len(storage.stored_values(page, "entry:"))
