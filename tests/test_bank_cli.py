"""``cadre-officer import-bank`` and ``export-bank`` on a real project: files written, refused, and exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizkit.cli import main
from quizkit.sources import load_bank

from .bankdata import HEADERS, LINK, workbook
from .sites import copy_mini

GOOD: list[list[Any]] = [
    HEADERS,
    ["单选", "挂职一般多长？", "半年", "一年", None, None, "B", "一年。", 2, None, None, LINK],
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_mini(tmp_path / "project")


def run(project: Path, *args: str) -> int:
    return main(["--config", str(project / "mkdocs.yml"), *args])


def bank_file(project: Path, rows: list[list[Any]], name: str = "题库.xlsx") -> Path:
    path = project / name
    path.write_bytes(workbook({"题库": rows}))
    return path


def quiz_files(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "quizzes").iterdir())


def test_import_bank_writes_a_quiz_the_site_validates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A good workbook becomes quizzes/ID.yaml, exit 0, and ``validate`` then passes with one more quiz."""
    path = bank_file(project, GOOD)
    code = run(project, "import-bank", str(path), "--quiz", "bank", "--title", "导入", "--area", "政策制度")
    out = capsys.readouterr().out
    assert (0, True, ["bank-01"]) == (
        code,
        "已写出" in out,
        [q.id for q in load_bank(project / "quizzes", project).quizzes["bank"].questions],
    )
    assert 0 == run(project, "validate")


def test_import_bank_with_problems_writes_nothing_and_exits_1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem is printed, nothing is written (not even a partial file), exit code 1."""
    before = quiz_files(project)
    bad: list[list[Any]] = [HEADERS, ["单选", "题", "甲", "乙", None, None, "E", None, None, None, None, LINK]]
    code = run(
        project, "import-bank", str(bank_file(project, bad)), "--quiz", "bank", "--title", "导入", "--area", "政策制度"
    )
    captured = capsys.readouterr()
    assert (1, before) == (code, quiz_files(project))
    assert [
        "题库.xlsx 题库 第2行 答案：应为选项 A、B 之一（实际是'E'）",
        "题库.xlsx 题库 第2行 解析：不能为空",
    ] == captured.out.splitlines()


def test_import_bank_checks_links_and_ids_against_the_whole_site(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A section no page has and a 编号 another quiz already uses are told at their cells."""
    rows: list[list[Any]] = [
        ["编号", *HEADERS],
        ["s-single", "单选", "题", "甲", "乙", None, None, "A", "因为", None, None, None, "secondment.md#无此节"],
    ]
    code = run(
        project, "import-bank", str(bank_file(project, rows)), "--quiz", "bank", "--title", "导入", "--area", "政策制度"
    )
    lines = capsys.readouterr().out.splitlines()
    assert (1, 2) == (code, len(lines))
    assert lines[0].startswith("题库.xlsx 题库 第2行 编号：编号与其他测验重复（实际是 's-single'")
    assert "题库.xlsx 题库 第2行 讲解链接：页面 secondment.md 中没有这个小节（实际是 '#无此节'）" == lines[1]


def test_import_bank_does_not_overwrite_a_quiz_unless_asked(project: Path) -> None:
    """An existing quiz file is kept (exit 1) unless --replace is given."""
    path = bank_file(project, GOOD)
    args = ("import-bank", str(path), "--quiz", "timed", "--title", "替换", "--area", "政策制度")
    original = (project / "quizzes/timed.yaml").read_text(encoding="utf-8")
    refused = run(project, *args)
    kept = (project / "quizzes/timed.yaml").read_text(encoding="utf-8")
    assert (1, original) == (refused, kept)
    assert (0, "替换") == (
        run(project, *args, "--replace"),
        load_bank(project / "quizzes", project).quizzes["timed"].title,
    )


def test_import_bank_that_cannot_run_exits_2(project: Path) -> None:
    """A missing file is exit code 2."""
    assert 2 == run(
        project, "import-bank", str(project / "无此文件.xlsx"), "--quiz", "x", "--title", "t", "--area", "案例"
    )


def test_export_then_import_with_replace_keeps_the_quiz(project: Path, tmp_path: Path) -> None:
    """export-bank writes the workbook; importing it back over the quiz gives the same scoring version."""
    before = load_bank(project / "quizzes", project).quizzes["sample"]
    out = tmp_path / "样例.xlsx"
    assert 0 == run(project, "export-bank", "sample", "--out", str(out))
    assert 0 == run(project, "import-bank", str(out), "--replace")
    assert before.version == load_bank(project / "quizzes", project).quizzes["sample"].version


def test_export_bank_of_an_unknown_quiz_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An id the site does not have is told with the ids it does have."""
    code = run(project, "export-bank", "nope")
    assert (2, "没有这份测验：nope（可用：engine、sample、timed）") == (code, capsys.readouterr().err.strip())
