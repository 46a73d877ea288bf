"""Issue 14: ``cadre-officer report --regrade`` after a corrected key, read back from the workbook.

The mini project's s-single key moves from B to A after the learners answered; the build's
archive keeps the old version. Without ``--regrade`` each attempt keeps the key it was made
under; with it, the changed questions are scored with the current key and listed on 重新评分.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from quizkit.cli import main
from quizkit.officer.report import build_report
from quizkit.officer.report_assess import Options
from quizkit.officer.report_catalogue import Catalogue
from quizkit.sources import load_bank
from quizkit.version_store import load_archive, update_archive
from scoring.record import record_text
from scoring.regrade import changes, regrade_quiz
from tests.officerdata import OPTIONS, RIGHT, attempt, file_bytes, record, rules
from tests.sites import copy_mini

SHEET = "重新评分"


def edit_sample(project: Path, old: str, new: str) -> None:
    """An officer's edit of sample.yaml, then the archive as the next build leaves it."""
    path = project / "quizzes" / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    update_archive(project / "quizzes", load_bank(project / "quizzes", project).quizzes.values())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two learners' records made under the current key (B), then the key corrected to A."""
    project = copy_mini(tmp_path / "project")
    folder = project / "records"
    folder.mkdir()
    # 王晓明 answered B (right then, wrong now): 8/8 → 6/8. 李华 answered A: 3/8 (fails) → 5/8 (passes).
    (folder / "wang.json").write_bytes(file_bytes(record("王晓明", [attempt(RIGHT)])))
    li = attempt({"s-single": "A", "s-multiple": ["A", "B", "D"]}, number=2)
    (folder / "li.json").write_bytes(file_bytes(record("李华", [li])))
    edit_sample(project, "    answer: B\n", "    answer: A\n")
    return project


def report(project: Path, out: Path, *extra: str) -> int:
    return main(
        ["--config", str(project / "mkdocs.yml"), "report", str(project / "records"), "--out", str(out), *extra]
    )


def sheet_rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    book = openpyxl.load_workbook(path)
    rows = [list(row) for row in book[sheet].iter_rows(values_only=True)]
    header = [str(name) for name in rows[1]]
    return [dict(zip(header, row, strict=True)) for row in rows[2:]]


def learners(out: Path) -> dict[str, dict[str, str]]:
    with out.with_suffix(".csv").open(encoding="utf-8-sig") as handle:
        return {row["姓名"]: row for row in csv.DictReader(handle)}


