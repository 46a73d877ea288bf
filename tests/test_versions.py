"""Scoring fingerprints and versions: wording edits keep them, anything that decides a score moves them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizkit.sources import load_bank
from scoring.attempts import grade_attempt
from scoring.quiz_schema import parse_quiz
from tests.quizdata import question, quiz
from tests.test_properties import quizzes, well_shaped

ROOT = Path(__file__).parent.parent
Edit = Callable[[dict[str, Any]], None]


def _each_question(change: Callable[[dict[str, Any]], None]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for q in data["questions"]:
            change(q)

    return edit


def _retext_options(q: dict[str, Any]) -> None:
    for key, value in q.get("options", {}).items():
        if isinstance(value, dict):
            value["text"] += "（改）"
            value["note"] = "新的点评"
        else:
            q["options"][key] = value + "（改）"


# Edits an officer makes to wording: none may change a score.
WORDING_EDITS: dict[str, Edit] = {
    "stem": _each_question(lambda q: q.update(stem=q["stem"].replace("。", "！") + "！")),
    "option text": _each_question(_retext_options),
    "explanation": _each_question(lambda q: q.update(explanation=q["explanation"] + "！")),
    "hint": _each_question(lambda q: q.update(hint="想一想")),
    "link": _each_question(lambda q: q.update(link="other.md#别处")),
    "area": _each_question(lambda q: q.update(area="理论学习")),
    "title": lambda data: data.update(title="新标题", description="新的说明"),
    "option shuffle": lambda data: data.update(shuffle_options=not data.get("shuffle_options", False)),
}


def _scored(data: dict[str, Any]) -> tuple[str, dict[str, str], str]:
    parsed = parse_quiz(data)
    return parsed.scoring_version, parsed.fingerprints, parsed.version


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=quizzes(), edit=st.sampled_from(sorted(WORDING_EDITS)))
def test_wording_edits_keep_the_scoring_version(data: dict[str, Any], edit: str) -> None:
    before = _scored(data)
    changed = copy.deepcopy(data)
    WORDING_EDITS[edit](changed)
    after = _scored(changed)
    assert after[:2] == before[:2]


def _first(data: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = data["questions"][0]
    return first


def _bump_points(data: dict[str, Any]) -> None:
    _first(data)["points"] = _first(data).get("points", 1) + 1


def _add_option(data: dict[str, Any]) -> None:
    """A new option key (or, where a type has none to add, a new accepted answer or a flipped key)."""
    q = _first(data)
    if q["type"] == "truefalse":
        q["answer"] = not q["answer"]
    elif q["type"] == "fill":
        q["answer"][0].append("另一个答案")
    else:
        q["options"]["H"] = {"text": "新", "weight": 0} if q["type"] == "scenario" else "新"
        if q["type"] == "ordering":
            q["answer"] = [*q["answer"], "H"]


# Edits that change a score (or which questions a seed shows): each must give a new version.
SCORING_EDITS: dict[str, Edit] = {
    "points": _bump_points,
    "option key": _add_option,
    "pass mark": lambda data: data.update(pass_mark=data["pass_mark"] % 100 + 1),
    "draw": lambda data: data.update(draw=len(data["questions"]) + 1),
    "question shuffle": lambda data: data.update(shuffle_questions=not data.get("shuffle_questions", False)),
    "combine": lambda data: data.update(combine="last"),
    "hint cost": lambda data: data.update(hint_cost=0.5 if data.get("hint_cost") != 0.5 else 0.75),
    "time limit": lambda data: data.update(time_limit=17),
    "question order": lambda data: data["questions"].reverse() if len(data["questions"]) > 1 else _bump_points(data),
    "question id": lambda data: _first(data).update(id="renamed"),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=quizzes(), edit=st.sampled_from(sorted(SCORING_EDITS)))
def test_score_changing_edits_move_the_scoring_version(data: dict[str, Any], edit: str) -> None:
    data.pop("combine", None)
    if edit == "draw":
        data.pop("draw", None)
    before = _scored(data)
    changed = copy.deepcopy(data)
    SCORING_EDITS[edit](changed)
    after = _scored(changed)
    assert after[0] != before[0]


@pytest.mark.parametrize(
    ("qtype", "field", "value"),
    [
        ("single", "answer", "B"),
        ("multiple", "answer", ["A", "B"]),
        ("multiple", "scoring", "all_or_nothing"),
        ("truefalse", "answer", False),
        ("fill", "answer", [["半", "一半"], ["总结"]]),
        ("fill", "answer", [["半", "0.5"], ["总结"], ["经验"]]),
        ("ordering", "answer", ["B", "A", "C", "D"]),
        ("matching", "answer", ["B", "A"]),
        (
            "scenario",
            "options",
            {
                "A": {"text": "先听双方讲清楚，再依规调解", "weight": 1},
                "B": {"text": "请村干部去处理", "weight": 0.25},
                "C": {"text": "不予理会", "weight": 0},
            },
        ),
    ],
)
def test_each_kind_of_answer_data_is_in_the_fingerprint(qtype: str, field: str, value: Any) -> None:
    original = question(qtype=qtype)
    changed = question(qtype=qtype, **{field: value})
    if qtype == "fill" and len(value) == 3:
        changed["stem"] = "____、____和____。"
    assert parse_quiz(quiz(original)).fingerprints != parse_quiz(quiz(changed)).fingerprints


def test_equal_forms_of_one_key_share_a_fingerprint() -> None:
    """What the grader cannot tell apart is not a new version: 2 and 2.0 points, accepted answers
    reordered or in another width, a multiple-choice key listed in another order."""
    plain = parse_quiz(quiz(question(qtype="multiple"), question("q2", "fill", points=2)))
    same = parse_quiz(
        quiz(
            question(qtype="multiple", answer=["D", "B", "A"]),
            question("q2", "fill", points=2.0, answer=[["０.５", "半"], ["总结"]]),
        )
    )
    assert same.scoring_version == plain.scoring_version


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=quizzes(),
    edit=st.sampled_from(sorted(WORDING_EDITS | SCORING_EDITS)),
    rnd=st.data(),
    seed=st.integers(0, 2**32 - 1),
)
def test_one_scoring_version_means_one_score(data: dict[str, Any], edit: str, rnd: st.DataObject, seed: int) -> None:
    """Whenever two quizzes share a scoring version, every attempt scores the same in both."""
    changed = copy.deepcopy(data)
    (WORDING_EDITS | SCORING_EDITS)[edit](changed)
    before, after = parse_quiz(data), parse_quiz(changed)
    if before.scoring_version != after.scoring_version:
        return
    from scoring.draw import present

    shown = present(before, seed).question_ids
    by_id = {q["id"]: q for q in data["questions"]}
    attempt = {"seed": seed, "answers": {qid: well_shaped(by_id[qid], rnd.draw) for qid in shown}}
    totals = ("points", "max_points", "percent", "passed")
    one, other = grade_attempt(before, attempt), grade_attempt(after, attempt)
    assert {k: one[k] for k in totals} == {k: other[k] for k in totals}
    assert [q["points"] for q in one["questions"]] == [q["points"] for q in other["questions"]]


def test_shipped_quizzes_have_distinct_scoring_versions() -> None:
    bank = load_bank(ROOT / "quizzes", ROOT)
    versions = [q.scoring_version for q in bank.quizzes.values()]
    assert len(set(versions)) == len(versions)
    assert all(len(fp) == 32 for q in bank.quizzes.values() for fp in q.fingerprints.values())


def test_the_issue_typo_keeps_every_scoring_version() -> None:
    """Issue 14: one "。" → "！" in one explanation of theory-growth moves the content hash of every
    quiz that holds the question (the area and quick-check quizzes too), and no scoring version."""
    bank = load_bank(ROOT / "quizzes", ROOT)
    growth = bank.quizzes["theory-growth"]
    target = next(q.id for q in growth.questions if "。" in q.explanation)
    touched = 0
    for original in bank.quizzes.values():
        data = original.to_dict()
        for q in data["questions"]:
            if q["id"] == target:
                q["explanation"] = q["explanation"].replace("。", "！", 1)
        edited = parse_quiz(data)
        touched += edited.version != original.version
        assert edited.scoring_version == original.scoring_version, original.id
    assert touched > 1
