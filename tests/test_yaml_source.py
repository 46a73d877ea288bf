"""Safe YAML reading with line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizkit.yaml_source import load_yaml
from scoring.errors import DataError, Source


def load(tmp_path: Path, text: str) -> tuple[Any, Source]:
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, "q.yaml")


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    return str(caught.value)


def test_lines_are_recorded_per_field(tmp_path: Path) -> None:
    """Each key and list item remembers the line it starts on."""
    data, source = load(tmp_path, "id: x\nquestions:\n  - id: a\n    answer: B\n")
    assert (data["questions"][0]["answer"], source.line_of(("questions", 0, "answer"))) == ("B", 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1\n", "q.yaml:2: YAML 格式错误"),
        ("a: 1\na: 2\n", "q.yaml:2: 字段重复"),
        ("a: !!python/object/apply:os.system [echo hi]\n", "q.yaml:1: 不允许的 YAML 标签"),
        ("a:\n  b: !!python/name:os.system\n", "q.yaml:2: 不允许的 YAML 标签"),
        ("a: !!binary aGk=\n", "q.yaml:1: 不允许的 YAML 标签或类型"),
        ("a: 2024-01-01\n", "q.yaml:1: 不允许的 YAML 标签或类型"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "q.yaml:3: 不支持 YAML 合并键"),
        ("", "q.yaml:1: 文件是空的"),
    ],
)
def test_bad_yaml_is_reported_at_its_line(tmp_path: Path, text: str, expected: str) -> None:
    """Unparsable or unsafe YAML stops at its line; nothing is constructed."""
    assert error_of(tmp_path, text).startswith(expected)


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    """Aliases that would expand to millions of nodes are refused, not expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    assert "文件展开后过大" in error_of(tmp_path, "\n".join(lines) + "\n")


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    """A GBK-encoded file is refused with a readable message."""
    path = tmp_path / "q.yaml"
    path.write_bytes("标题: 测验\n".encode("gbk"))
    with pytest.raises(DataError, match="不是 UTF-8 编码"):
        load_yaml(path, "q.yaml")
