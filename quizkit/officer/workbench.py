"""What the officer's page (``/officer/``) calls under Pyodide: the class report and the bank import, as the
command line makes them.

The build writes the site's quizzes and credit rules as resolved JSON (``catalogue_json``); the
page reads them back into the same ``Catalogue`` the command line builds (same versions, since
a quiz's and a rule set's version is the hash of that same data). The files the officer picks are
handed over as (name, bytes) in name order, as ``cadre-officer report`` walks a folder, and
``build_report`` and ``workbook_bytes`` do the rest: the page shows and downloads what they give.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from scoring.credit_rules import RuleSet, parse_rules
from scoring.model import TYPE_NAMES, Quiz
from scoring.quiz_schema import QuizSpec, parse_quiz
from scoring.version_archive import empty_archive, read_archive

from .bank_errors import BankError, Where
from .bank_import import BankImport, import_bank
from .bank_rows import Setting
from .bank_site import read_site_bank, site_problems
from .report import Report, build_report
from .report_assess import DEFAULT_UTC_OFFSET, VERIFIED, Options
from .report_catalogue import Catalogue, question_text
from .report_errors import OfficerError
from .report_roster import read_roster
from .report_tables import hours_bins, requirement_counts, tables, title
from .report_workbook import csv_bytes, workbook_bytes

REPORT_NAME = "学习档案汇总"
CATALOGUE_NAME = "catalogue.json"


def catalogue_json(quizzes: Iterable[Quiz], rules: Iterable[RuleSet], archive: Mapping[str, Any] | None = None) -> str:
    """The site's quizzes and rule sets, and the archive of published scoring versions (older
    attempts are graded, and regraded, with it), as the page reads them (build time)."""
    data = {
        "quizzes": [q.to_dict() for q in quizzes],
        "rules": [r.to_dict() for r in rules],
        "archive": archive if archive is not None else empty_archive(),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def read_catalogue(text: str) -> Catalogue:
    data = json.loads(text)
    archive = read_archive(json.dumps(data["archive"]), CATALOGUE_NAME) if "archive" in data else None
    return Catalogue.of([parse_quiz(q) for q in data["quizzes"]], [parse_rules(r) for r in data["rules"]], archive)


@dataclass(frozen=True)
class ReportOutput:
    """What the page shows (``summary``, JSON-able) and the two files it offers."""

    summary: dict[str, Any]
    workbook: bytes
    csv: bytes


def counts(report: Report) -> dict[str, int]:
    """档案 (files handed in that hold a learner), 已核验, 有问题 (learners), 未交 (roster only)."""
    return {
        "records": sum(len(row.files) for row in report.learners),
        "learners": len(report.learners),
        "verified": sum(1 for row in report.learners if row.assessment.status == VERIFIED and not row.problems),
        "problems": sum(1 for row in report.learners if row.problems),
        "missing": len(report.missing),
        "problem_rows": len(report.problems),
        # Attempts scored with a key that was corrected since, and (regrading) those whose score changed.
        "older_key": report.older_key,
        "regraded": report.regraded,
    }


def file_statuses(report: Report, names: Sequence[str]) -> list[dict[str, Any]]:
    """Per file the officer picked, what became of it: each learner row's 核验 (a zip: its members'), or why it
    was not read (已跳过, 压缩包无法读取…)."""
    found: dict[str, dict[str, int]] = {name: {} for name in names}

    def add(file: str, status: str) -> None:
        picked = file if file in found else file.split("/", 1)[0] if file.split("/", 1)[0] in found else None
        if picked is not None:
            found[picked][status] = found[picked].get(status, 0) + 1

    rows = {file for row in report.learners for file in row.files}
    for row in report.learners:
        for file in row.files:
            add(file, row.assessment.status)
    for problem in report.problems:
        if not problem.name and problem.file not in rows:
            add(problem.file, problem.kind)
    return [{"name": name, "statuses": statuses} for name, statuses in found.items()]


def summary(report: Report, names: Sequence[str] = ()) -> dict[str, Any]:
    labels, bins = hours_bins(report)
    return {
        "files": file_statuses(report, names),
        "title": title(report),
        "year": report.options.year,
        "roster": report.roster is not None,
        "regrade": report.options.regrade,
        "counts": counts(report),
        "tables": [{"sheet": t.sheet, "header": t.header, "rows": t.rows} for t in tables(report)],
        "requirements": requirement_counts(report),
        "hours": {"labels": labels, "counts": bins},
    }


def run_report(
    catalogue: Catalogue,
    files: Sequence[tuple[str, bytes]],
    *,
    today: date,
    year: int | None = None,
    roster: tuple[str, bytes] | None = None,
    utc_offset: int = DEFAULT_UTC_OFFSET,
    progress: Callable[[int, int], None] | None = None,
    regrade: bool = False,
) -> ReportOutput:
    """The report of ``files`` as ``cadre-officer report`` makes it of a folder holding them;
    ``OfficerError`` (a Chinese sentence) when it cannot be made at all (a bad year, an unusable roster)."""
    if year is not None and not 2000 <= year <= 2100:
        raise OfficerError(f"统计年度应为 2000 到 2100 之间的年份（实际是 {year}）")
    people = read_roster(*roster) if roster is not None else None
    options = Options(year=year or today.year, today=today, utc_offset=utc_offset, regrade=regrade)
    ordered = sorted(files, key=lambda f: f[0])
    report = build_report(ordered, catalogue, options, roster=people, progress=progress)
    return ReportOutput(summary(report, [name for name, _ in ordered]), workbook_bytes(report), csv_bytes(report))


# What the page's worker calls: plain values in (a JavaScript array or bytes-like per file), JSON and
# bytes out, every failure as data. One catalogue per page, read once.
_catalogue: Catalogue | None = None


def _bytes(data: Any) -> bytes:
    """A file's content as the worker hands it over (a JsProxy of a Uint8Array) or as bytes."""
    return bytes(data.to_bytes()) if hasattr(data, "to_bytes") else bytes(data)


