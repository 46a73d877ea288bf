"""Validate quiz data (from YAML or JSON) into the model, collecting every problem.

Messages are Chinese because training officers read them in the build output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .errors import Collector, DataError, Path, Problem, Source, describe
from .model import AREAS, BLANK, MIXED_AREA, QUESTION_TYPES, TRUE_FALSE_LABELS, Question, Quiz

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
OPTION_KEY_PATTERN = re.compile(r"^[A-H]$")
QUIZ_KEYS = {"id", "title", "area", "pass_mark", "description", "questions", "include"}
QUESTION_KEYS = {"id", "type", "stem", "area", "options", "answer", "points", "scoring", "explanation", "link"}
INCLUDE_KEYS = {"quiz", "questions"}
MULTIPLE_SCORINGS = ("partial", "all_or_nothing")
NO_SOURCE = Source()


@dataclass(frozen=True)
class Include:
    """Questions taken from another quiz of the bank; all of them when ``question_ids`` is None."""

    quiz_id: str
    question_ids: tuple[str, ...] | None
    path: Path


@dataclass(frozen=True)
class QuizSpec:
    """A quiz as written in one file, before includes from other quizzes are resolved."""

    quiz: Quiz
    includes: tuple[Include, ...]
    source: Source
    # Where each own question sits in the file, for messages about it later.
    question_paths: Mapping[str, Path]


def _text(c: Collector, data: Mapping[str, Any], key: str, path: Path, *, required: bool = True) -> str:
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


def _number(c: Collector, value: Any, path: Path, *, low: float, high: float | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        c.add(path, f"应为数字（实际是{describe(value)}）")
        return None
    if value <= low or (high is not None and value > high):
        bound = f"大于 {low:g}" + ("" if high is None else f" 且不超过 {high:g}")
        c.add(path, f"应{bound}（实际是 {value}）")
        return None
    return value


def _unknown_keys(c: Collector, data: Mapping[str, Any], allowed: set[str], path: Path) -> None:
    for key in data:
        if key not in allowed:
            shown = "、".join(sorted(allowed))
            c.add(path + (str(key),), f"未知的字段（可用的字段：{shown}）")


def _area(c: Collector, value: Any, path: Path) -> str:
    if value not in AREAS:
        c.add(path, f"应为 {'、'.join(AREAS)} 之一（实际是{describe(value)}）")
        return MIXED_AREA
    return str(value)


def _options(c: Collector, data: Mapping[str, Any], path: Path) -> tuple[tuple[str, str], ...]:
    raw = data.get("options")
    if not isinstance(raw, dict):
        c.add(path + ("options",), f"选择题需要 options 映射，如 A: 文字（实际是{describe(raw)}）")
        return ()
    if not 2 <= len(raw) <= 8:
        c.add(path + ("options",), f"应有 2–8 个选项（实际是 {len(raw)} 个）")
    options: list[tuple[str, str]] = []
    for key, text in raw.items():
        if not isinstance(key, str) or not OPTION_KEY_PATTERN.match(key):
            c.add(path + ("options", str(key)), f"选项键应为 A–H 中的一个大写字母（实际是{describe(key)}）")
            continue
        if not isinstance(text, str) or not text.strip():
            c.add(
                path + ("options", key),
                f"选项文字应为非空文字（实际是{describe(text)}；YAML 会把 yes/no/on/off/1.0 读成布尔值或数字，请加引号）",
            )
            continue
        options.append((key, text.strip()))
    return tuple(options)


def _choice_key(c: Collector, value: Any, keys: list[str], path: Path) -> str | None:
    if not isinstance(value, str) or value not in keys:
        c.add(path, f"应为选项 {'、'.join(keys)} 之一（实际是{describe(value)}）")
        return None
    return value


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
        for j, variant in enumerate(variants):
            where = path + (index, j) if isinstance(entry, list) else path + (index,)
            # bool is an int subclass: a bare yes/no would otherwise become an answer "True".
            if isinstance(variant, bool) or not isinstance(variant, (str, int, float)):
                c.add(where, f"可接受的答案应为文字或数字（实际是{describe(variant)}；请加引号）")
            elif not str(variant).strip():
                c.add(where, "可接受的答案不能为空")
            else:
                accepted.append(str(variant).strip())
        if not accepted:
            c.add(path + (index,), "这个空没有可接受的答案")
        result.append(tuple(accepted))
    return tuple(result)


def _question(c: Collector, raw: Any, path: Path, quiz_area: str) -> Question | None:
    if not isinstance(raw, dict):
        c.add(path, f"每道题应为映射（实际是{describe(raw)}）")
        return None
    before = len(c.problems)
    _unknown_keys(c, raw, QUESTION_KEYS, path)
    qid = raw.get("id")
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        c.add(path + ("id",), f"题目 id 应由小写字母、数字和连字符组成（实际是{describe(qid)}）")
        qid = ""
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        c.add(path + ("type",), f"题型应为 {'、'.join(QUESTION_TYPES)} 之一（实际是{describe(qtype)}）")
        return None
    stem = _text(c, raw, "stem", path)
    explanation = _text(c, raw, "explanation", path)
    link = _text(c, raw, "link", path)
    if link and "#" not in link:
        c.add(path + ("link",), f"链接应指向页面中的小节，形如 theory/growth.md#小节（实际是{describe(link)}）")
    area = _area(c, raw["area"], path + ("area",)) if "area" in raw else quiz_area
    points = _number(c, raw.get("points", 1), path + ("points",), low=0, high=1000)
    scoring = raw.get("scoring", "partial")
    if "scoring" in raw and qtype != "multiple":
        c.add(path + ("scoring",), "只有多选题（multiple）可以设置 scoring")
    elif scoring not in MULTIPLE_SCORINGS:
        c.add(path + ("scoring",), f"应为 partial 或 all_or_nothing（实际是{describe(scoring)}）")
    if "answer" not in raw:
        c.add(path + ("answer",), "缺少答案")
        return None
    answer_raw = raw["answer"]
    answer_path = path + ("answer",)
    options: tuple[tuple[str, str], ...] = ()
    answer: tuple[Any, ...] = ()
    if qtype in ("single", "multiple"):
        options = _options(c, raw, path)
        keys = [key for key, _ in options]
        if qtype == "single":
            key = _choice_key(c, answer_raw, keys, answer_path)
            answer = (key,) if key else ()
        elif not isinstance(answer_raw, list) or len(answer_raw) < 2:
            c.add(answer_path, f"多选题的答案应为至少两个选项键的列表，如 [A, C]（实际是{describe(answer_raw)}）")
        else:
            chosen = [_choice_key(c, item, keys, answer_path + (i,)) for i, item in enumerate(answer_raw)]
            if len(set(answer_raw)) != len(answer_raw):
                c.add(answer_path, "答案中有重复的选项")
            answer = tuple(sorted(k for k in chosen if k))
    else:
        if "options" in raw:
            c.add(path + ("options",), "只有单选题和多选题可以有 options")
        if qtype == "truefalse":
            if not isinstance(answer_raw, bool):
                c.add(answer_path, f"判断题的答案应为 true 或 false（实际是{describe(answer_raw)}）")
            else:
                answer = ("true" if answer_raw else "false",)
                options = tuple(TRUE_FALSE_LABELS.items())
        else:
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
    )


def _includes(c: Collector, raw: Any) -> tuple[Include, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.add(("include",), f"应为列表（实际是{describe(raw)}）")
        return ()
    result: list[Include] = []
    for index, item in enumerate(raw):
        path: Path = ("include", index)
        if not isinstance(item, dict):
            c.add(path, f"应为映射，如 quiz: theory-growth（实际是{describe(item)}）")
            continue
        _unknown_keys(c, item, INCLUDE_KEYS, path)
        quiz_id = item.get("quiz")
        if not isinstance(quiz_id, str) or not ID_PATTERN.match(quiz_id):
            c.add(path + ("quiz",), f"应为另一份测验的 id（实际是{describe(quiz_id)}）")
            continue
        ids = item.get("questions")
        if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)):
            c.add(path + ("questions",), f"应为题目 id 的列表（实际是{describe(ids)}）")
            continue
        result.append(Include(quiz_id, None if ids is None else tuple(ids), path))
    return tuple(result)


def parse_quiz_spec(data: Any, source: Source = NO_SOURCE) -> QuizSpec:
    """Check one quiz file's data; raise ``DataError`` listing every problem."""
    c = Collector(source)
    if not isinstance(data, dict):
        c.add((), f"文件内容应为一个映射（id、title、questions…）（实际是{describe(data)}）")
        c.raise_if_any()
    _unknown_keys(c, data, QUIZ_KEYS, ())
    quiz_id = data.get("id")
    if not isinstance(quiz_id, str) or not ID_PATTERN.match(quiz_id):
        c.add(("id",), f"测验 id 应由小写字母、数字和连字符组成（实际是{describe(quiz_id)}）")
    title = _text(c, data, "title", ())
    description = _text(c, data, "description", (), required=False)
    area = _area(c, data.get("area"), ("area",))
    pass_mark = _number(c, data.get("pass_mark"), ("pass_mark",), low=0, high=100)
    includes = _includes(c, data.get("include"))
    raw_questions = data.get("questions", [])
    if not isinstance(raw_questions, list):
        c.add(("questions",), f"应为题目列表（实际是{describe(raw_questions)}）")
        raw_questions = []
    if not raw_questions and not includes:
        c.add(("questions",), "测验至少要有一道题（questions 或 include）")
    questions: list[Question] = []
    paths: dict[str, Path] = {}
    for index, raw in enumerate(raw_questions):
        path: Path = ("questions", index)
        question = _question(c, raw, path, area)
        if question is None:
            continue
        if question.id in paths:
            c.add(
                path + ("id",),
                f"题目 id 重复（实际是 '{question.id}'，已在 {_line_text(source, paths[question.id])} 用过）",
            )
            continue
        if area == MIXED_AREA and question.area == MIXED_AREA:
            c.add(path + ("area",), "综合测验中的每道题都要写明所属领域（area）")
        paths[question.id] = path
        questions.append(question)
    c.raise_if_any()
    quiz = Quiz(
        id=quiz_id,
        title=title,
        area=area,
        pass_mark=pass_mark,  # type: ignore[arg-type]
        description=description,
        questions=tuple(questions),
    )
    return QuizSpec(quiz, includes, source, paths)


