"""Property tests: the JSON API never raises on anything a page can send, and scores stay in bounds."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.api import call, handle

KEYS = ["A", "B", "C", "D"]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)


@st.composite
def questions(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    qtype = draw(st.sampled_from(["single", "multiple", "truefalse", "fill", "ordering", "matching", "scenario"]))
    base: dict[str, Any] = {
        "id": qid,
        "type": qtype,
        "stem": "题",
        "explanation": "解",
        "link": "p.md#a",
        "area": "案例",
    }
    base["points"] = draw(st.integers(1, 10) | st.floats(0.1, 10))
    options = {k: f"选项{k}" for k in KEYS[: draw(st.integers(2, 4))]}
    keys = list(options)
    if qtype == "single":
        base |= {"options": options, "answer": draw(st.sampled_from(keys))}
    elif qtype == "multiple":
        base |= {
            "options": options,
            "answer": draw(st.lists(st.sampled_from(keys), min_size=2, unique=True)),
            "scoring": draw(st.sampled_from(["partial", "all_or_nothing"])),
        }
    elif qtype == "truefalse":
        base |= {"answer": draw(st.booleans())}
    elif qtype == "fill":
        blanks = draw(st.integers(1, 3))
        base |= {
            "stem": "空____" * blanks,
            "answer": [[draw(st.text(min_size=1, max_size=4).filter(str.strip))] for _ in range(blanks)],
        }
    elif qtype == "ordering":
        base |= {"options": options, "answer": draw(st.permutations(keys))}
    elif qtype == "matching":
        prompts = draw(st.integers(2, len(keys)))
        base |= {
            "options": options,
            "prompts": [f"左{i}" for i in range(prompts)],
            "answer": [draw(st.sampled_from(keys)) for _ in range(prompts)],
        }
    else:
        weights = [1.0] + [draw(st.sampled_from([0, 0.5, 1])) for _ in keys[1:]]
        base |= {"options": {k: {"text": t, "weight": w} for (k, t), w in zip(options.items(), weights, strict=True)}}
    return base


@st.composite
def quizzes(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 5))
    data: dict[str, Any] = {
        "id": "q",
        "title": "测",
        "area": "综合",
        "pass_mark": draw(st.integers(1, 100)),
        "questions": [draw(questions(f"q{i}")) for i in range(count)],
    }
    if draw(st.booleans()):
        data |= {
            "draw": draw(st.integers(1, count)),
            "shuffle_options": draw(st.booleans()),
            "shuffle_questions": draw(st.booleans()),
        }
    if draw(st.booleans()):
        data["hint_cost"] = draw(st.sampled_from([0, 0.25, 1]))
    return data


def well_shaped(question: dict[str, Any], rnd: Callable[[st.SearchStrategy[Any]], Any]) -> Any:
    keys = list(question.get("options", {})) or ["true", "false"]
    qtype = question["type"]
    if qtype == "multiple":
        return rnd(st.lists(st.sampled_from(keys), unique=True))
    if qtype == "fill":
        return rnd(st.lists(st.text(max_size=4), max_size=question["stem"].count("____")))
    if qtype == "ordering":
        return rnd(st.dictionaries(st.sampled_from(keys), st.none() | st.integers(1, len(keys))))
    if qtype == "matching":
        return rnd(st.lists(st.none() | st.sampled_from(keys), max_size=len(question["prompts"])))
    return rnd(st.none() | st.sampled_from(keys))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), quiz=quizzes(), seed=st.integers(0, 2**32 - 1))
def test_well_shaped_answers_score_within_bounds(data: st.DataObject, quiz: dict[str, Any], seed: int) -> None:
    """Any answers a page can send score between 0 and the maximum, per question and in total."""
    shown = call({"op": "present", "quiz": quiz, "seed": seed})["result"]["questions"]
    by_id = {q["id"]: q for q in quiz["questions"]}
    answers = {qid: well_shaped(by_id[qid], data.draw) for qid in shown}
    hints = data.draw(st.lists(st.sampled_from(shown), unique=True))
    reply = call({"op": "grade", "quiz": quiz, "answers": answers, "seed": seed, "hints": hints})
    assert reply["ok"], reply
    result = reply["result"]
    per_question = all(0 <= q["points"] <= q["max_points"] for q in result["questions"])
    assert (True, True, True) == (
        0 <= result["points"] <= result["max_points"],
        0 <= result["percent"] <= 100,
        per_question,
    )


@settings(max_examples=300, deadline=None)
@given(
    quiz=quizzes(),
    answers=st.dictionaries(st.sampled_from(["q0", "q1", "q2", "zz"]), json_values, max_size=4),
    seed=json_values,
)
def test_any_answers_give_a_reply_not_an_exception(quiz: dict[str, Any], answers: dict[str, Any], seed: Any) -> None:
    """Arbitrary JSON as answers or seed is refused with a message, never an unanticipated exception."""
    reply = json.loads(handle(json.dumps({"op": "grade", "quiz": quiz, "answers": answers, "seed": seed})))
    # "internal" would mean an exception our code did not anticipate, caught only by the last guard.
    assert "internal" != reply.get("error", {}).get("code")


@settings(max_examples=300, deadline=None)
@given(request=json_values)
def test_any_request_gives_a_reply_not_an_exception(request: Any) -> None:
    """Any JSON request whatsoever, to any operation, comes back as data with a considered message."""
    for op in ("grade", "present", "history", "review_missed", "review_queue", "review_answer", "nonsense"):
        body = request | {"op": op} if isinstance(request, dict) else request
        reply = json.loads(handle(json.dumps(body)))
        assert "internal" != reply.get("error", {}).get("code"), (op, body, reply)


FIELDS = [
    "quiz",
    "answers",
    "seed",
    "hints",
    "version",
    "attempts",
    "state",
    "today",
    "cap",
    "quiz_id",
    "questions",
    "question",
    "answer",
]


@settings(max_examples=400, deadline=None)
@given(
    op=st.sampled_from(["grade", "present", "history", "review_missed", "review_queue", "review_answer"]),
    values=st.fixed_dictionaries({}, optional={f: json_values for f in FIELDS}),
)
def test_every_field_of_every_operation_tolerates_any_json(op: str, values: dict[str, Any]) -> None:
    """Each operation's own fields filled with random JSON give a considered error, not an exception."""
    reply = json.loads(handle(json.dumps(values | {"op": op})))
    assert "internal" != reply.get("error", {}).get("code"), reply