def test_without_regrade_each_attempt_keeps_the_key_it_was_made_under(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.xlsx"
    assert 0 == report(project, out)
    assert SHEET not in openpyxl.load_workbook(out).sheetnames
    quizzes = sheet_rows(out, "测验")
    assert [("sample", 2, 1)] == [(q["测验"], q["作答次数"], q["通过人数"]) for q in quizzes]
    assert "有 2 次作答是在题目答案更正之前做的" in capsys.readouterr().out


def test_regrade_scores_with_the_corrected_key_and_lists_each_change(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.xlsx"
    # Nothing is flagged: the records' own figures are checked against the key they were made under.
    assert 0 == report(project, out, "--regrade")
    rows = sheet_rows(out, SHEET)
    got = sorted((r["姓名"], r["题号"], r["原得分"], r["新得分"], r["说明"]) for r in rows)
    assert [
        ("李华", "s-single", 0, 2, "标准答案由 B 改为 A"),
        ("王晓明", "s-single", 2, 0, "标准答案由 B 改为 A"),
    ] == got
    li = next(r for r in rows if r["姓名"] == "李华")
    assert ("3/8 分（37.5%，不及格）", "5/8 分（62.5%，及格）") == (li["原成绩"], li["新成绩"])
    assert li["题目"].startswith("强调“发现在早")  # the question as the site shows it now
    assert "2 次作答的成绩有变化" in capsys.readouterr().out
    # The regraded scores are the ones counted: 李华 now passes too (王晓明's 6/8 still does).
    quizzes = sheet_rows(out, "测验")
    assert [("sample", 2, 2)] == [(q["测验"], q["作答次数"], q["通过人数"]) for q in quizzes]
    people = learners(out)
    assert ("1", "已核验", "0") == (people["李华"]["通过的测验"], people["李华"]["核验"], people["李华"]["问题数"])
    assert ("1", "已核验") == (people["王晓明"]["通过的测验"], people["王晓明"]["核验"])


def test_a_question_whose_options_changed_keeps_its_score_and_says_why(tmp_path: Path) -> None:
    """Option keys changed (C gone, the key moved): a stored "B" may mean another option, so no regrade."""
    project = copy_mini(tmp_path / "project")
    made = record("王晓明", [attempt(RIGHT)])
    edit_sample(project, "      C: 公平竞争\n    answer: B\n", "    answer: A\n")
    bank = load_bank(project / "quizzes", project)
    catalogue = Catalogue.of(bank.quizzes.values(), [rules()], load_archive(project / "quizzes"))
    options = Options(year=OPTIONS.year, today=OPTIONS.today, regrade=True)
    result = build_report([("r.json", record_text(made).encode())], catalogue, options)
    [row] = result.learners[0].assessment.regrades
    assert ("s-single", 2, 2) == (row.question_id, row.old_points, row.new_points)
    assert row.reason == "选项已改变（A、B、C → A、B），原来的选择可能指别的选项，保留原分"
    assert [] == result.problems
    assert 0 == result.regraded


def test_changes_name_what_decides_the_score(tmp_path: Path) -> None:
    """Points and the multiple-choice mode are named too; wording edits change nothing."""
    project = copy_mini(tmp_path / "project")
    old = load_bank(project / "quizzes", project).quizzes["sample"]
    edit_sample(project, "    answer: [A, B, D]\n    points: 3\n", "    answer: [A, B]\n    points: 4\n")
    edit_sample(project, "组织培养要早发现", "组织培养要及早发现")
    new = load_bank(project / "quizzes", project).quizzes["sample"]
    plan = regrade_quiz(old, new)
    assert {"s-multiple": "标准答案由 A、B、D 改为 A、B；分值由 3 改为 4"} == plan.changed
    assert {} == plan.kept
    assert [] == changes(old.question_index["s-single"], new.question_index["s-single"])


def validate(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--config", str(project / "mkdocs.yml"), "validate"])
    return code, capsys.readouterr().out.splitlines()


def test_validate_warns_of_a_changed_key_with_file_line_and_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key edited and not yet archived: a warning (exit 0) at the answer's line, saying what changed."""
    project = copy_mini(tmp_path / "project")
    quiz = project / "quizzes" / "sample.yaml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("    answer: B\n", "    answer: A\n", 1).replace("pass_mark: 60", "pass_mark: 70"))
    code, lines = validate(project, capsys)
    assert 0 == code
    warned = [line for line in lines if ": 提醒：" in line]
    assert 2 == len(warned), lines
    assert warned[0].startswith("quizzes/sample.yaml:15: 提醒：题目 s-single 的评分数据改了（标准答案由 B 改为 A）")
    assert warned[1].startswith("quizzes/sample.yaml:4: 提醒：测验 sample 的及格线由 60 改为 70")
    assert "report --regrade" in warned[0]
    assert lines[-1].startswith("全部通过")
    assert "另有 2 条提醒" in lines[-1]
    # Once a build has archived the new version, the edit is known: no warning.
    update_archive(project / "quizzes", load_bank(project / "quizzes", project).quizzes.values())
    code, lines = validate(project, capsys)
    assert (0, []) == (code, [line for line in lines if ": 提醒：" in line])


def test_validate_says_nothing_of_a_wording_edit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_mini(tmp_path / "project")
    quiz = project / "quizzes" / "sample.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("组织培养要早发现", "组织培养要及早发现"))
    code, lines = validate(project, capsys)
    assert (0, []) == (code, [line for line in lines if ": 提醒：" in line])
