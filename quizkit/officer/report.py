"""The class report: every file handed over becomes a row, the same learner's files one row.

``build_report`` takes the files as they arrived (records, zips, stray files), examines each
record on its own (verify, re-score, re-tally: ``assess``), merges the files of one learner the
way the learner's own import merges them, checks the roster, and adds up the class's figures.
Nothing a file holds stops the run; the order of the input alone decides the order of the output,
so examining in several processes gives the same report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring.record import device_data, merge_record

from .report_assess import FLAGGED, Assessment, Examined, Options, assess, examine, read
from .report_catalogue import Catalogue, question_text
from .report_inputs import MemoryFile, Skipped, Unreadable, Upload, expand
from .report_roster import Match, Person, Roster

MIN_ANSWERED = 5  # a question answered fewer times is listed, not ranked


@dataclass
class LearnerRow:
    files: list[str]
    assessment: Assessment
    roster: Match | None = None
    problems: int = 0


@dataclass(frozen=True)
class ProblemRow:
    name: str
    unit: str
    kind: str
    message: str
    file: str


@dataclass
class QuizStats:
    quiz_id: str
    title: str
    attempts: int = 0
    learners: int = 0
    passed_learners: int = 0
    percent_sum: float = 0.0
    passed_attempts: int = 0


@dataclass(frozen=True)
class QuestionStats:
    quiz_id: str
    question_id: str
    text: str
    area: str
    answered: int
    missed: int

    @property
    def missed_percent(self) -> float:
        return round(self.missed * 100 / self.answered, 1)


@dataclass
class Report:
    options: Options
    learners: list[LearnerRow] = field(default_factory=list)
    problems: list[ProblemRow] = field(default_factory=list)
    quizzes: list[QuizStats] = field(default_factory=list)
    # Ranked (answered at least MIN_ANSWERED times, most often missed first), then the rest.
    questions: list[QuestionStats] = field(default_factory=list)
    roster: Roster | None = None
    missing: list[Person] = field(default_factory=list)
    # Rule set title -> the periods its learners were tallied for.
    periods: dict[str, list[str]] = field(default_factory=dict)
    # (quiz id, question id) -> the question's text as the site shows it now.
    texts: dict[tuple[str, str], str] = field(default_factory=dict)

    def question_text(self, quiz_id: str, question_id: str) -> str:
        return self.texts.get((quiz_id, question_id), "")

    @property
    def older_key(self) -> int:
        """Attempts scored with an older key that ``--regrade`` would score with the corrected one."""
        return sum(row.assessment.older_key for row in self.learners)

    @property
    def regraded(self) -> int:
        return sum(row.assessment.regraded for row in self.learners)

    @property
    def needs_attention(self) -> bool:
        return bool(self.problems or self.missing)


def _merge(records: list[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """One record of several of the same learner, merged as the learner's import would merge them
    (newest export first, so its settings and profile win), and how many attempts conflicted."""
    order = sorted(range(len(records)), key=lambda i: (str(records[i]["as_of"]), -i), reverse=True)
    newest = records[order[0]]
    device = device_data(
        {
            "profile": {},
            "settings": newest.get("settings"),
            "entries": newest.get("ledger"),
            "attempts": newest.get("attempts"),
        }
    )
    conflicts = 0
    for index in order[1:]:
        # The names are the same once folded; the import compares them as written, so leave them out.
        device, summary = merge_record(device, records[index] | {"profile": {}})
        conflicts += summary["attempts"]["kept"]
    merged = {
        "profile": newest.get("profile"),
        "settings": device["settings"],
        "ledger": device["entries"],
        "attempts": device["attempts"],
        "rules": newest.get("rules"),
        "as_of": newest.get("as_of"),
    }
    return merged, conflicts


def _merged_row(
    group: list[int], candidates: Sequence[Upload], examined: list[Examined], catalogue: Catalogue, options: Options
) -> tuple[LearnerRow, list[ProblemRow]] | None:
    try:
        records = [read(candidates[i]) for i in group]
    except Unreadable:
        return None  # read well a moment ago, not now (a file changed on disk): keep the files apart
    merged, conflicts = _merge(records)
    assessment = assess(merged, catalogue, options, compare=False)
    files = [examined[i].file for i in group]
    # Each file's own problems (a faked score is in one file); the merged figures bring no new ones.
    problems: list[ProblemRow] = []
    seen: set[tuple[str, str]] = set()
    for i in group:
        for kind, message in examined[i].assessment.problems:
            if (kind, message) not in seen:
                seen.add((kind, message))
                problems.append(ProblemRow(assessment.name, assessment.unit, kind, message, examined[i].file))
    same = "姓名、单位相同" if examined[group[0]].key and examined[group[0]].key[0] == "person" else "内容完全相同"  # type: ignore[index]
    note = (
        f"{len(files)} 份档案是同一位学员（{same}）：{'、'.join(files)}。已按学员自己导入档案的方式合并，"
        "同一编号的记录只算一次，算作一人。如果其实是两个人，请让其中一人在“个人信息”里把姓名写得能区分。"
    )
    problems.append(ProblemRow(assessment.name, assessment.unit, "重复提交", note, "、".join(files)))
    if conflicts:
        problems.append(
            ProblemRow(
                assessment.name,
                assessment.unit,
                "重复提交",
                f"有 {conflicts} 次作答在几份档案里编号相同、内容却不同，按导出较晚的一份计。",
                "、".join(files),
            )
        )
    assessment.problems = [(p.kind, p.message) for p in problems]
    assessment.status = FLAGGED
    return LearnerRow(files, assessment), problems


def _rows(
    items: list[Upload | Skipped],
    candidates: Sequence[Upload],
    examined: list[Examined],
    catalogue: Catalogue,
    options: Options,
) -> tuple[list[LearnerRow], list[ProblemRow]]:
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, result in enumerate(examined):
        if result.key is not None:
            groups.setdefault(result.key, []).append(index)
    rows: list[LearnerRow] = []
    problems: list[ProblemRow] = []
    done: set[int] = set()
    position = 0
    for item in items:
        if isinstance(item, Skipped):
            problems.append(ProblemRow("", "", item.kind, item.message, item.name))
            continue
        index, position = position, position + 1
        if index in done:
            continue
        result = examined[index]
        group = groups.get(result.key, [index]) if result.key is not None else [index]
        merged = _merged_row(group, candidates, examined, catalogue, options) if len(group) > 1 else None
        if merged is not None:
            done.update(group)
            rows.append(merged[0])
            problems.extend(merged[1])
            merged[0].problems = len(merged[1])
            continue
        a = result.assessment
        rows.append(LearnerRow([result.file], a, problems=len(a.problems)))
        problems.extend(ProblemRow(a.name, a.unit, kind, message, result.file) for kind, message in a.problems)
    return rows, problems


def _check_roster(report: Report, roster: Roster) -> None:
    found: set[int] = set()
    extra: list[ProblemRow] = []
    for row in report.learners:
        a = row.assessment
        if not a.as_of:
            continue  # unreadable: nobody to look up
        row.roster = roster.match(a.name, a.unit)
        files = "、".join(row.files)
        if row.roster.person is None:
            extra.append(ProblemRow(a.name, a.unit, "不在名单上", row.roster.note, files))
        else:
            found.add(id(row.roster.person))
            if row.roster.note:
                extra.append(ProblemRow(a.name, a.unit, "与名单不一致", row.roster.note, files))
        if row.roster.person is None or row.roster.note:
            row.problems += 1
    report.problems.extend(extra)
    report.missing = [p for p in roster.people if id(p) not in found]


def _add_up(report: Report, catalogue: Catalogue) -> None:
    quizzes: dict[str, QuizStats] = {}
    questions: dict[tuple[str, str], list[int]] = {}
    for row in report.learners:
        a = row.assessment
        for quiz_id, count in a.quizzes.items():
            stats = quizzes.setdefault(quiz_id, QuizStats(quiz_id, catalogue.quiz_title(quiz_id)))
            stats.attempts += count.attempts
            stats.learners += 1
            stats.passed_learners += count.passed > 0
            stats.percent_sum += count.percent_sum
            stats.passed_attempts += count.passed
        for quiz_id, count in a.quizzes.items():
            for question_id, answered in count.answered.items():
                tallies = questions.setdefault((quiz_id, question_id), [0, 0])
                tallies[0] += answered
                tallies[1] += count.missed[question_id]
        if a.rule_set and a.period and a.period not in report.periods.setdefault(a.rule_set, []):
            report.periods[a.rule_set].append(a.period)
    report.quizzes = [quizzes[k] for k in sorted(quizzes)]
    listed = []
    for (quiz_id, question_id), (answered, missed) in questions.items():
        question = catalogue.question(quiz_id, question_id)
        listed.append(
            QuestionStats(
                quiz_id, question_id, question_text(question), question.area if question else "", answered, missed
            )
        )
    ranked = sorted(
        (q for q in listed if q.answered >= MIN_ANSWERED),
        key=lambda q: (-q.missed / q.answered, -q.answered, q.quiz_id, q.question_id),
    )
    rest = sorted(
        (q for q in listed if q.answered < MIN_ANSWERED), key=lambda q: (-q.answered, q.quiz_id, q.question_id)
    )
    report.questions = ranked + rest
    for row in report.learners:
        for r in row.assessment.regrades:
            key = (r.quiz_id, r.question_id)
            if key not in report.texts:
                report.texts[key] = question_text(catalogue.question(*key))


Examine = Callable[[list[Upload]], Iterable[Examined]]


def build_report(
    files: Iterable[Upload | tuple[str, bytes]],
    catalogue: Catalogue,
    options: Options,
    *,
    roster: Roster | None = None,
    examine_all: Examine | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """The report of ``files`` in their order; ``examine_all`` may spread the records over processes
    (it must give one result per record, in order, as ``examine`` would)."""
    uploads = [MemoryFile(*f) if isinstance(f, tuple) else f for f in files]
    items = expand(uploads)
    candidates = [item for item in items if not isinstance(item, Skipped)]
    results = examine_all(candidates) if examine_all else (examine(c, catalogue, options) for c in candidates)
    examined: list[Examined] = []
    for result in results:
        examined.append(result)
        if progress:
            progress(len(examined), len(candidates))
    report = Report(options, roster=roster)
    report.learners, report.problems = _rows(items, candidates, examined, catalogue, options)
    if roster is not None:
        _check_roster(report, roster)
    _add_up(report, catalogue)
    return report
