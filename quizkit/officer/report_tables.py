"""The report as tables: one per sheet, plain values (text, numbers, blanks) in the officer's words.

The workbook writer lays them out; the CSV is the first of them. No cell holds a data structure,
a True/False or an English key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .report import Report

Cell = str | int | float | None
REQUIREMENT_WIDTH, FILE_WIDTH, SENTENCE_WIDTH = 18, 24, 50


@dataclass(frozen=True)
class Table:
    sheet: str
    header: list[str]
    rows: list[list[Cell]]
    # Columns kept in view when scrolling right (names).
    frozen_columns: int = 1
    # Columns that may hold long sentences, with the width they wrap at instead of widening the page.
    wrapped: dict[str, int] = field(default_factory=dict)


def title(report: Report) -> str:
    """The first row of each sheet: which year, which rules, made when."""
    options = report.options
    rules = "；".join(
        f"{name}（{periods[0] if len(periods) == 1 else '各人统计期不同，见“统计期”列'}）"
        for name, periods in report.periods.items()
    )
    return (
        f"{options.year} 年度学习档案汇总　统计年度：{options.year} 年　"
        f"学时规则：{rules or '（没有可统计的档案）'}　制表日期：{options.today.isoformat()}"
    )


def percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def learners(report: Report) -> Table:
    titles: list[str] = []
    for row in report.learners:
        for _, requirement, _, _ in row.assessment.requirements:
            if requirement not in titles:
                titles.append(requirement)
    roster = report.roster
    numbers = roster is not None and roster.has_numbers
    header = ["姓名", "单位"]
    header += ["名单编号"] * numbers + ["名单"] * (roster is not None)
    header += ["核验", "学时规则", "统计期", "学时合计", *titles, "作答次数", "已重新评分", "通过的测验", "问题数"]
    header += ["导出日期", "文件"]
    rows: list[list[Cell]] = []
    for row in report.learners:
        a = row.assessment
        cells: list[Cell] = [a.name, a.unit]
        match = row.roster
        if numbers:
            cells.append(match.person.number if match and match.person else "")
        if roster is not None:
            cells.append("" if match is None else "在名单" if match.person else "不在名单")
        met = {title: "已完成" if ok else f"未完成：{message}" for _, title, ok, message in a.requirements}
        cells += [a.status, a.rule_set, a.period, a.total_hours, *(met.get(t, "") for t in titles)]
        cells += [a.attempts, a.rescored, a.quizzes_passed, row.problems, a.as_of, "、".join(row.files)]
        rows.append(cells)
    # A requirement column per requirement: narrow and wrapped, or a class with several rule sets prints tiny.
    wrapped = dict.fromkeys(titles, REQUIREMENT_WIDTH) | {"文件": FILE_WIDTH}
    return Table("学员汇总", header, rows, frozen_columns=2, wrapped=wrapped)


def quizzes(report: Report) -> Table:
    header = ["测验", "名称", "作答次数", "作答人数", "通过人数", "通过率（%）", "平均得分率（%）", "通过次数"]
    rows: list[list[Cell]] = [
        [
            s.quiz_id,
            s.title,
            s.attempts,
            s.learners,
            s.passed_learners,
            percent(s.passed_learners, s.learners),
            round(s.percent_sum / s.attempts, 1) if s.attempts else None,
            s.passed_attempts,
        ]
        for s in report.quizzes
    ]
    return Table("测验", header, rows, frozen_columns=2)


def questions(report: Report) -> Table:
    header = ["排名", "测验", "题号", "题目", "领域", "作答次数", "未答对次数", "未答对比例（%）"]
    rows: list[list[Cell]] = []
    rank = 0
    for q in report.questions:
        ranked = q.answered >= 5
        rank += ranked
        rows.append(
            [rank if ranked else None, q.quiz_id, q.question_id, q.text, q.area, q.answered, q.missed, q.missed_percent]
        )
    return Table("题目", header, rows, frozen_columns=4, wrapped={"题目": SENTENCE_WIDTH})


def problems(report: Report) -> Table:
    header = ["姓名", "单位", "问题", "说明", "文件"]
    rows: list[list[Cell]] = [[p.name, p.unit, p.kind, p.message, p.file] for p in report.problems]
    return Table("问题清单", header, rows, frozen_columns=1, wrapped={"说明": SENTENCE_WIDTH, "文件": FILE_WIDTH})


def missing(report: Report) -> Table:
    numbers = report.roster is not None and report.roster.has_numbers
    header = ["编号"] * numbers + ["姓名", "单位"]
    rows: list[list[Cell]] = [[*([p.number] * numbers), p.name, p.unit] for p in report.missing]
    return Table("未交名单", header, rows, frozen_columns=1 + numbers)


REGRADE_SHEET = "重新评分"


def regrades(report: Report) -> Table:
    """Every question whose score a regrade changed, and every one it could not regrade (with why)."""
    header = ["姓名", "单位", "测验", "作答编号", "提交日期", "题号", "题目", "原得分", "新得分", "说明"]
    header += ["原成绩", "新成绩", "文件"]
    rows: list[list[Cell]] = []
    for row in report.learners:
        a = row.assessment
        for r in a.regrades:
            question = report.question_text(r.quiz_id, r.question_id)
            rows.append([a.name, a.unit, r.quiz_id, r.attempt_id, r.submitted, r.question_id, question])
            rows[-1] += [r.old_points, r.new_points, r.reason, r.old_result, r.new_result, "、".join(row.files)]
    wrapped = {"题目": SENTENCE_WIDTH, "说明": SENTENCE_WIDTH, "文件": FILE_WIDTH}
    return Table(REGRADE_SHEET, header, rows, frozen_columns=1, wrapped=wrapped)


def tables(report: Report) -> list[Table]:
    """The sheets in order; 未交名单 only when a roster was given, 重新评分 only for a regrade."""
    found = [learners(report), quizzes(report), questions(report), problems(report)]
    if report.roster is not None:
        found.append(missing(report))
    if report.options.regrade:
        found.append(regrades(report))
    return found


def requirement_counts(report: Report) -> list[tuple[str, int, int]]:
    """(rule set · requirement, learners who met it, learners who did not), in order of appearance."""
    counts: dict[str, list[int]] = {}
    for row in report.learners:
        for rules, requirement, met, _ in row.assessment.requirements:
            pair = counts.setdefault(f"{rules}：{requirement}", [0, 0])
            pair[0 if met else 1] += 1
    return [(label, met, unmet) for label, (met, unmet) in counts.items()]


def hours_bins(report: Report) -> tuple[list[str], dict[str, list[int]]]:
    """学时合计 in ten equal steps (a round width), learners per step for each rule set."""
    totals = [(r.assessment.rule_set, r.assessment.total_hours) for r in report.learners]
    values = [(rules, hours) for rules, hours in totals if hours is not None]
    if not values:
        return [], {}
    top = max(hours for _, hours in values)
    width = next((w for w in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if w * 10 >= top), 1000)
    bins = min(int(top // width) + 1, 12)
    labels = [f"{i * width}–{(i + 1) * width}" for i in range(bins - 1)] + [f"{(bins - 1) * width} 及以上"]
    counts: dict[str, list[int]] = {}
    for rules, hours in values:
        counts.setdefault(rules, [0] * bins)[min(int(hours // width), bins - 1)] += 1
    return labels, counts


def cell_text(value: Any) -> str:
    return "" if value is None else str(value)
