"""The learner's record (学习档案): one exportable file, checked and merged back on import.

The file holds the profile, the ledger, every attempt with its raw answers, the content hashes
of the quizzes and rules used, the computed tally, a schema version and a SHA-256 over the
canonical form of everything else. The hash detects accidental damage and naive edits; it does
not prove authenticity (the code that computes it is public and runs on the learner's device).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from .credit_rules import RuleSet
from .dates import parse_date
from .errors import ScoringError, describe
from .ledger import tally
from .model import canonical_json, content_hash
from .numbers import plain

FORMAT = "cadre-learning-record"
SCHEMA = 1
MAX_TEXT = 10_000_000
MAX_PROFILE_TEXT = 100
# A record nests about six levels. Parsers and the hash recurse, and how deep they get before the
# stack runs out depends on the caller; a limit checked before parsing gives one answer everywhere.
MAX_DEPTH = 500
STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
PROFILE_KEYS = ("name", "unit")
SETTING_KEYS = ("rule_set", "term_start")
RECORD_KEYS = {
    "format",
    "schema",
    "as_of",
    "profile",
    "settings",
    "rules",
    "quizzes",
    "ledger",
    "attempts",
    # 每日一练 days (one per date, id = the date), carried so a new phone keeps the streak; left out
    # of a record with none, so records of devices that never practised are as before.
    "daily",
    "tally",
    "tally_error",
    # True in a record exported while the engine had not loaded (quizkit/assets/raw-record.js):
    # everything the device holds, no tally; the officer's report tallies it.
    "tally_pending",
    "sha256",
}
REFUSED = "未导入，本机数据没有改动。"


class RecordRefused(ScoringError):
    """A record file that is damaged, edited, foreign or does not fit this device."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}{REFUSED}")


def record_hash(record: dict[str, Any]) -> str:
    """The hash the record carries: over everything but itself."""
    return content_hash({key: value for key, value in record.items() if key != "sha256"})


