"""Words shown to learners that both the built pages and the browser code use: written once, here.

``labels_module`` turns them into ``labels.js``, which the browser modules import, so a label
never differs between a page the build wrote and a panel a script drew.
"""

from __future__ import annotations

import json

# How several attempts combine into one figure (quiz rule ``combine``).
COMBINE = {"highest": "取最高分", "last": "以最后一次为准", "first": "以第一次为准", "average": "取平均分"}
# One question's outcome after scoring.
QUESTION_STATUS = {"correct": "正确", "partial": "部分正确", "wrong": "错误", "unanswered": "未作答"}
# A credit requirement's state in a tally.
REQUIREMENT_STATUS = {"met": "已完成", "open": "进行中", "overdue": "已逾期"}

LABELS = {"COMBINE": COMBINE, "QUESTION_STATUS": QUESTION_STATUS, "REQUIREMENT_STATUS": REQUIREMENT_STATUS}


def labels_module() -> bytes:
    lines = ["// Written by the build from quizkit/pages/labels.py; edit the labels there."]
    for name, labels in LABELS.items():
        lines.append(f"export const {name} = Object.freeze({json.dumps(labels, ensure_ascii=False)});")
    return ("\n".join(lines) + "\n").encode("utf-8")
