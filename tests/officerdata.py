"""Learners' records for the officer's report tests: real exports of the mini project's quizzes and rules."""

from __future__ import annotations

import functools
import io
import json
from datetime import date
from typing import Any

import openpyxl

from quizkit.officer.report import Report, build_report
from quizkit.officer.report_assess import Options
from quizkit.officer.report_catalogue import Catalogue
from quizkit.officer.report_roster import Roster
from quizkit.officer.report_workbook import workbook_bytes
from quizkit.sources import load_bank, load_rule_sets
from scoring.attempts import grade_attempt
from scoring.credit_rules import RuleSet
from scoring.record import build_record, record_hash, record_text

from .sites import MINI

TODAY = date(2026, 11, 20)
OPTIONS = Options(year=2026, today=date(2026, 12, 1))
RIGHT = {"s-single": "B", "s-multiple": ["A", "B", "D"], "s-truefalse": "true", "s-fill": ["半", "总结"]}


@functools.cache
def catalogue() -> Catalogue:
    bank = load_bank(MINI / "quizzes", MINI)
    return Catalogue.of(bank.quizzes.values(), [rules()])


@functools.cache
def rules() -> RuleSet:
    return load_rule_sets(MINI / "quizzes/rules", MINI)[0]


def attempt(
    answers: dict[str, Any], number: int = 1, quiz_id: str = "sample", when: str = "2026-03-01"
) -> dict[str, Any]:
    quiz = next(q for q in catalogue().quizzes.values() if q.id == quiz_id)
    raw: dict[str, Any] = {
        "id": f"a{number}",
        "quiz_id": quiz_id,
        "version": quiz.scoring_version,
        "seed": None,
        "answers": answers,
        "hints": [],
    }
    result = grade_attempt(quiz, raw)
    raw["fingerprints"] = result["fingerprints"]
    summary = {key: result[key] for key in ("points", "max_points", "percent", "passed")}
    stamp = f"{when}T02:00:00Z"
    return raw | {"result": summary, "started_at": stamp, "submitted_at": stamp}


def entry(
    number: int = 1, day: str = "2026-03-02", days: float | None = 2, hours: float | None = None
) -> dict[str, Any]:
    return {"id": f"e{number}", "kind": "centralised", "date": day, "days": days, "hours": hours, "note": ""}


def record(
    name: str = "王晓明",
    attempts: list[dict[str, Any]] | None = None,
    entries: list[dict[str, Any]] | None = None,
    unit: str = "城关镇",
    today: date = TODAY,
) -> dict[str, Any]:
    device = {
        "profile": {"name": name, "unit": unit},
        "settings": {"rule_set": rules().id, "term_start": None},
        "entries": [entry()] if entries is None else entries,
        "attempts": [attempt(RIGHT)] if attempts is None else attempts,
    }
    return build_record(rules(), device, today, 480)


def rehash(data: dict[str, Any]) -> dict[str, Any]:
    """What someone editing a field and recomputing the public hash would produce."""
    return data | {"sha256": record_hash(data)}


def file_bytes(data: dict[str, Any]) -> bytes:
    return record_text(data).encode("utf-8")


def raw_json(data: Any) -> bytes:
    """Any data as a JSON file, ASCII-escaped so lone surrogates and odd numbers survive."""
    return json.dumps(data, ensure_ascii=True).encode("ascii")


def report_of(files: list[tuple[str, bytes]], roster: Roster | None = None, options: Options = OPTIONS) -> Report:
    return build_report(files, catalogue(), options, roster=roster)


def sheets(report: Report) -> dict[str, list[list[Any]]]:
    """Every sheet of the report's workbook as read back by openpyxl: rows of values."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(report)))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def table(report: Report, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows under its header (row 2; row 1 is the title)."""
    rows = sheets(report)[sheet]
    header = rows[1]
    return [dict(zip(header, row, strict=True)) for row in rows[2:]]