def _check_items(value: Any, what: str, *, quiz: bool = False) -> list[dict[str, Any]]:
    """A list of mappings with a usable id; a second copy of an id is a fault of the data."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ScoringError(f"{what}应为列表")
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not ITEM_ID.match(item["id"]):
            raise ScoringError(f"{what}第 {index + 1} 项缺少有效的编号")
        if quiz and not isinstance(item.get("quiz_id"), str):
            raise ScoringError(f"{what}第 {index + 1} 项缺少测验编号")
        if item["id"] in seen:
            raise ScoringError(f"{what}中编号 {item['id']} 出现了两次")
        seen.add(item["id"])
    return value


def _items(value: Any, what: str, *, quiz: bool = False) -> list[dict[str, Any]]:
    return sorted((plain(item) for item in _check_items(value, what, quiz=quiz)), key=lambda item: item["id"])


def _texts(value: Any, keys: tuple[str, ...], what: str) -> dict[str, Any]:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ScoringError(f"{what}应为映射")
    result: dict[str, Any] = {}
    for key in keys:
        text = value.get(key)
        if text is not None and (not isinstance(text, str) or len(text) > MAX_PROFILE_TEXT):
            raise ScoringError(f"{what}.{key} 应为不超过 {MAX_PROFILE_TEXT} 字的文字")
        result[key] = (text or "").strip() or None
    return result


def _check_days(value: Any) -> list[dict[str, Any]]:
    """每日一练 days: items whose id is their date (YYYY-MM-DD) and whose result is a mapping."""
    days = _check_items(value, "每日一练")
    for index, day in enumerate(days):
        if parse_date(day["id"]) is None or day.get("date", day["id"]) != day["id"]:
            raise ScoringError(f"每日一练第 {index + 1} 项的编号应为它的日期 YYYY-MM-DD（实际是 {day['id']}）")
        if not isinstance(day.get("result"), dict):
            raise ScoringError(f"每日一练 {day['id']} 缺少成绩")
    return days


def _settings(data: dict[str, Any]) -> dict[str, Any]:
    settings = _texts(data.get("settings"), SETTING_KEYS, "settings")
    if settings["term_start"] is not None and parse_date(settings["term_start"]) is None:
        raise ScoringError("settings.term_start 应为 YYYY-MM-DD 格式的日期")
    return settings


def check_device_data(data: dict[str, Any]) -> None:
    """The checks of ``device_data`` without building the canonical copy (reading a record keeps it as it is)."""
    _settings(data)
    _texts(data.get("profile"), PROFILE_KEYS, "profile")
    _check_items(data.get("entries"), "学时记录")
    _check_items(data.get("attempts"), "作答记录", quiz=True)
    _check_days(data.get("daily"))


def device_data(data: Any) -> dict[str, Any]:
    """What a device holds, checked and in a canonical order: profile, settings, entries, attempts."""
    if not isinstance(data, dict):
        raise ScoringError("本机数据应为映射")
    settings = _settings(data)
    return {
        "profile": _texts(data.get("profile"), PROFILE_KEYS, "profile"),
        "settings": settings,
        "entries": _items(data.get("entries"), "学时记录"),
        "attempts": _items(data.get("attempts"), "作答记录", quiz=True),
        "daily": sorted((plain(day) for day in _check_days(data.get("daily"))), key=lambda day: day["id"]),
    }


def quiz_versions(attempts: list[dict[str, Any]]) -> dict[str, list[str]]:
    versions: dict[str, set[str]] = {}
    for attempt in attempts:
        version = attempt.get("version")
        versions.setdefault(attempt["quiz_id"], set())
        if isinstance(version, str):
            versions[attempt["quiz_id"]].add(version)
    return {quiz_id: sorted(found) for quiz_id, found in sorted(versions.items())}


def build_record(rules: RuleSet, device: dict[str, Any], today: date, utc_offset_minutes: int = 0) -> dict[str, Any]:
    """The record of ``device`` (from ``device_data``) as of ``today``, hashed."""
    term_start = parse_date(device["settings"]["term_start"])
    record: dict[str, Any] = {
        "format": FORMAT,
        "schema": SCHEMA,
        "as_of": today.isoformat(),
        "profile": device["profile"],
        "settings": device["settings"],
        "rules": {"id": rules.id, "title": rules.title, "version": rules.version},
        "quizzes": quiz_versions(device["attempts"]),
        "ledger": device["entries"],
        "attempts": device["attempts"],
    }
    if device.get("daily"):
        record["daily"] = device["daily"]
    try:
        result = tally(
            rules,
            device["entries"],
            device["attempts"],
            today,
            term_start=term_start,
            utc_offset_minutes=utc_offset_minutes,
        )
        record["tally"] = result
    except ScoringError as error:
        # The record is still exported whole; only the computed summary is missing.
        record["tally"] = None
        record["tally_error"] = str(error)
    record = plain(record)
    record["sha256"] = record_hash(record)
    return record


def record_text(record: dict[str, Any]) -> str:
    """The file's text: one spelling for one record, so equal records give identical files."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


def nests_too_deep(text: str) -> bool:
    """Whether JSON text nests deeper than ``MAX_DEPTH``; brackets inside strings do not count."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False  # the usual case, decided at C speed
    depth = 0
    for match in STRUCTURE.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False


def _check_summary(record: dict[str, Any]) -> None:
    """The parts the record adds to the device's data: export date, rules, versions, tally."""
    if parse_date(record.get("as_of")) is None:
        raise ScoringError("缺少有效的导出日期")
    rules = record.get("rules")
    if not isinstance(rules, dict) or not all(isinstance(rules.get(key), str) for key in ("id", "version")):
        raise ScoringError("缺少所用学时规则的编号和版本")
    if not isinstance(rules.get("title", ""), str):
        raise ScoringError("学时规则的名称应为文字")
    if not isinstance(record.get("quizzes", {}), dict):
        raise ScoringError("测验版本清单应为映射")
    if not isinstance(record.get("tally"), (dict, type(None))):
        raise ScoringError("学时统计应为映射")
    if not isinstance(record.get("tally_error", ""), str):
        raise ScoringError("学时统计的出错说明应为文字")
    pending = record.get("tally_pending", False)
    if not isinstance(pending, bool):
        raise ScoringError(f"“尚未统计”标记应为 true 或 false（实际是{describe(pending)}）")
    if pending and record.get("tally") is not None:
        raise ScoringError("标为尚未统计的档案不应附带学时统计")


