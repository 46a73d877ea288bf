"""Validation of quiz data: every mistake is reported with its field and what was found."""

from __future__ import annotations

from typing import Any

import pytest

from scoring.errors import DataError, Source
from scoring.quiz_schema import assemble_bank, check_links, parse_quiz_spec

from .quizdata import question, quiz


def problems(data: Any) -> list[str]:
    with pytest.raises(DataError) as caught:
        parse_quiz_spec(data, Source("q.yaml"))
    return [str(p) for p in caught.value.problems]


def test_valid_quiz_of_every_type_parses() -> None:
    """A quiz with one question of each type is accepted as written."""
    spec = parse_quiz_spec(
        quiz(*(question(f"q{i}", t) for i, t in enumerate(["single", "multiple", "truefalse", "fill"])))
    )
    assert ["single", "multiple", "truefalse", "fill"] == [q.type for q in spec.quiz.questions]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (quiz(question(colour="red")), "q.yaml: questions[0].colour: 未知的字段"),
        (quiz(level=3), "q.yaml: level: 未知的字段"),
        (quiz(question(answer="E")), "q.yaml: questions[0].answer: 应为选项 A、B、C 之一（实际是'E'）"),
        (
            quiz(question(qtype="multiple", answer=["A", "E"])),
            "q.yaml: questions[0].answer[1]: 应为选项 A、B、C、D 之一（实际是'E'）",
        ),
        (
            quiz(question(qtype="multiple", answer=["A"])),
            "q.yaml: questions[0].answer: 多选题的答案应为至少两个选项键的列表",
        ),
        (
            quiz(question(qtype="truefalse", answer="是")),
            "q.yaml: questions[0].answer: 判断题的答案应为 true 或 false（实际是'是'）",
        ),
        (
            quiz(question(qtype="fill", answer=[["半"]])),
            "q.yaml: questions[0].answer: 题干有 2 个空，答案应有 2 项（实际是 1 项）",
        ),
        (quiz(question(qtype="fill", stem="没有空")), "q.yaml: questions[0].stem: 填空题的题干应含有填空标记"),
        (
            quiz(question(options={"A": "甲", "B": True})),
            "q.yaml: questions[0].options.B: 选项文字应为非空文字（实际是布尔值 true",
        ),
        (
            quiz(question(options={"A": "甲", "B": 1.0})),
            "q.yaml: questions[0].options.B: 选项文字应为非空文字（实际是数字 1.0",
        ),
        (quiz(question(options={"A": "甲"})), "q.yaml: questions[0].options: 应有 2–8 个选项（实际是 1 个）"),
        (quiz(question(options={"a": "甲", "B": "乙"}, answer="B")), "q.yaml: questions[0].options.a: 选项键应为 A–H"),
        (
            quiz(question(qtype="truefalse", options={"A": "x", "B": "y"})),
            "q.yaml: questions[0].options: 判断题不用 options 字段",
        ),
        (
            quiz(question(scoring="all_or_nothing")),
            "q.yaml: questions[0].scoring: 单选题不用 scoring 字段",
        ),
        (
            quiz(question(qtype="multiple", scoring="some")),
            "q.yaml: questions[0].scoring: 应为 partial 或 all_or_nothing",
        ),
        (
            quiz(question(qtype="essay")),
            "q.yaml: questions[0].type: 题型应为 single、multiple、truefalse、fill、ordering、matching、scenario 之一（实际是'essay'）",
        ),
        (quiz(question(points=0)), "q.yaml: questions[0].points: 应大于 0 且不超过 1000（实际是 0）"),
        (quiz(question(points=True)), "q.yaml: questions[0].points: 应为数字（实际是布尔值 true）"),
        (quiz(question(link="page.md")), "q.yaml: questions[0].link: 链接应指向页面中的小节"),
        (quiz(question(explanation="")), "q.yaml: questions[0].explanation: 不能为空"),
        (quiz(pass_mark=120), "q.yaml: pass_mark: 应大于 0 且不超过 100（实际是 120）"),
        (quiz(area="历史"), "q.yaml: area: 应为 理论学习、政策制度、基层工作方法、案例、综合 之一（实际是'历史'）"),
        (quiz(id="Bad ID"), "q.yaml: id: 测验 id 应由小写字母、数字和连字符组成（实际是'Bad ID'）"),
        (quiz(question("q1"), question("q1")), "q.yaml: questions[1].id: 题目 id 重复（实际是 'q1'"),
        (quiz(question(area="综合"), area="综合"), "q.yaml: questions[0].area: 综合测验中的每道题都要写明所属领域"),
        (quiz(questions=[]), "q.yaml: questions: 测验至少要有一道题"),
        ([1, 2], "q.yaml: 文件内容应为一个映射"),
    ],
)
def test_mistake_is_reported_with_field_and_found_value(data: Any, expected: str) -> None:
    """Each kind of mistake names the field, what was expected and what was found."""
    found = problems(data)
    assert any(p.startswith(expected) for p in found), found


