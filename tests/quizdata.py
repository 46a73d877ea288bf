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
    elif qtype == "ordering":
        base |= {"options": {"A": "推荐", "B": "考察", "C": "公示", "D": "任用"}, "answer": ["A", "B", "C", "D"]}
    elif qtype == "matching":
        base |= {
            "prompts": ["三驻三炼", "双推双考"],
            "options": {"A": "绍兴县", "B": "姜堰市", "C": "武义县"},
            "answer": ["A", "B"],
        }
    elif qtype == "scenario":
        base |= {
            "options": {
                "A": {"text": "先听双方讲清楚，再依规调解", "weight": 1, "note": "最佳"},
                "B": {"text": "请村干部去处理", "weight": 0.5, "note": "可以接受"},
                "C": {"text": "不予理会", "weight": 0, "note": "不妥"},
            }
        }
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
