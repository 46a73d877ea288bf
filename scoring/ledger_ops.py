"""The ledger's operations for ``api.call``: tally, export a record, import (merge) a record.

Each takes the request mapping and returns plain data, or raises ``ScoringError`` /
``DataError``, which ``api.call`` turns into an error reply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .credit_rules import parse_rules
from .dates import require_date
from .errors import ScoringError
from .ledger import tally
from .record import build_record, device_data, merge_record, read_record, record_text


def _offset(request: dict[str, Any]) -> int:
    value = request.get("utc_offset_minutes", 0)
    if isinstance(value, bool) or not isinstance(value, int) or not -840 <= value <= 840:
        raise ScoringError("utc_offset_minutes 应为 -840 到 840 之间的整数")
    return value


def _list(request: dict[str, Any], key: str) -> list[Any]:
    value = request.get(key, [])
    if not isinstance(value, list):
        raise ScoringError(f"{key} 应为列表")
    return value


def _tally(request: dict[str, Any]) -> dict[str, Any]:
    rules = parse_rules(request.get("rules"))
    today = require_date(request.get("today"), "today ")
    year = request.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100):
        raise ScoringError("year 应为 2000–2100 的整数")
    term_start = request.get("term_start")
    return tally(
        rules,
        _list(request, "entries"),
        _list(request, "attempts"),
        today,
        year=year,
        term_start=None if term_start is None else require_date(term_start, "开始日期"),
        utc_offset_minutes=_offset(request),
    )


def _export(request: dict[str, Any]) -> dict[str, Any]:
    rules = parse_rules(request.get("rules"))
    today = require_date(request.get("today"), "today ")
    record = build_record(rules, device_data(request.get("device")), today, _offset(request))
    name = record["profile"]["name"]
    filename = f"学习档案-{name + '-' if name else ''}{record['as_of']}.json"
    return {"text": record_text(record), "filename": filename, "sha256": record["sha256"]}


def _import(request: dict[str, Any]) -> dict[str, Any]:
    record = read_record(request.get("text"))
    merged, summary = merge_record(device_data(request.get("device")), record)
    return {"device": merged, "summary": summary}


LEDGER_OPERATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "tally": _tally,
    "export_record": _export,
    "import_record": _import,
}
