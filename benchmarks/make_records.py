"""Realistic learners' records for the officer's report: real quizzes, real answers, real tallies.

Usage: .venv/bin/python benchmarks/make_records.py OUT_DIR [--count 10000] [--seed 1]
Each record is what a learner's device exports: built by ``scoring.record.build_record``
from random entries and attempts whose results come from ``scoring`` itself.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from quizkit.sources import load_bank, load_rule_sets
from scoring.attempts import grade_attempt
from scoring.credit_rules import RuleSet
from scoring.draw import present
from scoring.model import Quiz
from scoring.record import build_record, record_text

ROOT = Path(__file__).parent.parent
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "晓明华丽军红伟芳强静建国志海燕玉兰文斌俊杰思雨佳宁涛鹏"
UNITS = ["城关镇", "河西乡", "石桥镇", "县委组织部", "柳林村", "东坡社区"]


def random_answer(question: dict[str, Any], rng: random.Random, right: bool) -> Any:
    """The right answer, or a plausible wrong one."""
    kind, options = question["type"], list(question.get("options", {}))
    if kind == "single":
        return question["answer"] if right else rng.choice(options)
    if kind == "multiple":
        return question["answer"] if right else rng.sample(options, rng.randint(1, len(options)))
    if kind == "truefalse":
        return str(question["answer"]).lower() if right else rng.choice(["true", "false"])
    if kind == "fill":
        return [accepted[0] if right else "不知道" for accepted in question["answer"]]
    if kind == "ordering":
        order = question["answer"] if right else rng.sample(options, len(options))
        return {key: index + 1 for index, key in enumerate(order)}
    if kind == "matching":
        return question["answer"] if right else [rng.choice(options) for _ in question["prompts"]]
    return rng.choice(options)  # scenario


def attempt_for(quiz: Quiz, rng: random.Random, when: date, skill: float, number: int) -> dict[str, Any]:
    seed = rng.randrange(2**32)
    shown = present(quiz, seed).question_ids
    data = {q["id"]: q for q in quiz.to_dict()["questions"]}
    answers = {qid: random_answer(data[qid], rng, rng.random() < skill) for qid in shown}
    attempt: dict[str, Any] = {
        "id": f"a{number}",
        "quiz_id": quiz.id,
        "version": quiz.scoring_version,
        "seed": seed,
        "answers": answers,
        "hints": [],
    }
    result = grade_attempt(quiz, attempt)
    attempt["fingerprints"] = result["fingerprints"]
    stamp = f"{when.isoformat()}T0{rng.randint(1, 9)}:{rng.randint(10, 59)}:00Z"
    summary = {key: result[key] for key in ("points", "max_points", "percent", "passed")}
    return attempt | {"result": summary, "started_at": stamp, "submitted_at": stamp}


def learner_name(number: int) -> str:
    """A different name for each learner number (20 × 27² of them), as in a real class list."""
    surname, rest = divmod(number, len(GIVEN) ** 2)
    first, second = divmod(rest, len(GIVEN))
    return SURNAMES[surname % len(SURNAMES)] + GIVEN[first] + GIVEN[second]


def make_record(
    rules: RuleSet, quizzes: list[Quiz], rng: random.Random, today: date, learner: int = 0
) -> dict[str, Any]:
    skill = rng.uniform(0.4, 0.95)
    kinds = [k for k in rules.kinds if k.unit != "quiz"]
    entries = []
    for number in range(rng.randint(3, 25)):
        kind = rng.choice(kinds)
        day = date(today.year, 1, 1) + timedelta(days=rng.randint(0, (today - date(today.year, 1, 1)).days))
        amount: dict[str, Any] = (
            {"days": rng.randint(1, 5), "hours": None}
            if kind.unit == "time" and rng.random() < 0.5
            else {"days": None, "hours": rng.choice([1, 2, 3.5, 8])}
        )
        if kind.unit != "time":
            amount = {"days": None, "hours": None}
        entries.append(
            {
                "id": f"e{number}",
                "kind": kind.id,
                "date": day.isoformat(),
                **amount,
                "note": rng.choice(["", "县委党校", "线上课程"]),
                "created_at": f"{day}T08:00:00Z",
                "updated_at": f"{day}T08:00:00Z",
            }
        )
    attempts = [
        attempt_for(
            rng.choice(quizzes),
            rng,
            date(today.year, 1, 1) + timedelta(days=rng.randint(0, (today - date(today.year, 1, 1)).days)),
            skill,
            n,
        )
        for n in range(rng.randint(2, 20))
    ]
    profile = {"name": learner_name(learner), "unit": rng.choice(UNITS)}
    device = {
        "profile": profile,
        "settings": {"rule_set": rules.id, "term_start": None},
        "entries": entries,
        "attempts": attempts,
    }
    return build_record(rules, device, today, 480)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    bank = load_bank(ROOT / "quizzes", ROOT)
    rules = [r for r in load_rule_sets(ROOT / "quizzes/rules", ROOT) if r.period.type == "year"]
    quizzes = list(bank.quizzes.values())
    today = date(2026, 11, 20)
    options.out.mkdir(parents=True, exist_ok=True)
    for index in range(options.count):
        record = make_record(rng.choice(rules), quizzes, rng, today, index)
        (options.out / f"record-{index:05d}.json").write_text(record_text(record), encoding="utf-8")


if __name__ == "__main__":
    main()
