"""学时证明: the year summary as one printable A4 page a cadre hands in (Chromium, 360×640 on screen)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from playwright.sync_api import Page

from quizkit.sources import Bank

from .browser import NewPage
from .sites import StaticServer
from .storage import put_records

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 120_000
SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}
SUMMARY = "tools/summary/"
NAME, UNIT = "欧阳明远", "某某省某某市某某县某某镇人民政府党政综合办公室"
# A PDF page object (not the /Pages tree).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def full_year(bank: Bank) -> dict[str, Any]:
    """A busy 2026: an activity every week of the year (training, online study, reports with long
    notes) and every module's quiz passed."""
    entries = []
    for week in range(52):
        day = datetime.fromordinal(datetime(2026, 1, 5).toordinal() + week * 7).date().isoformat()
        kind = ("centralised", "online", "research")[week % 3]
        amount = {"days": 1.5, "hours": None} if kind == "centralised" else {"days": None, "hours": 2.5}
        if kind == "research":
            amount = {"days": None, "hours": None}
        entries.append(
            {"id": f"e{week:02d}", "kind": kind, "date": day, **amount, "note": "县委党校春季主体班第二期" * 3}
        )
    attempts = []
    for number, quiz_id in enumerate(sorted(bank.quizzes)):
        stamp = f"2026-{1 + number % 11:02d}-{1 + number % 27:02d}T02:00:00Z"
        attempts.append(
            {"id": f"a{number}", "quiz_id": quiz_id, "version": "v", "seed": 1, "answers": {}, "hints": []}
            | {"result": {"points": 9, "max_points": 10, "percent": 90, "passed": True}}
            | {"started_at": stamp, "submitted_at": stamp}
        )
    records: dict[str, Any] = {f"entry:{e['id']}": e for e in entries}
    records |= {f"attempt:{a['quiz_id']}:{a['id']}": a for a in attempts}
    records |= {"ledger:profile": {"name": NAME, "unit": UNIT}, "ledger:settings": {"rule_set": "township"}}
    return records | {"ledger:year": 2026}


def open_certificate(new_page: NewPage, server: StaticServer, records: dict[str, Any]) -> Page:
    page, _ = new_page(server.url, **SMALL_PHONE)
    page.clock.set_fixed_time(datetime.fromisoformat("2026-12-28T10:00:00"))
    page.goto(server.url + SUMMARY)
    put_records(page, records)
    page.reload()
    page.locator("[data-summary] [data-tally]").wait_for(timeout=ENGINE_WAIT_MS)
    return page


def test_a_full_year_prints_on_one_a4_page(new_page: NewPage, serve_real: StaticServer, real_bank: Bank) -> None:
    """A full year with every module passed prints (to PDF, A4) on exactly one page, holding the
    name, unit and year, the 学时 by kind against the requirements, the passed modules and blank lines
    for 单位意见、签字、盖章, and no hash."""
    page = open_certificate(new_page, serve_real, full_year(real_bank))
    sheet = page.locator("[data-summary] [data-sheet]")
    text = sheet.inner_text()
    assert "2026 年度学时证明" in text
    assert NAME in text
    assert UNIT in text
    for blank in ("单位意见", "签字", "盖章"):
        assert blank in text
    assert len(real_bank.quizzes) == sheet.locator("[data-passed-modules] li").count()
    assert not re.search(r"[0-9a-f]{12}", text), "no hash on the paper"
    page.emulate_media(media="print")
    printed = page.locator("[data-sheet]").inner_text()
    assert "单位意见" in printed
    pdf = page.pdf(format="A4")
    assert 1 == len(PDF_PAGE.findall(pdf))


def test_blank_name_and_unit_leave_lines_to_write_on(new_page: NewPage, serve_real: StaticServer) -> None:
    """No name or unit on the device: the paper has lines to fill in by hand, still one page."""
    records = {"ledger:settings": {"rule_set": "township"}, "ledger:year": 2026}
    page = open_certificate(new_page, serve_real, records)
    assert 2 == page.locator("[data-sheet] [data-blank]").count()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert 0 == overflow
    assert 1 == len(PDF_PAGE.findall(page.pdf(format="A4")))
