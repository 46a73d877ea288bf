"""Credit rules (学时规则): the model and its validation, collecting every problem.

A rule set says which activities count, how each turns into 学时, what caps apply and which
requirements a learner must meet in a period. Training officers write rule sets in YAML;
messages are Chinese, with file and line when the data came from a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from .errors import Collector, DataError, Path, Problem, Source, describe
from .fields import RULE_ID_PATTERN, choice, identifier, number, unknown_keys, whole_number
from .fields import text as text_field
from .model import content_hash

RULE_KEYS = {"id", "title", "order", "description", "period", "hours_per_day", "kinds", "requirements"}
PERIOD_KEYS = {"type", "years", "first_year", "months"}
HOURS_PER_DAY_KEYS = {"value", "source"}
KIND_KEYS = {"id", "title", "unit", "hours_each", "cap_per_day", "cap_per_year", "source"}
REQUIREMENT_KEYS = {"id", "title", "kinds", "measure", "at_least", "every", "source", "note"}

PeriodType = Literal["year", "cycle", "term"]
Unit = Literal["time", "count", "quiz"]
Measure = Literal["hours", "days", "count"]
Every = Literal["period", "year", "half_year"]
PERIOD_TYPES: tuple[str, ...] = ("year", "cycle", "term")
UNITS: tuple[str, ...] = ("time", "count", "quiz")
MEASURES: tuple[str, ...] = ("hours", "days", "count")
EVERIES: tuple[str, ...] = ("period", "year", "half_year")
MEASURE_LABELS = {"hours": "学时", "days": "天", "count": "次"}
NO_SOURCE = Source()


@dataclass(frozen=True)
class Period:
    """``year``: a calendar year; ``cycle``: ``years`` calendar years from ``first_year``;
    ``term``: ``months`` months from a start date the learner gives (a secondment)."""

    type: PeriodType
    years: int = 1
    first_year: int = 0
    months: int = 0

    def to_dict(self) -> dict[str, Any]:
        if self.type == "year":
            return {"type": "year"}
        if self.type == "cycle":
            return {"type": "cycle", "years": self.years, "first_year": self.first_year}
        return {"type": "term", "months": self.months}


@dataclass(frozen=True)
class Kind:
    """A kind of activity. ``time``: entered in hours or days; ``count``: each entry is one item
    worth ``hours_each``; ``quiz``: passed quizzes of this site, credited automatically."""

    id: str
    title: str
    unit: Unit
    hours_each: float
    cap_per_day: float | None
    cap_per_year: float | None
    source: str

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "unit": self.unit}
        if self.unit != "time":
            data["hours_each"] = self.hours_each
        for key, cap in (("cap_per_day", self.cap_per_day), ("cap_per_year", self.cap_per_year)):
            if cap is not None:
                data[key] = cap
        data["source"] = self.source
        return data


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    kinds: tuple[str, ...]
    measure: Measure
    at_least: float
    every: Every
    source: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kinds": list(self.kinds),
            "measure": self.measure,
            "at_least": self.at_least,
            "every": self.every,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    # Where the rule set stands in the learner's list (smallest first).
    order: int
    description: str
    period: Period
    hours_per_day: float
    hours_per_day_source: str
    kinds: tuple[Kind, ...]
    requirements: tuple[Requirement, ...]

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The resolved rule set as plain data; ``parse_rules`` reads it back."""
        return {
            "id": self.id,
            "title": self.title,
            "order": self.order,
            "description": self.description,
            "period": self.period.to_dict(),
            "hours_per_day": {"value": self.hours_per_day, "source": self.hours_per_day_source},
            "kinds": [k.to_dict() for k in self.kinds],
            "requirements": [r.to_dict() for r in self.requirements],
        }

    @cached_property
    def version(self) -> str:
        """Content hash of the resolved rules: changes whenever any rule changes."""
        return content_hash(self.to_dict())


def _period(c: Collector, raw: Any) -> Period:
    path: Path = ("period",)
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, dict):
        c.add(path, f"应为 year，或映射如 {{type: cycle, years: 5, first_year: 2023}}（实际是{describe(raw)}）")
        return Period("year")
    unknown_keys(c, raw, PERIOD_KEYS, path)
    kind = choice(c, raw.get("type"), PERIOD_TYPES, path + ("type",))
    if kind == "year":
        for key in ("years", "first_year", "months"):
            if key in raw:
                c.add(path + (key,), "按自然年统计（type: year）时不用这个字段")
        return Period("year")
    if kind == "cycle":
        years = whole_number(c, raw.get("years"), path + ("years",), low=2, high=10) or 2
        first = whole_number(c, raw.get("first_year"), path + ("first_year",), low=2000, high=2100) or 2000
        if "months" in raw:
            c.add(path + ("months",), "按周期统计（type: cycle）时不用这个字段")
        return Period("cycle", years=years, first_year=first)
    months = whole_number(c, raw.get("months"), path + ("months",), low=1, high=60) or 1
    for key in ("years", "first_year"):
        if key in raw:
            c.add(path + (key,), "按任期统计（type: term）时不用这个字段")
    return Period("term", months=months)


