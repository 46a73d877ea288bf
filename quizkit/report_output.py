"""Write the officer's report as an .xlsx workbook (Excel and WPS) and a CSV of learners."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import xlsxwriter

from .report import Report

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def learner_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    titles: list[str] = []
    for row in report.learners:
        for title, _, _ in row.requirements:
            if title not in titles:
                titles.append(title)
    header = [
        "文件",
        "姓名",
        "单位",
        "核验",
        "学时规则",
        "学时合计",
        *titles,
        "作答次数",
        "已重新评分",
        "通过的测验",
        "问题数",
    ]
    rows = []
    for row in report.learners:
        met = {title: ("已完成" if ok else f"未完成：{message}") for title, ok, message in row.requirements}
        rows.append(
            [row.file, row.name, row.unit, row.status, row.rule_set, row.total_hours, *(met.get(t, "") for t in titles)]
            + [row.attempts, row.rescored, row.quizzes_passed, row.problems]
        )
    return header, rows


def quiz_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    header = ["测验", "名称", "作答次数", "作答人数", "平均得分率（%）", "通过次数"]
    rows = [
        [
            quiz_id,
            s.title,
            s.attempts,
            len(s.learners),
            round(s.percent_sum / s.attempts, 1) if s.attempts else None,
            s.passed,
        ]
        for quiz_id, s in sorted(report.quizzes.items())
    ]
    return header, rows


def question_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    header = ["测验", "题目", "作答次数", "未答对次数", "未答对比例（%）"]
    # Most often missed first: what the next class should go over.
    ordered = sorted(report.questions.items(), key=lambda item: (-item[1][1] / item[1][0], item[0]))
    rows: list[list[Any]] = [
        [quiz_id, qid, answered, missed, round(missed * 100 / answered, 1)]
        for (quiz_id, qid), (answered, missed) in ordered
    ]
    return header, rows


def problem_rows(report: Report) -> tuple[list[str], list[list[Any]]]:
    return ["文件", "问题", "说明"], [list(p) for p in report.problems]


def write_xlsx(report: Report, path: Path) -> None:
    # constant_memory streams rows to disk, so 10,000 learners stay small in memory.
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = workbook.add_format({"bold": True})
    sheets = [
        ("学员汇总", learner_rows(report)),
        ("测验", quiz_rows(report)),
        ("题目", question_rows(report)),
        ("问题清单", problem_rows(report)),
    ]
    for name, (header, rows) in sheets:
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, header, bold)
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, len(header) - 1, 16)
        for index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                value = neutralise(value)
                if isinstance(value, str):
                    sheet.write_string(index, column, value)
                elif value is None:
                    sheet.write_blank(index, column, None)
                else:
                    sheet.write(index, column, value)
    workbook.close()


def write_csv(report: Report, path: Path) -> None:
    header, rows = learner_rows(report)
    # UTF-8 with a byte-order mark: Excel and WPS then read the Chinese correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else neutralise(v) for v in row])
