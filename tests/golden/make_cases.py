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
from scoring.quiz_schema import parse_quiz
from scoring.version_archive import add_versions, page_versions

from ..ledgerdata import attempt, entry, kind, requirement, rules
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
        request: dict[str, Any] = {"op": "grade", "quiz": MIXED, "answers": answers}
        cases.append({"name": name, "request": request, "expected": call(request)})
    thirds = quiz(question("m1", "multiple", points=2), question("m2", "multiple", points=1), pass_mark=66.67)
    for answers in ({"m1": ["A"], "m2": ["A", "B"]}, {"m1": ["A", "B"], "m2": ["A", "B", "D"]}):
        request = {"op": "grade", "quiz": thirds, "answers": answers}
        cases.append({"name": f"thirds {answers}", "request": request, "expected": call(request)})
    kinds = quiz(
        question("o1", "ordering", points=6),
        question("x1", "matching", points=2),
        question("c1", "scenario", points=2),
        question("h1", hint="想一想"),
        hint_cost=0.5,
        draw=3,
        shuffle_questions=True,
        shuffle_options=True,
    )
    for seed in (1, 2, 4294967295):
        cases.append(
            {
                "name": f"present seed {seed}",
                "request": {"op": "present", "quiz": kinds, "seed": seed},
                "expected": call({"op": "present", "quiz": kinds, "seed": seed}),
            }
        )
    plain = quiz(
        question("o1", "ordering", points=6),
        question("x1", "matching", points=2),
        question("c1", "scenario", points=2),
        question("h1", hint="想一想"),
        hint_cost=0.5,
    )
    for name, answers, hints in (
        ("new types right", {"o1": {"A": 1, "B": 2, "C": 3, "D": 4}, "x1": ["A", "B"], "c1": "A", "h1": "A"}, []),
        (
            "ordering half and hint",
            {"o1": {"A": 2, "B": 1, "C": 4, "D": 3}, "x1": ["B", "B"], "c1": "B", "h1": "A"},
            ["h1"],
        ),
        ("ordering clash", {"o1": {"A": 1, "B": 1, "C": 3, "D": 4}, "x1": [None, "B"], "c1": "C"}, []),
    ):
        request = {"op": "grade", "quiz": plain, "answers": answers, "hints": hints, "seed": 7}
        cases.append({"name": name, "request": request, "expected": call(request)})
    mastery = quiz(question("q1"), question("q2"), mastery={"correct": 3, "of": 4})
    version = call({"op": "grade", "quiz": mastery, "answers": {}})["result"]["version"]
    attempts = [
        {"id": "a1", "version": version, "seed": 3, "answers": {"q1": "A", "q2": "B"}},
        {"id": "a2", "version": "old", "answers": {}, "result": {"percent": 50}},
        {"id": "a3", "version": version, "seed": 4, "answers": {"q1": "A", "q2": "A"}},
        {"id": "a4", "version": version, "seed": 5, "answers": {"q1": ["bad"]}},
    ]
    history_request: dict[str, Any] = {"op": "history", "quiz": mastery, "attempts": attempts}
    cases.append({"name": "history with mastery", "request": history_request, "expected": call(history_request)})
    cases.append({"name": "history of an older version", "request": older_history(), "expected": call(older_history())})
    state = call(
        {
            "op": "review_missed",
            "state": None,
            "quiz_id": "sample",
            "today": "2026-11-22",
            "questions": [{"id": "q1", "status": "wrong"}, {"id": "q2", "status": "correct"}],
        }
    )
    cases.append(
        {
            "name": "review queue",
            "request": {"op": "review_queue", "state": state["result"], "today": "2026-11-22", "cap": 5},
            "expected": call({"op": "review_queue", "state": state["result"], "today": "2026-11-22", "cap": 5}),
        }
    )
    answer = {
        "op": "review_answer",
        "state": state["result"],
        "question": question("q1"),
        "answer": "A",
        "today": "2026-11-22",
    }
    cases.append({"name": "review answer", "request": answer, "expected": call(answer)})
    broken = {"op": "grade", "quiz": quiz(question(answer="E")), "answers": {}}
    cases.append({"name": "invalid quiz", "request": broken, "expected": call(broken)})
    for name, request in ledger_requests():
        cases.append({"name": name, "request": request, "expected": call(request)})
    return cases


