"""The officer's workbench as the build ships it: the catalogue the page reads, the wheels, the page."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from importlib import metadata
from pathlib import Path

import pytest

from quizkit.cli import main, page_anchors
from quizkit.officer.bank_site import read_site_bank, site_bank_json
from quizkit.officer.report_catalogue import Catalogue
from quizkit.officer.report_workbook import workbook_bytes
from quizkit.officer.workbench import catalogue_json, import_banks, read_catalogue, run_report
from quizkit.sources import Bank, load_rule_sets, read_folder
from quizkit.workbench.wheels import officer_wheels, third_party
from scoring.quiz_schema import QuizSpec

from .bankdata import BAD_BANK, GOOD_BANK, workbook
from .officerdata import OPTIONS, file_bytes, record, report_of
from .sites import MINI, ROOT, copy_mini

SETTINGS = {"id": "bank", "title": "导入的题库", "area": "政策制度"}
FLAGS = ["--quiz", "bank", "--title", "导入的题库", "--area", "政策制度"]


def test_the_pages_catalogue_is_the_command_lines(real_bank: Bank) -> None:
    """The catalogue read back from the site's JSON holds the same quiz and rule versions as the command line's."""
    rules = load_rule_sets(ROOT / "quizzes/rules", ROOT)
    expected = Catalogue.of(real_bank.quizzes.values(), rules)
    got = read_catalogue(catalogue_json(real_bank.quizzes.values(), rules))
    assert (expected.quizzes, expected.rules) == (got.quizzes, got.rules)


def test_run_report_writes_the_workbook_build_report_writes(mini_bank: Bank) -> None:
    """The page's entry point gives the very bytes of the report's own workbook writer, in name order."""
    files = [("b.json", file_bytes(record("张丽"))), ("a.json", file_bytes(record("王晓明"))), ("c.json", b"{")]
    rules = load_rule_sets(MINI / "quizzes/rules", MINI)
    catalogue = read_catalogue(catalogue_json(mini_bank.quizzes.values(), rules))
    output = run_report(catalogue, files, today=OPTIONS.today, year=OPTIONS.year)
    assert workbook_bytes(report_of(sorted(files))) == output.workbook
    counts = {"records": 3, "learners": 3, "verified": 2, "problems": 1, "missing": 0, "problem_rows": 1}
    assert counts | {"older_key": 0, "regraded": 0} == output.summary["counts"]


def test_a_bad_year_is_a_message_not_a_crash(mini_bank: Bank) -> None:
    """A year out of range comes back as the command line's kind of sentence."""
    catalogue = read_catalogue(catalogue_json(mini_bank.quizzes.values(), []))
    from quizkit.officer import workbench

    workbench._catalogue = catalogue
    text, workbook, _ = workbench.report(["a.json"], [b"{}"], None, None, 1999, date(2026, 12, 1).isoformat())
    assert ({"ok": False, "message": "统计年度应为 2000 到 2100 之间的年份（实际是 1999）"}, b"") == (
        json.loads(text),
        workbook,
    )


def test_the_wheels_are_what_the_officer_code_imports() -> None:
    """openpyxl (with et_xmlfile, which it requires) and XlsxWriter, found from the imports, at the pinned versions."""
    assert ["et_xmlfile", "openpyxl", "xlsxwriter"] == [d.metadata["Name"].lower() for d in third_party()]
    names = [w.file_name for w in officer_wheels()]
    assert f"openpyxl-{metadata.version('openpyxl')}.zip" in names


def test_our_archive_holds_scoring_and_the_officer_package_only() -> None:
    """The page's own archive has scoring and quizkit/officer, not the build glue or the command line."""
    own = officer_wheels()[-1]
    members = zipfile.ZipFile(io.BytesIO(own.content)).namelist()
    assert {"quizkit/__init__.py", "quizkit/officer/report.py", "scoring/api.py"} <= set(members)
    assert [] == [m for m in members if m.startswith("quizkit/") and not re.match(r"quizkit/(officer/|__init__)", m)]


def test_the_wheels_build_the_same_bytes_twice() -> None:
    """Archives are reproducible: the page's hashes change only when the code does."""
    assert [w.content for w in officer_wheels()] == [w.content for w in officer_wheels()]


def test_the_officer_page_is_built_and_not_in_the_learners_menu(mini_site: Path) -> None:
    """/officer/ exists with the tools' hooks, and no learner page links to it."""
    html = (mini_site / "officer/index.html").read_text(encoding="utf-8")
    hooks = ["data-officer-report", 'data-action="add-records"', 'data-action="add-roster"', 'name="year"']
    assert [] == [hook for hook in hooks if hook not in html]
    linking = [
        p.relative_to(mini_site).as_posix()
        for p in mini_site.rglob("*.html")
        if "officer/" in p.read_text(encoding="utf-8") and not p.is_relative_to(mini_site / "officer")
    ]
    assert [] == linking


def test_the_service_worker_leaves_the_officers_files_out(mini_site: Path) -> None:
    """Learners' offline download does not include the full stdlib or the wheels."""
    sw = (mini_site / "sw.js").read_text(encoding="utf-8")
    assert (True, False) == ("assets/pyodide/pyodide.asm.wasm" in sw, "assets/officer/" in sw)


