"""Small quiz dictionaries for unit tests, in the resolved form a page sends."""

from __future__ import annotations

from typing import Any


def question(qid: str = "q1", qtype: str = "single", **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": qid,
        "type": qtype,
        "stem": "题干",
        "explanation": "解析",
        "link": "page.md#小节",
    }
    if qtype == "single":
        base |= {"options": {"A": "甲", "B": "乙", "C": "丙"}, "answer": "A"}
    elif qtype == "multiple":
        base |= {"options": {"A": "甲", "B": "乙", "C": "丙", "D": "丁"}, "answer": ["A", "B", "D"]}
    elif qtype == "truefalse":
        base |= {"answer": True}
    elif qtype == "fill":
        base |= {"stem": "第一空____，第二空____。", "answer": [["半", "0.5"], ["总结"]]}
    base |= fields
    return base


def quiz(*questions: dict[str, Any], **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "sample",
        "title": "样例",
        "area": "政策制度",
        "pass_mark": 60,
        "questions": list(questions) or [question()],
    }
    data |= fields
    return data
