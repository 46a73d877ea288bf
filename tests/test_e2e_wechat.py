"""The record inside WeChat's browser (360×640): 复制档案 and paste-to-import, a warning before an
empty record goes out, a bad paste that changes nothing. Chromium with WeChat's user agent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from scoring.record import read_record

from .browser import NewPage
from .sites import StaticServer
from .storage import stored
from .test_e2e_ledger import LEDGER, add_entry, this_year, total_hours

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 120_000
WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 12; V2118A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 MicroMessenger/8.0.34.2340"
)
PHONE: dict[str, Any] = {"viewport": {"width": 360, "height": 640}, "user_agent": WECHAT_UA}
CLIPBOARD = ["clipboard-read", "clipboard-write"]
# An older WeChat: no clipboard API and no execCommand copy; the learner copies by hand.
NO_CLIPBOARD = """
Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) } });
document.execCommand = () => false;
"""


def wechat_ledger(new_page: NewPage, server: StaticServer, **options: Any) -> Page:
    page, _ = new_page(server.url, **(PHONE | options))
    page.goto(server.url + LEDGER)
    page.locator("[data-tally]").wait_for(timeout=ENGINE_WAIT_MS)
    return page


def two_entries(page: Page) -> None:
    year = this_year(page)
    add_entry(page, "centralised", f"{year}-02-01", "1.5", "days", "乡党校")
    add_entry(page, "online", f"{year}-02-02", "2.5", "hours")
    assert "13.75" == total_hours(page, "13.75")


def paste_import(page: Page, text: str) -> str:
    page.locator("[data-paste]").evaluate("details => { details.open = true; }")
    page.fill("[data-paste-record]", text)
    page.click('[data-action="import-pasted"]')
    page.wait_for_selector('[data-record-status][data-state="imported"], [data-record-status][data-state="refused"]')
    return page.get_attribute("[data-record-status]", "data-state") or ""


def test_copy_the_record_and_paste_it_on_a_new_phone(new_page: NewPage, serve_mini: StaticServer) -> None:
    """In WeChat the page says downloads fail and storage is separate; 复制档案 puts the record's text
    on the clipboard (a record Python accepts); pasted on a fresh phone it imports the same 学时."""
    page = wechat_ledger(new_page, serve_mini, permissions=CLIPBOARD)
    expect(page.locator("[data-wechat]")).to_be_visible()
    two_entries(page)
    page.click('[data-action="copy-record"]')
    page.wait_for_selector('[data-record-status][data-state="copied"]', timeout=ENGINE_WAIT_MS)
    text: str = page.evaluate("navigator.clipboard.readText()")
    record = read_record(text)
    assert (2, "true") == (len(record["ledger"]), page.get_attribute("[data-record-status]", "data-tallied"))
    assert f"已复制档案（{len(text)} 字）" in page.inner_text("[data-record-status]")

    fresh = wechat_ledger(new_page, serve_mini)
    assert "imported" == paste_import(fresh, text)
    assert "13.75" == total_hours(fresh, "13.75")
    assert "" == fresh.input_value("[data-paste-record]")


def test_without_a_clipboard_the_text_is_shown_to_copy_by_hand(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Where the clipboard refuses, the record's text is shown selected in a box, whole."""
    page, _ = new_page(serve_mini.url, **PHONE)
    page.add_init_script(NO_CLIPBOARD)
    page.goto(serve_mini.url + LEDGER)
    page.locator("[data-tally]").wait_for(timeout=ENGINE_WAIT_MS)
    two_entries(page)
    page.click('[data-action="copy-record"]')
    page.wait_for_selector('[data-record-status][data-state="copy-shown"]', timeout=ENGINE_WAIT_MS)
    expect(page.locator("[data-record-text]")).to_be_visible()
    assert 2 == len(read_record(page.input_value("[data-record-text]"))["ledger"])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert 0 == overflow


def test_an_empty_record_is_not_sent_without_a_warning(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """With nothing on the device, 导出 and 复制档案 warn (the learner may have studied in the other
    browser) and send nothing; 仍然导出 then downloads."""
    page = wechat_ledger(new_page, serve_mini, permissions=CLIPBOARD)
    downloads: list[str] = []
    page.on("download", lambda download: downloads.append(download.suggested_filename))
    # The browser's clipboard outlives a context (another test may have copied a record into it).
    page.evaluate("navigator.clipboard.writeText('剪贴板原有内容')")
    page.click('[data-action="copy-record"]')
    page.wait_for_selector('[data-record-status][data-state="empty"]')
    assert "仍然复制" == page.inner_text('[data-record-status] [data-action="anyway"]')
    page.click('[data-action="export"]')
    expect(page.locator('[data-record-status] [data-action="anyway"]')).to_have_text("仍然导出")
    assert "微信" in page.inner_text("[data-record-status]")
    assert [] == downloads
    assert "剪贴板原有内容" == page.evaluate("navigator.clipboard.readText()")
    with page.expect_download() as download:
        page.click('[data-record-status] [data-action="anyway"]')
    assert read_record(Path(download.value.path()).read_text(encoding="utf-8"))["ledger"] == []


def test_a_bad_paste_changes_nothing(new_page: NewPage, serve_mini: StaticServer) -> None:
    """Half a record, or a chat message, is refused with the reason; the device keeps what it had."""
    page = wechat_ledger(new_page, serve_mini, permissions=CLIPBOARD)
    two_entries(page)
    before = stored(page)
    page.click('[data-action="copy-record"]')
    page.wait_for_selector('[data-record-status][data-state="copied"]', timeout=ENGINE_WAIT_MS)
    text: str = page.evaluate("navigator.clipboard.readText()")
    assert "refused" == paste_import(page, text[: len(text) // 2])
    assert "本机数据没有改动" in page.inner_text("[data-record-status]")
    assert "refused" == paste_import(page, "收到，谢谢！")
    assert before == stored(page)
    assert "13.75" == total_hours(page, "13.75")
