"""Small field checks shared by the quiz and rule validators; each records a problem and returns a safe value."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .errors import Collector, Path, describe

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Rule ids may also hold underscores: activity kind ids such as ``written_report`` are stored in
# every learner's ledger entries, so the shipped ones can never be renamed.
RULE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def text(c: Collector, data: Mapping[str, Any], key: str, path: Path, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None:
        if required:
            c.add(path + (key,), "缺少必填项")
        return ""
    if not isinstance(value, str):
        c.add(path + (key,), f"应为文字（实际是{describe(value)}；如是数字或 yes/no 等请加引号）")
        return ""
    if required and not value.strip():
        c.add(path + (key,), "不能为空")
    return value.strip()


def number(
    c: Collector, value: Any, path: Path, *, low: float, high: float | None, inclusive_low: bool = False
) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        c.add(path, f"应为数字（实际是{describe(value)}）")
        return None
    # NaN passes every comparison below; YAML writes it .nan (and infinity .inf).
    if not math.isfinite(value):
        c.add(path, f"应为有限的数字（实际是 {value}）")
        return None
    too_low = value < low if inclusive_low else value <= low
    if too_low or (high is not None and value > high):
        bound = ("不小于" if inclusive_low else "大于") + f" {low:g}" + ("" if high is None else f" 且不超过 {high:g}")
        c.add(path, f"应{bound}（实际是 {value}）")
        return None
    return value


def whole_number(c: Collector, value: Any, path: Path, *, low: int, high: int | None = None) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        c.add(path, f"应为整数（实际是{describe(value)}）")
        return None
    if value < low or (high is not None and value > high):
        c.add(path, f"应在 {low} 到 {high if high is not None else '∞'} 之间（实际是 {value}）")
        return None
    return value


def flag(c: Collector, value: Any, path: Path) -> bool:
    if not isinstance(value, bool):
        c.add(path, f"应为 true 或 false（实际是{describe(value)}）")
        return False
    return value


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (difflib is not in the engine's reduced standard library)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def closest(key: str, allowed: set[str]) -> str | None:
    """The one allowed field within two edits of ``key`` (one for short names), if there is one."""
    limit = 1 if len(key) <= 4 else 2
    near = sorted((edit_distance(key.lower(), name), name) for name in allowed)
    return near[0][1] if near and near[0][0] <= limit else None


def unknown_keys(c: Collector, data: Mapping[str, Any], allowed: set[str], path: Path) -> None:
    for key in data:
        if key not in allowed:
            # A misspelling (anwser) is named with the field meant, not the whole list.
            close = closest(str(key), allowed)
            if close:
                c.add(path + (str(key),), f"未知的字段 '{key}'，是不是想写 {close}？")
            else:
                shown = "、".join(sorted(allowed))
                c.add(path + (str(key),), f"未知的字段（可用的字段：{shown}）")


def identifier(c: Collector, value: Any, path: Path, what: str, *, pattern: re.Pattern[str] = ID_PATTERN) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        allowed = "小写字母、数字、连字符或下划线" if pattern is RULE_ID_PATTERN else "小写字母、数字和连字符"
        c.add(path, f"{what} id 应由{allowed}组成（实际是{describe(value)}）")
        return ""
    return value


def choice(c: Collector, value: Any, choices: tuple[str, ...], path: Path) -> str:
    """One of ``choices``; the first one (a safe value to go on checking with) when it is not."""
    if value not in choices:
        c.add(path, f"应为 {'、'.join(choices)} 之一（实际是{describe(value)}）")
        return choices[0]
    return str(value)
