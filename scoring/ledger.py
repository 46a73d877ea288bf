"""The study-credit tally: ledger entries and passed quizzes -> 学时 per kind and requirements.

Pure: "today" and the learner's time zone are passed in, so a tally is reproducible.
Entries that cannot be counted (invalid, of a kind these rules do not count, in the future,
outside the period, duplicated) are flagged with a reason, never silently counted or dropped.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .credit_rules import MEASURE_LABELS, Kind, Requirement, RuleSet
from .dates import local_date, parse_date
from .errors import ScoringError
from .numbers import shown as number

ENTRY_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
MAX_HOURS = 1000.0
MAX_DAYS = 366.0
MAX_NOTE = 500
# Periods and windows are computed a year or a term ahead; date() ends at year 9999.
MIN_YEAR, MAX_YEAR = 1, 9998
EPSILON = 1e-9

FLAG_MESSAGES = {
    "invalid": "记录不完整或有误，未计入",
    "not_in_rules": "所选规则不计这类活动",
    "future": "日期在今天之后，未计入",
    "outside_period": "不在本统计期内，未计入",
    "duplicate": "与另一条记录重复，未计入",
}


@dataclass(frozen=True)
class Entry:
    """One ledger line as the learner entered it."""

    id: str
    kind: str
    date: date
    hours: float | None
    days: float | None
    note: str


@dataclass(frozen=True)
class PeriodRange:
    start: date
    end: date
    label: str


def _amount(value: Any, high: float) -> float | None | bool:
    """None when absent, the number when valid, False when present but wrong."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= high:
        return False
    return float(value)


def entry_problem(raw: Any) -> str | None:
    """Why an entry's shape is wrong, in Chinese, or None when it is well formed."""
    found = read_entry(raw)
    return found if isinstance(found, str) else None


def read_entry(raw: Any) -> Entry | str:
    """The entry when it is well formed, else why its shape is wrong, in Chinese."""
    if not isinstance(raw, dict):
        return "记录应为映射"
    if not isinstance(raw.get("id"), str) or not ENTRY_ID_PATTERN.match(raw["id"]):
        return "记录编号有误"
    if not isinstance(raw.get("kind"), str) or not raw["kind"]:
        return "缺少活动类别"
    day = parse_date(raw.get("date"))
    if day is None:
        return "日期应为 YYYY-MM-DD"
    if day.year > MAX_YEAR:
        return "日期超出了可以统计的年份"
    hours = _amount(raw.get("hours"), MAX_HOURS)
    days = _amount(raw.get("days"), MAX_DAYS)
    if hours is False:
        return f"学时应为大于 0、不超过 {MAX_HOURS:g} 的数字"
    if days is False:
        return f"天数应为大于 0、不超过 {MAX_DAYS:g} 的数字"
    if hours is not None and days is not None:
        return "学时和天数只能填一项"
    note = raw.get("note", "")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE):
        return f"备注应为不超过 {MAX_NOTE} 字的文字"
    # _amount gives a valid number as a float, None when absent.
    return Entry(id=raw["id"], kind=raw["kind"], date=day, hours=hours, days=days, note=(note or "").strip())


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ScoringError(f"日期 {day.isoformat()} 加 {months} 个月超出了可以统计的年份")
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def resolve_period(rules: RuleSet, year: int, term_start: date | None) -> PeriodRange:
    period = rules.period
    if not MIN_YEAR <= year <= MAX_YEAR - 10:
        raise ScoringError(f"无法统计 {year} 年的学时")
    if period.type == "year":
        return PeriodRange(date(year, 1, 1), date(year, 12, 31), f"{year} 年")
    if period.type == "cycle":
        offset = (year - period.first_year) // period.years
        first = period.first_year + offset * period.years
        last = first + period.years - 1
        return PeriodRange(date(first, 1, 1), date(last, 12, 31), f"{first}—{last} 年")
    if term_start is None:
        raise ScoringError(f"“{rules.title}”按任期统计，请先填写开始日期")
    end = add_months(term_start, period.months) - timedelta(days=1)
    return PeriodRange(term_start, end, f"{term_start.isoformat()} 至 {end.isoformat()}")


