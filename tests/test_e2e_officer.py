"""The officer's workbench page (/officer/) in Chromium: the class report made in the browser by the
same Python code as ``cadre-officer report``, from the site's own files alone."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import Page

from quizkit.cli import main

from .browser import NewPage, Traffic
from .officerdata import RIGHT, attempt, file_bytes, record, rehash
from .sites import MINI, StaticServer
from .test_officer_report import hostile

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("officer")]

ENGINE_WAIT_MS = 180_000
REPORT_WAIT_MS = 120_000


def class_folder(folder: Path) -> Path:
    """Records as a class hands them in: good, tampered (a score raised, hash recomputed), hostile, a zip."""
    folder.mkdir()
    (folder / "王晓明.json").write_bytes(file_bytes(record("王晓明")))
    (folder / "张丽.json").write_bytes(file_bytes(record("张丽", [attempt({"s-single": "A"}, number=2)])))
    faked = record("赵强", [attempt({"s-single": "A"}, number=3)])
    faked["attempts"][0]["result"] = {"points": 6, "max_points": 6, "percent": 100, "passed": True}
    (folder / "赵强.json").write_bytes(file_bytes(rehash(faked)))
    (folder / "坏文件.json").write_bytes(b'{"schema": 1, "profile":')
    (folder / "嵌套.json").write_bytes(hostile("nested-600"))
    (folder / "规则.json").write_bytes(hostile("rules-string"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("孙悦.json", file_bytes(record("孙悦", [attempt(RIGHT, number=4)])))
    (folder / "第二组.zip").write_bytes(buffer.getvalue())
    (folder / "说明.docx").write_bytes(b"not a record")
    return folder


def values(content: bytes) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values, as openpyxl reads the workbook."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def cli_report(folder: Path, out: Path, *args: str) -> bytes:
    main(["--config", str(MINI / "mkdocs.yml"), "report", str(folder), "--out", str(out), *args])
    return out.read_bytes()


def open_workbench(new_page: NewPage, server: StaticServer) -> tuple[Page, Traffic]:
    page, traffic = new_page(server.url, viewport={"width": 1280, "height": 900})
    page.goto(server.url + "officer/")
    page.wait_for_selector('[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    return page, traffic


def browser_report(page: Page, files: list[Path], roster: Path | None = None, year: str | None = None) -> bytes:
    page.set_input_files('input[type=file][data-action="add-records"]', [str(f) for f in files])
    if roster is not None:
        page.set_input_files('input[type=file][data-action="add-roster"]', str(roster))
    if year is not None:
        page.fill('input[name="year"]', year)
    page.click('[data-action="build-report"]')
    page.wait_for_selector("[data-report-ready]", timeout=REPORT_WAIT_MS)
    with page.expect_download() as download:
        page.click('a[data-action="download-report"]')
    return Path(download.value.path()).read_bytes()


def test_the_page_makes_the_workbook_the_command_line_writes(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """Good, tampered and hostile records through the page and through the command line: the same cells."""
    folder = class_folder(tmp_path / "档案")
    expected = cli_report(folder, tmp_path / "cli.xlsx")
    page, traffic = open_workbench(new_page, serve_mini)
    got = browser_report(page, sorted(folder.iterdir()))
    assert values(expected) == values(got)
    ready = page.locator("[data-report-ready]")
    assert ("7", "3", "4") == (
        ready.get_attribute("data-records"),
        ready.get_attribute("data-verified"),
        ready.get_attribute("data-problems"),
    )
    assert [] == traffic.foreign
    assert [] == traffic.failures


def test_a_roster_and_a_year_give_the_command_lines_workbook(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """With a roster (one learner missing) and another year, still the same cells as the command line."""
    folder = class_folder(tmp_path / "档案")
    roster = tmp_path / "名单.csv"
    roster.write_text("姓名,单位\n王晓明,城关镇\n张丽,城关镇\n李四,城关镇\n", encoding="utf-8")
    expected = cli_report(folder, tmp_path / "cli.xlsx", "--roster", str(roster), "--year", "2025")
    page, _ = open_workbench(new_page, serve_mini)
    got = browser_report(page, sorted(folder.iterdir()), roster=roster, year="2025")
    assert values(expected) == values(got)
    assert "1" == page.locator("[data-report-ready]").get_attribute("data-missing")


def test_learners_pages_do_not_load_the_officers_files(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A quiz page with its engine ready has fetched nothing from assets/officer/."""
    page, _ = new_page(serve_mini.url)
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    assert [] == [u for u in urls if "/assets/officer/" in u]
