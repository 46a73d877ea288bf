"""One learner's record, verified, re-scored and re-tallied: the figures and the problems of one row.

Every attempt is re-scored from its raw answers and the credits re-tallied for the report's year;
the figures the record carries are advisory and every one that differs is a problem. Messages are
plain Chinese sentences for the officer (no data structures, no English keys).
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scoring.attempts import Rescorer
from scoring.dates import parse_date
from scoring.errors import ScoringError
from scoring.grading import QuestionResult
from scoring.ledger import tally
from scoring.numbers import shown
from scoring.record import REFUSED, RecordRefused, read_record
from scoring.regrade import Regrade

from .report_catalogue import Catalogue
from .report_inputs import Unreadable, Upload, record_text

VERIFIED, FLAGGED, REFUSED_STATUS = "已核验", "有问题", "未通过核验"
# Learners in China: the device's offset is not in the record, so the tally assumes UTC+8.
DEFAULT_UTC_OFFSET = 480
SHORT_TEXT = 40
CREDIT_FIELDS = ("id", "quiz_id", "submitted_at")


@dataclass(frozen=True)
class Options:
    """What the report is for: the year tallied, the day it is made, the learners' time zone."""

    year: int
    today: date
    utc_offset: int = DEFAULT_UTC_OFFSET
    # Score attempts of older versions with the current answer data (``cadre-officer report --regrade``).
    regrade: bool = False


@dataclass
class QuizCount:
    """One learner's re-scored attempts at one quiz."""

    attempts: int = 0
    percent_sum: float = 0.0
    passed: int = 0
    # Question id -> times answered, times not fully right.
    answered: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class RegradeRow:
    """One question of one attempt on the 重新评分 sheet: its score before and after the regrade, and why."""

    quiz_id: str
    attempt_id: str
    submitted: str
    question_id: str
    old_points: float
    new_points: float
    reason: str
    # The whole attempt before and after, as the officer reads it ("3/4 分，及格").
    old_result: str
    new_result: str


@dataclass
class Assessment:
    name: str = ""
    unit: str = ""
    as_of: str = ""
    status: str = VERIFIED
    rule_set: str = ""
    period: str = ""
    total_hours: float | None = None
    # (rule set title, requirement title, met, message)
    requirements: list[tuple[str, str, bool, str]] = field(default_factory=list)
    attempts: int = 0
    rescored: int = 0
    quizzes_passed: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    quizzes: dict[str, QuizCount] = field(default_factory=dict)
    # Attempts scored with the key of an older version that a regrade would score with another one.
    older_key: int = 0
    # Attempts whose score the regrade changed, and the sheet's rows (changed and kept questions).
    regraded: int = 0
    regrades: list[RegradeRow] = field(default_factory=list)

    def problem(self, kind: str, message: str) -> None:
        self.problems.append((kind, message))


@dataclass
class Examined:
    """One record file: who it is (None when unreadable) and what it shows."""

    file: str
    key: tuple[str, ...] | None
    assessment: Assessment


def shorten(text: Any, limit: int = SHORT_TEXT) -> str:
    """Learner-written text inside a sentence: on one line, and not too long."""
    flat = " ".join(text.split()) if isinstance(text, str) else ""
    return flat if len(flat) <= limit else flat[:limit] + "…"


def fold(text: Any) -> str:
    """A name or unit as compared: compatibility forms folded, no whitespace, any case."""
    if not isinstance(text, str):
        return ""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def identity(record: Mapping[str, Any]) -> tuple[str, ...]:
    """Which learner a record is: name and unit as written (folded); a nameless one only by its content.
    A record format with a device id would add it here."""
    profile = record.get("profile") or {}
    name = fold(profile.get("name"))
    if name:
        return ("person", name, fold(profile.get("unit")))
    return ("content", str(record.get("sha256")))