def slices(requirement: Requirement, period: PeriodRange) -> list[PeriodRange]:
    """The windows a requirement is checked in: the whole period, each year, or each half year."""
    if requirement.every == "period":
        return [period]
    step = 12 if requirement.every == "year" else 6
    windows: list[PeriodRange] = []
    start = period.start
    while start <= period.end:
        end = min(add_months(start, step) - timedelta(days=1), period.end)
        label = f"{start.year} 年" if step == 12 and start.month == 1 else f"{start.isoformat()} 至 {end.isoformat()}"
        windows.append(PeriodRange(start, end, label))
        start = end + timedelta(days=1)
    return windows


@dataclass
class _Item:
    """Something that counts: an entry or a quiz credit, with its 学时 spread over dates."""

    id: str
    kind: Kind
    day: date
    hours_by_date: dict[date, float]


def _item_hours(entry: Entry, kind: Kind, hours_per_day: float) -> dict[date, float]:
    if kind.unit != "time":
        return {entry.date: kind.hours_each}
    if entry.hours is not None:
        return {entry.date: entry.hours}
    days = entry.days or 0.0
    # A training of several days covers that many calendar days, so a per-day cap applies to each.
    span = max(1, math.ceil(days - EPSILON))
    each = days * hours_per_day / span
    return {entry.date + timedelta(days=i): each for i in range(span)}


def _duplicate_key(entry: Entry) -> tuple[Any, ...]:
    return (entry.kind, entry.date, entry.hours, entry.days, " ".join(entry.note.split()))


def _quiz_items(
    attempts: Iterable[Any], kind: Kind, today: date, period: PeriodRange, offset: int
) -> tuple[list[_Item], list[dict[str, Any]]]:
    """The first passed attempt of each quiz in each calendar year earns one credit."""
    first: dict[tuple[str, int], tuple[str, date, str]] = {}
    for attempt in attempts:
        if not isinstance(attempt, dict) or not isinstance(attempt.get("result"), dict):
            continue
        if attempt["result"].get("passed") is not True:
            continue
        quiz_id, attempt_id, submitted = attempt.get("quiz_id"), attempt.get("id"), attempt.get("submitted_at")
        day = local_date(submitted, offset)
        if not isinstance(quiz_id, str) or not isinstance(attempt_id, str) or day is None:
            continue
        key = (quiz_id, day.year)
        order = (str(submitted), attempt_id)
        if key not in first or order < (first[key][2], first[key][0]):
            first[key] = (attempt_id, day, str(submitted))
    items: list[_Item] = []
    credits: list[dict[str, Any]] = []
    for (quiz_id, year), (attempt_id, day, _) in sorted(first.items()):
        if not period.start <= day <= period.end:
            continue
        flag = "future" if day > today else None
        credits.append(
            {
                "quiz_id": quiz_id,
                "year": year,
                "attempt_id": attempt_id,
                "date": day.isoformat(),
                "hours": number(kind.hours_each),
                "counted": flag is None,
                "flag": flag,
            }
        )
        if flag is None:
            items.append(_Item(f"quiz:{quiz_id}:{year}", kind, day, {day: kind.hours_each}))
    return items, credits


def _apply_caps(items: list[_Item]) -> dict[str, dict[date, float]]:
    """Credited 学时 per kind per date, after the per-day and then the per-year cap."""
    raw: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    kinds: dict[str, Kind] = {}
    for item in items:
        kinds[item.kind.id] = item.kind
        for day, hours in item.hours_by_date.items():
            raw[item.kind.id][day] += hours
    credited: dict[str, dict[date, float]] = {}
    for kind_id, by_date in raw.items():
        kind = kinds[kind_id]
        capped = {
            day: min(hours, kind.cap_per_day) if kind.cap_per_day is not None else hours
            for day, hours in by_date.items()
        }
        if kind.cap_per_year is not None:
            used: dict[int, float] = defaultdict(float)
            for day in sorted(capped):
                room = max(0.0, kind.cap_per_year - used[day.year])
                capped[day] = min(capped[day], room)
                used[day.year] += capped[day]
        credited[kind_id] = capped
    return credited


def _measure(
    requirement: Requirement,
    window: PeriodRange,
    credited: Mapping[str, Mapping[date, float]],
    items: list[_Item],
    hours_per_day: float,
) -> float:
    if requirement.measure == "count":
        return float(sum(1 for i in items if i.kind.id in requirement.kinds and window.start <= i.day <= window.end))
    hours = sum(
        h for k in requirement.kinds for day, h in credited.get(k, {}).items() if window.start <= day <= window.end
    )
    return hours if requirement.measure == "hours" else hours / hours_per_day