def read_record(text: Any) -> dict[str, Any]:
    """Parse and check a record file's text; raise ``RecordRefused`` saying why it is refused."""
    if not isinstance(text, str) or not text.strip():
        raise RecordRefused("文件是空的。")
    if len(text) > MAX_TEXT:
        raise RecordRefused("文件过大，不像是学习档案。")
    if nests_too_deep(text):
        raise RecordRefused(f"文件的层次超过 {MAX_DEPTH} 层，不是本平台导出的学习档案。")
    try:
        record = json.loads(text)
    except (ValueError, RecursionError):
        raise RecordRefused("这不是学习档案文件（无法读取，可能已损坏或不是本平台导出的 JSON 文件）。") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise RecordRefused("这不是本平台导出的学习档案（缺少档案标记）。")
    schema = record.get("schema")
    if schema != SCHEMA:
        # Described, never repr'd: the officer's workbook shows this sentence.
        found = str(schema) if type(schema) is int else describe(schema)
        raise RecordRefused(f"档案格式版本是 {found}，本站只能读取版本 {SCHEMA}。")
    claimed = record.get("sha256")
    if not isinstance(claimed, str) or not HEX64.match(claimed):
        raise RecordRefused("档案缺少校验值，无法确认它完好。")
    try:
        computed = record_hash(record)
    except UnicodeEncodeError:
        # A lone surrogate (\ud800) parses but has no UTF-8 form; no device writes one.
        raise RecordRefused("档案中有无法识别的字符，可能已损坏。") from None
    except ValueError:
        # 1e400 parses as infinity, which canonical JSON cannot write.
        raise RecordRefused("档案中有超出范围的数字，可能已损坏。") from None
    if computed != claimed:
        raise RecordRefused("档案已损坏或导出后被改动过（校验值不符）。")
    unknown = sorted(set(record) - RECORD_KEYS)
    if unknown:
        raise RecordRefused(f"档案中有不认识的内容（{'、'.join(unknown)}）。")
    try:
        check_device_data(
            {key: record.get(key) for key in ("profile", "settings")}
            | {"entries": record.get("ledger"), "attempts": record.get("attempts"), "daily": record.get("daily")}
        )
        _check_summary(record)
    except ScoringError as error:
        raise RecordRefused(f"档案内容有误：{error}。") from None
    return record


def _merge_items(
    local: list[dict[str, Any]], incoming: list[dict[str, Any]], *, newer_wins: bool
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Keyed by id: new ids are added; equal items stay once; for a conflict the device's item
    stays, unless ``newer_wins`` and the file's item was edited later (``updated_at``)."""
    merged = {item["id"]: item for item in local}
    counts = {"added": 0, "same": 0, "updated": 0, "kept": 0}
    for item in incoming:
        mine = merged.get(item["id"])
        if mine is None:
            merged[item["id"]] = item
            counts["added"] += 1
        elif canonical_json(mine) == canonical_json(item):
            counts["same"] += 1
        elif newer_wins and str(item.get("updated_at") or "") > str(mine.get("updated_at") or ""):
            merged[item["id"]] = item
            counts["updated"] += 1
        else:
            counts["kept"] += 1
    return [merged[key] for key in sorted(merged)], counts


def merge_record(device: dict[str, Any], record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Merge a checked record into device data (both canonical). Refuses someone else's record."""
    incoming = device_data(
        {
            "profile": record.get("profile"),
            "settings": record.get("settings"),
            "entries": record.get("ledger"),
            "attempts": record.get("attempts"),
            "daily": record.get("daily"),
        }
    )
    mine, theirs = device["profile"]["name"], incoming["profile"]["name"]
    if mine and theirs and mine != theirs:
        raise RecordRefused(f"这份档案属于“{theirs}”，本机登记的是“{mine}”。")
    profile = {key: device["profile"][key] or incoming["profile"][key] for key in PROFILE_KEYS}
    settings = {key: device["settings"][key] or incoming["settings"][key] for key in SETTING_KEYS}
    entries, entry_counts = _merge_items(device["entries"], incoming["entries"], newer_wins=True)
    attempts, attempt_counts = _merge_items(device["attempts"], incoming["attempts"], newer_wins=False)
    # A day is done once: the device's own copy of a date stays.
    daily, daily_counts = _merge_items(device["daily"], incoming["daily"], newer_wins=False)
    merged = {"profile": profile, "settings": settings, "entries": entries, "attempts": attempts, "daily": daily}
    summary = {"entries": entry_counts, "attempts": attempt_counts, "daily": daily_counts, "as_of": record.get("as_of")}
    return merged, summary
