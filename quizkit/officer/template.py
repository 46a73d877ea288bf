"""The blank question-bank template, 题库模板.xlsx: the 说明 sheet and one example of each question type.

Built at site build time and offered for download on the guide's quiz page; the examples are the
guide's own (policy/secondment.md), so the template imports as it is.
"""

from __future__ import annotations

from typing import Any

from scoring.model import Quiz
from scoring.quiz_schema import parse_quiz

from .bank_export import template_workbook

TEMPLATE_NAME = "题库模板.xlsx"
# Where the site offers it: beside the guide's page on quizzes, which links to it.
TEMPLATE_PATH = f"guide/{TEMPLATE_NAME}"
LINK = "policy/secondment.md#考核要求"
EXAMPLE: dict[str, Any] = {
    "id": "policy-example",
    "title": "挂职锻炼 · 练习",
    "area": "政策制度",
    "pass_mark": 60,
    "description": "检查你是否掌握挂职的期限、任务和考核要求。",
    "questions": [
        {
            "id": "policy-example-01",
            "type": "single",
            "stem": "年轻干部下基层挂职，时间一般为多长？",
            "options": {"A": "半年", "B": "一年", "C": "两年"},
            "answer": "B",
            "explanation": "两篇材料都说明挂职时间一般为一年。",
            "link": "policy/secondment.md#挂职去哪里多长时间",
        },
        {
            "id": "policy-example-02",
            "type": "multiple",
            "stem": "挂职干部到村后要做哪几件事？（多选）",
            "options": {"A": "维护社会稳定", "B": "解决民生问题", "C": "促进两委团结", "D": "代替村两委决定所有事务"},
            "answer": ["A", "B", "C"],
            "points": 2,
            "explanation": "稳定、民生、两委团结都是挂职干部的任务；挂职干部是协助，不是包办代替。",
            "link": "policy/secondment.md#四项工作任务",
        },
        {
            "id": "policy-example-03",
            "type": "truefalse",
            "stem": "挂职期间，挂职干部仍要承担原单位的全部工作。",
            "answer": False,
            "explanation": "挂职期间原则上与原单位工作脱钩，不再承担原单位的任务。",
            "link": LINK,
        },
        {
            "id": "policy-example-04",
            "type": "fill",
            "stem": "挂职干部每____年书面汇报一次工作，挂职期满写一份____。",
            "answer": [["半", "0.5"], ["工作总结", "总结"]],
            "points": 2,
            "explanation": "考核要求是每半年书面汇报一次，期满后写工作总结。",
            "link": LINK,
        },
        {
            "id": "policy-example-05",
            "type": "ordering",
            "stem": "把挂职干部要交的材料按时间先后排好。",
            "options": {"A": "挂职工作总结", "B": "第一次书面汇报", "C": "第二次书面汇报"},
            "answer": ["B", "C", "A"],
            "explanation": "每半年汇报一次，期满时写总结。",
            "link": LINK,
        },
        {
            "id": "policy-example-06",
            "type": "matching",
            "stem": "把左边的考核事项和它的频次连起来。",
            "prompts": ["挂职干部书面汇报工作", "挂职干部写调查报告", "组织部门跟踪考核"],
            "options": {"A": "每半年 1 次", "B": "挂职期间 1 篇", "C": "每个月 1 次"},
            "answer": ["A", "B", "A"],
            "points": 3,
            "explanation": "书面汇报和跟踪考核都是每半年 1 次，调查报告挂职期间写 1 篇。",
            "link": LINK,
        },
        {
            "id": "policy-example-07",
            "type": "scenario",
            "stem": "你到乡镇挂职第三个月，原单位让你这周回去写几天材料。你怎么办？",
            "options": {
                "A": {"text": "不打招呼，先回原单位把材料写完。", "weight": 0, "note": "不妥：擅自离岗。"},
                "B": {
                    "text": "说明挂职期间原则上与原单位脱钩，把材料底稿交代清楚，请单位另行安排。",
                    "weight": 1,
                    "note": "最佳：守住脱钩要求，又把交接做细。",
                },
                "C": {
                    "text": "先向乡镇党委请示，同意后回去帮两三天。",
                    "weight": 0.5,
                    "note": "可以接受，但只能是例外。",
                },
            },
            "points": 2,
            "hint": "想一想挂职期间和原单位工作是什么关系。",
            "explanation": "挂职期间原则上与原单位工作脱钩，又要交接好原单位工作、安心挂职。",
            "link": "policy/secondment.md#挂职纪律",
        },
    ],
}


def example_quiz() -> Quiz:
    return parse_quiz(EXAMPLE)


def template_bytes() -> bytes:
    """题库模板.xlsx, the same bytes on every build."""
    return template_workbook(example_quiz())
