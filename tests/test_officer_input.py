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