def figure(value: Any) -> str:
    """A number from a record as the officer reads it; anything else as a question mark."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "？"
    if not -1e15 < value < 1e15 or (isinstance(value, float) and not math.isfinite(value)):
        return "？"
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe_result(result: Any) -> str:
    if not isinstance(result, Mapping):
        return "没有成绩"
    mark = result.get("passed")
    passed = "及格" if mark is True else "不及格" if mark is False else "未写是否及格"
    return (
        f"得 {figure(result.get('points'))} 分（满分 {figure(result.get('max_points'))} 分，"
        f"得分率 {figure(result.get('percent'))}%，{passed}）"
    )


def _differs(recorded: Any, computed: Mapping[str, Any]) -> bool:
    if not isinstance(recorded, Mapping):
        return True
    for key in ("points", "max_points", "percent", "passed"):
        mine, theirs = computed[key], recorded.get(key)
        # True == 1 in Python: a recorded 1 for "passed" is a different figure, not the same one.
        if type(theirs) is bool or type(mine) is bool:
            if type(theirs) is not type(mine) or theirs != mine:
                return True
        elif theirs != mine:
            return True
    return False


def attempt_label(attempt: Mapping[str, Any], catalogue: Catalogue) -> str:
    quiz_id = str(attempt.get("quiz_id"))
    submitted = attempt.get("submitted_at")
    when = f"{submitted[:10]} 提交的" if isinstance(submitted, str) and parse_date(submitted[:10]) else ""
    return f"测验“{shorten(catalogue.quiz_title(quiz_id))}”{when}作答（编号 {attempt.get('id')}）"


def _result_text(summary: Mapping[str, Any]) -> str:
    passed = "及格" if summary["passed"] is True else "不及格"
    return f"{figure(summary['points'])}/{figure(summary['max_points'])} 分（{figure(summary['percent'])}%，{passed}）"


def _regrade(
    assessment: Assessment,
    attempt: Mapping[str, Any],
    plan: Regrade,
    regrader: Rescorer,
    summary: dict[str, Any],
    results: list[QuestionResult],
) -> tuple[dict[str, Any], list[QuestionResult]]:
    """The attempt scored with the current answer data, its sheet rows added; the original if it cannot be."""
    try:
        new_summary, new_results = regrader.results(attempt)
    except ScoringError:
        return summary, results  # the version's own grading accepted these answers; keep its figures
    rows = []
    for before, after in zip(results, new_results, strict=True):
        qid = before.question.id
        if qid in plan.kept:
            reason = plan.kept[qid]
        elif qid in plan.changed and before.points != after.points:
            reason = plan.changed[qid]
        else:
            continue
        rows.append((qid, shown(before.points), shown(after.points), reason))
    if not rows:
        return summary, results
    submitted = attempt.get("submitted_at")
    day = submitted[:10] if isinstance(submitted, str) and parse_date(submitted[:10]) else ""
    old_text, new_text = _result_text(summary), _result_text(new_summary)
    quiz_id, attempt_id = str(attempt.get("quiz_id")), str(attempt.get("id"))
    assessment.regrades += [RegradeRow(quiz_id, attempt_id, day, *row, old_text, new_text) for row in rows]
    assessment.regraded += new_summary != summary
    return new_summary, new_results


def _rescore(
    assessment: Assessment, record: Mapping[str, Any], catalogue: Catalogue, options: Options, compare: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Attempts with re-computed results, as graded under their own version and as counted (regraded
    when ``options.regrade``); those that cannot be re-scored are left out (and counted nowhere)."""
    graded, counted = [], []
    for attempt in record.get("attempts") or []:
        assessment.attempts += 1
        grader = catalogue.grader_for(attempt)
        if grader is None:
            assessment.problem(
                "无法重新评分",
                f"{attempt_label(attempt, catalogue)}：本站和评分版本存档里都没有作答时的这一版测验"
                "（存档文件可能被删除或改动过），这次作答不计分，也不计学时。",
            )
            continue
        try:
            summary, results = grader.results(attempt)
        except ScoringError as error:
            assessment.problem(
                "作答数据有误", f"{attempt_label(attempt, catalogue)}：{error}。这次作答不计分，也不计学时。"
            )
            continue
        assessment.rescored += 1
        if compare and _differs(attempt.get("result"), summary):
            assessment.problem(
                "成绩与档案不符",
                f"{attempt_label(attempt, catalogue)}：档案写{describe_result(attempt.get('result'))}，"
                f"重新评分为{describe_result(summary)}。",
            )
        credit = {key: attempt.get(key) for key in CREDIT_FIELDS}
        graded.append(credit | {"result": summary})
        regrade = catalogue.regrade_for(grader.quiz)
        if regrade is not None:
            assessment.older_key += regrade[0].differs
            if options.regrade:
                summary, results = _regrade(assessment, attempt, *regrade, summary, results)
        quiz_id = grader.quiz.id
        count = assessment.quizzes.get(quiz_id)
        if count is None:
            count = assessment.quizzes[quiz_id] = QuizCount()
        count.attempts += 1
        count.percent_sum += summary["percent"]
        count.passed += summary["passed"] is True
        count.answered.update([r.question.id for r in results])
        count.missed.update([r.question.id for r in results if r.status != "correct"])
        # What the tally reads of an attempt, with the re-computed result.
        counted.append(credit | {"result": summary})
    return graded, counted


