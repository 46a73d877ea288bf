"""The officer's report over a folder of learners' records.

Each record is verified (format, schema, hash), every attempt is re-scored from its raw
answers with ``scoring`` against the quiz version recorded in it, and the credits are
re-tallied with the recorded rules. The figures a record carries are only advisory: any
that differ from the re-computed ones are flagged. One bad file never stops the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.attempts import rescore_attempt
from scoring.credit_rules import RuleSet
from scoring.dates import parse_date
from scoring.errors import ScoringError
from scoring.ledger import tally
from scoring.model import Quiz
from scoring.record import REFUSED, read_record

MAX_FILE_BYTES = 10_000_000
# Learners in China: the device's offset is not in the record, so the tally assumes UTC+8.
DEFAULT_UTC_OFFSET = 480


@dataclass
class LearnerRow:
    file: str
    name: str = ""
    unit: str = ""
    rule_set: str = ""
    total_hours: float | None = None
    requirements: list[tuple[str, bool, str]] = field(default_factory=list)
    attempts: int = 0
    rescored: int = 0
    quizzes_passed: int = 0
    problems: int = 0
    status: str = "已核验"


@dataclass
class QuizStats:
    title: str
    attempts: int = 0
    learners: set[str] = field(default_factory=set)
    percent_sum: float = 0.0
    passed: int = 0


@dataclass
class Report:
    learners: list[LearnerRow] = field(default_factory=list)
    quizzes: dict[str, QuizStats] = field(default_factory=dict)
    # (quiz id, question id) -> [times answered, times not fully right]
    questions: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    problems: list[tuple[str, str, str]] = field(default_factory=list)

    def problem(self, row: LearnerRow, kind: str, message: str) -> None:
        row.problems += 1
        self.problems.append((row.file, kind, message))


@dataclass(frozen=True)
class Catalogue:
    """The quizzes and rules the site holds, by content hash."""

    quizzes: dict[str, Quiz]
    rules: dict[str, RuleSet]

    @classmethod
    def of(cls, quizzes: Iterable[Quiz], rules: Iterable[RuleSet]) -> Catalogue:
        return cls({q.version: q for q in quizzes}, {r.version: r for r in rules})


def _differs(recorded: Any, computed: dict[str, Any]) -> bool:
    if not isinstance(recorded, dict):
        return True
    return any(recorded.get(key) != computed[key] for key in ("points", "max_points", "percent", "passed"))


def _rescore(report: Report, row: LearnerRow, record: dict[str, Any], catalogue: Catalogue) -> list[dict[str, Any]]:
    """Attempts with re-computed results; attempts that cannot be re-scored are left out."""
    rescored = []
    for attempt in record["attempts"]:
        row.attempts += 1
        quiz = catalogue.quizzes.get(str(attempt.get("version")))
        label = f"{attempt['quiz_id']} 的作答 {attempt['id']}"
        if quiz is None or quiz.id != attempt["quiz_id"]:
            report.problem(row, "无法重新评分", f"{label}：本站已没有它作答时的测验版本，未计分，也未计学时")
            continue
        try:
            summary, statuses = rescore_attempt(quiz, attempt)
        except ScoringError as error:
            report.problem(row, "作答数据有误", f"{label}：{error}")
            continue
        row.rescored += 1
        if _differs(attempt.get("result"), summary):
            report.problem(row, "成绩与档案不符", f"{label}：档案写 {attempt.get('result')}，重新评分为 {summary}")
        stats = report.quizzes.setdefault(quiz.id, QuizStats(quiz.title))
        stats.attempts += 1
        stats.learners.add(row.file)
        stats.percent_sum += summary["percent"]
        stats.passed += bool(summary["passed"])
        for question_id, status in statuses:
            counts = report.questions.setdefault((quiz.id, question_id), [0, 0])
            counts[0] += 1
            counts[1] += status != "correct"
        rescored.append(attempt | {"result": summary})
    return rescored


def _retally(
    report: Report,
    row: LearnerRow,
    record: dict[str, Any],
    attempts: list[dict[str, Any]],
    catalogue: Catalogue,
    offset: int,
) -> None:
    recorded_rules = record.get("rules") or {}
    rules = catalogue.rules.get(str(recorded_rules.get("version")))
    row.rule_set = str(recorded_rules.get("title") or recorded_rules.get("id") or "")
    if rules is None:
        report.problem(row, "无法重新统计学时", f"本站已没有档案所用的学时规则版本（{recorded_rules.get('id')}）")
        return
    as_of = parse_date(record.get("as_of"))
    if as_of is None:
        report.problem(row, "档案数据有误", "缺少有效的导出日期 as_of")
        return
    term_start = parse_date((record.get("settings") or {}).get("term_start"))
    try:
        result = tally(rules, record["ledger"], attempts, as_of, term_start=term_start, utc_offset_minutes=offset)
    except ScoringError as error:
        report.problem(row, "无法重新统计学时", str(error))
        return
    row.total_hours = result["total_hours"]
    row.requirements = [(r["title"], r["met"], r["message"]) for r in result["requirements"]]
    row.quizzes_passed = len({c["quiz_id"] for c in result["quiz_credits"] if c["counted"]})
    recorded = record.get("tally")
    if not isinstance(recorded, dict):
        report.problem(row, "学时与档案不符", "档案没有附带学时统计")
        return
    if recorded.get("total_hours") != result["total_hours"]:
        report.problem(
            row, "学时与档案不符", f"档案写 {recorded.get('total_hours')} 学时，重新统计为 {result['total_hours']} 学时"
        )
    recorded_met = {r.get("id"): r.get("met") for r in recorded.get("requirements", []) if isinstance(r, dict)}
    for requirement in result["requirements"]:
        if recorded_met.get(requirement["id"]) != requirement["met"]:
            report.problem(
                row,
                "学时与档案不符",
                f"要求“{requirement['title']}”：档案写 {recorded_met.get(requirement['id'])}，重新统计为 {requirement['met']}",
            )


def read_text(path: Path) -> str:
    """The file's text, or ``ScoringError`` saying plainly why it cannot be read."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ScoringError(f"文件过大（{size // 1_000_000} MB），不像是学习档案")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScoringError("文件不是 UTF-8 文本，不像是本平台导出的学习档案") from None


def add_record(report: Report, path: Path, name: str, catalogue: Catalogue, offset: int = DEFAULT_UTC_OFFSET) -> None:
    row = LearnerRow(name)
    report.learners.append(row)
    try:
        record = read_record(read_text(path))
    except (ScoringError, OSError) as error:
        row.status = "未通过核验"
        # The refusal text is written for learners importing on a phone; the officer needs only why.
        report.problem(row, "档案无法读取", str(error).removesuffix(REFUSED))
        return
    profile = record.get("profile") or {}
    row.name, row.unit = str(profile.get("name") or ""), str(profile.get("unit") or "")
    attempts = _rescore(report, row, record, catalogue)
    _retally(report, row, record, attempts, catalogue, offset)
    if row.problems:
        row.status = "有问题"


def build_report(
    folder: Path,
    catalogue: Catalogue,
    offset: int = DEFAULT_UTC_OFFSET,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Every ``*.json`` file under ``folder``, in name order."""
    files = sorted(p for p in folder.rglob("*.json") if p.is_file())
    report = Report()
    for index, path in enumerate(files, start=1):
        add_record(report, path, path.relative_to(folder).as_posix(), catalogue, offset)
        if progress:
            progress(index, len(files))
    return report
