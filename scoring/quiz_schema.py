"""Validate quiz data (from YAML or JSON) into the model, collecting every problem.

Messages are Chinese because training officers read them in the build output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .errors import Collector, DataError, Path, Problem, Source, describe
from .fields import ID_PATTERN, flag, identifier, number, text, unknown_keys, whole_number
from .model import COMBINE_RULES, MIXED_AREA, AttemptRules, Question, Quiz
from .question_schema import area_field, parse_question

QUIZ_KEYS = {
    "id",
    "title",
    "area",
    "pass_mark",
    "description",
    "questions",
    "include",
    "draw",
    "shuffle_questions",
    "shuffle_options",
    "combine",
    "mastery",
    "time_limit",
    "hint_cost",
}
INCLUDE_KEYS = {"quiz", "questions"}
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


def _attempt_rules(c: Collector, data: Mapping[str, Any]) -> AttemptRules:
    draw = whole_number(c, data["draw"], ("draw",), low=1, high=1000) if "draw" in data else None
    shuffle_questions = (
        flag(c, data["shuffle_questions"], ("shuffle_questions",)) if "shuffle_questions" in data else False
    )
    shuffle_options = flag(c, data["shuffle_options"], ("shuffle_options",)) if "shuffle_options" in data else False
    combine = data.get("combine", "highest")
    if combine not in COMBINE_RULES:
        c.add(("combine",), f"应为 {'、'.join(COMBINE_RULES)} 之一（实际是{describe(combine)}）")
    mastery = None
    if "mastery" in data:
        raw = data["mastery"]
        if "combine" in data:
            c.add(("mastery",), "mastery 和 combine 只能选一个")
        if not isinstance(raw, dict):
            c.add(("mastery",), f"应为映射，如 {{correct: 4, of: 5}}（实际是{describe(raw)}）")
        else:
            unknown_keys(c, raw, {"correct", "of"}, ("mastery",))
            of = whole_number(c, raw.get("of"), ("mastery", "of"), low=1, high=100)
            correct = whole_number(c, raw.get("correct"), ("mastery", "correct"), low=1, high=of or 100)
            if of is not None and correct is not None:
                mastery = (correct, of)
    limit = number(c, data["time_limit"], ("time_limit",), low=0, high=600) if "time_limit" in data else None
    hint_cost = number(c, data.get("hint_cost", 0), ("hint_cost",), low=0, high=1, inclusive_low=True)
    return AttemptRules(
        draw=draw,
        shuffle_questions=shuffle_questions,
        shuffle_options=shuffle_options,
        combine=str(combine),
        mastery=mastery,
        time_limit_minutes=limit,
        hint_cost=hint_cost or 0.0,
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
        unknown_keys(c, item, INCLUDE_KEYS, path)
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
    unknown_keys(c, data, QUIZ_KEYS, ())
    quiz_id = identifier(c, data.get("id"), ("id",), "测验")
    title = text(c, data, "title", ())
    description = text(c, data, "description", (), required=False)
    area = area_field(c, data.get("area"), ("area",), MIXED_AREA)
    pass_mark = number(c, data.get("pass_mark"), ("pass_mark",), low=0, high=100)
    rules = _attempt_rules(c, data)
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
        question = parse_question(c, raw, path, area)
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
        rules=rules,
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
        draw = spec.quiz.rules.draw
        if draw is not None and draw > len(questions):
            c.add(("draw",), f"抽题数不能多于题目数 {len(questions)}（实际是 {draw}）")
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