def shortfall(requirement: Mapping[str, Any]) -> str:
    """What an unmet requirement lacks, short enough for a narrow column (the period is beside it)."""
    windows = [w for w in requirement["windows"] if not w["met"]]
    parts = f"（{len(windows)} 段未完成）" if len(windows) > 1 else ""
    return f"差 {figure(requirement['missing'])} {requirement['unit']}{parts}"


def _met_text(met: Any) -> str:
    if met is None:
        return "没有这一项"
    return "已完成" if met is True else "未完成" if met is False else "？"


def _compare_tally(assessment: Assessment, record: Mapping[str, Any], result: dict[str, Any]) -> None:
    recorded = record.get("tally")
    if recorded is None and record.get("tally_pending") is True:
        return  # exported before the device could tally: the report's tally is the only one
    if recorded is None:
        error = record.get("tally_error")
        reason = f"（设备上统计时出错：{shorten(error, 80)}）" if error else ""
        assessment.problem("学时与档案不符", f"档案没有附带学时统计{reason}，无法与重新统计的结果核对。")
        return
    period = recorded.get("period")
    if not isinstance(period, Mapping) or not isinstance(recorded.get("requirements"), list):
        assessment.problem("学时与档案不符", "档案附带的学时统计格式不对，无法与重新统计的结果核对。")
        return
    ours = result["period"]
    if (period.get("start"), period.get("end")) != (ours["start"], ours["end"]):
        return  # tallied for another period (exported in another year): nothing to compare
    if recorded.get("total_hours") != result["total_hours"]:
        assessment.problem(
            "学时与档案不符",
            f"档案写 {figure(recorded.get('total_hours'))} 学时，重新统计为 {figure(result['total_hours'])} 学时。",
        )
    recorded_met = {
        r["id"]: r.get("met")
        for r in recorded["requirements"]
        if isinstance(r, Mapping) and isinstance(r.get("id"), str)
    }
    for requirement in result["requirements"]:
        theirs = recorded_met.get(requirement["id"])
        if theirs is not requirement["met"]:
            assessment.problem(
                "学时与档案不符",
                f"要求“{requirement['title']}”：档案写{_met_text(theirs)}，重新统计为{_met_text(requirement['met'])}。",
            )