def _requirement_result(
    requirement: Requirement,
    period: PeriodRange,
    today: date,
    credited: Mapping[str, Mapping[date, float]],
    items: list[_Item],
    hours_per_day: float,
) -> dict[str, Any]:
    unit = MEASURE_LABELS[requirement.measure]
    windows = []
    for window in slices(requirement, period):
        achieved = _measure(requirement, window, credited, items, hours_per_day)
        missing = max(0.0, requirement.at_least - achieved)
        met = missing <= EPSILON
        status = "met" if met else ("overdue" if window.end < today else "open")
        windows.append(
            {
                "label": window.label,
                "start": window.start.isoformat(),
                "end": window.end.isoformat(),
                "achieved": number(achieved),
                "missing": number(0.0 if met else missing),
                "met": met,
                "status": status,
            }
        )
    unmet = [w for w in windows if not w["met"]]
    if not unmet:
        status, message, due = "met", "已完成", None
    else:
        first = unmet[0]
        due = first["end"]
        status = "overdue" if first["status"] == "overdue" else "open"
        scope = "" if requirement.every == "period" else f"{first['label']}："
        if status == "overdue":
            message = f"{scope}未完成，差 {first['missing']} {unit}（应于 {due} 前完成）"
        else:
            message = f"{scope}还差 {first['missing']} {unit}，截至 {due}"
        if len(unmet) > 1:
            message += f"（共 {len(unmet)} 段未完成）"
    achieved_total = sum(float(w["achieved"]) for w in windows)
    return {
        "id": requirement.id,
        "title": requirement.title,
        "measure": requirement.measure,
        "unit": unit,
        "at_least": number(requirement.at_least),
        "every": requirement.every,
        "achieved": number(achieved_total),
        "progress": number(
            min(1.0, sum(min(1.0, float(w["achieved"]) / requirement.at_least) for w in windows) / len(windows))
        ),
        "met": not unmet,
        "status": status,
        "missing": number(sum(float(w["missing"]) for w in unmet)),
        "due": due,
        "message": message,
        "windows": windows,
        "source": requirement.source,
        "note": requirement.note,
    }


class _EntryChecker:
    """Flags each entry in the order it was made: the first copy of a duplicate counts."""

    def __init__(self, rules: RuleSet, today: date, period: PeriodRange) -> None:
        self.rules, self.today, self.period = rules, today, period
        self.seen_ids: set[str] = set()
        self.seen_keys: dict[tuple[Any, ...], str] = {}
        # Kind id -> kind, the first of an id as ``RuleSet.kind`` finds it.
        self.kinds: dict[str, Kind] = {}
        for kind in rules.kinds:
            self.kinds.setdefault(kind.id, kind)

    def flag(self, entry: Entry, kind: Kind | None) -> tuple[str | None, str, str | None]:
        """(flag, detail, duplicate_of) for a well-formed entry; remembers it for later duplicates."""
        key = _duplicate_key(entry)
        result: tuple[str | None, str, str | None] = (None, "", None)
        if entry.id in self.seen_ids:
            result = ("duplicate", "编号重复", None)
        elif kind is None or kind.unit == "quiz":
            result = ("not_in_rules", "", None)
        elif kind.unit == "time" and entry.hours is None and entry.days is None:
            result = ("invalid", "请填写学时或天数", None)
        elif entry.date > self.today:
            result = ("future", "", None)
        elif not self.period.start <= entry.date <= self.period.end:
            result = ("outside_period", "", None)
        elif key in self.seen_keys:
            result = ("duplicate", "", self.seen_keys[key])
        else:
            self.seen_keys[key] = entry.id
        self.seen_ids.add(entry.id)
        return result

    def status(self, raw: Any) -> tuple[dict[str, Any], _Item | None]:
        """The entry's status line, and what it contributes when it counts."""
        entry_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else ""
        entry = read_entry(raw)
        flag: str | None
        duplicate_of: str | None = None
        item = None
        hours = 0.0
        if isinstance(entry, str):
            flag, detail = "invalid", entry
        else:
            kind = self.kinds.get(entry.kind)
            flag, detail, duplicate_of = self.flag(entry, kind)
            if kind is not None:
                by_date = _item_hours(entry, kind, self.rules.hours_per_day)
                hours = sum(by_date.values())
                if flag is None:
                    item = _Item(entry.id, kind, entry.date, by_date)
        message = FLAG_MESSAGES[flag] + (f"：{detail}" if detail else "") if flag else ""
        status = {
            "id": entry_id,
            "counted": flag is None,
            "hours": number(hours),
            "flag": flag,
            "message": message,
            "duplicate_of": duplicate_of,
        }
        return status, item

    def item(self, raw: Any) -> _Item | None:
        """What the entry contributes when it counts (``status`` without the line, for a summary)."""
        entry = read_entry(raw)
        if isinstance(entry, str):
            return None
        kind = self.kinds.get(entry.kind)
        if self.flag(entry, kind)[0] is not None or kind is None:
            return None
        return _Item(entry.id, kind, entry.date, _item_hours(entry, kind, self.rules.hours_per_day))