def _hours_per_day(c: Collector, raw: Any) -> tuple[float, str]:
    path: Path = ("hours_per_day",)
    if not isinstance(raw, dict):
        c.add(path, f"应为映射：value（一天折合几学时）和 source（依据）（实际是{describe(raw)}）")
        return 1.0, ""
    unknown_keys(c, raw, HOURS_PER_DAY_KEYS, path)
    value = number(c, raw.get("value"), path + ("value",), low=0, high=24)
    source = text_field(c, raw, "source", path)
    return (value or 1.0), source


def _cap(c: Collector, raw: Mapping[str, Any], key: str, path: Path) -> float | None:
    if raw.get(key) is None:
        return None
    return number(c, raw[key], path + (key,), low=0, high=10_000)


def _kind(c: Collector, raw: Any, path: Path) -> Kind | None:
    if not isinstance(raw, dict):
        c.add(path, f"每类活动应为映射（实际是{describe(raw)}）")
        return None
    before = len(c.problems)
    unknown_keys(c, raw, KIND_KEYS, path)
    kind_id = identifier(c, raw.get("id"), path + ("id",), "活动类别", pattern=RULE_ID_PATTERN)
    title = text_field(c, raw, "title", path)
    unit = choice(c, raw.get("unit"), UNITS, path + ("unit",))
    source = text_field(c, raw, "source", path)
    hours_each = 0.0
    if unit == "time":
        if "hours_each" in raw:
            c.add(path + ("hours_each",), "按时间登记的活动（unit: time）按实际学时或天数计，不用 hours_each")
    else:
        hours_each = (
            number(c, raw.get("hours_each"), path + ("hours_each",), low=0, high=1000, inclusive_low=True) or 0.0
        )
    cap_per_day = _cap(c, raw, "cap_per_day", path)
    cap_per_year = _cap(c, raw, "cap_per_year", path)
    if len(c.problems) > before:
        return None
    return Kind(kind_id, title, unit, hours_each, cap_per_day, cap_per_year, source)  # type: ignore[arg-type]


def _requirement(
    c: Collector, raw: Any, path: Path, kinds: Mapping[str, Kind], declared: set[str], period: Period
) -> Requirement | None:
    if not isinstance(raw, dict):
        c.add(path, f"每项要求应为映射（实际是{describe(raw)}）")
        return None
    before = len(c.problems)
    unknown_keys(c, raw, REQUIREMENT_KEYS, path)
    req_id = identifier(c, raw.get("id"), path + ("id",), "要求", pattern=RULE_ID_PATTERN)
    title = text_field(c, raw, "title", path)
    source = text_field(c, raw, "source", path)
    note = text_field(c, raw, "note", path, required=False)
    measure = choice(c, raw.get("measure"), MEASURES, path + ("measure",))
    at_least = number(c, raw.get("at_least"), path + ("at_least",), low=0, high=100_000)
    every = choice(c, raw.get("every", "period"), EVERIES, path + ("every",))
    if every == "year" and period.type != "cycle":
        c.add(path + ("every",), "只有多年周期（period.type: cycle）才能按年（every: year）分段")
    if every == "half_year" and period.type == "cycle":
        c.add(path + ("every",), "多年周期内不支持按半年分段（every: half_year）")
    if every == "half_year" and period.type == "term" and period.months % 6:
        c.add(path + ("every",), f"任期 {period.months} 个月不能整分为半年（every: half_year）")
    raw_kinds = raw.get("kinds")
    ids: list[str] = []
    if not isinstance(raw_kinds, list) or not raw_kinds:
        c.add(path + ("kinds",), f"应为活动类别 id 的列表，如 [centralised]（实际是{describe(raw_kinds)}）")
    else:
        for index, kind_id in enumerate(raw_kinds):
            if kind_id in declared and kind_id not in kinds:
                continue  # that kind has its own problem already; do not report it twice
            if kind_id not in kinds:
                shown = "、".join(kinds) or "（无）"
                c.add(
                    path + ("kinds", index), f"本文件 kinds 中没有这类活动（可用：{shown}；实际是{describe(kind_id)}）"
                )
            elif kind_id in ids:
                c.add(path + ("kinds", index), f"活动类别重复（实际是 '{kind_id}'）")
            else:
                ids.append(kind_id)
    if len(c.problems) > before or at_least is None:
        return None
    return Requirement(req_id, title, tuple(ids), measure, at_least, every, source, note)  # type: ignore[arg-type]


def _line_text(source: Source, path: Path) -> str:
    line = source.line_of(path)
    return f"第 {line} 行" if line else "前面"