def older_history() -> dict[str, Any]:
    """An attempt made before q2's key moved from A to B, graded with the archived key the page ships."""
    made, corrected = parse_quiz(quiz(question("q1"), question("q2"))), quiz(question("q1"), question("q2", answer="B"))
    archive, _ = add_versions(None, [made])
    now = parse_quiz(corrected)
    attempts = [
        {"id": "o1", "version": made.scoring_version, "answers": {"q1": "A", "q2": "A"}},
        {"id": "o2", "version": made.version, "answers": {"q1": "A", "q2": "B"}},
        {"id": "o3", "version": now.scoring_version, "answers": {"q1": "A", "q2": "A"}},
        {"id": "o4", "version": "0" * 64, "answers": {}, "result": {"percent": 0}},
    ]
    return {"op": "history", "quiz": corrected, "attempts": attempts, "versions": page_versions(archive, now)}


def ledger_requests() -> list[tuple[str, dict[str, Any]]]:
    """Tally, export and import: caps, flags, quiz credits, windows, round trip and refusals."""
    yearly = rules(
        kind(),
        kind("online", cap_per_day=8, cap_per_year=20),
        kind("quiz", "quiz", hours_each=0.5),
        requirements=[
            requirement(),
            requirement("r2", ["online"], at_least=50),
            requirement("r3", measure="days", at_least=3),
        ],
    )
    entries = [
        entry("e1", days=2.5, note="县委党校"),
        entry("e2", "2026-03-02", "online", hours=9.25),
        entry("e3", "2026-03-02", "online", hours=4, note="第二门"),
        entry("e4", days=2.5, note="县委党校 "),
        entry("e5", "2027-01-01"),
        entry("e6", "2025-12-31"),
        entry("e7", kind_id="theme_activity"),
        entry("e8", hours=0),
    ]
    attempts = [
        attempt("a1", submitted="2025-12-31T17:00:00.000Z"),
        attempt("a2", submitted="2026-02-01T00:00:00.000Z"),
        attempt("a3", "quiz-b", passed=False),
    ]
    term = rules(
        kind("written_report", "count"),
        period={"type": "term", "months": 12},
        requirements=[requirement(kinds=["written_report"], measure="count", at_least=1, every="half_year")],
    )
    cycle = rules(
        kind("online"),
        period={"type": "cycle", "years": 5, "first_year": 2023},
        requirements=[requirement(kinds=["online"], at_least=50, every="year")],
    )
    base = {"today": "2026-11-22", "utc_offset_minutes": 480}
    device = {
        "profile": {"name": "张三", "unit": "某乡"},
        "settings": {"rule_set": "sample"},
        "entries": entries,
        "attempts": attempts,
    }
    text = call({"op": "export_record", "rules": yearly, "device": device, **base})["result"]["text"]
    return [
        (
            "tally caps flags quizzes",
            {"op": "tally", "rules": yearly, "entries": entries, "attempts": attempts, **base},
        ),
        (
            "tally past year",
            {"op": "tally", "rules": yearly, "entries": entries, "attempts": attempts, **base, "year": 2025},
        ),
        (
            "tally term half years",
            {
                "op": "tally",
                "rules": term,
                "entries": [entry("w1", "2026-05-01", "written_report")],
                "term_start": "2026-03-01",
                **base,
            },
        ),
        (
            "tally cycle years",
            {"op": "tally", "rules": cycle, "entries": [entry("o1", "2024-06-01", "online", hours=50)], **base},
        ),
        ("tally bad date", {"op": "tally", "rules": yearly, "entries": [], "today": "2026-13-01"}),
        ("export record", {"op": "export_record", "rules": yearly, "device": device, **base}),
        ("import record", {"op": "import_record", "text": text, "device": {"profile": {"name": "张三"}}}),
        ("import edited record", {"op": "import_record", "text": text.replace("9.25", "19.25"), "device": {}}),
    ]


if __name__ == "__main__":
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    (HERE / "cases.json").write_text(text, encoding="utf-8")
