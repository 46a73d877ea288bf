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

from .bankdata import BAD_BANK, GOOD_BANK, workbook
from .browser import NewPage, Traffic
from .officerdata import RIGHT, attempt, file_bytes, record, rehash
from .sites import MINI, StaticServer, copy_mini, mkdocs_build
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


def browser_report(
    page: Page, files: list[Path], roster: Path | None = None, year: str | None = None, regrade: bool = False
) -> bytes:
    page.set_input_files('input[type=file][data-action="add-records"]', [str(f) for f in files])
    if regrade:
        page.check('input[name="regrade"]')
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


def test_each_file_gets_its_line_and_the_charts_are_drawn(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path
) -> None:
    """Every picked file has a line saying what became of it (a zip: its members; a stray file: 已跳过),
    and the pass rates per quiz are drawn."""
    folder = class_folder(tmp_path / "档案")
    page, _ = open_workbench(new_page, serve_mini)
    # Ready: the engine box offers no 重试 (its button class once overrode the hidden attribute).
    assert page.locator('.quiz-engine [data-action="retry"]').is_hidden()
    browser_report(page, sorted(folder.iterdir()))
    lines = {
        item.get_attribute("data-file"): (item.get_attribute("data-file-status"), item.inner_text())
        for item in page.locator("[data-file-list] li").all()
    }
    assert {
        "王晓明.json": ("verified", "王晓明.json：已核验"),
        "赵强.json": ("problem", "赵强.json：有问题"),
        "坏文件.json": ("problem", "坏文件.json：未通过核验"),
        "第二组.zip": ("verified", "第二组.zip：1 份已核验"),
        "说明.docx": ("problem", "说明.docx：已跳过"),
    }.items() <= lines.items()
    assert ["样例测验\n50%"] == page.locator('[data-chart="pass-rates"] li').all_inner_texts()
    # Drawn: the bar fills half of its track, and the track has room (Material's figure once left it 1 px).
    bar, track = page.evaluate(
        """() => { const bar = document.querySelector('[data-chart="pass-rates"] .officer-chart__bar');
        const track = getComputedStyle(bar.parentElement).gridTemplateColumns.split(" ")[1];
        return [bar.getBoundingClientRect().width, parseFloat(track)]; }"""
    )
    assert (True, 0.5) == (track > 200, round(bar / track, 2))


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


def test_regrading_after_a_corrected_key_gives_the_command_lines_workbook(new_page: NewPage, tmp_path: Path) -> None:
    """Issue 17's 按更正后的答案重新评分: records made before s-single's key moved from B to A; the site
    built after the change ships the archive, and the page regrades as ``report --regrade`` does."""
    project = copy_mini(tmp_path / "project")
    folder = tmp_path / "档案"
    folder.mkdir()
    (folder / "王晓明.json").write_bytes(file_bytes(record("王晓明")))
    (folder / "李华.json").write_bytes(file_bytes(record("李华", [attempt({"s-single": "A"}, number=2)])))
    quiz = project / "quizzes" / "sample.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("    answer: B\n", "    answer: A\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode  # the build archives the new version
    out = tmp_path / "cli.xlsx"
    main(["--config", str(project / "mkdocs.yml"), "report", str(folder), "--out", str(out), "--regrade"])
    expected = values(out.read_bytes())
    server = StaticServer(site)
    try:
        page, traffic = open_workbench(new_page, server)
        got = values(browser_report(page, sorted(folder.iterdir()), regrade=True))
        assert expected == got
        changed = sorted((row[0], row[5], row[7], row[8], row[9]) for row in got["重新评分"][2:])
        assert [
            ("李华", "s-single", 0, 2, "标准答案由 B 改为 A"),
            ("王晓明", "s-single", 2, 0, "标准答案由 B 改为 A"),
        ] == changed
        assert "2" == page.locator("[data-report-ready]").get_attribute("data-regraded")
        assert "重新评分" in page.inner_text("[data-report-output]")
        assert [] == traffic.foreign
    finally:
        server.close()


def test_learners_pages_do_not_load_the_officers_files(new_page: NewPage, serve_mini: StaticServer) -> None:
    """A quiz page with its engine ready has fetched nothing from assets/officer/."""
    page, _ = new_page(serve_mini.url)
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('[data-engine-status="ready"]', timeout=ENGINE_WAIT_MS)
    assert [] == [u for u in urls if "/assets/officer/" in u]


SETTINGS = {"id": "bank", "title": "导入的题库", "area": "政策制度"}


def cli_import(project: Path, bank: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """The command line's exit code and the problems it prints (one a line)."""
    capsys.readouterr()
    code = main(
        ["--config", str(project / "mkdocs.yml"), "import-bank", str(bank)]
        + ["--quiz", SETTINGS["id"], "--title", SETTINGS["title"], "--area", SETTINGS["area"]]
    )
    return code, capsys.readouterr().out.splitlines()


def browser_import(page: Page, bank: Path) -> None:
    tool = page.locator("[data-bank-import]")
    tool.locator('[name="id"]').fill(SETTINGS["id"])
    tool.locator('[name="title"]').fill(SETTINGS["title"])
    tool.locator('[name="area"]').select_option(SETTINGS["area"])
    page.set_input_files('input[type=file][data-action="add-bank"]', str(bank))
    page.click('[data-action="import-bank"]')
    page.wait_for_selector(
        '[data-bank-errors]:not([hidden]) li, a[data-action="download-bank"]', timeout=REPORT_WAIT_MS
    )


def test_the_import_gives_the_command_lines_quiz_file(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A good workbook: the page's download is byte for byte the YAML the command line writes."""
    project = copy_mini(tmp_path / "project")
    bank = tmp_path / "题库.xlsx"
    bank.write_bytes(workbook({"题库": GOOD_BANK}))
    assert 0 == cli_import(project, bank, capsys)[0]
    page, traffic = open_workbench(new_page, serve_mini)
    browser_import(page, bank)
    with page.expect_download() as download:
        page.click('a[data-action="download-bank"]')
    assert ("bank.yaml", (project / "quizzes/bank.yaml").read_bytes()) == (
        download.value.suggested_filename,
        Path(download.value.path()).read_bytes(),
    )
    assert [] == traffic.foreign


def test_the_import_lists_the_command_lines_problems(
    new_page: NewPage, serve_mini: StaticServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook with mistakes (a wrong answer letter, a missing stem, a link to no section): the same
    sentences, sheet, row and column, as the command line prints, one li each, and nothing to download."""
    project = copy_mini(tmp_path / "project")
    bank = tmp_path / "题库.xlsx"
    bank.write_bytes(workbook({"题库": BAD_BANK}))
    code, printed = cli_import(project, bank, capsys)
    page, _ = open_workbench(new_page, serve_mini)
    browser_import(page, bank)
    shown = page.locator("[data-bank-errors] li").all_text_contents()
    assert (1, True, printed) == (code, len(printed) >= 3, shown)
    assert 0 == page.locator('a[data-action="download-bank"]').count()
