"""A scored 答题登记表 as tables for the report's workbook writer: 成绩, 题目 (most often missed first), 问题清单."""

from __future__ import annotations

from .paper_sheet import PaperScores
from .report_tables import Cell, Table

SHORT = 40


def _percent(part: float, whole: float) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def learners(scores: PaperScores) -> Table:
    header = ["姓名", "单位", "试卷版本", "得分", "满分", "得分率（%）", "是否及格", "问题数", "登记表行"]
    rows: list[list[Cell]] = []
    for row in scores.learners:
        totals = row.totals
        passed = "" if not totals else "及格" if totals["passed"] else "不及格"
        rows.append(
            [
                row.name,
                row.unit,
                row.version,
                totals.get("points"),
                totals.get("max_points"),
                totals.get("percent"),
                passed,
                row.problems,
                row.where.row,
            ]
        )
    return Table("成绩", header, rows, frozen_columns=2)


def questions(scores: PaperScores) -> Table:
    """Each question: how many learners sat it, how many did not get it fully right, and its number on each paper."""
    counts: dict[str, list[int]] = {}
    numbers: dict[str, dict[str, int]] = {}
    for row in scores.learners:
        for paper, result in row.results:
            qid = paper.question.id
            count = counts.setdefault(qid, [0, 0])
            count[0] += 1
            count[1] += result.status != "correct"
            numbers.setdefault(qid, {})[row.version] = paper.number
    by_id = {q.id: q for q in scores.quiz.questions}
    ordered = sorted(counts.items(), key=lambda item: (-item[1][1] / item[1][0], item[0]))
    header = ["排名", "题号", "各卷题号", "题目", "领域", "作答人数", "未答对人数", "未答对比例（%）"]
    rows: list[list[Cell]] = []
    for rank, (qid, (sat, missed)) in enumerate(ordered, start=1):
        question = by_id[qid]
        stem = question.stem if len(question.stem) <= SHORT else question.stem[:SHORT] + "…"
        printed = "，".join(f"{v}卷第{n}题" for v, n in sorted(numbers[qid].items()))
        rows.append([rank, qid, printed, stem, question.area, sat, missed, _percent(missed, sat)])
    return Table("题目", header, rows, frozen_columns=4, wrapped={"题目": 40})


def problems(scores: PaperScores) -> Table:
    by_row = {row.where.row: row for row in scores.learners}
    header = ["姓名", "单位", "位置", "说明"]
    rows: list[list[Cell]] = []
    for problem in scores.problems:
        learner = by_row.get(problem.where.row)
        where = problem.where
        place = f"{where.sheet} 第{where.row}行 {where.column}".strip() if where.row else where.sheet
        rows.append([learner.name if learner else "", learner.unit if learner else "", place, problem.message])
    return Table("问题清单", header, rows, frozen_columns=1, wrapped={"说明": 50})


def tables(scores: PaperScores) -> list[Table]:
    return [learners(scores), questions(scores), problems(scores)]


def title(scores: PaperScores, today: str) -> str:
    quiz = scores.quiz
    versions = "、".join(sorted({f"{row.version}卷" for row in scores.learners if row.results}))
    return f"{quiz.title} 纸质考试成绩　测验：{quiz.id}　试卷：{versions or '（无）'}　制表日期：{today}"