def _entry_order(entry: Any) -> str:
    # Ids are made when an entry is added, so their order is the order of entry.
    return str(entry.get("id")) if isinstance(entry, dict) else ""


def _check_entries(
    rules: RuleSet, entries: list[Any], today: date, period: PeriodRange, lines: bool = True
) -> tuple[list[dict[str, Any]], list[_Item]]:
    """A status for every entry (unless ``lines`` is false), and the items that count."""
    checker = _EntryChecker(rules, today, period)
    ordered = sorted(entries, key=_entry_order)
    if not lines:
        found = [checker.item(raw) for raw in ordered]
        return [], [item for item in found if item is not None]
    statuses: list[dict[str, Any]] = []
    items: list[_Item] = []
    for raw in ordered:
        status, item = checker.status(raw)
        statuses.append(status)
        if item is not None:
            items.append(item)
    return statuses, items


def _kind_totals(
    rules: RuleSet, items: list[_Item], credited: Mapping[str, Mapping[date, float]]
) -> list[dict[str, Any]]:
    """学时 per kind after caps, with what the caps cut."""
    kinds = []
    for kind in rules.kinds:
        own = [i for i in items if i.kind.id == kind.id]
        raw_hours = sum(sum(i.hours_by_date.values()) for i in own)
        hours = sum(credited.get(kind.id, {}).values())
        kinds.append(
            {
                "id": kind.id,
                "title": kind.title,
                "unit": kind.unit,
                "count": len(own),
                "hours": number(hours),
                "days": number(hours / rules.hours_per_day),
                "capped_hours": number(raw_hours - hours),
            }
        )
    return kinds


def tally(
    rules: RuleSet,
    entries: list[Any],
    attempts: list[Any],
    today: date,
    *,
    year: int | None = None,
    term_start: date | None = None,
    utc_offset_minutes: int = 0,
    summary_only: bool = False,
) -> dict[str, Any]:
    """Totals per kind after caps, every requirement met or not, and a status for every entry.
    ``summary_only`` leaves out the entry lines and the totals per kind (a class report needs the
    total, the requirements and the quiz credits of thousands of records, nothing more)."""
    period = resolve_period(rules, today.year if year is None else year, term_start)
    statuses, items = _check_entries(rules, entries, today, period, not summary_only)
    quiz_kind = next((k for k in rules.kinds if k.unit == "quiz"), None)
    quiz_credits: list[dict[str, Any]] = []
    if quiz_kind is not None:
        quiz_items, quiz_credits = _quiz_items(attempts, quiz_kind, today, period, utc_offset_minutes)
        items.extend(quiz_items)
    credited = _apply_caps(items)
    requirements = [
        _requirement_result(r, period, today, credited, items, rules.hours_per_day) for r in rules.requirements
    ]
    total = sum(h for by_date in credited.values() for h in by_date.values())
    if summary_only:
        return {
            "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
            "total_hours": number(total),
            "requirements": requirements,
            "quiz_credits": quiz_credits,
        }
    return {
        "rules": {"id": rules.id, "title": rules.title, "version": rules.version},
        "as_of": today.isoformat(),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "hours_per_day": number(rules.hours_per_day),
        "total_hours": number(total),
        "kinds": _kind_totals(rules, items, credited),
        "requirements": requirements,
        "all_met": all(r["met"] for r in requirements),
        "entries": statuses,
        "quiz_credits": quiz_credits,
        "flag_counts": {flag: sum(1 for s in statuses if s["flag"] == flag) for flag in FLAG_MESSAGES},
    }