def _retally(
    assessment: Assessment,
    record: Mapping[str, Any],
    attempts: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    catalogue: Catalogue,
    options: Options,
    compare: bool,
) -> None:
    """Credits from the counted attempts; the record's own tally is compared with the one its attempts
    give graded under their own versions (a regrade is the officer's decision, not the learner's error)."""
    recorded_rules = record.get("rules") or {}
    assessment.rule_set = shorten(recorded_rules.get("title") or recorded_rules.get("id") or "")
    rules = catalogue.rules_for(record)
    if rules is None:
        assessment.problem(
            "无法重新统计学时", f"本站已没有档案所用的学时规则“{assessment.rule_set}”的这一版，学时没有统计。"
        )
        return
    as_of = parse_date(record.get("as_of"))
    if as_of is None:  # read_record refuses such a record; a merged one always has a date
        assessment.problem("档案数据有误", "档案缺少有效的导出日期。")
        return
    if as_of > options.today:
        assessment.problem("导出日期有误", f"档案的导出日期 {as_of} 在今天之后，学时按今天（{options.today}）统计。")
    settings = record.get("settings") or {}
    graded, counted = attempts

    def tallied(credits: list[dict[str, Any]]) -> dict[str, Any]:
        return tally(
            rules,
            record.get("ledger") or [],
            credits,
            min(as_of, options.today),
            year=options.year,
            term_start=parse_date(settings.get("term_start")),
            utc_offset_minutes=options.utc_offset,
            summary_only=True,
        )

    try:
        result = tallied(counted)
        own = result if counted == graded or not compare else tallied(graded)
    except ScoringError as error:
        assessment.problem("无法重新统计学时", f"{error}。")
        return
    assessment.period = result["period"]["label"]
    assessment.total_hours = result["total_hours"]
    assessment.requirements = [(rules.title, r["title"], r["met"], shortfall(r)) for r in result["requirements"]]
    assessment.quizzes_passed = len({c["quiz_id"] for c in result["quiz_credits"] if c["counted"]})
    if as_of.isoformat() < result["period"]["start"]:
        assessment.problem(
            "导出日期早于统计期",
            f"档案导出于 {as_of}，在统计期（{assessment.period}）开始之前，统计不到这段时间的学时，请学员重新导出。",
        )
    elif compare:
        _compare_tally(assessment, record, own)


def assess(record: Mapping[str, Any], catalogue: Catalogue, options: Options, *, compare: bool = True) -> Assessment:
    """A record read by ``read_record`` (or merged from several); ``compare`` checks its own figures too."""
    profile = record.get("profile") or {}
    assessment = Assessment(
        name=str(profile.get("name") or ""), unit=str(profile.get("unit") or ""), as_of=str(record.get("as_of"))
    )
    attempts = _rescore(assessment, record, catalogue, options, compare)
    _retally(assessment, record, attempts, catalogue, options, compare)
    if assessment.problems:
        assessment.status = FLAGGED
    return assessment


def read(upload: Upload) -> dict[str, Any]:
    """The checked record in a file; ``Unreadable`` says plainly why not."""
    try:
        return read_record(record_text(upload))
    except RecordRefused as error:
        # The refusal is written for learners importing on a phone; the officer needs only why.
        raise Unreadable(str(error).removesuffix(REFUSED)) from None


PROGRAM_FAULT = "汇总程序出错"


def examine(upload: Upload, catalogue: Catalogue, options: Options) -> Examined:
    try:
        try:
            record = read(upload)
        except Unreadable as error:
            return Examined(upload.name, None, refused("档案无法读取", str(error)))
        return Examined(upload.name, identity(record), assess(record, catalogue, options))
    except Exception as error:  # noqa: BLE001 - the last guard of "one file is one row"; tests require it unused
        message = f"这份档案让汇总程序出了错（{type(error).__name__}），没有统计。请把文件交给技术人员。"
        return Examined(upload.name, None, refused(PROGRAM_FAULT, message))


def refused(kind: str, message: str) -> Assessment:
    return Assessment(status=REFUSED_STATUS, problems=[(kind, message)])
