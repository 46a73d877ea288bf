"""Validate one question of any type into the model, recording every problem."""

from __future__ import annotations

import re
from typing import Any

from .errors import Collector, Path, describe
from .fields import identifier, number, text, unknown_keys
from .model import AREAS, BLANK, QUESTION_TYPES, TRUE_FALSE_LABELS, TYPE_NAMES, Question

OPTION_KEY_PATTERN = re.compile(r"^[A-H]$")
QUESTION_KEYS = {
    "id",
    "type",
    "stem",
    "area",
    "options",
    "prompts",
    "answer",
    "points",
    "scoring",
    "explanation",
    "link",
    "hint",
}
MULTIPLE_SCORINGS = ("partial", "all_or_nothing")
# Which keys each type takes beyond the common ones.
TYPE_KEYS: dict[str, set[str]] = {
    "single": {"options", "answer"},
    "multiple": {"options", "answer", "scoring"},
    "truefalse": {"answer"},
    "fill": {"answer"},
    "ordering": {"options", "answer"},
    "matching": {"options", "prompts", "answer"},
    "scenario": {"options"},
}
OPTIONAL_TYPE_KEYS = {"scoring"}
NOT_BOOL_HINT = "YAML 会把 yes/no/on/off/1.0 读成布尔值或数字，请加引号"
ANSWER_TEXT_HINT = 'YAML 会把没加引号的 1.10、010、12:30、yes 读成 1.1、8、750、true，请加引号，如 "1.10"'


def area_field(c: Collector, value: Any, path: Path, default: str) -> str:
    if value not in AREAS:
        c.add(path, f"应为 {'、'.join(AREAS)} 之一（实际是{describe(value)}）")
        return default
    return str(value)


def _option_key(c: Collector, key: Any, path: Path) -> bool:
    if not isinstance(key, str) or not OPTION_KEY_PATTERN.match(key):
        c.add(path + (str(key),), f"选项键应为 A–H 中的一个大写字母（实际是{describe(key)}）")
        return False
    return True


def _option_text(c: Collector, value: Any, path: Path) -> str | None:
    if not isinstance(value, str) or not value.strip():
        c.add(path, f"选项文字应为非空文字（实际是{describe(value)}；{NOT_BOOL_HINT}）")
        return None
    return value.strip()


def _options(c: Collector, raw: Any, path: Path, *, low: int = 2) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, dict):
        c.add(path, f"需要 options 映射，如 A: 文字（实际是{describe(raw)}）")
        return ()
    if not low <= len(raw) <= 8:
        c.add(path, f"应有 {low}–8 个选项（实际是 {len(raw)} 个）")
    options = []
    for key, value in raw.items():
        if _option_key(c, key, path):
            shown = _option_text(c, value, path + (key,))
            if shown is not None:
                options.append((key, shown))
    return tuple(options)


def _scenario_options(
    c: Collector, raw: Any, path: Path
) -> tuple[tuple[tuple[str, str], ...], tuple[float, ...], tuple[str, ...]]:
    if not isinstance(raw, dict) or not 2 <= len(raw) <= 8:
        c.add(path, f"情景题需要 2–8 个选项，每个写 text、weight（0–1）和可选的 note（实际是{describe(raw)}）")
        return (), (), ()
    options, weights, notes = [], [], []
    for key, value in raw.items():
        if not _option_key(c, key, path):
            continue
        where = path + (key,)
        if not isinstance(value, dict):
            c.add(where, f"应为映射，如 {{text: …, weight: 1, note: …}}（实际是{describe(value)}）")
            continue
        unknown_keys(c, value, {"text", "weight", "note"}, where)
        shown = _option_text(c, value.get("text"), where + ("text",))
        weight = number(c, value.get("weight"), where + ("weight",), low=0, high=1, inclusive_low=True)
        note = text(c, value, "note", where, required=False)
        if shown is not None and weight is not None:
            options.append((key, shown))
            weights.append(weight)
            notes.append(note)
    if weights and max(weights) != 1:
        c.add(path, "情景题至少要有一个 weight 为 1 的最佳选项")
    return tuple(options), tuple(weights), tuple(notes)


