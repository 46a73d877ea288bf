"""每日一练 days travel in the learner's record (daily:<date>): exported with and without the engine,
imported on a new phone, where the streak goes on. Chromium at 360×640."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page

from quizkit.sources import Bank
from scoring.record import read_record

from .browser import Contexts, NewPage
from .faultserver import Fault, FaultServer
from .sites import StaticServer
from .storage import put_records, stored_values
from .test_e2e_daily import SMALL_PHONE, answer_what_is_easy, open_daily, submit
from .test_e2e_ledger import LEDGER, export_file

pytestmark = pytest.mark.browser
ENGINE_WAIT_MS = 120_000
WASM = "/assets/pyodide/pyodide.asm.wasm"


@pytest.fixture
def broken_engine(mini_site: Path) -> Iterator[FaultServer]:
    """The mini site with the engine's wasm missing (404): pages run, the engine never loads."""
    csp = (mini_site / "csp.txt").read_text(encoding="utf-8").strip()
    served = FaultServer(mini_site, {"Content-Security-Policy": csp})
    served.faults[WASM] = Fault(status=404)
    yield served
    served.close()


def import_file(page: Page, path: Path) -> str:
    page.locator("[data-tally]").wait_for(timeout=ENGINE_WAIT_MS)  # import waits for the engine
    page.set_input_files('[data-action="import"]', path)
    page.wait_for_selector('[data-record-status][data-state="imported"]', timeout=ENGINE_WAIT_MS)
    return page.inner_text("[data-record-status]")


def test_days_done_carry_to_a_new_phone(
    new_page: NewPage, serve_mini: StaticServer, mini_bank: Bank, tmp_path: Path
) -> None:
    """A day done on one phone is in its exported record; a fresh phone imports it, shows the day as
    done (its result, no second attempt) and the next day continues the streak."""
    page = open_daily(new_page, serve_mini, "2026-12-03")
    right = answer_what_is_easy(page, mini_bank)
    submit(page)
    page.goto(serve_mini.url + LEDGER)
    page.locator("[data-tally]").wait_for(timeout=ENGINE_WAIT_MS)  # the engine is ready: a tallied record
    record = json.loads(export_file(page, tmp_path, "record.json"))
    assert (["2026-12-03"], right) == ([d["id"] for d in record["daily"]], record["daily"][0]["result"]["correct"])

    fresh, _ = new_page(serve_mini.url, **SMALL_PHONE)
    fresh.clock.set_fixed_time(datetime.fromisoformat("2026-12-03T11:00:00"))
    fresh.goto(serve_mini.url + LEDGER)
    assert "1 天每日一练" in import_file(fresh, tmp_path / "record.json")
    fresh = open_daily(new_page, serve_mini, "2026-12-03", fresh)
    assert f"今天已完成：答对 {right} / 5 题" in fresh.inner_text("[data-daily-status]")
    assert fresh.locator('[data-daily] [data-action="submit"]').is_hidden()
    fresh = open_daily(new_page, serve_mini, "2026-12-04", fresh)
    assert "今天做完就能接上" in fresh.inner_text("[data-streak]")


def test_days_go_out_in_a_record_exported_without_the_engine(
    contexts: Contexts, broken_engine: FaultServer, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """With the engine failed, 导出 writes the untallied record with the days in it; Python accepts its
    hash and a phone whose engine works imports the days."""
    page = contexts.new_context(viewport={"width": 360, "height": 640}).new_page()
    page.goto(broken_engine.url + LEDGER)
    day = {"date": "2026-12-02", "seed": 20261202, "questions": ["s-single"], "answers": {"s-single": "B"}}
    day |= {"result": {"points": 1, "max_points": 1, "percent": 100, "passed": True, "correct": 1, "count": 1}}
    put_records(page, {"daily:2026-12-02": day | {"submitted_at": "2026-12-02T01:00:00Z"}})
    page.reload()
    page.wait_for_selector('[data-engine-status="failed"]', timeout=ENGINE_WAIT_MS)
    text = export_file(page, tmp_path, "raw.json")
    record = read_record(text)
    assert (True, ["2026-12-02"]) == (record["tally_pending"], [d["id"] for d in record["daily"]])

    fresh = contexts.new_context(viewport={"width": 360, "height": 640}).new_page()
    fresh.goto(serve_mini.url + LEDGER)
    import_file(fresh, tmp_path / "raw.json")
    assert "2026-12-02" == stored_values(fresh, "daily:")["daily:2026-12-02"]["date"]