near_valid_states = st.fixed_dictionaries(
    {
        "version": st.just(1),
        "items": st.dictionaries(
            st.text(max_size=3),
            json_values | st.fixed_dictionaries({"quiz_id": json_values, "box": json_values, "due": json_values}),
            max_size=3,
        ),
    },
    optional={"done": json_values, "mastered": json_values},
)


@settings(max_examples=400, deadline=None)
@given(
    op=st.sampled_from(["review_queue", "review_answer", "review_missed"]),
    state=near_valid_states,
    today=st.sampled_from(["2026-11-22", "2026-02-30", "x"]) | json_values,
)
def test_review_book_tolerates_damaged_state(op: str, state: dict[str, Any], today: Any) -> None:
    """A damaged wrong-answer book from the device is refused with a message, never crashes the engine."""
    request = {
        "op": op,
        "state": state,
        "today": today,
        "questions": [{"id": "q1", "status": "wrong"}],
        "quiz_id": "q",
        "question": {
            "id": "q1",
            "type": "truefalse",
            "stem": "s",
            "answer": True,
            "explanation": "e",
            "link": "p.md#a",
        },
        "answer": "true",
    }
    reply = json.loads(handle(json.dumps(request)))
    assert "internal" != reply.get("error", {}).get("code"), reply


YEARLY = {
    "id": "y",
    "title": "年度",
    "period": "year",
    "hours_per_day": {"value": 7.5, "source": "测试"},
    "kinds": [
        {"id": "centralised", "title": "集中培训", "unit": "time", "cap_per_day": 8, "source": "测试"},
        {"id": "quiz", "title": "自测", "unit": "quiz", "hours_each": 0.5, "source": "测试"},
    ],
    "requirements": [
        {
            "id": "r",
            "title": "不少于 90 学时",
            "kinds": ["centralised"],
            "measure": "hours",
            "at_least": 90,
            "source": "测试",
        }
    ],
}
entries = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.from_regex(r"e[0-9]{1,3}", fullmatch=True),
            "kind": st.sampled_from(["centralised", "quiz", "other"]),
            "date": st.dates().map(str) | json_values,
        },
        optional={
            "days": json_values | st.integers(0, 400),
            "hours": json_values | st.floats(0, 2000),
            "note": json_values,
        },
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(
    entries=entries,
    today=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 1, 1)),
)
def test_tally_of_any_ledger_stays_within_bounds(entries: list[dict[str, Any]], today: Any) -> None:
    """Any ledger tallies without an unanticipated error, and totals are never negative."""
    reply = call({"op": "tally", "rules": YEARLY, "entries": entries, "attempts": [], "today": today.isoformat()})
    assert "internal" != reply.get("error", {}).get("code"), reply
    if reply["ok"]:
        result = reply["result"]
        assert (True, True) == (
            result["total_hours"] >= 0,
            all(0 <= r["progress"] <= 1 for r in result["requirements"]),
        )