def _line_text(source: Source, path: Path) -> str:
    line = source.line_of(path)
    return f"第 {line} 行" if line else "前面"


def parse_quiz(data: Any, source: Source = NO_SOURCE) -> Quiz:
    """Read a resolved quiz (the JSON a page sends) back into the model."""
    spec = parse_quiz_spec(data, source)
    if spec.includes:
        c = Collector(source)
        c.add(("include",), "已解析的测验不能再含 include")
        c.raise_if_any()
    return spec.quiz


def assemble_bank(specs: Iterable[QuizSpec]) -> dict[str, Quiz]:
    """Resolve includes and check ids across every quiz; raise ``DataError`` with all problems."""
    specs = list(specs)
    problems: list[Problem] = []
    by_id: dict[str, QuizSpec] = {}
    owner: dict[str, tuple[QuizSpec, Path]] = {}
    for spec in specs:
        c = Collector(spec.source)
        if spec.quiz.id in by_id:
            c.add(("id",), f"测验 id 重复（实际是 '{spec.quiz.id}'，{by_id[spec.quiz.id].source.name} 已用）")
        else:
            by_id[spec.quiz.id] = spec
        for question in spec.quiz.questions:
            path = spec.question_paths[question.id]
            if question.id in owner:
                other, other_path = owner[question.id]
                where = f"{other.source.name}:{other.source.line_of(other_path + ('id',))}"
                c.add(path + ("id",), f"题目 id 与其他测验重复（实际是 '{question.id}'，已在 {where} 用过）")
            else:
                owner[question.id] = (spec, path)
        problems.extend(c.problems)
    quizzes: dict[str, Quiz] = {}
    for spec in specs:
        c = Collector(spec.source)
        questions = list(spec.quiz.questions)
        for include in spec.includes:
            included = by_id.get(include.quiz_id)
            if included is None:
                c.add(include.path + ("quiz",), f"找不到这份测验（实际是 '{include.quiz_id}'）")
                continue
            if included.includes:
                c.add(include.path + ("quiz",), f"不能引用本身也含 include 的测验（实际是 '{include.quiz_id}'）")
                continue
            own = {q.id: q for q in included.quiz.questions}
            wanted = include.question_ids if include.question_ids is not None else tuple(own)
            for index, qid in enumerate(wanted):
                if qid not in own:
                    c.add(
                        include.path + ("questions", index), f"测验 '{include.quiz_id}' 中没有这道题（实际是 '{qid}'）"
                    )
                elif any(q.id == qid for q in questions):
                    c.add(include.path + ("questions", index), f"这道题已在本测验中（实际是 '{qid}'）")
                else:
                    questions.append(own[qid])
        if spec.quiz.area == MIXED_AREA:
            for question in questions:
                if question.area == MIXED_AREA:
                    c.add(("include",), f"综合测验中的题目 '{question.id}' 没有所属领域")
        problems.extend(c.problems)
        quizzes[spec.quiz.id] = replace(spec.quiz, questions=tuple(questions))
    if problems:
        raise DataError(problems)
    return quizzes


def check_links(spec: QuizSpec, anchors: Mapping[str, set[str]]) -> list[Problem]:
    """Problems with links of the quiz's own questions; ``anchors`` maps page paths to their ids."""
    c = Collector(spec.source)
    for question in spec.quiz.questions:
        page, _, anchor = question.link.partition("#")
        path = spec.question_paths[question.id] + ("link",)
        if page not in anchors:
            c.add(path, f"链接的页面不存在（实际是 '{page}'）")
        elif anchor not in anchors[page]:
            c.add(path, f"页面 {page} 中没有这个小节（实际是 '#{anchor}'）")
    return c.problems
