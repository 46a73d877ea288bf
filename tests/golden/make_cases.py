"""Write golden/cases.json: requests plus the replies CPython gives now.

Run after a deliberate change to the scoring rules, and review the diff:
``python -m tests.golden.make_cases``. The parity test then holds CPython and
Pyodide to these replies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scoring.api import call

from ..quizdata import question, quiz

HERE = Path(__file__).parent

MIXED = quiz(
    question("s1", points=2, area="理论学习"),
    question("m1", "multiple", points=3, area="政策制度"),
    question("m2", "multiple", points=2, scoring="all_or_nothing", area="政策制度"),
    question("t1", "truefalse", area="案例"),
    question("f1", "fill", points=2, area="基层工作方法"),
    area="综合",
    pass_mark=60,
)

CASES: list[tuple[str, dict[str, Any]]] = [
    ("all right", {"s1": "A", "m1": ["A", "B", "D"], "m2": ["A", "B", "D"], "t1": "true", "f1": ["半", "总结"]}),
    ("all empty", {}),
    ("partial multiple thirds", {"m1": ["A", "B"], "f1": ["０．５", ""]}),
    ("wrong ticks cancel", {"m1": ["A", "C"], "m2": ["A", "B"], "t1": "false"}),
    ("width and spaces in blanks", {"f1": [" 半 ", "总 结"], "s1": "B"}),
    ("all ticked", {"m1": ["A", "B", "C", "D"], "m2": ["A", "B", "C", "D"]}),
    ("bad shape", {"s1": ["A"]}),
    ("unknown question", {"zz": "A"}),
]


def build() -> list[dict[str, Any]]:
    cases = []
    for name, answers in CASES:
        request = {"op": "grade", "quiz": MIXED, "answers": answers}
        cases.append({"name": name, "request": request, "expected": call(request)})
    thirds = quiz(question("m1", "multiple", points=2), question("m2", "multiple", points=1), pass_mark=66.67)
    for answers in ({"m1": ["A"], "m2": ["A", "B"]}, {"m1": ["A", "B"], "m2": ["A", "B", "D"]}):
        request = {"op": "grade", "quiz": thirds, "answers": answers}
        cases.append({"name": f"thirds {answers}", "request": request, "expected": call(request)})
    broken = {"op": "grade", "quiz": quiz(question(answer="E")), "answers": {}}
    cases.append({"name": "invalid quiz", "request": broken, "expected": call(broken)})
    return cases


if __name__ == "__main__":
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    (HERE / "cases.json").write_text(text, encoding="utf-8")
