"""The officer's workbench as the build ships it: the catalogue the page reads, the wheels, the page."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from importlib import metadata
from pathlib import Path

from quizkit.officer.report_catalogue import Catalogue
from quizkit.officer.report_workbook import workbook_bytes
from quizkit.officer.workbench import catalogue_json, read_catalogue, run_report
from quizkit.sources import Bank, load_rule_sets
from quizkit.workbench.wheels import officer_wheels, third_party

from .officerdata import OPTIONS, file_bytes, record, report_of
from .sites import MINI, ROOT


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
    assert {"records": 3, "learners": 3, "verified": 2, "problems": 1, "missing": 0, "problem_rows": 1} == (
        output.summary["counts"]
    )


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
    """培训专员指南 leads to the workbench page."""
    html = (real_site / "guide/records/index.html").read_text(encoding="utf-8")
    assert 'href="../../officer/"' in html