def test_missing_answer_is_reported() -> None:
    """A question without an answer is refused."""
    data = question()
    del data["answer"]
    assert ["q.yaml: questions[0].answer: 缺少答案"] == problems(quiz(data))


def test_every_problem_is_reported_at_once() -> None:
    """Two broken questions give two problems, not one."""
    assert 2 == len(problems(quiz(question("q1", answer="E"), question("q2", answer="F"))))


def test_problem_carries_the_line_of_the_field() -> None:
    """With line information, the message starts file:line."""
    source = Source("quizzes/x.yaml", {("questions", 0): 7, ("questions", 0, "answer"): 12})
    with pytest.raises(DataError) as caught:
        parse_quiz_spec(quiz(question(answer="E")), source)
    assert str(caught.value.problems[0]).startswith("quizzes/x.yaml:12: questions[0].answer:")


def spec(quiz_id: str, *questions: dict[str, Any], **fields: Any) -> Any:
    return parse_quiz_spec(quiz(*questions, id=quiz_id, **fields), Source(f"{quiz_id}.yaml"))


def test_include_takes_questions_from_another_quiz() -> None:
    """A quiz can reuse chosen questions of another quiz, with their area."""
    base = spec("base", question("b1"), question("b2"), area="案例")
    mixed = parse_quiz_spec(
        {
            "id": "mix",
            "title": "综合",
            "area": "综合",
            "pass_mark": 60,
            "include": [{"quiz": "base", "questions": ["b2"]}],
        },
        Source("mix.yaml"),
    )
    bank = assemble_bank([base, mixed])
    assert [("b2", "案例")] == [(q.id, q.area) for q in bank["mix"].questions]


def test_question_ids_are_unique_across_quizzes() -> None:
    """The same question id in two files is an error naming both places."""
    with pytest.raises(DataError, match="题目 id 与其他测验重复"):
        assemble_bank([spec("one", question("dup")), spec("two", question("dup"))])


def test_include_of_unknown_quiz_or_question_is_reported() -> None:
    """Includes must name an existing quiz and existing questions."""
    base = spec("base", question("b1"))
    bad = parse_quiz_spec(
        {
            "id": "x",
            "title": "x",
            "area": "案例",
            "pass_mark": 60,
            "include": [{"quiz": "base", "questions": ["b9"]}, {"quiz": "nope"}],
        },
        Source("x.yaml"),
    )
    with pytest.raises(DataError) as caught:
        assemble_bank([base, bad])
    assert 2 == len(caught.value.problems)


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("page.md#小节", []),
        ("other.md#小节", ["q.yaml: questions[0].link: 链接的页面不存在（实际是 'other.md'）"]),
        ("page.md#别处", ["q.yaml: questions[0].link: 页面 page.md 中没有这个小节（实际是 '#别处'）"]),
    ],
)
def test_links_must_reach_an_existing_section(link: str, expected: list[str]) -> None:
    """A link to a missing page or missing anchor is a problem."""
    parsed = parse_quiz_spec(quiz(question(link=link)), Source("q.yaml"))
    assert expected == [str(p) for p in check_links(parsed, {"page.md": {"小节"}})]


@pytest.mark.parametrize("field", ["points", "pass_mark"])
def test_a_number_that_is_not_finite_is_a_problem_not_a_crash(field: str) -> None:
    """YAML's ``.nan`` passed every bound check (NaN compares false) and crashed the content hash later."""
    data = quiz(question()) if field == "pass_mark" else quiz(question(points=float("nan")))
    if field == "pass_mark":
        data["pass_mark"] = float("nan")
    with pytest.raises(DataError) as caught:
        parse_quiz_spec(data, Source("q.yaml"))
    assert ["应为有限的数字（实际是 nan）"] == [p.message for p in caught.value.problems]
