"""What an officer types into quiz YAML reaches the learner as written, or is refused at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.sources import load_bank
from scoring.errors import DataError

FILL_QUIZ = """\
id: numbers
title: 数字答案
area: 政策制度
pass_mark: 60
questions:
  - id: n-fill
    type: fill
    stem: 版本____，编号____，时间____，是否____。
    answer:
      - {first}
      - ["{second}"]
      - "12:30"
      - "是"
    explanation: 解析。
    link: page.md#小节
"""


def bank_problems(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "numbers.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_bank(folder, tmp_path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("first", "second", "line", "found"),
    [
        ("1.10", "A", 10, "数字 1.1"),
        ("010", "A", 10, "数字 8"),
        ("12:30", "A", 10, "数字 750"),
        ("yes", "A", 10, "布尔值 true"),
        ('"1.10"', 'x", 010, "y', 11, "数字 8"),
    ],
)
def test_unquoted_number_as_fill_answer_is_refused_at_its_line(
    tmp_path: Path, first: str, second: str, line: int, found: str
) -> None:
    """YAML would store 1.10 as 1.1 and the learner who types 1.10 would score 0: refused, quote it."""
    problems = bank_problems(tmp_path, FILL_QUIZ.format(first=first, second=second))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"quizzes/numbers.yaml:{line}: questions[0].answer[")
    assert f"可接受的答案应为文字（实际是{found}；" in problems[0]
    assert "请加引号" in problems[0]


def yaml_problems(tmp_path: Path, content: str | bytes) -> list[str]:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    path = folder / "numbers.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_bank(folder, tmp_path)
    return [str(problem) for problem in caught.value.problems]


GOOD = FILL_QUIZ.format(first='"1.10"', second="A")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            GOOD.replace("    type: fill", "\ttype: fill"),
            "quizzes/numbers.yaml:7: 第 7 行用了制表符（Tab）缩进，YAML 只认空格",
        ),
        (
            GOOD.replace("title: 数字答案", "title：数字答案"),
            "quizzes/numbers.yaml:2: 第 2 行用了全角冒号“：”，请改成半角冒号“:”",
        ),
        (
            GOOD.replace("    stem:", "\u3000\u3000stem:"),
            "quizzes/numbers.yaml:8: 第 8 行开头用了全角空格，请换成半角空格",
        ),
        (GOOD.encode("gbk"), "quizzes/numbers.yaml: 文件像是 GBK（GB18030）编码，不是 UTF-8"),
        (GOOD.replace("title: 数字答案", "title: !!python/object/apply:os.system [echo]"), "请删除这个标签"),
    ],
)
def test_typing_slips_are_named_in_chinese_at_their_line(tmp_path: Path, content: str | bytes, expected: str) -> None:
    """Tab, full-width colon, full-width-space indent, GBK file, !!python tag: what it is and how to fix it."""
    problems = yaml_problems(tmp_path, content)
    assert len(problems) == 1, problems
    assert expected in problems[0], problems[0]


def test_misspelled_key_is_answered_with_the_key_meant(tmp_path: Path) -> None:
    problems = yaml_problems(tmp_path, GOOD.replace("    explanation:", "    explanaton:"))
    assert problems == [
        "quizzes/numbers.yaml:15: questions[0].explanaton: 未知的字段 'explanaton'，是不是想写 explanation？"
    ] or any("是不是想写 explanation" in p for p in problems), problems


def test_one_mistake_gives_one_message(tmp_path: Path) -> None:
    """Options rejected: the answer is not also reported as 'one of (nothing)'."""
    single = GOOD.replace(
        "    type: fill\n    stem: 版本____，编号____，时间____，是否____。\n    answer:\n"
        '      - "1.10"\n      - ["A"]\n      - "12:30"\n      - "是"\n',
        "    type: single\n    stem: 题干\n    options: [甲, 乙]\n    answer: B\n",
    )
    problems = yaml_problems(tmp_path, single)
    assert len(problems) == 1, problems
    assert "options" in problems[0]