def test_the_guide_links_the_workbench(real_site: Path) -> None:
    """培训专员指南 leads to the workbench wherever it tells the officer how to do what the page does:
    collecting records, and importing a question bank (most officers cannot run the command)."""
    pages = {
        "guide/records/": 'href="../../officer/"',
        "guide/bank-import/": 'href="../../officer/#导入题库"',
        "guide/quizzes/": 'href="../../officer/#导入题库"',
    }
    missing = [page for page, link in pages.items() if link not in (real_site / page / "index.html").read_text("utf-8")]
    assert [] == missing


def site_bank(project: Path) -> tuple[list[QuizSpec], dict[str, set[str]]]:
    """The import's view of the site as the build writes it for the page."""
    loaded, _ = read_folder(project / "quizzes", project, "测验")
    return read_site_bank(site_bank_json(loaded, page_anchors(project / "mkdocs.yml")))


def test_the_pages_import_writes_the_command_lines_yaml(tmp_path: Path) -> None:
    """The same workbook and settings: the page's entry point gives the very text import-bank writes."""
    project = copy_mini(tmp_path / "project")
    bank = tmp_path / "题库.xlsx"
    bank.write_bytes(workbook({"题库": GOOD_BANK}))
    others, anchors = site_bank(project)
    result, content = import_banks([(bank.name, bank.read_bytes())], SETTINGS, others, anchors)
    code = main(["--config", str(project / "mkdocs.yml"), "import-bank", str(bank), *FLAGS])
    assert (0, True, "bank.yaml") == (code, result["ok"], result["file_name"])
    assert (project / "quizzes/bank.yaml").read_bytes() == content


def problems_both_ways(project: Path, bank: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], list[str]]:
    """What import-bank prints, and what the page's entry point lists, for the same workbook."""
    result, content = import_banks([(bank.name, bank.read_bytes())], SETTINGS, *site_bank(project))
    capsys.readouterr()
    code = main(["--config", str(project / "mkdocs.yml"), "import-bank", str(bank), *FLAGS])
    assert (1, False, b"") == (code, result["ok"], content)
    return capsys.readouterr().out.splitlines(), result["problems"]


def test_the_pages_import_tells_the_command_lines_cell_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong answer letter, an empty explanation: the same lines, with sheet, row and column."""
    project = copy_mini(tmp_path / "project")
    bank = tmp_path / "题库.xlsx"
    bank.write_bytes(workbook({"题库": BAD_BANK}))
    printed, listed = problems_both_ways(project, bank, capsys)
    assert (True, printed) == (len(printed) >= 2, listed)


def test_the_pages_import_tells_the_command_lines_site_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What only the site can tell (a link to no section, a question id another quiz uses): the same lines."""
    project = copy_mini(tmp_path / "project")
    bank = tmp_path / "题库.xlsx"
    rows = [
        [*GOOD_BANK[0], "编号"],
        [*GOOD_BANK[1], "s-single"],
        [*GOOD_BANK[2][:-1], "secondment.md#没有这一节", None],
    ]
    bank.write_bytes(workbook({"题库": rows}))
    printed, listed = problems_both_ways(project, bank, capsys)
    assert printed == listed
    assert [True, True] == [any(word in line for line in printed) for word in ("s-single", "没有这一节")], printed


def test_several_banks_come_as_one_zip(tmp_path: Path) -> None:
    """Two workbooks, each with its own 测验信息: a zip of both quiz files."""
    project = copy_mini(tmp_path / "project")
    files = []
    for quiz_id in ("bank-a", "bank-b"):
        info = [["项目", "内容"], ["测验编号", quiz_id], ["测验标题", quiz_id], ["领域", "政策制度"]]
        rows = [[*GOOD_BANK[0], "编号"], *[[*r, f"{quiz_id}-{i}"] for i, r in enumerate(GOOD_BANK[1:])]]
        files.append((f"{quiz_id}.xlsx", workbook({"题库": rows, "测验信息": info})))
    result, content = import_banks(files, {}, *site_bank(project))
    assert (True, ["bank-a.yaml", "bank-b.yaml"]) == (result["ok"], zipfile.ZipFile(io.BytesIO(content)).namelist())


def test_each_picked_file_says_what_became_of_it(mini_bank: Bank) -> None:
    """A record, a zip of two and a stray file: one status line each, the zip counting its members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.json", file_bytes(record("张丽")))
        archive.writestr("b.json", b"{")
    files = [("x.json", file_bytes(record())), ("组.zip", buffer.getvalue()), ("说明.docx", b"x")]
    catalogue = read_catalogue(catalogue_json(mini_bank.quizzes.values(), load_rule_sets(MINI / "quizzes/rules", MINI)))
    output = run_report(catalogue, files, today=OPTIONS.today, year=OPTIONS.year)
    assert [
        {"name": "x.json", "statuses": {"已核验": 1}},
        {"name": "组.zip", "statuses": {"已核验": 1, "未通过核验": 1}},
        {"name": "说明.docx", "statuses": {"已跳过": 1}},
    ] == output.summary["files"]
