"""Our own YAML writer: what PyYAML reads back is exactly the data, and the build reads it like a hand-written file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from quizkit.officer.bank_yaml import emit_quiz
from quizkit.sources import load_bank
from quizkit.yaml_source import load_yaml
from scoring.quiz_schema import parse_quiz_spec

from .sites import MINI, ROOT

HOSTILE = [
    "注意: 以下哪项",
    "第 #1 题",
    "#开头",
    "'单引号'",
    '"双引号"',
    "It's",
    "  前后有空格  ",
    "\u3000全角空格开头",
    "第一行\n第二行",
    "结尾换行\n",
    "制表\t符",
    "ＡＢＣ：全角字母和冒号",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "null",
    "~",
    "1.10",
    "0.50",
    "84",
    "0x1F",
    "1:30",
    "2024-05-01",
    "1e5",
    ".inf",
    "-",
    "- 列表",
    "[多选] 以下哪些",
    "{映射}",
    "*别名",
    "&锚点",
    "!标签",
    "|竖线",
    ">折叠",
    "%指令",
    "@at",
    "`反引号",
    "<<",
    "=",
    "结尾冒号:",
    "a: b: c",
    "反斜杠 \\n 不是换行",
    "\x85下一行\u2028行分隔\u2029段分隔",
    "\ufeff字节序标记",
    "控制字符\x07\x1b\x7f",
    "emoji 😀",
    "",
]


def quiz_with(text: str) -> dict[str, Any]:
    """A quiz whose every text field (and option, prompt, answer, note) carries ``text``."""
    shown = text if text.strip() else "占位"
    return {
        "id": "hostile",
        "title": shown,
        "area": "政策制度",
        "pass_mark": 60,
        "description": text,
        "questions": [
            {
                "id": "hostile-01",
                "type": "fill",
                "stem": f"{shown}____",
                "answer": [[shown, text or "x"]],
                "explanation": shown,
                "hint": shown,
                "link": "secondment.md#考核要求",
            },
            {
                "id": "hostile-02",
                "type": "matching",
                "stem": shown,
                "prompts": [shown, shown + "2"],
                "options": {"A": shown, "B": shown + "B"},
                "answer": ["A", "B"],
                "explanation": shown,
                "link": "secondment.md#考核要求",
            },
            {
                "id": "hostile-03",
                "type": "scenario",
                "stem": shown,
                "options": {
                    "A": {"text": shown, "weight": 1, "note": text},
                    "B": {"text": shown + "B", "weight": 0.25},
                },
                "explanation": shown,
                "link": "secondment.md#考核要求",
                "points": 1.5,
            },
        ],
    }


def read_back(tmp_path: Path, text: str) -> Any:
    """The emitted text through the build's own loader and scoring's validation."""
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    data, source = load_yaml(path, "hostile.yaml")
    return data, parse_quiz_spec(data, source)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back_as_the_same_data(text: str) -> None:
    """Colons, quotes, #, spaces, line breaks, full-width characters, yes/no and 1.10 survive a round through PyYAML."""
    data = quiz_with(text)
    assert data == yaml.safe_load(emit_quiz(data))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_read_by_the_build_like_a_hand_written_file(tmp_path: Path, text: str) -> None:
    """The build's safe loader and scoring accept the file, and the quiz is the one the data describes."""
    data = quiz_with(text)
    loaded, spec = read_back(tmp_path, emit_quiz(data))
    assert (data, parse_quiz_spec(data).quiz) == (loaded, spec.quiz)


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=1, max_size=6), st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=3))
def test_any_text_and_numbers_read_back_as_the_same_data(words: list[str], numbers: list[float]) -> None:
    """Whatever characters an officer's cells hold, PyYAML reads back exactly what was written."""
    data: dict[str, Any] = {
        "title": words[0],
        "numbers": numbers,
        "questions": [{"stem": w, "options": {"A": w}, "answer": [[w, w]], "flag": True, "n": len(w)} for w in words],
    }
    assert data == yaml.safe_load(emit_quiz(data))


@pytest.mark.parametrize("root", [ROOT, MINI], ids=["shipped", "mini"])
def test_every_shipped_quiz_reemitted_reads_back_to_the_same_quiz(tmp_path: Path, root: Path) -> None:
    """Each quiz file, loaded and emitted again, is the same data and the same scoring version."""
    bank = load_bank(root / "quizzes", root)
    mismatched = []
    for path in sorted((root / "quizzes").glob("*.yaml")):
        data, _ = load_yaml(path, path.name)
        emitted = tmp_path / path.name
        emitted.write_text(emit_quiz(data), encoding="utf-8")
        again, source = load_yaml(emitted, path.name)
        spec = parse_quiz_spec(again, source)
        if again != data or spec.quiz != bank.specs[path.stem].quiz:
            mismatched.append(path.name)
    assert [] == mismatched


def test_the_output_is_deterministic_block_yaml() -> None:
    """The same data gives the same text; mappings are block style, option texts and answers quoted."""
    data = {"id": "q", "questions": [{"id": "q-01", "options": {"A": "甲"}, "answer": "A", "stem": "题干"}]}
    text = emit_quiz(data, comment="说明")
    assert (
        "# 说明\nid: q\nquestions:\n  - id: q-01\n    options:\n      A: '甲'\n    answer: 'A'\n    stem: 题干\n",
        text,
    ) == (emit_quiz(data, comment="说明"), text)