def _choice_key(c: Collector, value: Any, keys: list[str], path: Path) -> str | None:
    if not isinstance(value, str) or value not in keys:
        # No valid options: they are already reported, and "one of (nothing)" would only confuse.
        if keys:
            c.add(path, f"应为选项 {'、'.join(keys)} 之一（实际是{describe(value)}）")
        return None
    return value


def _key_list(c: Collector, raw: Any, keys: list[str], path: Path, *, what: str, low: int) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) < low:
        c.add(path, f"{what}（实际是{describe(raw)}）")
        return ()
    chosen = [_choice_key(c, item, keys, path + (i,)) for i, item in enumerate(raw)]
    return tuple(k for k in chosen if k)


def _fill_answer(c: Collector, raw: Any, stem: str, path: Path) -> tuple[tuple[str, ...], ...]:
    blanks = stem.count(BLANK)
    if blanks == 0:
        c.add(path[:-1] + ("stem",), f"填空题的题干应含有填空标记 {BLANK}（四个下划线）")
    if not isinstance(raw, list) or not raw:
        c.add(path, f"填空题的答案应为列表，每个空一项（实际是{describe(raw)}）")
        return ()
    if blanks and len(raw) != blanks:
        c.add(path, f"题干有 {blanks} 个空，答案应有 {blanks} 项（实际是 {len(raw)} 项）")
    result: list[tuple[str, ...]] = []
    for index, entry in enumerate(raw):
        variants = entry if isinstance(entry, list) else [entry]
        accepted: list[str] = []
        refused = False
        for j, variant in enumerate(variants):
            where = path + (index, j) if isinstance(entry, list) else path + (index,)
            # YAML reads an unquoted 1.10 as 1.1, 010 as 8, 12:30 as 750 and yes as true: the answer
            # written is not the one stored, so only text is taken, as for options.
            if not isinstance(variant, str):
                c.add(where, f"可接受的答案应为文字（实际是{describe(variant)}；{ANSWER_TEXT_HINT}）")
                refused = True
            elif not variant.strip():
                c.add(where, "可接受的答案不能为空")
                refused = True
            else:
                accepted.append(variant.strip())
        # Already reported per answer: one mistake, one message.
        if not accepted and not refused:
            c.add(path + (index,), "这个空没有可接受的答案")
        result.append(tuple(accepted))
    return tuple(result)


def _prompts(c: Collector, raw: Any, path: Path) -> tuple[str, ...]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= 8:
        c.add(path, f"连线题需要 2–8 个左侧项目（prompts 列表）（实际是{describe(raw)}）")
        return ()
    prompts = [_option_text(c, item, path + (i,)) for i, item in enumerate(raw)]
    return tuple(p for p in prompts if p is not None)


