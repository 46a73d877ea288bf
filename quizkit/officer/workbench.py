"""What the officer's page (``/officer/``) calls under Pyodide: the class report, as the command line makes it.

The build writes the site's quizzes and credit rules as resolved JSON (``catalogue_json``); the
page reads them back into the same ``Catalogue`` the command line builds (same versions, since
a quiz's and a rule set's version is the hash of that same data). The files the officer picks are
handed over as (name, bytes) in name order, as ``cadre-officer report`` walks a folder, and
``build_report`` and ``workbook_bytes`` do the rest: the page shows and downloads what they give.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from scoring.credit_rules import RuleSet, parse_rules
from scoring.model import Quiz
from scoring.quiz_schema import parse_quiz

from .report import Report, build_report
from .report_assess import DEFAULT_UTC_OFFSET, VERIFIED, Options
from .report_catalogue import Catalogue
from .report_errors import OfficerError
from .report_roster import read_roster
from .report_tables import hours_bins, requirement_counts, tables, title
from .report_workbook import csv_bytes, workbook_bytes

REPORT_NAME = "学习档案汇总"


def catalogue_json(quizzes: Iterable[Quiz], rules: Iterable[RuleSet]) -> str:
    """The site's quizzes and rule sets as the page reads them (build time)."""
    data = {"quizzes": [q.to_dict() for q in quizzes], "rules": [r.to_dict() for r in rules]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def read_catalogue(text: str) -> Catalogue:
    data = json.loads(text)
    return Catalogue.of([parse_quiz(q) for q in data["quizzes"]], [parse_rules(r) for r in data["rules"]])


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
    }


def summary(report: Report) -> dict[str, Any]:
    labels, bins = hours_bins(report)
    return {
        "title": title(report),
        "year": report.options.year,
        "roster": report.roster is not None,
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
) -> ReportOutput:
    """The report of ``files`` as ``cadre-officer report`` makes it of a folder holding them;
    ``OfficerError`` (a Chinese sentence) when it cannot be made at all (a bad year, an unusable roster)."""
    if year is not None and not 2000 <= year <= 2100:
        raise OfficerError(f"统计年度应为 2000 到 2100 之间的年份（实际是 {year}）")
    people = read_roster(*roster) if roster is not None else None
    options = Options(year=year or today.year, today=today, utc_offset=utc_offset)
    ordered = sorted(files, key=lambda f: f[0])
    report = build_report(ordered, catalogue, options, roster=people, progress=progress)
    return ReportOutput(summary(report), workbook_bytes(report), csv_bytes(report))


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
        )
    except OfficerError as error:
        return json.dumps({"ok": False, "message": str(error)}, ensure_ascii=False), b"", b""
    text = json.dumps({"ok": True, "summary": output.summary}, ensure_ascii=False)
    return text, output.workbook, output.csv