def load_catalogue(text: str) -> None:
    global _catalogue
    _catalogue = read_catalogue(text)


def report(
    names: Iterable[str],
    datas: Iterable[Any],
    roster_name: str | None,
    roster_data: Any,
    year: int | None,
    today: str,
    on_examined: Callable[[int, int], None] | None = None,
    regrade: bool = False,
) -> tuple[str, bytes, bytes]:
    """(JSON {ok, summary} or {ok: false, message}, workbook, CSV) for the page."""
    if _catalogue is None:
        raise RuntimeError("catalogue not loaded")
    files = [(str(name), _bytes(data)) for name, data in zip(list(names), list(datas), strict=True)]
    roster = (str(roster_name), _bytes(roster_data)) if roster_name is not None else None
    try:
        output = run_report(
            _catalogue,
            files,
            today=date.fromisoformat(today),
            year=int(year) if year else None,
            roster=roster,
            progress=on_examined,
            regrade=bool(regrade),
        )
    except OfficerError as error:
        return json.dumps({"ok": False, "message": str(error)}, ensure_ascii=False), b"", b""
    text = json.dumps({"ok": True, "summary": output.summary}, ensure_ascii=False)
    return text, output.workbook, output.csv


# ---- 导入题库 ----

# The settings the page's form gives, named as the officer reads them there.
PAGE = "本页填写"
FORM_LABELS = {"id": "测验编号", "title": "测验标题", "area": "领域", "pass_mark": "及格线", "link": "讲解链接"}
_site_bank: tuple[list[QuizSpec], dict[str, set[str]]] | None = None


def load_site_bank(text: str) -> None:
    global _site_bank
    _site_bank = read_site_bank(text)


def form_settings(given: Mapping[str, Any]) -> dict[str, Setting]:
    """The form's values (blank ones too for id, title and area, so a missing one is named)."""
    settings = {}
    for key, label in FORM_LABELS.items():
        value = str(given.get(key) or "").strip()
        if value or key in ("id", "title", "area"):
            settings[key] = Setting(value, Where(PAGE, column=label))
    return settings


def preview(quiz: Quiz) -> list[dict[str, Any]]:
    return [
        {"id": q.id, "type": TYPE_NAMES[q.type], "stem": question_text(q), "points": q.points} for q in quiz.questions
    ]


def import_banks(
    files: Sequence[tuple[str, bytes]],
    given: Mapping[str, Any],
    others: Sequence[QuizSpec],
    anchors: Mapping[str, set[str]],
) -> tuple[dict[str, Any], bytes]:
    """Each bank imported as ``cadre-officer import-bank`` imports it and checked against the site (and the
    other banks picked with it): the problems of all, or the quiz files (one YAML, or a zip of several)."""
    settings = form_settings(given) if len(files) == 1 else {}
    imported: list[BankImport] = []
    problems: list[str] = []
    for name, content in files:
        try:
            imported.append(import_bank(name, content, settings))
        except BankError as error:
            problems.extend(str(p) for p in error.problems)
    ids = {i.spec.quiz.id for i in imported}
    site = [spec for spec in others if spec.quiz.id not in ids]
    for item in imported:
        rest = [other.spec for other in imported if other is not item]
        problems.extend(str(p) for p in site_problems(item, [*site, *rest], anchors))
    if problems:
        return {"ok": False, "problems": problems}, b""
    replaced = {spec.quiz.id for spec in others} & ids
    notices = [n for item in imported for n in item.notices]
    notices += [f"网站上已有测验 {quiz_id}：把下载的文件放进 quizzes/ 就会替换它。" for quiz_id in sorted(replaced)]
    quizzes = [
        {
            "id": i.spec.quiz.id,
            "title": i.spec.quiz.title,
            "file": f"{i.spec.quiz.id}.yaml",
            "questions": preview(i.spec.quiz),
        }
        for i in imported
    ]
    if len(imported) == 1:
        content, name = imported[0].yaml.encode("utf-8"), f"{imported[0].spec.quiz.id}.yaml"
    else:
        content, name = _zip_of({f"{i.spec.quiz.id}.yaml": i.yaml.encode("utf-8") for i in imported}), "题库.zip"
    return {"ok": True, "quizzes": quizzes, "notices": notices, "file_name": name}, content


def _zip_of(members: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name])
    return buffer.getvalue()


def bank(names: Iterable[str], datas: Iterable[Any], given: str) -> tuple[str, bytes]:
    """(JSON {ok, problems} or {ok, quizzes, notices, file_name}, the file to download) for the page."""
    if _site_bank is None:
        raise RuntimeError("site bank not loaded")
    files = [(str(name), _bytes(data)) for name, data in zip(list(names), list(datas), strict=True)]
    result, content = import_banks(files, json.loads(given), *_site_bank)
    return json.dumps(result, ensure_ascii=False), content