def parse_question(c: Collector, raw: Any, path: Path, quiz_area: str) -> Question | None:
    """The question at ``path``, or None when it has problems (all recorded in ``c``)."""
    if not isinstance(raw, dict):
        c.add(path, f"每道题应为映射（实际是{describe(raw)}）")
        return None
    before = len(c.problems)
    unknown_keys(c, raw, QUESTION_KEYS, path)
    qid = identifier(c, raw.get("id"), path + ("id",), "题目")
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        c.add(path + ("type",), f"题型应为 {'、'.join(QUESTION_TYPES)} 之一（实际是{describe(qtype)}）")
        return None
    for key in sorted({"options", "prompts", "answer", "scoring"} - TYPE_KEYS[qtype]):
        if key in raw:
            c.add(path + (key,), f"{TYPE_NAMES[qtype]}不用 {key} 字段")
    for key in sorted(TYPE_KEYS[qtype] - OPTIONAL_TYPE_KEYS - {"options", "prompts"}):
        if key not in raw:
            c.add(path + (key,), "缺少答案")
    stem = text(c, raw, "stem", path)
    explanation = text(c, raw, "explanation", path)
    link = text(c, raw, "link", path)
    hint = text(c, raw, "hint", path, required=False)
    if link and "#" not in link:
        c.add(path + ("link",), f"链接应指向页面中的小节，形如 theory/growth.md#小节（实际是{describe(link)}）")
    area = area_field(c, raw["area"], path + ("area",), quiz_area) if "area" in raw else quiz_area
    points = number(c, raw.get("points", 1), path + ("points",), low=0, high=1000)
    scoring = raw.get("scoring", "partial")
    if scoring not in MULTIPLE_SCORINGS:
        c.add(path + ("scoring",), f"应为 partial 或 all_or_nothing（实际是{describe(scoring)}）")
    answer_raw = raw.get("answer")
    answer_path = path + ("answer",)
    options: tuple[tuple[str, str], ...] = ()
    prompts: tuple[str, ...] = ()
    weights: tuple[float, ...] = ()
    notes: tuple[str, ...] = ()
    answer: tuple[Any, ...] = ()
    if qtype == "scenario":
        options, weights, notes = _scenario_options(c, raw.get("options"), path + ("options",))
        answer = tuple(key for (key, _), weight in zip(options, weights, strict=True) if weight == 1)
    elif qtype in TYPE_KEYS and "options" in TYPE_KEYS[qtype]:
        options = _options(c, raw.get("options"), path + ("options",), low=2)
        keys = [key for key, _ in options]
        if qtype == "single" and "answer" in raw:
            picked = _choice_key(c, answer_raw, keys, answer_path)
            answer = (picked,) if picked else ()
        elif qtype == "multiple" and "answer" in raw:
            chosen = _key_list(
                c, answer_raw, keys, answer_path, what="多选题的答案应为至少两个选项键的列表，如 [A, C]", low=2
            )
            if len(set(chosen)) != len(chosen):
                c.add(answer_path, "答案中有重复的选项")
            answer = tuple(sorted(chosen))
        elif qtype == "ordering" and "answer" in raw:
            answer = _key_list(
                c, answer_raw, keys, answer_path, what="排序题的答案应为全部选项键按正确顺序排成的列表", low=2
            )
            if sorted(answer) != sorted(keys):
                c.add(answer_path, f"排序题的答案应恰好包含每个选项一次（应为 {'、'.join(keys)} 的一种排列）")
        elif qtype == "matching" and "answer" in raw:
            prompts = _prompts(c, raw.get("prompts"), path + ("prompts",))
            answer = _key_list(
                c, answer_raw, keys, answer_path, what="连线题的答案应为列表，依次给出每个左侧项目对应的选项键", low=2
            )
            if prompts and len(answer_raw if isinstance(answer_raw, list) else []) != len(prompts):
                c.add(answer_path, f"有 {len(prompts)} 个左侧项目，答案应有 {len(prompts)} 项")
            if len(options) < len(prompts):
                c.add(path + ("options",), "右侧选项不能少于左侧项目")
    elif qtype == "truefalse" and "answer" in raw:
        if not isinstance(answer_raw, bool):
            c.add(answer_path, f"判断题的答案应为 true 或 false（实际是{describe(answer_raw)}）")
        else:
            answer = ("true" if answer_raw else "false",)
            options = tuple(TRUE_FALSE_LABELS.items())
    elif qtype == "fill" and "answer" in raw:
        answer = _fill_answer(c, answer_raw, stem, answer_path)
    if len(c.problems) > before or points is None:
        return None
    return Question(
        id=qid,
        type=qtype,
        stem=stem,
        area=area,
        options=options,
        answer=answer,
        points=points,
        explanation=explanation,
        link=link,
        scoring=scoring,
        prompts=prompts,
        weights=weights,
        notes=notes,
        hint=hint,
    )