def parse_rules(data: Any, source: Source = NO_SOURCE) -> RuleSet:
    """Check one rule set's data; raise ``DataError`` listing every problem."""
    c = Collector(source)
    if not isinstance(data, dict):
        c.add((), f"文件内容应为一个映射（id、title、kinds、requirements…）（实际是{describe(data)}）")
        c.raise_if_any()
    unknown_keys(c, data, RULE_KEYS, ())
    rule_id = identifier(c, data.get("id"), ("id",), "规则", pattern=RULE_ID_PATTERN)
    title = text_field(c, data, "title", ())
    order = whole_number(c, data.get("order", 100), ("order",), low=0, high=1000)
    description = text_field(c, data, "description", (), required=False)
    period = _period(c, data.get("period"))
    hours_per_day, hours_source = _hours_per_day(c, data.get("hours_per_day"))
    kinds: dict[str, Kind] = {}
    kind_paths: dict[str, Path] = {}
    raw_kinds = data.get("kinds")
    if not isinstance(raw_kinds, list) or not raw_kinds:
        c.add(("kinds",), f"应为活动类别的列表，至少一项（实际是{describe(raw_kinds)}）")
        raw_kinds = []
    declared = {raw["id"] for raw in raw_kinds if isinstance(raw, dict) and isinstance(raw.get("id"), str)}
    for index, raw in enumerate(raw_kinds):
        path: Path = ("kinds", index)
        kind = _kind(c, raw, path)
        if kind is None:
            continue
        if kind.id in kinds:
            c.add(
                path + ("id",),
                f"活动类别 id 重复（实际是 '{kind.id}'，已在{_line_text(source, kind_paths[kind.id])}用过）",
            )
            continue
        if kind.unit == "quiz" and any(k.unit == "quiz" for k in kinds.values()):
            c.add(path + ("unit",), "一套规则只能有一类本站自测（unit: quiz）")
            continue
        kinds[kind.id] = kind
        kind_paths[kind.id] = path
    requirements: list[Requirement] = []
    seen: dict[str, Path] = {}
    raw_requirements = data.get("requirements")
    if not isinstance(raw_requirements, list) or not raw_requirements:
        c.add(("requirements",), f"应为要求的列表，至少一项（实际是{describe(raw_requirements)}）")
        raw_requirements = []
    for index, raw in enumerate(raw_requirements):
        path = ("requirements", index)
        requirement = _requirement(c, raw, path, kinds, declared, period)
        if requirement is None:
            continue
        if requirement.id in seen:
            c.add(
                path + ("id",),
                f"要求 id 重复（实际是 '{requirement.id}'，已在{_line_text(source, seen[requirement.id])}用过）",
            )
            continue
        seen[requirement.id] = path
        requirements.append(requirement)
    c.raise_if_any()
    return RuleSet(
        id=rule_id,
        title=title,
        order=order or 0,
        description=description,
        period=period,
        hours_per_day=hours_per_day,
        hours_per_day_source=hours_source,
        kinds=tuple(kinds.values()),
        requirements=tuple(requirements),
    )


def check_rule_sets(items: Iterable[tuple[RuleSet, Source]]) -> list[Problem]:
    """Problems across rule sets: ids must be unique, and a kind id means the same thing everywhere
    (the learner's entries are shared by every rule set)."""
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    kinds: dict[str, tuple[Kind, str]] = {}
    for rules, source in items:
        c = Collector(source)
        if rules.id in ids:
            c.add(("id",), f"规则 id 重复（实际是 '{rules.id}'，{ids[rules.id]} 已用）")
        ids.setdefault(rules.id, source.name)
        for index, kind in enumerate(rules.kinds):
            known = kinds.get(kind.id)
            if known is None:
                kinds[kind.id] = (kind, source.name)
            elif (known[0].title, known[0].unit) != (kind.title, kind.unit):
                c.add(
                    ("kinds", index, "id"),
                    f"同一 id 的活动类别在各规则中的名称和单位应一致"
                    f"（{known[1]} 中是 '{known[0].title}'/{known[0].unit}，"
                    f"这里是 '{kind.title}'/{kind.unit}）",
                )
        problems.extend(c.problems)
    return problems


def parse_rule_sets(items: Iterable[tuple[Any, Source]]) -> list[RuleSet]:
    """Parse several files' data; raise ``DataError`` with the problems of all of them."""
    problems: list[Problem] = []
    parsed: list[tuple[RuleSet, Source]] = []
    for data, source in items:
        try:
            parsed.append((parse_rules(data, source), source))
        except DataError as error:
            problems.extend(error.problems)
    problems.extend(check_rule_sets(parsed))
    if problems:
        raise DataError(problems)
    return sorted((rules for rules, _ in parsed), key=lambda rules: (rules.order, rules.id))
